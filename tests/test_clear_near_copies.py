"""A new writer's file is cleared of near copies of the evaluation messages and of what is already trained."""
from __future__ import annotations

import json
import subprocess
import sys

import yaml

from tests.conftest import ROOT


def test_near_copies_and_trained_examples_are_dropped(tmp_path):
    validation = json.loads((ROOT / "bench" / "data" / "en_validation.jsonl").read_text(encoding="utf-8").splitlines()[0])
    new = tmp_path / "new.yml"
    new.write_text(yaml.safe_dump({"version": "3.1", "nlu": [{"intent": "ask_stipend", "examples": "\n".join([
        f"- {validation['text'].upper()}!",  # the same words, another case and punctuation
        "- how much is the stipend?",  # trained already
        "- what do the interns take home each month, roughly speaking, in euros",
        "- what do the interns take home each month, roughly speaking, in euros",
    ])}]}), encoding="utf-8")
    out = tmp_path / "out.yml"
    result = subprocess.run([sys.executable, "scripts/clear_near_copies.py", str(new), str(out)], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    kept = yaml.safe_load(out.read_text(encoding="utf-8"))["nlu"]
    assert kept == [{"intent": "ask_stipend", "examples": "- what do the interns take home each month, roughly speaking, in euros\n"}]
    assert "'near an evaluation message': 1, 'already trained': 1, 'repeated': 1" in result.stdout
