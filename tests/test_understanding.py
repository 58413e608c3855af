"""What the NLU classifies: a long message's question part, respelled words, follow-ups read with their topic."""
from __future__ import annotations

from actions.understanding.followups import continues, points_back, with_context
from actions.understanding.message_split import question_clauses, question_part, without_framing
from actions.understanding.spelling import DomainSpelling, vocabulary

DOMAIN = DomainSpelling(vocabulary(["How much is the stipend?", "What is the deadline?", "Is telework possible?"]))


def test_misspelled_words_are_corrected_to_the_closest_domain_word():
    assert DOMAIN.correct("how mcuh is teh stipned") == "how much is the stipend"
    assert DOMAIN.correct("waht is the dedline?") == "what is the deadline?"


def test_english_words_are_never_turned_into_domain_words():
    assert DOMAIN.correct("what is my credit score") == "what is my credit score"  # "credit" is no typo
    assert DOMAIN.correct("is the visa free") == "is the visa free"


def test_a_french_message_is_left_as_written():
    french = DomainSpelling(vocabulary(["Is telework possible?", "continue", "je viens de Lyon", "un billet de train"]))
    for text in ["y a une cantine ?", "né le 14 juillet 2003", "les chiens peuvent sortir ?"]:
        assert french.correct(text) == text  # not "continue", "billet", "viens"
    assert french.correct("is telwork possible?") == "is telework possible?"  # an English message still is


def test_a_real_word_written_for_another_is_read_as_meant():
    assert DOMAIN.correct("were is the internship?") == "where is the internship?"
    assert DOMAIN.correct("can you tell me weather I can apply") == "can you tell me whether I can apply"
    assert DOMAIN.correct("were you a bot? the weather in Brussels") == "were you a bot? the weather in Brussels"


def test_short_tokens_and_numbers_are_left_alone():
    assert DOMAIN.correct("KM 250770 ok") == "KM 250770 ok"


def test_an_abbreviation_in_capitals_is_left_alone():
    zones = DomainSpelling(vocabulary(["when does it close in est?", "the deadline in CET"]))
    assert zones.correct("and in PST?") == "and in PST?" and zones.correct("and in pst?") == "and in est?"


def test_a_short_message_is_classified_whole():
    assert question_part("Hello, I'm Ana. What is the stipend?") == "Hello, I'm Ana. What is the stipend?"


def test_a_long_message_is_classified_on_its_questions():
    intro = "Hello, I am a student from Portugal and I have studied international relations for three years. " * 3
    assert question_part(intro + "Thank you. What is the stipend?") == "What is the stipend?"
    assert question_part(intro.rstrip(". ") + ", and I would like to know if the interns receive some money") == \
        "I would like to know if the interns receive some money"


def test_a_long_french_message_is_classified_on_its_questions():
    intro = "Bonjour, je suis étudiante en droit à Lille et je cherche un stage pour le printemps prochain. " * 3
    assert question_part(intro + "Je vous remercie. Est-ce que le stage est payé") == "Est-ce que le stage est payé"
    assert question_part(intro.rstrip(". ") + ", et je voudrais savoir si le stage est payé.") == \
        "je voudrais savoir si le stage est payé."



def test_a_long_french_question_is_classified_without_the_reason_after_it():
    intro = "Bonjour, je suis étudiante en droit à Lille et je cherche un stage pour le printemps prochain. " * 3
    assert question_part(intro + "Est-ce que je dois faire traduire mon diplôme, parce que la date limite approche ?") \
        == "Est-ce que je dois faire traduire mon diplôme?"
    assert question_part(intro + "Je voudrais savoir si le stage est payé, car je dois prévoir un loyer.") == \
        "Je voudrais savoir si le stage est payé."
    assert question_part(intro + "Et si c'est parce que je suis malade ?") == "Et si c'est parce que je suis malade ?"
    english = "Hello, I am a student from Portugal and I have studied international relations for three years. " * 3
    assert question_part(english + "Can I bring my car to the office?") == "Can I bring my car to the office?"

def test_a_long_message_without_a_question_is_classified_on_its_last_sentence():
    text = "I am a student from Portugal and I have studied international relations for three years. " * 3
    assert question_part(text + "I need the stipend amount.") == "I need the stipend amount."


def test_a_question_is_classified_without_its_polite_frame():
    assert without_framing("could you tell me how many months it lasts?") == "how many months it lasts?"
    assert without_framing("Hi, I'd like to know if interns can work from home") == "interns can work from home"
    assert without_framing("I'm wondering whether the grant is taxed") == "the grant is taxed"


