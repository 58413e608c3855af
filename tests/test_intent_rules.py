"""The deterministic intent rules: what they catch, and that they leave the classifier's answers alone."""
from __future__ import annotations

import pytest

from actions.understanding.intent_rules import PLACE_MARK, VACANCY_MARK, mark_entities, rule_intent


@pytest.mark.parametrize(
    "text, predicted, expected",
    [
        ("write my cover letter", "ask_documents", "request_drafting"),  # always overrides
        ("I'm Estonian", "out_of_scope", "ask_nationality_requirement"),
        ("i'm from ukraine, is that a problem", "nlu_fallback", "ask_nationality_requirement"),
        ("my citizenship is Japanese, does that matter", "greet", "ask_nationality_requirement"),
        ("I am a Canadian national", "out_of_scope", "ask_nationality_requirement"),
        ("I have a Turkish passport", "nlu_fallback", "ask_nationality_requirement"),
        ("good morning from Madrid", "out_of_scope", "greet"),
        ("heyyy :)", "out_of_scope", "greet"),
        ("hi, good to see you", "goodbye", "greet"),
        ("so long", "ask_duration", "goodbye"),
        ("thanks, bye", "thank", "goodbye"),
        ("no, stop", "deny", "stop"),
        ("I'm 20 and Canadian, can I apply to the KM one?", "ask_max_applications", "ask_nationality_requirement"),
        ("I'm a law student, am I eligible?", "ask_eligibility", "ask_studies_requirement"),
        ("enough", "out_of_scope", "stop"),
        ("no thanks, I'm done", "deny", "stop"),
        ("ok stop the check please", "ask_age_requirement", "stop"),
        ("ok thank you so much, goodbye!", "thank", "goodbye"),
        ("cheerio!", "nlu_fallback", "goodbye"),
        ("ok", "nlu_fallback", "affirm"),  # a bare acknowledgement the classifier declined
        ("Okay.", "out_of_scope", "affirm"),
        ("d'accord", "nlu_fallback", "affirm"),
        (f"what about {VACANCY_MARK}?", "ask_duties", "choose_vacancy"),  # a vacancy named, nothing asked
        (f"and the {VACANCY_MARK} one", "ask_stipend", "choose_vacancy"),
        (f"tell me about {VACANCY_MARK}", "nlu_fallback", "choose_vacancy"),
        (VACANCY_MARK, "out_of_scope", "choose_vacancy"),
        (f"I'm in {PLACE_MARK}", "ask_deadline", "choose_vacancy"),  # the last question again, in that place
        (f"{PLACE_MARK}?", "ask_deadline", "choose_vacancy"),
        (f"right now I'm currently based in {PLACE_MARK}", "ask_studies_requirement", "choose_vacancy"),
        (f"what's that in {PLACE_MARK} time", "out_of_scope", "choose_vacancy"),
        (f"convert it to {PLACE_MARK}", "stop", "choose_vacancy"),
        (f"what time is that in {PLACE_MARK}?", "nlu_fallback", "choose_vacancy"),
        (f"what about {PLACE_MARK} time", "nlu_fallback", "choose_vacancy"),
        (f"j'habite à {PLACE_MARK}", "ask_nationality_requirement", "choose_vacancy"),  # French (issue 13)
        ("j'arrête le test, merci", "thank", "stop"),
        ("bon, on arrête là", "out_of_scope", "stop"),
        ("laisse tomber", "nlu_fallback", "stop"),
        ("à plus tard", "nlu_fallback", "goodbye"),
        ("merci, à bientôt", "thank", "goodbye"),
        (f"je suis à {PLACE_MARK}", "nlu_fallback", "choose_vacancy"),
        (f"heure de {PLACE_MARK}", "out_of_scope", "choose_vacancy"),
        (f"et pour le {VACANCY_MARK} ?", "ask_stipend", "choose_vacancy"),
        (f"qu'en est-il de l'offre {VACANCY_MARK} ?", "nlu_fallback", "choose_vacancy"),
        ("what is the stipend for vacancy 123456?", "nlu_fallback", "choose_vacancy"),  # unknown: listed
        ("tell me about 9999999", "out_of_scope", "choose_vacancy"),
    ],
)
def test_rules_replace_the_prediction(text, predicted, expected):
    assert rule_intent(text, predicted) == expected


