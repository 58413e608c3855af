"""Other notices of the programme (tests/fixtures/notices, never imported into the live database) parse alike.

The fixtures vary what real notices vary: layout (careers page, careers-site copy with the number only in a link,
vacancy notification, notification with labelled fields and numbered upper-case headings, PDF-to-text with hard
line wraps, page headers and footers and hyphenation, e-mail copy with quoted lines, Markdown, upper case, no header
block), CRLF line endings, bullets, numbers and letters, heading wording, winter and summer deadlines written in
different ways, the webinar time, the stipend's amount and number format, the duration, the hours, the number of
applications, the telework wording, the start periods and the criteria's values; some lack a webinar or telework.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Dict, List

import pytest
from dateutil import tz

from actions.clock import BRUSSELS
from actions.notices.layout import clean_text
from actions.notices.parser import NoticeError, parse_notice
from actions.vacancy_db.__main__ import main as vacancy_db
from tests.conftest import NOTICES, ROOT
from tests.test_vacancy_db import counts, show_json, snapshot

UTC = tz.UTC
FIXTURES = ROOT / "tests" / "fixtures" / "notices"
PUBLIC_DIPLOMACY = FIXTURES / "260114-is-public-diplomacy.txt"
INNOVATION = FIXTURES / "260322-is-esc-innovation.txt"
OPERATIONS = FIXTURES / "260415-is-operations.txt"
DEFENCE_INVESTMENT = FIXTURES / "260533-is-defence-investment.txt"
CAREERS_SITE = FIXTURES / "260611-is-defence-policy-careers-site.txt"
LABELLED = FIXTURES / "260702-is-operations-formal-notification.txt"
PDF_TEXT = FIXTURES / "260815-is-intelligence-pdf-to-text.txt"
EMAIL = FIXTURES / "260903-is-pasp-email-copy.txt"
MARKDOWN_SITE = FIXTURES / "261010-is-human-resources-careers-markdown.txt"
UPPER_CASE = FIXTURES / "261122-is-armaments-uppercase-notification.txt"
JOB_BOARD = FIXTURES / "260999-is-defence-policy-job-board-fields.txt"
COMPACT = FIXTURES / "261234-sto-cso-compact-email.txt"
VARIANTS = [PUBLIC_DIPLOMACY, INNOVATION, OPERATIONS, DEFENCE_INVESTMENT, CAREERS_SITE, LABELLED, PDF_TEXT, EMAIL,
            MARKDOWN_SITE, UPPER_CASE, JOB_BOARD, COMPACT]

NATIONAL, AGE = "be a national of a NATO member state", "be at least 21 years old"
LANGUAGE = "have proficiency in one of the two official NATO languages (English/French)."
STUDIES = ("have at least two years of university level studies OR equivalent education OR be currently a student OR a "
           "recent graduate (degree obtained no longer than 12 months ago)")
STANDARD = [NATIONAL, AGE, STUDIES, LANGUAGE]
SEMICOLONS = [NATIONAL, AGE, STUDIES, LANGUAGE.rstrip(".") + "."]
DOCUMENTS = [
    "Copy of university qualifications you have completed and/or",
    "Proof of ongoing studies with the dates clearly mentioned if you are still studying.",
]

# What each notice says, read by hand from its text.
EXPECTED: Dict[str, dict] = {
    "260114": dict(
        path=PUBLIC_DIPLOMACY,
        title="NATO Internship - NATO International Staff, Public Diplomacy Division",
        nato_body="NATO International Staff", division="Public Diplomacy Division",
        location="NATO Headquarters, Brussels", grade=None,
        # "12 January 2026 at 11:59 pm (Brussels time)": winter, UTC+1.
        deadline=datetime(2026, 1, 12, 22, 59, tzinfo=UTC),
        deadline_text="Apply before 12 January 2026 at 11:59 pm (Brussels time).",
        # "8 January 2026 at 3 p.m. CET (Brussels time)".
        webinar=datetime(2026, 1, 8, 14, 0, tzinfo=UTC),
        webinar_url="https://us06web.zoom.us/webinar/register/WN_Pd26winterQx7",
        stipend_quote="A grant of EUR 1,286.09 per month and a travel reimbursement upon joining and leaving the organisation.",
        duration=5, hours=38, max_applications=3, start_periods=["September 2026"],
        telework="Telework up to two days a week, subject to business requirements.",
        essential_section="Essential criteria",
        desirable=[
            "studies in communication, journalism, international relations or a related field",
            "elementary knowledge of the second official NATO language (English/French)",
            "experience with web content management systems or graphic design tools.",
        ],
        competencies=9, duties=4,
    ),
    "260322": dict(
        path=INNOVATION,
        title="NATO Internship - International Staff, Emerging Security Challenges Division, Innovation Unit",
        nato_body="NATO International Staff (NATO IS)", division="Innovation Unit",
        location="Belgium-Brussels", grade="INTERN",
        # Only the header gives the deadline, "05-Jan-2026": the end of that day in Brussels (winter).
        deadline=datetime(2026, 1, 5, 22, 59, tzinfo=UTC),
        deadline_text="Application Deadline: 05-Jan-2026",
        # "**10/12/2025 at 15:00 CET (Brussels time)**": day first, 10 December.
        webinar=datetime(2025, 12, 10, 14, 0, tzinfo=UTC),
        webinar_url="https://us06web.zoom.us/webinar/register/WN_EscInnov2025",
        stipend_quote="A monthly grant of 1.286,09 € and a travel reimbursement upon joining and leaving the organisation.",
        duration=6, hours=38, max_applications=3, start_periods=["September 2026"],
        telework="38 hours per week, with teleworking possible subject to business requirements.",
        essential_section="Essential",
        desirable=[
            "studies in engineering, computer science or science and technology policy",
            "elementary knowledge of the second official NATO language (English/French).",
        ],
        competencies=3, duties=3,
    ),
    "260415": dict(
        path=OPERATIONS,
        title="NATO Internship – NATO International Staff, Operations Division",
        nato_body="NATO International Staff", division="Operations Division",
        location="NATO Headquarters, Brussels", grade=None,
        # "15 March 2026 at midnight": the end of 15 March, 24:00 CET.
        deadline=datetime(2026, 3, 15, 23, 0, tzinfo=UTC),
        deadline_text="Apply by 15 March 2026 at midnight (Brussels time).",
        webinar=None, webinar_url=None,
        stipend_quote="A monthly allowance of EUR 1,286.09 to cover living costs, and a travel reimbursement upon joining "
        "and leaving the organisation.",
        duration=6, hours=38, max_applications=2, start_periods=["September 2026"],
        telework=None,
        essential_section="Essential criteria",
        desirable=[
            "studies in international relations, security studies or political science",
            "previous experience with other international organizations, national administration, research or industry.",
        ],
        competencies=0, duties=3,
    ),
    "260533": dict(
        path=DEFENCE_INVESTMENT,
        title="NATO Internship - NATO International Staff, Defence Investment Division",
        nato_body="NATO International Staff", division="Defence Investment Division",
        location="Brussels, Belgium", grade=None,
        # "30 June 2026 at 23:59 CET (Brussels time)": CET on a summer date means the Brussels clock, UTC+2.
        deadline=datetime(2026, 6, 30, 21, 59, tzinfo=UTC),
        deadline_text="Applications must be submitted by 30 June 2026 at 23:59 CET (Brussels time).",
        webinar=datetime(2026, 6, 16, 10, 0, tzinfo=UTC),  # "at noon (Brussels time)"
        webinar_url="https://us06web.zoom.us/webinar/register/WN_DefInv2026",
        stipend_quote="A stipend of 1.286,09 € per month and a travel reimbursement upon joining and leaving the organisation.",
        duration=6, hours=38, max_applications=3, start_periods=["March 2027", "September 2027"],
        telework="Teleworking is possible up to two days per week, subject to business requirements.",
        essential_section="Essential criteria",
        desirable=[
            "studies in engineering, economics or defence management",
            "be an advance user of IT tools including Microsoft Office, SharePoint",
            "elementary knowledge of the second official NATO language (English/French).",
        ],
        competencies=2, duties=3,
    ),
    "260611": dict(
        path=CAREERS_SITE,
        title="Internship - Defence Policy and Planning Division",
        nato_body="NATO International Staff", division="Defence Policy and Planning Division",
        location="Brussels, Belgium", grade=None,
        # "9 February 2026 at 23:59 CET": winter, UTC+1.
        deadline=datetime(2026, 2, 9, 22, 59, tzinfo=UTC),
        deadline_text="The closing date for applications is 9 February 2026 at 23:59 CET.",
        webinar=None, webinar_url=None,
        stipend_quote="A monthly grant of EUR 1.286,09 and a travel reimbursement upon joining and leaving the organisation.",
        duration=4, hours=40, max_applications=2, start_periods=["April 2026"],
        telework="Remote working is not possible in this internship.",
        essential_section="ESSENTIAL CRITERIA",
        essential=[NATIONAL, "be at least 18 years old", STUDIES, LANGUAGE],
        criteria=(18, 12, 2, ["English", "French"]),
        desirable=[
            "studies in international relations, security studies or defence economics",
            "elementary knowledge of the second official NATO language (English/French).",
        ],
        competencies=0, duties=3,
    ),
    "260702": dict(
        path=LABELLED,
        title="Internship in the Operations Division (OPS)",
        nato_body="NATO International Staff (NATO IS)", division="Operations Division",
        location="NATO Headquarters, Brussels", grade="INTERN",
        # The sentence gives the time the header's "Closing Date: 20-Feb-2026" leaves out.
        deadline=datetime(2026, 2, 20, 11, 0, tzinfo=UTC),
        deadline_text="Applications must be submitted by 20 February 2026 at 12:00 CET (Brussels time).",
        webinar=None, webinar_url=None,
        stipend="1350.00",
        stipend_quote="Allowance: EUR 1,350.00 per month, and a travel reimbursement upon joining and leaving the "
        "organisation.",
        duration=3, hours=37, max_applications=1, start_periods=["May 2026"],
        telework="Telework: up to one day per week, at the discretion of the supervisor.",
        essential_section="ELIGIBILITY REQUIREMENTS",
        essential=SEMICOLONS,
        desirable=[
            "studies in international relations, security studies or political science",
            "previous experience with crisis management or operations planning.",
        ],
        competencies=0, duties=3,
    ),
    "260815": dict(
        path=PDF_TEXT,
        title="NATO Internship - NATO International Staff, Joint Intelligence and Security Division",
        nato_body="NATO International Staff", division="Joint Intelligence and Security Division",
        location="Brussels, Belgium", grade=None,
        # "1 September 2026 at 12:00 (Brussels time)": summer, UTC+2.
        deadline=datetime(2026, 9, 1, 10, 0, tzinfo=UTC),
        deadline_text="Deadline for applications: 1 September 2026 at 12:00 (Brussels time).",
        webinar=None, webinar_url=None,
        stipend_quote="A monthly grant of € 1,286.09 and a travel reimbursement upon joining and leaving the organisation.",
        duration=5, hours=36, max_applications=3, start_periods=["October 2026"],
        # The item is cut by a page break (footer, page number, header): joined again.
        telework="Because of the security requirements of the division, telework is not possible.",
        essential_section="ESSENTIAL CRITERIA",
        desirable=[
            "studies in intelligence, security studies or international relations",
            "elementary knowledge of the second official NATO language (English/French).",
        ],
        competencies=0, duties=3,
    ),
    "260903": dict(
        path=EMAIL,
        title="NATO Internship - NATO International Staff, Political Affairs and Security Policy Division",
        nato_body="NATO International Staff", division="Political Affairs and Security Policy Division",
        location="NATO Headquarters, Brussels", grade=None,
        # "2 November 2026 at 5 pm": after the clocks went back, UTC+1.
        deadline=datetime(2026, 11, 2, 16, 0, tzinfo=UTC),
        deadline_text="Applications close on 2 November 2026 at 5 pm (Brussels time).",
        webinar=None, webinar_url=None,
        stipend="1100.00",
        stipend_quote="A grant of EUR 1,100 a month and a travel reimbursement upon joining and leaving the organisation.",
        duration=6, hours=38, max_applications=4, start_periods=["January 2027"],
        telework="Interns may work from home up to two days a week, subject to business requirements.",
        essential_section="Essential criteria",
        essential=[NATIONAL, "be at least 20 years old",
                   "have at least one year of university level studies OR equivalent education OR be currently a "
                   "student OR a recent graduate (degree obtained no longer than 6 months ago)", LANGUAGE],
        criteria=(20, 6, 1, ["English", "French"]),
        desirable=[
            "studies in political science, law or international relations",
            "elementary knowledge of the second official NATO language (English/French).",
        ],
        competencies=0, duties=3,
    ),
    "261010": dict(
        path=MARKDOWN_SITE,
        title="NATO Internship - NATO International Staff, Executive Management Division, Human Resources Services",
        nato_body="NATO International Staff", division="Human Resources Services",
        location=None, grade=None,  # "Brussels, Belgium · Internship · Full-time" names no field: reported missing
        deadline=datetime(2026, 12, 14, 22, 59, tzinfo=UTC),  # "by 23:59 on 14 December 2026 (Brussels time)"
        deadline_text="Submit your application by 23:59 on 14 December 2026 (Brussels time), with the following "
        "documents:",
        webinar=None, webinar_url=None,
        stipend="1410.50",  # "EUR 1 410,50" with a no-break space, as web pages write it
        stipend_quote="A stipend of EUR 1 410,50 per month, plus a travel reimbursement upon joining and leaving the "
        "organisation.",
        duration=6, hours=35, max_applications=3, start_periods=["February 2027"],
        telework="Hybrid working: telework up to 40% of working time, subject to business needs.",
        essential_section="Eligibility",
        essential=[NATIONAL, "be aged 21 or over",
                   "have at least two years of university level studies OR equivalent education OR be currently a "
                   "student OR have graduated within the last 12 months",
                   "have a good command of English or French, the official languages of NATO."],
        desirable=[
            "studies in human resources management, psychology or business administration",
            "experience with applicant tracking systems.",
        ],
        competencies=0, duties=3,
    ),
    "261122": dict(
        path=UPPER_CASE,
        title="INTERNSHIP - NATO INTERNATIONAL STAFF, DEFENCE INVESTMENT DIVISION, ARMAMENTS DIRECTORATE",
        nato_body="NATO INTERNATIONAL STAFF", division="ARMAMENTS DIRECTORATE",
        location="Brussels, Belgium", grade=None,
        # "15 January 2027 at 23:59 CET" beside the header's "Closing date: 15.01.2027".
        deadline=datetime(2027, 1, 15, 22, 59, tzinfo=UTC),
        deadline_text="Applications must be received no later than 15 January 2027 at 23:59 CET (Brussels time).",
        webinar=None, webinar_url=None,
        stipend_quote="A monthly allowance of 1.286,09 EUR, and a travel reimbursement upon joining and leaving the "
        "organisation.",
        duration=6, hours=40, max_applications=3, start_periods=["September 2027"],
        telework="Telework is possible for up to 2 days per week once the first month is completed.",
        essential_section="ESSENTIAL CRITERIA",
        essential=SEMICOLONS,
        desirable=[
            "studies in engineering, economics or defence management",
            "elementary knowledge of the second official NATO language (English/French).",
        ],
        competencies=0, duties=3,
    ),
    "260999": dict(
        path=JOB_BOARD,
        title="NATO Internship - International Staff, Defence Policy and Planning Division",
        nato_body="International Staff", division="Defence Policy and Planning Division",
        location="Brussels, Belgium", grade=None,  # fields on one line: "Location: ... | Schedule: ... | Closing ..."
        deadline=datetime(2026, 1, 31, 22, 59, tzinfo=UTC),
        deadline_text="Applications must be submitted by 31 January 2026, 23:59 CET.",
        webinar=None, webinar_url=None,
        stipend_quote="A stipend of EUR 1.286,09 per month.",
        duration=6, hours=40, max_applications=None, start_periods=["March 2026"],
        telework="40 hours per week; teleworking possible.",
        essential_section="Essential qualifications",
        essential=[NATIONAL, "be 18 years of age or older",
                   "have completed at least two years of university studies, or be a current student, or have "
                   "graduated within the past 12 months", "be proficient in English or French."],
        criteria=(18, 12, 2, ["English", "French"]),
        desirable=[], documents=[], competencies=0, duties=2,
    ),
    "261234": dict(
        path=COMPACT,
        title="NATO Internship – Science and Technology Organization (STO), Collaboration Support Office",
        nato_body="Science and Technology Organization (STO)", division="Collaboration Support Office",
        location=None, grade=None, schedule=None,  # neither is stated: both reported missing
        # "Applications close on 15 March 2026 at 17:00 Paris time": Paris keeps the Brussels clock.
        deadline=datetime(2026, 3, 15, 16, 0, tzinfo=UTC),
        deadline_text="Applications close on 15 March 2026 at 17:00 Paris time.",
        webinar=None, webinar_url=None,
        stipend_quote="Monthly allowance: €1,286.09.",
        duration=5, hours=None, max_applications=None, start_periods=["September 2026"],  # "37.5 hours": no whole number
        telework=None,
        essential_section="ELIGIBILITY",
        essential=["be a national of a NATO member country", "be at least twenty-one years old",
                   "have at least 2 years of higher education OR be currently enrolled as a student OR have graduated "
                   "no more than one year ago",
                   "have a good knowledge of English or French (NATO's official languages)."],
        desirable=[], documents=[], competencies=0, duties=2,
    ),
}


def parsed(path: Path):
    return parse_notice(path.read_text(encoding="utf-8"), path.name)


def import_ok(paths: List[Path], url: str) -> None:
    assert vacancy_db(["import", *map(str, paths), "--database-url", url]) == 0


@pytest.fixture(scope="module")
def notices():
    return {requisition: parsed(expected["path"]) for requisition, expected in EXPECTED.items()}


def test_the_fixtures_vary_the_layout():
    """Guards the fixtures themselves, so that the tests below keep covering what they claim to."""
    assert b"\r\n" in PUBLIC_DIPLOMACY.read_bytes()
    assert b"\r\n" not in INNOVATION.read_bytes()
    assert "## Essential" in INNOVATION.read_text(encoding="utf-8")
    assert "Apply" not in INNOVATION.read_text(encoding="utf-8")
    assert not any(word in OPERATIONS.read_text(encoding="utf-8").lower() for word in ("webinar", "telework", "location:"))
    # The careers-site copy gives its number only in a link; the labelled notification has no "Internship -" title.
    careers = CAREERS_SITE.read_text(encoding="utf-8")
    assert careers.count("260611") == 1 and "jobdetail.ftl?job=260611" in careers
    labelled = LABELLED.read_text(encoding="utf-8")
    assert "Requisition ID: 260702" in labelled and "Title: " in labelled and "Internship -" not in labelled
    assert "4. ELIGIBILITY REQUIREMENTS" in labelled
    pdf = PDF_TEXT.read_text(encoding="utf-8")
    assert "\f" in pdf and pdf.count("Page ") == 2 and "intel-\nligence" in pdf and "telework is not\nNATO" in pdf
    assert all(line.startswith(">") for line in EMAIL.read_text(encoding="utf-8").split("-----Original Message-----\n")[1].splitlines())
    assert "\u00a0" in MARKDOWN_SITE.read_text(encoding="utf-8")
    assert "D) ESSENTIAL CRITERIA" in UPPER_CASE.read_text(encoding="utf-8")
    assert "| Schedule: Full-time |" in JOB_BOARD.read_text(encoding="utf-8")
    compact = COMPACT.read_text(encoding="utf-8")
    assert "ELIGIBILITY\nYou must:\na) be" in compact  # no blank line around headings
    assert compact.count("261234") == 1 and "Subject: Vacancy 261234" in compact


@pytest.mark.parametrize("requisition", EXPECTED)
def test_identity_and_place(notices, requisition):
    notice, expected = notices[requisition], EXPECTED[requisition]
    assert notice.requisition == requisition
    assert (notice.title, notice.nato_body, notice.division) == (expected["title"], expected["nato_body"], expected["division"])
    assert (notice.location, notice.grade) == (expected["location"], expected["grade"])
    assert notice.schedule == expected.get("schedule", "Full-time")


@pytest.mark.parametrize("requisition", EXPECTED)
def test_deadline_and_webinar_instants(notices, requisition):
    notice, expected = notices[requisition], EXPECTED[requisition]
    assert notice.deadline == expected["deadline"]
    assert notice.deadline_text == expected["deadline_text"]
    assert notice.facts_for("deadline")[0].source.text == expected["deadline_text"]
    assert notice.webinar_at == expected["webinar"]
    assert notice.webinar_url == expected["webinar_url"]
    webinar = notice.facts_for("webinar")
    assert bool(webinar) == (expected["webinar"] is not None)
    # The quote is the whole sentence: "3 p.m. CET (Brussels time)." does not end it after "p.m.".
    assert all(f.value.endswith("(Brussels time).") for f in webinar)


def test_summer_and_winter_offsets(notices):
    """The stored instants show the Brussels offset of their own date, whatever zone name the notice wrote."""
    offsets = {r: n.deadline.utcoffset().total_seconds() / 3600 for r, n in notices.items()}
    assert offsets == {"260114": 1, "260322": 1, "260415": 1, "260533": 2, "260611": 1, "260702": 1, "260815": 2,
                       "260903": 1, "261010": 1, "261122": 1, "260999": 1, "261234": 1}


@pytest.mark.parametrize("requisition", EXPECTED)
def test_offer(notices, requisition):
    notice, expected = notices[requisition], EXPECTED[requisition]
    assert notice.stipend_amount == Decimal(expected.get("stipend", "1286.09"))
    assert isinstance(notice.stipend_amount, Decimal)
    assert (notice.stipend_currency, notice.stipend_basis) == ("EUR", "monthly")
    assert notice.facts_for("stipend")[0].value == expected["stipend_quote"]
    assert (notice.duration_months, notice.hours_per_week) == (expected["duration"], expected["hours"])
    assert notice.max_applications == expected["max_applications"]
    assert [f.value for f in notice.facts_for("start_periods")] == expected["start_periods"]
    assert notice.telework == expected["telework"]
    assert bool(notice.facts_for("telework")) == (expected["telework"] is not None)


@pytest.mark.parametrize("requisition", EXPECTED)
def test_lists(notices, requisition):
    notice, expected = notices[requisition], EXPECTED[requisition]
    essential = notice.facts_for("essential_criteria")
    assert [f.value for f in essential] == expected.get("essential", STANDARD)
    assert {f.source.section for f in essential} == {expected["essential_section"]}
    assert [f.value for f in notice.facts_for("desirable_criteria")] == expected["desirable"]
    assert [f.value for f in notice.facts_for("documents")] == expected.get("documents", DOCUMENTS)
    assert len(notice.facts_for("competencies")) == expected["competencies"]
    assert len(notice.facts_for("duties")) == expected["duties"]


@pytest.mark.parametrize("requisition", EXPECTED)
def test_typed_criteria_are_read_from_the_notice(notices, requisition):
    """Minimum age, recent-graduate window, years of studies and languages, each from its own criterion's words."""
    notice, expected = notices[requisition], EXPECTED[requisition]
    typed = (notice.minimum_age, notice.recent_graduate_months, notice.minimum_study_years, notice.official_languages)
    assert typed == expected.get("criteria", (21, 12, 2, ["English", "French"]))
    essential = [f.source for f in notice.facts_for("essential_criteria")]
    assert notice.facts_for("minimum_age")[0].source == essential[1]
    assert {f.source for f in notice.facts_for("recent_graduate_months") + notice.facts_for("minimum_study_years")} == {
        essential[2]}
    assert notice.facts_for("official_languages")[0].source == essential[3]


