"""Fuzz the public REST channel with over 10,000 bad inputs (seeded, so a failure can be replayed): zero 5xx, the
servers still answer, and the vacancy database and another conversation are unchanged afterwards."""
from __future__ import annotations

import contextlib
import json
import random
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Tuple

import pytest
from sqlalchemy import MetaData, create_engine, select
from sqlalchemy import text as sql

from actions.vacancy_db.__main__ import main as vacancy_db
from channels.rest_channel import UNAVAILABLE
from tests.conftest import NOTICES, POSTGRES_ADMIN_URL
from tests.servers import Assistant, http_request, start_assistant

pytestmark = [pytest.mark.timeout(600), pytest.mark.needs_model]

SEED = 20261202
CHEAP_INPUTS = 10_000  # rejected by the channel before Rasa: bad bodies, over-long messages
NLU_INPUTS = 600  # well-formed but strange messages that go through the classifier and the actions
WORKERS = 8
NLU_WORKERS = 2  # the classifier's turns queue in one Rasa process: more at once only brings them near the timeout

WEIRD = [
    "\x00", "\u202e", "\u200b", "\u200d", "\ufeff", "\u0301", "\U0001f600", "\U0001f1fa\U0001f1e6", "\ufffd",
    "\u2028", "\r\n", "\t", "ß", "İ", "ﬁ", "Ⅻ", "٣", "ئ", "\U00010348", "\U000e0001",
]
FRAGMENTS = [
    "what is the stipend", "am I eligible", "KM", "250775", "deadline", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "'; DROP TABLE vacancies; --", "1 OR 1=1", "\" OR \"\"=\"", "{{7*7}}", "${jndi:x}",
    "%s%s%n", "../../etc/passwd", "/restart", "/ask_stipend", '/inform{"nationality":"Ukraine"}', "/affirm",
    "/deny", "/session_start", "\\u0000", "null", "[]", "{}", "stop", "yes", "I'm 20 and Polish", "\u202ecilbup",
]


def weird_text(rng: random.Random, length: int) -> str:
    parts, total = [], 0
    while total < length:
        parts.append(rng.choice(FRAGMENTS) if rng.random() < 0.5 else "".join(rng.choices(WEIRD, k=rng.randint(1, 5))))
        total += len(parts[-1]) + 1
    return " ".join(parts)[:length]


def nested(depth: int) -> bytes:
    return b'{"message": "hi", "metadata": ' + b'{"a": ' * depth + b"1" + b"}" * depth + b"}"


def bad_bodies(rng: random.Random) -> Iterator[Tuple[str, bytes]]:
    """Kinds of body the channel must refuse (400/413) or decline politely, never answer with a 5xx."""
    kinds: List[Tuple[str, Callable[[], bytes]]] = [
        ("random bytes", lambda: rng.randbytes(rng.randint(0, 3000))),
        ("JSON of another type", lambda: json.dumps(rng.choice(
            [None, True, 0, -1.5, 1e308, "message", [], [{"message": "hi"}], [1] * rng.randint(1, 500)])).encode()),
        ("message of another type", lambda: json.dumps({"sender": "fuzz", "message": rng.choice(
            [None, 5, 1.5, True, [], ["hi"], {"text": "hi"}])}).encode()),
        ("bad sender", lambda: json.dumps({"sender": rng.choice(
            ["", "a" * 65, "a b", "../x", "é", "\x00", 7, [], {}, weird_text(rng, 10)]), "message": "hi"}).encode()),
        ("bad metadata", lambda: json.dumps({"message": "hi", "metadata": rng.choice(
            [[], "en", 5, True, ["language"], {"language": ["en"]}, {"a": {"b": 1}}])}).encode()),
        ("broken JSON", lambda: json.dumps({"sender": "fuzz", "message": weird_text(rng, 40)}).encode()[
            : rng.randint(0, 30)]),
        ("invalid UTF-8", lambda: b'{"message": "' + rng.choice([b"\xc3(", b"\xff", b"\xed\xa0\x80", b"\xf8\x88"])
            + b'"}'),
        ("lone surrogate", lambda: b'{"message": "hi \\u' + rng.choice([b"d800", b"dbff", b"dc00", b"dfff"]) + b'"}'),
        ("deeply nested JSON", lambda: nested(rng.choice([999, 1_000, 10_000]))),
        ("huge JSON", lambda: json.dumps(rng.choice([[{"message": "hi"}] * 50_000, {"message": "hi", "metadata": {
            str(n): "y" * 100 for n in range(rng.randint(5_000, 20_000))}}])).encode()),
        ("over-long message", lambda: json.dumps({"sender": "fuzz-long", "message": weird_text(
            rng, rng.choice([2_001, 5_000, 20_000]))}).encode()),
    ]
    weights = [300, 120, 100, 100, 60, 120, 60, 60, 20, 1, 20]
    for _ in range(CHEAP_INPUTS):
        name, make = rng.choices(kinds, weights)[0]
        yield name, make()


