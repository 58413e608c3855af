"""The public side on real servers: the API behind its token, CORS, the channel's checks and limits, slash-commands,
and the apology when a dependency fails (action server, vacancy database, tracker store, lock store)."""
from __future__ import annotations

import json
import os
import re
import signal
import time
import uuid
from pathlib import Path
from typing import Dict, Iterator, List

import pytest
from sqlalchemy import create_engine, text

from actions.answers.messages import msg
from actions.vacancy_db.__main__ import main as vacancy_db
from channels.rest_channel import MAX_BODY_BYTES, UNAVAILABLE
from tests.conftest import NOTICES, POSTGRES_ADMIN_URL
from tests.fault_proxy import TcpProxy
from tests.servers import PAGE_ORIGIN, Assistant, http_request, reachable, start_assistant
from tests.test_rest_e2e import LOOSE_DOCUMENT_QUESTIONS

pytestmark = [pytest.mark.timeout(600), pytest.mark.needs_model]

STORES_HERE = reachable("127.0.0.1", 5432) and reachable("127.0.0.1", 6379)
REPLY_TIMEOUT_SECONDS = 12  # credentials.yml


def admin_execute(statement: str) -> None:
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    with engine.connect() as connection:
        connection.execute(text(statement))
    engine.dispose()


@pytest.fixture(scope="module")
def proxies() -> Iterator[Dict[str, TcpProxy]]:
    """Cuttable ways to the tracker store, the lock store and the vacancy database, where PostgreSQL and Redis run."""
    if not STORES_HERE:
        yield {}
        return
    running = {"tracker store": TcpProxy(5432), "lock store": TcpProxy(6379), "vacancy database": TcpProxy(5432)}
    yield running
    for proxy in running.values():
        proxy.cut()


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, proxies) -> Iterator[Assistant]:
    workdir: Path = tmp_path_factory.mktemp("public")
    environment, vacancy_database = {}, None
    if proxies:
        vacancy_database = f"vacancy_public_{uuid.uuid4().hex[:8]}"
        admin_execute(f'CREATE DATABASE "{vacancy_database}"')
        database_url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{vacancy_database}"
        assert vacancy_db(["import", *map(str, NOTICES), "--database-url", database_url]) == 0
        database_url = database_url.replace(":5432/", f":{proxies['vacancy database'].port}/")
        environment = {"TRACKER_DB_PORT": str(proxies["tracker store"].port),
                       "REDIS_PORT": str(proxies["lock store"].port)}
    else:
        database_url = f"sqlite:///{workdir / 'vacancies.sqlite3'}"
        assert vacancy_db(["import", *map(str, NOTICES), "--database-url", database_url]) == 0
    running = start_assistant(database_url, "2026-11-23T10:00:00+00:00", workdir / "logs", environment=environment)
    yield running
    running.stop()
    for database in filter(None, (running.tracker_database, vacancy_database)):
        admin_execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def sender() -> str:
    return f"public-{uuid.uuid4().hex[:8]}"


def post(assistant: Assistant, body: bytes, headers: Dict[str, str] = None):
    status, _, content = http_request(assistant.webhook, body, {"Content-Type": "application/json", **(headers or {})})
    return status, json.loads(content)


def texts(messages: List[Dict]) -> str:
    return "\n".join(m["text"] for m in messages if "text" in m)


def user_events(assistant: Assistant, sender_id: str) -> List[Dict]:
    return [e for e in assistant.tracker(sender_id)["events"] if e["event"] == "user"]


# --- Rasa's HTTP API: only with the token ---------------------------------------------------------------------

