"""Answer composers: stored vacancy facts in, a sourced plain-text answer out. No Rasa, no I/O.

One composer per kind of topic (the topics are in topics.yml); the words come from the message catalogue. Each states what the database holds for the vacancies in question
and cites the sentence it comes from; where the vacancies agree the answer is given once with every
vacancy cited, where they differ each vacancy gets its own line, and where a notice is silent the answer
says so instead of guessing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from actions.answers.formatting import (
    Answer,
    bullet_list,
    cite,
    describe_interval,
    format_instant,
    format_instant_in,
    period_status,
    period_words,
    quoted,
    short_title,
    vacancy_label,
)
from actions.answers.messages import amount, and_list, msg, or_list
from actions.answers.topics import Topic, topics
from actions.notices.parser import CRITERION_KINDS, LINK
from actions.understanding.skills import Skill, family_pattern, vocabulary
from actions.understanding.timezones import Zone
from actions.understanding.vacancy_names import ORGANISATIONAL_WORDS
from actions.vacancy_db.models import Fact, Vacancy

BASIS_MESSAGES = {"monthly": "basis.monthly", "weekly": "basis.weekly", "annual": "basis.yearly", "yearly": "basis.yearly"}

Statement = Tuple[str, List[Fact]]


@dataclass(frozen=True)
class Question:
    """What a composer needs: the vacancies asked about, the current instant, and optionally a time zone."""

    vacancies: Sequence[Vacancy]
    now: datetime
    zone: Optional[Zone] = None  # the asker's time zone, when they named one
    wants_local_time: bool = False  # asked "in my time zone" without naming one
    verdict: Optional[str] = None  # what the asker said of themselves means for a criterion ("You are 35.")
    skill: Optional[Skill] = None  # the skill a question about one skill names ("do I need JavaScript?")
    text: str = ""  # the question, for topics answered about the units it names ("the MCB East position")


def _each(question: Question, topic: Topic, describe: Callable[[Vacancy], Optional[Statement]],
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
            lines.append(f"{and_list([vacancy_label(v) for v in group])}{separator}{text}")
    missing = msg(topic.message("missing"))
    if silent and not known:
        notices = and_list([msg("vacancy.named", vacancy=vacancy_label(v)) for v in silent])
        silence = "silent.one_notice" if len(silent) == 1 else "silent.several_notices"
        lines.append(msg(silence, notices=notices, missing=missing, answerable=msg("answer.answerable")))
    else:
        lines.extend(msg("silent.other_notice", vacancy=vacancy_label(v), missing=missing) for v in silent)
    citations = tuple(dict.fromkeys(cite(v, f) for v, (_, facts) in known for f in facts))
    return Answer("\n".join(lines), citations, topic.name, quoted_inline)


def _fold(text: str) -> str:
    """Text compared for sameness: notices differ in typographic apostrophes only ("Master’s", "Master's")."""
    return text.replace("’", "'").replace("‘", "'")


def _facts(vacancy: Vacancy, topic: Topic) -> List[Fact]:
    """The vacancy's facts of the topic's first field (only the policy paragraph its label names, if any)."""
    return [f for f in vacancy.facts_for(topic.fact) if topic.label is None or f.label == topic.label]


def quoted_fact(topic: Topic, question: Question) -> Answer:
    """Topics answered by quoting one stored fact after the topic's lead-in ("On telework, the notice says:")."""

    def describe(vacancy: Vacancy) -> Optional[Statement]:
        facts = _facts(vacancy, topic)
        return (f"{msg(topic.message('lead_in'))} {quoted(facts[0].value)}", facts[:1]) if facts else None

    return _each(question, topic, describe, quoted_inline=True)


def listed_facts(topic: Topic, question: Question) -> Answer:
    """Topics answered by listing every stored fact of a field after the topic's lead-in."""

    def describe(vacancy: Vacancy) -> Optional[Statement]:
        facts = vacancy.facts_for(topic.fact)
        items = [msg("format.labelled", label=f.label, value=f.value) if f.label else f.value for f in facts]
        return (f"{msg(topic.message('lead_in'))}\n{bullet_list(items)}", facts) if facts else None

    return _each(question, topic, describe, quoted_inline=True)


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
    basis = vacancy.stipend_basis or ""
    per = msg(BASIS_MESSAGES[basis]) if basis in BASIS_MESSAGES else f"({basis})" if basis else ""
    code = f"({vacancy.stipend_currency})" if vacancy.stipend_currency else ""
    return " ".join(filter(None, [amount(vacancy.stipend_amount, vacancy.stipend_currency), code, per]))


