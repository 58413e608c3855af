"""Countries, the four essential-criterion rules and time zones, at their boundaries, with a fixed today."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from dateutil import tz
from dateutil.relativedelta import relativedelta

from actions.countries import find_countries, is_nato_member, load_countries, nato_members, resolve_country
from actions.eligibility import MET, NOT_MET, UNCLEAR, check_age, check_language, check_nationality, check_studies
from actions.timezones import format_instant, resolve_zone

TODAY = date(2026, 11, 23)
FOUNDERS = {"Belgium", "Canada", "Denmark", "France", "Iceland", "Italy", "Luxembourg", "Netherlands", "Norway",
            "Portugal", "United Kingdom", "United States"}


def test_the_32_member_states_with_accession_dates():
    members = nato_members(TODAY)
    assert len(members) == 32
    assert {c.name for c in members if c.nato_member_since == date(1949, 8, 24)} == FOUNDERS
    sweden, finland = resolve_country("Sweden"), resolve_country("Finland")
    assert not is_nato_member(sweden, date(2024, 3, 6)) and is_nato_member(sweden, date(2024, 3, 7))
    assert not is_nato_member(finland, date(2023, 4, 3)) and is_nato_member(finland, date(2023, 4, 4))
    assert len(nato_members(date(2024, 3, 6))) == 31
    assert len(load_countries()) > 90


@pytest.mark.parametrize(
    "written, country",
    [("Sweden", "Sweden"), ("Swedish", "Sweden"), ("a Swede", "Sweden"), ("the Netherlands", "Netherlands"),
     ("Dutch", "Netherlands"), ("Holland", "Netherlands"), ("Türkiye", "Türkiye"), ("Turkey", "Türkiye"),
     ("Turkish", "Türkiye"), ("Turkiye", "Türkiye"), ("USA", "United States"), ("American", "United States"),
     ("the US", "United States"), ("U.S.", "United States"), ("UK", "United Kingdom"), ("British", "United Kingdom"),
     ("English", "United Kingdom"), ("Ukrainian", "Ukraine"), ("I'm a Czech citizen", "Czechia")],
)
def test_usual_forms_of_countries_and_nationalities(written, country):
    assert resolve_country(written).name == country


def test_several_nationalities_and_no_false_us():
    assert [c.name for c in find_countries("I have Dutch and Moroccan nationality")] == ["Netherlands", "Morocco"]
    assert find_countries("can you tell us the stipend") == []


@pytest.mark.parametrize(
    "answer, status, words",
    [("Swedish", MET, "Sweden is a NATO member state (since 7 March 2024)"),
     ("I'm Ukrainian", NOT_MET, "Ukraine is not a NATO member state"),
     ("Swiss and Italian", MET, "Italy is a NATO member state"),
     ("from Atlantis", UNCLEAR, "could not recognise")],
)
def test_nationality(answer, status, words):
    check = check_nationality(answer, TODAY)
    assert (check.status, check.criterion) == (status, "nationality")
    assert words in check.explanation


@pytest.mark.parametrize(
    "answer, status, age",
    [("19", NOT_MET, "19 years old"), ("I'm 23", MET, "23 years old"), ("twenty-one", MET, "21 years old"),
     ("born 23/11/2005", MET, "born 23 November 2005, so 21 today"),  # exactly 21 today
     ("born 24/11/2005", NOT_MET, "born 24 November 2005, so 20 today"),  # 21 tomorrow
     ("2004-02-29", MET, "born 29 February 2004, so 22 today"),
     ("May 5th, 2004", MET, "born 5 May 2004, so 22 today"),
     ("03/04/2006", NOT_MET, "born 3 April 2006, so 20 today")],  # day first
)
def test_age_boundaries_and_formats(answer, status, age):
    check = check_age(answer, TODAY, 21)
    assert (check.status, check.answer) == (status, age)
    assert "this check used today's date, 23 November 2026" in check.explanation


def test_leap_day_birthday_and_unreadable_ages():
    born = date(2005, 2, 29 - 1) + relativedelta(days=1)  # 1 March 2005: no leap day that year
    assert check_age(f"{born:%d/%m/%Y}", date(2026, 2, 28), 21).status == NOT_MET
    assert check_age(f"{born:%d/%m/%Y}", date(2026, 3, 1), 21).status == MET
    assert check_age("29/02/2004", date(2025, 2, 28), 21).status == MET  # 21 on 28 February in a common year
    for answer in ("born in 2004", "I am 200", "what?", "born 01/01/2030"):
        assert check_age(answer, TODAY, 21).status == UNCLEAR
    assert "You will be 21 on 24 November 2026" in check_age("born 24/11/2005", TODAY, 21).explanation


@pytest.mark.parametrize(
    "answer, status, words",
    [("I'm a master's student", MET, "currently a student"),
     ("I'm in my third year at university", MET, "currently a student"),
     ("I completed two years of a bachelor's", MET, "2 years"),
     ("I finished one year of university", NOT_MET, "fewer than the two years"),
     ("I graduated on 23/11/2025", MET, "recent graduate"),  # exactly 12 months ago
     ("I graduated on 22/11/2025", UNCLEAR, "not a recent graduate"),  # 12 months and a day
     ("I graduated two years ago", UNCLEAR, "not a recent graduate"),
     ("I got my master's degree in 2019", MET, "at least two years of university level studies"),
     ("I have equivalent education", MET, "equivalent education"),
     ("only high school", NOT_MET, "not met"),
     ("banana", UNCLEAR, "could not tell")],
)
def test_studies(answer, status, words):
    check = check_studies(answer, TODAY)
    assert check.status == status
    assert words in check.explanation


@pytest.mark.parametrize(
    "answer, status",
    [("fluent English", MET), ("French, C1", MET), ("native speaker of English", MET), ("a little French", UNCLEAR),
     ("basic English, native Spanish", UNCLEAR), ("I only speak German", NOT_MET), ("I don't speak English or French", NOT_MET),
     ("hmm", UNCLEAR)],
)
def test_language(answer, status):
    assert check_language(answer).status == status


WEBINAR = datetime(2025, 6, 11, 16, 0, tzinfo=tz.gettz("Europe/Brussels"))


@pytest.mark.parametrize(
    "asked, expected",
    [("what time is the webinar in New York?", "Wednesday 11 June 2025, 10:00 (America/New_York, UTC-04:00)"),
     ("for me in Ottawa", "Wednesday 11 June 2025, 10:00 (America/Toronto, UTC-04:00)"),
     ("in UTC", "Wednesday 11 June 2025, 14:00 (UTC, UTC+00:00)"),
     ("America/Los_Angeles please", "Wednesday 11 June 2025, 07:00 (America/Los_Angeles, UTC-07:00)"),
     ("I'm in Warsaw", "Wednesday 11 June 2025, 16:00 (Europe/Warsaw, UTC+02:00)"),
     ("GMT+5:30", "Wednesday 11 June 2025, 19:30 (UTC+05:30, UTC+05:30)")],
)
def test_webinar_in_other_time_zones(asked, expected):
    assert format_instant(WEBINAR, resolve_zone(asked)) == expected


def test_winter_time_and_daylight_saving_edges():
    utc = resolve_zone("UTC")
    brussels = tz.gettz("Europe/Brussels")
    assert format_instant(datetime(2025, 1, 15, 16, 0, tzinfo=brussels), utc).startswith("Wednesday 15 January 2025, 15:00")
    # 30 March 2025: Brussels springs forward at 02:00; 26 October 2025: falls back at 03:00.
    assert format_instant(datetime(2025, 3, 30, 1, 59, tzinfo=brussels), utc).startswith("Sunday 30 March 2025, 00:59")
    assert format_instant(datetime(2025, 3, 30, 3, 0, tzinfo=brussels), utc).startswith("Sunday 30 March 2025, 01:00")
    assert format_instant(datetime(2025, 10, 26, 16, 0, tzinfo=brussels), utc).startswith("Sunday 26 October 2025, 15:00")
    assert resolve_zone("what is the deadline?") is None
