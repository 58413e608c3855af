"""The question offered when the classifier is unsure: only a likely in-scope question, never a decline."""
from __future__ import annotations

import pytest

from actions.actions import INTENT_TOPICS
from actions.answers.suggestions import MIN_SUGGESTED_CONFIDENCE, offer, subject, suggested_intent


def test_the_best_guess_after_the_fallback_is_offered():
    ranking = [("nlu_fallback", 0.66), ("ask_documents", 0.55), ("ask_document_language", 0.2)]
    assert suggested_intent(ranking) == "ask_documents"
    assert offer("ask_documents") == (
        "Sorry, I'm not sure I understood, and I'd rather not guess. Did you want to know about the documents to "
        "attach? Say \"yes\" and I'll answer that, or ask in other words.")


@pytest.mark.parametrize(
    "ranking",
    [
        [("nlu_fallback", 0.66), ("out_of_scope", 0.5), ("ask_deadline", 0.4)],  # most likely out of scope
        [("nlu_fallback", 0.66), ("greet", 0.5), ("ask_deadline", 0.4)],  # small talk is not offered
        [("nlu_fallback", 0.66), ("request_drafting", 0.6)],  # a drafting guess is never offered
        [("nlu_fallback", 0.66), ("ask_uncovered_topic", 0.6)],
        [("nlu_fallback", 0.66), ("ask_deadline", MIN_SUGGESTED_CONFIDENCE - 0.01)],  # too weak
        [("nlu_fallback", 0.66)],
        [],
    ],
)
def test_nothing_is_offered_unless_a_question_is_likely(ranking):
    assert suggested_intent(ranking) is None


def test_every_offered_question_is_one_the_assistant_answers():
    assert {intent for intent in INTENT_TOPICS if subject(intent)} == set(INTENT_TOPICS) - {"ask_uncovered_topic"}
