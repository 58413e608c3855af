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
    period_status,
    vacancy_label,
)
from actions.notice_parser import CRITERION_KINDS
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
    "start dates, duration and hours, location, duties, competencies, what the internship offers, and how many "
    "vacancies you may apply to"
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
    """Answer once where every vacancy says the same, else once per group of vacancies saying the same, each
    line naming its vacancies (also when the others are silent); name the notices that are silent."""
    stated = [(v, describe(v)) for v in question.vacancies]
    known = [(v, s) for v, s in stated if s is not None]
    silent = [v for v, s in stated if s is None]
    lines = [preface] if preface else []
    groups: Dict[str, Tuple[str, List[Vacancy]]] = {}
    for vacancy, (text, _) in known:
        groups.setdefault(_fold(text), (text, []))[1].append(vacancy)
    if len(groups) == 1 and not silent:
        lines.append(known[0][1][0])
    else:
        for text, group in groups.values():
            separator = ":\n" if "\n" in text else ": "
            lines.append(f"{_and([vacancy_label(v) for v in group])}{separator}{text}")
    if silent and not known:
        notices = _and([f"vacancy {vacancy_label(v)}" for v in silent])
        subject = f"The notice of {notices} does" if len(silent) == 1 else f"The notices of {notices} do"
        lines.append(f"{subject} not state {missing}, so I cannot tell you. I can answer about {ANSWERABLE}.")
    else:
        lines.extend(f"The notice of vacancy {vacancy_label(v)} does not state {missing}." for v in silent)
    citations = tuple(dict.fromkeys(cite(v, f) for v, (_, facts) in known for f in facts))
    return Answer("\n".join(lines), citations, topic, quoted_inline)


