"""The eligibility self-check: one question per essential criterion, each answer checked and sourced.

Pure functions over the vacancies' stored criteria and the rules in actions.eligibility. The report never
says the person will be selected: the Internship Office assesses eligibility from the documents it names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from actions.answer_format import Answer, Citation, bullet_list, cite
from actions.answers import essential_criterion
from actions.clock import in_brussels
from actions.eligibility import (UNCLEAR, CriterionCheck, check_age, check_language, check_nationality, check_studies,
                                 join_words, long_date, states_own_nationality, without_requirement_questions)
from actions.vacancy_db.models import Vacancy

CRITERIA = ("nationality", "age", "studies", "language")
SLOT_OF = {criterion: f"answer_{criterion}" for criterion in CRITERIA}
EXAMPLES = {
    "nationality": "for example “Belgian”, “the Netherlands”, or “Polish and Canadian”",
    "age": "for example “23” or a date of birth such as “14/05/2003”",
    "studies": "for example “I'm a master's student”, “I completed two years of a bachelor's” or “I graduated in June 2025”",
    "language": "for example “fluent English” or “French, C1”",
}
STATUS_WORDS = {"met": "met", "not_met": "not met", "unclear": "unclear"}
# "is Sweden in NATO?", "is Ukraine a NATO member?": whether a country is a member state, asked of the criterion.
_MEMBERSHIP_QUESTION = re.compile(
    r"\b(?:in|of|part\s+of|member(?:\s+state)?s?\s+of|belong\w*\s+to)\s+(?:the\s+)?nato\b"
    r"|\bnato\s+(?:member|country|ally|state)", re.IGNORECASE)
# A message states a fact about the person ("I'm 19", "I graduated in 2023", "Swedish here"), not only asks.
_PERSONAL = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|my|me|mine|myself)\b|\bhere\b", re.IGNORECASE)


@dataclass(frozen=True)
class CriterionResult:
    check: CriterionCheck
    citations: tuple


@dataclass(frozen=True)
class NoticeCriteria:
    """The values the rules apply, as the vacancies' notices state them (stored typed at import); for several
    vacancies the strictest of them, so that "met" holds for each. None (or no language): no notice states it."""

    minimum_age: Optional[int]
    recent_graduate_months: Optional[int]
    minimum_study_years: Optional[int]
    official_languages: Tuple[str, ...]

    @classmethod
    def of(cls, vacancies: Sequence[Vacancy]) -> "NoticeCriteria":
        def stated(name: str) -> List[int]:
            return [getattr(v, name) for v in vacancies if getattr(v, name) is not None]

        languages = [tuple(v.official_languages) for v in vacancies if v.official_languages]
        common = tuple(language for language in languages[0] if all(language in other for other in languages)) \
            if languages else ()
        return cls(max(stated("minimum_age"), default=None), min(stated("recent_graduate_months"), default=None),
                   max(stated("minimum_study_years"), default=None), common)


def run_check(criterion: str, answer: str, vacancies: Sequence[Vacancy], today: date,
              asked: bool = True) -> CriterionResult:
    """Check one answer against one criterion as the vacancies' notices state it, with the criterion's source in
    each vacancy. Asked, the answer is the reply to that criterion's question (a bare "English" answers the
    language question); else free text."""
    rules = NoticeCriteria.of(vacancies)
    checks: Dict[str, Callable[[], CriterionCheck]] = {
        "nationality": lambda: check_nationality(answer, today),
        "age": lambda: check_age(answer, today, rules.minimum_age),
        "studies": lambda: check_studies(answer, today, rules.recent_graduate_months, rules.minimum_study_years),
        "language": lambda: check_language(answer, rules.official_languages, asked),
    }
    citations = tuple(dict.fromkeys(cite(v, f) for v in vacancies for f in [essential_criterion(v, criterion)] if f))
    return CriterionResult(checks[criterion](), citations)


def personal_verdict(criterion: str, text: str, vacancies: Sequence[Vacancy], today: date) -> Optional[str]:
    """What the criterion means for the person, when the message says something about them that the rules can
    read ("I graduated two years ago" is read, though it leaves the criterion open); else None. A question about
    the requirement ("do I need a master's degree?") says nothing about them."""
    if criterion == "nationality" and _MEMBERSHIP_QUESTION.search(text):  # "is Ukraine a NATO member?"
        check = check_nationality(text, today)
        return check.explanation if check.understood else None
    statement = without_requirement_questions(text)
    if not _PERSONAL.search(statement):
        return None
    check = run_check(criterion, statement, vacancies, today, asked=False).check
    return check.explanation if check.understood else None


def stated_criteria(text: str, today: date, answering: bool = False) -> List[str]:
    """The criteria a message says something about the person for ("I'm 22 and a master's student, can I
    apply?" names age and studies), in the criteria's order, so that each one gets its verdict. Answering a
    question of the self-check, the message needs no first person: "Romanian, 23, law student, fluent French"
    states all four."""
    statement = without_requirement_questions(text)
    if not answering and not _PERSONAL.search(statement):
        return []
    # Whether the message says something on each criterion, whatever value a notice gives it: no value is applied.
    reads = {
        "nationality": lambda: (check_nationality(statement, today).status != UNCLEAR if answering
                                else states_own_nationality(statement, today)),
        "age": lambda: check_age(statement, today, None).understood,
        "studies": lambda: check_studies(statement, today, None, None).understood,
        "language": lambda: check_language(statement, (), asked=False).understood,
    }
    return [criterion for criterion in CRITERIA if reads[criterion]()]


def criterion_text(result: CriterionResult) -> str:
    """The criterion's words as quoted in a sentence (without the list's trailing comma)."""
    return result.citations[0].quote.rstrip(",;") if result.citations else result.check.criterion


def failed_criterion_message(result: CriterionResult) -> Answer:
    """Said at once when an answer fails a criterion, with an offer to stop or go on."""
    quote = criterion_text(result)
    text = (
        f"{result.check.explanation} That does not meet the essential criterion “{quote}”.\n"
        "You can say “stop” to end the check, or answer the next question to go on."
    )
    return Answer(text, result.citations, "eligibility_check", quoted_inline=True)


def unclear_answer_message(criterion: str, result: CriterionResult) -> str:
    return f"{result.check.explanation} Could you answer again, {EXAMPLES[criterion]}?"


def kept_unclear_message(result: CriterionResult) -> str:
    """Said when an unclear answer is kept: asked again already, or no other answer could settle it."""
    return f"{result.check.explanation} I'll note this criterion as unclear and go on."


def report(answers: Dict[str, Optional[str]], vacancies: Sequence[Vacancy], today: date,
           now: Optional[datetime] = None) -> Answer:
    """The result of the check: each criterion with the answer, met / not met / unclear, and its source; given
    the current instant, which vacancies no longer take applications."""
    lines: List[str] = []
    citations: List[Citation] = []
    statuses = []
    for criterion in CRITERIA:
        answer = answers.get(criterion)
        if answer is None:
            continue
        result = run_check(criterion, answer, vacancies, today)
        statuses.append(result.check.status)
        quote = criterion_text(result)
        lines.append(f"{criterion.capitalize()}: “{result.check.answer}” — {STATUS_WORDS[result.check.status]}. "
                     f"{result.check.explanation} (criterion: “{quote}”)")
        citations.extend(result.citations)
    if "not_met" in statuses:
        summary = "From your answers, at least one essential criterion is not met."
    elif "unclear" in statuses or len(statuses) < len(CRITERIA):
        summary = "From your answers, some criteria could not be settled here."
    else:
        summary = "From your answers, you appear to meet the four essential criteria."
    closed, deadlines = _closed(vacancies, now) if now else ([], [])
    proof, documents = _documents(vacancies)
    closing = (
        "This is not a decision: the Internship Office assesses eligibility, and nobody is selected or accepted "
        "through this check." + proof
    )
    text = "\n".join([f"Your eligibility check for {_names(vacancies)}:", bullet_list(lines), summary, *closed,
                      closing])
    return Answer(text, tuple(dict.fromkeys(citations + deadlines + documents)), "eligibility_check",
                  quoted_inline=True)


def _closed(vacancies: Sequence[Vacancy], now: datetime) -> Tuple[List[str], List[Citation]]:
    """A sentence per deadline day that has passed, naming the vacancies it closed, with their deadline facts."""
    passed = [v for v in vacancies if now > v.deadline]
    by_day: Dict[date, List[Vacancy]] = {}
    for vacancy in passed:
        by_day.setdefault(in_brussels(vacancy.deadline).date(), []).append(vacancy)
    sentences = []
    for day, shut in by_day.items():
        deadline, closed = ("deadline", "it no longer takes") if len(shut) == 1 else ("deadlines", "they no longer take")
        sentences.append(f"The application {deadline} of {_names(shut)} passed on {long_date(day)}, so {closed} "
                         "applications.")
    return sentences, [cite(v, f) for v in passed for f in [v.fact("deadline")] if f]


def _documents(vacancies: Sequence[Vacancy]) -> Tuple[str, List[Citation]]:
    """What the notices ask to attach, listed once where they agree and else per vacancy, cited in every notice
    that lists it."""
    listing = [(v, v.facts_for("documents")) for v in vacancies if v.facts_for("documents")]
    if not listing:
        return "", []
    citations = [cite(v, f) for v, facts in listing for f in facts]
    lists = list(dict.fromkeys(tuple(f.value for f in facts) for _, facts in listing))
    who = "the notice asks" if len(listing) == 1 else "the notices ask"
    if len(lists) == 1:
        items = list(lists[0])
    else:
        items = [f"for vacancy {v.requisition}: {'; '.join(f.value for f in facts)}" for v, facts in listing]
    return f" To let the office assess your eligibility, {who} you to attach:\n{bullet_list(items)}", citations


def _names(vacancies: Sequence[Vacancy]) -> str:
    return join_words([f"vacancy {v.requisition}" for v in vacancies])