def stipend(topic: Topic, question: Question) -> Answer:
    def render(v: Vacancy) -> Optional[str]:
        words = stipend_words(v)
        return msg("stipend.stated", stipend=words) if words else None

    return _each(question, topic, _typed(topic.fact, render))


def deadline_status(vacancy: Vacancy, now: datetime) -> str:
    """ "closed 1 year and 5 months ago" or "open, 2 days and 3 hours left"."""
    if now > vacancy.deadline:
        return msg("deadline.closed_ago", interval=describe_interval(vacancy.deadline, now))
    return msg("deadline.open_left", interval=describe_interval(now, vacancy.deadline))


def overview(topic: Topic, question: Question) -> Answer:
    """Each vacancy at a glance ("tell me about 250770"): its key facts, each cited, and what else to ask."""
    blocks: List[str] = []
    facts: List[Tuple[Vacancy, Fact]] = []
    for v in question.vacancies:
        periods = [f.value for f in v.facts_for("start_periods")]
        starts = or_list([period_words(p) for p in periods]) if periods else ""
        passed = start_periods_status(periods, question.now)
        if starts and passed:
            starts = msg("format.with_note", text=starts, note=passed)
        glance = [
            ("glance.location", "location", v.location),
            ("glance.schedule", "schedule", v.schedule),
            ("glance.hours", "hours", v.hours_per_week and msg("glance.hours_a_week", hours=v.hours_per_week)),
            ("glance.duration", "duration", v.duration_months and msg("glance.months", months=v.duration_months)),
            ("glance.starts", "start_periods", starts),
            ("glance.stipend", "stipend", stipend_words(v)),
            ("glance.deadline", "deadline",
             msg("format.with_note", text=format_instant(v.deadline), note=deadline_status(v, question.now))),
        ]
        stated = [(label, v.fact(field), value) for label, field, value in glance if value and v.fact(field)]
        blocks.append(f"{vacancy_label(v)}\n" + bullet_list([msg("format.labelled", label=msg(label), value=value)
                                                             for label, _, value in stated]))
        facts.extend((v, fact) for _, fact, _ in stated)
    citations = tuple(dict.fromkeys(cite(v, f) for v, f in facts))
    return Answer("\n".join([*blocks, msg("overview.ask_more")]), citations, topic.name)


def how_to_apply(topic: Topic, question: Question) -> Answer:
    """What the notice says about applying. It gives no step-by-step procedure, so the answer quotes the
    sentences that bear on it: deadline, how many vacancies, documents, accuracy, no update, the website."""

    def describe(v: Vacancy) -> Optional[Statement]:
        deadline_fact = v.fact("deadline")
        lines: List[str] = []
        facts: List[Fact] = []
        if deadline_fact:
            lines.append(msg("format.with_note", text=quoted(deadline_fact.value), note=deadline_status(v, question.now)))
            facts.append(deadline_fact)
        for fact in [*v.facts_for("max_applications")[:1], *_policies(v, "accuracy", "no_update", "website")]:
            lines.append(quoted(fact.value))
            facts.append(fact)
        documents = v.facts_for("documents")
        if documents:
            lines.insert(min(2, len(lines)), msg("how_to_apply.attach", documents=" ".join(quoted(f.value) for f in documents)))
            facts.extend(documents)
        if not lines:
            return None
        return f"{msg('how_to_apply.lead_in')}\n{bullet_list(lines)}", facts

    return _each(question, topic, describe, quoted_inline=True)


def uncovered_topic(topic: Topic, question: Question) -> Answer:
    """A question the notice does not answer (housing, visas, insurance): say so, and quote where the notice
    sends applicants for more, since the office takes no telephone or e-mail enquiries."""

    def describe(v: Vacancy) -> Optional[Statement]:
        facts = _policies(v, "website", "no_enquiries")
        return (" ".join(quoted(f.value) for f in facts), facts) if facts else None

    answer = _each(question, topic, describe, quoted_inline=True, preface=msg("uncovered_topic.preface"))
    return replace(answer, text=f"{answer.text}\n{msg('uncovered_topic.can_tell', answerable=msg('answer.answerable'))}")


