"""A new notice imported next to the two real ones: its names, the import summary, what is required and optional.

Nothing here is specific code for the fixture notices: they are dropped beside the real notices and imported with
the command line, as `make` does with data/vacancies/.
"""
from __future__ import annotations

import shutil

import pytest
from sqlalchemy import create_engine, inspect, text

from actions.answers.composers import Question, compose
from actions.understanding.focus import select_vacancies
from actions.notices.layout import normalise_notice
from actions.notices.parser import parse_notice
from actions.vacancy_db.__main__ import main as vacancy_db
from actions.vacancy_db.models import Base
from actions.vacancy_db.repository import list_vacancies, open_session
from scripts.build_spacy_pipeline import vacancy_names
from tests.conftest import NOTICES, NOW, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "notices"
OPERATIONS = FIXTURES / "260702-is-operations-formal-notification.txt"  # "Title: Internship in the Operations Division (OPS)"
DEFENCE_POLICY = FIXTURES / "260611-is-defence-policy-careers-site.txt"  # "Internship - Defence Policy and Planning Division"


@pytest.fixture
def three(sqlite_url: str):
    """The two real notices and the labelled-notification fixture, as the database holds them."""
    assert vacancy_db(["import", *map(str, NOTICES), str(OPERATIONS), "--database-url", sqlite_url]) == 0
    with open_session(sqlite_url) as session:
        return list_vacancies(session)


@pytest.mark.parametrize("message, named", [
    ("what does the intern do in the operations division?", ["260702"]),
    ("and for OPS?", ["260702"]),
    ("what about the ops one?", ["260702"]),
    ("the operations internship, what's the stipend", ["260702"]),
    ("what does the intern do in cooperative security?", ["250770"]),
    ("and the KM one?", ["250775"]),
    ("what does the intern do?", ["250770", "250775", "260702"]),
])
def test_a_new_notice_is_named_as_applicants_name_it(three, message, named):
    assert [v.requisition for v in select_vacancies(message, None, three).vacancies] == named


@pytest.mark.parametrize("message", ["what about the defence policy one?", "is DPP open?",
                                     "stipend for defence policy and planning"])
def test_a_title_without_a_body_gives_short_names(sqlite_url, message):
    assert vacancy_db(["import", *map(str, NOTICES), str(DEFENCE_POLICY), "--database-url", sqlite_url]) == 0
    with open_session(sqlite_url) as session:
        vacancies = list_vacancies(session)
    assert select_vacancies(message, None, vacancies).focus == "260611"


def test_the_cooperative_security_notice_mentioning_the_operations_division_is_not_named_by_it(three):
    """250770 says "Operations Division (IS OPS)" in passing: a unit mentioned is not the vacancy's name."""
    cooperative = next(v for v in three if v.requisition == "250770")
    assert "Operations Division (IS OPS)" in cooperative.notice_text
    assert not {"Operations Division", "OPS"} & set(cooperative.names)


def test_duties_of_the_named_division_answer_for_it_alone(three):
    selection = select_vacancies("what does the intern do in the operations division?", None, three)
    reply = compose("duties", Question(selection.vacancies, NOW)).render()
    assert "vacancy 260702" in reply and "250770" not in reply and "250775" not in reply
    assert "briefings on current operations and missions" in reply


def test_names_are_stored_with_the_words_they_come_from(three):
    operations = next(v for v in three if v.requisition == "260702")
    names = {f.value: f for f in operations.facts_for("names")}
    assert {"Operations Division", "Operations", "OPS", "OPS Division", "260702"} <= set(names)
    assert names["OPS"].quote == "Operations Division (OPS)"
    assert operations.notice_text[names["OPS"].start_offset:names["OPS"].end_offset] == names["OPS"].quote


def test_short_names_from_a_title_without_a_body(tmp_path):
    names = parse_notice(DEFENCE_POLICY.read_text(encoding="utf-8"), DEFENCE_POLICY.name).names
    assert {"Defence Policy and Planning Division", "Defence Policy", "DPP", "260611"} <= set(names)
    assert "NATO International Staff" not in names  # the body, shared by many vacancies, names none


def test_the_spacy_pipeline_takes_the_names_the_importer_stores(tmp_path):
    for path in [*NOTICES, OPERATIONS]:
        shutil.copy(path, tmp_path / path.name)
    patterns = vacancy_names(tmp_path)
    assert patterns["Operations Division"] == patterns["OPS"] == "260702"
    assert patterns["Knowledge Management"] == "250775" and patterns["CS"] == "250770"


def test_each_import_prints_what_it_found_and_what_is_missing(sqlite_url, capsys):
    assert vacancy_db(["import", str(OPERATIONS), str(NOTICES[0]), "--database-url", sqlite_url]) == 0
    out = capsys.readouterr().out.splitlines()
    first = out.index(f"{OPERATIONS}: created vacancy 260702 (Internship in the Operations Division (OPS))")
    facts, criteria, missing = out[first + 1:first + 4]
    assert facts.startswith("  facts: 44 (") and "essential_criteria 4" in facts and "duties 3" in facts
    assert "recruiting_units 1" in facts  # "... is looking for interns in ...": the units recruiting
    assert criteria == ("  criteria: minimum age 21, recent graduates within (months) 12, years of studies 2, "
                        "official languages English/French")
    assert missing == ("  missing: webinar (no webinar date and time found), competencies (no competencies "
                       "found)")
    assert "  missing: nothing" in out  # 250770 states every expected fact


