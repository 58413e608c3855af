"""Answer composers against the imported notices: amounts, dates and quotes, with a fixed clock."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from dateutil import tz

from actions.answers.composers import COMPOSERS, Question, compose
from actions.understanding.focus import select_vacancies
from actions.understanding.timezones import resolve_zone
from tests.conftest import NOW

UTC = tz.UTC
DEADLINE = datetime(2025, 6, 22, 21, 59, tzinfo=UTC)  # 23:59 Brussels summer time


def only(vacancies, requisition):
    return [v for v in vacancies if v.requisition == requisition]


def test_stipend_once_for_both_vacancies_citing_each(vacancies):
    answer = compose("stipend", Question(vacancies, NOW))
    assert answer.text == "The stipend is €1,286.09 (EUR) per month."
    assert [c.requisition for c in answer.citations] == ["250770", "250775"]
    assert {c.section for c in answer.citations} == {"What do we offer?"}
    rendered = answer.render()
    assert 'Source: vacancies 250770 (International Military Staff, Cooperative Security Division) and 250775' in rendered
    assert '"A monthly grant of €1,286.09 and a travel reimbursement upon joining and leaving the organisation."' in rendered
    assert answer.payload()["sources"][0] == {
        "requisition": "250770",
        "title": "International Military Staff, Cooperative Security Division",
        "section": "What do we offer?",
        "quote": "A monthly grant of €1,286.09 and a travel reimbursement upon joining and leaving the organisation.",
    }


@pytest.mark.parametrize(
    "now, expected",
    [
        (DEADLINE - timedelta(days=2, hours=3), "Time left to apply: 2 days and 3 hours."),
        (DEADLINE - timedelta(minutes=1), "Time left to apply: 1 minute."),
        (DEADLINE, "Time left to apply: less than a minute."),
        (DEADLINE + timedelta(minutes=1), "It passed 1 minute ago, so this vacancy no longer takes applications."),
        (NOW, "It passed 1 year and 5 months ago, so this vacancy no longer takes applications."),
    ],
)
def test_deadline_relative_to_a_fixed_clock(vacancies, now, expected):
    answer = compose("deadline", Question(only(vacancies, "250775"), now))
    closed = now > DEADLINE
    assert answer.text.startswith("This vacancy is closed: its application deadline has passed.\n") == closed
    assert "The application deadline is Sunday 22 June 2025 at 23:59 Brussels time (UTC+02:00)." in answer.text
    assert answer.text.endswith(expected)
    assert answer.citations[0].quote == "Apply until 22 June 2025 at 23.59, Brussels time."


def test_all_closed_is_said_first(vacancies):
    closed = compose("deadline", Question(vacancies, NOW)).text
    assert closed.startswith("All the vacancies I know of are closed")
    still_open = compose("deadline", Question(vacancies, DEADLINE - timedelta(hours=1))).text
    assert "closed" not in still_open


def test_deadline_in_another_time_zone(vacancies):
    answer = compose("deadline", Question(only(vacancies, "250770"), NOW, resolve_zone("in New York")))
    assert "In New York, that is Sunday 22 June 2025, 17:59 (America/New_York, UTC-04:00)." in answer.text


def test_local_time_without_a_place_asks_for_one(vacancies):
    asked = compose("deadline", Question(only(vacancies, "250770"), NOW, None, wants_local_time=True)).text
    assert asked.endswith("Tell me your city or time zone (for example “in Ottawa” or “America/New_York”) and I'll convert the time.")
    named = compose("webinar", Question(only(vacancies, "250770"), NOW, resolve_zone("in Ottawa"), wants_local_time=True)).text
    assert "(Wednesday 11 June 2025, 10:00 (America/Toronto, UTC-04:00) in Ottawa)" in named
    assert "Tell me your city" not in named


def test_webinar_date_link_and_status(vacancies):
    before = compose("webinar", Question(only(vacancies, "250770"), datetime(2025, 6, 1, tzinfo=UTC))).text
    assert "is on Wednesday 11 June 2025 at 16:00 Brussels time (UTC+02:00), in 10 days and 14 hours" in before
    assert before.endswith("https://us06web.zoom.us/webinar/register/WN_HdnqpN5hSDaM-t7JB8lAuQ")
    after = compose("webinar", Question(vacancies, NOW))
    # The two notices give different registration links, so each vacancy gets its own line.
    assert after.text.count("took place on Wednesday 11 June 2025 at 16:00") == 2
    assert "WN_HdnqpN5hSDaM-t7JB8IAuQ" in after.text and "WN_HdnqpN5hSDaM-t7JB8lAuQ" in after.text


def test_silent_notice_is_said_not_guessed(vacancies):
    cs_only = compose("grade", Question(only(vacancies, "250770"), NOW))
    assert cs_only.text.startswith("The notice of vacancy 250770 (International Military Staff, Cooperative Security "
                                   "Division) does not state a grade, so I cannot tell you.")
    assert cs_only.citations == ()
    both = compose("clearance", Question(vacancies, NOW))
    assert both.text.splitlines() == [
        "250775 (International Military Staff, Executive Coordinator, Knowledge Management Section): The clearance level is NS.",
        "The notice of vacancy 250770 (International Military Staff, Cooperative Security Division) does not state a clearance level.",
    ]
    assert [c.quote for c in both.citations] == ["Clearance Level NS"]
    from actions.answers.composers import _each  # every notice silent: each one named
    from actions.answers.topics import topic_named
    none = _each(Question(vacancies, NOW), topic_named("grade"), lambda vacancy: None)
    assert none.text.startswith("The notices of vacancy 250770 (International Military Staff, Cooperative Security "
                                "Division) and vacancy 250775 (International Military Staff, Executive Coordinator, "
                                "Knowledge Management Section) do not state a grade, so I cannot tell you.")


@pytest.mark.parametrize(
    "topic, expected",
    [
        ("telework", "On telework, the notice says: “Teleworking subject to business requirements.”"),
        ("duration", "The internship lasts 6 months."),
        ("hours", "The internship is 38 hours a week."),
        ("start_date", "The notice says the internship starts in March 2026 or September 2026; both have already passed."),
        ("max_applications", "You can apply for up to 3 different vacancies."),
    ],
)
def test_topics_the_vacancies_agree_on(vacancies, topic, expected):
    answer = compose(topic, Question(vacancies, NOW))
    assert answer.text == expected
    assert {c.requisition for c in answer.citations} == {"250770", "250775"}


def test_documents_for_graduates_and_students_with_language_rule(vacancies):
    text = compose("documents", Question(only(vacancies, "250775"), NOW)).text
    assert "- Copy of university qualifications you have completed and/or" in text
    assert "- Proof of ongoing studies with the dates clearly mentioned if you are still studying." in text
    assert "please attach a self translation" in text
    assert "cannot be updated after the relevant deadline" in text


def test_eligibility_lists_the_four_essential_criteria(vacancies):
    answer = compose("eligibility", Question(vacancies, NOW))
    assert answer.text.count("\n- ") == 4
    assert "- be at least 21 years old" in answer.text
    assert answer.citations[0].section == "Essential"


def test_duties_differ_per_vacancy(vacancies):
    text = compose("duties", Question(vacancies, NOW)).text
    assert text.startswith("250770 (International Military Staff, Cooperative Security Division):")
    assert "Assist with the development of custom SharePoint web pages using HTML, CSS and JavaScript;" in text


def test_every_topic_composes_and_cites(vacancies):
    for topic in COMPOSERS:
        answer = compose(topic, Question(vacancies, NOW))
        assert answer.text, topic
        assert answer.citations, topic


@pytest.mark.parametrize(
    "message, focused, expected, focus",
    [
        ("how much does the KM internship pay?", None, ["250775"], "250775"),
        ("and the stipend for it?", "250775", ["250775"], "250775"),
        ("what about cooperative security?", "250775", ["250770"], "250770"),
        ("stipend for both?", "250775", ["250770", "250775"], None),
        ("what is the stipend?", None, ["250770", "250775"], None),
        ("and for cs?", "250775", ["250770"], "250770"),  # a lower-case acronym closing a follow-up
        ("the stipend for the knowledge-management internship?", None, ["250775"], "250775"),
        ("I did 2 years of cs at university", "250775", ["250775"], "250775"),  # computer science, not CS
    ],
)
def test_vacancy_in_focus(vacancies, message, focused, expected, focus):
    selection = select_vacancies(message, focused, vacancies)
    assert [v.requisition for v in selection.vacancies] == expected
    assert selection.focus == focus


def test_unknown_requisition_is_reported(vacancies):
    selection = select_vacancies("stipend of 123456?", None, vacancies)
    assert selection.unknown == ["123456"]


def test_a_criterion_answer_adds_what_is_only_an_advantage(vacancies):
    answer = compose("language_requirement", Question(vacancies, NOW))
    assert answer.text == (
        "The notice requires that the candidate must have proficiency in one of the two official NATO languages "
        "(English/French). It lists as an advantage, not a requirement: “elementary knowledge of the second official "
        "NATO language (English/French)”.")
    assert [c.section for c in answer.citations] == ["Essential", "Desirable", "Essential", "Desirable"]
    studies = compose("studies_requirement", Question(only(vacancies, "250775"), NOW)).text
    assert "as an advantage, not a requirement: “have a Bachelor's degree or in the final stage" in studies
    assert "advantage" not in compose("age_requirement", Question(vacancies, NOW)).text
    # "previous experience with ... national administration" is not about nationality
    assert "advantage" not in compose("nationality_requirement", Question(vacancies, NOW)).text


def test_overview_gives_each_key_fact_with_its_source(vacancies):
    answer = compose("overview", Question(only(vacancies, "250775"), NOW))
    assert answer.text.splitlines()[:8] == [
        "250775 (International Military Staff, Executive Coordinator, Knowledge Management Section)",
        "- Location: Belgium-Brussels",
        "- Schedule: Full-time",
        "- Hours: 38 a week",
        "- Duration: 6 months",
        "- Starts: March 2026 or September 2026 (both have already passed)",
        "- Stipend: €1,286.09 (EUR) per month",
        "- Deadline: Sunday 22 June 2025 at 23:59 Brussels time (UTC+02:00) (closed 1 year and 5 months ago)",
    ]
    quotes = {c.quote for c in answer.citations}
    assert {"Primary Location: Belgium-Brussels", "Schedule: Full-time",
            "Apply until 22 June 2025 at 23.59, Brussels time."} <= quotes
    before = compose("overview", Question(only(vacancies, "250770"), DEADLINE - timedelta(days=3))).text
    assert "(open, 3 days left)" in before and "- Location: NATO Headquarters, Brussels" in before


def test_how_to_apply_quotes_what_the_notice_says_about_applying(vacancies):
    answer = compose("how_to_apply", Question(vacancies, NOW))
    lines = answer.text.splitlines()
    assert lines[0] == "The notice does not set out the application steps; this is what it says about applying:"
    assert lines[1] == "- “Apply until 22 June 2025 at 23.59, Brussels time.” (closed 1 year and 5 months ago)"
    assert "- “Please note that you can apply for up to three (3) different vacancies!”" in lines
    assert any(line.startswith("- Attach: “Copy of university qualifications") for line in lines)
    assert "- “Please ensure that all information is complete and accurate before submitting your application.”" in lines
    assert lines[-1] == ("- “Read more about the Internship Programme, including terms and conditions, and what we "
                         "offer at our website.”")
    assert {c.requisition for c in answer.citations} == {"250770", "250775"}


def test_an_uncovered_topic_is_declined_with_where_the_notice_points(vacancies):
    answer = compose("uncovered_topic", Question(vacancies, NOW))
    lines = answer.text.splitlines()
    assert lines[0] == "The vacancy notice does not cover that, so I can't answer it. What it says about further information:"
    assert "“Read more about the Internship Programme, including terms and conditions" in lines[1]
    assert "telephone or e-mail enquiries cannot be dealt with.”" in lines[1]
    assert lines[2].startswith("From the notice I can tell you about eligibility criteria, stipend")
    assert {(c.requisition, c.section) for c in answer.citations} == {("250770", "Special Notice"), ("250775", "Special Notice")}


def test_updating_is_ruled_out_only_after_the_deadline(vacancies):
    text = compose("application_update", Question(vacancies, NOW)).text
    assert not text.startswith("No.")
    assert text == ("Not after the deadline: the notice says “Please note that the application cannot be updated after "
                    "the relevant deadline.” It does not say whether an application can be changed before the deadline.")


def test_accommodation_leads_with_what_the_notice_says_and_promises_nothing(vacancies):
    text = compose("accommodation", Question(vacancies, NOW)).text
    assert not text.startswith("Yes")
    assert text.startswith("On reasonable accommodation, the notice says: “NATO is committed to fostering")
    assert "Candidates will be required to provide documented medical evidence" in text
    assert text.endswith("The notice does not say which arrangements can be made.")


def test_a_statement_of_some_vacancies_names_them_when_another_is_silent(vacancies):
    cs, km = "250770 (International Military Staff, Cooperative Security Division)", \
        "250775 (International Military Staff, Executive Coordinator, Knowledge Management Section)"
    assert compose("clearance", Question(vacancies, NOW)).text.splitlines() == [
        f"{km}: The clearance level is NS.",
        f"The notice of vacancy {cs} does not state a clearance level.",
    ]
    assert compose("grade", Question(vacancies, NOW)).text.splitlines() == [
        f"{km}: The grade is INTERN.",
        f"The notice of vacancy {cs} does not state a grade.",
    ]


def test_travel_reimbursement_is_mentioned_without_an_amount(vacancies):
    text = compose("travel_reimbursement", Question(vacancies, NOW)).text
    assert not text.startswith("Yes")
    assert text == ("The notice mentions a travel reimbursement but does not state its amount: “A monthly grant of "
                    "€1,286.09 and a travel reimbursement upon joining and leaving the organisation.”")


@pytest.mark.parametrize(
    "now, expected",
    [
        (datetime(2025, 6, 1, tzinfo=UTC), "The internship starts in March 2026 or September 2026."),
        (datetime(2026, 3, 1, 12, tzinfo=UTC),
         "The notice says the internship starts in March 2026 or September 2026; March 2026 has begun and September 2026 is still to come."),
        (datetime(2026, 5, 1, tzinfo=UTC),
         "The notice says the internship starts in March 2026 or September 2026; March 2026 has already passed and September 2026 is still to come."),
        # 21:59 UTC on 30 September is 23:59 in Brussels (UTC+2): September has not ended there yet.
        (datetime(2026, 9, 30, 21, 59, tzinfo=UTC),
         "The notice says the internship starts in March 2026 or September 2026; March 2026 has already passed and September 2026 has begun."),
        (datetime(2026, 9, 30, 22, 0, tzinfo=UTC),
         "The notice says the internship starts in March 2026 or September 2026; both have already passed."),
        (NOW, "The notice says the internship starts in March 2026 or September 2026; both have already passed."),
    ],
)
def test_start_periods_that_have_passed_are_said_so(vacancies, now, expected):
    answer = compose("start_date", Question(vacancies, now))
    assert answer.text == expected
    assert {c.requisition for c in answer.citations} == {"250770", "250775"}


def test_overview_says_the_start_periods_have_passed(vacancies):
    text = compose("overview", Question(only(vacancies, "250770"), NOW)).text
    assert "- Starts: March 2026 or September 2026 (both have already passed)" in text.splitlines()
    before = compose("overview", Question(only(vacancies, "250770"), datetime(2026, 5, 1, tzinfo=UTC))).text
    assert "- Starts: March 2026 or September 2026 (March 2026 has already passed and September 2026 is still to come)" in before


def test_a_past_webinar_is_not_offered_for_registration(vacancies):
    after = compose("webinar", Question(only(vacancies, "250775"), NOW)).text
    assert after.startswith("The info-session webinar took place on Wednesday 11 June 2025 at 16:00 Brussels time")
    assert "Registration link" not in after and "register" not in after.lower().replace("webinar/register", "")
    assert "Registration for it is over." in after
    assert after.endswith("The notice gave this registration link: https://us06web.zoom.us/webinar/register/WN_HdnqpN5hSDaM-t7JB8IAuQ")


def test_an_age_criterion_with_only_a_minimum_sets_no_maximum(vacancies):
    answer = compose("age_requirement", Question(vacancies, NOW, verdict="You are 35."))
    assert answer.text == ("You are 35.\nThe notice requires that the candidate must be at least 21 years old. "
                           "It sets no maximum age.")
    km = only(vacancies, "250775")
    next(f for f in km[0].facts_for("essential_criteria") if "21" in f.value).value = "be between 21 and 30 years old"
    assert "maximum" not in compose("age_requirement", Question(km, NOW)).text
    cs = only(vacancies, "250770")
    cs[0].facts_for("desirable_criteria")[0].value = "be no older than 30"
    assert "maximum" not in compose("age_requirement", Question(cs, NOW)).text


def test_documents_say_what_the_notice_does_not_ask_for(vacancies):
    text = compose("documents", Question(vacancies, NOW)).text
    assert "The notice does not ask for a CV, a cover letter or references." in text.splitlines()
    km = only(vacancies, "250775")
    km[0].notice_text += "\nPlease attach your curriculum vitae and a motivation letter."
    text = compose("documents", Question(km, NOW)).text
    assert "The notice does not ask for references." in text.splitlines()
    assert "CV" not in text and "cover letter" not in text


def test_benefits_list_what_the_notice_offers(vacancies):
    answer = compose("benefits", Question(only(vacancies, "250775"), NOW))
    assert answer.text.startswith("Under “What do we offer?” the notice lists:")
    assert "- NATO HQ Staff Centre which promotes employee well-being" in answer.text
    assert "- A rich programme of activities, attending regular events" in answer.text
    assert {c.section for c in answer.citations} == {"What do we offer?"}
    assert len(answer.citations) == 6
