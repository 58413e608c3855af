"""Retention: conversations older than the period are deleted from the configured tracker store, others kept."""
from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import List

import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url

from stores.private_tracker_store import PrivateTrackerStore
from stores.retention import forget_abandoned_checks, main as retention, purge, retention_days
from tests.cluster import stored_events

DAY = 86400


def save_conversation(store: PrivateTrackerStore, sender: str, last_event_days_ago: float) -> None:
    when = time.time() - last_event_days_ago * DAY
    events = [ActionExecuted("action_listen", timestamp=when - 60), UserUttered("hello", timestamp=when)]
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def senders(database_url: str, names: List[str]) -> List[str]:
    return [name for name in names if stored_events(database_url, name)]


def test_the_command_deletes_conversations_older_than_the_period_from_the_endpoints_store(tmp_path: Path,
                                                                                         monkeypatch, capsys):
    conversations = tmp_path / "conversations.sqlite3"
    monkeypatch.setenv("TRACKER_SQLITE_FILE", str(conversations))
    monkeypatch.setenv("ACTION_SERVER_URL", "http://127.0.0.1:1/webhook")
    store = PrivateTrackerStore(dialect="sqlite", db=str(conversations))
    for sender, age in (("old", 31), ("recent", 29), ("week", 7)):
        save_conversation(store, sender, age)
    url = f"sqlite:///{conversations}"

    monkeypatch.delenv("CONVERSATION_RETENTION_DAYS", raising=False)
    assert retention(["purge", "--endpoints", "endpoints.yml"]) == 0  # the default period: 30 days
    assert senders(url, ["old", "recent", "week"]) == ["recent", "week"]
    assert "Deleted 1 conversation(s) with no event in the last 30 day(s)." in capsys.readouterr().out

    monkeypatch.setenv("CONVERSATION_RETENTION_DAYS", "10")
    assert retention(["purge", "--endpoints", "endpoints.yml"]) == 0
    assert senders(url, ["recent", "week"]) == ["week"]


@pytest.mark.parametrize("bad", ["0", "-3", "ten", "1.5", ""])
def test_a_retention_period_that_is_not_a_positive_number_of_days_is_a_clear_error(bad, monkeypatch, capsys):
    with pytest.raises(ValueError, match="whole number of days"):
        retention_days(bad)
    assert retention(["purge", "--days", bad]) == 2
    assert "error: the retention period must be" in capsys.readouterr().err


def test_purging_postgresql_keeps_the_conversations_within_the_period(postgres_url: str):
    url = make_url(postgres_url)
    store = PrivateTrackerStore(dialect="postgresql", host=url.host, port=url.port, db=url.database,
                                username=url.username)
    save_conversation(store, "old", 40)
    save_conversation(store, "new", 1)
    assert purge(store, days=30) == 1
    assert senders(postgres_url, ["old", "new"]) == ["new"]
    store.engine.dispose()


def test_a_check_abandoned_for_longer_than_a_session_is_forgotten_and_a_recent_one_kept(tmp_path: Path):
    store = PrivateTrackerStore(dialect="sqlite", db=str(tmp_path / "conversations.sqlite3"))
    for sender, minutes_ago in (("abandoned", 90), ("active", 5)):
        when = time.time() - minutes_ago * 60
        events = [ActionExecuted("action_listen", timestamp=when - 1),
                  UserUttered("run the eligibility check, I'm Polish", timestamp=when),
                  ActionExecuted("eligibility_form", timestamp=when), ActiveLoop("eligibility_form", timestamp=when),
                  SlotSet("answer_nationality", "I'm Polish", timestamp=when)]
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))
    url = f"sqlite:///{tmp_path / 'conversations.sqlite3'}"
    assert forget_abandoned_checks(store, idle_minutes=60) == 2  # the message and the answer
    assert "Polish" not in str(stored_events(url, "abandoned"))
    assert "Polish" in str(stored_events(url, "active"))  # a check in progress that may still go on
    assert forget_abandoned_checks(store, idle_minutes=60) == 0
