"""Unanswered messages: masking, what is kept of a message, storage on SQLite and PostgreSQL, grouping, the report
and the purge. The end-to-end path through the REST channel is in tests/test_office_e2e.py."""
from __future__ import annotations

import csv
import io
import logging
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sklearn.metrics import adjusted_rand_score

from actions.actions import ActionNotUnderstood, ActionOutOfScope
from actions.answers.formatting import Answer, Citation
from actions.unanswered.__main__ import DEFAULT_RETENTION_DAYS, main as unanswered
from actions.unanswered.grouping import SIMILARITY_THRESHOLD, group_wordings
from actions.unanswered.masking import mask_personal_data
from actions.unanswered.recording import (
    Reason,
    UnansweredRecord,
    payload_not_in_notice,
    record_from_tracker,
    record_unanswered,
    store,
)
from actions.unanswered.report import load_messages
from actions.vacancy_db.repository import open_session
from bench.unanswered_grouping import labelled_wordings

NOW = "2026-11-23T10:00:00+00:00"
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=tz.UTC)


def tracker(text: str, ranking, active_loop=None, channel: str = "rest") -> Tracker:
    message = {"text": text, "intent": ranking[0], "intent_ranking": ranking, "entities": []}
    events = [{"event": "user", "text": text, "parse_data": message, "input_channel": channel}]
    return Tracker("sender-secret-id", {"vacancy": "250775"}, message, events, False, None, active_loop or {}, "action_listen")


@pytest.mark.parametrize("text, expected", [
    ("write to jane.doe+cv@example.co.uk please", "write to [email] please"),
    ("call me on +32 2 707 41 11 tomorrow", "call me on [phone] tomorrow"),
    ("my number is (0)2-707.41.11", "my number is [phone]"),
    ("passport 12345678", "passport [phone]"),
    ("ticket 1234567", "ticket [number]"),
    ("is vacancy 250775 open?", "is vacancy 250775 open?"),  # requisition numbers stay
    ("born 14/05/2003", "born 14/05/2003"),
    ("\x00\x01what\x1b about\tvisas?\x7f", "what about\tvisas?"),
    ("x" * 5000, "x" * 999 + "…"),
])
def test_personal_data_is_masked(text, expected):
    assert mask_personal_data(text) == expected


def test_a_record_keeps_the_masked_text_the_guess_the_time_the_focus_and_the_channel(monkeypatch):
    monkeypatch.setenv("ASSISTANT_NOW", NOW)
    ranking = [{"name": "nlu_fallback", "confidence": 0.66}, {"name": "ask_documents", "confidence": 0.41}]
    record = record_from_tracker(tracker("mail me at a@b.org", ranking), Reason.NOT_UNDERSTOOD, "mail me at a@b.org", "250775")
    assert record == UnansweredRecord("mail me at [email]", "not_understood", "ask_documents", 0.41,
                                      datetime(2026, 11, 23, 10, 0, tzinfo=tz.UTC), "250775", "rest")
    assert "sender-secret-id" not in repr(record)


def test_nothing_is_recorded_during_the_eligibility_self_check():
    during_check = tracker("I'm from Mars", [{"name": "out_of_scope", "confidence": 0.9}], {"name": "eligibility_form"})
    assert record_from_tracker(during_check, Reason.OUT_OF_SCOPE, "I'm from Mars", None) is None


def test_an_answer_without_a_source_or_on_an_uncovered_topic_is_not_in_the_notice():
    citation = Citation("250775", "KM", "Special Notice", "Please visit the website.")
    assert payload_not_in_notice(Answer("The notice does not state a grade.", (), "grade").payload())
    assert payload_not_in_notice(Answer("not covered", (citation,), "uncovered_topic").payload())
    assert not payload_not_in_notice(Answer("The stipend is ...", (citation,), "stipend").payload())


def test_a_database_failure_while_recording_is_logged_and_the_reply_still_goes_out(monkeypatch, tmp_path, caplog):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("VACANCY_DATABASE_URL", f"sqlite:///{blocked}/db.sqlite3")  # a directory that cannot exist
    dispatcher = CollectingDispatcher()
    with caplog.at_level(logging.ERROR):
        ActionOutOfScope().run(dispatcher, tracker("tell me a joke", [{"name": "out_of_scope", "confidence": 0.9}]), {})
        pending = record_unanswered(tracker("x", [{"name": "out_of_scope", "confidence": 0.9}]), Reason.OUT_OF_SCOPE, "x", None)
        assert pending.result(timeout=10) is False
    assert dispatcher.messages[0]["response"] == "utter_out_of_scope"
    assert "could not record an unanswered message" in caplog.text