def test_competency_labels_survive_markdown_bold(notices):
    competencies = notices["260533"].facts_for("competencies")
    assert [(c.label, c.value) for c in competencies] == [
        ("Clarity and accuracy", "Shows general concern for order and clarity, and checks own work."),
        ("Flexibility", "Acts with flexibility."),
    ]


@pytest.mark.parametrize("path", VARIANTS + NOTICES, ids=lambda p: p.name)
def test_every_fact_quotes_the_notice_exactly(path):
    notice = parsed(path)
    for fact in notice.facts:
        assert notice.text[fact.source.start:fact.source.end] == fact.source.text, fact
        assert fact.source.section and fact.source.text.strip() == fact.source.text
    keys = [(f.field, f.position) for f in notice.facts]
    assert len(keys) == len(set(keys)), "a (field, position) pair is stored once"


@pytest.mark.parametrize(
    "path, remove, missing",
    [
        (PUBLIC_DIPLOMACY, ["260114 Requisition #"], "no requisition number"),
        (INNOVATION, ["(260322)"], "no requisition number"),
        (DEFENCE_INVESTMENT, ["**Requisition ID:** 260533"], "no requisition number"),
        (PUBLIC_DIPLOMACY, ["Apply before 12 January 2026 at 11:59 pm (Brussels time)."], "no application deadline"),
        (INNOVATION, ["Application Deadline: 05-Jan-2026"], "no application deadline"),
        # A deadline without its year is not guessed.
        (DEFENCE_INVESTMENT, [" 2026 at 23:59 CET"], "no application deadline"),
        (CAREERS_SITE, ["?job=260611&lang=en"], "no requisition number"),
        (LABELLED, ["Title: Internship in the Operations Division (OPS)\n"], "no vacancy title"),
        (EMAIL, ["Applications close on 2 November 2026 at 5 pm (Brussels time)."], "no application deadline"),
    ],
    ids=["careers-page", "notification", "markdown", "apply-before", "header-only", "no-year", "link-only-number",
         "labelled-title", "e-mail"],
)
def test_incomplete_variants_are_rejected_and_change_nothing(database_url, tmp_path, capsys, path, remove, missing):
    import_ok(NOTICES + [path], database_url)
    before_counts, before = counts(database_url), snapshot(database_url)
    data = path.read_bytes()
    for text in remove:
        assert text.encode() in data
        data = data.replace(text.encode(), b"")
    bad = tmp_path / f"broken-{path.name}"
    bad.write_bytes(data)
    capsys.readouterr()
    assert vacancy_db(["import", str(bad), "--database-url", database_url]) == 1
    error = capsys.readouterr().err
    assert bad.name in error and missing in error
    assert counts(database_url) == before_counts and snapshot(database_url) == before


