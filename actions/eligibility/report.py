"""The eligibility self-check: one question per essential criterion, each answer checked and sourced.

Pure functions over the vacancies' stored criteria and the rules in actions.eligibility.criteria. The report never
says the person will be selected: the Internship Office assesses eligibility from the documents it names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from actions.answers.formatting import Answer, Citation, bullet_list, cite, quoted
from actions.answers.messages import and_list, day_of_year, msg
from actions.answers.composers import essential_criterion
from actions.clock import in_brussels
from actions.eligibility.criteria import (CRITERIA, SPEAKS_OF_ONESELF, CriterionCheck, check_age, check_language, check_nationality, check_studies,
                                 without_requirement_questions)
from actions.understanding.countries import find_country_mentions
from actions.understanding.french_reading import english_reading
from actions.vacancy_db.models import Vacancy

SLOT_OF = {criterion: f"answer_{criterion}" for criterion in CRITERIA}
# Message ids: the example given when an answer is asked again, the criterion's name, the status's words.
EXAMPLES = {"nationality": "eligibility.example.nationality", "age": "eligibility.example.age",
            "studies": "eligibility.example.studies", "language": "eligibility.example.language"}
NAMES = {"nationality": "eligibility.criterion.nationality", "age": "eligibility.criterion.age",
         "studies": "eligibility.criterion.studies", "language": "eligibility.criterion.language"}
STATUS_WORDS = {"met": "eligibility.status.met", "not_met": "eligibility.status.not_met",
                "unclear": "eligibility.status.unclear"}
# "is Sweden in NATO?", "is Ukraine a NATO member?", "la Suède est-elle membre de l'OTAN ?": whether a country is a
# member state, asked of the criterion.
_MEMBERSHIP_QUESTION = re.compile(
    r"\b(?:in|of|part\s+of|member(?:\s+state)?s?\s+of|belong\w*\s+to)\s+(?:the\s+)?nato\b"
    r"|\bnato\s+(?:member|country|ally|state)"
    r"|\b(?:dans|de|membre|partie|appartient|appartenir)\s+(?:de\s+)?l['’]otan\b", re.IGNORECASE)
# "what about Ukraine?", "and for Sweden?", "et la Suède ?": a country named alone, after the nationality criterion,
# asks the same of that country.
_CONTINUING_OPENING = re.compile(r"^\W*(?:(?:and|et)\s+)?(?:(?:what|how)\s+about\s+|quid\s+de\s+|also\s+|aussi\s+)?"
                                 r"(?:(?:for|pour)\s+)?(?:(?:the|la|le|les)\s+|l['’])?", re.IGNORECASE)
LONGEST_COUNTRY_NAME = 60  # characters: a longer message is not a country's name alone


def names_only_a_country(text: str) -> bool:
    """The message is a country's name, with at most an opening that continues the last question."""
    name = _CONTINUING_OPENING.sub("", text, count=1).rstrip(" ?!.")
    if not name or len(name) > LONGEST_COUNTRY_NAME:
        return False
    mentions = find_country_mentions(name)
    return len(mentions) == 1 and (mentions[0].start, mentions[0].end) == (0, len(name))


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
    def of(cls, vacancies: Sequence[Vacancy]) -> NoticeCriteria:
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
    the requirement ("do I need a master's degree?") says nothing about them. French is read by the same rules
    ("j'ai 19 ans" is "I am 19 years old"). Whether a country is a member state is answered when asked ("is
    Ukraine a NATO member?") and when the country is named alone ("what about Ukraine?")."""
    text = english_reading(text)
    if criterion == "nationality" and (_MEMBERSHIP_QUESTION.search(text) or names_only_a_country(text)):
        check = check_nationality(text, today)
        return check.explanation if check.understood else None
    statement = without_requirement_questions(text)
    if not SPEAKS_OF_ONESELF.search(statement):
        return None
    check = run_check(criterion, statement, vacancies, today, asked=False).check
    return check.explanation if check.understood else None


def criterion_text(result: CriterionResult) -> str:
    """The criterion's words as quoted in a sentence (without the list's trailing comma)."""
    return result.citations[0].quote.rstrip(",;") if result.citations else result.check.criterion


def failed_criterion_message(result: CriterionResult) -> Answer:
    """Said at once when an answer fails a criterion, with an offer to stop or go on."""
    quote = criterion_text(result)
    text = "\n".join([msg("eligibility.not_met", explanation=result.check.explanation, criterion=quoted(quote)),
                      msg("eligibility.stop_or_go_on")])
    return Answer(text, result.citations, "eligibility_check", quoted_inline=True)


def unclear_answer_message(criterion: str, result: CriterionResult) -> str:
    return msg("eligibility.answer_again", explanation=result.check.explanation, example=msg(EXAMPLES[criterion]))


def kept_unclear_message(result: CriterionResult) -> str:
    """Said when an unclear answer is kept: asked again already, or no other answer could settle it."""
    return msg("eligibility.kept_unclear", explanation=result.check.explanation)


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
        understood = answer.strip() if result.check.answer is None else result.check.answer  # else as written
        lines.append(msg("eligibility.report_line", criterion=msg(NAMES[criterion]), answer=quoted(understood),
                         status=msg(STATUS_WORDS[result.check.status]), explanation=result.check.explanation,
                         quote=quoted(quote)))
        citations.extend(result.citations)
    if "not_met" in statuses:
        summary = msg("eligibility.summary.not_met")
    elif "unclear" in statuses or len(statuses) < len(CRITERIA):
        summary = msg("eligibility.summary.unsettled")
    else:
        summary = msg("eligibility.summary.met")
    closed, deadlines = _closed(vacancies, now) if now else ([], [])
    proof, documents = _documents(vacancies)
    closing = msg("eligibility.not_a_decision") + proof
    text = "\n".join([msg("eligibility.report_title", vacancies=_names(vacancies)), bullet_list(lines), summary,
                      *closed, closing])
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
        passed_on = "eligibility.deadline_passed.one" if len(shut) == 1 else "eligibility.deadline_passed.several"
        sentences.append(msg(passed_on, vacancies=_names(shut), day=day_of_year(day)))
    return sentences, [cite(v, f) for v in passed for f in [v.fact("deadline")] if f]


def _documents(vacancies: Sequence[Vacancy]) -> Tuple[str, List[Citation]]:
    """What the notices ask to attach, listed once where they agree and else per vacancy, cited in every notice
    that lists it."""
    listing = [(v, v.facts_for("documents")) for v in vacancies if v.facts_for("documents")]
    if not listing:
        return "", []
    citations = [cite(v, f) for v, facts in listing for f in facts]
    lists = list(dict.fromkeys(tuple(f.value for f in facts) for _, facts in listing))
    lead_in = "eligibility.documents.one_notice" if len(listing) == 1 else "eligibility.documents.several_notices"
    if len(lists) == 1:
        items = list(lists[0])
    else:
        items = [msg("eligibility.documents.for_vacancy", vacancy=v.requisition, documents="; ".join(f.value for f in facts))
                 for v, facts in listing]
    return f" {msg(lead_in)}\n{bullet_list(items)}", citations


def _names(vacancies: Sequence[Vacancy]) -> str:
    return and_list([msg("vacancy.named", vacancy=v.requisition) for v in vacancies])
