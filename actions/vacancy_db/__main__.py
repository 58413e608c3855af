"""Command line of the vacancy database: import notices, show or list stored vacancies.

    python -m actions.vacancy_db import FILE... [--database-url URL]
    python -m actions.vacancy_db show REQUISITION [--json] [--database-url URL]
    python -m actions.vacancy_db list [--database-url URL]

Each notice is imported in its own transaction: a rejected notice leaves the database as it was, and the
command exits with status 1 after reporting every file. Each imported notice gets a summary: the vacancy, its
facts by kind, the criteria the eligibility rules will apply, what the notice was not found to state, and what
the importer had to assume.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import List, Optional

from sqlalchemy.exc import SQLAlchemyError

from actions.clock import in_brussels
from actions.notices.parser import EXPECTED_FACTS, NoticeError, ParsedNotice, parse_notice
from actions.text_files import UnreadableText, read_utf8_text
from actions.vacancy_db.export import vacancy_as_dict
from actions.vacancy_db.repository import database_url, get_vacancy, list_vacancies, open_session, store_notice

MAX_NOTICE_BYTES = 2 * 1024 * 1024


def read_notice_text(path: Path) -> str:
    """The notice as text; NoticeError when it is missing, too large, binary or not UTF-8."""
    try:
        return read_utf8_text(path, MAX_NOTICE_BYTES, "notice")
    except UnreadableText as error:
        raise NoticeError(str(error)) from error


def import_summary(notice: ParsedNotice) -> str:
    """What the import found, indented under the file's line: facts by kind, typed criteria, missing facts, notes."""
    kinds = Counter(fact.field for fact in notice.facts)
    criteria = [f"{label} {value}" for label, value in (
        ("minimum age", notice.minimum_age), ("recent graduates within (months)", notice.recent_graduate_months),
        ("years of studies", notice.minimum_study_years),
        ("official languages", "/".join(notice.official_languages or []) or None)) if value is not None]
    missing = ", ".join(f"{key} (no {EXPECTED_FACTS[key]} found)" for key in notice.missing) or "nothing"
    lines = [
        f"  facts: {len(notice.facts)} ({', '.join(f'{kind} {count}' for kind, count in sorted(kinds.items()))})",
        f"  criteria: {', '.join(criteria) or 'none read'}",
        f"  missing: {missing}",
        *(f"  note: {note}" for note in notice.notes),
    ]
    return "\n".join(lines)


def import_files(paths: List[Path], url: Optional[str]) -> int:
    failures = 0
    for path in paths:
        try:
            notice = parse_notice(read_notice_text(path), str(path))
            with open_session(url) as session, session.begin():
                outcome = store_notice(session, notice, path.name)
            print(f"{path}: {outcome} vacancy {notice.requisition} ({notice.title})")
            print(import_summary(notice))
        except NoticeError as error:
            failures += 1
            print(f"error: {error}", file=sys.stderr)
        except SQLAlchemyError as error:
            failures += 1
            print(f"error: {path}: the database refused the notice: {error.__class__.__name__}: {error}", file=sys.stderr)
    return 1 if failures else 0


def show(requisition: str, url: Optional[str], as_json: bool) -> int:
    with open_session(url) as session:
        vacancy = get_vacancy(session, requisition)
        if vacancy is None:
            known = ", ".join(v.requisition for v in list_vacancies(session)) or "none"
            print(f"error: no vacancy with requisition {requisition!r} (known: {known})", file=sys.stderr)
            return 1
        data = vacancy_as_dict(vacancy)
    if as_json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for key, value in data.items():
            if key not in ("sources", "facts"):  # the sources are for --json; the text output shows values
                print(f"{key}: {value}")
    return 0


def list_command(url: Optional[str]) -> int:
    with open_session(url) as session:
        for vacancy in list_vacancies(session):
            print(f"{vacancy.requisition}\t{vacancy.title}\tdeadline {in_brussels(vacancy.deadline).isoformat()}")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.vacancy_db", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    importer = commands.add_parser("import", help="parse notices into the database")
    importer.add_argument("files", nargs="+", type=Path)
    shower = commands.add_parser("show", help="print one stored vacancy")
    shower.add_argument("requisition")
    shower.add_argument("--json", action="store_true", help="print JSON with each value's source")
    lister = commands.add_parser("list", help="list stored vacancies")
    for sub in (importer, shower, lister):
        sub.add_argument("--database-url", default=None, help=f"SQLAlchemy URL (default: {database_url()})")
    args = parser.parse_args(argv)
    try:
        if args.command == "import":
            return import_files(args.files, args.database_url)
        if args.command == "show":
            return show(args.requisition, args.database_url, args.json)
        return list_command(args.database_url)
    except SQLAlchemyError as error:
        print(f"error: database {database_url(args.database_url)!r}: {error.__class__.__name__}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
