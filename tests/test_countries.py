"""The reference list of countries: the 32 NATO member states and their accession dates, and the forms
applicants write ("Swedish", "Holland", "USA") resolved to the right country."""
from __future__ import annotations

import zoneinfo
from datetime import date

import pytest

from actions.understanding.countries import (
    find_countries,
    is_nato_member,
    load_countries,
    nato_members,
    phrase_key,
    resolve_country,
    surface_forms,
)

ACCESSIONS = {
    date(1949, 8, 24): {"Belgium", "Canada", "Denmark", "France", "Iceland", "Italy", "Luxembourg", "Netherlands",
                        "Norway", "Portugal", "United Kingdom", "United States"},
    date(1952, 2, 18): {"Greece", "Türkiye"},
    date(1955, 5, 6): {"Germany"},
    date(1982, 5, 30): {"Spain"},
    date(1999, 3, 12): {"Czechia", "Hungary", "Poland"},
    date(2004, 3, 29): {"Bulgaria", "Estonia", "Latvia", "Lithuania", "Romania", "Slovakia", "Slovenia"},
    date(2009, 4, 1): {"Albania", "Croatia"},
    date(2017, 6, 5): {"Montenegro"},
    date(2020, 3, 27): {"North Macedonia"},
    date(2023, 4, 4): {"Finland"},
    date(2024, 3, 7): {"Sweden"},
}


def country(text: str) -> str:
    found = resolve_country(text)
    return found.name if found else ""


def test_the_32_member_states_and_their_accession_dates():
    members = nato_members(date(2026, 11, 23))
    assert len(members) == 32
    assert {c.name: c.nato_member_since for c in members} == {
        name: joined for joined, names in ACCESSIONS.items() for name in names}


@pytest.mark.parametrize(
    "name, before, on",
    [("Sweden", date(2024, 3, 6), date(2024, 3, 7)), ("Finland", date(2023, 4, 3), date(2023, 4, 4)),
     ("North Macedonia", date(2020, 3, 26), date(2020, 3, 27)), ("Germany", date(1955, 5, 5), date(1955, 5, 6))],
)
def test_membership_starts_on_the_day_of_accession(name, before, on):
    member = resolve_country(name)
    assert not is_nato_member(member, before)
    assert is_nato_member(member, on)


def test_the_alliance_grew_from_12_to_32():
    assert len(nato_members(date(1949, 8, 24))) == 12
    assert len(nato_members(date(1949, 8, 23))) == 0
    assert len(nato_members(date(2024, 3, 6))) == 31
    assert "Sweden" not in {c.name for c in nato_members(date(2024, 3, 6))}


def test_non_members_applicants_name_are_known_and_not_members():
    non_members = [c for c in load_countries() if c.nato_member_since is None]
    assert len(non_members) >= 60
    for name in ("Ukraine", "Georgia", "Moldova", "Switzerland", "Austria", "Ireland", "Malta", "Cyprus", "Serbia",
                 "Bosnia and Herzegovina", "Kosovo", "Russia", "China", "India", "Australia", "Brazil", "Morocco",
                 "United Arab Emirates", "Vatican City", "Liechtenstein"):
        assert name in {c.name for c in non_members}


@pytest.mark.parametrize(
    "written, name",
    [("Sweden", "Sweden"), ("Swedish", "Sweden"), ("a Swede", "Sweden"),
     ("the Netherlands", "Netherlands"), ("Dutch", "Netherlands"), ("Holland", "Netherlands"),
     ("Türkiye", "Türkiye"), ("Turkey", "Türkiye"), ("Turkish", "Türkiye"), ("turkiye", "Türkiye"),
     ("USA", "United States"), ("American", "United States"), ("the US", "United States"), ("U.S.", "United States"),
     ("United States", "United States"), ("UK", "United Kingdom"), ("British", "United Kingdom"),
     ("English", "United Kingdom"), ("Scottish", "United Kingdom"), ("Czech Republic", "Czechia"),
     ("Macedonia", "North Macedonia"), ("Ukrainian", "Ukraine"), ("ÉIRE", "Ireland"),
     ("I'm a Swedish citizen", "Sweden"), ("Sweden's", "Sweden"), ("my passport is Polish.", "Poland")],
)
def test_usual_forms_of_countries_and_nationalities(written, name):
    assert country(written) == name


def test_every_mention_in_order_with_the_longest_form_first():
    assert [c.name for c in find_countries("I have Dutch and Moroccan nationality")] == ["Netherlands", "Morocco"]
    assert [c.name for c in find_countries("US and Irish, raised in the United States of America")] == [
        "United States", "Ireland"]
    assert [c.name for c in find_countries("Northern Irish")] == ["United Kingdom"]  # not Ireland
    assert [c.name for c in find_countries("North Korean? No, South Korean")] == ["North Korea", "South Korea"]


def test_everyday_words_are_not_countries():
    assert find_countries("can you tell us the stipend") == []
    assert find_countries("Us? We are interns") == []
    assert resolve_country("what is the deadline") is None


def test_every_form_names_one_country_only():
    owners = {}
    for c in load_countries():
        for form in c.forms:
            owners.setdefault(phrase_key(form), set()).add(c.name)
    assert {form: names for form, names in owners.items() if len(names) > 1} == {}


def test_reference_data_is_well_formed():
    zones = zoneinfo.available_timezones()
    countries = load_countries()
    assert len({c.name for c in countries}) == len(countries)
    assert all(c.timezone in zones and c.capital for c in countries)


def test_surface_forms_for_the_entity_ruler():
    forms = surface_forms()
    assert forms["swedish"] == "Sweden"
    assert forms["holland"] == "Netherlands"
    assert forms["türkiye"] == forms["turkiye"] == "Türkiye"
    assert forms["u.s."] == "United States"
    assert forms["españa"] == forms["espana"] == "Spain"
    assert "us" not in forms  # lower-cased, it would match "tell us"
    assert all(form == form.lower() for form in forms)


def test_names_inside_a_sentence():
    assert resolve_country("Netherlands").in_sentence == "the Netherlands"
    assert resolve_country("Sweden").in_sentence == "Sweden"
