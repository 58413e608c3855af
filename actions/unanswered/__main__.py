"""Command line of the unanswered-messages record: the office's report, and deletion after the retention period.

    python -m actions.unanswered report [--days N] [--csv] [--html OUT.html] [--database-url URL]
    python -m actions.unanswered purge [--days N] [--database-url URL]

`purge` deletes the records older than the retention period: UNANSWERED_RETENTION_DAYS (default 180) or --days.
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import List, Optional

from sqlalchemy.exc import SQLAlchemyError

from actions import clock
from actions.unanswered.report import as_csv, as_html, as_text, describe_period, grouped, load_messages, purge_before
from actions.vacancy_db.repository import database_url, open_session

RETENTION_VARIABLE = "UNANSWERED_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 180


def positive_days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of days") from None
    if days < 1:
        raise argparse.ArgumentTypeError(f"{value} days: give at least 1")
    return days


def retention_days() -> int:
    """The retention period in days, from UNANSWERED_RETENTION_DAYS; a bad value is an error, not a silent default."""
    value = os.environ.get(RETENTION_VARIABLE)
    if not value:
        return DEFAULT_RETENTION_DAYS
    try:
        return positive_days(value)
    except argparse.ArgumentTypeError as error:
        raise SystemExit(f"error: {RETENTION_VARIABLE}: {error}") from None


def report(days: Optional[int], as_csv_output: bool, html_path: Optional[Path], url: Optional[str]) -> int:
    now = clock.now()
    with open_session(url) as session:
        groups = grouped(load_messages(session, now - timedelta(days=days) if days else None))
    period = describe_period(days, now)
    if html_path is not None:
        try:
            html_path.write_text(as_html(groups, period, now), encoding="utf-8")
        except OSError as error:
            print(f"error: cannot write {html_path}: {error.strerror or error}", file=sys.stderr)
            return 1
        print(f"wrote {html_path} ({len(groups)} groups)", file=sys.stderr)
    sys.stdout.write(as_csv(groups) if as_csv_output else as_text(groups, period))
    return 0


def purge(days: Optional[int], url: Optional[str]) -> int:
    kept = days or retention_days()
    cutoff = clock.now() - timedelta(days=kept)
    with open_session(url) as session, session.begin():
        deleted = purge_before(session, cutoff)
    print(f"deleted {deleted} unanswered messages recorded before {clock.in_brussels(cutoff):%Y-%m-%d %H:%M} "
          f"Brussels time (older than {kept} days)")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.unanswered", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    reporter = commands.add_parser("report", help="group the unanswered messages, most frequent first")
    reporter.add_argument("--days", type=positive_days, help="only the last N days (default: every record kept)")
    reporter.add_argument("--csv", action="store_true", help="CSV on stdout instead of text")
    reporter.add_argument("--html", type=Path, metavar="OUT.html", help="also write the HTML report to this file")
    purger = commands.add_parser("purge", help="delete the records older than the retention period")
    purger.add_argument("--days", type=positive_days,
                        help=f"keep the last N days (default: {RETENTION_VARIABLE} or {DEFAULT_RETENTION_DAYS})")
    for sub in (reporter, purger):
        sub.add_argument("--database-url", default=None, help=f"SQLAlchemy URL (default: {database_url()})")
    args = parser.parse_args(argv)
    try:
        if args.command == "report":
            return report(args.days, args.csv, args.html, args.database_url)
        return purge(args.days, args.database_url)
    except SQLAlchemyError as error:
        print(f"error: database {database_url(args.database_url)!r}: {error.__class__.__name__}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
