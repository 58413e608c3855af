"""The topic catalogue (topics.yml): for each topic the intent that asks it, the facts it answers from, its
composer kind, its message ids, the subject offered back and the keywords of a further question.

Everything that used to list topics by hand (the intent-to-topic map, the composer registry, the suggestions,
the further-topic keywords) is derived from here, so a topic is added in one place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Tuple

import yaml

CATALOGUE = Path(__file__).resolve().with_suffix(".yml")  # topics.yml
_FIELDS = {"intent", "kind", "facts", "label", "column", "criterion", "messages", "keywords", "remembered", "compares"}
_MESSAGE_ROLES = {"missing", "lead_in", "stated", "subject"}


@dataclass(frozen=True)
class Topic:
    name: str
    kind: str
    intent: Optional[str] = None
    facts: Tuple[str, ...] = ()
    label: Optional[str] = None  # the policy paragraph, for topics answered from "policies"
    column: Optional[str] = None  # the typed column of a "stated" topic
    criterion: Optional[str] = None  # the essential criterion of a "criterion" topic
    messages: Dict[str, str] = field(default_factory=dict)  # role -> message id
    keywords: Dict[str, re.Pattern] = field(default_factory=dict)  # language -> further-question pattern
    remembered: bool = True
    compares: bool = False  # answered for every vacancy unless the question names two or more

    @property
    def fact(self) -> str:
        """The fact field the topic quotes first."""
        return self.facts[0]

    def message(self, role: str) -> str:
        """The message id for this role ("missing", "lead_in", "stated", "subject")."""
        return self.messages[role]


def _topic(name: str, entry: dict) -> Topic:
    unknown = set(entry) - _FIELDS
    roles = set(entry.get("messages", {})) - _MESSAGE_ROLES
    if unknown or roles or "kind" not in entry:
        raise ValueError(f"{CATALOGUE.name}: topic {name!r} has unknown fields {sorted(unknown | roles)} or no kind")
    keywords = {language: re.compile(pattern, re.IGNORECASE) for language, pattern in entry.get("keywords", {}).items()}
    return Topic(name=name, kind=entry["kind"], intent=entry.get("intent"), facts=tuple(entry.get("facts", ())),
                 label=entry.get("label"), column=entry.get("column"), criterion=entry.get("criterion"),
                 messages=dict(entry.get("messages", {})), keywords=keywords, remembered=entry.get("remembered", True),
                 compares=entry.get("compares", False))


@lru_cache(maxsize=1)
def topics() -> Dict[str, Topic]:
    """Every topic of the catalogue, by name, in the catalogue's order."""
    entries = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    return {name: _topic(name, entry) for name, entry in entries.items()}


def topic_named(name: str) -> Topic:
    return topics()[name]


@lru_cache(maxsize=1)
def intent_topics() -> Dict[str, str]:
    """Intent -> topic it asks ("ask_stipend" -> "stipend")."""
    return {t.intent: t.name for t in topics().values() if t.intent}


def topic_of_intent(intent: Optional[str]) -> Optional[Topic]:
    name = intent_topics().get(intent or "")
    return topics()[name] if name else None