def test_a_frame_around_no_question_is_kept():
    assert without_framing("can you tell me a joke") == "can you tell me a joke"
    assert without_framing("I'd like to know about 250775") == "I'd like to know about 250775"


def test_the_cue_of_a_long_message_may_be_contracted():
    intro = "Hello, I am a student from Portugal and I have studied international relations for three years. " * 3
    assert question_part(intro + "Before I apply I'd like to know what the pay is.") == "I'd like to know what the pay is."


def test_a_follow_up_is_read_with_the_last_topic():
    assert with_context("which language should they be", "documents") == \
        "which language should they be (the documents to attach)"
    assert with_context("what proof do they need", "accommodation") == "what proof do they need (reasonable accommodation)"


def test_only_a_short_message_after_a_topic_gets_a_second_reading():
    assert with_context("is a diploma supplement ok, or must it be the diploma itself, for the KM internship", "documents") is None
    assert with_context("which language should they be", None) is None
    assert with_context("which language should they be", "uncovered_topic") is None


def test_a_pronoun_points_back_and_a_continuing_opening_continues():
    assert points_back("which language should they be") and points_back("and is it paid?")
    assert not points_back("does a master count too?") and not continues("does a master count too?")
    assert not points_back("so no part-time?") and continues("so no part-time?") and continues("and where exactly?")


def test_the_questions_a_message_joins_are_told_apart():
    assert question_clauses("where is the office and can I work from home?") == ["where is the office",
                                                                                 "can I work from home"]
    assert question_clauses("stipend? deadline?") == ["stipend", "deadline"]
    assert question_clauses("I'm Croatian and 20 years old, can I apply?") == ["I'm Croatian and 20 years old, can I apply"]


def classified(text, intent, confidence, **data):
    """A message as the classifiers leave it (the fallback's own entry first where it declined)."""
    from rasa.shared.nlu.training_data.message import Message

    ranking = [{"name": intent, "confidence": confidence}]
    name = intent if confidence >= 0.66 else "nlu_fallback"
    return Message(data={"text": text, "intent": {"name": name, "confidence": confidence},
                         "intent_ranking": ranking, **data})


def test_the_reading_in_context_wins_where_the_classifier_is_surer_of_it():
    from components.intent_rules import keep_surer_readings
    from components.understood_text import READING_OF, READING_WINS, SURER, UNSURE

    sent = classified("which language should they be", "ask_language_requirement", 0.7)
    in_context = classified("which language should they be (the documents to attach)", "ask_document_language", 0.9,
                            **{READING_OF: 0, READING_WINS: SURER})
    assert keep_surer_readings([sent, in_context])[0].get("intent")["name"] == "ask_document_language"
    own = classified("is it paid?", "ask_stipend", 0.9)
    other = classified("is it paid? (the application deadline)", "ask_deadline", 0.95, **{READING_OF: 0, READING_WINS: UNSURE})
    assert keep_surer_readings([own, other])[0].get("intent")["name"] == "ask_stipend"  # understood alone


def test_each_question_of_a_joined_message_is_kept_as_a_further_intent():
    from components.intent_rules import FURTHER_INTENTS, keep_surer_readings
    from components.understood_text import PART, READING_OF, READING_WINS

    sent = classified("where is the office and can I work from home?", "ask_location", 0.8)
    parts = [classified("where is the office", "ask_location", 0.9, **{READING_OF: 0, READING_WINS: PART}),
             classified("can I work from home", "ask_telework", 0.95, **{READING_OF: 0, READING_WINS: PART})]
    [message] = keep_surer_readings([sent, *parts])
    assert message.get("intent")["name"] == "ask_location" and message.get(FURTHER_INTENTS) == ["ask_telework"]


def test_a_reading_in_context_that_does_not_point_back_must_continue_the_last_topic():
    from components.intent_rules import keep_surer_readings
    from components.understood_text import READING_EXPECTS, READING_OF, READING_WINS, UNSURE

    unsure = classified("I dropped out after one year", "ask_studies_requirement", 0.3)
    elsewhere = classified("I dropped out after one year (the stipend)", "ask_uncovered_topic", 0.74,
                           **{READING_OF: 0, READING_WINS: UNSURE, READING_EXPECTS: "ask_stipend"})
    assert keep_surer_readings([unsure, elsewhere])[0].get("intent")["name"] == "nlu_fallback"
    continued = classified("does a master count too? (the studies requirement)", "ask_studies_requirement", 0.8,
                           **{READING_OF: 0, READING_WINS: UNSURE, READING_EXPECTS: "ask_studies_requirement"})
    alone = classified("does a master count too?", "ask_studies_requirement", 0.4)
    assert keep_surer_readings([alone, continued])[0].get("intent")["name"] == "ask_studies_requirement"


