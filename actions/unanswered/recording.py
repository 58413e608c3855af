"""Records a message that ended in the out-of-scope, not-understood or not-in-the-notice reply.

Called by the actions after they have composed their reply. What is kept: the masked text, the classifier's
best guess and its confidence, the time, the vacancy in focus and the channel. Never the sender id, and
nothing while the eligibility self-check is running (its answers are personal). The row is written on a
background thread, so recording never delays the reply, and any failure is logged, never raised.
"""
from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Dict, Optional

from rasa_sdk import Tracker

from actions import clock
from actions.unanswered.masking import mask_personal_data
from actions.vacancy_db.models import UnansweredMessage
from actions.vacancy_db.repository import open_session

logger = logging.getLogger(__name__)

RECORDING_VARIABLE = "UNANSWERED_RECORDING"  # "off" disables recording (the follow-up tool's own action server)
FALLBACK_INTENT = "nlu_fallback"


class Reason(str, Enum):
    OUT_OF_SCOPE = "out_of_scope"
    NOT_UNDERSTOOD = "not_understood"
    NOT_IN_NOTICE = "not_in_notice"


@dataclass(frozen=True)
class UnansweredRecord:
    text: str
    reason: str
    intent: Optional[str]
    confidence: Optional[float]
    recorded_at: datetime
    vacancy: Optional[str]
    channel: Optional[str]


def payload_not_in_notice(payload: Dict[str, Any]) -> bool:
    """Whether a factual reply's payload says the notice does not answer: a question no notice covers, or a
    topic every notice in question is silent on (every answer the notices give cites at least one sentence)."""
    return payload.get("topic") == "uncovered_topic" or not payload.get("sources")


def recording_enabled() -> bool:
    return os.environ.get(RECORDING_VARIABLE, "on").strip().lower() not in {"off", "0", "false", "no"}


def record_from_tracker(tracker: Tracker, reason: Reason, text: str, vacancy: Optional[str]) -> Optional[UnansweredRecord]:
    """What is kept of the latest message, or None while the eligibility self-check is running or when the
    message is blank (nothing for the office to read)."""
    if tracker.active_loop_name or not text.strip():
        return None
    message = tracker.latest_message or {}
    ranking = [r for r in message.get("intent_ranking") or [] if r.get("name") != FALLBACK_INTENT]
    guess = ranking[0] if ranking else (message.get("intent") or {})
    return UnansweredRecord(
        text=mask_personal_data(text),
        reason=reason.value,
        intent=guess.get("name"),
        confidence=guess.get("confidence"),
        recorded_at=clock.now(),
        vacancy=vacancy,
        channel=tracker.get_latest_input_channel(),
    )


def store(record: UnansweredRecord, url: Optional[str] = None) -> bool:
    """Writes one record; False (and a log entry) when the database refuses or cannot be reached."""
    try:
        with open_session(url) as session, session.begin():
            session.add(UnansweredMessage(**asdict(record)))
        return True
    except Exception:  # noqa: BLE001 - recording must never break a reply, whatever goes wrong
        logger.exception("could not record an unanswered message")
        return False


_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="unanswered-recording")


def record_unanswered(tracker: Tracker, reason: Reason, text: str, vacancy: Optional[str]) -> Optional[Future]:
    """Queues the record of an unanswered message for writing; never raises and never waits for the database."""
    try:
        if not recording_enabled():
            return None
        record = record_from_tracker(tracker, reason, text, vacancy)
        return None if record is None else _writer.submit(store, record)
    except Exception:  # noqa: BLE001 - as in store(): the reply goes out whatever happens here
        logger.exception("could not record an unanswered message")
        return None
