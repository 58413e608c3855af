"""The eligibility self-check: one question per essential criterion, each answer checked and sourced.

Pure functions over the vacancies' stored criteria and the rules in actions.eligibility. The report never
says the person will be selected: the Internship Office assesses eligibility from the documents it names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, Dict, List, Optional, Sequence

from actions.answer_format import Answer, Citation, bullet_list, cite
from actions.answers import essential_criterion
from actions.eligibility import (CriterionCheck, check_age, check_language, check_nationality, check_studies,
                                 states_own_nationality)
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
# A message states a fact about the person ("I'm 19", "I graduated in 2023", "Swedish here"), not only asks.
_PERSONAL = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|my|me|mine|myself)\b|\bhere\b", re.IGNORECASE)


@dataclass(frozen=True)
class CriterionResult:
    check: CriterionCheck
    citations: tuple


def minimum_age(vacancies: Sequence[Vacancy]) -> Optional[int]:
    """The minimum age the vacancies' criterion states ("be at least 21 years old")."""
    ages = {int(m.group(1)) for v in vacancies
            for f in [essential_criterion(v, "age")] if f
            for m in [re.search(r"(\d+)\s*years", f.value)] if m}
    return max(ages) if ages else None


def run_check(criterion: str, answer: str, vacancies: Sequence[Vacancy], today: date) -> CriterionResult:
    """Check one answer against one criterion, with the criterion's source in each vacancy."""
    checks: Dict[str, Callable[[], CriterionCheck]] = {
        "nationality": lambda: check_nationality(answer, today),
        "age": lambda: check_age(answer, today, minimum_age(vacancies) or 21),
        "studies": lambda: check_studies(answer, today),
        "language": lambda: check_language(answer),
    }
    citations = tuple(dict.fromkeys(cite(v, f) for v in vacancies for f in [essential_criterion(v, criterion)] if f))
    return CriterionResult(checks[criterion](), citations)


def personal_verdict(criterion: str, text: str, vacancies: Sequence[Vacancy], today: date) -> Optional[str]:
    """What the criterion means for the person, when the message says something about them that the rules can
    read ("I graduated two years ago" is read, though it leaves the criterion open); else None."""
    if not _PERSONAL.search(text):
        return None
    check = run_check(criterion, text, vacancies, today).check
    return check.explanation if check.understood else None


def stated_criteria(text: str, today: date) -> List[str]:
    """The criteria a message says something about the person for ("I'm 22 and a master's student, can I
    apply?" names age and studies), in the criteria's order, so that each one gets its verdict."""
    if not _PERSONAL.search(text):
        return []
    reads = {
        "nationality": lambda: states_own_nationality(text, today),
        "age": lambda: check_age(text, today).understood,
        "studies": lambda: check_studies(text, today).understood,
        "language": lambda: check_language(text).understood,
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


def report(answers: Dict[str, Optional[str]], vacancies: Sequence[Vacancy], today: date) -> Answer:
    """The result of the check: each criterion with the answer, met / not met / unclear, and its source."""
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
    proof = [f.value for f in (vacancies[0].facts_for("documents") if vacancies else [])]
    documents = [cite(vacancies[0], f) for f in vacancies[0].facts_for("documents")] if vacancies else []
    closing = (
        "This is not a decision: the Internship Office assesses eligibility, and nobody is selected or accepted "
        "through this check."
    )
    if proof:
        closing += f" To let the office assess your eligibility, the notice asks you to attach:\n{bullet_list(proof)}"
    text = "\n".join([f"Your eligibility check for {_names(vacancies)}:", bullet_list(lines), summary, closing])
    return Answer(text, tuple(dict.fromkeys(citations + documents)), "eligibility_check", quoted_inline=True)


def _names(vacancies: Sequence[Vacancy]) -> str:
    return " and ".join(f"vacancy {v.requisition}" for v in vacancies)
