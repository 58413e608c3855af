"""Webinar follow-up: a question file answered by the trained model and actions (the command, run as the office
runs it), the Markdown and CSV it writes, the files it refuses, and a failing question that does not stop it."""
from __future__ import annotations

import asyncio
import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from actions.followup.__main__ import answer_all, main as followup
from actions.followup.assistant import NoReply, Reply, checked_reply
from actions.followup.document import Outcome, as_markdown, classify, distinct_questions
from actions.followup.questions import QuestionFileError, read_questions
from actions.unanswered.report import load_messages
from actions.vacancy_db.__main__ import main as vacancy_db
from actions.vacancy_db.repository import open_session
from tests.conftest import NOTICES, NOW, ROOT

pytestmark = [pytest.mark.timeout(600), pytest.mark.needs_model]

QUESTIONS = [
    "How much is the stipend?",
    "When is the deadline?",
    "how much is  the STIPEND",
    "Can you write my motivation letter for me?",
    "what's the weather like in Brussels today?",
    "will NATO help me find housing in Brussels?",
]


@pytest.fixture(scope="module")
def answered(tmp_path_factory):
    """The command run once on a spreadsheet export (BOM, a `question` column among others)."""
    workdir: Path = tmp_path_factory.mktemp("followup")
    database_url = f"sqlite:///{workdir / 'vacancies.sqlite3'}"
    assert vacancy_db(["import", *map(str, NOTICES), "--database-url", database_url]) == 0
    questions = workdir / "webinar.csv"
    rows = [["asked at", "Question"], *[[f"16:{i:02d}", q] for i, q in enumerate(QUESTIONS)]]
    with questions.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    env = {**os.environ, "VACANCY_DATABASE_URL": database_url, "ASSISTANT_NOW": NOW.isoformat(), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "actions.followup", str(questions), "--csv", str(workdir / "answers.csv")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=500,
    )
    assert result.returncode == 0, result.stderr
    return result, workdir / "answers.csv", database_url


def test_markdown_groups_answers_by_topic_and_lists_the_rest_for_the_office(answered):
    markdown = answered[0].stdout
    assert markdown.startswith("# Webinar follow-up: answers from the vacancy notices\n\n"
                               "6 questions (5 distinct) from webinar.csv, answered by the assistant on 23 November 2026.")
    stipend = markdown.index("## Stipend\n\n### “How much is the stipend?” (asked 2 times)\n\n"
                             "The stipend is €1,286.09 (EUR) per month.\n\nSource: vacancies 250770")
    deadline = markdown.index("## Deadline\n\n### “When is the deadline?” (asked once)\n\n")
    office = markdown.index("## For the office to answer")
    assert stipend < deadline < office  # the most asked topic first, what was not answered last
    assert '"A monthly grant of €1,286.09 and a travel reimbursement' in markdown[stipend:deadline]
    assert "Sunday 22 June 2025 at 23:59 Brussels time" in markdown[deadline:office]
    assert markdown[office:] == (
        "## For the office to answer\n\n"
        "### Not covered by the notices\n\n- “will NATO help me find housing in Brussels?” (asked once)\n\n"
        "### Out of scope\n\n- “what's the weather like in Brussels today?” (asked once)\n\n"
        "### Drafting requests (refused under the notices' generative-AI policy)\n\n"
        "- “Can you write my motivation letter for me?” (asked once)\n"
    )
    assert "answering" in answered[0].stderr and "6/6" in answered[0].stderr  # the progress bar


def test_the_tools_own_action_server_records_nothing_for_the_unanswered_report(answered):
    with open_session(answered[2]) as session:
        assert load_messages(session, None) == []  # the out-of-scope and uncovered questions are in the document


def test_make_targets_run_the_commands():
    def dry_run(*args: str) -> str:
        return subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout

    assert ('-m actions.followup "q.csv" --vacancy 250775 --out "o.md" \\\n\t--csv "a.csv" --url http://localhost:5005'
            in dry_run("followup", "QUESTIONS=q.csv", "VACANCY=250775", "OUT=o.md", "CSV=a.csv", "URL=http://localhost:5005"))
    assert '-m actions.unanswered report --days 7 --html "r.html"' in dry_run("unanswered-report", "DAYS=7", "HTML=r.html")
    assert "-m actions.unanswered purge" in dry_run("unanswered-purge")
    usage = subprocess.run(["make", "followup"], cwd=ROOT, capture_output=True, text=True)  # checked before any set-up
    assert usage.returncode != 0 and usage.stderr.startswith("usage: make followup QUESTIONS=FILE")