def _policies(vacancy: Vacancy, *labels: str) -> List[Fact]:
    """The vacancy's policy paragraphs with these labels, in the order asked."""
    by_label = {f.label: f for f in vacancy.facts_for("policies")}
    return [by_label[label] for label in labels if label in by_label]


def deadline(topic: Topic, question: Question) -> Answer:
    now = question.now

    def render(v: Vacancy) -> str:
        sentences = [msg("deadline.stated", deadline=format_instant(v.deadline))]
        if question.zone is not None:
            sentences.append(msg("deadline.in_zone", zone=question.zone.label,
                                 deadline=format_instant_in(v.deadline, question.zone)))
        if now > v.deadline:
            sentences.append(msg("deadline.passed", interval=describe_interval(v.deadline, now)))
        else:
            sentences.append(msg("deadline.time_left", interval=describe_interval(now, v.deadline)))
        return " ".join(sentences)

    preface = ""
    if all(now > v.deadline for v in question.vacancies):
        preface = msg("deadline.all_closed" if len(question.vacancies) > 1 else "deadline.this_one_closed")
    return _with_local_time_hint(question, _each(question, topic, _typed(topic.fact, render), preface=preface))


def _with_local_time_hint(question: Question, answer: Answer) -> Answer:
    if not question.wants_local_time or question.zone is not None:
        return answer
    return replace(answer, text=f"{answer.text}\n{msg('answer.local_time_hint')}")


def webinar(topic: Topic, question: Question) -> Answer:
    now = question.now

    def describe(v: Vacancy) -> Optional[Statement]:
        fact = v.fact("webinar")
        if v.webinar_at is None or fact is None:
            return None
        when = format_instant(v.webinar_at)
        if question.zone is not None:
            when = msg("webinar.in_zone", when=when, local=format_instant_in(v.webinar_at, question.zone),
                       zone=question.zone.label)
        past = now > v.webinar_at
        if past:
            sentences = [msg("webinar.took_place", when=when, interval=describe_interval(v.webinar_at, now))]
        else:
            sentences = [msg("webinar.ahead", when=when, interval=describe_interval(now, v.webinar_at))]
        facts = [fact]
        link = v.fact("webinar_url")
        if link:
            sentences.append(msg("webinar.past_link" if past else "webinar.link", link=link.value))
            facts.append(link)
        return " ".join(sentences), facts

    return _with_local_time_hint(question, _each(question, topic, describe))


# Message ids of a start status, for one period and for several.
START_STATUS_MESSAGES = {"passed": ("start.passed.one", "start.passed.several"),
                         "begun": ("start.begun.one", "start.begun.several"),
                         "ahead": ("start.ahead.one", "start.ahead.several")}


def start_periods_status(periods: Sequence[str], now: datetime) -> Optional[str]:
    """Which start periods are over or under way at `now` ("both have already passed", "March 2026 has already
    passed and September 2026 has begun"), or None while none has begun."""
    statuses = [(period, period_status(period, now)) for period in periods]
    if not any(status in ("passed", "begun") for _, status in statuses):
        return None
    if all(status == "passed" for _, status in statuses):
        return msg({1: "start.all_passed.one", 2: "start.all_passed.two"}.get(len(statuses), "start.all_passed.several"))
    clauses = []
    for status, (one, several) in START_STATUS_MESSAGES.items():
        named = [period for period, s in statuses if s == status]
        if named:
            clauses.append(msg(one if len(named) == 1 else several, periods=and_list([period_words(p) for p in named])))
    return and_list(clauses)


def start_dates(topic: Topic, question: Question) -> Answer:
    def describe(v: Vacancy) -> Optional[Statement]:
        facts = v.facts_for("start_periods")
        if not facts:
            return None
        periods = or_list([period_words(f.value) for f in facts])
        status = start_periods_status([f.value for f in facts], question.now)
        if status:
            return msg("start.stated_with_status", periods=periods, status=status), facts
        return msg("start.stated", periods=periods), facts

    return _each(question, topic, describe)


