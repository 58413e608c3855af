"""Deterministic intent rules that back up the statistical classifier where its mistakes cost most.

Each rule recognises a message by its form and names the intent it must have. A rule applies always (the
drafting refusal must never be bypassed) or only over certain predictions (a bare "I'm Estonian" that the
classifier declined as out of scope is a statement about the nationality criterion).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, FrozenSet, Optional

from actions import clock
from actions.drafting_policy import is_drafting_request
from actions.eligibility import UNCLEAR, check_nationality

DECLINES = frozenset({"out_of_scope", "nlu_fallback", "ask_uncovered_topic"})
SMALL_TALK = frozenset({"greet", "goodbye", "thank", "affirm", "deny", "help", "bot_challenge"})
# "written in Hungarian", "translated into Greek", "I speak Polish": a language, not a nationality.
_LANGUAGE_USE = re.compile(
    r"\b(?:in|into|speak|speaks|speaking|spoken|fluent)\s+\w+(?:\s*(?:,|and|or|&)\s*\w+)*", re.IGNORECASE
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i am|my|me)\b", re.IGNORECASE)
_GREETING = re.compile(
    r"^\W*(?:h+i+|hello+|hey+|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening|day)|bonjour|salut|hallo|yo)\b"
    r"(?P<rest>[^?]*)$",
    re.IGNORECASE,
)
_FAREWELL = re.compile(
    r"^\W*(?:bye+|good\s*bye|bye\s+bye|see\s+(?:you|ya)(?:\s+later)?|so\s+long|cheerio|farewell|ciao|take\s+care"
    r"|au\s+revoir|later|catch\s+you\s+later)\W*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class IntentRule:
    intent: str
    matches: Callable[[str], bool]
    overrides: Optional[FrozenSet[str]] = None  # predictions it replaces; None: every prediction


def states_nationality(text: str) -> bool:
    """ "I'm Estonian", "i'm from ukraine, is that a problem": the person names their own country."""
    if not _FIRST_PERSON.search(text):
        return False
    return check_nationality(_LANGUAGE_USE.sub(" ", text), clock.in_brussels(clock.now()).date()).status != UNCLEAR


def is_greeting(text: str) -> bool:
    """A hello with at most a few words after it and no question."""
    match = _GREETING.match(text.strip())
    return bool(match) and len(re.findall(r"\w+", match.group("rest"))) <= 4


def is_farewell(text: str) -> bool:
    return bool(_FAREWELL.match(text.strip()))


RULES = (
    IntentRule("request_drafting", is_drafting_request),
    IntentRule("goodbye", is_farewell),
    IntentRule("greet", is_greeting, DECLINES | SMALL_TALK),
    IntentRule("ask_nationality_requirement", states_nationality, DECLINES | SMALL_TALK),
)


def rule_intent(text: str, predicted: Optional[str]) -> Optional[str]:
    """The intent a rule assigns to the message given the classifier's prediction, or None to keep it."""
    for rule in RULES:
        if (rule.overrides is None or predicted in rule.overrides) and rule.matches(text):
            return rule.intent
    return None