def test_unreadable_date_is_rejected_naming_the_file():
    text = OPERATIONS.read_text(encoding="utf-8").replace("15 March 2026", "31 February 2026")
    with pytest.raises(NoticeError, match=r"operations\.txt: unreadable date '31 February 2026'"):
        parse_notice(text, OPERATIONS.name)


def test_reimport_is_idempotent(database_url, capsys):
    import_ok(VARIANTS, database_url)
    first_counts, first = counts(database_url), snapshot(database_url)
    shown = [show_json(database_url, r, capsys) for r in EXPECTED]
    import_ok(VARIANTS, database_url)
    assert counts(database_url) == first_counts and first_counts[0] == len(VARIANTS)
    assert snapshot(database_url) == first
    assert [show_json(database_url, r, capsys) for r in EXPECTED] == shown


@pytest.mark.parametrize("requisition", EXPECTED)
def test_show_json_of_a_variant(sqlite_url, capsys, requisition):
    expected = EXPECTED[requisition]
    import_ok([expected["path"]], sqlite_url)
    data = show_json(sqlite_url, requisition, capsys)
    # ISO 8601 with the Brussels offset of that date.
    assert data["deadline"] == expected["deadline"].astimezone(BRUSSELS).isoformat()
    assert datetime.fromisoformat(data["deadline"]) == expected["deadline"]
    webinar = data["webinar"] and datetime.fromisoformat(data["webinar"])
    assert webinar == expected["webinar"] and (webinar is None or webinar.utcoffset() is not None)
    stipend = (data["stipend_amount"], data["stipend_currency"], data["stipend_basis"])
    assert stipend == (expected.get("stipend", "1286.09"), "EUR", "monthly")
    assert data["start_periods"] == expected["start_periods"] and data["telework"] == expected["telework"]
    assert (data["duration_months"], data["hours_per_week"]) == (expected["duration"], expected["hours"])
    assert data["essential_criteria"] == expected.get("essential", STANDARD)
    assert data["desirable_criteria"] == expected["desirable"]
    assert (data["minimum_age"], data["recent_graduate_months"], data["minimum_study_years"],
            data["official_languages"]) == expected.get("criteria", (21, 12, 2, ["English", "French"]))
    assert data["sources"]["minimum_age"]["quote"].rstrip(",;") == data["essential_criteria"][1]
    assert data["sources"]["deadline"]["quote"] == expected["deadline_text"]
    telework_source = data["sources"]["telework"]
    assert (telework_source and clean_text(telework_source["quote"])) == expected["telework"]  # PDF: wrapped lines


