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