def list_vacancies(topic: Topic, question: Question) -> Answer:
    lines = []
    for v in question.vacancies:
        state = msg("state.closed" if question.now > v.deadline else "state.open")
        lines.append(msg("list_vacancies.line", vacancy=vacancy_label(v), deadline=format_instant(v.deadline), state=state))
    text = f"{msg('list_vacancies.lead_in', count=len(lines))}\n{bullet_list(lines)}" if lines else msg("list_vacancies.none")
    return Answer(text, tuple(cite(v, v.fact("title")) for v in question.vacancies if v.fact("title")), topic.name)


def stated_value(topic: Topic, question: Question) -> Answer:
    """Topics answered by one value (duration, hours, schedule, grade...) read from a typed column."""

    def render(v: Vacancy) -> Optional[str]:
        value = getattr(v, topic.column)
        return None if value is None else msg(topic.message("stated"), value=value)

    return _each(question, topic, _typed(topic.fact, render))


# Documents applicants often expect; the documents answer says the notice does not ask for those it nowhere mentions.
NOT_ASKED_DOCUMENTS = [
    ("documents.cv", re.compile(r"\bC\.?V\b|curriculum\s+vitae|r[ée]sum[ée]", re.IGNORECASE)),
    ("documents.cover_letter", re.compile(r"cover(?:ing)?\s+letter|motivation|letter\s+of\s+(?:interest|intent)|personal\s+statement",
                                          re.IGNORECASE)),
    ("documents.references", re.compile(r"\breferen(?:ce|ces)\b|\breferees?\b|recommendation", re.IGNORECASE)),
]


def documents(topic: Topic, question: Question) -> Answer:
    def describe(v: Vacancy) -> Optional[Statement]:
        items = v.facts_for(topic.fact)
        if not items:
            return None
        parts = [f"{msg(topic.message('lead_in'))}\n{bullet_list([f.value for f in items])}"]
        unasked = [msg(name) for name, pattern in NOT_ASKED_DOCUMENTS if not pattern.search(v.notice_text or "")]
        if unasked:
            parts.append(msg("documents.not_asked", documents=or_list(unasked)))
        facts = list(items)
        for field, label in (("document_language", None), ("policies", topic.label)):
            extra = [f for f in v.facts_for(field) if label is None or f.label == label]
            if extra:
                parts.append(quoted(extra[0].value))
                facts.append(extra[0])
        return "\n".join(parts), facts

    return _each(question, topic, describe, quoted_inline=True)


def duties(topic: Topic, question: Question) -> Answer:
    def describe(v: Vacancy) -> Optional[Statement]:
        facts = v.facts_for(topic.fact)
        if not facts:
            return None
        groups: Dict[str, List[str]] = {}
        for fact in facts:
            groups.setdefault(fact.label or msg(topic.message("lead_in")), []).append(fact.value)
        return "\n".join(f"{lead}\n{bullet_list(items)}" for lead, items in groups.items()), facts

    return _each(question, topic, describe, quoted_inline=True)


# Which essential criterion decides a question about one requirement: the kinds the importer reads.
CRITERION_PATTERNS = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in CRITERION_KINDS.items()}


def essential_criterion(vacancy: Vacancy, criterion: str) -> Optional[Fact]:
    """The essential criterion of a vacancy about nationality, age, studies or language."""
    pattern = CRITERION_PATTERNS[criterion]
    return next((f for f in vacancy.facts_for("essential_criteria") if pattern.search(f.value)), None)


def related_desirable_criteria(vacancy: Vacancy, criterion: str) -> List[Fact]:
    """Desirable criteria on the same subject ("elementary knowledge of the second official NATO language"), so
    that "do I need French?" or "is a bachelor's required?" also hears what is an advantage and not required."""
    pattern = CRITERION_PATTERNS[criterion]
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


