"""The self-check form on the answers that used to loop or be misread, and a criterion value read from a notice.

The form action runs as the action server runs it (rasa-sdk's FormValidationAction on a tracker), against a
database imported from notices; only the classifier's intent is given by hand.
"""
from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Dict, List, Optional

import pytest
import yaml
from dateutil import tz
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionAnswerQuestion
from actions.eligibility.form import ActionEligibilityResult, ValidateEligibilityForm
from actions.eligibility.report import personal_verdict, report
from actions.vacancy_db.__main__ import main as vacancy_db
from actions.vacancy_db.repository import list_vacancies, open_session
from tests.conftest import NOTICES, ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
DEFENCE_POLICY = ROOT / "tests" / "fixtures" / "notices" / "260611-is-defence-policy-careers-site.txt"  # "at least 18"
TODAY = date(2026, 1, 20)  # before that notice's deadline of 9 February 2026
NOW = datetime(2026, 1, 20, 10, 0, tzinfo=tz.UTC)


@pytest.fixture
def database(sqlite_url: str, monkeypatch) -> str:
    """The two notices of the repository and the defence-policy fixture, as the action server would read them."""
    assert vacancy_db(["import", *map(str, NOTICES), str(DEFENCE_POLICY), "--database-url", sqlite_url]) == 0
    monkeypatch.setenv("VACANCY_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("ASSISTANT_NOW", NOW.isoformat())
    return sqlite_url


def tracker(text: str, requested: str, slots: Optional[Dict] = None, intent: str = "nlu_fallback",
            earlier_bot_texts: List[str] = ()) -> Tracker:
    events = [{"event": "active_loop", "name": "eligibility_form"}]
    events += [{"event": "bot", "text": said} for said in earlier_bot_texts]
    events += [{"event": "user", "text": text}]
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.7},
              "intent_ranking": [{"name": intent, "confidence": 0.7}]}
    all_slots = {"requested_slot": requested, "vacancy": None, **(slots or {})}
    return Tracker("tester", all_slots, latest, events, False, None, {"name": "eligibility_form"}, "action_listen")


def run_form(state: Tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateEligibilityForm().run(dispatcher, state, DOMAIN))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return slots, [m.get("text") or "" for m in dispatcher.messages]


@pytest.mark.parametrize("answer", ["I turn 21 today", "I'm turning 21 today", "it's my 21st birthday today"])
def test_an_age_reached_today_is_met_not_asked_again(database, answer):
    slots, said = run_form(tracker(answer, "answer_age", {"answer_nationality": "Belgian"}, "ask_age_requirement"))
    assert slots["answer_age"] == answer and not said


def test_a_stateless_applicant_is_told_the_criterion_is_not_met_and_the_check_goes_on(database):
    slots, said = run_form(tracker("I'm stateless", "answer_nationality", intent="ask_nationality_requirement"))
    assert slots["answer_nationality"] == "I'm stateless"
    assert "not a national of a NATO member state" in said[0] and "answer the next question to go on" in said[0]


@pytest.mark.parametrize("word", ["continue", "ok, go on", "next question"])
def test_continue_is_no_answer_and_the_question_is_asked_again_without_complaint(database, word):
    slots, said = run_form(tracker(word, "answer_age", {"answer_nationality": "Stateless"}))
    assert slots["answer_age"] is None and said == []


def test_an_unreadable_answer_is_asked_again_once_then_kept_as_unclear(database):
    first_slots, first = run_form(tracker("I'd rather not say", "answer_age", {"answer_nationality": "Belgian"}))
    assert first_slots["answer_age"] is None and "Could you answer again" in first[0]
    second_slots, second = run_form(tracker("I'd rather not say", "answer_age", {"answer_nationality": "Belgian"},
                                            earlier_bot_texts=first))
    assert second_slots["answer_age"] == "I'd rather not say"
    assert "note this criterion as unclear" in second[0] and "Could you answer again" not in second[0]


def test_a_statement_read_as_the_notice_does_not_say_is_an_answer_and_a_question_interrupts(database):
    answered = {"answer_nationality": "Belgian", "answer_age": "22"}
    statement, said = run_form(tracker("I dropped out after one year", "answer_studies", answered,
                                       "ask_uncovered_topic"))
    assert "Could you answer again" in said[0]  # read as an (unclear) answer to the studies question
    question, said = run_form(tracker("can I bring my dog to the office?", "answer_studies", answered,
                                      "ask_uncovered_topic"))
    assert question.get("answer_studies") is None and said == []  # a question: the rules answer it