def test_recording_can_be_switched_off(monkeypatch, sqlite_url):
    monkeypatch.setenv("VACANCY_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("UNANSWERED_RECORDING", "off")
    assert record_unanswered(tracker("x", [{"name": "out_of_scope", "confidence": 0.9}]), Reason.OUT_OF_SCOPE, "x", None) is None
    with open_session(sqlite_url) as session:
        assert load_messages(session, None) == []


def test_the_threshold_in_use_groups_the_labelled_wordings_as_chosen():
    texts, labels = labelled_wordings()
    predicted = [0] * len(texts)
    for number, indices in enumerate(group_wordings(texts)):
        for index in indices:
            predicted[index] = number
    assert adjusted_rand_score(labels, predicted) >= 0.75
    assert SIMILARITY_THRESHOLD == 0.325


def test_spellings_of_one_question_are_one_group_and_other_questions_are_not():
    texts = ["Is there housing?", "is there housing ??", "do I need a visa", "is there  HOUSING", "do i need a visa?"]
    assert group_wordings(texts) == [[0, 1, 3], [2, 4]]


def test_messages_of_nothing_but_punctuation_are_a_group_of_their_own():
    assert group_wordings(["???", "is there housing?", "", "Is there housing", "!"]) == [[0, 2, 4], [1, 3]]
    assert group_wordings(["?"]) == [[0]] and group_wordings([]) == []


def test_a_blank_message_is_not_recorded():
    assert record_from_tracker(tracker(" ", [{"name": "nlu_fallback", "confidence": 1.0}]), Reason.NOT_UNDERSTOOD, " ", None) is None


def seed(url: str) -> None:
    wordings = [("is there housing?", 0), ("Is there housing", 8), ("is there housing ?", 15),
                ("what's the weather like", 9), ("tell me at [email] about parking", 16), ("an old one", -200)]
    for text, day in wordings:
        assert store(UnansweredRecord(text, "not_in_notice" if "housing" in text else "out_of_scope", "out_of_scope",
                                      0.8, MONDAY + timedelta(days=day), "250775", "rest"), url)


def test_report_lists_groups_most_frequent_first_on_both_databases(database_url, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_NOW", NOW)
    seed(database_url)
    assert unanswered(["report", "--database-url", database_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Unanswered messages up to 23 November 2026: 6 in 4 groups (times in Brussels)."
    assert lines[1] == "1. 3 × “is there housing?”"
    assert lines[2] == ("   first seen 2026-11-02 10:00, last seen 2026-11-17 10:00; not in the notice; "
                        "vacancy in focus: 250775")
    assert lines[3].startswith("2. 1 × “tell me at [email] about parking”")  # the most recently seen of the ones


def test_report_days_csv_and_html(sqlite_url, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("ASSISTANT_NOW", NOW)
    seed(sqlite_url)
    html = tmp_path / "report.html"
    assert unanswered(["report", "--days", "14", "--csv", "--html", str(html), "--database-url", sqlite_url]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["rank"], r["count"], r["example"]) for r in rows] == [
        ("1", "2", "Is there housing"), ("2", "1", "tell me at [email] about parking"),
        ("3", "1", "what's the weather like")]  # from 9 November 10:00 on; a tie goes to the most recently seen
    assert rows[0]["first_seen"] == "2026-11-10T10:00:00+01:00" and rows[0]["wordings"] == "Is there housing | is there housing ?"
    page = html.read_text(encoding="utf-8")
    assert "<svg" in page and "<script" not in page and "http" not in page.replace("http://www.w3.org", "")
    assert 'aria-label="Top 3 groups by count"' in page and "week of 09 Nov 2026: 2" in page and "week of 16 Nov 2026: 2" in page


def test_purge_deletes_records_older_than_the_retention_period(database_url, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_NOW", NOW)
    seed(database_url)
    assert unanswered(["purge", "--database-url", database_url]) == 0
    assert "deleted 1 unanswered messages recorded before 2026-05-27 12:00" in capsys.readouterr().out
    assert DEFAULT_RETENTION_DAYS == 180
    monkeypatch.setenv("UNANSWERED_RETENTION_DAYS", "10")
    assert unanswered(["purge", "--database-url", database_url]) == 0
    with open_session(database_url) as session:
        assert sorted(m.text for m in load_messages(session, None)) == ["is there housing ?", "tell me at [email] about parking"]


def test_a_bad_retention_setting_is_an_error(monkeypatch, sqlite_url):
    monkeypatch.setenv("UNANSWERED_RETENTION_DAYS", "a year")
    with pytest.raises(SystemExit, match="UNANSWERED_RETENTION_DAYS: 'a year' is not a whole number of days"):
        unanswered(["purge", "--database-url", sqlite_url])


def test_an_unwritable_html_path_is_a_clear_error(sqlite_url, capsys, tmp_path: Path):
    assert unanswered(["report", "--html", str(tmp_path / "missing" / "r.html"), "--database-url", sqlite_url]) == 1
    assert "error: cannot write" in capsys.readouterr().err


def test_the_html_chart_shows_the_top_ten_groups_and_the_table_every_group(sqlite_url, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("ASSISTANT_NOW", NOW)
    topics = ["housing", "visa", "parking", "canteen", "dress code", "pets", "gym", "taxes", "bank account",
              "health insurance", "French classes", "bicycle"]
    for day, topic in enumerate(topics):
        assert store(UnansweredRecord(f"{topic}?",
                                      "not_in_notice", None, None, MONDAY + timedelta(days=day), None, "rest"), sqlite_url)
    html = tmp_path / "report.html"
    assert unanswered(["report", "--html", str(html), "--database-url", sqlite_url]) == 0
    page = html.read_text(encoding="utf-8")
    assert 'aria-label="Top 10 groups by count"' in page and page.count("<tr><td>") == 12


def test_the_out_of_scope_and_not_understood_actions_record_the_message(monkeypatch, sqlite_url):
    monkeypatch.setenv("VACANCY_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("ASSISTANT_NOW", NOW)
    ActionOutOfScope().run(CollectingDispatcher(), tracker("tell me a joke", [{"name": "out_of_scope", "confidence": 0.9}]), {})
    unsure = [{"name": "nlu_fallback", "confidence": 0.66}, {"name": "ask_documents", "confidence": 0.5}]
    ActionNotUnderstood().run(CollectingDispatcher(), tracker("cv + diploma? call +32 2 707 41 11", unsure), {})
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with open_session(sqlite_url) as session:
            messages = load_messages(session, None)
        if len(messages) == 2:
            break
        time.sleep(0.1)
    assert sorted((m.text, m.reason, m.intent, m.vacancy, m.channel) for m in messages) == [
        ("cv + diploma? call [phone]", "not_understood", "ask_documents", "250775", "rest"),
        ("tell me a joke", "out_of_scope", "out_of_scope", "250775", "rest"),
    ]