def criterion(topic: Topic, question: Question) -> Answer:
    """The essential criterion on one requirement, preceded by the verdict on what the user said, if any, and
    followed by the desirable criteria on the same subject."""
    name = topic.criterion

    def describe(vacancy: Vacancy) -> Optional[Statement]:
        fact = essential_criterion(vacancy, name)
        if fact is None:
            return None
        lines = [msg("criterion.required", criterion=fact.value.rstrip(".,;"))]
        if name == "age" and sets_only_a_minimum_age(vacancy, fact):
            lines.append(msg("criterion.no_maximum_age"))
        advantages = related_desirable_criteria(vacancy, name)
        if advantages:
            advantage = "; ".join(quoted(f.value.rstrip(".,;")) for f in advantages)
            lines.append(msg("criterion.advantage", advantages=advantage))
        return " ".join(lines), [fact, *advantages]

    return _each(question, topic, describe, quoted_inline=True, preface=question.verdict or "")


def _framed(frame: Callable[[Vacancy, Fact], str]) -> Callable[[Topic, Question], Answer]:
    """Composers quoting one stored fact in words that depend on what it (or the rest of the notice) says."""

    def compose(topic: Topic, question: Question) -> Answer:
        def describe(vacancy: Vacancy) -> Optional[Statement]:
            facts = _facts(vacancy, topic)
            return (frame(vacancy, facts[0]), facts[:1]) if facts else None

        return _each(question, topic, describe, quoted_inline=True)

    return compose


_AFTER_DEADLINE = re.compile(r"\bafter\b[^.]*\bdeadline\b", re.IGNORECASE)
_CHANGING = re.compile(r"\b(?:updat|modif|amend|edit|chang|correct|withdr)\w*", re.IGNORECASE)


def _update_frame(vacancy: Vacancy, fact: Fact) -> str:
    """ "Cannot be updated after the relevant deadline" rules out changes after the deadline only; whether the
    notice says anything of changes before it is read from its other sentences about the application."""
    if not _AFTER_DEADLINE.search(fact.value):
        return msg("application_update.says", quote=quoted(fact.value))
    text = msg("application_update.not_after_deadline", quote=quoted(fact.value))
    others = (vacancy.notice_text or "").replace(fact.quote, " ")
    sentences = re.split(r"[.!?]\s", others)
    if not any(_CHANGING.search(s) and re.search(r"\bapplication", s, re.IGNORECASE) for s in sentences):
        text = f"{text} {msg('application_update.before_deadline_unsaid')}"
    return text


# Wording by which an accommodation paragraph would name arrangements ("such as extra time").
_NAMES_ARRANGEMENTS = re.compile(r"\bsuch as\b|\bincluding\b|\bfor example\b|\be\.g\.|\b(?:extra|additional) time\b",
                                 re.IGNORECASE)


def _accommodation_frame(vacancy: Vacancy, fact: Fact) -> str:
    text = msg("accommodation.says", quote=quoted(fact.value))
    if not _NAMES_ARRANGEMENTS.search(fact.value):
        text = f"{text} {msg('accommodation.arrangements_unsaid')}"
    return text


def _travel_frame(vacancy: Vacancy, fact: Fact) -> str:
    """The travel reimbursement's amount, if the notice gives one, is written after the words "travel ..."."""
    mention = re.search(r"\btravel\b.*", fact.value, re.IGNORECASE | re.DOTALL)
    if mention and not re.search(r"[€$£]|\d|\b(?:EUR|euros?|GBP|USD)\b", mention.group(0), re.IGNORECASE):
        return msg("travel_reimbursement.no_amount", quote=quoted(fact.value))
    return msg("travel_reimbursement.says", quote=quoted(fact.value))


def _website_frame(vacancy: Vacancy, fact: Fact) -> str:
    """The website the notice points to for the terms and conditions, with its address only if the notice gives one."""
    link = LINK.search(fact.quote)
    if link:
        return msg("programme_website.link", quote=quoted(fact.value), link=link.group(0))
    return msg("programme_website.no_address", quote=quoted(fact.value))