def test_optional_facts_missing_are_reported_and_the_vacancy_is_still_stored(sqlite_url, tmp_path, capsys):
    """Optional: the vacancy is imported without them and the summary names each one and the file."""
    text = DEFENCE_POLICY.read_text(encoding="utf-8")
    for removed in ("- A full-time schedule of 40 hours per week.\n", "(b) be at least 18 years old;\n"):
        assert removed in text
        text = text.replace(removed, "")
    notice = tmp_path / "260611-no-hours-no-age.txt"
    notice.write_text(text, encoding="utf-8")
    assert vacancy_db(["import", str(notice), "--database-url", sqlite_url]) == 0
    out = capsys.readouterr().out
    assert f"{notice}: created vacancy 260611" in out
    assert "hours (no hours per week found)" in out and "minimum_age (no minimum age found)" in out
    assert "schedule (no schedule found)" in out  # the line removed was the only one saying "full-time"
    with open_session(sqlite_url) as session:
        [vacancy] = list_vacancies(session)
    assert vacancy.hours_per_week is None and vacancy.minimum_age is None and vacancy.schedule is None
    assert vacancy.duration_months == 4 and len(vacancy.facts_for("essential_criteria")) == 3


@pytest.mark.parametrize("removed, missing", [
    ("Share this job: https://nato.taleo.net/careersection/2/jobdetail.ftl?job=260611&lang=en", "requisition number"),
    ("Internship - Defence Policy and Planning Division", "vacancy title"),
    ("The closing date for applications is 9 February 2026 at 23:59 CET.", "application deadline"),
])
def test_required_facts_missing_reject_the_notice_naming_the_file(sqlite_url, tmp_path, capsys, removed, missing):
    text = DEFENCE_POLICY.read_text(encoding="utf-8")
    assert removed in text
    notice = tmp_path / "260611-broken.txt"
    notice.write_text(text.replace(removed, ""), encoding="utf-8")
    assert vacancy_db(["import", str(notice), "--database-url", sqlite_url]) == 1
    assert f"error: {notice}: no {missing} found; the notice was not imported" in capsys.readouterr().err
    with open_session(sqlite_url) as session:
        assert list_vacancies(session) == []


def test_a_deadline_without_a_time_is_a_note_not_a_silent_default(sqlite_url, capsys):
    innovation = FIXTURES / "260322-is-esc-innovation.txt"  # "Application Deadline: 05-Jan-2026" only
    assert vacancy_db(["import", str(innovation), "--database-url", sqlite_url]) == 0
    assert "  note: the deadline gives no time of day: read as 23:59 Brussels time" in capsys.readouterr().out


@pytest.mark.parametrize("raw, stored", [
    ("the recruit-\nment process", "the recruitment process"),
    ("a full-\ntime traineeship", "a full-time traineeship"),
    ("a six-\nmonth traineeship", "a six-month traineeship"),
    ("> quoted line\n>\n> another", "quoted line\n\nanother"),
    ("line one\r\nline two", "line one\nline two"),
])
def test_normalised_text(raw, stored):
    assert normalise_notice(raw) == stored


def test_page_furniture_is_dropped_and_a_cut_sentence_joined():
    raw = ("NATO UNCLASSIFIED\nTitle\n\nThe intern will not\nNATO UNCLASSIFIED\nPage 1 of 2\n\f\nNATO UNCLASSIFIED\n\n"
           "  telework.\n\nEnd.\nNATO UNCLASSIFIED\nPage 2 of 2\n")
    assert normalise_notice(raw) == "Title\n\nThe intern will not\n  telework.\n\nEnd."


def test_text_without_page_numbers_keeps_repeated_lines():
    assert normalise_notice("Note\n\nNote\n") == "Note\n\nNote\n"



def test_a_database_of_the_older_schema_gets_the_new_columns_and_imports(database_url):
    """A database created before the typed criteria existed: its vacancies table gains them, then the import fills
    them (the Makefile re-imports whenever the importer changes)."""
    engine = create_engine(database_url, future=True)
    Base.metadata.create_all(engine)
    added = ("minimum_age", "recent_graduate_months", "minimum_study_years", "official_languages")
    with engine.begin() as connection:
        for column in added:
            connection.execute(text(f"ALTER TABLE vacancies DROP COLUMN {column}"))
    engine.dispose()
    assert vacancy_db(["import", str(DEFENCE_POLICY), "--database-url", database_url]) == 0
    assert set(added) <= {c["name"] for c in inspect(create_engine(database_url)).get_columns("vacancies")}
    with open_session(database_url) as session:
        [vacancy] = list_vacancies(session)
    assert (vacancy.minimum_age, vacancy.official_languages) == (18, ["English", "French"])
