"""Answer composers: stored vacancy facts in, a sourced plain-text answer out. No Rasa, no I/O.

One composer per topic of the notice. Each states what the database holds for the vacancies in question
and cites the sentence it comes from; where the vacancies agree the answer is given once with every
vacancy cited, where they differ each vacancy gets its own line, and where a notice is silent the answer
says so instead of guessing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from actions.answer_format import (
    Answer,
    bullet_list,
    cite,
    describe_interval,
    format_instant,
    vacancy_label,
)
from actions.timezones import Zone
from actions.timezones import format_instant as format_in_zone
from actions.vacancy_db.models import Fact, Vacancy

CURRENCY_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}
BASIS_WORDS = {"monthly": "per month", "weekly": "per week", "annual": "per year", "yearly": "per year"}
# What a reply can offer when the notice holds no answer.
LOCAL_TIME_HINT = "Tell me your city or time zone (for example “in Ottawa” or “America/New_York”) and I'll convert the time."
ASK_MORE = ("Ask me about its eligibility criteria, duties, competencies, documents, telework or anything else the "
            "notice says.")
ANSWERABLE = (
    "eligibility criteria, stipend, telework, documents to attach, the deadline, the info-session webinar, "
    "start dates, duration and hours, location, duties, competencies, and how many vacancies you may apply to"
)

Statement = Tuple[str, List[Fact]]


@dataclass(frozen=True)
class Question:
    """What a composer needs: the vacancies asked about, the current instant, and optionally a time zone."""

    vacancies: Sequence[Vacancy]
    now: datetime
    zone: Optional[Zone] = None  # the asker's time zone, when they named one
    wants_local_time: bool = False  # asked "in my time zone" without naming one


def _each(question: Question, topic: str, describe: Callable[[Vacancy], Optional[Statement]], missing: str,
          quoted_inline: bool = False, preface: str = "") -> Answer:
    """Answer once where every vacancy says the same, else once per vacancy; name the notices that are silent."""
    stated = [(v, describe(v)) for v in question.vacancies]
    known = [(v, s) for v, s in stated if s is not None]
    silent = [v for v, s in stated if s is None]
    lines = [preface] if preface else []
    if len({_fold(s[0]) for _, s in known}) == 1:
        lines.append(known[0][1][0])
    else:
        for vacancy, (text, _) in known:
            separator = ":\n" if "\n" in text else ": "
            lines.append(f"{vacancy_label(vacancy)}{separator}{text}")
    if silent and not known:
        lines.append(f"The vacancy notice does not state {missing}, so I cannot tell you. I can answer about {ANSWERABLE}.")
    else:
        lines.extend(f"The notice of vacancy {vacancy_label(v)} does not state {missing}." for v in silent)
    citations = tuple(dict.fromkeys(cite(v, f) for v, (_, facts) in known for f in facts))
    return Answer("\n".join(lines), citations, topic, quoted_inline)


def _fold(text: str) -> str:
    """Text compared for sameness: notices differ in typographic apostrophes only ("Master’s", "Master's")."""
    return text.replace("’", "'").replace("‘", "'")


def _quote(field: str, lead_in: str, label: Optional[str] = None) -> Callable[[Vacancy], Optional[Statement]]:
    """A statement that quotes one stored fact (a policy paragraph when `label` names it)."""

    def describe(vacancy: Vacancy) -> Optional[Statement]:
        facts = [f for f in vacancy.facts_for(field) if label is None or f.label == label]
        return (f"{lead_in} “{facts[0].value}”", facts[:1]) if facts else None

    return describe


def _listing(field: str, lead_in: str) -> Callable[[Vacancy], Optional[Statement]]:
    def describe(vacancy: Vacancy) -> Optional[Statement]:
        facts = vacancy.facts_for(field)
        items = [f"{f.label}: {f.value}" if f.label else f.value for f in facts]
        return (f"{lead_in}\n{bullet_list(items)}", facts) if facts else None

    return describe


def _typed(field: str, render: Callable[[Vacancy], Optional[str]]) -> Callable[[Vacancy], Optional[Statement]]:
    """A statement built from a typed column, citing the fact it was read from."""

    def describe(vacancy: Vacancy) -> Optional[Statement]:
        fact = vacancy.fact(field)
        text = render(vacancy)
        return (text, [fact]) if text and fact else None

    return describe


def stipend_words(vacancy: Vacancy) -> Optional[str]:
    """ "€1,286.09 (EUR) per month", or None when the notice states no stipend."""
    if vacancy.stipend_amount is None:
        return None
    symbol = CURRENCY_SYMBOLS.get(vacancy.stipend_currency or "", "")
    basis = BASIS_WORDS.get(vacancy.stipend_basis or "", f"({vacancy.stipend_basis})" if vacancy.stipend_basis else "")
    return f"{symbol}{vacancy.stipend_amount:,.2f} ({vacancy.stipend_currency}) {basis}".rstrip()


def stipend(question: Question) -> Answer:
    def render(v: Vacancy) -> Optional[str]:
        words = stipend_words(v)
        return f"The stipend is {words}." if words else None

    return _each(question, "stipend", _typed("stipend", render), "a stipend")


def deadline_status(vacancy: Vacancy, now: datetime) -> str:
    """ "closed 1 year and 5 months ago" or "open, 2 days and 3 hours left"."""
    if now > vacancy.deadline:
        return f"closed {describe_interval(vacancy.deadline, now)} ago"
    return f"open, {describe_interval(now, vacancy.deadline)} left"


def overview(question: Question) -> Answer:
    """Each vacancy at a glance ("tell me about 250770"): its key facts, each cited, and what else to ask."""
    blocks: List[str] = []
    facts: List[Tuple[Vacancy, Fact]] = []
    for v in question.vacancies:
        starts = " or ".join(f.value for f in v.facts_for("start_periods"))
        glance = [
            ("Location", "location", v.location),
            ("Schedule", "schedule", v.schedule),
            ("Hours", "hours", v.hours_per_week and f"{v.hours_per_week} a week"),
            ("Duration", "duration", v.duration_months and f"{v.duration_months} months"),
            ("Starts", "start_periods", starts),
            ("Stipend", "stipend", stipend_words(v)),
            ("Deadline", "deadline", f"{format_instant(v.deadline)} ({deadline_status(v, question.now)})"),
        ]
        stated = [(label, v.fact(field), value) for label, field, value in glance if value and v.fact(field)]
        blocks.append(f"{vacancy_label(v)}\n" + bullet_list([f"{label}: {value}" for label, _, value in stated]))
        facts.extend((v, fact) for _, fact, _ in stated)
    citations = tuple(dict.fromkeys(cite(v, f) for v, f in facts))
    return Answer("\n".join([*blocks, ASK_MORE]), citations, "overview")


def how_to_apply(question: Question) -> Answer:
    """What the notice says about applying. It gives no step-by-step procedure, so the answer quotes the
    sentences that bear on it: deadline, how many vacancies, documents, accuracy, no update, the website."""

    def describe(v: Vacancy) -> Optional[Statement]:
        deadline_fact = v.fact("deadline")
        lines: List[str] = []
        facts: List[Fact] = []
        if deadline_fact:
            lines.append(f"“{deadline_fact.value}” ({deadline_status(v, question.now)})")
            facts.append(deadline_fact)
        for fact in [*v.facts_for("max_applications")[:1], *_policies(v, "accuracy", "no_update", "website")]:
            lines.append(f"“{fact.value}”")
            facts.append(fact)
        documents = v.facts_for("documents")
        if documents:
            lines.insert(min(2, len(lines)), "Attach: " + " ".join(f"“{f.value}”" for f in documents))
            facts.extend(documents)
        if not lines:
            return None
        return f"The notice does not set out the application steps; this is what it says about applying:\n{bullet_list(lines)}", facts

    return _each(question, "how_to_apply", describe, "how to apply", quoted_inline=True)


def uncovered_topic(question: Question) -> Answer:
    """A question the notice does not answer (housing, visas, insurance): say so, and quote where the notice
    sends applicants for more, since the office takes no telephone or e-mail enquiries."""

    def describe(v: Vacancy) -> Optional[Statement]:
        facts = _policies(v, "website", "no_enquiries")
        return (" ".join(f"“{f.value}”" for f in facts), facts) if facts else None

    answer = _each(question, "uncovered_topic", describe, "anything on that", quoted_inline=True,
                   preface="The vacancy notice does not cover that, so I can't answer it. What it says about further information:")
    return replace(answer, text=f"{answer.text}\nFrom the notice I can tell you about {ANSWERABLE}.")


def _policies(vacancy: Vacancy, *labels: str) -> List[Fact]:
    """The vacancy's policy paragraphs with these labels, in the order asked."""
    by_label = {f.label: f for f in vacancy.facts_for("policies")}
    return [by_label[label] for label in labels if label in by_label]