def skill(topic: Topic, question: Question) -> Answer:
    """One skill ("do I need JavaScript?"): the essential and desirable criteria that mention it, or plainly that
    none does, with the criteria on the same subject; and the duties that mention it."""
    asked = question.skill

    def describe(vacancy: Vacancy) -> Optional[Statement]:
        essential, desirable = vacancy.facts_for("essential_criteria"), vacancy.facts_for("desirable_criteria")
        if not essential and not desirable:
            return None
        if asked is None:
            lines = [msg("skill.unnamed", essential="; ".join(quoted(_bare(f)) for f in essential),
                         desirable="; ".join(quoted(_bare(f)) for f in desirable))]
            return " ".join(lines), [*essential, *desirable]
        named, lines = asked, []
        mentions = [f for f in [*essential, *desirable] if named.mentioned_in(f.value)]
        broader = vocabulary().get(asked.within or "")
        if not mentions and broader and any(broader.mentioned_in(f.value) for f in [*essential, *desirable]):
            lines.append(msg("skill.broader", skill=asked.name, broader=broader.name))
            named = broader
        required = [f for f in essential if named.mentioned_in(f.value)]
        advantages = [f for f in desirable if named.mentioned_in(f.value)]
        cited = [*required, *advantages]
        if required:
            lines.append(msg("skill.essential", skill=named.name, quotes="; ".join(quoted(_bare(f)) for f in required)))
        if advantages:
            message = "skill.also_advantage" if required else "skill.advantage"
            lines.append(msg(message, skill=named.name, quotes="; ".join(quoted(_bare(f)) for f in advantages)))
        if not cited:
            related = [f for f in desirable if asked.family and family_pattern(asked.family).search(f.value)]
            lines.append(msg("skill.not_asked", skill=asked.name))
            shown = related or desirable  # what it does ask: on the same subject, else every advantage
            if shown:
                lines.append(msg("skill.related" if related else "skill.advantages",
                                 quotes="; ".join(quoted(_bare(f)) for f in shown)))
                cited.extend(shown)
        duties = [f for f in vacancy.facts_for("duties") if asked.mentioned_in(f.value)]
        if duties:
            lines.append(msg("skill.in_duties", skill=asked.name, quotes="; ".join(quoted(_bare(f)) for f in duties)))
            cited.extend(duties)
        return " ".join(lines), cited

    return _each(question, topic, describe, quoted_inline=True)


def _bare(fact: Fact) -> str:
    return fact.value.rstrip(".,;")


def _unit_keys(label: str) -> List[re.Pattern]:
    """What names a unit in a question: its acronyms and its name without the organisational word
    ("Policy & Programmes (P&P) section": "P&P", "Policy & Programmes"; "EAST section": "EAST")."""
    acronyms = re.findall(r"\(([^)]+)\)", label)
    core = re.sub(rf"\s*\([^)]*\)|\s+{ORGANISATIONAL_WORDS}$", "", label, flags=re.IGNORECASE).strip()
    return [re.compile(rf"(?<![\w&]){re.escape(key)}(?![\w&])", re.IGNORECASE) for key in [*acronyms, core] if key]


# Names a question may give of a part of a notice ("the Partnership Staff Post programme", "ePRIME", "ITPP").
_PROPER_NAME = re.compile(r"\b(?:[A-Z][a-z]+\s+){1,4}[A-Z][a-z]+\b|\b[a-z]?[A-Z]{2,}[A-Za-z&]*\b")


def _named_units(vacancy: Vacancy, text: str) -> List[Fact]:
    """The unit descriptions and duties of a vacancy that the question names: by the unit's name or acronym, by the
    lead-in of the position's duties, or by a proper name that the fact itself contains."""
    facts = [*vacancy.facts_for("unit_description"), *vacancy.facts_for("duties")]
    names = _proper_names(text, vacancy)
    chosen = []
    for fact in facts:
        keys = _unit_keys(fact.label or "") if fact.field == "unit_description" else []
        labelled = any(key.search(text) for key in keys)
        lead_in = fact.field == "duties" and fact.label and _names_all_keys(fact.label, text, vacancy)
        proper = any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", fact.value, re.IGNORECASE) for name in names)
        if labelled or lead_in or proper:
            chosen.append(fact)
    return chosen


def _proper_names(text: str, vacancy: Vacancy) -> List[str]:
    """The proper names of the question that are not the vacancy's or its organisation's own."""
    own = {v.lower() for v in mentioned_names(text, vacancy)}
    return [n for n in _PROPER_NAME.findall(text) if n.lower() not in own]


def _names_all_keys(lead_in: str, text: str, vacancy: Vacancy) -> bool:
    """A duties lead-in ("The intern selected for the MCB-East position") that names a unit the question names."""
    units = {f.label for f in vacancy.facts_for("unit_description") if f.label}
    return any(key.search(lead_in) and key.search(text) for unit in units for key in _unit_keys(unit))


