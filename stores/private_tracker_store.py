"""Rasa's SQL tracker store, made to forget the eligibility self-check once it is over.

Named in endpoints.yml (SQLite under var/) and endpoints.production.yml (PostgreSQL) by its module path. Rasa
stores each turn's new events after the turn; when a turn ends a check (the form is deactivated) or starts a
new session, this store rewrites the stored rows of the finished check in place (stores/self_check_redaction.py
says which and how). Rows are updated, never deleted, because Rasa finds the new events of a tracker by
counting the stored ones. The whole turn, redaction included, runs under Rasa's conversation lock.
"""
from __future__ import annotations

import json
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

import rasa_patches
from stores.self_check_redaction import SESSION_BOUNDARIES, indices_to_redact, redacted

rasa_patches.apply()  # every Rasa server of this project loads this store: see rasa_patches for why

# Events whose arrival may end a check: the form's (de)activation, or a new session.
CLOSING_EVENTS = frozenset({"active_loop", *SESSION_BOUNDARIES})


class PrivateTrackerStore(SQLTrackerStore):
    """An SQL tracker store that keeps a self-check's answers only while the check is in progress."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        with self.session_scope() as session:
            stored = self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count()
        new_kinds = {event.type_name for event in list(tracker.events)[stored:]}
        await super().save(tracker)
        if new_kinds & CLOSING_EVENTS:
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