def test_an_answer_the_office_judges_is_kept_at_once(database):
    slots, said = run_form(tracker("basic French", "answer_language", intent="ask_language_requirement"))
    assert slots["answer_language"] == "basic French" and "note this criterion as unclear" in said[0]


def dpp(database: str):
    with open_session(database) as session:
        return [v for v in list_vacancies(session) if v.requisition == "260611"]


def test_a_notice_saying_at_least_18_gives_an_18_year_rule_end_to_end(database):
    """Import (the fixture), the stored value, the rule, and the composed answers all say 18, not 21."""
    [vacancy] = dpp(database)
    assert vacancy.minimum_age == 18 and vacancy.fact("minimum_age").quote == "be at least 18 years old;"
    verdict = personal_verdict("age", "I'm 19, can I apply?", [vacancy], TODAY)
    assert verdict == ("On 20 January 2026 you are 19, so at least 18 (the notice does not say on which date age "
                       "is counted).")
    result = report({"nationality": "Belgian", "age": "19", "studies": "I'm a law student",
                     "language": "fluent English"}, [vacancy], TODAY, NOW)
    assert "Age: “19 years old” — met." in result.text and "(criterion: “be at least 18 years old”)" in result.text
    assert "you appear to meet the four essential criteria" in result.text
    # The same 19-year-old is too young for the notices that say 21.
    with open_session(database) as session:
        others = [v for v in list_vacancies(session) if v.requisition != "260611"]
    assert "younger than 21" in personal_verdict("age", "I'm 19, can I apply?", others, TODAY)


def test_the_age_question_is_answered_from_the_notice_that_says_18(database):
    dispatcher = CollectingDispatcher()
    state = Tracker("tester", {"vacancy": None}, {"text": "I'm 19, can I apply for the defence policy one?",
                                                  "intent": {"name": "ask_age_requirement", "confidence": 0.9},
                                                  "intent_ranking": [{"name": "ask_age_requirement",
                                                                      "confidence": 0.9}]},
                    [], False, None, {}, "action_listen")
    ActionAnswerQuestion().run(dispatcher, state, DOMAIN)
    text = dispatcher.messages[0]["text"]
    assert "you are 19, so at least 18" in text and "vacancy 260611" in text
    assert "be at least 18 years old" in text and "250770" not in text and "250775" not in text


# --- languages (issue 13): the self-check in French explains itself in French and quotes the notices in English --
def conversation(language: str, text: str, slots: Dict, intent: str = "nlu_fallback",
                 earlier_bot_texts: List[str] = ()) -> Tracker:
    """The tracker the action server gets mid-check, in the reply language the conversation has."""
    events = [{"event": "active_loop", "name": "eligibility_form"},
              *({"event": "bot", "text": said} for said in earlier_bot_texts), {"event": "user", "text": text}]
    return Tracker.from_dict({
        "sender_id": "tester", "slots": {"vacancy": None, "reply_language": language, **slots},
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 0.7}, "entities": []},
        "events": events, "active_loop": {"name": "eligibility_form"}, "latest_action_name": "action_listen"})


def validated(state: Tracker) -> List[str]:
    dispatcher = CollectingDispatcher()
    asyncio.run(ValidateEligibilityForm().run(dispatcher, state, DOMAIN))
    return [m.get("text") or "" for m in dispatcher.messages]


def result_lines(language: str, answers: Dict[str, str]) -> List[str]:
    dispatcher = CollectingDispatcher()
    slots = {f"answer_{criterion}": answer for criterion, answer in answers.items()}
    ActionEligibilityResult().run(dispatcher, conversation(language, "fluent English", slots), DOMAIN)
    return dispatcher.messages[0]["text"].splitlines()


FRENCH_ANSWERS = {"nationality": "je suis suédoise", "age": "j'ai 19 ans", "studies": "je ne sais pas trop",
                  "language": "je parle anglais couramment"}