def test_a_reading_in_context_never_replaces_thanks_or_a_stop():
    from components.intent_rules import keep_surer_readings
    from components.understood_text import READING_OF, READING_WINS, SURER

    for intent, text in (("stop", "actually forget it, I'll do this later"), ("thank", "perfect, that's what I needed")):
        sent = classified(text, intent, 0.7)
        in_context = classified(f"{text} (the minimum age)", "ask_age_requirement", 0.8, **{READING_OF: 0, READING_WINS: SURER})
        assert keep_surer_readings([sent, in_context])[0].get("intent")["name"] == intent


def test_a_continuing_follow_up_is_read_in_context_only_where_the_message_alone_leans_to_it():
    from rasa.shared.nlu.training_data.message import Message

    from components.intent_rules import keep_surer_readings
    from components.understood_text import LEANED_TO, READING_OF, READING_WINS

    def reading_of(text, alone, in_context, entities=()):
        sent = Message(data={"text": text, "intent": {"name": alone[0][0], "confidence": alone[0][1]},
                             "intent_ranking": [{"name": n, "confidence": c} for n, c in alone],
                             "entities": [{"entity": "reply_language", "value": "en"}, *entities]})
        reading = classified(f"{text} (context)", in_context, 0.9, **{READING_OF: 0, READING_WINS: LEANED_TO})
        return keep_surer_readings([sent, reading])[0].get("intent")["name"]

    assert reading_of("and after the deadline?", [("ask_deadline", 0.71), ("ask_uncovered_topic", 0.17),
                                                  ("ask_application_update", 0.06)], "ask_application_update") \
        == "ask_application_update"
    assert reading_of("so no part-time?", [("ask_schedule", 0.74), ("deny", 0.22), ("out_of_scope", 0.02),
                                           ("ask_hours", 0.01)], "ask_hours") == "ask_schedule"
    assert reading_of("and where exactly?", [("nlu_fallback", 0.45), ("ask_location", 0.43), ("out_of_scope", 0.28),
                                             ("ask_how_to_apply", 0.04)], "ask_start_date") == "nlu_fallback"
    assert reading_of("what about Ukraine?", [("nlu_fallback", 0.45), ("out_of_scope", 0.43), ("help", 0.16)],
                      "ask_nationality_requirement", entities=[{"entity": "country", "value": "Ukraine"}]) \
        == "ask_nationality_requirement"  # a name: the last question asked again for it
    assert reading_of("what about Ukraine?", [("out_of_scope", 0.6), ("help", 0.16)], "ask_nationality_requirement",
                      entities=[{"entity": "country", "value": "Ukraine"}]) == "ask_nationality_requirement"


def test_a_long_message_whose_question_points_back_is_also_read_whole_where_surer():
    from rasa.shared.nlu.training_data.message import Message

    from components.understood_text import READING_WINS, SURER, UNSURE, UnderstoodText

    understood = UnderstoodText({}, None, None, {})
    intro = "Hi, I'm a political science student in Vienna and I wrote my thesis on NATO partnerships. I'm Austrian. " * 2

    def whole_reading_wins(question):
        sent, *readings = understood.process([Message(data={"text": intro + question})])
        assert sent.get("text") == question  # the question part is classified
        [whole] = [r for r in readings if r.get("text") == intro + question]
        return whole.get(READING_WINS)

    assert whole_reading_wins("Does that rule me out?") == SURER  # "that" is the introduction's nationality
    assert whole_reading_wins("What is the stipend?") == UNSURE


def test_a_repeated_training_typo_of_a_notice_word_is_still_corrected():
    from actions.understanding.spelling import domain_vocabulary

    examples = ["who can apply?"] * 20 + ["who can aply", "how to aply", "the ePRIME programme", "the ePRIME one"]
    counts = domain_vocabulary(examples, ["Apply by the deadline."])
    assert "aply" not in counts and "eprime" in counts  # a typo of "apply"; a word of its own, seen twice
    assert DomainSpelling(counts).correct("who can aply") == "who can apply"
