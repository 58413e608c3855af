"""The four essential criteria at their boundaries, with a fixed today: nationality, age, studies, language."""
from __future__ import annotations

from datetime import date

import pytest

from actions.eligibility.criteria import (
    MET,
    NOT_MET,
    UNCLEAR,
    check_age,
    check_language,
    check_nationality,
    check_studies,
    is_recent_graduate,
    parse_age_or_birth_date,
)
from actions.eligibility.criteria import stated_criteria
from actions.eligibility.report import personal_verdict

TODAY = date(2026, 11, 23)
OFFICIAL = ("English", "French")  # the languages the two notices name
AGE_NOTE = "the notice does not say on which date age is counted"
AS_WRITTEN = None  # an answer no rule could read is quoted as the user wrote it


# Nationality -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "answer, status, understood, why",
    [("Swedish", MET, "Sweden", "Sweden is a NATO member state (since 7 March 2024)."),
     ("I'm Ukrainian", NOT_MET, "Ukraine", "Ukraine is not a NATO member state."),
     ("Swiss and Austrian", NOT_MET, "Switzerland and Austria", "Switzerland and Austria are not NATO member states."),
     ("Swiss and Italian", MET, "Switzerland and Italy", "Italy is a NATO member state (since 24 August 1949)."),
     ("I have Dutch and Moroccan nationality", MET, "the Netherlands and Morocco",
      "The Netherlands is a NATO member state (since 24 August 1949)."),
     ("I live in Belgium but I'm Brazilian", NOT_MET, "Brazil", "Brazil is not a NATO member state."),
     ("I'm not American, I'm Canadian", MET, "Canada", "Canada is a NATO member state (since 24 August 1949)."),
     ("I was born in Poland", UNCLEAR, AS_WRITTEN, "not a nationality"),
     ("from Atlantis", UNCLEAR, AS_WRITTEN, "could not recognise a country")],
)
def test_nationality(answer, status, understood, why):
    check = check_nationality(answer, TODAY)
    assert (check.criterion, check.status, check.answer) == ("nationality", status, understood)
    assert why in check.explanation


def test_nationality_is_judged_on_the_day_of_the_check():
    assert check_nationality("Swedish", date(2024, 3, 6)).status == NOT_MET
    assert check_nationality("Swedish", date(2024, 3, 7)).status == MET
    assert check_nationality("Finnish", date(2023, 4, 3)).status == NOT_MET


# Age -------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "answer, status, understood",
    [("19", NOT_MET, "19 years old"),
     ("I'm 23", MET, "23 years old"),
     ("twenty one", MET, "21 years old"),
     ("I am twenty-two years old", MET, "22 years old"),
     ("21 years old", MET, "21 years old"),
     ("born 23/11/2005", MET, "born on 23 November 2005"),  # 21 today
     ("born 24/11/2005", NOT_MET, "born on 24 November 2005"),  # 21 tomorrow
     ("03/04/2006", NOT_MET, "born on 3 April 2006"),  # day first: 3 April, not 4 March
     ("13.05.2005", MET, "born on 13 May 2005"),
     ("2005-11-24", NOT_MET, "born on 24 November 2005"),  # ISO: year, month, day
     ("2004-05-06", MET, "born on 6 May 2004"),  # not 5 June, as a day-first parser would read it
     ("born 5 May 2004", MET, "born on 5 May 2004"),
     ("May 5th, 2004", MET, "born on 5 May 2004"),
     ("born in 2004", MET, "born in 2004"),  # 21 or 22 today: either way at least 21
     ("born in 2005", UNCLEAR, "born in 2005"),  # 20 or 21
     ("born in November 2005", UNCLEAR, "born in November 2005"),
     ("I'm American and 24, do I qualify?", MET, "24 years old"),  # an age closing a statement about oneself
     ("I'm a student and 19.", NOT_MET, "19 years old")],
)
def test_age_from_an_age_or_a_date_of_birth(answer, status, understood):
    check = check_age(answer, TODAY, 21)
    assert (check.criterion, check.status, check.answer) == ("age", status, understood)


