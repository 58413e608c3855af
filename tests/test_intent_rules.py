"""The deterministic intent rules: what they catch, and that they leave the classifier's answers alone."""
from __future__ import annotations

import pytest

from actions.intent_rules import rule_intent


@pytest.mark.parametrize(
    "text, predicted, expected",
    [
        ("write my cover letter", "ask_documents", "request_drafting"),  # always overrides
        ("I'm Estonian", "out_of_scope", "ask_nationality_requirement"),
        ("i'm from ukraine, is that a problem", "nlu_fallback", "ask_nationality_requirement"),
        ("my citizenship is Japanese, does that matter", "greet", "ask_nationality_requirement"),
        ("good morning from Madrid", "out_of_scope", "greet"),
        ("heyyy :)", "out_of_scope", "greet"),
        ("hi, good to see you", "goodbye", "greet"),
        ("so long", "ask_duration", "goodbye"),
        ("cheerio!", "nlu_fallback", "goodbye"),
    ],
)
def test_rules_replace_the_prediction(text, predicted, expected):
    assert rule_intent(text, predicted) == expected


@pytest.mark.parametrize(
    "text, predicted",
    [
        ("I'm Swedish, what's the stipend?", "ask_stipend"),  # an in-scope answer is kept
        ("hi, what is the deadline?", "ask_deadline"),
        ("hello, can you tell me about the telework policy and the hours", "ask_telework"),
        ("what's the weather in Sweden", "out_of_scope"),  # no first person: not a statement about oneself
        ("I live in Belgium", "out_of_scope"),
        ("how long does it last", "ask_duration"),
        ("tell us a joke", "out_of_scope"),
        ("my diploma is in Hungarian, what should I do", "nlu_fallback"),  # a language, not a nationality
        ("I speak Polish and German", "out_of_scope"),
    ],
)
def test_rules_leave_other_messages_alone(text, predicted):
    assert rule_intent(text, predicted) is None
