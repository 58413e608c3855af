"""Which stored events belong to a finished eligibility self-check, and what they become once it is over.

The README promises that the self-check's answers are forgotten when the check ends. Rasa's tracker keeps an
event log, so clearing the slots is not enough: the user messages, their parse data and every SlotSet of an
answer stay in it. A check in progress must survive a restart, so its events are stored as they are until
the check ends (the form is deactivated: finished or stopped), the conversation session ends, or the
conversation is abandoned for longer than a session lasts (stores.retention); then every user
and bot event of the check, from the message that started it to the end of the turn that closed it, and every
value of an answer slot, is replaced by its redacted form. Pure functions over event dictionaries (the form Rasa
stores), so that the tracker store and the tests share them.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

FORM = "eligibility_form"
ANSWER_SLOTS = frozenset({"answer_nationality", "answer_age", "answer_studies", "answer_language"})
REDACTED = {"redacted": "eligibility self-check"}  # the metadata that marks an event as redacted
SESSION_BOUNDARIES = frozenset({"session_started", "restart"})

Event = Dict[str, Any]


def is_redacted(event: Event) -> bool:
    return (event.get("metadata") or {}).get("redacted") == REDACTED["redacted"]


def check_spans(events: Sequence[Event], abandoned: bool = False) -> Tuple[List[range], Optional[int]]:
    """The index ranges of the checks that are over (from the user message that started each one to the end of
    the turn in which the form was deactivated, or to the start of the next conversation session), and where
    the check still in progress starts, if there is one. An abandoned conversation's check in progress is over
    too: its next message would start a new session."""
    finished: List[range] = []
    start: Optional[int] = None
    closing = False  # the form is deactivated; the span runs on to the end of that turn
    last_user: Optional[int] = None
    for index, event in enumerate(events):
        kind = event.get("event")
        if start is not None and (kind in SESSION_BOUNDARIES or (closing and kind == "user")):
            finished.append(range(start, index))
            start, closing = None, False
        if kind == "user":
            last_user = index
        elif kind in SESSION_BOUNDARIES:
            last_user = None
        elif kind == "active_loop":
            if event.get("name") == FORM and start is None:
                start = last_user if last_user is not None else index
            elif event.get("name") != FORM and start is not None:
                closing = True
    if start is not None and (closing or abandoned):
        finished.append(range(start, len(events)))
        start = None
    return finished, start


def redacted(event: Event) -> Event:
    """The event without anything the applicant said or the check reported; the intent name stays, so that
    the dialogue policies read the conversation's shape as before."""
    kind = event.get("event")
    if kind == "user":
        intent = (event.get("parse_data") or {}).get("intent") or {}
        return {**event, "text": "", "metadata": dict(REDACTED),
                "parse_data": {"intent": {k: intent[k] for k in ("name", "confidence") if k in intent},
                               "entities": [], "text": ""}}
    if kind == "bot":
        return {**event, "text": None, "data": {}, "metadata": dict(REDACTED)}
    if kind == "slot" and event.get("name") in ANSWER_SLOTS:
        return {**event, "value": None, "metadata": dict(REDACTED)}
    return event


def needs_redaction(event: Event) -> bool:
    return redacted(event) is not event and not is_redacted(event)


def indices_to_redact(events: Sequence[Event], abandoned: bool = False) -> Set[int]:
    """Every event of a finished check, and every answer slot value outside the check in progress (a new
    session carries the slots over, and so would carry the answers)."""
    finished, open_start = check_spans(events, abandoned)
    in_finished_check = {index for span in finished for index in span}
    candidates: Iterable[int] = (
        index for index, event in enumerate(events)
        if index in in_finished_check
        or (event.get("event") == "slot" and event.get("name") in ANSWER_SLOTS
            and (open_start is None or index < open_start))
    )
    return {index for index in candidates if needs_redaction(events[index])}