def test_a_french_answer_that_fails_is_explained_in_french_with_the_criterion_in_english(database):
    said = validated(conversation("fr", "j'ai 19 ans", {"requested_slot": "answer_age"}, "ask_age_requirement"))
    assert said[0].startswith("Le 20 janvier 2026, vous avez 19 ans, moins de 21 ans (l'avis ne dit pas à quelle "
                              "date l'âge est compté). Cela ne remplit pas le critère essentiel “be at least 21 years "
                              "old”.\nVous pouvez dire « stop »")


def test_a_french_answer_no_rule_reads_is_asked_again_once_in_french_then_kept(database):
    state = {"requested_slot": "answer_nationality"}
    first = validated(conversation("fr", "je préfère ne pas le dire", state))
    assert first == ["Je n'ai reconnu aucun pays ni aucune nationalité dans cette réponse. Pourriez-vous répondre à "
                     "nouveau, par exemple « belge », « les Pays-Bas » ou « polonaise et canadienne » ?"]
    second = validated(conversation("fr", "je préfère ne pas le dire", state, earlier_bot_texts=first))
    assert second == ["Je n'ai reconnu aucun pays ni aucune nationalité dans cette réponse. Je note ce critère comme "
                      "incertain et je continue."]


def test_the_french_report_explains_each_criterion_in_french_and_quotes_the_notice_in_english(database):
    lines = result_lines("fr", FRENCH_ANSWERS)
    assert lines[1] == ("- Nationalité : “Suède” — rempli. Suède : État membre de l'OTAN (depuis le 7 mars 2024). "
                        "(critère : “be a national of a NATO member state”)")
    assert lines[2].startswith("- Âge : “19 ans” — non rempli. Le 20 janvier 2026, vous avez 19 ans, moins de 21 ans")
    assert lines[3].startswith("- Études : “je ne sais pas trop” — incertain. Je n'ai pas pu savoir")  # as written
    assert lines[4].startswith("- Langue : “bon niveau en anglais” — rempli. Un bon niveau en anglais, l'une des "
                               "langues que l'avis accepte, remplit le critère. (critère : “have proficiency in one "
                               "of the two official NATO languages (English/French).”)")
    english = result_lines("en", FRENCH_ANSWERS)  # the same answers explained in English: none of it is in French
    explanations = [line.split(" — ", 1)[1].split(". ", 1)[1].split(" (criterion: ")[0] for line in english[1:5]]
    assert len(explanations) == 4 and not any(sentence in "\n".join(lines) for sentence in explanations)


def test_the_english_report_is_unchanged(database):
    lines = result_lines("en", {"nationality": "Swedish", "age": "19", "studies": "hmm potatoes",
                                "language": "fluent English"})
    assert lines[1:5] == [
        "- Nationality: “Sweden” — met. Sweden is a NATO member state (since 7 March 2024). (criterion: “be a "
        "national of a NATO member state”)",
        "- Age: “19 years old” — not met. On 20 January 2026 you are 19, younger than 21 (the notice does not say on "
        "which date age is counted). (criterion: “be at least 21 years old”)",
        "- Studies: “hmm potatoes” — unclear. I could not tell from that whether you are a student, a recent "
        "graduate, or have two years of university level studies or equivalent education. (criterion: “have at "
        "least two years of university level studies OR equivalent education OR be currently a student OR a recent "
        "graduate (degree obtained no longer than 12 months ago)”)",
        "- Language: “proficient in English” — met. Proficiency in English, one of the languages the notice "
        "accepts, meets the criterion. (criterion: “have proficiency in one of the two official NATO languages "
        "(English/French).”)"]


def test_a_french_question_about_one_criterion_gets_the_verdict_in_french(database):
    dispatcher = CollectingDispatcher()
    state = Tracker.from_dict({"sender_id": "tester", "slots": {"vacancy": None, "reply_language": "fr"},
                               "latest_message": {"text": "j'ai 19 ans, je peux postuler au stage defence policy ?",
                                                  "intent": {"name": "ask_age_requirement", "confidence": 0.9},
                                                  "intent_ranking": [{"name": "ask_age_requirement",
                                                                      "confidence": 0.9}], "entities": []},
                               "events": [], "latest_action_name": "action_listen"})
    ActionAnswerQuestion().run(dispatcher, state, DOMAIN)
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Le 20 janvier 2026, vous avez 19 ans, donc au moins 18 ans (l'avis ne dit pas à quelle "
                           "date l'âge est compté).")
    assert "be at least 18 years old" in text