def deadline(question: Question) -> Answer:
    now = question.now

    def render(v: Vacancy) -> str:
        status = (
            f"It passed {describe_interval(v.deadline, now)} ago, so this vacancy no longer takes applications."
            if now > v.deadline
            else f"Time left to apply: {describe_interval(now, v.deadline)}."
        )
        local = ""
        if question.zone is not None:
            local = f" In {question.zone.label}, that is {format_in_zone(v.deadline, question.zone)}."
        return f"The application deadline is {format_instant(v.deadline)}.{local} {status}"

    preface = ""
    if all(now > v.deadline for v in question.vacancies):
        preface = ("All the vacancies I know of are closed: their application deadlines have passed."
                   if len(question.vacancies) > 1 else "This vacancy is closed: its application deadline has passed.")
    return _with_local_time_hint(question, _each(question, "deadline", _typed("deadline", render), "a deadline", preface=preface))


def _with_local_time_hint(question: Question, answer: Answer) -> Answer:
    if not question.wants_local_time or question.zone is not None:
        return answer
    return replace(answer, text=f"{answer.text}\n{LOCAL_TIME_HINT}")


def webinar(question: Question) -> Answer:
    now = question.now

    def describe(v: Vacancy) -> Optional[Statement]:
        fact = v.fact("webinar")
        if v.webinar_at is None or fact is None:
            return None
        when = format_instant(v.webinar_at)
        if question.zone is not None:
            when += f" ({format_in_zone(v.webinar_at, question.zone)} in {question.zone.label})"
        if now > v.webinar_at:
            text = f"The info-session webinar took place on {when}, {describe_interval(v.webinar_at, now)} ago."
        else:
            text = f"The info-session webinar is on {when}, in {describe_interval(now, v.webinar_at)}."
        facts = [fact]
        link = v.fact("webinar_url")
        if link:
            text += f" Registration link: {link.value}"
            facts.append(link)
        return text, facts

    return _with_local_time_hint(question, _each(question, "webinar", describe, "an info-session webinar"))


