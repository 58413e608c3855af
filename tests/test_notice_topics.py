"""The notice topics of issue 10: the facts the importer stores for them (training, the units a notice describes,
the units recruiting) and the answers composed from them, each sourced, silent where the notice is."""
from __future__ import annotations

import pytest

from actions.answers.composers import Question, compose
from actions.notices.parser import parse_notice
from actions.understanding.skills import asked_skill
from tests.conftest import CS_NOTICE, KM_NOTICE, NOW

# A notice of the family that is neither of the two: other units, other wording, the same kinds of sentence.
OTHER_NOTICE = """NATO Internship - International Staff, Operations Division (88123)

Apply until 5 January 2026 at 23:59, Brussels time.

The Operations Division (OPS) is in charge of NATO's crisis management and operational planning.

NATO is currently looking for interns in the Operations Division, Crisis Management Section.

1. Crisis Management Section (CMS) is responsible for the following:
a. Running the NATO Situation Centre.
b. Supporting crisis exercises.

What you will do

Trainees will attend the induction training on the NATO records system during their first week.

- Support the section head.
"""


def parsed(path):
    return parse_notice(path.read_text(encoding="utf-8"), path.name)


def only(vacancies, requisition):
    return [v for v in vacancies if v.requisition == requisition]


def test_training_is_stored_where_the_notice_speaks_of_it():
    training = parsed(CS_NOTICE).facts_for("training")
    assert [f.value for f in training] == [
        "Interns will receive the basic training provided by IMS on the main IM tools, such as HYDI."]
    assert training[0].source.section == "How the daily work will look like?"
    assert parsed(KM_NOTICE).facts_for("training") == []  # "Provide ... training ... to users" is a duty


def test_units_are_labelled_with_the_unit_they_describe_and_keep_their_lettered_items():
    units = parsed(CS_NOTICE).facts_for("unit_description")
    labels = [f.label for f in units]
    assert list(dict.fromkeys(labels)) == ["CS Division", "Cooperation Policy and Plans Branch (CPPB)",
                                           "Policy & Programmes (P&P) section", "Military Cooperation Branch (MCB)",
                                           "EAST section"]
    assert labels.count("Policy & Programmes (P&P) section") == 4 and labels.count("EAST section") == 4
    assert units[0].value.startswith("The CS Division is responsible for military contacts")
    km = parsed(KM_NOTICE).facts_for("unit_description")
    assert [f.label for f in km] == ["Knowledge Management (KM) Team"] and "lead role" in km[0].value
    assert [f.value for f in parsed(KM_NOTICE).facts_for("recruiting_units")] == [
        "The NATO International Military Staff (IMS) is currently looking for interns to join the Knowledge "
        "Management (KM) Team."]


def test_another_notice_of_the_family_gives_the_same_kinds_of_fact():
    notice = parse_notice(OTHER_NOTICE, "other.txt")
    assert [(f.label, f.value) for f in notice.facts_for("unit_description")] == [
        ("Operations Division (OPS)", "The Operations Division (OPS) is in charge of NATO's crisis management and "
                                      "operational planning."),
        ("Crisis Management Section (CMS)", "Crisis Management Section (CMS) is responsible for the following:"),
        ("Crisis Management Section (CMS)", "Running the NATO Situation Centre."),
        ("Crisis Management Section (CMS)", "Supporting crisis exercises."),
    ]
    assert [f.value for f in notice.facts_for("recruiting_units")] == [
        "NATO is currently looking for interns in the Operations Division, Crisis Management Section."]
    assert [f.value for f in notice.facts_for("training")] == [
        "Trainees will attend the induction training on the NATO records system during their first week."]
    for fact in notice.facts:
        assert notice.text[fact.source.start:fact.source.end] == fact.source.text


def test_training_is_quoted_for_the_notice_that_says_it_and_the_other_is_named_silent(vacancies):
    answer = compose("training", Question(vacancies, NOW))
    assert "such as HYDI" in answer.text
    assert "The notice of vacancy 250775 (International Military Staff, Executive Coordinator, Knowledge Management " \
           "Section) does not state anything about training." in answer.text
    assert [c.requisition for c in answer.citations] == ["250770"]


@pytest.mark.parametrize("topic, words", [
    ("diversity", "strongly encourages women and candidates living with disability to apply"),
    ("integrity", "role models of integrity"),
])
def test_values_are_quoted_once_for_both_notices(vacancies, topic, words):
    answer = compose(topic, Question(vacancies, NOW))
    assert words in answer.text and "\n" not in answer.text
    assert {c.requisition for c in answer.citations} == {"250770", "250775"}
    assert {c.section for c in answer.citations} == {"Our Values"}


def test_the_website_is_quoted_and_its_missing_address_said(vacancies):
    answer = compose("programme_website", Question(vacancies, NOW))
    assert "gives no address" in answer.text and "terms and conditions" in answer.citations[0].quote


def test_the_nato_body_is_stated_and_the_notice_is_not_made_to_describe_it(vacancies):
    answer = compose("nato_body", Question(only(vacancies, "250770"), NOW))
    assert answer.text.startswith("The vacancy is with the International Military Staff, the NATO body the notice names.")
    assert "does not describe that body further" in answer.text


