"""What the NLU classifies: a long message's question part, respelled words, follow-ups read with their topic."""
from __future__ import annotations

from actions.followups import is_elliptical, with_context
from actions.message_split import question_part
from actions.spelling import DomainSpelling, vocabulary

DOMAIN = DomainSpelling(vocabulary(["How much is the stipend?", "What is the deadline?", "Is telework possible?"]))


def test_misspelled_words_are_corrected_to_the_closest_domain_word():
    assert DOMAIN.correct("how mcuh is teh stipned") == "how much is the stipend"
    assert DOMAIN.correct("waht is the dedline?") == "what is the deadline?"


def test_english_words_are_never_turned_into_domain_words():
    assert DOMAIN.correct("what is my credit score") == "what is my credit score"  # "credit" is no typo
    assert DOMAIN.correct("is the visa free") == "is the visa free"


def test_short_tokens_and_numbers_are_left_alone():
    assert DOMAIN.correct("KM 250770 ok") == "KM 250770 ok"


def test_a_short_message_is_classified_whole():
    assert question_part("Hello, I'm Ana. What is the stipend?") == "Hello, I'm Ana. What is the stipend?"


def test_a_long_message_is_classified_on_its_questions():
    intro = "Hello, I am a student from Portugal and I have studied international relations for three years. " * 3
    assert question_part(intro + "Thank you. What is the stipend?") == "What is the stipend?"
    assert question_part(intro.rstrip(". ") + ", and I would like to know if the interns receive some money") == \
        "I would like to know if the interns receive some money"


def test_a_long_message_without_a_question_is_classified_on_its_last_sentence():
    text = "I am a student from Portugal and I have studied international relations for three years. " * 3
    assert question_part(text + "I need the stipend amount.") == "I need the stipend amount."


def test_a_follow_up_is_read_with_the_last_topic():
    assert with_context("which language should they be", "documents") == \
        "which language should they be (the documents to attach)"
    assert with_context("what proof do they need", "accommodation") == "what proof do they need (reasonable accommodation)"


def test_a_question_of_its_own_or_no_topic_gets_no_second_reading():
    assert not is_elliptical("what is the stipend for the KM internship")
    assert with_context("which language should they be", None) is None
    assert with_context("which language should they be", "uncovered_topic") is None
