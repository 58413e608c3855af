"""The French training data (data/nlu/fr_*.yml) covers every intent and never repeats, even without accents or
punctuation, a message of the blind French evaluation sets (bench/data/fr_*.jsonl)."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from tests.test_nlu_data import documented_intents

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from nlu_benchmark import folded  # noqa: E402 - the benchmarks' own comparison of two writers' messages

FRENCH_TRAINING = sorted((ROOT / "data" / "nlu").glob("fr_*.yml"))
BLIND_SETS = sorted((ROOT / "bench" / "data").glob("fr_*.jsonl"))
MIN_FRENCH_TRAINING = 12


@pytest.fixture(scope="module")
def french_examples():
    examples = []
    for path in FRENCH_TRAINING:
        examples += [(m.get("intent"), m.get("text")) for m in load_data(str(path)).intent_examples]
    return examples


def test_every_intent_has_french_training_examples(french_examples):
    counts = Counter(intent for intent, _ in french_examples)
    assert {intent: counts[intent] for intent in documented_intents() if counts[intent] < MIN_FRENCH_TRAINING} == {}


def test_no_french_training_example_is_a_blind_evaluation_message(french_examples):
    assert len(BLIND_SETS) == 2
    blind = {folded(json.loads(line)["text"]) for path in BLIND_SETS
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert len(blind) > 300
    assert [text for _, text in french_examples if folded(text) in blind] == []