def test_the_division_is_described_by_its_first_unit_paragraph(vacancies):
    answer = compose("unit_description", Question(vacancies, NOW, text="what does the division do?"))
    assert "250770 (International Military Staff, Cooperative Security Division):\nWhat the notice says the CS " \
           "Division does:" in answer.text
    assert "This team has the lead role in improving the Knowledge Management" in answer.text
    assert "Cooperation Policy and Plans Branch" not in answer.text


def test_a_named_position_gets_its_units_and_duties_for_the_notice_that_has_it(vacancies):
    answer = compose("sub_sections", Question(vacancies, NOW, text="what would I do in the MCB East position?"))
    assert answer.text.startswith("What the notice says of it:\nMilitary Cooperation Branch (MCB)")
    assert "Support GEO action officer on related matters, as required." in answer.text
    assert "P&P" not in answer.text and {c.requisition for c in answer.citations} == {"250770"}


def test_a_proper_name_of_the_notice_finds_the_sentence_that_has_it(vacancies):
    answer = compose("sub_sections", Question(vacancies, NOW, text="what is the Partnership Staff Post programme?"))
    assert "Partnership Staff Post (PSP) Programme" in answer.text
    assert answer.text.count("- “") == 1


def test_without_a_named_part_the_sections_and_positions_are_listed(vacancies):
    answer = compose("sub_sections", Question(vacancies, NOW, text="which sections are there?"))
    assert "The notice describes: CS Division, Cooperation Policy and Plans Branch (CPPB), Policy & Programmes " \
           "(P&P) section, Military Cooperation Branch (MCB) and EAST section." in answer.text
    assert "Positions with duties of their own: “The intern selected for the P&P section will potentially:”" in answer.text
    assert "The notice describes: Knowledge Management (KM) Team." in answer.text


def test_the_vacancies_side_by_side_name_what_differs_and_what_is_the_same(vacancies):
    answer = compose("vacancy_difference", Question(vacancies, NOW))
    assert "Division:\n- 250770 (International Military Staff, Cooperative Security Division): Cooperative Security " \
           "Division\n- 250775" in answer.text
    assert "The notices state the same schedule, weekly hours, duration in months, start periods, stipend, deadline, " \
           "essential criteria, desirable criteria, competencies and documents to attach." in answer.text
    assert "Microsoft SharePoint development" in answer.text  # what KM interns will gain, quoted
    assert {c.requisition for c in answer.citations} == {"250770", "250775"}
    one = compose("vacancy_difference", Question(only(vacancies, "250775"), NOW))
    assert one.text.startswith("There is only one vacancy") and one.citations == ()


@pytest.mark.parametrize("question, expected", [
    ("do I need JavaScript?", "The notice does not ask for JavaScript: no essential or desirable criterion mentions "
                              "it. On the same subject it counts as an advantage: “be an advance user of IT tools "
                              "including Microsoft Office, SharePoint”."),
    ("is Microsoft Office required?", "No essential criterion asks for Microsoft Office; the notice counts it as an "
                                      "advantage: “be an advance user of IT tools including Microsoft Office, SharePoint”."),
    ("is Excel needed?", "The notice does not name Excel; it names Microsoft Office. No essential criterion asks for "
                         "Microsoft Office"),
    ("do I need work experience?", "No essential criterion asks for work experience; the notice counts it as an "
                                   "advantage: “previous experience with other international organizations"),
    ("do I need Photoshop?", "The notice does not ask for Photoshop: no essential or desirable criterion mentions it. "
                             "What it counts as an advantage: “have a Bachelor's degree"),
])
def test_a_skill_is_answered_from_the_criteria_that_mention_it_or_said_absent(vacancies, question, expected):
    answer = compose("skill", Question(only(vacancies, "250770"), NOW, skill=asked_skill(question), text=question))
    assert answer.text.startswith(expected)
    assert answer.citations and all(c.section in ("Essential", "Desirable") for c in answer.citations)


def test_a_skill_the_duties_mention_is_quoted_from_them(vacancies):
    answer = compose("skill", Question(only(vacancies, "250775"), NOW, skill=asked_skill("do I need JavaScript?")))
    assert answer.text.endswith("The duties mention JavaScript: “Assist with the development of custom SharePoint web "
                                "pages using HTML, CSS and JavaScript”.")
    assert "How the daily work will look like?" in {c.section for c in answer.citations}


def test_a_question_naming_no_skill_gets_the_criteria():
    assert asked_skill("is it paid?") is None and asked_skill("do I need French?") is None
    assert asked_skill("I worked at the OSCE for a year, does it help?").name == "work experience"


def test_a_joined_question_finds_the_notice_topics_by_their_unambiguous_words():
    from actions.answers.question_topics import further_topics

    assert further_topics("what's the stipend, and is there training for interns?", "stipend") == ["training"]
    assert further_topics("when is the deadline and what is HYDI?", "deadline") == ["training"]
    assert further_topics("does vocational training count as equivalent education, and the deadline?", "deadline") == []


def test_a_part_no_notice_mentions_is_said_so_before_what_they_describe(vacancies):
    answer = compose("sub_sections", Question(vacancies, NOW, text="what is the NSPA liaison office?"))
    assert answer.text.startswith("The notices do not mention NSPA. What they describe:\n250770")
