"""Open the vacancy database, store parsed notices in it and read vacancies back (SQLAlchemy 2.0-style API).

The SQLite file under var/ is the embedded default; any SQLAlchemy URL (PostgreSQL in production) is taken
from VACANCY_DATABASE_URL or passed explicitly.
"""
from __future__ import annotations

import hashlib
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from actions import clock
from actions.notices.parser import ParsedNotice
from actions.vacancy_db.models import Base, Fact, Vacancy

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'vacancies.sqlite3'}"
DATABASE_URL_VARIABLE = "VACANCY_DATABASE_URL"

VACANCY_COLUMNS = (
    "title", "nato_body", "division", "location", "schedule", "grade", "clearance_level", "stipend_amount",
    "stipend_currency", "stipend_basis", "deadline", "deadline_text", "webinar_at", "webinar_url",
    "max_applications", "duration_months", "hours_per_week", "telework", "minimum_age", "recent_graduate_months",
    "minimum_study_years", "official_languages",
)


def database_url(explicit: Optional[str] = None) -> str:
    return explicit or os.environ.get(DATABASE_URL_VARIABLE) or DEFAULT_DATABASE_URL


_ENGINES_LOCK = threading.Lock()  # the action server's recording thread may open the database first


def engine_for(url: str) -> Engine:
    """One engine per URL for the process, with the schema created if it is missing (once, whatever the thread)."""
    with _ENGINES_LOCK:
        return _create_engine(url)


@lru_cache(maxsize=None)
def _create_engine(url: str) -> Engine:
    options = {}
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        # SQLAlchemy 1.4 opens a file without a pool, so each session (several a turn in the action server)
        # connected anew; pooled connections (SQLAlchemy 2.0's default) may be checked out by any thread.
        options = {"poolclass": QueuePool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, future=True, pool_pre_ping=True, **options)
    Base.metadata.create_all(engine)
    _add_missing_columns(engine)
    return engine


def _add_missing_columns(engine: Engine) -> None:
    """Adds the nullable columns a newer schema has to a database created by an older one (create_all makes only
    missing tables); the next import fills them from the notices."""
    existing = inspect(engine)
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            present = {column["name"] for column in existing.get_columns(table.name)}
            for column in table.columns:
                if column.name not in present and column.nullable:
                    kind = column.type.compile(dialect=engine.dialect)
                    connection.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))


def open_session(url: Optional[str] = None) -> Session:
    return Session(engine_for(database_url(url)), future=True, expire_on_commit=False)


def store_notice(session: Session, notice: ParsedNotice, source_name: str) -> str:
    """Create or replace the vacancy of this requisition from the notice; return "created" or "updated".

    Facts are always rewritten, so that an improved importer refreshes them from the same text.
    The caller owns the transaction: one notice is stored whole or not at all.
    """
    vacancy = get_vacancy(session, notice.requisition)
    outcome = "updated" if vacancy is not None else "created"
    if vacancy is None:
        vacancy = Vacancy(requisition=notice.requisition)
        session.add(vacancy)
    for column in VACANCY_COLUMNS:
        setattr(vacancy, column, getattr(notice, column))
    vacancy.source_name = source_name
    vacancy.notice_text = notice.text
    vacancy.notice_sha256 = hashlib.sha256(notice.text.encode("utf-8")).hexdigest()
    vacancy.imported_at = clock.now()
    vacancy.facts.clear()
    session.flush()  # delete the old facts before inserting new ones under the same (field, position)
    vacancy.facts.extend(
        Fact(
            field=fact.field,
            position=fact.position,
            label=fact.label,
            value=fact.value,
            section=fact.source.section,
            quote=fact.source.text,
            start_offset=fact.source.start,
            end_offset=fact.source.end,
        )
        for fact in notice.facts
    )
    return outcome


def list_vacancies(session: Session) -> List[Vacancy]:
    return list(session.execute(select(Vacancy).order_by(Vacancy.requisition)).scalars())


_PUBLISHED: Dict[str, Tuple[tuple, List[Vacancy]]] = {}  # URL -> (the stored state, its vacancies)
_PUBLISHED_LOCK = threading.Lock()


def published_vacancies(url: Optional[str] = None) -> List[Vacancy]:
    """Every vacancy with its facts, to read only (what the assistant answers from): detached from any session,
    and loaded again only when the stored vacancies change. Reading them all with their facts, several times a
    turn, was half of the action server's time per message; each call now asks the database only for the
    requisitions, notice hashes and import times, so an import, an update or a removal shows at the next call,
    and an unreachable database still raises (the actions apologise) rather than answering from memory."""
    with open_session(url) as session:
        state = tuple(session.execute(select(Vacancy.requisition, Vacancy.notice_sha256, Vacancy.imported_at)
                                      .order_by(Vacancy.requisition)).all())
        key = str(session.get_bind().url)
        with _PUBLISHED_LOCK:
            stored_state, vacancies = _PUBLISHED.get(key, ((), []))
            if stored_state != state:
                vacancies = list_vacancies(session)
                _PUBLISHED[key] = (state, vacancies)
    return list(vacancies)


def get_vacancy(session: Session, requisition: str) -> Optional[Vacancy]:
    return session.execute(select(Vacancy).where(Vacancy.requisition == requisition)).scalar_one_or_none()
