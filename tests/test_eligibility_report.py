"""The self-check's report: the documents to attach cited in every notice listing them, closed vacancies named."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil import tz

from actions.eligibility.report import personal_verdict, report, run_check

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=tz.UTC)
DEADLINE = datetime(2025, 6, 22, 21, 59, tzinfo=tz.UTC)  # 22 June 2025 at 23:59 Brussels time
ANSWERS = {"nationality": "Swedish", "age": "23", "studies": "I'm a master's student", "language": "fluent English"}
CLOSED = ("The application deadlines of vacancy 250770 and vacancy 250775 passed on 22 June 2025, so they no longer "
          "take applications.")


def test_the_documents_are_cited_in_each_notice_that_lists_them(vacancies):
    answer = report(ANSWERS, vacancies, TODAY)
    cited = {(c.requisition, c.quote) for c in answer.citations if c.section == "Special Notice"}
    assert {requisition for requisition, _ in cited} == {"250770", "250775"}
    assert "the notices ask you to attach:\n- Copy of university qualifications" in answer.text
    assert answer.text.count("Proof of ongoing studies") == 1  # the same list, given once


def test_one_vacancy_cites_its_own_notice(vacancies):
    answer = report(ANSWERS, vacancies[1:], TODAY)
    assert {c.requisition for c in answer.citations} == {vacancies[1].requisition}
    assert "the notice asks you to attach" in answer.text


def test_different_lists_of_documents_are_given_per_vacancy(vacancies):
    first, second = vacancies
    second.facts.remove(second.facts_for("documents")[1])
    answer = report(ANSWERS, vacancies, TODAY)
    assert (f"- for vacancy {second.requisition}: Copy of university qualifications you have completed and/or"
            in answer.text)
    assert f"- for vacancy {first.requisition}: Copy of university qualifications" in answer.text


def test_vacancies_past_their_deadline_are_said_to_be_closed(vacancies):
    answer = report(ANSWERS, vacancies, TODAY, now=NOW)
    assert CLOSED in answer.text
    assert answer.text.index(CLOSED) < answer.text.index("This is not a decision")
    deadlines = [c for c in answer.citations if c.quote.startswith("Apply until")]
    assert {c.requisition for c in deadlines} == {"250770", "250775"}


def test_one_closed_vacancy_is_named_alone(vacancies):
    answer = report(ANSWERS, vacancies[:1], TODAY, now=NOW)
    assert ("The application deadline of vacancy 250770 passed on 22 June 2025, so it no longer takes applications."
            in answer.text)


def test_open_vacancies_or_no_instant_say_nothing_of_a_deadline(vacancies):
    assert "deadline" not in report(ANSWERS, vacancies, TODAY).text
    assert "deadline" not in report(ANSWERS, vacancies, TODAY, now=DEADLINE).text  # the last minute still counts
    assert "deadline" in report(ANSWERS, vacancies, TODAY, now=DEADLINE + timedelta(minutes=1)).text


def test_the_language_question_reads_a_bare_language_that_free_text_does_not(vacancies):
    assert run_check("language", "English", vacancies, TODAY).check.status == "met"
    assert run_check("language", "Spanish only", vacancies, TODAY).check.status == "not_met"
    assert not run_check("language", "I'm 23, Spanish", vacancies, TODAY, asked=False).check.understood
    assert personal_verdict("language", "I'm English, can I apply?", vacancies, TODAY) is None


def test_a_country_named_alone_after_the_nationality_criterion_is_checked_for_membership(vacancies):
    assert personal_verdict("nationality", "what about Ukraine?", vacancies, TODAY) == "Ukraine is not a NATO member state."
    assert personal_verdict("nationality", "and for the Netherlands?", vacancies, TODAY).startswith(
        "The Netherlands is a NATO member state")
    assert personal_verdict("nationality", "et la Suède ?", vacancies, TODAY).startswith("Sweden is a NATO member state")
    assert personal_verdict("nationality", "what about the stipend?", vacancies, TODAY) is None
    assert personal_verdict("nationality", "what about Ukraine and Sweden?", vacancies, TODAY) is None  # not one name
    assert all(personal_verdict("nationality", text, vacancies, TODAY) is None for text in ("", "???", "and " * 5000))
