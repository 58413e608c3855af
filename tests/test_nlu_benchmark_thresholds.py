"""The benchmark's per-intent thresholds: a threshold by the classifier's top intent, rules keeping their reading,
and an intent moved off the global threshold only when the messages it is chosen on gain enough from it."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from nlu_benchmark import Example, Reading, at_threshold, intent_thresholds  # noqa: E402


def reading(intent: str, confidence: float, by_rule: bool = False) -> Reading:
    return Reading(intent, confidence, [(intent, confidence), ("out_of_scope", 1 - confidence)], by_rule)


def test_a_threshold_applies_by_the_top_intent_and_rules_keep_theirs():
    limits = {"ask_stipend": 0.7}
    assert at_threshold(reading("ask_stipend", 0.6), limits, 0.45) == "nlu_fallback"
    assert at_threshold(reading("ask_deadline", 0.6), limits, 0.45) == "ask_deadline"
    assert at_threshold(reading("ask_stipend", 0.1, by_rule=True), limits, 0.45) == "ask_stipend"
    assert at_threshold(reading("ask_stipend", 0.5), 0.45) == "ask_stipend"


def test_an_intent_moves_only_when_its_own_threshold_gains_the_margin():
    # ask_stipend: three wrong answers between 0.45 and 0.6, right ones above: worth a higher threshold.
    examples = [Example("a", "ask_deadline")] * 3 + [Example("b", "ask_stipend")] * 3 + [Example("c", "ask_age")]
    readings = [reading("ask_stipend", 0.5)] * 3 + [reading("ask_stipend", 0.9)] * 3 + [reading("ask_age", 0.4)]
    limits = intent_thresholds(examples, readings, [], start=0.45, margin=2)
    assert 0.5 < limits["ask_stipend"] <= 0.9
    assert "ask_age" not in limits  # one message gained (0.4 >= 0.35): below the margin
    assert intent_thresholds(examples, readings, [], start=0.45, margin=4) == {}