def start_dates(question: Question) -> Answer:
    def describe(v: Vacancy) -> Optional[Statement]:
        facts = v.facts_for("start_periods")
        periods = " or ".join(f.value for f in facts)
        return (f"The internship starts in {periods}.", facts) if facts else None

    return _each(question, "start_date", describe, "a start date")


def list_vacancies(question: Question) -> Answer:
    lines = []
    for v in question.vacancies:
        state = "closed" if question.now > v.deadline else "open"
        lines.append(f"{vacancy_label(v)}: apply until {format_instant(v.deadline)} ({state})")
    text = f"I know of {len(lines)} vacancies:\n{bullet_list(lines)}" if lines else "No vacancy has been imported yet."
    return Answer(text, tuple(cite(v, v.fact("title")) for v in question.vacancies if v.fact("title")), "list_vacancies")


def _stated(column: str, fact_field: str, template: str, missing: str) -> Callable[[Question], Answer]:
    """Composers for one stated value (duration, hours, schedule, grade...) read from a typed column."""

    def compose(question: Question) -> Answer:
        def render(v: Vacancy) -> Optional[str]:
            value = getattr(v, column)
            return None if value is None else template.format(value=value)

        return _each(question, fact_field, _typed(fact_field, render), missing)

    return compose


def documents(question: Question) -> Answer:
    def describe(v: Vacancy) -> Optional[Statement]:
        items = v.facts_for("documents")
        if not items:
            return None
        parts = [f"To let the office assess your eligibility, the notice asks you to attach:\n{bullet_list([f.value for f in items])}"]
        facts = list(items)
        for field, label in (("document_language", None), ("policies", "no_update")):
            extra = [f for f in v.facts_for(field) if label is None or f.label == label]
            if extra:
                parts.append(f"“{extra[0].value}”")
                facts.append(extra[0])
        return "\n".join(parts), facts

    return _each(question, "documents", describe, "which documents to attach", quoted_inline=True)


# Topics answered by quoting the notice, with the lead-in that frames the quote.
QUOTED_TOPICS: Dict[str, Tuple[str, str, Optional[str], str]] = {
    # topic: (fact field, lead-in, policy label, what is missing)
    "telework": ("telework", "On telework, the notice says:", None, "anything about telework"),
    "travel_reimbursement": ("travel_reimbursement", "Yes, the notice mentions a travel reimbursement:", None, "a travel reimbursement"),
    "document_language": ("document_language", "On the language of the documents, the notice says:", None, "a language for the documents"),
    "application_update": ("policies", "No. The notice says:", "no_update", "whether an application can be updated"),
    "accommodation": ("policies", "Yes. On reasonable accommodation, the notice says:", "accommodation", "anything about reasonable accommodation"),
    "candidate_pool": ("policies", "On the pool of candidates, the notice says:", "candidate_pool", "anything about a pool of candidates"),
    "contact": ("policies", "The office cannot take telephone or e-mail enquiries, which is why this assistant answers from the notice. The notice says:", "no_enquiries", "how to contact the office"),
    "ai_policy": ("policies", "No generative AI. The notice says:", "generative_ai", "a policy on AI tools"),
}
LISTED_TOPICS: Dict[str, Tuple[str, str, str]] = {
    "eligibility": ("essential_criteria", "The essential criteria. The candidate must:", "eligibility criteria"),
    "desirable_criteria": ("desirable_criteria", "These criteria are considered an advantage:", "desirable criteria"),
    "competencies": ("competencies", "The candidate must demonstrate these competencies:", "competencies"),
}