PROTECTED = [
    ("GET", "/conversations/{}/tracker"), ("GET", "/conversations/{}/story"),
    ("POST", "/conversations/{}/tracker/events"), ("PUT", "/conversations/{}/tracker/events"),
    ("POST", "/conversations/{}/messages"), ("POST", "/conversations/{}/execute"),
    ("POST", "/conversations/{}/trigger_intent"), ("POST", "/conversations/{}/predict"),
    ("GET", "/status"), ("GET", "/domain"), ("POST", "/model/parse"), ("PUT", "/model"), ("DELETE", "/model"),
    ("POST", "/model/train"), ("POST", "/model/test/intents"),
]


@pytest.fixture(scope="module")
def private_conversation(assistant) -> str:
    user = sender()
    assistant.send(user, "I'm 20 and Polish")
    return user


@pytest.mark.parametrize("token", [None, "wrong-token"])
@pytest.mark.parametrize("method,path", PROTECTED)
def test_api_endpoints_refuse_requests_without_the_right_token(assistant, private_conversation, method, path, token):
    url = f"{assistant.url}{path.format(private_conversation)}" + (f"?token={token}" if token else "")
    status, _, body = http_request(url, b"{}" if method != "GET" else None, {"Content-Type": "application/json"},
                                   method=method)
    assert status == 401, body
    assert b"Polish" not in body and b"assistant.tar.gz" not in body


def test_api_works_with_the_token(assistant):
    user = sender()
    assistant.send(user, "I'm 20 and Polish, can I apply?")
    assert [e["text"] for e in user_events(assistant, user)] == ["I'm 20 and Polish, can I apply?"]
    status, _, story = http_request(assistant.api_url(f"/conversations/{user}/story"))
    assert status == 200 and f"story: {user}".encode() in story and b"Polish" in story
    event = json.dumps({"event": "slot", "name": "vacancy", "value": "250775"}).encode()
    status, _, _ = http_request(assistant.api_url(f"/conversations/{user}/tracker/events"), event,
                                {"Content-Type": "application/json"})
    assert status == 200 and assistant.tracker(user)["slots"]["vacancy"] == "250775"
    status, _, body = http_request(assistant.api_url("/status"))
    assert status == 200 and json.loads(body)["model_file"] == "assistant.tar.gz"
    assert assistant.parse("what is the stipend?")["intent"]["name"] == "ask_stipend"


# --- CORS: the configured origins only -------------------------------------------------------------------------

def test_cors_allows_the_page_origin_only(assistant):
    body = json.dumps({"message": "hello"}).encode()
    for headers in ({}, {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}):
        method = "OPTIONS" if headers else "POST"
        _, allowed, _ = http_request(assistant.webhook, body if not headers else None,
                                     {"Origin": PAGE_ORIGIN, **headers}, method=method)
        assert allowed.get("Access-Control-Allow-Origin") == PAGE_ORIGIN
        _, other, _ = http_request(assistant.webhook, body if not headers else None,
                                   {"Origin": "https://attacker.example", **headers}, method=method)
        assert "Access-Control-Allow-Origin" not in other and "Access-Control-Allow-Credentials" not in other


# --- The channel's checks ----------------------------------------------------------------------------------------

BAD_BODIES = [
    b"", b"null", b"[]", b"5", b'"hello"', b"true", b"{", b'{"message": "hi"', b"\xff\xfe\x00", b'{"message": "\xc3("}',
    b'{"message": null}', b'{"message": 5}', b'{"message": ["hi"]}', b'{"message": {"text": "hi"}}', b'{}',
    b'{"text": "hi"}', b'{"message": "\\ud800"}', b'{"message": "hi", "metadata": []}',
    b'{"message": "hi", "metadata": "en"}',
    b'{"message": "hi", "metadata": {"language": ["en"]}}', b'{"message": "hi", "metadata": {"language": "\\udfff"}}',
    b"[" * 100000 + b"]" * 100000, b'{"message": "hi", "metadata": ' + b'{"a":' * 50000 + b"1" + b"}" * 50000 + b"}",
]


