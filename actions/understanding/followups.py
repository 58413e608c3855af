"""Elliptical follow-ups: "what proof do they need" after reasonable accommodation, "which language should they be"
after documents.

Such a message names no subject of its own: its pronoun points at the topic answered last ("what proof do they
need"), it opens as a continuation ("and after the deadline?"), or it is short and reads as nothing alone
("does a master count too?"). The NLU (components.understood_text) classifies a short message a second time
with the last topic's words added; components.intent_rules keeps that reading where the classifier is surer of
it and the message points back, where it continues and the message alone already leans to that reading, or
where the message alone was not understood. A follow-up that is a question of its own ("is it paid?") keeps its
own meaning.
"""
from __future__ import annotations

import re
from typing import Optional

from actions.answers.suggestions import subject as subject_of

FOLLOW_UP_MAX_WORDS = 12
# Topics that a follow-up does not refine: after the list of vacancies, "what does the intern do there?" asks
# about the vacancy named, not about the list.
NOT_REFINED = frozenset({"list_vacancies"})
# A pronoun or a determiner that points back at what was answered.
_POINTS_BACK = re.compile(r"\b(?:they|them|their|it|its|those|these|that|this|there|such)\b", re.IGNORECASE)
# An opening that continues the last question. What follows it may name a new question ("and where exactly?"
# after the start date, "so no part-time?" after the hours) or go on with the last one ("and after the deadline?").
_CONTINUES = re.compile(r"^\W*(?:and|what\s+about|how\s+about|also|so)\b", re.IGNORECASE)


def topic_intent(topic: str) -> str:
    """The intent whose answer is the topic (the last_topic slot holds topics, see actions.actions)."""
    return topic if topic == "list_vacancies" else f"ask_{topic}"


def is_short(text: str) -> bool:
    return len(re.findall(r"\w+", text)) <= FOLLOW_UP_MAX_WORDS


def refers_back(text: str) -> bool:
    """The text has a pronoun or a determiner that points at something said before it."""
    return bool(_POINTS_BACK.search(text))


def points_back(text: str) -> bool:
    """A short message that points back at something said before."""
    return is_short(text) and refers_back(text)


def continues(text: str) -> bool:
    """A short message that opens as a continuation of the last question."""
    return is_short(text) and bool(_CONTINUES.search(text))


def with_context(text: str, last_topic: Optional[str]) -> Optional[str]:
    """A short message with the last topic's words added ("which language should they be (the documents to
    attach)"), or None when it is long or there is no topic to add."""
    subject = subject_of(topic_intent(last_topic)) if last_topic and last_topic not in NOT_REFINED else None
    return f"{text} ({subject})" if subject and is_short(text) else None