def duties(question: Question) -> Answer:
    def describe(v: Vacancy) -> Optional[Statement]:
        facts = v.facts_for("duties")
        if not facts:
            return None
        groups: Dict[str, List[str]] = {}
        for fact in facts:
            groups.setdefault(fact.label or "The intern will:", []).append(fact.value)
        return "\n".join(f"{lead}\n{bullet_list(items)}" for lead, items in groups.items()), facts

    return _each(question, "duties", describe, "the intern's duties", quoted_inline=True)


# Which essential criterion decides a question about one requirement.
CRITERION_PATTERNS = {
    "nationality": r"\bnational(?:ity|s)?\s+of\b|\bnationality\b|\bcitizen",  # not "national administration"
    "age": r"years old|\bage\b",
    "studies": r"stud(?:ies|ent)|graduate|education|degree",
    "language": r"languages?\b|English|French",
}


def essential_criterion(vacancy: Vacancy, criterion: str) -> Optional[Fact]:
    """The essential criterion of a vacancy about nationality, age, studies or language."""
    pattern = re.compile(CRITERION_PATTERNS[criterion], re.IGNORECASE)
    return next((f for f in vacancy.facts_for("essential_criteria") if pattern.search(f.value)), None)


def related_desirable_criteria(vacancy: Vacancy, criterion: str) -> List[Fact]:
    """Desirable criteria on the same subject ("elementary knowledge of the second official NATO language"), so
    that "do I need French?" or "is a bachelor's required?" also hears what is an advantage and not required."""
    pattern = re.compile(CRITERION_PATTERNS[criterion], re.IGNORECASE)
    return [f for f in vacancy.facts_for("desirable_criteria") if pattern.search(f.value)]


def criterion(name: str, verdict: Optional[str] = None) -> Callable[[Question], Answer]:
    """The essential criterion on one requirement, preceded by the verdict on what the user said, if any, and
    followed by the desirable criteria on the same subject."""

    def describe(vacancy: Vacancy) -> Optional[Statement]:
        fact = essential_criterion(vacancy, name)
        if fact is None:
            return None
        lines = [f"The notice requires that the candidate must {fact.value.rstrip('.,;')}."]
        advantages = related_desirable_criteria(vacancy, name)
        if advantages:
            quoted = "; ".join(f"“{f.value.rstrip('.,;')}”" for f in advantages)
            lines.append(f"It lists as an advantage, not a requirement: {quoted}.")
        return " ".join(lines), [fact, *advantages]

    return lambda question: _each(question, f"{name}_requirement", describe, f"a {name} requirement",
                                  quoted_inline=True, preface=verdict or "")


def _quoted(topic: str) -> Callable[[Question], Answer]:
    field, lead_in, label, missing = QUOTED_TOPICS[topic]
    return lambda question: _each(question, topic, _quote(field, lead_in, label), missing, quoted_inline=True)


def _listed(topic: str) -> Callable[[Question], Answer]:
    field, lead_in, missing = LISTED_TOPICS[topic]
    return lambda question: _each(question, topic, _listing(field, lead_in), missing, quoted_inline=True)


COMPOSERS: Dict[str, Callable[[Question], Answer]] = {
    "stipend": stipend,
    "deadline": deadline,
    "webinar": webinar,
    "start_date": start_dates,
    "documents": documents,
    "duties": duties,
    "list_vacancies": list_vacancies,
    "overview": overview,
    "how_to_apply": how_to_apply,
    "uncovered_topic": uncovered_topic,
    "duration": _stated("duration_months", "duration", "The internship lasts {value} months.", "a duration"),
    "hours": _stated("hours_per_week", "hours", "The internship is {value} hours a week.", "weekly hours"),
    "schedule": _stated("schedule", "schedule", "Schedule: {value}.", "a schedule"),
    "location": _stated("location", "location", "Location: {value}.", "a location"),
    "grade": _stated("grade", "grade", "The grade is {value}.", "a grade"),
    "clearance": _stated("clearance_level", "clearance_level", "The clearance level is {value}.", "a clearance level"),
    "max_applications": _stated("max_applications", "max_applications", "You can apply for up to {value} different vacancies.", "how many vacancies you may apply to"),
    **{topic: _quoted(topic) for topic in QUOTED_TOPICS},
    **{topic: _listed(topic) for topic in LISTED_TOPICS},
    **{f"{name}_requirement": criterion(name) for name in CRITERION_PATTERNS},
}


def compose(topic: str, question: Question) -> Answer:
    """The sourced answer on one topic for the vacancies in question."""
    return COMPOSERS[topic](question)
