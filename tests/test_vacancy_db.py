"""The importer command line and the database, on the embedded SQLite default and on PostgreSQL."""
from __future__ import annotations

import json
import shutil
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from actions.vacancy_db.__main__ import main as vacancy_db
from actions.vacancy_db.models import Fact, Vacancy
from actions.vacancy_db.repository import get_vacancy, open_session, published_vacancies
from tests.conftest import CS_NOTICE, KM_NOTICE, NOTICES


def counts(url: str):
    with open_session(url) as session:
        return (
            session.execute(select(func.count()).select_from(Vacancy)).scalar_one(),
            session.execute(select(func.count()).select_from(Fact)).scalar_one(),
        )


def snapshot(url: str):
    """Everything stored, to prove that a rejected import changed nothing."""
    with open_session(url) as session:
        vacancies = session.execute(select(Vacancy.requisition, Vacancy.notice_sha256, Vacancy.deadline)).all()
        facts = session.execute(select(Fact.vacancy_id, Fact.field, Fact.position, Fact.quote).order_by(Fact.id)).all()
    return sorted(vacancies), facts


def show_json(url: str, requisition: str, capsys) -> dict:
    capsys.readouterr()
    assert vacancy_db(["show", requisition, "--json", "--database-url", url]) == 0
    return json.loads(capsys.readouterr().out)


def test_import_then_show_json(database_url, capsys):
    assert vacancy_db(["import", *map(str, NOTICES), "--database-url", database_url]) == 0
    data = show_json(database_url, "250770", capsys)
    assert data["requisition"] == "250770"
    assert data["title"] == "NATO Internship - International Military Staff, Cooperative Security Division"
    assert data["deadline"] == "2025-06-22T23:59:00+02:00"
    assert data["deadline_text"] == "Apply until 22 June 2025 at 23.59, Brussels time."
    assert (data["stipend_amount"], data["stipend_currency"], data["stipend_basis"]) == ("1286.09", "EUR", "monthly")
    assert data["webinar"] == "2025-06-11T16:00:00+02:00"
    assert (data["max_applications"], data["duration_months"], data["hours_per_week"]) == (3, 6, 38)
    assert data["start_periods"] == ["March 2026", "September 2026"]
    assert data["telework"] == "Teleworking subject to business requirements."
    assert data["essential_criteria"][1] == "be at least 21 years old"
    assert len(data["desirable_criteria"]) == 4 and len(data["documents"]) == 2
    assert "Brussels" in data["location"]
    source = data["sources"]["stipend_amount"]
    assert source["section"] == "What do we offer?"
    assert source["quote"] == "A monthly grant of €1,286.09 and a travel reimbursement upon joining and leaving the organisation."
    text = CS_NOTICE.read_text(encoding="utf-8")
    assert text[source["start"]:source["end"]] == source["quote"]
    assert [s["section"] for s in data["sources"]["essential_criteria"]] == ["Essential"] * 4

    km = show_json(database_url, "250775", capsys)
    assert (km["grade"], km["clearance_level"], km["location"]) == ("INTERN", "NS", "Belgium-Brussels")
    assert km["sources"]["grade"]["quote"] == "Grade INTERN"


def test_stipend_is_an_exact_decimal(database_url):
    assert vacancy_db(["import", str(KM_NOTICE), "--database-url", database_url]) == 0
    with open_session(database_url) as session:
        amount = get_vacancy(session, "250775").stipend_amount
    assert isinstance(amount, Decimal) and amount == Decimal("1286.09")


def test_reimport_updates_in_place(database_url, tmp_path, capsys):
    assert vacancy_db(["import", *map(str, NOTICES), "--database-url", database_url]) == 0
    before = counts(database_url)
    assert vacancy_db(["import", *map(str, NOTICES), "--database-url", database_url]) == 0
    assert counts(database_url) == before and before[0] == 2
    # A changed notice with the same requisition replaces the stored vacancy and its facts.
    changed = tmp_path / "changed.txt"
    changed.write_text(KM_NOTICE.read_text(encoding="utf-8").replace("(38 hours a week)", "(40 hours a week)"), encoding="utf-8")
    assert vacancy_db(["import", str(changed), "--database-url", database_url]) == 0
    assert counts(database_url) == before
    assert show_json(database_url, "250775", capsys)["hours_per_week"] == 40


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"\xff\xfe\x00B\x00a\x00d", "binary"),
        ("Apply until 22 June 2025 at 23.59, Brussels time.".encode("latin-1") + b"\xe9\xe8", "not UTF-8"),
        (KM_NOTICE.read_bytes().replace(b"(250775)", b""), "no requisition number"),
        (KM_NOTICE.read_bytes().replace(b"Apply until 22 June 2025 at 23.59, Brussels time.", b"")
         .replace(b"Application Deadline: 22-Jun-2025", b""), "no application deadline"),
    ],
)
def test_bad_notices_are_rejected_and_change_nothing(database_url, tmp_path, capsys, content, message):
    assert vacancy_db(["import", *map(str, NOTICES), "--database-url", database_url]) == 0
    before = snapshot(database_url)
    bad = tmp_path / "bad-notice.txt"
    bad.write_bytes(content)
    capsys.readouterr()
    assert vacancy_db(["import", str(bad), "--database-url", database_url]) == 1
    error = capsys.readouterr().err
    assert "bad-notice.txt" in error and message in error
    assert snapshot(database_url) == before