def strange_messages(rng: random.Random) -> Iterator[Tuple[str, bytes]]:
    for _ in range(NLU_INPUTS):
        body = {"message": weird_text(rng, rng.randint(0, 300))}
        if rng.random() < 0.8:
            body["sender"] = f"fuzz-{rng.randrange(40)}"
        if rng.random() < 0.3:
            body["metadata"] = {"language": rng.choice(["en", "fr", "\u202e", ""]), "x": rng.random()}
        yield "strange message", json.dumps(body).encode()


# The office's log of unanswered messages grows with out-of-scope input by design (actions.unanswered); every
# other table of the vacancy database must be left as it was.
UNANSWERED_LOG = "unanswered_messages"


def vacancy_rows(database_url: str) -> Dict[str, List]:
    engine = create_engine(database_url, future=True)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        rows = {name: sorted(map(repr, connection.execute(select(table)))) for name, table in metadata.tables.items()
                if name != UNANSWERED_LOG}
    engine.dispose()
    return rows


@pytest.fixture(scope="module")
def assistant(tmp_path_factory) -> Iterator[Tuple[Assistant, str]]:
    workdir: Path = tmp_path_factory.mktemp("fuzz")
    database_url = f"sqlite:///{workdir / 'vacancies.sqlite3'}"
    assert vacancy_db(["import", *map(str, NOTICES), "--database-url", database_url]) == 0
    running = start_assistant(database_url, "2026-11-23T10:00:00+00:00", workdir / "logs")
    yield running, database_url
    running.stop()
    if running.tracker_database:
        admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
        with admin.connect() as connection:
            connection.execute(sql(f'DROP DATABASE IF EXISTS "{running.tracker_database}" WITH (FORCE)'))
        admin.dispose()


def test_bad_input_never_gets_a_5xx_and_changes_nothing_else(assistant):
    running, database_url = assistant
    witness = f"witness-{uuid.uuid4().hex[:8]}"
    running.send(witness, "am I eligible for the KM internship?")
    running.send(witness, "I'm Polish")
    witness_before, rows_before = running.tracker(witness)["events"], vacancy_rows(database_url)

    rng = random.Random(SEED)
    inputs = list(bad_bodies(rng)) + list(strange_messages(rng))
    rng.shuffle(inputs)

    nlu_turns = threading.Semaphore(NLU_WORKERS)

    def send(kind_and_body: Tuple[str, bytes]) -> Tuple[str, int, bytes]:
        kind, body = kind_and_body
        with nlu_turns if kind == "strange message" else contextlib.nullcontext():
            status, _, content = http_request(running.webhook, body, {"Content-Type": "application/json"}, timeout=60)
        return kind, status, content

    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(send, inputs))

    statuses = Counter((kind, status) for kind, status, _ in results)
    print("\n".join(f"{kind}: HTTP {status} x {count}" for (kind, status), count in sorted(statuses.items())))
    assert len(results) >= 10_000
    assert [r for r in results if r[1] >= 500] == []
    for kind, status, content in results:
        answer = json.loads(content)
        if status == 200:
            assert isinstance(answer, list) and answer and all("recipient_id" in m for m in answer), (kind, answer)
        else:
            assert status in (400, 413) and isinstance(answer["error"], str), (kind, status, answer)
    assert all(status == 200 for kind, status, _ in results if kind in ("strange message", "over-long message"))
    apologies = [(kind, content) for kind, _, content in results if UNAVAILABLE.encode() in content]
    assert apologies == []  # no input made Rasa fail

    assert "€1,286.09" in running.reply_text(f"after-{uuid.uuid4().hex[:8]}", "what is the stipend?")
    assert running.tracker(witness)["events"] == witness_before
    assert vacancy_rows(database_url) == rows_before
