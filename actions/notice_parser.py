"""Read the facts of an internship vacancy notice, each with the sentence it comes from.

Written for the notice family (NATO internship notices in their careers-page and vacancy-notification
layouts), not for particular files: every fact is found by what the sentence says, wherever it stands.
A notice without a requisition number or a deadline cannot be answered about and is rejected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Dict, List, Optional, Tuple

from dateutil import parser as date_parser

from actions.clock import BRUSSELS
from actions.notice_layout import Block, NoticeLayout, Span, clean_text

CURRENCIES = {"€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "$": "USD", "usd": "USD"}
NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

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
}


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
    facts: List[Fact] = field(default_factory=list)

    def facts_for(self, name: str) -> List[Fact]:
        return [f for f in self.facts if f.field == name]


def parse_brussels_instant(date_text: str, time_text: Optional[str]) -> datetime:
    """A notice's date and Brussels wall-clock time as an aware instant.

    Notices say "CET" even in summer; the instant is the one the Brussels clock shows on that date.
    Numeric dates are day first ("11/06/2025" is 11 June).
    """
    day = date_parser.parse(date_text, dayfirst=True, fuzzy=True)
    hour, minute = 23, 59
    if time_text:
        match = re.match(r"(\d{1,2})(?:[.:h](\d{2}))?\s*([ap])?\.?\s*m?\.?", time_text.strip(), re.IGNORECASE)
        if not match:
            raise NoticeError(f"unreadable time {time_text!r}")
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        meridiem = (match.group(3) or "").lower()
        if meridiem == "p" and hour < 12:
            hour += 12
        elif meridiem == "a" and hour == 12:
            hour = 0
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BRUSSELS)


def _number(word: str) -> Optional[int]:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _amount(text: str) -> Decimal:
    """ "1,286.09" or "1.286,09" as a Decimal."""
    digits = text.strip().rstrip(".,")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})*,\d{1,2}", digits):
        digits = digits.replace(".", "").replace(",", ".")
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation as error:
        raise NoticeError(f"unreadable amount {text!r}") from error


class _Extractor:
    """Reads one notice; each `_read_*` method adds facts and fills typed fields where the notice states them."""

    DATE = rf"\d{{1,2}}[-/. ](?:\d{{1,2}}|{MONTHS}|[A-Z][a-z]{{2}})[-/. ]\d{{4}}"
    TIME = r"\d{1,2}(?:[.:h]\d{2})?\s*(?:[ap]\.?m\.?)?"

    def __init__(self, text: str):
        self.layout = NoticeLayout(text)
        self.facts: List[Fact] = []
        self.values: Dict[str, object] = {}

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

    # Identity -------------------------------------------------------------------------------------------------
    def _read_identity(self) -> None:
        found = self.layout.find_line(r"^\s*(\d{5,8})\s*Requisition\s*#") or self.layout.find_line(
            r"Requisition\s*(?:#|No\.?|number)?\s*:?\s*(\d{5,8})"
        )
        title = self.layout.find_line(r"^\s*(?:NATO\s+)?Internship\s*[-–—]\s*(.+?)\s*$")
        if not found and title:
            number = re.search(r"\((\d{5,8})\)\s*$", title[0].text)
            found = (title[0], number) if number else None
        if found:
            self.set("requisition", found[1].group(1), found[0])
        if title:
            title_text = re.sub(r"\s*\(\d{5,8}\)\s*$", "", clean_text(title[0].text))
            self.set("title", title_text, title[0])
            parts = [p.strip() for p in title[1].group(1).split(",")]
            parts[-1] = re.sub(r"\s*\(\d{5,8}\)$", "", parts[-1])
            if len(parts) > 1:
                self.set("division", parts[-1], title[0])
        body = self.layout.find_line(r"^\s*NATO Body\s*:\s*(.+?)\s*$")
        if body:
            self.set("nato_body", body[1].group(1), body[0])
        elif title and "," in title[1].group(1):
            name = title[1].group(1).split(",")[0].strip()
            self.set("nato_body", name, title[0])

    def _read_header_fields(self) -> None:
        """Fields that the vacancy-notification layout states in its header, one per line."""
        for name, label in (("schedule", r"Schedule"), ("grade", r"Grade"), ("clearance_level", r"Clearance Level")):
            found = self.layout.find_line(rf"^\s*{label}\s*:?[ \t]+(\S.*?)\s*$")
            if found:
                self.set(name, found[1].group(1), found[0])

    # Place, time and money ------------------------------------------------------------------------------------
    def _read_location(self) -> None:
        header = self.layout.find_line(r"^\s*(?:Primary\s+)?Location\s*:\s*(.+?)\s*$")
        if header:
            self.set("location", header[1].group(1), header[0])
            return
        found = self.layout.find_sentence(r"(?:traineeship|internship) at ([^,.]+?),? in ([A-Z][\w-]+)")
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
        found = self.layout.find_sentence(
            r"\b(monthly|weekly|annual|yearly)?\s*(?:grant|stipend|allowance|salary|remuneration)\s+of\s+"
            r"(€|EUR|Euros?|£|\$)\s?(\d[\d.,]*\d)"
        )
        if found:
            basis, currency, amount = found[1].group(1), found[1].group(2), found[1].group(3)
        else:
            found = self.layout.find_line(r"^\s*Salary[^:]*:\s*(\d[\d.,]*\d)\s*(Euro|EUR|€)?\b.*?\b(Monthly|Weekly|Annual)")
            if not found:
                return
            amount, currency, basis = found[1].group(1), found[1].group(2) or "EUR", found[1].group(3)
        self.values["stipend_amount"] = _amount(amount)
        self.values["stipend_currency"] = CURRENCIES.get(currency.lower(), currency.upper())
        self.values["stipend_basis"] = (basis or "").lower() or None
        self.add("stipend", clean_text(found[0].text), found[0])
        travel = self.layout.find_sentence(r"travel (?:reimbursement|allowance|costs)")
        if travel:
            self.add("travel_reimbursement", travel[0].clean, travel[0])

    def _read_deadline(self) -> None:
        found = self.layout.find_sentence(
            rf"(?:Apply|applications?\s+(?:must be|should be)?\s*(?:received|submitted)?)\s+(?:until|by|before|no later than)\s+"
            rf"(?:the\s+)?(?P<date>\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}}|{self.DATE})(?:\s+at\s+(?P<time>{self.TIME}))?"
        )
        if found:
            match = found[1]
            self.values["deadline"] = parse_brussels_instant(match.group("date"), match.group("time"))
        else:
            found = self.layout.find_line(rf"^\s*(?:Application\s+)?Deadline\s*:\s*(?P<date>{self.DATE}|.+?)\s*$")
            if not found:
                return
            self.values["deadline"] = parse_brussels_instant(found[1].group("date"), None)
        self.values["deadline_text"] = found[0].clean
        self.add("deadline", found[0].clean, found[0])

    def _read_webinar(self) -> None:
        found = self.layout.find_sentence(
            rf"(?:webinar|info-?session).*?\bon\s+\**(?P<date>{self.DATE}|\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}})"
            rf"\s+at\s+(?P<time>{self.TIME})"
        )
        if not found:
            return
        self.values["webinar_at"] = parse_brussels_instant(found[1].group("date"), found[1].group("time"))
        self.add("webinar", found[0].clean, found[0])
        link = re.compile(r"https?://\S+")
        later = [b for b in self.layout.blocks if b.span.start > found[0].start and link.search(b.span.text)]
        if later:
            url = link.search(later[0].span.text)
            span = later[0].span
            url_span = Span(span.section, url.group(0), span.start + url.start(), span.start + url.end())
            self.set("webinar_url", url.group(0).rstrip(").,"), url_span)

    def _read_offer(self) -> None:
        items = self.layout.blocks_in(r"offer", "item")
        self.add_list("offer", items)
        duration = self.layout.find_sentence(r"\b(\d+|\w+)[- ]months?\b.*?(?:traineeship|internship)")
        if duration and _number(duration[1].group(1)):
            self.values["duration_months"] = _number(duration[1].group(1))
            self.add("duration", duration[0].clean, duration[0])
        hours = self.layout.find_sentence(r"\b(\d+)\s*hours?\s+(?:a|per)\s+week")
        if hours:
            self.values["hours_per_week"] = int(hours[1].group(1))
            self.add("hours", hours[0].clean, hours[0])
        starts = self.layout.find_sentence(rf"start(?:ing|s)?\s+(?:in|on|from)\s+((?:(?:{MONTHS})\s*(?:/|,|or|and)?\s*)+)(\d{{4}})")
        if starts:
            year = starts[1].group(2)
            for position, month in enumerate(re.findall(MONTHS, starts[1].group(1))):
                self.add("start_periods", f"{month} {year}", starts[0], position)
        telework = self.layout.find_sentence(r"\btele-?work")
        if telework:
            self.set("telework", telework[0].clean, telework[0])

    def _read_max_applications(self) -> None:
        found = self.layout.find_sentence(r"apply (?:for|to) up to (\w+)(?:\s*\((\d+)\))?")
        if found:
            count = _number(found[1].group(2) or found[1].group(1))
            if count:
                self.values["max_applications"] = count
                self.add("max_applications", found[0].clean, found[0])

    # Lists ------------------------------------------------------------------------------------------------------
    def _read_criteria(self) -> None:
        self.add_list("essential_criteria", self.layout.blocks_in(r"^essential", "item"))
        self.add_list("desirable_criteria", self.layout.blocks_in(r"^desirable", "item"))

    def _read_competencies(self) -> None:
        def label_of(block: Block) -> Tuple[Optional[str], str]:
            name, _, description = block.span.clean.partition(":")
            return (name.strip(), description.strip()) if description else (None, block.span.clean)

        self.add_list("competencies", self.layout.blocks_in(r"competenc", "item"), label_of)

    def _read_documents(self) -> None:
        lead = self.layout.find_sentence(r"attach the following documents")
        if lead:
            section_blocks = self.layout.blocks_in(re.escape(lead[0].section))
            after = [b for b in section_blocks if b.span.start > lead[0].start]
            items = []
            for block in after:
                if block.kind != "item":
                    break
                items.append(block)
            self.add_list("documents", items)
        language = self.layout.find_block(r"documents\b.*\b(?:English|French|official language)")
        if language:
            self.add("document_language", language.span.clean, language.span)

    def _read_duties(self) -> None:
        """What the intern will do: the daily-work section's items, each labelled by the lead-in it follows."""
        lead_in: Optional[str] = None
        position = 0
        for block in self.layout.blocks_in(r"daily work|what will you do|duties|responsibilit|tasks"):
            if block.kind == "paragraph":
                if block.span.text.rstrip().endswith(":"):
                    lead_in = block.span.clean
                else:
                    self.add("work_summary", block.span.clean, block.span, position)
                    position += 1
            else:
                self.add("duties", block.span.clean, block.span, len(self._facts_named("duties")), lead_in)

    def _read_policies(self) -> None:
        for key, pattern in POLICY_PATTERNS.items():
            block = self.layout.find_block(pattern)
            if block:
                self.add("policies", block.span.clean, block.span, len(self._facts_named("policies")), key)


def parse_notice(text: str, source_name: str = "notice") -> ParsedNotice:
    """Parse one notice's text; raise NoticeError naming the source and what is missing."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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
    return ParsedNotice(text=text, facts=extractor.facts, **values)