def test_missing_file_is_reported_and_good_files_still_import(sqlite_url, tmp_path, capsys):
    assert vacancy_db(["import", str(tmp_path / "nope.txt"), str(CS_NOTICE), "--database-url", sqlite_url]) == 1
    assert "nope.txt: cannot be read" in capsys.readouterr().err
    assert counts(sqlite_url)[0] == 1


def test_header_only_deadline_is_read(sqlite_url, tmp_path, capsys):
    """A notice with only the header date still has a deadline (end of that day in Brussels)."""
    notice = tmp_path / "header-only.txt"
    notice.write_bytes(KM_NOTICE.read_bytes().replace(b"Apply until 22 June 2025 at 23.59, Brussels time.", b""))
    assert vacancy_db(["import", str(notice), "--database-url", sqlite_url]) == 0
    data = show_json(sqlite_url, "250775", capsys)
    assert data["deadline"] == "2025-06-22T23:59:00+02:00"
    assert data["deadline_text"] == "Application Deadline: 22-Jun-2025"


def test_new_notice_imports_without_code_changes(sqlite_url, tmp_path, capsys):
    notice = tmp_path / "260001.txt"
    shutil.copy(CS_NOTICE, notice)
    text = notice.read_text(encoding="utf-8").replace("250770", "260001").replace("Cooperative Security Division", "Public Diplomacy Division")
    notice.write_text(text.replace("22 June 2025", "3 March 2026"), encoding="utf-8")
    assert vacancy_db(["import", str(notice), "--database-url", sqlite_url]) == 0
    data = show_json(sqlite_url, "260001", capsys)
    assert data["division"] == "Public Diplomacy Division"
    assert data["deadline"] == "2026-03-03T23:59:00+01:00"


def test_show_unknown_and_list(sqlite_url, capsys):
    assert vacancy_db(["import", *map(str, NOTICES), "--database-url", sqlite_url]) == 0
    capsys.readouterr()
    assert vacancy_db(["show", "123456", "--database-url", sqlite_url]) == 1
    assert "known: 250770, 250775" in capsys.readouterr().err
    assert vacancy_db(["list", "--database-url", sqlite_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["250770", "250775"]
    assert all("2025-06-22T23:59:00+02:00" in line for line in lines)


def test_unreachable_database_is_a_clear_error(capsys):
    assert vacancy_db(["list", "--database-url", "postgresql+psycopg2://nobody@127.0.0.1:1/none"]) == 2
    assert "error: database" in capsys.readouterr().err


def test_published_vacancies_are_read_detached_and_follow_every_change_of_the_database(database_url, tmp_path):
    """The action server's cached reader: whole vacancies, usable after their session, and never stale."""
    assert published_vacancies(database_url) == []
    assert vacancy_db(["import", str(KM_NOTICE), "--database-url", database_url]) == 0
    first = published_vacancies(database_url)
    assert [v.requisition for v in first] == ["250775"] and first[0].hours_per_week == 38
    assert first[0].fact("stipend").quote.startswith("A monthly grant of")  # facts loaded, no session needed
    assert published_vacancies(database_url)[0] is first[0]  # nothing changed: not read again

    changed = tmp_path / "changed.txt"
    changed.write_text(KM_NOTICE.read_text(encoding="utf-8").replace("(38 hours a week)", "(40 hours a week)"),
                       encoding="utf-8")
    assert vacancy_db(["import", str(changed), str(CS_NOTICE), "--database-url", database_url]) == 0
    updated = {v.requisition: v for v in published_vacancies(database_url)}
    assert sorted(updated) == ["250770", "250775"] and updated["250775"].hours_per_week == 40

    with open_session(database_url) as session, session.begin():
        session.delete(get_vacancy(session, "250770"))
    assert [v.requisition for v in published_vacancies(database_url)] == ["250775"]


def test_published_vacancies_raise_when_the_database_is_unreachable(database_url):
    assert vacancy_db(["import", *map(str, NOTICES), "--database-url", database_url]) == 0
    assert len(published_vacancies(database_url)) == 2
    with pytest.raises(SQLAlchemyError):  # the actions apologise; they do not answer from memory
        published_vacancies("postgresql+psycopg2://nobody@127.0.0.1:1/none")
