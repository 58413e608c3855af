"""The private tracker store reads conversations with its own statements: what it reads and what it stores must be
what Rasa's SQLTrackerStore reads and stores, session boundaries and other conversations included."""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import List

import pytest
import sqlalchemy
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url

from stores.private_tracker_store import PrivateTrackerStore

DOMAIN = Domain.from_yaml("version: '3.1'\nslots:\n  vacancy:\n    type: any\n    mappings: [{type: custom}]\n")


def turn(text: str, when: float) -> List[Event]:
    return [UserUttered(text, {"name": "ask_stipend", "confidence": 0.9}, timestamp=when),
            ActionExecuted("action_answer_question", timestamp=when + 0.1),
            BotUttered(f"answer to {text}", timestamp=when + 0.2), SlotSet("vacancy", "250775", timestamp=when + 0.2),
            ActionExecuted("action_listen", timestamp=when + 0.3)]


def new_session(when: float) -> List[Event]:
    return [ActionExecuted("action_session_start", timestamp=when), SessionStarted(timestamp=when),
            ActionExecuted("action_listen", timestamp=when + 0.01)]


def store_for(dialect: str, tmp_path: Path, postgres_url: str = "") -> PrivateTrackerStore:
    if dialect == "sqlite":
        return PrivateTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "conversations.sqlite3"))
    url = make_url(postgres_url)
    return PrivateTrackerStore(DOMAIN, dialect="postgresql", host=url.host, port=url.port, db=url.database,
                               username=url.username)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path: Path) -> PrivateTrackerStore:
    postgres_url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else ""
    tracker_store = store_for(request.param, tmp_path, postgres_url)
    yield tracker_store
    tracker_store.engine.dispose()


def saved_turn_by_turn(store: PrivateTrackerStore, sender: str, turns: List[List[Event]]) -> DialogueStateTracker:
    """Saves the conversation as the Rasa server does: retrieve, add the turn's events, save."""
    for events in turns:
        tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, DOMAIN.slots)
        for event in events:
            tracker.update(event)
        asyncio.run(store.save(tracker))
    return tracker


def dicts(tracker: DialogueStateTracker) -> List[dict]:
    return [event.as_dict() for event in tracker.events]


def test_each_turn_stores_only_its_new_events_and_reads_back_the_latest_session(store: PrivateTrackerStore):
    saved_turn_by_turn(store, "other", [new_session(50.0), turn("not mine", 60.0)])
    turns = [new_session(100.0), turn("stipend?", 110.0), turn("and telework?", 120.0),
             new_session(200.0), turn("deadline?", 210.0)]
    saved_turn_by_turn(store, "applicant", turns)

    latest = asyncio.run(store.retrieve("applicant"))
    full = asyncio.run(store.retrieve_full_tracker("applicant"))
    every_event = [event.as_dict() for events in turns for event in events]
    assert dicts(full) == every_event  # each stored once, in order, none of the other conversation's
    assert dicts(latest) == every_event[len(turns[0]) + 2 * len(turns[1]):]  # from the second session start
    assert latest.get_slot("vacancy") == "250775"


def test_it_reads_what_rasas_own_store_reads_from_the_same_rows(store: PrivateTrackerStore):
    saved_turn_by_turn(store, "applicant", [new_session(100.0), turn("stipend?", 110.0), new_session(200.0),
                                            turn("deadline?", 210.0)])
    saved_turn_by_turn(store, "no session start", [turn("hello", 300.0), turn("stipend?", 310.0)])
    rasas = SQLTrackerStore.__new__(SQLTrackerStore)
    rasas.__dict__.update(store.__dict__)  # the same engine and table, Rasa's own statements
    for sender in ("applicant", "no session start"):
        assert dicts(asyncio.run(store.retrieve(sender))) == dicts(asyncio.run(SQLTrackerStore.retrieve(rasas, sender)))
        assert dicts(asyncio.run(store.retrieve_full_tracker(sender))) == dicts(
            asyncio.run(SQLTrackerStore.retrieve_full_tracker(rasas, sender)))
    assert asyncio.run(store.retrieve("nobody")) is None


def test_it_stores_the_rows_rasas_own_store_stores(store: PrivateTrackerStore):
    events = new_session(100.0) + turn("stipend?", 110.0)
    rasas = SQLTrackerStore.__new__(SQLTrackerStore)
    rasas.__dict__.update(store.__dict__)
    asyncio.run(store.save(DialogueStateTracker.from_events("ours", events)))
    asyncio.run(SQLTrackerStore.save(rasas, DialogueStateTracker.from_events("rasa's", events)))
    table = store.SQLEvent.__table__
    with store.engine.connect() as connection:
        def rows(sender: str) -> List[tuple]:
            query = sqlalchemy.select(table.c.type_name, table.c.timestamp, table.c.intent_name,
                                      table.c.action_name, table.c.data).where(table.c.sender_id == sender)
            return [tuple(row) for row in connection.execute(query.order_by(table.c.id))]
        assert rows("ours") == rows("rasa's")
        assert len(rows("ours")) == len(events)