def mentioned_names(text: str, vacancy: Vacancy) -> List[str]:
    """The vacancy's own names ("cooperative security", "KM"), the words of its title ("NATO") and the acronym of
    its NATO body ("IMS"): in a question they name the vacancy or the organisation, not a part of the notice."""
    notice = vacancy.notice_text or ""
    parts = [re.escape(p.strip()) for p in short_title(vacancy).split(",") if p.strip()]
    acronyms = [a for part in parts for a in re.findall(rf"{part}\s*\((?:NATO\s+)?([A-Z]{{2,6}})\)", notice)]
    own = [*vacancy.names, *re.findall(r"\w+", vacancy.title), *acronyms]
    return [a for a in own if re.search(rf"(?<!\w){re.escape(a)}(?!\w)", text, re.IGNORECASE)]


def _quoted_units(facts: Sequence[Fact]) -> str:
    """Unit descriptions and duties, each under the unit or lead-in it belongs to."""
    groups: Dict[str, List[str]] = {}
    for fact in facts:
        groups.setdefault(fact.label or "", []).append(quoted(fact.value))
    return "\n".join(f"{label}\n{bullet_list(items)}" if label else bullet_list(items) for label, items in groups.items())


def _with_named_units(topic: Topic, question: Question, default: Callable[[Vacancy], Optional[Statement]]) -> Answer:
    """Answer about the parts of the notice the question names, for the vacancies whose notice has them; else the
    topic's own answer (`default`) for each vacancy."""
    named = {v.requisition: _named_units(v, question.text) for v in question.vacancies}
    if any(named.values()):
        having = [v for v in question.vacancies if named[v.requisition]]

        def about_named(vacancy: Vacancy) -> Optional[Statement]:
            facts = named[vacancy.requisition]
            return f"{msg('units.named_lead_in')}\n{_quoted_units(facts)}", facts

        return _each(replace(question, vacancies=having), topic, about_named, quoted_inline=True)
    unknown = list(dict.fromkeys(n for v in question.vacancies for n in _proper_names(question.text, v)))
    preface = msg("units.not_mentioned", names=and_list(unknown)) if unknown else ""
    return _each(question, topic, default, quoted_inline=True, preface=preface)


def unit_description(topic: Topic, question: Question) -> Answer:
    """What the division or team of the vacancy does: the notice's first unit description (all of that unit's
    paragraphs), or the part the question names."""

    def describe(vacancy: Vacancy) -> Optional[Statement]:
        facts = vacancy.facts_for("unit_description")
        if not facts:
            return None
        first = [f for f in facts if f.label == facts[0].label]
        return f"{msg(topic.message('lead_in'), unit=facts[0].label)}\n{bullet_list([quoted(f.value) for f in first])}", first

    return _with_named_units(topic, question, describe)


def sub_sections(topic: Topic, question: Question) -> Answer:
    """The parts of the vacancy the notice describes: which units recruit, the units it describes and the positions
    with duties of their own; or what it says of the part the question names ("the MCB East position")."""

    def describe(vacancy: Vacancy) -> Optional[Statement]:
        recruiting = vacancy.facts_for("recruiting_units")
        units = vacancy.facts_for("unit_description")
        if not recruiting and not units:
            return None
        lines = [quoted(f.value) for f in recruiting]
        labels = list(dict.fromkeys(f.label for f in units if f.label))
        if labels:
            lines.append(msg("sub_sections.described", units=and_list(labels)))
        positions = [f for f in vacancy.facts_for("duties") if f.label and _names_all_keys(f.label, f.label, vacancy)]
        leads = list(dict.fromkeys(f.label for f in positions))
        if leads:
            lines.append(msg("sub_sections.positions", positions="; ".join(quoted(lead) for lead in leads)))
        cited = [*recruiting, *[next(f for f in units if f.label == label) for label in labels],
                 *[next(f for f in positions if f.label == lead) for lead in leads]]
        return "\n".join(lines), cited

    return _with_named_units(topic, question, describe)


