"""The packages' boundaries: what the NLU components may import, and the Rasa actions the action server finds."""
from __future__ import annotations

import json
import subprocess
import sys

import yaml

from tests.conftest import ROOT

# The NLU components run inside the Rasa server: reading a message must not need the answers or the database.
# The NLU may read the topic and message catalogues (actions.answers.topics, messages, suggestions), never compose.
FORBIDDEN_IN_NLU = ("actions.answers.composers", "actions.answers.formatting", "actions.answers.refusal", "actions.vacancy_db", "actions.eligibility.report", "actions.eligibility.form",
                    "actions.actions", "sqlalchemy", "rasa_sdk")


def _modules_loaded_by(*modules: str) -> list:
    """The modules that importing these loads, in a fresh interpreter (so nothing else is loaded already)."""
    code = f"import sys, json; import {', '.join(modules)}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_nlu_components_import_neither_the_composers_nor_the_database():
    loaded = _modules_loaded_by("components.intent_rules", "components.linear_intent_classifier")
    assert "actions.understanding.intent_rules" in loaded  # the check looks at the right import graph
    assert [m for m in loaded if m.startswith(FORBIDDEN_IN_NLU)] == []


def test_the_action_server_registers_every_action_of_the_domain():
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert set(domain["actions"]) <= set(executor.actions)


# What a test that uses the trained model contains: `make test` runs the tests without the needs_model mark while the
# model is still training, so such a test unmarked would read a missing or stale model.
USES_THE_MODEL = ("start_assistant(", "import MODEL", "Agent.load(", '"make", "--no-print-directory", "run"',
                  '"make", "--no-print-directory", "shell"', '"-m", "actions.followup"', '"tests/stories"')


def test_every_test_module_that_uses_the_trained_model_is_marked_needs_model():
    sources = {path.name: path.read_text() for path in sorted((ROOT / "tests").glob("test_*.py"))
               if path.name != "test_layout.py"}  # this module names the uses without making them
    unmarked = [name for name, source in sources.items()
                if any(use in source for use in USES_THE_MODEL) and "pytest.mark.needs_model" not in source]
    assert unmarked == []
    assert "pytest.mark.needs_model" in sources["test_rest_e2e.py"]  # the check finds marks