@pytest.mark.parametrize("text", ["I'm applying and 25 people told me", "I'm in year 2 and 20 hours a week"])
def test_a_number_that_is_not_an_age_is_not_read_as_one(text):
    assert not check_age(text, TODAY, 21).understood


def test_age_explanation_names_the_day_of_the_check_and_what_the_notice_leaves_open():
    met, not_met = check_age("born 23/11/2005", TODAY, 21), check_age("born 24/11/2005", TODAY, 21)
    assert met.explanation == f"On 23 November 2026 you are 21, so at least 21 ({AGE_NOTE})."
    assert not_met.explanation == (f"On 23 November 2026 you are 20, younger than 21; you turn 21 on "
                                   f"24 November 2026 ({AGE_NOTE}).")


def test_minimum_age_comes_from_the_caller():
    assert check_age("I'm 23", TODAY, minimum_age=25).status == NOT_MET
    assert check_age("I'm 23", TODAY, minimum_age=18).status == MET


def test_born_on_29_february():
    assert check_age("29/02/2004", date(2025, 2, 27), 21).status == NOT_MET
    assert check_age("29/02/2004", date(2025, 2, 28), 21).status == MET  # common year: a year older on 28 February
    assert check_age("29/02/2004", date(2028, 2, 29), 21).explanation.startswith("On 29 February 2028 you are 24")
    assert "could not read" in check_age("29/02/2005", TODAY, 21).explanation  # no such day


@pytest.mark.parametrize(
    "answer, why",
    [("I am 200", "not a plausible age"), ("I'm 8", "not a plausible age"),
     ("born 01/01/2030", "in the future"), ("what?", "could not read an age"),
     ("I'll be 21 in March", "the age you will reach"), ("I turn 21 on 24/11/2026", "the age you will reach")],
)
def test_unreadable_or_implausible_ages_are_unclear(answer, why):
    check = check_age(answer, TODAY, 21)
    assert check.status == UNCLEAR
    assert why in check.explanation


def test_parsed_age_keeps_the_date_of_birth():
    reading = parse_age_or_birth_date("I was born on 03/04/2001", TODAY)
    assert (reading.youngest, reading.oldest, reading.born.first) == (25, 25, date(2001, 4, 3))
    assert parse_age_or_birth_date("I'm 20 and turn 21 next month", TODAY).oldest == 20
    assert parse_age_or_birth_date("no idea", TODAY) is None


# Studies ---------------------------------------------------------------------------------------------------------
def test_recent_graduate_is_twelve_months_to_the_day():
    assert is_recent_graduate(date(2025, 11, 23), TODAY, 12)  # exactly 12 months ago
    assert not is_recent_graduate(date(2025, 11, 22), TODAY, 12)  # 12 months and a day
    assert is_recent_graduate(date(2026, 2, 28), date(2027, 2, 28), 12)
    assert not is_recent_graduate(date(2025, 11, 23), TODAY, window_months=6)


@pytest.mark.parametrize(
    "answer, status, why",
    [("I'm a master's student", MET, "currently a student"),
     ("I'm in my third year at university", MET, "currently a student"),
     ("I will graduate in July 2027", MET, "currently a student"),
     ("I completed two years of a bachelor's", MET, "2 years of university level studies"),
     ("I studied 4 semesters of law", MET, "2 years of university level studies"),
     ("I finished one year of university", NOT_MET, "1 year of university level studies is fewer than the two"),
     ("I have equivalent education", MET, "accepts equivalent education"),
     ("only high school", NOT_MET, "not met"),
     ("I don't have a degree or equivalent", NOT_MET, "not met"),
     ("I'm not a student, I finished high school", NOT_MET, "not met"),
     ("banana", UNCLEAR, "could not tell")],
)
def test_studies_branches(answer, status, why):
    check = check_studies(answer, TODAY, 12, 2)
    assert (check.criterion, check.status) == ("studies", status)
    assert why in check.explanation