# What the vacancy comparison sets side by side: a message id and what it reads of each vacancy.
COMPARED: Sequence[Tuple[str, str, Callable[[Vacancy], Optional[str]]]] = (
    ("compare.division", "division", lambda v: v.division),
    ("compare.location", "location", lambda v: v.location),
    ("compare.schedule", "schedule", lambda v: v.schedule),
    ("compare.hours", "hours", lambda v: v.hours_per_week and str(v.hours_per_week)),
    ("compare.duration", "duration", lambda v: v.duration_months and str(v.duration_months)),
    ("compare.start", "start_periods", lambda v: or_list([f.value for f in v.facts_for("start_periods")])),
    ("compare.stipend", "stipend", stipend_words),
    ("compare.deadline", "deadline", lambda v: format_instant(v.deadline)),
    ("compare.essential", "essential_criteria", lambda v: "; ".join(_fold(f.value) for f in v.facts_for("essential_criteria"))),
    ("compare.desirable", "desirable_criteria", lambda v: "; ".join(_fold(f.value) for f in v.facts_for("desirable_criteria"))),
    ("compare.competencies", "competencies", lambda v: "; ".join(_fold(f.value) for f in v.facts_for("competencies"))),
    ("compare.documents", "documents", lambda v: "; ".join(_fold(f.value) for f in v.facts_for("documents"))),
)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def vacancy_difference(topic: Topic, question: Question) -> Answer:
    """The vacancies side by side: where their stored fields differ, each vacancy's value; what their units do and
    what their interns will gain, quoted; and the fields they share, named once. No judgement of its own."""
    vacancies = list(question.vacancies)
    if len(vacancies) < 2:
        return Answer(msg("compare.only_one", vacancies=and_list([vacancy_label(v) for v in vacancies])), (), topic.name)
    lines, facts, same = [msg("compare.lead_in", vacancies=and_list([vacancy_label(v) for v in vacancies]))], [], []
    for message_id, field, read in COMPARED:
        values = [(v, read(v)) for v in vacancies]
        if not all(value for _, value in values):
            continue
        if len({value for _, value in values}) == 1:
            same.append(msg(message_id))
        else:
            lines.append(msg("compare.differs", what=_capitalised(msg(message_id))))
            lines.append(bullet_list([msg("format.labelled", label=vacancy_label(v), value=value) for v, value in values]))
        facts.extend((v, v.fact(field)) for v in vacancies if v.fact(field))
    for message_id, field in (("compare.unit", "unit_description"), ("compare.work", "work_summary")):
        quoted_facts = [(v, v.fact(field)) for v in vacancies if v.fact(field)]
        if quoted_facts:
            lines.append(msg("compare.differs", what=_capitalised(msg(message_id))))
            lines.append(bullet_list([msg("format.labelled", label=vacancy_label(v), value=quoted(f.value))
                                      for v, f in quoted_facts]))
            facts.extend(quoted_facts)
    if same:
        lines.append(msg("compare.same", fields=and_list(same)))
    lines.append(msg("compare.ask_more"))
    citations = tuple(dict.fromkeys(cite(v, f) for v, f in facts))
    return Answer("\n".join(lines), citations, topic.name, quoted_inline=True)


# The composer of each kind of topic named in topics.yml.
KINDS: Dict[str, Callable[[Topic, Question], Answer]] = {
    "quoted": quoted_fact,
    "listed": listed_facts,
    "stated": stated_value,
    "criterion": criterion,
    "stipend": stipend,
    "deadline": deadline,
    "webinar": webinar,
    "start_dates": start_dates,
    "documents": documents,
    "duties": duties,
    "list_vacancies": list_vacancies,
    "overview": overview,
    "how_to_apply": how_to_apply,
    "uncovered_topic": uncovered_topic,
    "travel_reimbursement": _framed(_travel_frame),
    "application_update": _framed(_update_frame),
    "accommodation": _framed(_accommodation_frame),
    "programme_website": _framed(_website_frame),
    "skill": skill,
    "unit_description": unit_description,
    "sub_sections": sub_sections,
    "vacancy_difference": vacancy_difference,
}
COMPOSERS: Dict[str, Callable[[Question], Answer]] = {name: partial(KINDS[t.kind], t) for name, t in topics().items()}


def compose(topic: str, question: Question) -> Answer:
    """The sourced answer on one topic for the vacancies in question."""
    return COMPOSERS[topic](question)
