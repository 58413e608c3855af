"""Shared fixtures: the repository's notices, throw-away SQLite and PostgreSQL databases, a fixed clock."""
from __future__ import annotations

import os
import uuid
from datetime import datetime
from pathlib import Path
from typing import Iterator, List

import pytest
from dateutil import tz
from sqlalchemy import create_engine, text

from actions.vacancy_db.__main__ import main as vacancy_db
from actions.vacancy_db.repository import list_vacancies, open_session

ROOT = Path(__file__).resolve().parents[1]
NOTICES = sorted((ROOT / "data" / "vacancies").glob("*.txt"))
CS_NOTICE = ROOT / "data" / "vacancies" / "250770-ims-cooperative-security.txt"
KM_NOTICE = ROOT / "data" / "vacancies" / "250775-ims-km-executive-coordinator.txt"
POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")

# A fixed "now" for date-dependent answers: long after the notices' deadline of 22 June 2025.
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=tz.UTC)

# Questions about the documents that the classifier is unsure of (below the fallback threshold), worded loosely.
LOOSE_DOCUMENT_QUESTIONS = ["is a CV required?", "cv + diploma?", "CV and transcripts, needed or not", "transcripts?", "papers?",
                            "do they want a CV or not", "certificate?"]


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "needs_model: needs the trained model (models/assistant.tar.gz); `make test` runs the tests without "
        "this mark while the model trains, then these")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'vacancies.sqlite3'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards; skipped only if no server answers."""
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    name = f"vacancy_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 - any failure to reach the server means: no server here
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {error.__class__.__name__}")
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    from actions.vacancy_db.repository import engine_for

    engine_for(url).dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path: Path) -> str:
    """Each test using it runs against the embedded SQLite default and against PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def imported_url(sqlite_url: str) -> str:
    assert vacancy_db(["import", *map(str, NOTICES), "--database-url", sqlite_url]) == 0
    return sqlite_url


@pytest.fixture
def vacancies(imported_url: str) -> List:
    with open_session(imported_url) as session:
        return list_vacancies(session)