@pytest.mark.parametrize(
    "answer, status, why",
    [("I graduated on 23/11/2025", MET, "you are a recent graduate"),  # exactly 12 months ago
     ("I graduated 12 months ago", MET, "you are a recent graduate"),
     ("I graduated on 22/11/2025", UNCLEAR, "so not as a recent graduate"),  # 12 months and a day
     ("I graduated in June 2025", UNCLEAR, "so not as a recent graduate"),
     ("I graduated two years ago", UNCLEAR, "so not as a recent graduate"),
     ("I graduated last year", UNCLEAR, "depends on the exact day"),  # some day of 2025
     ("I did one year of a master's and graduated in June 2026", MET, "you are a recent graduate"),
     ("I graduated from high school in June 2026", NOT_MET, "not met")],
)
def test_graduates_without_a_named_degree_meet_it_only_as_recent_graduates(answer, status, why):
    check = check_studies(answer, TODAY, 12, 2)
    assert check.status == status
    assert why in check.explanation


def test_a_completed_degree_meets_it_by_its_years_of_study_however_old():
    old = check_studies("I got my master's degree in 2019", TODAY, 12, 2)
    assert (old.status, old.answer) == (MET, "a completed master's degree")
    assert "at least two years of university level studies" in old.explanation
    assert check_studies("I graduated with a bachelor's on 22/11/2025", TODAY, 12, 2).status == MET
    assert check_studies("I have a B.A. in history", TODAY, 12, 2).status == MET


def test_the_recent_graduate_window_comes_from_the_caller():
    assert check_studies("I graduated on 23/05/2026", TODAY, 6, 2).status == MET
    assert check_studies("I graduated on 22/05/2026", TODAY, 6, 2).status == UNCLEAR


# Language --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "answer, status, understood",
    [("fluent English", MET, "proficient in English"),
     ("French, C1", MET, "proficient in French"),
     ("native speaker of English", MET, "proficient in English"),
     ("anglais courant, français natif", MET, "proficient in English and French"),
     ("English B2", MET, "proficient in English"),
     ("I speak Spanish, English and a bit of French", MET, "proficient in English"),
     ("I don't speak French, I speak English", MET, "proficient in English"),
     ("a little French", UNCLEAR, "French at a basic level"),
     ("basic English, native Spanish", UNCLEAR, "English at a basic level"),
     ("English A2", UNCLEAR, "English at a basic level"),
     ("I only speak German", NOT_MET, "only German"),
     ("I don't speak English or French", NOT_MET, "neither English nor French"),
     ("I don't speak English, French or Dutch", NOT_MET, "neither English nor French"),
     ("I don't speak French", UNCLEAR, "not proficient in French"),
     ("do I need French?", UNCLEAR, AS_WRITTEN),
     ("hmm", UNCLEAR, AS_WRITTEN)],
)
def test_language(answer, status, understood):
    check = check_language(answer, OFFICIAL)
    assert (check.criterion, check.status, check.answer) == ("language", status, understood)


# What a question about one criterion hears about the asker ------------------------------------------------------
@pytest.mark.parametrize(
    "criterion, message, verdict",
    [("studies", "I graduated two years ago, can I apply?",
      "Your degree was obtained two years ago (around 23 November 2024), more than 12 months before 23 November "
      "2026, so not as a recent graduate; the criterion is still met if your studies lasted at least two years at "
      "university level."),
     ("age", "I'm 19, can I apply?", "On 23 November 2026 you are 19, younger than 21 (the notice does not say on "
                                      "which date age is counted)."),
     ("nationality", "I was born in Poland, can I apply?", "You name where you live, study or were born, not a "
                                                            "nationality."),
     ("nationality", "is Ukraine a NATO member?", "Ukraine is not a NATO member state."),
     ("nationality", "is Sweden in NATO?", "Sweden is a NATO member state (since 7 March 2024)."),
     ("nationality", "do I have to be from a NATO country?", None),  # the requirement asked, no country named
     ("language", "do I need French?", None),  # a question, nothing said about the asker
     ("age", "how old do I need to be?", None),
     ("studies", "is a bachelor's degree required?", None)],
)
def test_personal_verdict_only_for_what_the_rules_can_read(vacancies, criterion, message, verdict):
    assert personal_verdict(criterion, message, vacancies, TODAY) == verdict


