"""The test stories (tests/stories/) through `rasa test core --fail-on-prediction-errors` on the trained model.

Run as a test, rather than as a step after pytest, so that it runs beside the other tests (pytest-xdist)."""
from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import ROOT
from tests.servers import MODEL, RASA, require_model

pytestmark = [pytest.mark.timeout(900), pytest.mark.needs_model]


def test_every_test_story_is_predicted_as_written(tmp_path):
    require_model()
    result = subprocess.run(
        [str(RASA), "test", "core", "--model", str(MODEL), "--stories", "tests/stories",
         "--fail-on-prediction-errors", "--out", str(tmp_path), "--quiet"],
        cwd=ROOT, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"}, capture_output=True, text=True,
    )
    failed = tmp_path / "failed_test_stories.yml"
    assert result.returncode == 0, (failed.read_text() if failed.exists() else "") + result.stdout[-5000:] + result.stderr[-5000:]


def test_every_test_story_message_is_understood_as_its_story_says():
    """`rasa test core` above checks the actions from the stories' intents, not how their texts are read. Here
    each text is parsed as the conversation parses it, with the last topic its story's earlier turns leave
    (as bench/nlu_benchmark.py does); turns inside the self-check are the form's to read and are left out."""
    require_model()
    import sys

    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActiveLoop, UserUttered
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader

    sys.path.insert(0, str(ROOT / "bench"))
    from nlu_benchmark import Example, read_all

    domain = Domain.load(str(ROOT / "domain.yml"))
    examples = []
    for path in sorted((ROOT / "tests" / "stories").glob("*.yml")):
        for step in YAMLStoryReader(domain).read_from_file(str(path)):
            context, in_form = [], False
            for event in step.events:
                if isinstance(event, ActiveLoop):
                    in_form = event.name is not None
                elif isinstance(event, UserUttered) and event.text:
                    if not in_form:
                        examples.append(Example(event.text, event.intent_name, path.name, list(context)))
                    context.append((event.intent_name, event.text))
    misread = [f"{e.kind}: {e.text!r} is {r.intent}, not {e.intent}"
               for e, r in zip(examples, read_all(MODEL, examples)) if r.intent != e.intent]
    assert len(examples) > 120 and not misread, "\n".join(misread)
