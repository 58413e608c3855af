"""What to say when the classifier is unsure: decline to guess, but name the question it most likely was.

Below the confidence threshold the assistant does not answer (a wrong answer with a source looks authoritative).
Where the classifier's best in-scope guess is still fairly likely, the reply names that question and offers it:
the user confirms with "yes" (or a button) and gets the answer, or asks again in other words. Out-of-scope,
drafting and small-talk guesses are never offered.
"""
from __future__ import annotations

from typing import Optional, Sequence, Tuple

from actions.answers.messages import msg
from actions.answers.topics import topic_of_intent

# A guess below this is too weak to be worth offering; the reply then only says what can be answered.
MIN_SUGGESTED_CONFIDENCE = 0.25  # the fallback threshold is 0.49 (config.yml)


def subject(intent: str) -> Optional[str]:
    """The subject of the question an intent asks, in plain words ("the stipend"); None if it is never offered."""
    topic = topic_of_intent(intent)
    return msg(topic.message("subject")) if topic and "subject" in topic.messages else None


def suggested_intent(ranking: Sequence[Tuple[str, float]]) -> Optional[str]:
    """The classifier's best guess (after the fallback's own entry) when it is a question intent likely enough
    to offer; None when the best guess is out of scope, small talk or too weak."""
    guesses = [(intent, confidence) for intent, confidence in ranking if intent != "nlu_fallback"]
    if not guesses:
        return None
    intent, confidence = guesses[0]
    return intent if subject(intent) and confidence >= MIN_SUGGESTED_CONFIDENCE else None


def offer(suggestion: str) -> str:
    """The decline with the question offered (without one, the domain's utter_default says what can be asked)."""
    return msg("suggestion.offer", subject=subject(suggestion))