@pytest.mark.parametrize("body", BAD_BODIES, ids=lambda body: repr(body[:40]))
def test_a_body_that_is_not_a_json_object_with_a_string_message_gets_a_400(assistant, body):
    status, answer = post(assistant, body)
    assert status == 400
    assert re.search(r'JSON object|"message"|"metadata"', answer["error"])


@pytest.mark.parametrize("bad_sender", ["", "a" * 65, "a b", "../status", "é", "x\x00", 5, ["x"], {"id": "x"}, True])
def test_a_sender_id_must_be_short_letters_digits_dashes(assistant, bad_sender):
    status, answer = post(assistant, json.dumps({"sender": bad_sender, "message": "hello"}).encode())
    assert status == 400 and '"sender"' in answer["error"]


def test_a_body_over_a_mebibyte_gets_a_413(assistant):
    status, answer = post(assistant, json.dumps({"message": "x" * MAX_BODY_BYTES}).encode())
    assert status == 413 and "must not exceed 1,048,576 bytes" in answer["error"]


def test_replies_keep_the_rest_channel_format_and_streaming_is_not_offered(assistant):
    user = sender()
    body = json.dumps({"sender": user, "message": "how much is the stipend for the KM internship?"}).encode()
    status, headers, content = http_request(f"{assistant.webhook}?stream=true", body, {"Content-Type": "application/json"})
    replies = json.loads(content)
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert replies[0]["recipient_id"] == user and "€1,286.09" in replies[0]["text"]
    assert replies[1]["custom"]["sources"][0]["requisition"] == "250775"
    assert http_request(f"{assistant.url}/webhooks/rest/")[2] == b'{"status":"ok"}'


def test_metadata_is_passed_to_the_conversation(assistant):
    user = sender()
    post(assistant, json.dumps({"sender": user, "message": "hello", "metadata": {"language": "fr"}}).encode())
    assert user_events(assistant, user)[0]["metadata"]["language"] == "fr"


def test_a_message_without_sender_gets_a_conversation_of_its_own(assistant):
    _, first = post(assistant, json.dumps({"message": "is the KM internship remote?"}).encode())
    _, second = post(assistant, json.dumps({"sender": None, "message": "and how much does it pay?"}).encode())
    first_id, second_id = first[0]["recipient_id"], second[0]["recipient_id"]
    assert re.fullmatch(r"[0-9a-f]{32}", first_id) and re.fullmatch(r"[0-9a-f]{32}", second_id)
    assert first_id != second_id
    assert [e["text"] for e in user_events(assistant, first_id)] == ["is the KM internship remote?"]
    assert [e["text"] for e in user_events(assistant, second_id)] == ["and how much does it pay?"]
    assert "250775" in texts(first) and "250770" in texts(second)  # no focus carried over from the other one
    assert user_events(assistant, "default") == []


@pytest.mark.parametrize("length", [2001, 200_000])
def test_a_message_over_the_limit_is_declined_and_not_processed(assistant, length):
    user = sender()
    replies = assistant.send(user, "what is the stipend? " + "x" * (length - 21))
    assert replies == [{"recipient_id": user, "text": replies[0]["text"]}]
    assert replies[0]["text"].startswith("Sorry, your message is longer than 2,000 characters, so I have not read it.")
    assert user_events(assistant, user) == []


def test_a_message_at_the_limit_is_processed(assistant):
    user = sender()
    message = "what is the stipend? " + "x" * (2000 - 21)
    assistant.send(user, message)
    assert [e["text"] for e in user_events(assistant, user)] == [message]


# --- Slash-commands: the two button payloads, everything else read as words -------------------------------------

@pytest.mark.parametrize("typed,read", [("/restart", "restart"), ("/ask_stipend", "ask_stipend"),
                                        ('/inform{"nationality":"Ukraine"}', 'inform{"nationality":"Ukraine"}'),
                                        ("  //session_start", "session_start")])