@pytest.mark.parametrize(
    "message, criteria",
    [("I'm American and 24 years old, do I qualify?", ["nationality", "age"]),
     ("I'm 22 and a master student, can I apply?", ["age", "studies"]),
     ("I'm Swedish and speak fluent English", ["nationality", "language"]),
     ("I'm a French student aged 23", ["nationality", "age", "studies"]),
     ("do I need French?", []),  # a language asked about, not a nationality stated
     ("is a bachelor's degree required?", []),  # nothing said about the asker
     ("my diploma is in Polish", [])],
)
def test_every_criterion_a_message_states_is_found(message, criteria):
    assert stated_criteria(message, TODAY) == criteria


# Regressions found by exploratory testing ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "answer, status, understood",
    [("I'm Mexican and I speak English, can I apply?", NOT_MET, "Mexico"),
     ("I'm Chinese and I speak English fluently", NOT_MET, "China"),
     ("I'm Brazilian, fluent in French", NOT_MET, "Brazil"),
     ("I'm Brazilian, I speak Spanish, English and French", NOT_MET, "Brazil"),
     ("English-speaking Mexican", NOT_MET, "Mexico"),
     ("I'm Mexican, English fluently", NOT_MET, "Mexico"),
     ("I'm Mexican, native English", NOT_MET, "Mexico"),
     ("Mexican, mother tongue Spanish", NOT_MET, "Mexico"),
     ("I'm French", MET, "France"),
     ("I'm French and speak English", MET, "France"),
     ("I'm Mexican and my English is good", NOT_MET, "Mexico"),
     ("I am a French professional", MET, "France"),
     ("I'm Mexican and I'm learning French", NOT_MET, "Mexico"),
     ("I'm Mexican, I know English and French", NOT_MET, "Mexico"),
     ("English and French", MET, "the United Kingdom and France"),
     ("I have citizenship in Canada", MET, "Canada")],
)
def test_a_language_spoken_is_not_a_nationality(answer, status, understood):
    check = check_nationality(answer, TODAY)
    assert (check.status, check.answer) == (status, understood)


@pytest.mark.parametrize("text", ["I speak English", "I'm studying French", "do I need English?"])
def test_a_language_alone_names_no_nationality(text):
    check = check_nationality(text, TODAY)
    assert (check.status, check.understood) == (UNCLEAR, False)
    assert check.explanation == "You name a language, not a nationality."


@pytest.mark.parametrize(
    "answer, status, understood",
    [("I have a Canadian permanent residence but I'm Iranian", NOT_MET, "Iran"),
     ("I'm Iranian with a French residence permit", NOT_MET, "Iran"),
     ("I'm a permanent resident of Canada, and Iranian", NOT_MET, "Iran"),
     ("I'm a US citizen with a Canadian green card", MET, "the United States")],
)
def test_a_residence_permit_is_not_a_nationality(answer, status, understood):
    check = check_nationality(answer, TODAY)
    assert (check.status, check.answer) == (status, understood)


@pytest.mark.parametrize("answer", ["I'm a US green card holder", "I have permanent residency in Canada",
                                    "I hold a Belgian visa"])
def test_a_residence_permit_alone_is_unclear(answer):
    check = check_nationality(answer, TODAY)
    assert check.status == UNCLEAR
    assert check.explanation == "A residence permit, green card or visa is not a nationality."


@pytest.mark.parametrize("answer", ["I'm 21 next week", "I'm 21 in January 2027", "I'm 21 soon", "I'm 21 in two months",
                                    "I'm 21 on 3 December", "I'll be 21 on 24/11/2026"])
def test_an_age_to_come_is_not_an_age_today(answer):
    check = check_age(answer, TODAY, 21)
    assert check.status == UNCLEAR
    assert "the age you will reach" in check.explanation


@pytest.mark.parametrize(
    "answer, age",
    [("20, but I turn 21 in February 2027", 20),
     ("I'm 20 and turn 21 next month", 20),
     ("I'm 23 in my final year", 23),
     ("I'm 23 in second year", 23),
     ("Romanian, 23, law student, fluent French", 23)],
)
def test_an_age_today_beside_an_age_to_come_or_other_words_is_read(answer, age):
    reading = parse_age_or_birth_date(answer, TODAY)
    assert (reading.youngest, reading.oldest) == (age, age)


