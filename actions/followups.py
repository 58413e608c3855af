"""Elliptical follow-ups: "what proof do they need" after reasonable accommodation, "which language should they be"
after documents.

Such a message names no subject of its own: its pronoun points at the topic answered last. The NLU
(components.understood_text) classifies it a second time with that topic's words added, and components.intent_rules
keeps whichever reading the classifier is surer of, so a follow-up that is a question of its own ("is it paid?")
keeps its own meaning.
"""
from __future__ import annotations

import re
from typing import Optional

from actions.suggestions import SUBJECTS

FOLLOW_UP_MAX_WORDS = 12
# A pronoun or a determiner that points back, or an opening that continues the last question.
_POINTS_BACK = re.compile(
    r"\b(?:they|them|their|it|its|those|these|that|this|there|such|ones?)\b|^\W*(?:and|what\s+about|how\s+about|also|so)\b",
    re.IGNORECASE,
)


def topic_intent(topic: str) -> str:
    """The intent whose answer is the topic (the last_topic slot holds topics, see actions.actions)."""
    return topic if topic == "list_vacancies" else f"ask_{topic}"


def is_elliptical(text: str) -> bool:
    """A short message that points back at something said before."""
    return len(re.findall(r"\w+", text)) <= FOLLOW_UP_MAX_WORDS and bool(_POINTS_BACK.search(text))


def with_context(text: str, last_topic: Optional[str]) -> Optional[str]:
    """The follow-up with the last topic's words added ("which language should they be (the documents to
    attach)"), or None when it is not elliptical or there is no topic to add."""
    subject = SUBJECTS.get(topic_intent(last_topic)) if last_topic else None
    return f"{text} ({subject})" if subject and is_elliptical(text) else None
