"""The importer reads every field of both notice layouts, and every fact quotes the notice exactly."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from dateutil import tz

from actions.notices.parser import NoticeError, parse_brussels_instant, parse_notice
from tests.conftest import CS_NOTICE, KM_NOTICE

UTC = tz.UTC


@pytest.fixture(scope="module")
def cs():
    return parse_notice(CS_NOTICE.read_text(encoding="utf-8"), CS_NOTICE.name)


@pytest.fixture(scope="module")
def km():
    return parse_notice(KM_NOTICE.read_text(encoding="utf-8"), KM_NOTICE.name)


def test_identity_of_both_layouts(cs, km):
    assert (cs.requisition, km.requisition) == ("250770", "250775")
    assert cs.title == "NATO Internship - International Military Staff, Cooperative Security Division"
    assert km.title == "NATO Internship - International Military Staff, Executive Coordinator, Knowledge Management Section"
    assert (cs.division, km.division) == ("Cooperative Security Division", "Knowledge Management Section")
    assert cs.nato_body == "International Military Staff"
    assert km.nato_body == "International Military Staff (NATO IMS)"


def test_header_fields_only_where_the_notice_states_them(cs, km):
    assert (km.location, km.schedule, km.grade, km.clearance_level) == ("Belgium-Brussels", "Full-time", "INTERN", "NS")
    assert cs.location == "NATO Headquarters, Brussels"
    assert cs.schedule == "Full-time"
    assert cs.grade is None and cs.clearance_level is None


@pytest.mark.parametrize("name", ["cs", "km"])
def test_offer_facts(name, request):
    notice = request.getfixturevalue(name)
    assert notice.stipend_amount == Decimal("1286.09")
    assert (notice.stipend_currency, notice.stipend_basis) == ("EUR", "monthly")
    assert (notice.duration_months, notice.hours_per_week, notice.max_applications) == (6, 38, 3)
    assert notice.telework == "Teleworking subject to business requirements."
    assert [f.value for f in notice.facts_for("start_periods")] == ["March 2026", "September 2026"]
    assert "travel reimbursement" in notice.facts_for("travel_reimbursement")[0].value


@pytest.mark.parametrize("name", ["cs", "km"])
def test_deadline_and_webinar_are_brussels_instants(name, request):
    notice = request.getfixturevalue(name)
    # 22 June 2025 23:59 in Brussels is summer time (UTC+2): 21:59 UTC.
    assert notice.deadline == datetime(2025, 6, 22, 21, 59, tzinfo=UTC)
    assert notice.deadline.utcoffset().total_seconds() == 7200
    assert notice.deadline_text == "Apply until 22 June 2025 at 23.59, Brussels time."
    # "11/06/2025 at 4pm CET (Brussels time)" is 11 June (day first), 16:00 on the Brussels clock = 14:00 UTC.
    assert notice.webinar_at == datetime(2025, 6, 11, 14, 0, tzinfo=UTC)


def test_webinar_links_are_kept_as_each_notice_gives_them(cs, km):
    assert cs.webinar_url == "https://us06web.zoom.us/webinar/register/WN_HdnqpN5hSDaM-t7JB8lAuQ"
    assert km.webinar_url == "https://us06web.zoom.us/webinar/register/WN_HdnqpN5hSDaM-t7JB8IAuQ"


@pytest.mark.parametrize("name", ["cs", "km"])
def test_ordered_lists(name, request):
    notice = request.getfixturevalue(name)
    essential = [f.value for f in notice.facts_for("essential_criteria")]
    assert essential[0] == "be a national of a NATO member state"
    assert essential[1] == "be at least 21 years old"
    assert essential[2].startswith("have at least two years of university level studies OR equivalent education")
    assert "(English/French)" in essential[3]
    desirable = [f.value for f in notice.facts_for("desirable_criteria")]
    assert len(desirable) == 4 and desirable[0].startswith("have a Bachelor")
    competencies = notice.facts_for("competencies")
    assert [c.label for c in competencies][:2] == ["Achievement", "Analytical thinking"]
    assert len(competencies) == 9 and competencies[-1].label == "Teamwork"
    documents = [f.value for f in notice.facts_for("documents")]
    assert documents == [
        "Copy of university qualifications you have completed and/or",
        "Proof of ongoing studies with the dates clearly mentioned if you are still studying.",
    ]
    assert "self translation" in notice.facts_for("document_language")[0].value
    assert len(notice.facts_for("offer")) == 6


def test_duties_keep_their_lead_in(cs, km):
    km_duties = km.facts_for("duties")
    assert len(km_duties) == 8 and {d.label for d in km_duties} == {"The intern will:"}
    assert km_duties[3].value == "Assist with the development of custom SharePoint web pages using HTML, CSS and JavaScript;"
    cs_leads = {d.label.split(" will")[0] for d in cs.facts_for("duties")}
    assert cs_leads == {"The interns", "The intern selected for the P&P section", "The intern selected for the MCB-East position"}


@pytest.mark.parametrize("name", ["cs", "km"])
def test_policies(name, request):
    notice = request.getfixturevalue(name)
    policies = {f.label: f.value for f in notice.facts_for("policies")}
    assert set(policies) == {"generative_ai", "accommodation", "integrity", "candidate_pool", "no_enquiries",
                             "diversity", "accuracy", "no_update", "website"}
    assert policies["generative_ai"].startswith("Kindly note that NATO will not accept")
    assert policies["website"].startswith("Read more about the Internship Programme, including terms and conditions")
    assert "telephone or e-mail enquiries cannot be dealt with" in policies["no_enquiries"]


@pytest.mark.parametrize("name", ["cs", "km"])
def test_every_fact_quotes_the_stored_text_exactly(name, request):
    notice = request.getfixturevalue(name)
    assert len(notice.facts) > 60
    for fact in notice.facts:
        assert notice.text[fact.source.start:fact.source.end] == fact.source.text, fact
        assert fact.source.section


def test_sections_are_the_notice_headings(cs):
    sections = {f.field: f.source.section for f in cs.facts}
    assert sections["stipend"] == "What do we offer?"
    assert sections["deadline"] == "Selection Criteria"
    assert sections["essential_criteria"] == "Essential"
    assert sections["documents"] == "Special Notice"


@pytest.mark.parametrize(
    "text, missing",
    [
        ("", "empty"),
        ("   \n\n  ", "empty"),
        ("NATO Internship - International Military Staff, Some Division\nApply until 22 June 2025 at 23.59, Brussels time.", "requisition number"),
        ("NATO Internship - International Military Staff, Some Division (250999)\nTelework possible.", "application deadline"),
        ("250999 Requisition #\nApply until 22 June 2025 at 23.59, Brussels time.", "vacancy title"),
    ],
)
def test_incomplete_notices_are_rejected_naming_what_is_missing(text, missing):
    with pytest.raises(NoticeError, match=missing) as error:
        parse_notice(text, "broken.txt")
    assert "broken.txt" in str(error.value)


def test_other_wordings_of_the_family():
    notice = parse_notice(
        "NATO Internship - NATO International Staff, Public Diplomacy Division (260001)\n\n"
        "What do we offer?\n\n"
        "- A 4-month traineeship at NATO Headquarters, in Brussels, starting in September 2026.\n"
        "- A monthly grant of € 1.286,09.\n\n"
        "Selection Criteria\n\nApply by 3 March 2026 at 12:00, Brussels time.\n",
        "other.txt",
    )
    assert notice.requisition == "260001"
    assert notice.stipend_amount == Decimal("1286.09")
    assert notice.duration_months == 4
    # 3 March 2026 is winter time in Brussels (UTC+1).
    assert notice.deadline == datetime(2026, 3, 3, 11, 0, tzinfo=UTC)
    assert [f.value for f in notice.facts_for("start_periods")] == ["September 2026"]


@pytest.mark.parametrize(
    "date, time, expected_utc",
    [
        ("11/06/2025", "4pm", datetime(2025, 6, 11, 14, 0)),
        ("22 June 2025", "23.59", datetime(2025, 6, 22, 21, 59)),
        ("15/01/2026", "4 p.m.", datetime(2026, 1, 15, 15, 0)),
        ("30/03/2025", "12am", datetime(2025, 3, 29, 23, 0)),
        ("26/10/2025", "16:30", datetime(2025, 10, 26, 15, 30)),
        ("12 January 2026", "11:59 pm", datetime(2026, 1, 12, 22, 59)),
        ("January 12th, 2026", "3 p.m.", datetime(2026, 1, 12, 14, 0)),
        ("05-Jan-2026", None, datetime(2026, 1, 5, 22, 59)),  # no time: the end of the day
        ("2026-01-05", "16h", datetime(2026, 1, 5, 15, 0)),  # ISO 8601 is year first, not day first
        ("16 June 2026", "noon", datetime(2026, 6, 16, 10, 0)),
        ("16 June 2026", "12 noon", datetime(2026, 6, 16, 10, 0)),
        ("15 March 2026", "midnight", datetime(2026, 3, 15, 23, 0)),  # the end of 15 March
        ("30 June 2026", "24:00", datetime(2026, 6, 30, 22, 0)),
        ("29/03/2026", "02:30", datetime(2026, 3, 29, 1, 30)),  # skipped by the spring change: 03:30 CEST
        ("25/10/2026", "02:30", datetime(2026, 10, 25, 0, 30)),  # shown twice in autumn: the first, CEST
    ],
)
def test_brussels_wall_clock_to_instant(date, time, expected_utc):
    # Compared in UTC: by PEP 495 a wall time of the repeated autumn hour never equals a time of another zone.
    assert parse_brussels_instant(date, time).astimezone(UTC) == expected_utc.replace(tzinfo=UTC)


@pytest.mark.parametrize("date, time", [("31 February 2026", "12:00"), ("5 January 2026", "25:00"), ("5 January 2026", "13 pm")])
def test_impossible_dates_and_times_are_notice_errors(date, time):
    with pytest.raises(NoticeError, match="unreadable"):
        parse_brussels_instant(date, time)


HEADER = "NATO Internship - NATO International Staff, Some Division (260999)\n\n"


@pytest.mark.parametrize(
    "sentence, expected_utc",
    [
        ("Apply by 23:59 CET on 5 January 2026.", datetime(2026, 1, 5, 22, 59)),
        ("The deadline for applications is 5 Jan 2026 at noon.", datetime(2026, 1, 5, 11, 0)),
        ("Applications should be received no later than Monday, 5 January 2026, 16:00 (Brussels time).",
         datetime(2026, 1, 5, 15, 0)),
        ("Applications must be submitted by 30 June 2026 at 23:59 CET (Brussels time).", datetime(2026, 6, 30, 21, 59)),
        ("Closing date: 05/01/2026 23:59", datetime(2026, 1, 5, 22, 59)),
        ("Apply before 12 January 2026 at 11:59 p.m. CET (Brussels time).", datetime(2026, 1, 12, 22, 59)),
        ("Closing date: 15.01.2027 23:59", datetime(2027, 1, 15, 22, 59)),
        ("Applications close on 2 November 2026 at 5 pm (Brussels time).", datetime(2026, 11, 2, 16, 0)),
    ],
)
def test_deadline_wordings(sentence, expected_utc):
    notice = parse_notice(HEADER + sentence + "\n", "wording.txt")
    assert notice.deadline == expected_utc.replace(tzinfo=UTC)
    assert notice.deadline_text == sentence


@pytest.mark.parametrize(
    "sentence, basis",
    [
        ("A monthly grant of 1.286,09 €.", "monthly"),
        ("A grant of EUR 1,286.09 per month.", "monthly"),
        ("A stipend of €1\u00a0286,09 per month.", "monthly"),
        ("A monthly allowance of 1286.09 EUR.", "monthly"),
        ("A full-time traineeship (38 hours a week) with a grant of 1,286.09 € per month.", "monthly"),
        ("A grant of €1,286.09.", None),
        ("A monthly grant of EUR 1.286,09.", "monthly"),
    ],
)
def test_stipend_number_formats(sentence, basis):
    notice = parse_notice(HEADER + "Apply by 5 January 2026.\n\n" + sentence + "\n", "stipend.txt")
    assert (notice.stipend_amount, notice.stipend_currency, notice.stipend_basis) == (Decimal("1286.09"), "EUR", basis)
    assert notice.facts_for("stipend")[0].source.text == sentence