@pytest.mark.parametrize("path", VARIANTS + NOTICES, ids=lambda p: p.name)
def test_show_json_facts_carry_their_source(database_url, capsys, path):
    import_ok([path], database_url)
    notice = parsed(path)
    data = show_json(database_url, notice.requisition, capsys)
    facts = data["facts"]
    assert len(facts) == len(notice.facts)
    for fact in facts:
        assert set(fact) == {"field", "label", "value", "position", "source"}
        source = fact["source"]
        assert set(source) == {"section", "quote", "start", "end"} and source["section"]
        # The stored text is the notice with its line endings made "\n"; offsets and quotes refer to it.
        assert notice.text[source["start"]:source["end"]] == source["quote"]
    by_field = {(f["field"], f["position"]): f for f in facts}
    deadline = by_field[("deadline", 0)]
    assert deadline["value"] == deadline["source"]["quote"] == data["deadline_text"]
    essential = [f for f in facts if f["field"] == "essential_criteria"]
    assert [f["value"] for f in sorted(essential, key=lambda f: f["position"])] == data["essential_criteria"]
    fields = {f["field"] for f in facts}
    assert {"requisition", "title", "deadline", "stipend", "essential_criteria"} <= fields
    assert ("documents" in fields) == ("documents" not in notice.missing)
