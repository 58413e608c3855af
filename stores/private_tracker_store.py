"""Rasa's SQL tracker store, made to forget the eligibility self-check once it is over.

Named in endpoints.yml (SQLite under var/) and endpoints.production.yml (PostgreSQL) by its module path. Rasa
stores each turn's new events after the turn; when a turn ends a check (the form is deactivated) or starts a
new session, this store then rewrites the stored rows of the finished check in place
(stores/self_check_redaction.py says which and how). Rows are updated, never deleted, because Rasa finds the new events of a tracker by
counting the stored ones. The whole turn, redaction included, runs under Rasa's conversation lock.

It also reads and stores the conversation with statements built once (LatestSessionQueries) and one insert, where
Rasa builds ORM queries, loads ORM objects and flushes ORM inserts on every turn.
"""
from __future__ import annotations

import itertools
import json
from typing import Any, Dict, Optional

import sqlalchemy
import sqlalchemy.orm
import sqlalchemy.pool
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActiveLoop, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

import rasa_patches
from stores.self_check_redaction import ANSWER_SLOTS, FORM, indices_to_redact, redacted

rasa_patches.apply()  # every Rasa server of this project loads this store: see rasa_patches for why


class PrivateTrackerStore(SQLTrackerStore):
    """An SQL tracker store that keeps a self-check's answers only while the check is in progress."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self.engine = pooled_sqlite_engine(self.engine.url)
            self.sessionmaker = sqlalchemy.orm.sessionmaker(bind=self.engine)
        self.queries = LatestSessionQueries(self.SQLEvent.__table__)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        """Rasa's own retrieval (the events of the latest session, or of all), reading only the stored JSON."""
        statement = self.queries.all_sessions if fetch_events_from_all_sessions else self.queries.latest_session
        with self.session_scope() as session:
            events = [json.loads(data) for data in session.execute(statement, {"sender_id": sender_id}).scalars()]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    def _additional_events(self, session: sqlalchemy.orm.Session, tracker: DialogueStateTracker) -> Any:
        """Rasa's own rule, the tracker's events beyond those stored for its latest session, counted in SQL."""
        stored = session.execute(self.queries.latest_session_count, {"sender_id": tracker.sender_id}).scalar_one()
        return itertools.islice(tracker.events, stored, None)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Stores the turn, then redacts what it finished. The tracker was read from this store, so its
        events are redacted wherever the stored ones are: what it still shows to redact is this turn's doing."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows = [event_row(tracker.sender_id, event) for event in self._additional_events(session, tracker)]
            if rows:  # Rasa's rows, inserted in one statement rather than through the ORM's unit of work
                session.execute(self.SQLEvent.__table__.insert(), rows)
            session.commit()
        if any(mentions_the_check(event) for event in tracker.events) and indices_to_redact(
                [event.as_dict() for event in tracker.events]):
            self.redact_finished_checks(tracker.sender_id)

    def redact_finished_checks(self, sender_id: str, abandoned: bool = False) -> int:
        """Rewrites the stored rows of this conversation's finished checks (with `abandoned`, of its check in
        progress too); returns how many rows were rewritten."""
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=True).all()
            events = [json.loads(row.data) for row in rows]
            indices = indices_to_redact(events, abandoned)
            for index in indices:
                rows[index].data = json.dumps(redacted(events[index]))
            session.commit()
            return len(indices)


class LatestSessionQueries:
    """The statements of Rasa's SQLTrackerStore._event_query, built once with the sender as a parameter: the events
    of a conversation in order, all of them or those since its latest session start (all where it has none)."""

    def __init__(self, events: sqlalchemy.Table) -> None:
        sender = events.c.sender_id == sqlalchemy.bindparam("sender_id")
        session_start = (sqlalchemy.select(sqlalchemy.func.max(events.c.timestamp))
                         .where(sender, events.c.type_name == SessionStarted.type_name)
                         .scalar_subquery().correlate(None))  # over the whole table, never the outer row
        in_latest_session = sqlalchemy.and_(sender, sqlalchemy.or_(events.c.timestamp >= session_start,
                                                                   session_start.is_(None)))
        self.all_sessions = sqlalchemy.select(events.c.data).where(sender).order_by(events.c.id)
        self.latest_session = sqlalchemy.select(events.c.data).where(in_latest_session).order_by(events.c.id)
        self.latest_session_count = sqlalchemy.select(sqlalchemy.func.count()).select_from(events).where(
            in_latest_session)


def event_row(sender_id: str, event: Event) -> Dict[str, Any]:
    """The columns Rasa's SQLTrackerStore.save stores for an event."""
    data = event.as_dict()
    return {"sender_id": sender_id, "type_name": event.type_name, "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"), "data": json.dumps(data)}


def mentions_the_check(event: Event) -> bool:
    """A cheap test before the full one: most conversations never start a check."""
    return (isinstance(event, ActiveLoop) and event.name == FORM) or (isinstance(event, SlotSet)
                                                                      and event.key in ANSWER_SLOTS)


def pooled_sqlite_engine(url: sqlalchemy.engine.URL) -> sqlalchemy.engine.Engine:
    """Rasa opens a file-based SQLite store without a pool (SQLAlchemy 1.4's default), so each of the three or
    four sessions of a turn opened and set up a new connection. The server's event loop is the only thread that
    uses the store, and a pool of connections, each in write-ahead-log mode, keeps them open."""
    engine = sqlalchemy.create_engine(url, poolclass=sqlalchemy.pool.QueuePool, pool_size=2, max_overflow=8,
                                      connect_args={"check_same_thread": False})
    sqlalchemy.event.listen(engine, "connect", write_ahead_log)
    return engine


def write_ahead_log(connection: Any, _record: Any) -> None:
    """SQLite's default (a rollback journal synced on every commit) made the commit of each turn about a fifth
    of the Rasa server's time per message (py-spy, README). With a write-ahead log synced at checkpoints a
    committed turn still survives the server stopping or crashing; only a power cut may lose the last turns."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