def _and(items: Sequence[str], last: str = "and") -> str:
    """ "A", "A and B", "A, B and C" (or "A, B or C")."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


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
        periods = [f.value for f in v.facts_for("start_periods")]
        starts = " or ".join(periods)
        passed = start_periods_status(periods, question.now)
        if starts and passed:
            starts += f" ({passed})"
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
        past = now > v.webinar_at
        if past:
            text = (f"The info-session webinar took place on {when}, {describe_interval(v.webinar_at, now)} ago. "
                    "Registration for it is over.")
        else:
            text = f"The info-session webinar is on {when}, in {describe_interval(now, v.webinar_at)}."
        facts = [fact]
        link = v.fact("webinar_url")
        if link:
            text += f" The notice gave this registration link: {link.value}" if past else f" Registration link: {link.value}"
            facts.append(link)
        return text, facts

    return _with_local_time_hint(question, _each(question, "webinar", describe, "an info-session webinar"))


START_STATUS_WORDS = {"passed": ("has already passed", "have already passed"), "begun": ("has begun", "have begun"),
                      "ahead": ("is still to come", "are still to come")}


def start_periods_status(periods: Sequence[str], now: datetime) -> Optional[str]:
    """Which start periods are over or under way at `now` ("both have already passed", "March 2026 has already
    passed and September 2026 has begun"), or None while none has begun."""
    statuses = [(period, period_status(period, now)) for period in periods]
    if not any(status in ("passed", "begun") for _, status in statuses):
        return None
    if all(status == "passed" for _, status in statuses):
        return {1: "that period has already passed", 2: "both have already passed"}.get(len(statuses), "all have already passed")
    clauses = []
    for status, (one, several) in START_STATUS_WORDS.items():
        named = [period for period, s in statuses if s == status]
        if named:
            clauses.append(f"{_and(named)} {one if len(named) == 1 else several}")
    return _and(clauses)


def start_dates(question: Question) -> Answer:
    def describe(v: Vacancy) -> Optional[Statement]:
        facts = v.facts_for("start_periods")
        if not facts:
            return None
        periods = " or ".join(f.value for f in facts)
        status = start_periods_status([f.value for f in facts], question.now)
        if status:
            return f"The notice says the internship starts in {periods}; {status}.", facts
        return f"The internship starts in {periods}.", facts

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


# Documents applicants often expect; the documents answer says the notice does not ask for those it nowhere mentions.
NOT_ASKED_DOCUMENTS = [
    ("a CV", re.compile(r"\bC\.?V\b|curriculum\s+vitae|r[ée]sum[ée]", re.IGNORECASE)),
    ("a cover letter", re.compile(r"cover(?:ing)?\s+letter|motivation|letter\s+of\s+(?:interest|intent)|personal\s+statement",
                                  re.IGNORECASE)),
    ("references", re.compile(r"\breferen(?:ce|ces)\b|\breferees?\b|recommendation", re.IGNORECASE)),
]


def documents(question: Question) -> Answer:
    def describe(v: Vacancy) -> Optional[Statement]:
        items = v.facts_for("documents")
        if not items:
            return None
        parts = [f"To let the office assess your eligibility, the notice asks you to attach:\n{bullet_list([f.value for f in items])}"]
        unasked = [name for name, pattern in NOT_ASKED_DOCUMENTS if not pattern.search(v.notice_text or "")]
        if unasked:
            parts.append(f"The notice does not ask for {_and(unasked, 'or')}.")
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
    "document_language": ("document_language", "On the language of the documents, the notice says:", None, "a language for the documents"),
    "candidate_pool": ("policies", "On the pool of candidates, the notice says:", "candidate_pool", "anything about a pool of candidates"),
    "contact": ("policies", "The office cannot take telephone or e-mail enquiries, which is why this assistant answers from the notice. The notice says:", "no_enquiries", "how to contact the office"),
    "ai_policy": ("policies", "No generative AI. The notice says:", "generative_ai", "a policy on AI tools"),
}
LISTED_TOPICS: Dict[str, Tuple[str, str, str]] = {
    "eligibility": ("essential_criteria", "The essential criteria. The candidate must:", "eligibility criteria"),
    "desirable_criteria": ("desirable_criteria", "These criteria are considered an advantage:", "desirable criteria"),
    "competencies": ("competencies", "The candidate must demonstrate these competencies:", "competencies"),
    "benefits": ("offer", "Under “What do we offer?” the notice lists:", "what it offers interns"),
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




def essential_criterion(vacancy: Vacancy, criterion: str) -> Optional[Fact]:
    """The essential criterion of a vacancy about nationality, age, studies or language."""
    pattern = re.compile(CRITERION_KINDS[criterion], re.IGNORECASE)
    return next((f for f in vacancy.facts_for("essential_criteria") if pattern.search(f.value)), None)


def related_desirable_criteria(vacancy: Vacancy, criterion: str) -> List[Fact]:
    """Desirable criteria on the same subject ("elementary knowledge of the second official NATO language"), so
    that "do I need French?" or "is a bachelor's required?" also hears what is an advantage and not required."""
    pattern = re.compile(CRITERION_KINDS[criterion], re.IGNORECASE)
    return [f for f in vacancy.facts_for("desirable_criteria") if pattern.search(f.value)]


# Any wording of a criterion that could set a maximum age.
_MAXIMUM_AGE = re.compile(
    r"\bat\s+most\b|\bmaximum\b|\bmax\b|\bupper\b|\blimit\b|\bolder\s+than\b|\byounger\s+than\b|\bunder\b|\bbelow\b"
    r"|\bup\s+to\b|\bbetween\b|\bor\s+(?:younger|under|less)\b|\bnot\s+(?:yet\s+)?(?:be\s+|have\s+)?(?:reached|turned|exceeded)\b"
    r"|\bexceed|\bno\s+more\s+than\b|\bless\s+than\b",
    re.IGNORECASE)


def sets_only_a_minimum_age(vacancy: Vacancy, age_criterion: Fact) -> bool:
    """The age criterion gives the minimum age stored at import and no criterion of the notice (essential or
    desirable) could set a maximum, so "the notice sets no maximum age" is read from the stored criteria."""
    criteria = [*vacancy.facts_for("essential_criteria"), *vacancy.facts_for("desirable_criteria")]
    minimum = vacancy.fact("minimum_age")
    return (minimum is not None and minimum.start_offset == age_criterion.start_offset
            and not any(_MAXIMUM_AGE.search(f.value) for f in criteria))


def criterion(name: str, verdict: Optional[str] = None) -> Callable[[Question], Answer]:
    """The essential criterion on one requirement, preceded by the verdict on what the user said, if any, and
    followed by the desirable criteria on the same subject."""

    def describe(vacancy: Vacancy) -> Optional[Statement]:
        fact = essential_criterion(vacancy, name)
        if fact is None:
            return None
        lines = [f"The notice requires that the candidate must {fact.value.rstrip('.,;')}."]
        if name == "age" and sets_only_a_minimum_age(vacancy, fact):
            lines.append("It sets no maximum age.")
        advantages = related_desirable_criteria(vacancy, name)
        if advantages:
            quoted = "; ".join(f"“{f.value.rstrip('.,;')}”" for f in advantages)
            lines.append(f"It lists as an advantage, not a requirement: {quoted}.")
        return " ".join(lines), [fact, *advantages]

    return lambda question: _each(question, f"{name}_requirement", describe, f"a {name} requirement",
                                  quoted_inline=True, preface=verdict or "")


def _framed(topic: str, field: str, label: Optional[str], missing: str,
            frame: Callable[[Vacancy, Fact], str]) -> Callable[[Question], Answer]:
    """Composers quoting one stored fact in words that depend on what it (or the rest of the notice) says."""

    def describe(vacancy: Vacancy) -> Optional[Statement]:
        facts = [f for f in vacancy.facts_for(field) if label is None or f.label == label]
        return (frame(vacancy, facts[0]), facts[:1]) if facts else None

    return lambda question: _each(question, topic, describe, missing, quoted_inline=True)


_AFTER_DEADLINE = re.compile(r"\bafter\b[^.]*\bdeadline\b", re.IGNORECASE)
_CHANGING = re.compile(r"\b(?:updat|modif|amend|edit|chang|correct|withdr)\w*", re.IGNORECASE)


def _update_frame(vacancy: Vacancy, fact: Fact) -> str:
    """ "Cannot be updated after the relevant deadline" rules out changes after the deadline only; whether the
    notice says anything of changes before it is read from its other sentences about the application."""
    if not _AFTER_DEADLINE.search(fact.value):
        return f"On updating an application, the notice says: “{fact.value}”"
    text = f"Not after the deadline: the notice says “{fact.value}”"
    others = (vacancy.notice_text or "").replace(fact.quote, " ")
    sentences = re.split(r"[.!?]\s", others)
    if not any(_CHANGING.search(s) and re.search(r"\bapplication", s, re.IGNORECASE) for s in sentences):
        text += " It does not say whether an application can be changed before the deadline."
    return text


# Wording by which an accommodation paragraph would name arrangements ("such as extra time").
_NAMES_ARRANGEMENTS = re.compile(r"\bsuch as\b|\bincluding\b|\bfor example\b|\be\.g\.|\b(?:extra|additional) time\b",
                                 re.IGNORECASE)


def _accommodation_frame(vacancy: Vacancy, fact: Fact) -> str:
    text = f"On reasonable accommodation, the notice says: “{fact.value}”"
    if not _NAMES_ARRANGEMENTS.search(fact.value):
        text += " The notice does not say which arrangements can be made."
    return text


def _travel_frame(vacancy: Vacancy, fact: Fact) -> str:
    """The travel reimbursement's amount, if the notice gives one, is written after the words "travel ..."."""
    mention = re.search(r"\btravel\b.*", fact.value, re.IGNORECASE | re.DOTALL)
    if mention and not re.search(r"[€$£]|\d|\b(?:EUR|euros?|GBP|USD)\b", mention.group(0), re.IGNORECASE):
        return f"The notice mentions a travel reimbursement but does not state its amount: “{fact.value}”"
    return f"On travel reimbursement, the notice says: “{fact.value}”"


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
    "travel_reimbursement": _framed("travel_reimbursement", "travel_reimbursement", None, "a travel reimbursement", _travel_frame),
    "application_update": _framed("application_update", "policies", "no_update", "whether an application can be updated",
                                  _update_frame),
    "accommodation": _framed("accommodation", "policies", "accommodation", "anything about reasonable accommodation",
                             _accommodation_frame),
    **{topic: _quoted(topic) for topic in QUOTED_TOPICS},
    **{topic: _listed(topic) for topic in LISTED_TOPICS},
    **{f"{name}_requirement": criterion(name) for name in CRITERION_KINDS},
}


def compose(topic: str, question: Question) -> Answer:
    """The sourced answer on one topic for the vacancies in question."""
    return COMPOSERS[topic](question)
