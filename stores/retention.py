"""Conversation retention: a conversation whose last event is older than the retention period is deleted.

    python -m stores.retention purge [--days N] [--endpoints FILE]

The same command forgets the eligibility self-check of a conversation abandoned in the middle of one: idle for
longer than a session lasts (domain.yml, session_expiration_time), its next message would start a new session
and so end the check, which the private tracker store then redacts; this does it without waiting for a message.

The period is CONVERSATION_RETENTION_DAYS (default 30) unless --days is given; the tracker store is the one the
endpoints file configures (ENDPOINTS, default endpoints.yml), read with the same variables as the Rasa server.
`make purge-conversations` runs it with the Makefile's variables.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from typing import List, Optional

from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import read_endpoint_config
from sqlalchemy import func

from stores.private_tracker_store import PrivateTrackerStore
from stores.self_check_redaction import FORM

DOMAIN = Path(__file__).resolve().parents[1] / "domain.yml"

DEFAULT_RETENTION_DAYS = 30
SECONDS_PER_DAY = 86400


def retention_days(value: Optional[str] = None) -> int:
    """The retention period in whole days: --days, else CONVERSATION_RETENTION_DAYS, else 30."""
    raw = value if value is not None else os.environ.get("CONVERSATION_RETENTION_DAYS", str(DEFAULT_RETENTION_DAYS))
    if not raw.strip().isdigit() or int(raw) < 1:
        raise ValueError(f"the retention period must be a whole number of days, at least 1 (got {raw!r})")
    return int(raw)


def purge(store: SQLTrackerStore, days: int, now: Optional[float] = None) -> int:
    """Deletes every conversation whose newest event is older than `days`; returns how many were deleted."""
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    event = store.SQLEvent
    with store.session_scope() as session:
        expired = [sender for (sender,) in session.query(event.sender_id).group_by(event.sender_id)
                   .having(func.max(event.timestamp) < cutoff)]
        for start in range(0, len(expired), 500):  # bounded IN lists
            session.query(event).filter(event.sender_id.in_(expired[start:start + 500])).delete(
                synchronize_session=False)
        session.commit()
    return len(expired)


def forget_abandoned_checks(store: PrivateTrackerStore, idle_minutes: float, now: Optional[float] = None) -> int:
    """Redacts the check in progress of every conversation idle for `idle_minutes`; returns how many rows."""
    cutoff = (time.time() if now is None else now) - idle_minutes * 60
    event = store.SQLEvent
    with store.session_scope() as session:
        with_a_check = session.query(event.sender_id).filter(event.type_name == "active_loop",
                                                             event.action_name == FORM).distinct()
        idle = [sender for (sender,) in session.query(event.sender_id).filter(event.sender_id.in_(with_a_check))
                .group_by(event.sender_id).having(func.max(event.timestamp) < cutoff)]
    return sum(store.redact_finished_checks(sender, abandoned=True) for sender in idle)


def session_minutes() -> float:
    return Domain.load(str(DOMAIN)).session_config.session_expiration_time


def configured_store(endpoints_file: str) -> SQLTrackerStore:
    config = read_endpoint_config(endpoints_file, endpoint_type="tracker_store")
    store = TrackerStore.create(config) if config else None
    if not isinstance(store, SQLTrackerStore):
        raise ValueError(f"{endpoints_file} configures no SQL tracker store, so there is nothing to purge")
    return store


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stores.retention", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    purge_command = commands.add_parser("purge", help="delete the conversations older than the retention period")
    purge_command.add_argument("--days", help="retention period in days (default: CONVERSATION_RETENTION_DAYS or 30)")
    purge_command.add_argument("--endpoints", default=os.environ.get("ENDPOINTS", "endpoints.yml"))
    arguments = parser.parse_args(argv)
    try:
        days = retention_days(arguments.days)
        store = configured_store(arguments.endpoints)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    deleted = purge(store, days)
    print(f"Deleted {deleted} conversation(s) with no event in the last {days} day(s).")
    if isinstance(store, PrivateTrackerStore):
        minutes = session_minutes()
        forgotten = forget_abandoned_checks(store, minutes)
        print(f"Redacted {forgotten} stored event(s) of self-checks abandoned for more than {minutes:g} minutes.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
