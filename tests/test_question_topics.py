"""Several questions in one message: which further topics are found, and which are not."""
from __future__ import annotations

import pytest

from actions.answers.question_topics import further_topics


@pytest.mark.parametrize(
    "text, answered, expected",
    [
        ("how much is the stipend and when is the deadline?", "stipend", ["deadline"]),
        ("when is the deadline? and is there a webinar?", "deadline", ["webinar"]),
        ("is it paid internship, can I work from home and how many hours a week?", "stipend", ["telework", "hours"]),
        ("I'm 19 and what's the salary?", "age_requirement", ["stipend"]),
        ("do they pay flights and what's the security clearance?", "travel_reimbursement", ["clearance"]),
        ("what's the duration and the start date?", "duration", ["start_date"]),
        ("what are the requirements and the documents needed?", "documents", ["eligibility"]),
        ("where is it and when does it start?", "start_date", ["location"]),
        ("what are the duties and competencies for KM?", "competencies", ["duties"]),
    ],
)
def test_further_topics_are_found_in_the_order_asked(text, answered, expected):
    assert further_topics(text, answered) == expected


@pytest.mark.parametrize(
    "text, answered",
    [
        ("how much is the stipend?", "stipend"),  # one question
        ("what is the deadline for the webinar registration", "webinar"),  # no joined questions
        ("is the stipend paid monthly and in euros?", "stipend"),  # one topic, asked twice over
        ("what's the deadline and how long does it take to hear back?", "deadline"),  # "how long" is not the duration
        ("is the webinar remote and recorded?", "webinar"),  # "remote" alone is not telework
        ("are my documents ok in French and do I need English?", "document_language"),  # languages: not keywords
        ("what are the language requirements and do I need French?", "language_requirement"),
    ],
)
def test_nothing_further_without_an_unambiguous_second_topic(text, answered):
    assert further_topics(text, answered) == []