def test_a_typed_slash_command_is_read_as_text(assistant, typed, read):
    user = sender()
    assistant.send(user, "is the KM internship remote?")
    replies = assistant.send(user, typed)
    assert texts(replies) and UNAVAILABLE not in texts(replies)
    latest = assistant.tracker(user)["latest_message"]
    assert latest["text"] == read
    assert len(latest["intent_ranking"]) > 1  # the classifier ranked it (an injected intent has no ranking)
    assert not any(e["entity"] == "nationality" for e in latest["entities"])
    assert len(user_events(assistant, user)) == 2  # not restarted


def test_the_button_payloads_keep_their_meaning(assistant):
    unsure = [q for q in LOOSE_DOCUMENT_QUESTIONS
              if [r["name"] for r in assistant.parse(q)["intent_ranking"][:2]] == ["nlu_fallback", "ask_documents"]]
    assert unsure
    user = sender()
    offered = assistant.send(user, unsure[0])
    assert [b["payload"] for b in offered[0]["buttons"]] == ["/affirm", "/deny"]
    assert "Proof of ongoing studies" in assistant.reply_text(user, "/affirm")
    assert assistant.tracker(user)["latest_message"]["intent"]["name"] == "affirm"
    assistant.send(user, unsure[0])
    assert assistant.reply_text(user, "/deny").startswith("OK. Is there anything else")


# --- Faults: an apology within the bounded time, then service again ---------------------------------------------

def assert_apology_in_time(assistant: Assistant, user: str, text: str) -> None:
    started = time.monotonic()
    replies = assistant.send(user, text)
    assert replies == [{"recipient_id": user, "text": UNAVAILABLE}]
    assert time.monotonic() - started < REPLY_TIMEOUT_SECONDS + 3


def assert_answers_with_the_focus_kept(assistant: Assistant, user: str) -> None:
    reply = assistant.reply_text(user, "and how much does it pay?")
    assert "€1,286.09" in reply and "250775" in reply and "250770" not in reply


def test_action_server_killed_then_back(assistant):
    user = sender()
    assistant.send(user, "is the KM internship remote?")
    assistant.processes[0].kill()
    assistant.processes[0].wait()
    assert_apology_in_time(assistant, user, "what is the stipend?")
    assistant.restart_action_server()
    assert_answers_with_the_focus_kept(assistant, user)


def test_action_server_paused_then_resumed(assistant):
    user = sender()
    assistant.send(user, "is the KM internship remote?")
    os.kill(assistant.processes[0].pid, signal.SIGSTOP)
    try:
        assert_apology_in_time(assistant, user, "what is the stipend?")
    finally:
        os.kill(assistant.processes[0].pid, signal.SIGCONT)
    assert_answers_with_the_focus_kept(assistant, user)


# A stalled Redis lock store gives up after its socket timeout (10 s in Rasa), within the channel's bound.
@pytest.mark.skipif(not STORES_HERE, reason="PostgreSQL or Redis is not running here")
@pytest.mark.parametrize("dependency,fault", [("tracker store", "cut"), ("lock store", "cut"), ("lock store", "stall")])
def test_store_unreachable_then_back(assistant, proxies, dependency, fault):
    user = sender()
    assistant.send(user, "is the KM internship remote?")
    getattr(proxies[dependency], fault)()
    try:
        assert_apology_in_time(assistant, user, "what is the stipend?")
        assert_apology_in_time(assistant, sender(), "hello")
    finally:
        proxies[dependency].restore()
    assert_answers_with_the_focus_kept(assistant, user)


@pytest.mark.skipif(not STORES_HERE, reason="PostgreSQL is not running here")
def test_vacancy_database_unreachable_then_back(assistant, proxies):
    user = sender()
    assistant.send(user, "is the KM internship remote?")
    proxies["vacancy database"].cut()
    try:
        assert assistant.reply_text(user, "what is the stipend?") == msg("actions.database_down")
    finally:
        proxies["vacancy database"].restore()
    assert_answers_with_the_focus_kept(assistant, user)
