"""The office's tools end to end on real servers: unanswered messages recorded through the REST channel and
reported, and the follow-up command answering through a running assistant's URL."""
from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from actions.followup.__main__ import main as followup
from actions.unanswered.__main__ import main as unanswered
from actions.unanswered.report import load_messages
from actions.vacancy_db.__main__ import main as vacancy_db
from actions.vacancy_db.repository import open_session
from tests.conftest import NOTICES, POSTGRES_ADMIN_URL
from tests.servers import free_port, start_assistant

pytestmark = pytest.mark.timeout(600)
HOUSING = "will NATO help me find housing in Brussels?"
PARKING = "is there parking for interns? my email is jane.doe@example.com"


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    workdir: Path = tmp_path_factory.mktemp("office")
    database_url = f"sqlite:///{workdir / 'vacancies.sqlite3'}"
    assert vacancy_db(["import", *map(str, NOTICES), "--database-url", database_url]) == 0
    running = start_assistant(database_url, "2026-11-23T10:00:00+00:00", workdir / "logs")
    yield running, database_url
    running.stop()
    if running.tracker_database:
        admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{running.tracker_database}" WITH (FORCE)'))


def recorded(database_url: str, expected: int, seconds: float = 15) -> list:
    """The records, once the action server's background writes are in."""
    deadline = time.monotonic() + seconds
    while True:
        with open_session(database_url) as session:
            messages = load_messages(session, None)
        if len(messages) >= expected or time.monotonic() > deadline:
            return messages
        time.sleep(0.2)


def test_unanswered_questions_are_recorded_masked_and_reported_most_frequent_first(office, capsys, monkeypatch, tmp_path):
    assistant, database_url = office
    askers = [f"applicant-{uuid.uuid4().hex[:8]}" for _ in range(5)]
    assistant.send(askers[1], "what's the stipend for the KM internship?")  # puts 250775 in focus
    for asker in askers[:3]:
        assert "does not cover that" in assistant.reply_text(asker, HOUSING)
    assert "does not cover that" in assistant.reply_text(askers[3], PARKING)
    assistant.send(askers[4], "am I eligible?")
    assistant.send(askers[4], "what's the weather like in Brussels today?")  # during the self-check: not recorded

    messages = recorded(database_url, 4)
    assert len(messages) == 4
    assert {(m.reason, m.intent, m.channel) for m in messages} == {("not_in_notice", "ask_uncovered_topic", "rest")}
    assert sorted(m.vacancy or "" for m in messages) == ["", "", "", "250775"]
    assert all(0.5 < m.confidence <= 1 for m in messages)

    monkeypatch.setenv("ASSISTANT_NOW", "2026-11-23T10:00:00+00:00")
    html = tmp_path / "report.html"
    assert unanswered(["report", "--database-url", database_url, "--html", str(html)]) == 0
    report = capsys.readouterr().out
    assert report.splitlines()[1] == f"1. 3 × “{HOUSING}”"
    assert report.splitlines()[3] == "2. 1 × “is there parking for interns? my email is [email]”"
    assert "jane.doe" not in report and "example.com" not in report
    assert unanswered(["report", "--csv", "--database-url", database_url]) == 0
    exported = capsys.readouterr().out + html.read_text(encoding="utf-8")
    assert "[email]" in exported and "jane.doe" not in exported
    assert not any(asker in report + exported for asker in askers)


def test_followup_through_a_running_assistant_with_a_vacancy_in_focus(office, monkeypatch, tmp_path):
    assistant, _ = office
    monkeypatch.setenv("ASSISTANT_NOW", "2026-11-23T10:00:00+00:00")
    questions = tmp_path / "questions.txt"
    questions.write_text("How much is the stipend?\nIs the internship remote?\n", encoding="utf-8")
    out = tmp_path / "answers.md"
    assert followup([str(questions), "--url", assistant.url, "--vacancy", "250770", "--out", str(out)]) == 0
    markdown = out.read_text(encoding="utf-8")
    assert "answered by the assistant on 23 November 2026, with vacancy 250770 in focus" in markdown
    assert "## Stipend\n\n### “How much is the stipend?” (asked once)" in markdown
    assert "## Telework\n\n### “Is the internship remote?” (asked once)" in markdown
    assert "Source: vacancy 250770" in markdown and "250775" not in markdown
    assert "For the office to answer" not in markdown


def test_followup_reports_an_assistant_that_does_not_answer(capsys, tmp_path):
    questions = tmp_path / "questions.txt"
    questions.write_text("How much is the stipend?\n", encoding="utf-8")
    assert followup([str(questions), "--url", f"http://127.0.0.1:{free_port()}"]) == 1
    assert "error: no assistant with its HTTP API answers at http://127.0.0.1:" in capsys.readouterr().err
