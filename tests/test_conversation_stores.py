"""Conversations that survive a restart and move between replicas, and a self-check forgotten in storage.

Real servers, a real conversation over the REST channel, and then exactly what the SQL tracker store wrote,
read back with SQLAlchemy: on the embedded SQLite file of endpoints.yml, and on PostgreSQL with the Redis lock
store of endpoints.production.yml (two Rasa servers holding one conversation).
"""
from __future__ import annotations

import json
import sqlite3
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List

import pytest

from actions.vacancy_db.__main__ import main as vacancy_db
from tests.cluster import drop_postgres_database, postgres_url_of, stored_events
from tests.conftest import NOTICES
from tests.servers import production_stores, reachable, sqlite_stores, start_assistant

pytestmark = [pytest.mark.timeout(900), pytest.mark.needs_model]
NOW = "2026-11-23T10:00:00+00:00"
STARTING_MESSAGE = "run the eligibility check, I'm a 22 year old Polish student"
# What the applicant tells the check, and what the check reports back from it.
PRIVATE = ["Polish", "22 year", "Poland", "fluent English"]


@pytest.fixture(scope="module")
def vacancy_database(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('vacancies') / 'vacancies.sqlite3'}"
    assert vacancy_db(["import", *map(str, NOTICES), "--database-url", url]) == 0
    return url


def private_found(events: List[Dict]) -> List[str]:
    stored = json.dumps(events, ensure_ascii=False)
    return [word for word in PRIVATE if word in stored]


def test_a_conversation_survives_a_restart_and_the_finished_check_is_forgotten(vacancy_database, tmp_path: Path):
    conversations = tmp_path / "conversations.sqlite3"
    stores, user = sqlite_stores(conversations), f"restart-{uuid.uuid4().hex[:8]}"
    first = start_assistant(vacancy_database, NOW, tmp_path / "first", stores)
    try:
        assert "Source: vacancy 250775" in first.reply_text(user, "what's the stipend of the KM one?")
        assert "English or French" in first.reply_text(user, STARTING_MESSAGE)
    finally:
        first.stop()
    with sqlite3.connect(conversations) as connection:  # committed turns are durable without a sync per commit
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    in_progress = stored_events(f"sqlite:///{conversations}", user)
    assert "Polish" in private_found(in_progress)  # a check in progress is stored, so that it survives

    second = start_assistant(vacancy_database, NOW, tmp_path / "second", stores)
    try:
        follow_up = second.reply_text(user, "and when is the deadline?")
        assert "Source: vacancy 250775" in follow_up and "250770" not in follow_up  # the focus survived
        assert "English or French" in follow_up  # and the check goes on where it was
        result = second.reply_text(user, "fluent English")
        assert result.startswith("Your eligibility check for vacancy 250775")
        assert "Nationality: “Poland” — met" in result and "Age: “22 years old” — met" in result
    finally:
        second.stop()
    stored = stored_events(f"sqlite:///{conversations}", user)
    assert private_found(stored) == []
    texts = [event.get("text") for event in stored if event["event"] == "user"]
    assert texts == ["what's the stipend of the KM one?", "", "", ""]  # before the check: kept; the check: not


def turns_in_storage(events: List[Dict]) -> List[List[str]]:
    """Each stored user message followed by the bot texts stored after it, up to the next user message."""
    turns: List[List[str]] = []
    for event in events:
        if event["event"] == "user":
            turns.append([event["text"]])
        elif event["event"] == "bot" and turns and event.get("text"):
            turns[-1].append(event["text"])
    return turns


@pytest.mark.skipif(not (reachable("127.0.0.1", 5432) and reachable("127.0.0.1", 6379)),
                    reason="PostgreSQL and Redis are needed for the production stores")
def test_two_rasa_servers_hold_one_conversation_and_the_lock_serialises_its_turns(vacancy_database,
                                                                                  tmp_path: Path):
    database = f"rasa_tracker_{uuid.uuid4().hex[:8]}"
    stores = production_stores(database)
    replicas = []
    try:
        replicas = [start_assistant(vacancy_database, NOW, tmp_path / name, stores) for name in ("a", "b")]
        a, b = replicas
        user = f"cluster-{uuid.uuid4().hex[:8]}"
        assert "250770" in a.reply_text(user, "is the cooperative security internship remote?")
        pay = b.reply_text(user, "and how much does it pay?")
        assert "€1,286.09" in pay and "250770" in pay and "250775" not in pay
        assert "English or French" in a.reply_text(user, STARTING_MESSAGE)
        result = b.reply_text(user, "fluent English")
        assert result.startswith("Your eligibility check for vacancy 250770") and "Poland" in result
        assert private_found(stored_events(postgres_url_of(database), user)) == []

        together = f"lock-{uuid.uuid4().hex[:8]}"
        questions = [(a, "what's the stipend of the KM one?"), (b, "when is the deadline for cooperative security?"),
                     (a, "is the KM internship remote?"), (b, "how long is the cooperative security internship?")]
        with ThreadPoolExecutor(max_workers=len(questions)) as pool:
            replies = list(pool.map(lambda sent: sent[0].reply_text(together, sent[1]), questions))
        turns = turns_in_storage(stored_events(postgres_url_of(database), together))
        assert sorted(turn[0] for turn in turns) == sorted(text for _, text in questions)
        for (_, question), reply in zip(questions, replies):  # each message followed by its own replies only
            assert ["\n".join(turn[1:]) for turn in turns if turn[0] == question] == [reply] and reply
    finally:
        for replica in replicas:
            replica.stop()
        drop_postgres_database(database)