@pytest.mark.parametrize("text", ["I'm graduating next year", "I'll be working next month", "I'm moving soon"])
def test_words_to_come_without_a_number_are_no_age(text):
    assert not check_age(text, TODAY, 21).understood


@pytest.mark.parametrize("answer", ["I graduated on 23 November 2025", "degree obtained on 2 May 2025",
                                    "I completed my bachelor's on 01/07/2024"])
def test_a_graduation_date_is_not_a_date_of_birth(answer):
    assert parse_age_or_birth_date(answer, TODAY) is None
    assert not check_age(answer, TODAY, 21).understood


def test_a_date_of_birth_beside_a_graduation_date_is_read():
    reading = parse_age_or_birth_date("I graduated on 2 May 2025 and was born on 3 April 2001", TODAY)
    assert reading.born.first == date(2001, 4, 3)
    assert parse_age_or_birth_date("born 03/04/2001, graduated 02/05/2025", TODAY).born.first == date(2001, 4, 3)
    assert parse_age_or_birth_date("degree: 12/06/2025. DOB 03/04/2001", TODAY).born.first == date(2001, 4, 3)


@pytest.mark.parametrize("answer", ["I studied at a vocational school for 3 years", "3 years of technical college",
                                    "I graduated from a vocational school in June 2026"])
def test_vocational_education_is_left_to_the_office(answer):
    check = check_studies(answer, TODAY, 12, 2)
    assert (check.status, check.answer) == (UNCLEAR, "vocational or technical education")
    assert "equivalent education" in check.explanation and "Internship Office" in check.explanation


def test_vocational_education_beside_university_studies_is_met_by_them():
    assert check_studies("I went to a vocational school, then did 2 years at university", TODAY, 12, 2).status == MET


@pytest.mark.parametrize(
    "answer, status, understood",
    [("English", MET, "proficient in English"),
     ("French, C1", MET, "proficient in French"),
     ("Spanish only", NOT_MET, "only Spanish")],
)
def test_a_direct_answer_to_the_language_question_is_read(answer, status, understood):
    check = check_language(answer, OFFICIAL)
    assert (check.status, check.answer) == (status, understood)


@pytest.mark.parametrize("text", ["I'm 23, Spanish, and I graduated in 2023", "Polish and Canadian",
                                  "I'm not French, I'm Canadian", "English", "Spanish only", "I'm Mexican",
                                  "I have a good Spanish degree"])
def test_free_text_without_language_words_says_nothing_of_languages(text):
    assert not check_language(text, OFFICIAL, asked=False).understood


@pytest.mark.parametrize(
    "text, status, understood",
    [("I'm Mexican and I speak English, can I apply?", MET, "proficient in English"),
     ("I'm Spanish, French C1", MET, "proficient in French"),
     ("my English is good", MET, "proficient in English"),
     ("I'm Mexican, I only speak Spanish", NOT_MET, "only Spanish"),
     ("I don't speak French", UNCLEAR, "not proficient in French"),
     ("basic English", UNCLEAR, "English at a basic level")],
)
def test_free_text_speaking_of_languages_is_read(text, status, understood):
    check = check_language(text, OFFICIAL, asked=False)
    assert (check.status, check.answer) == (status, understood)


@pytest.mark.parametrize(
    "criterion, message",
    [("studies", "do I need a master's degree?"),
     ("studies", "do I need to be a student?"),
     ("nationality", "do I have to be a NATO citizen?"),
     ("studies", "is a bachelor's required?"),
     ("studies", "what counts as equivalent education?"),
     ("language", "I'm Mexican, do I need English?")],
)
def test_a_question_about_the_requirement_is_no_statement(vacancies, criterion, message):
    assert personal_verdict(criterion, message, vacancies, TODAY) is None
    assert criterion not in stated_criteria(message, TODAY)


