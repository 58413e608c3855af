"""Read the facts of an internship vacancy notice, each with the sentence it comes from.

Written for the notice family (NATO internship notices in their careers-page and vacancy-notification
layouts, plain or Markdown), not for particular files: every fact is found by what the sentence says,
wherever it stands and however the date, time or amount is written.
A notice without a requisition number, a title or a deadline cannot be answered about and is rejected; any
other fact the importer cannot find is listed in `ParsedNotice.missing`, so that the import reports it instead of
silently doing without it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import chain, takewhile
from typing import Dict, Iterator, List, Optional, Tuple

from dateutil import parser as date_parser
from dateutil import tz

from actions.clock import BRUSSELS
from actions.notices.layout import Block, NoticeLayout, Span, clean_text, normalise_notice
from actions.reference_languages import language_reference
from actions.understanding.vacancy_names import ORGANISATIONAL_WORDS, derived_names

CURRENCIES = {"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "$": "USD", "usd": "USD"}
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen".split())}
TENS = {"twenty": 20, "thirty": 30}
# "21", "six", "eighteen", "twenty-one"; the longest words first, so that "seventeen" is not read as "seven".
NUMBER = (r"\d{1,2}|(?:" + "|".join(TENS) + r")(?:[- ](?:" + "|".join(list(NUMBER_WORDS)[1:10]) + r"))?|"
          + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)))
MONTH_NAMES = "January February March April May June July August September October November December".split()
# Full names before abbreviations, so that "March" is read whole.
MONTH = r"(?:" + "|".join(MONTH_NAMES) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
DATE = re.compile(
    rf"(?<!\d)(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[-\s]+{MONTH}[-\s,]+\d{{4}}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})(?!\d)",
    re.IGNORECASE,
)
TIME = re.compile(
    r"(?<![\w.,:])(?:\d{1,2}[.:h]\d{2}(?:\s*[ap]\.?\s?m\b\.?)?|\d{1,2}\s*[ap]\.?\s?m\b\.?|\d{1,2}h\b"
    r"|(?:12(?:[.:]00)?\s*)?(?:noon|midday|midnight))(?!\d)",
    re.IGNORECASE,
)
MONEY = re.compile(
    r"(?P<before>€|EUR|Euros?|£|GBP|\$|USD)\s?(?P<amount1>\d[\d.,\u00a0\u202f]*\d)"
    r"|(?P<amount2>\d[\d.,\u00a0\u202f]*\d)\s?(?P<after>€|EUR|Euros?|£|GBP|\$|USD)(?![A-Za-z])",
    re.IGNORECASE,
)
BASIS = re.compile(r"\b(?:(monthly|weekly|annual|yearly)|(?:per|a|each|every)\s+(month|week|year|annum))\b", re.IGNORECASE)
BASIS_NAMES = {"month": "monthly", "week": "weekly", "year": "annual", "annum": "annual", "yearly": "annual"}
LINK = re.compile(r"https?://[^\s<>()\[\]\"']*[^\s<>()\[\]\"'.,;:!?]")

OFFER_SECTION = r"offer|benefits|conditions"
# "Apply until …", "Applications must be submitted by …", "The deadline for applications is …"
DEADLINE_PHRASE = (
    r"\b(?:(?:apply(?:\s+online)?|applications?(?:\s+\w+){0,3}?)\s+(?:until|by|before|no\s+later\s+than)"
    r"|applications?\s+(?:close|closes|must\s+reach\s+us)(?:\s+on)?"
    r"|(?:deadline|closing\s+date)(?:\s+for\s+\w+)?\s+is)\b"
)
DEADLINE_LABEL = r"(?:Application\s+)?(?:Deadline|Closing\s+Date)(?:\s+for\s+applications)?"
# Where notices write their requisition number, most explicit first: a labelled field, the title, a link to the
# careers site ("jobdetail.ftl?job=250812", ".../job/250812").
REQUISITION_LINES = (
    r"^[ \t*]*(\d{5,8})[ \t*]*Requisition\s*#",
    r"\bRequisition(?:\s*(?:#|No\.?|number|ID))?[ \t*:#]*(\d{5,8})\b",
    r"\b(?:Vacancy|Job|Post|Req\.?)\s*(?:#|No\.?|number|ID|Ref\.?)[ \t*:#]*(\d{5,8})\b",
    r"\b(?:Reference|Ref\.?)(?:\s*(?:#|No\.?|number))?[ \t*]*[:#][ \t*]*(\d{5,8})\b",
)
# "Vacancy 261234 - Internship, ..." in an e-mail's subject: tried after the title, before a link.
REQUISITION_LOOSE = r"\b(?:Vacancy|Requisition|Job)\s+(\d{5,8})\b"
REQUISITION_LINK = r"[?&](?:job|jobid|req|requisition|requisitionid)=(\d{5,8})\b|/(?:jobs?|requisitions?)/(\d{5,8})\b"
TITLE_NUMBER = re.compile(r"\s*\((?:Requisition\s*|Ref\.?\s*)?#?(\d{5,8})\)\s*$", re.IGNORECASE)
# "NATO Internship - International Staff, ... Division", in any case, wherever the layout puts it.
TITLE_LINE = re.compile(r"^(?:NATO\s+)?Internship\s*[-–—]\s*(?P<rest>.+)$", re.IGNORECASE)
TITLE_LABEL = r"(?:Job\s+|Post\s+|Position\s+|Vacancy\s+)?Title"
DIVISION_LABEL = r"Division(?:\s*/\s*Office)?|Organi[sz]ational\s+Unit|Department"
BODY_LABEL = r"NATO\s+Body|Organi[sz]ation"
# A field of a header that puts several on one line: "Job Field: Internship    Organisation: NATO IS    Location: ...".
FIELD_SEPARATOR = r"(?:[ \t]{2,}|[ \t]*[|·][ \t]*)"

# The essential criteria the eligibility rules apply, read from the notice's own words.
AGE_MINIMUM = re.compile(
    rf"\b(?:at\s+least\s+(?P<a>{NUMBER})\s+years?(?:\s+old|\s+of\s+age)?|aged?\s+(?P<b>{NUMBER})\s+(?:years?\s+)?or\s+"
    rf"(?:over|above|older)|(?P<c>{NUMBER})\s+years?\s+(?:old\s+|of\s+age\s+)?or\s+(?:over|above|older)"
    rf"|minimum\s+age(?:\s+of|\s+is|:)?\s+(?P<d>{NUMBER}))\b",
    re.IGNORECASE,
)
GRADUATE_WINDOW = re.compile(
    rf"\b(?:no\s+(?:longer|more)\s+than|within(?:\s+the)?(?:\s+(?:last|past))?|less\s+than|in\s+the\s+(?:last|past))"
    rf"\s+(?P<n>{NUMBER})\s+(?P<unit>months?|years?)\b",
    re.IGNORECASE,
)
STUDY_YEARS = re.compile(
    rf"\bat\s+least\s+(?P<n>{NUMBER}|a)\s+(?:full\s+|academic\s+)?years?\s+of\s+(?:university|higher|academic|tertiary"
    rf"|undergraduate|college)",
    re.IGNORECASE,
)
# Which of the four criteria an essential criterion states, by its words.
CRITERION_KINDS = {
    "nationality": r"\bnational(?:ity|s)?\s+of\b|\bnationality\b|\bcitizen",
    "age": r"years old|years of age|\baged?\b",
    "studies": r"stud(?:ies|ent)|graduate|education|degree",
    "language": r"languages?\b|English|French",
}
# Facts a notice of the programme states; any one not found is reported at import (the vacancy is still stored).
EXPECTED_FACTS = {
    "location": "location", "schedule": "schedule", "stipend": "stipend", "duration": "duration in months",
    "hours": "hours per week", "start_periods": "start periods", "max_applications": "maximum number of applications",
    "telework": "telework", "webinar": "webinar date and time", "essential_criteria": "essential criteria",
    "minimum_age": "minimum age", "recent_graduate_months": "recent-graduate window",
    "minimum_study_years": "years of studies", "official_languages": "official languages",
    "desirable_criteria": "desirable criteria", "competencies": "competencies", "documents": "documents to attach",
    "duties": "duties", "offer": "offer list",
}

# Policy paragraphs every notice of the programme carries, found by what they say.
POLICY_PATTERNS = {
    "generative_ai": r"generative\s+(?:artificial|or creative|AI)",
    "accommodation": r"reasonable accommodation",
    "integrity": r"Building Integrity",
    "candidate_pool": r"pool of candidates",
    "no_enquiries": r"(?:telephone|phone).{0,20}e-?mail enquiries",
    "diversity": r"diversity and inclusion",
    "accuracy": r"complete and accurate",
    "no_update": r"cannot be updated after",
    "website": r"(?:Read more|more information)\b.{0,80}\b(?:website|web\s*site|terms and conditions)",
}


# What the notice says of the organisation before the duties (added for the notice topics): the training interns
# receive, the units it describes ("The CS Division is responsible for ...") and the units recruiting.
DUTIES_SECTIONS = r"daily work|what (?:will )?you(?: will)? do|duties|responsibilit|tasks|main activities"
TRAINING_SENTENCE = r"\b(?:interns?|you|trainees?)\b.*\b(?:receive|get|be given|attend|follow)\b.*\btraining\b"
UNIT_ROLE = r"\b(?:is|are)\s+(?:also\s+)?responsible\s+for\b|\bha(?:s|ve)\s+the\s+lead\s+role\b|\bleads?\s+on\b|\bin\s+charge\s+of\b"
_NAME_WORD = r"(?:[A-Z][\w’'-]*|&|and|\([A-Z&]{2,8}\))"
UNIT_NAME = re.compile(rf"(?:{_NAME_WORD}\s+)+(?:Division|Branch|Section|section|Team|team|Office|Directorate|Unit)\b"
                       rf"(?:\s*\([A-Z&]{{2,8}}\))?")
RECRUITING_SENTENCE = r"\b(?:looking\s+for|recruiting|seek(?:s|ing)?)\s+(?:an?\s+)?interns?\b"


class NoticeError(ValueError):
    """A notice that cannot be imported; the message says what is missing."""


@dataclass(frozen=True)
class Fact:
    """One thing the notice says: a value in plain words and the exact span of notice text that says it."""

    field: str
    value: str
    source: Span
    position: int = 0
    label: Optional[str] = None


@dataclass
class ParsedNotice:
    """Typed fields for querying, and the facts (with sources) they were read from."""

    text: str
    requisition: str
    title: str
    deadline: datetime
    deadline_text: str
    nato_body: Optional[str] = None
    division: Optional[str] = None
    location: Optional[str] = None
    schedule: Optional[str] = None
    grade: Optional[str] = None
    clearance_level: Optional[str] = None
    stipend_amount: Optional[Decimal] = None
    stipend_currency: Optional[str] = None
    stipend_basis: Optional[str] = None
    webinar_at: Optional[datetime] = None
    webinar_url: Optional[str] = None
    max_applications: Optional[int] = None
    duration_months: Optional[int] = None
    hours_per_week: Optional[int] = None
    telework: Optional[str] = None
    minimum_age: Optional[int] = None
    recent_graduate_months: Optional[int] = None
    minimum_study_years: Optional[int] = None
    official_languages: Optional[List[str]] = None
    facts: List[Fact] = field(default_factory=list)
    missing: List[str] = field(default_factory=list)  # what EXPECTED_FACTS the notice was not found to state
    notes: List[str] = field(default_factory=list)  # what the importer had to assume, said at import

    @property
    def names(self) -> List[str]:
        """How applicants name the vacancy, derived from the notice (see actions.understanding.vacancy_names)."""
        return [f.value for f in self.facts_for("names")]

    def facts_for(self, name: str) -> List[Fact]:
        return [f for f in self.facts if f.field == name]


def _clock_time(text: str) -> Tuple[int, int]:
    """Hour and minute of a time of day as notices write it ("23.59", "11:59 pm", "3 p.m.", "16h", "noon").

    "midnight" is 24:00, the end of the day it is given with: applications are open during that whole day.
    """
    words = text.lower()
    if "midnight" in words:
        return 24, 0
    if "noon" in words or "midday" in words:
        return 12, 0
    match = re.match(r"(\d{1,2})(?:[.:h](\d{2}))?\s*(?:([ap])\.?\s?m\b\.?)?", text.strip(), re.IGNORECASE)
    if not match:
        raise NoticeError(f"unreadable time {text!r}")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = (match.group(3) or "").lower()
    if meridiem and not 1 <= hour <= 12:
        raise NoticeError(f"unreadable time {text!r}")
    if meridiem == "p" and hour < 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        raise NoticeError(f"unreadable time {text!r}")
    return hour, minute


def parse_brussels_instant(date_text: str, time_text: Optional[str]) -> datetime:
    """A notice's date and Brussels wall-clock time as an aware instant (23:59 when no time is given).

    Notices say "CET" even in summer; the instant is the one the Brussels clock shows on that date.
    Numeric dates are day first ("11/06/2025" is 11 June) unless they start with the year (ISO 8601).
    On the clock changes a time the clock skips (02:30 on the last Sunday of March) moves on by the hour
    skipped, and a time it shows twice (02:30 on the last Sunday of October) is the first of the two,
    so that no notice is rejected for it.
    """
    try:
        day = date_parser.parse(date_text, dayfirst=not re.match(r"\s*\d{4}", date_text), fuzzy=True).date()
    except (ValueError, OverflowError) as error:
        raise NoticeError(f"unreadable date {date_text!r}") from error
    hour, minute = _clock_time(time_text) if time_text else (23, 59)
    if hour == 24:
        day, hour = day + timedelta(days=1), 0
    return tz.resolve_imaginary(datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRUSSELS))


def _date_and_time(text: str) -> Optional[Tuple[str, Optional[str]]]:
    """The first date in the text and the first time of day outside it ("by 23:59 on 5 Jan 2026" too)."""
    date = DATE.search(text)
    if not date:
        return None
    time = TIME.search(text[: date.start()] + " " * len(date.group(0)) + text[date.end():])
    return date.group(0), time.group(0) if time else None


@lru_cache(maxsize=1)
def _language_names() -> List[str]:
    """The languages a criterion may name (data/reference/languages.yml), official ones first."""
    reference = language_reference()
    return [*reference["official"], *reference["other"]]


def _number(word: str) -> Optional[int]:
    """ "21", "six", "twenty-one" as a number; None for other words."""
    words = re.split(r"[- ]", word.lower())
    if len(words) == 1:
        return int(words[0]) if words[0].isdigit() else TENS.get(words[0], NUMBER_WORDS.get(words[0]))
    tens, unit = TENS.get(words[0]), NUMBER_WORDS.get(words[1])
    return tens + unit if tens is not None and unit is not None and 0 < unit < 10 else None


def _amount(text: str) -> Decimal:
    """ "1,286.09", "1.286,09", "1 286,09" or "1286" as a Decimal.

    One or two digits after the last separator are cents; three are thousands.
    """
    digits = re.sub(r"[\s\u00a0\u202f]", "", text)
    cents = re.search(r"[.,](\d{1,2})$", digits)
    whole = re.sub(r"[.,]", "", digits[: cents.start()] if cents else digits)
    try:
        return Decimal(f"{whole}.{cents.group(1)}" if cents else whole)
    except InvalidOperation as error:
        raise NoticeError(f"unreadable amount {text!r}") from error


def _money(text: str) -> Optional[Tuple[Decimal, str, Optional[str]]]:
    """Amount, currency code and basis ("monthly") of the first sum of money in the text.

    The basis is the one written nearest the amount, so that "38 hours a week" beside it does not count.
    """
    money = MONEY.search(text)
    if not money:
        return None
    currency = money.group("before") or money.group("after")
    bases = sorted(BASIS.finditer(text), key=lambda b: min(abs(b.start() - money.end()), abs(money.start() - b.end())))
    basis = (bases[0].group(1) or bases[0].group(2)).lower() if bases else None
    return (
        _amount(money.group("amount1") or money.group("amount2")),
        CURRENCIES.get(currency.lower(), currency.upper()),
        BASIS_NAMES.get(basis, basis) if basis else None,
    )


def _start_periods(text: str) -> List[str]:
    """ "March / September 2026" or "March 2026 and September 2027" as ["March 2026", "September 2026"]."""
    periods: List[str] = []
    waiting: List[str] = []
    for found in re.finditer(rf"\b({MONTH})(?:\s+(\d{{4}}))?", text):  # case-sensitive: "may" is no month
        name = next(n for n in MONTH_NAMES if n.startswith(found.group(1)[:3]))
        waiting.append(name)
        if found.group(2):
            periods += [f"{month} {found.group(2)}" for month in waiting]
            waiting = []
    return periods


class _Extractor:
    """Reads one notice; each `_read_*` method adds facts and fills typed fields where the notice states them."""

    def __init__(self, text: str):
        self.layout = NoticeLayout(text)
        self.facts: List[Fact] = []
        self.values: Dict[str, object] = {}
        self.notes: List[str] = []  # what had to be assumed, reported at import

    def add(self, name: str, value: str, source: Span, position: int = 0, label: Optional[str] = None) -> None:
        self.facts.append(Fact(name, value, source, position, label))

    def _facts_named(self, name: str) -> List[Fact]:
        return [f for f in self.facts if f.field == name]

    def set(self, name: str, value: object, source: Span) -> None:
        """A typed field, and the fact (same name) it was read from."""
        self.values[name] = value
        self.add(name, str(value), source)

    def add_list(self, name: str, blocks: List[Block], label_of=None) -> None:
        for position, block in enumerate(blocks):
            label, value = label_of(block) if label_of else (None, block.span.clean.rstrip(",;"))
            self.add(name, value, block.span, position, label)

    def run(self) -> Dict[str, object]:
        for name in sorted(n for n in dir(self) if n.startswith("_read_")):
            getattr(self, name)()
        return self.values

    def _header(self, label: str, colon_optional: bool = False) -> Optional[Tuple[Span, str]]:
        """A header field ("Schedule: Full-time", "**Location:** Brussels", "Grade INTERN"), on a line of its own or
        among others on one line ("Job Field: Internship    Location: Brussels"); the source is the field alone.

        Without a colon only a short value on its own line counts, so that a sentence starting with the label is
        not taken.
        """
        start = rf"(?:^|(?<=\S){FIELD_SEPARATOR})[ \t#]*"
        pattern = (rf"{start}(?P<field>\**(?:{label})[ \t*]*:[ \t*]*(?P<value>[^\s*|·](?:(?!{FIELD_SEPARATOR})[^\n])*?))"
                   rf"[ \t*]*(?={FIELD_SEPARATOR}|$)")
        if colon_optional:
            pattern += rf"|^[ \t*#]*(?P<line>(?:{label})[ \t]+(?P<short>[^\s*:]\S*(?:[ \t]\S+){{0,2}}))[ \t]*$"
        found = self.layout.find_line(pattern)
        if not found:
            return None
        match, text = found[1], self.layout.text
        name = "field" if match.group("field") else "line"
        span = Span(self.layout.section_at(match.start(name)), text[match.start(name):match.end(name)],
                    match.start(name), match.end(name))
        return span, match.group("value") or match.group("short")

    def _offer_first(self, pattern: str) -> Iterator[Tuple[Span, re.Match]]:
        """Matching sentences, the offer section's first: a count of months or hours elsewhere may be about anything."""
        yield from self.layout.sentences_matching(pattern, OFFER_SECTION)
        yield from self.layout.sentences_matching(pattern)

    def _dated_sentence(self, phrase: str) -> Optional[Tuple[Span, str, Optional[str]]]:
        """The first sentence with the phrase followed by a date, with that date and its time of day."""
        for sentence, match in self.layout.sentences_matching(phrase):
            found = _date_and_time(sentence.text[match.end():])
            if found:
                return (sentence, *found)
        return None

    # Identity -------------------------------------------------------------------------------------------------
    def _read_identity(self) -> None:
        title, title_text = self._title() or (None, "")
        found = next(filter(None, map(self.layout.find_line, REQUISITION_LINES)), None)
        if not found and title:
            number = TITLE_NUMBER.search(title_text)
            found = (title, number) if number else None
        found = found or self.layout.find_line(REQUISITION_LOOSE) or self.layout.find_line(REQUISITION_LINK)
        if found:
            self.set("requisition", next(g for g in found[1].groups() if g), found[0])
        parts: List[str] = []  # "International Military Staff, Cooperative Security Division": body, ..., division
        if title:
            self.set("title", TITLE_NUMBER.sub("", title_text), title)
            dashed = TITLE_LINE.match(title_text)
            parts = [p.strip() for p in TITLE_NUMBER.sub("", dashed.group("rest")).split(",")] if dashed else []
        division = self._header(DIVISION_LABEL)
        if division:
            self.set("division", division[1], division[0])
        elif len(parts) > 1 or parts and re.search(rf"\b{ORGANISATIONAL_WORDS}\b", parts[0], re.IGNORECASE):
            self.set("division", parts[-1], title)
        body = self._header(BODY_LABEL)
        if body:
            self.set("nato_body", body[1], body[0])
        elif len(parts) > 1:
            self.set("nato_body", parts[0], title)

    def _title(self) -> Optional[Tuple[Span, str]]:
        """The title: a "NATO Internship - ..." line (with the lines a PDF wrapped it onto), else a "Title:" field."""
        for block in self.layout.blocks:
            if not TITLE_LINE.match(block.span.clean):
                continue
            text = block.span.text
            end = text.find("\n")
            while 0 <= end < len(text) and not re.search(r"[.:;!?]\s*$", text[:end]):
                following = text[end + 1:].split("\n", 1)[0]
                if ":" in following or len(clean_text(text[:end] + " " + following)) > 160:
                    break
                end = text.find("\n", end + 1)
            end = len(text) if end < 0 else end
            line = text[:end].rstrip()
            return Span(block.span.section, line, block.span.start, block.span.start + len(line)), clean_text(line)
        header = self._header(TITLE_LABEL)
        return (header[0], clean_text(header[1])) if header else None

    def _read_header_fields(self) -> None:
        """Fields that the vacancy-notification layout states in its header, one per line."""
        for name, label in (("schedule", r"Schedule"), ("grade", r"Grade"), ("clearance_level", r"Clearance\s+Level")):
            found = self._header(label, colon_optional=True)
            if found:
                self.set(name, found[1], found[0])

    # Place, time and money ------------------------------------------------------------------------------------
    def _read_location(self) -> None:
        header = self._header(r"(?:Primary\s+)?Location|Duty\s+Station|Place\s+of\s+Work")
        if header:
            self.set("location", header[1], header[0])
            return
        found = self.layout.find_sentence(
            r"(?:traineeship|internship)\b[^.]*?\bat\s+([A-Z][^,.]+?),?\s+in\s+([A-Z][\w-]+)"
        )
        if found:
            place = f"{found[1].group(1)}, {found[1].group(2)}"
            self.set("location", place, found[0])

    def _read_schedule_from_offer(self) -> None:
        if "schedule" in self.values:
            return
        found = self.layout.find_sentence(r"\b(full|part)[- ]time\b")
        if found:
            schedule = f"{found[1].group(1).capitalize()}-time"
            self.set("schedule", schedule, found[0])

    def _read_stipend(self) -> None:
        sentences = ((s, s.text) for s, _ in self._offer_first(r"\b(?:grant|stipend|allowance|salary|remuneration)\b"))
        header = self._header(r"(?:Salary|Stipend|Grant)(?:\s*\([^)\n]*\))?")
        candidates = chain(sentences, [header] if header else [])
        found = next(((source, money) for source, text in candidates if (money := _money(text))), None)
        if not found:
            return
        source, (amount, currency, basis) = found
        self.values.update(stipend_amount=amount, stipend_currency=currency, stipend_basis=basis)
        self.add("stipend", clean_text(source.text), source)
        travel = next(self._offer_first(r"travel (?:reimbursement|allowance|costs)"), None)
        if travel:
            self.add("travel_reimbursement", travel[0].clean, travel[0])

    def _read_deadline(self) -> None:
        found = self._dated_sentence(DEADLINE_PHRASE)
        if not found:
            header = self._header(DEADLINE_LABEL)
            dated = _date_and_time(header[1]) if header else None
            found = (header[0], *dated) if dated else None
        if not found:
            return
        source, date_text, time_text = found
        if time_text is None:
            self.notes.append("the deadline gives no time of day: read as 23:59 Brussels time, the end of that day")
        self.values["deadline"] = parse_brussels_instant(date_text, time_text)
        self.values["deadline_text"] = source.clean
        self.add("deadline", source.clean, source)

    def _read_webinar(self) -> None:
        found = self._dated_sentence(r"\b(?:webinar|info-?session|information\s+session)\b")
        if not found or not found[2]:
            return
        sentence, date_text, time_text = found
        self.values["webinar_at"] = parse_brussels_instant(date_text, time_text)
        self.add("webinar", sentence.clean, sentence)
        self._registration_link(sentence)

    def _registration_link(self, sentence: Span) -> None:
        """The registration link: the first link from the webinar sentence to the next heading."""
        for block in self.layout.blocks:
            if block.span.end <= sentence.start:
                continue
            if block.kind == "heading":
                return
            url = LINK.search(block.span.text, max(sentence.start - block.span.start, 0))
            if url:
                start, end = block.span.start + url.start(), block.span.start + url.end()
                self.set("webinar_url", url.group(0), Span(block.span.section, url.group(0), start, end))
                return

    def _read_offer(self) -> None:
        self.add_list("offer", self.layout.blocks_in(OFFER_SECTION, "item"))
        months = rf"^(?=.*\b(?:traineeships?|internships?|duration)\b).*?\b({NUMBER})[- ]months?\b(?!\s+ago)"
        duration = next(self._offer_first(months), None)
        if duration:
            self.values["duration_months"] = _number(duration[1].group(1))
            self.add("duration", duration[0].clean, duration[0])
        per_week = (r"(?<![\d.,])\b(\d{1,2})(?:[- ]?hours?|h)(?:\s+(?:a|per)\s+|\s*/\s*|\s+)week\b"
                    r"|\bweek\s+of\s+(\d{1,2})\s*(?:hours?|h)\b")
        hours = next(self._offer_first(per_week), None)
        if hours:
            self.values["hours_per_week"] = int(hours[1].group(1) or hours[1].group(2))
            self.add("hours", hours[0].clean, hours[0])
        starts = (
            (sentence, _start_periods(sentence.text[match.end():]))
            for sentence, match in self._offer_first(r"\b(?:start(?:s|ing)?|commenc\w*|begin(?:s|ning)?)\b")
        )
        sentence, periods = next(((s, p) for s, p in starts if p), (None, []))
        for position, period in enumerate(periods):
            self.add("start_periods", period, sentence, position)
        telework = next(self._offer_first(r"\btele-?work|\bremote\s+work|\bwork(?:ing)?\s+(?:remotely|from\s+home)"), None)
        if telework:
            self.set("telework", telework[0].clean, telework[0])

    def _read_max_applications(self) -> None:
        found = self.layout.find_sentence(
            r"(?:up\s+to|a\s+maximum\s+of|no\s+more\s+than)\s+(\w+)(?:\s*\((\d+)\))?\s+"
            r"(?:different\s+)?(?:vacanc\w*|applications?|positions?)\b"
        )
        if found:
            count = _number(found[1].group(2) or found[1].group(1))
            if count:
                self.values["max_applications"] = count
                self.add("max_applications", found[0].clean, found[0])

    # Lists ------------------------------------------------------------------------------------------------------
    def _read_criteria(self) -> None:
        essential = self.layout.blocks_in(r"^(?:essential|eligibility)", "item")
        self.add_list("essential_criteria", essential)
        self.add_list("desirable_criteria", self.layout.blocks_in(r"^(?:desirable|preferred)", "item"))
        for block in essential:
            self._typed_criterion(block)

    def _typed_criterion(self, block: Block) -> None:
        """The value the eligibility rules apply, from the criterion that states it: "be at least 18 years old"
        gives minimum_age 18; "(degree obtained no longer than 12 months ago)" recent_graduate_months 12."""
        text = block.span.text
        kinds = [kind for kind, pattern in CRITERION_KINDS.items() if re.search(pattern, text, re.IGNORECASE)]
        found: Dict[str, object] = {}
        age = AGE_MINIMUM.search(text) if "age" in kinds else None
        if age:
            found["minimum_age"] = _number(next(g for g in age.groups() if g))
        if "studies" in kinds:
            window = GRADUATE_WINDOW.search(text)
            if window:
                count = _number(window.group("n"))
                found["recent_graduate_months"] = count * 12 if count and window.group("unit").lower().startswith("year") else count
            years = STUDY_YEARS.search(text)
            if years:
                found["minimum_study_years"] = 1 if years.group("n").lower() == "a" else _number(years.group("n"))
        if "language" in kinds:
            named = [language for language in _language_names() if re.search(rf"\b{language}\b", text)]
            if named:
                found["official_languages"] = named
        for name, value in found.items():
            if value is not None and name not in self.values:
                self.values[name] = value
                self.add(name, ", ".join(value) if isinstance(value, list) else str(value), block.span)

    def _read_competencies(self) -> None:
        def label_of(block: Block) -> Tuple[Optional[str], str]:
            name, _, description = block.span.clean.partition(":")
            return (name.strip(), description.strip()) if description else (None, block.span.clean)

        self.add_list("competencies", self.layout.blocks_in(r"competenc", "item"), label_of)

    def _read_documents(self) -> None:
        """The items right after "please attach the following documents", else the items of a documents section."""
        lead = self.layout.find_sentence(r"\bthe\s+following\s+(?:\w+\s+)?documents?\b")
        if lead:
            after = [b for b in self.layout.blocks_in(re.escape(lead[0].section)) if b.span.start > lead[0].start]
            items = []
            for block in after:
                if block.kind != "item":
                    break
                items.append(block)
        else:
            items = self.layout.blocks_in(r"\bdocuments\b", "item")
        self.add_list("documents", items)
        language = self.layout.find_block(r"documents\b.*\b(?:English|French|official language)")
        if language:
            self.add("document_language", language.span.clean, language.span)

    def _read_duties(self) -> None:
        """What the intern will do: the daily-work section's items, each labelled by the lead-in it follows."""
        lead_in: Optional[str] = None
        position = 0
        for block in self.layout.blocks_in(DUTIES_SECTIONS):
            if block.kind == "paragraph":
                if block.span.text.rstrip().endswith(":"):
                    lead_in = block.span.clean
                else:
                    self.add("work_summary", block.span.clean, block.span, position)
                    position += 1
            else:
                self.add("duties", block.span.clean, block.span, len(self._facts_named("duties")), lead_in)

    def _read_names(self) -> None:
        """The names applicants give the vacancy, from its title, division and the acronyms the notice defines."""
        if "title" not in self.values:
            return
        def named(field: str) -> Optional[Tuple[str, Span]]:
            fact = next(iter(self._facts_named(field)), None)
            return (fact.value, fact.source) if fact else None

        for position, (name, source) in enumerate(
                derived_names(self.layout.text, named("requisition"), named("title"), named("division"))):
            self.add("names", name, Span(self.layout.section_at(source.start), source.text, source.start, source.end),
                     position)

    def _read_training(self) -> None:
        """The training the notice says interns receive, sentence by sentence."""
        for position, (sentence, _) in enumerate(self.layout.sentences_matching(TRAINING_SENTENCE)):
            self.add("training", sentence.clean, sentence, position)

    def _read_units(self) -> None:
        """Before the duties: each paragraph or item describing a unit ("The CS Division is responsible for ..."),
        labelled with the unit it names, with the lettered items of a "responsible for the following:" item;
        and the sentences naming the units that are recruiting ("NATO is currently looking for interns in ...")."""
        later = re.compile(rf"{DUTIES_SECTIONS}|{OFFER_SECTION}|criteria|essential", re.IGNORECASE)
        blocks = list(takewhile(lambda b: not later.search(b.span.section), self.layout.blocks))
        label: Optional[str] = None
        listing = False  # the last unit description ends in a colon: its lettered items follow
        for block in (b for b in blocks if b.kind != "heading"):
            name = UNIT_NAME.search(block.span.clean)
            if listing and block.kind == "item" and re.fullmatch(r"\(?[a-z][.)]", block.marker or ""):
                pass  # an item of the unit's list keeps its label
            elif re.search(UNIT_ROLE, block.span.text, re.IGNORECASE) and (name or label):
                label = re.sub(r"^(?:The|This|and)\s+", "", name.group(0)) if name else label
                listing = block.span.clean.endswith(":")
            else:
                listing = False
                continue
            self.add("unit_description", block.span.clean, block.span, len(self._facts_named("unit_description")), label)
        recruiting = (s for s, _ in self.layout.sentences_matching(RECRUITING_SENTENCE)
                      if any(b.span.start <= s.start < b.span.end for b in blocks))
        for position, sentence in enumerate(recruiting):
            self.add("recruiting_units", sentence.clean, sentence, position)

    def _read_policies(self) -> None:
        for key, pattern in POLICY_PATTERNS.items():
            block = self.layout.find_block(pattern)
            if block:
                self.add("policies", block.span.clean, block.span, len(self._facts_named("policies")), key)


def parse_notice(text: str, source_name: str = "notice") -> ParsedNotice:
    """Parse one notice's text; raise NoticeError naming the source and what is missing."""
    text = normalise_notice(text)
    if not text.strip():
        raise NoticeError(f"{source_name}: the file is empty")
    extractor = _Extractor(text)
    try:
        values = extractor.run()
    except (ValueError, OverflowError) as error:
        raise NoticeError(f"{source_name}: {error}") from error
    missing = [label for key, label in (("requisition", "requisition number"), ("title", "vacancy title"),
                                         ("deadline", "application deadline")) if key not in values]
    if missing:
        raise NoticeError(f"{source_name}: no {', no '.join(missing)} found; the notice was not imported")
    found = {f.field for f in extractor.facts}
    return ParsedNotice(text=text, facts=extractor.facts, missing=[k for k in EXPECTED_FACTS if k not in found],
                        notes=extractor.notes, **values)
