"""The shape of every factual reply: the answer in plain words, then where it comes from.

Every word comes from the message catalogue (messages.py), every date, time and duration from Babel. A reply
renders as text for the REST channel and as a structured payload (requisition, section, quote) for
richer clients. Citations that quote the same sentence under the same heading in several vacancies are
shown once, naming each vacancy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Dict, List, Optional, Tuple

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from actions.answers.messages import and_list, date_time, msg, quantity
from actions.clock import BRUSSELS, in_brussels
from actions.notices.layout import clean_text
from actions.understanding.timezones import Zone, offset_label

# The two largest calendar units of an interval, as CLDR units ("2 months and 3 days").
INTERVAL_UNITS = ("duration-year", "duration-month", "duration-day", "duration-hour", "duration-minute")


@dataclass(frozen=True)
class Citation:
    requisition: str
    title: str
    section: str
    quote: str

    def as_payload(self) -> Dict[str, str]:
        return {"requisition": self.requisition, "title": self.title, "section": self.section, "quote": self.quote}


@dataclass(frozen=True)
class Answer:
    text: str
    citations: Tuple[Citation, ...] = field(default_factory=tuple)
    topic: Optional[str] = None
    quoted_inline: bool = False  # the text already quotes the sources word for word

    def render(self) -> str:
        return "\n".join([self.text, *self._source_lines()])

    def _source_lines(self) -> List[str]:
        """One line per quoted sentence (or per section when the text quotes them), naming every vacancy."""
        grouped: Dict[Tuple[str, str], List[Citation]] = {}
        for citation in self.citations:
            key = (citation.section, "" if self.quoted_inline else citation.quote)
            grouped.setdefault(key, []).append(citation)
        lines = []
        for (section, quote), citations in grouped.items():
            vacancies = _unique(citations)
            names = and_list([f"{c.requisition} ({c.title})" for c in vacancies])
            where = msg("source.vacancies" if len(vacancies) > 1 else "source.vacancy", vacancies=names, section=section)
            lines.append(msg("source.quoted_above", source=where) if self.quoted_inline
                         else msg("source.quote", source=where, quote=quote))
        return lines

    def payload(self) -> Dict[str, Any]:
        return {"topic": self.topic, "answer": self.text, "sources": [c.as_payload() for c in self.citations]}


def _unique(citations: List[Citation]) -> List[Citation]:
    seen: Dict[str, Citation] = {}
    for citation in citations:
        seen.setdefault(citation.requisition, citation)
    return list(seen.values())


def cite(vacancy, fact) -> Citation:
    """A citation of one stored fact of a vacancy, its quote as a reader sees it."""
    return Citation(vacancy.requisition, short_title(vacancy), fact.section, clean_text(fact.quote))


def short_title(vacancy) -> str:
    """The title without the programme prefix shared by every notice ("NATO Internship - ")."""
    title = vacancy.title
    return title.split(" - ", 1)[1] if " - " in title else title


def vacancy_label(vacancy) -> str:
    return f"{vacancy.requisition} ({short_title(vacancy)})"


def quoted(text: str) -> str:
    """A sentence of the notice, in the quotation marks of the reply's language."""
    return msg("format.quoted", quote=text)


def format_instant(instant: datetime) -> str:
    """ "Sunday 22 June 2025 at 23:59 Brussels time (UTC+02:00)"."""
    local = in_brussels(instant)
    return msg("format.brussels_instant", date=date_time(local, "pattern.date"), time=date_time(local, "pattern.time"),
               offset=offset_label(local.utcoffset()))


def format_instant_in(instant: datetime, zone: Zone) -> str:
    """The instant in the zone: "Wednesday 11 June 2025, 10:00 (America/New_York, UTC-04:00)"."""
    if instant.tzinfo is None:
        raise ValueError("format_instant_in needs an aware datetime, got a naive one")
    local = instant.astimezone(zone.tz)
    offset = offset_label(local.utcoffset())
    name = zone.name or zone.label
    return msg("format.zone_instant", date=date_time(local, "pattern.date"), time=date_time(local, "pattern.time"),
               zone=offset if name == offset else f"{name}, {offset}")


def describe_interval(earlier: datetime, later: datetime) -> str:
    """The time between two instants in the two largest calendar units: "2 months and 3 days", "5 hours"."""
    delta = relativedelta(in_brussels(later), in_brussels(earlier))
    counts = (delta.years, delta.months, delta.days, delta.hours, delta.minutes)
    first = next((i for i, n in enumerate(counts) if n), None)
    if first is None:
        return msg("format.less_than_a_minute")
    return and_list([quantity(n, unit) for n, unit in zip(counts[first:first + 2], INTERVAL_UNITS[first:first + 2]) if n])


def period_bounds(period: str) -> Optional[Tuple[datetime, datetime]]:
    """The Brussels instants a written period ("September 2026", "12 March 2026") begins and ends, or None when
    it names no year or cannot be read. Read twice with different defaults: a part that changes with the
    default was not written, so "March 2026" is the whole month and "12 March 2026" one day."""
    try:
        first = date_parser.parse(period, default=datetime(1, 1, 1))
        second = date_parser.parse(period, default=datetime(4, 2, 2))
    except (ValueError, OverflowError):
        return None
    if first.year != second.year:
        return None
    if first.day == second.day and first.month == second.month:
        length = relativedelta(days=1)
    elif first.month == second.month:
        length = relativedelta(months=1)
    else:
        length = relativedelta(years=1)
    begins = datetime(first.year, first.month if first.month == second.month else 1,
                      first.day if first.day == second.day else 1, tzinfo=BRUSSELS)
    return begins, begins + length


def period_words(period: str) -> str:
    """A start period in the reply's language ("March 2026" -> "mars 2026"); one not read as a whole month of a
    year is kept as the notice writes it."""
    bounds = period_bounds(period)
    if bounds is None or bounds[1] != bounds[0] + relativedelta(months=1):
        return period
    return date_time(bounds[0], "pattern.month")


def period_status(period: str, now: datetime) -> Optional[str]:
    """ "passed" once the whole period is over in Brussels, "begun" during it, "ahead" before it, None if unread."""
    bounds = period_bounds(period)
    if bounds is None:
        return None
    begins, ends = bounds
    if now >= ends:
        return "passed"
    return "begun" if now >= begins else "ahead"


def bullet_list(items: List[str]) -> str:
    return "\n".join(f"- {item}" for item in items)
