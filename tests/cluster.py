"""Helpers for the tests of where conversations are kept: read back exactly what a tracker store stored."""
from __future__ import annotations

import json
from typing import Dict, List

from sqlalchemy import create_engine, text

from tests.conftest import POSTGRES_ADMIN_URL


def stored_events(database_url: str, sender: str) -> List[Dict]:
    """Every event row of one conversation as the tracker store wrote it, in storage order."""
    engine = create_engine(database_url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT data FROM events WHERE sender_id = :sender ORDER BY id"),
                                      {"sender": sender})
            return [json.loads(data) for (data,) in rows]
    finally:
        engine.dispose()


def postgres_url_of(database: str) -> str:
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{database}"


def drop_postgres_database(database: str) -> None:
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    finally:
        admin.dispose()