@pytest.mark.parametrize(
    "text, predicted",
    [
        ("I'm Swedish, what's the stipend?", "ask_stipend"),  # an in-scope answer is kept
        ("hi, what is the deadline?", "ask_deadline"),
        ("hello, can you tell me about the telework policy and the hours", "ask_telework"),
        ("what's the weather in Sweden", "out_of_scope"),  # no first person: not a statement about oneself
        ("I live in Belgium", "out_of_scope"),
        ("when does it end", "ask_duration"),  # "end" in a question is no request to stop
        ("no, I'm 19", "deny"),
        ("can I apply to more than one vacancy?", "ask_max_applications"),  # nothing said about oneself
        ("I'm 20, can I apply?", "ask_age_requirement"),  # already the criterion's own answer
        ("tell me about the history of the Polish army", "out_of_scope"),  # a country, but not one's own
        ("is it worth learning Dutch for me", "nlu_fallback"),
        ("can my wife join me in Belgium during the internship", "ask_uncovered_topic"),
        ("do I have to open a Belgian bank account", "ask_uncovered_topic"),
        ("how long does it last", "ask_duration"),
        ("tell us a joke", "out_of_scope"),
        ("my diploma is in Hungarian, what should I do", "nlu_fallback"),  # a language, not a nationality
        ("I speak Polish and German", "out_of_scope"),
        (f"how much is the stipend for {VACANCY_MARK}?", "ask_stipend"),  # a question about a vacancy
        (f"am I eligible for the {VACANCY_MARK} internship?", "check_eligibility"),
        ("what about it?", "nlu_fallback"),  # no vacancy named
        (f"when is the webinar in {PLACE_MARK}?", "ask_webinar"),
        (f"is the internship in {PLACE_MARK}", "ask_location"),  # a question about the place
        (f"le stage est à {PLACE_MARK} ?", "ask_location"),
        (f"c'est quand le webinaire à {PLACE_MARK} ?", "ask_webinar"),
        (f"le stage {VACANCY_MARK} est payé ?", "ask_stipend"),
        ("arrête de me tutoyer", "out_of_scope"),  # not the check
        ("à plus de 30 ans on peut postuler ?", "ask_age_requirement"),
        (f"what time is it in {PLACE_MARK} now", "out_of_scope"),  # the time of day there
        ("what is the stipend for vacancy 123456?", "ask_stipend"),  # answered: the action reports the number
        ("call me on 0032 2 707 41 11", "out_of_scope"),  # not a requisition number
        (f"I live in {PLACE_MARK} and I'm Swedish", "ask_nationality_requirement"),
        ("ok, is the internship paid?", "nlu_fallback"),  # more than an acknowledgement
    ],
)
def test_rules_leave_other_messages_alone(text, predicted):
    assert rule_intent(text, predicted) is None


def test_vacancies_and_places_are_marked_where_the_nlu_found_them():
    text = "what about cooperative security?"
    assert mark_entities(text, [(11, 31, "vacancy")]) == f"what about {VACANCY_MARK}?"
    assert mark_entities("KM in Tokyo", [(0, 2, "vacancy"), (6, 11, "place")]) == f"{VACANCY_MARK} in {PLACE_MARK}"
    assert mark_entities("I'm Swedish", [(4, 11, "country")]) == "I'm Swedish"  # countries stay words
    marked = mark_entities("write my cover letter for the KM one", [(30, 32, "vacancy")])
    assert rule_intent(marked, "choose_vacancy") == "request_drafting"


@pytest.mark.parametrize(
    "question_part, whole",
    [
        ("Could you improve it?", "Here is my cover letter: Dear Sir, I am writing to apply. Could you improve it?"),
        ("Pourriez-vous la raccourcir ?", "Ma lettre de motivation dépasse une page. Pourriez-vous la raccourcir ?"),
        ("Is it correct?", 'My closing sentence: "I would be honoured to join your team." Is it correct?'),
        ("Thanks.", "Give me five bullet points for my motivation letter. Thanks."),
    ],
)
def test_a_long_drafting_request_is_refused_whatever_its_question_part(question_part, whole):
    assert rule_intent(question_part, "ask_documents", whole) == "request_drafting"


def test_a_drafting_statement_before_another_question_leaves_that_question():
    """The whole message mentions writing, but its question asks about the notice."""
    whole = "I'm writing my cover letter tonight. What is the stipend?"
    assert rule_intent("What is the stipend?", "ask_stipend", whole) is None
    whole = "Please write my cover letter. What is the stipend?"
    assert rule_intent("What is the stipend?", "ask_stipend", whole) is None
