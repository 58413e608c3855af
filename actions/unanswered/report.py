"""The office's report of unanswered messages: similar wordings grouped, most frequent first, as text, CSV or HTML.

The HTML page is self-contained (inline SVG, no script, no external file) so that it can be mailed or opened
from a shared drive: a bar chart of the top groups, a weekly trend and the table of every group.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape
from typing import List, Optional, Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from actions.clock import in_brussels
from actions.unanswered.grouping import group_wordings, normalise
from actions.vacancy_db.models import UnansweredMessage

REASON_LABELS = {"out_of_scope": "out of scope", "not_understood": "not understood", "not_in_notice": "not in the notice"}
TOP_GROUPS = 10


@dataclass(frozen=True)
class Group:
    """Messages asking the same thing in similar words."""

    messages: Sequence[UnansweredMessage]

    @property
    def count(self) -> int:
        return len(self.messages)

    @property
    def first_seen(self) -> datetime:
        return min(m.recorded_at for m in self.messages)

    @property
    def last_seen(self) -> datetime:
        return max(m.recorded_at for m in self.messages)

    @property
    def example(self) -> str:
        """The most frequent wording, the earliest of those on a tie."""
        counts = Counter(normalise(m.text) for m in self.messages)
        return next(m.text for m in sorted(self.messages, key=lambda m: (-counts[normalise(m.text)], m.recorded_at)))

    @property
    def reasons(self) -> str:
        return ", ".join(REASON_LABELS.get(r, r) for r in sorted({m.reason for m in self.messages}))

    @property
    def vacancies(self) -> str:
        return ", ".join(sorted({m.vacancy for m in self.messages if m.vacancy})) or "none"


def load_messages(session: Session, since: Optional[datetime]) -> List[UnansweredMessage]:
    query = select(UnansweredMessage).order_by(UnansweredMessage.recorded_at, UnansweredMessage.id)
    if since is not None:
        query = query.where(UnansweredMessage.recorded_at >= since)
    return list(session.execute(query).scalars())


def purge_before(session: Session, cutoff: datetime) -> int:
    """Deletes the records older than the cutoff; the number deleted."""
    return session.execute(delete(UnansweredMessage).where(UnansweredMessage.recorded_at < cutoff)).rowcount


def grouped(messages: Sequence[UnansweredMessage]) -> List[Group]:
    """Groups of similar wordings, most frequent first (then the most recently seen)."""
    groups = [Group([messages[i] for i in indices]) for indices in group_wordings([m.text for m in messages])]
    return sorted(groups, key=lambda g: (-g.count, -g.last_seen.timestamp()))


def brussels_time(instant: datetime) -> str:
    return f"{in_brussels(instant):%Y-%m-%d %H:%M}"


def as_text(groups: Sequence[Group], period: str) -> str:
    total = sum(g.count for g in groups)
    lines = [f"Unanswered messages {period}: {total} in {len(groups)} groups (times in Brussels)."]
    for rank, group in enumerate(groups, 1):
        lines += [
            f"{rank}. {group.count} × “{group.example}”",
            f"   first seen {brussels_time(group.first_seen)}, last seen {brussels_time(group.last_seen)}; "
            f"{group.reasons}; vacancy in focus: {group.vacancies}",
        ]
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ["rank", "count", "first_seen", "last_seen", "example", "reasons", "vacancies", "wordings"]


def as_csv(groups: Sequence[Group]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for rank, group in enumerate(groups, 1):
        wordings = " | ".join(dict.fromkeys(m.text for m in group.messages))
        writer.writerow([rank, group.count, in_brussels(group.first_seen).isoformat(),
                         in_brussels(group.last_seen).isoformat(), group.example, group.reasons, group.vacancies, wordings])
    return buffer.getvalue()


def weekly_counts(groups: Sequence[Group]) -> List[tuple]:
    """(Monday of the week in Brussels, messages that week) for every week from the first to the last, gaps as 0."""
    days = Counter()
    for group in groups:
        for message in group.messages:
            day = in_brussels(message.recorded_at).date()
            days[day - timedelta(days=day.weekday())] += 1
    if not days:
        return []
    week, last, weeks = min(days), max(days), []
    while week <= last:
        weeks.append((week, days.get(week, 0)))
        week += timedelta(days=7)
    return weeks


def _bar_chart(groups: Sequence[Group]) -> str:
    top = list(groups[:TOP_GROUPS])
    if not top:
        return "<p>No unanswered messages in this period.</p>"
    row, label_width, bar_width = 26, 360, 300
    most = max(g.count for g in top)
    bars = []
    for i, group in enumerate(top):
        y = i * row
        width = max(2, round(bar_width * group.count / most))
        label = group.example if len(group.example) <= 52 else group.example[:51] + "…"
        bars.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{width}" height="18" fill="#2f6db5"><title>{escape(group.example)}: '
            f'{group.count}</title></rect><text x="{label_width + width + 6}" y="{y + 17}">{group.count}</text>'
        )
    height = row * len(top)
    return (f'<svg role="img" aria-label="Top {len(top)} groups by count" width="{label_width + bar_width + 50}" '
            f'height="{height}" font-size="13" font-family="sans-serif">{"".join(bars)}</svg>')


def _weekly_trend(weeks: Sequence[tuple]) -> str:
    if not weeks:
        return "<p>No unanswered messages in this period.</p>"
    column, chart_height, base = 48, 160, 190
    most = max(count for _, count in weeks) or 1
    columns = []
    for i, (monday, count) in enumerate(weeks):
        x, height = i * column + 10, round(chart_height * count / most)
        columns.append(
            f'<rect x="{x}" y="{base - height}" width="{column - 12}" height="{height}" fill="#c0562f">'
            f'<title>week of {monday:%d %b %Y}: {count}</title></rect>'
            f'<text x="{x + (column - 12) / 2}" y="{base - height - 4}" text-anchor="middle">{count}</text>'
            f'<text x="{x + (column - 12) / 2}" y="{base + 16}" text-anchor="middle">{monday:%d %b}</text>'
        )
    return (f'<svg role="img" aria-label="Unanswered messages per week" width="{len(weeks) * column + 20}" '
            f'height="{base + 24}" font-size="12" font-family="sans-serif">{"".join(columns)}</svg>')


def as_html(groups: Sequence[Group], period: str, generated: datetime) -> str:
    total = sum(g.count for g in groups)
    rows = "".join(
        f"<tr><td>{rank}</td><td>{g.count}</td><td>{escape(g.example)}</td><td>{brussels_time(g.first_seen)}</td>"
        f"<td>{brussels_time(g.last_seen)}</td><td>{escape(g.reasons)}</td><td>{escape(g.vacancies)}</td></tr>"
        for rank, g in enumerate(groups, 1)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>What the notices do not answer</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:60em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}}</style></head>
<body><h1>What the notices do not answer</h1>
<p>Unanswered messages {escape(period)}: {total} in {len(groups)} groups. Generated {brussels_time(generated)}
(Brussels time). Texts are masked (e-mail addresses, telephone numbers, long numbers); no sender is recorded.</p>
<h2>Top groups</h2>{_bar_chart(groups)}
<h2>Per week</h2>{_weekly_trend(weekly_counts(groups))}
<h2>Every group</h2>
<table><thead><tr><th>#</th><th>count</th><th>example</th><th>first seen</th><th>last seen</th><th>reply</th>
<th>vacancy in focus</th></tr></thead><tbody>{rows}</tbody></table>
</body></html>
"""


def describe_period(days: Optional[int], now: datetime) -> str:
    today: date = in_brussels(now).date()
    return f"in the {days} days to {today:%d %B %Y}" if days else f"up to {today:%d %B %Y}"