@pytest.mark.parametrize(
    "criterion, message, verdict",
    [("studies", "I'm a master's student, is that enough?", "Being currently a student meets the studies criterion."),
     ("age", "can I apply if I'm 19?", "On 23 November 2026 you are 19, younger than 21 (the notice does not say on "
                                       "which date age is counted)."),
     ("studies", "do I need a degree if I'm a student?", "Being currently a student meets the studies criterion."),
     ("studies", "is my bachelor's accepted?", "A bachelor's degree meets the criterion whether it is completed (at "
                                               "least two years of university level studies) or under way (you are "
                                               "currently a student).")],
)
def test_a_statement_beside_a_question_is_read(vacancies, criterion, message, verdict):
    assert personal_verdict(criterion, message, vacancies, TODAY) == verdict


@pytest.mark.parametrize(
    "message, criteria",
    [("I'm 23, Spanish, and I graduated in 2023", ["nationality", "age", "studies"]),
     ("I'm Mexican and I speak English, can I apply?", ["nationality", "language"]),
     ("I'm Chinese and I speak English fluently", ["nationality", "language"]),
     ("I'm not French, I'm Canadian", ["nationality"]),
     ("I'm a US green card holder", []),
     ("do I need a master's degree?", []),
     ("Romanian, 23, law student, fluent French", [])],  # no first person: not a statement outside the check
)
def test_free_text_states_only_what_it_says(message, criteria):
    assert stated_criteria(message, TODAY) == criteria


@pytest.mark.parametrize(
    "message, criteria",
    [("Romanian, 23, law student, fluent French", ["nationality", "age", "studies", "language"]),
     ("Polish and Canadian", ["nationality"]),
     ("English", ["nationality"]),  # the nationality question's answer: English is read as a nationality
     ("23", ["age"]),
     ("do I need a master's degree?", [])],
)
def test_an_answer_in_the_check_states_without_the_first_person(message, criteria):
    assert stated_criteria(message, TODAY, answering=True) == criteria


@pytest.mark.parametrize("answer", ["I turn 21 today", "I'm turning 21 today", "turning twenty-one today",
                                    "it's my 21st birthday today", "I turned 21 in May", "20, but I turn 21 today"])
def test_an_age_reached_today_or_before_is_an_age(answer):
    check = check_age(answer, TODAY, 21)
    assert (check.status, check.answer) == (MET, "21 years old")


@pytest.mark.parametrize("answer", ["I turn 21 tomorrow", "I'll be 21 in March", "I turn 21 on Friday"])
def test_an_age_still_to_come_is_not(answer):
    assert check_age(answer, TODAY, 21).status == UNCLEAR


@pytest.mark.parametrize("answer", ["I'm stateless", "I have no nationality", "I don't have any citizenship"])
def test_a_stateless_person_is_a_national_of_no_member_state(answer):
    check = check_nationality(answer, TODAY)
    assert (check.status, check.answer) == (NOT_MET, "no nationality (stateless)")


def test_continue_is_no_age():
    assert not check_age("continue", TODAY, 21).understood


def test_the_studies_values_come_from_the_notice():
    """A notice asking one year of studies and a six-month window (tests/fixtures/notices/260903)."""
    assert check_studies("I completed one year of a bachelor's", TODAY, 6, 1).status == MET
    assert check_studies("I completed one year of a bachelor's", TODAY, 12, 2).status == NOT_MET
    assert "fewer than the two years required" in check_studies("1 year at university", TODAY, 12, 2).explanation
    assert check_studies("I graduated 8 months ago", TODAY, 6, 1).status == UNCLEAR


def test_a_criterion_whose_value_the_notice_does_not_give_is_unclear_and_not_asked_again():
    for check in (check_age("I'm 30", TODAY, None), check_studies("2 years of university", TODAY, 12, None),
                  check_language("fluent English", ())):
        assert check.status == UNCLEAR and check.understood and not check.answerable
        assert "The notice" in check.explanation


def test_only_the_languages_the_notice_names_are_accepted():
    assert check_language("fluent French", ("English",)).status == NOT_MET
    assert check_language("fluent French", OFFICIAL).status == MET