def test_csv_has_one_row_per_distinct_question_with_outcome_and_sources(answered):
    path = answered[1]
    assert path.read_bytes().startswith(b"\xef\xbb\xbfquestion,count,outcome,topic,answer,sources")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["question"], r["count"], r["outcome"], r["topic"]) for r in rows] == [
        ("How much is the stipend?", "2", "answered", "stipend"),
        ("When is the deadline?", "1", "answered", "deadline"),
        ("Can you write my motivation letter for me?", "1", "drafting_request", ""),
        ("what's the weather like in Brussels today?", "1", "out_of_scope", ""),
        ("will NATO help me find housing in Brussels?", "1", "not_in_notice", "uncovered_topic"),
    ]
    assert rows[0]["sources"].startswith('250770, "What do we offer?": A monthly grant of €1,286.09')
    assert "Source: vacancies 250770" in rows[2]["answer"]  # the refusal quotes the policy it applies


@pytest.mark.parametrize("content, message", [
    (None, "cannot be read (No such file or directory)"),
    (b"", "empty, no question in it"),
    (b"\xef\xbb\xbf\n  \n\n", "empty, no question in it"),
    (b"question\n\n", "empty, no question in it"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data, not a text questions file"),
    ("Quelle est la rémunération ?".encode("latin-1"), "not UTF-8 text (byte 15 cannot be decoded)"),
])
def test_unusable_files_are_clear_errors(tmp_path, capsys, content, message):
    path = tmp_path / "questions.txt"
    if content is not None:
        path.write_bytes(content)
    assert followup([str(path)]) == 2
    assert capsys.readouterr().err == f"error: {path}: {message}\n"


def test_a_directory_is_an_unreadable_file(tmp_path, capsys):
    assert followup([str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path}: cannot be read (Is a directory)\n"


def test_a_csv_without_a_question_column_is_an_error(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("name,text\nAnn,what is the stipend?\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match="a CSV file needs a 'question' column \\(found: name, text\\)"):
        read_questions(path)


def test_an_unknown_vacancy_is_an_error(tmp_path, capsys, imported_url, monkeypatch):
    monkeypatch.setenv("VACANCY_DATABASE_URL", imported_url)
    path = tmp_path / "questions.txt"
    path.write_text("what is the stipend?\n", encoding="utf-8")
    assert followup([str(path), "--vacancy", "999"]) == 2
    assert capsys.readouterr().err == "error: --vacancy: no vacancy '999' in the database (known: 250770, 250775)\n"


def test_one_question_a_line_with_or_without_bom_commas_kept(tmp_path):
    path = tmp_path / "questions.txt"
    path.write_bytes("\ufeffHi, what is the stipend?\r\n\r\n  When is the deadline?  \n".encode("utf-8"))
    assert read_questions(path) == ["Hi, what is the stipend?", "When is the deadline?"]


def test_a_csv_question_column_is_read_whatever_its_case_and_quoting(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(' Question ,n\n"Hi, is it remote?",1\n,2\nIs it paid?,3\n', encoding="utf-8")
    assert read_questions(path) == ["Hi, is it remote?", "Is it paid?"]


class Failing:
    """An assistant whose answer to "boom?" always fails, and to "flaky?" the first time only, as a lost
    connection would."""

    def __init__(self):
        self.asked = []

    async def ask(self, question, vacancy):
        self.asked.append(question)
        if "boom" in question or (question == "flaky?" and self.asked.count(question) == 1):
            raise ConnectionError("connection reset")
        payload = {"topic": "stipend", "answer": "The stipend is ...", "sources": [{"requisition": "250775"}]}
        return Reply([{"text": "The stipend is ..."}, {"custom": payload}], ["action_answer_question"])


def test_a_failing_question_does_not_stop_the_run():
    items = distinct_questions(["what is the stipend?", "boom?", "What is the stipend", "flaky?"])
    assistant = Failing()
    asyncio.run(answer_all(assistant, items, None))
    assert [(i.outcome, i.count) for i in items] == [(Outcome.ANSWERED, 2), (Outcome.FAILED, 1), (Outcome.ANSWERED, 1)]
    assert sorted(assistant.asked) == ["boom?", "boom?", "flaky?", "flaky?", "what is the stipend?"]  # one retry
    markdown = as_markdown(items, "q.txt", NOW, None)
    assert markdown.endswith("### Failed (an error stopped the answer)\n\n- “boom?” (asked once): ConnectionError: connection reset\n")


def test_an_empty_reply_is_a_failure_not_an_answer():
    with pytest.raises(NoReply, match="the assistant sent no reply"):
        checked_reply([], [{"event": "user"}, {"event": "action", "name": "action_not_understood"}])


def test_a_topic_every_notice_is_silent_on_is_not_an_answer():
    silent = Reply([{"text": "The notices do not state a grade."}, {"custom": {"topic": "grade", "sources": []}}],
                   ["action_answer_question"])
    assert classify(silent) == (Outcome.NOT_IN_NOTICE, "grade")
    assert classify(Reply([{"text": "Hello!"}], ["utter_greet"])) == (Outcome.OTHER, None)
