"""The chat page server over HTTP: static files only from web/static/, security headers on every response,
CORS only for configured origins, and the proxy to Rasa failing fast with a JSON 502/503/504."""
from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.request
from typing import Awaitable, Callable, Dict, List, Optional, Tuple

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from actions.vacancy_db.__main__ import main as vacancy_db
from tests.conftest import NOTICES, ROOT
from tests.servers import free_port, reachable
from web.page_server import content_security_policy, create_app, parse_origins

EMBEDDING_SITE = "https://careers.example.org"


def run(scenario: Callable[[TestClient], Awaitable[None]], upstream: Optional[web.Application] = None, **settings) -> None:
    """Run `scenario` against a page server whose Rasa is `upstream` (or a closed port)."""
    async def main() -> None:
        upstream_server = TestServer(upstream) if upstream is not None else None
        if upstream_server:
            await upstream_server.start_server()
        rasa_url = str(upstream_server.make_url("")) if upstream_server else f"http://127.0.0.1:{free_port()}"
        async with TestClient(TestServer(create_app(rasa_url, **settings))) as client:
            await scenario(client)
        if upstream_server:
            await upstream_server.close()

    asyncio.run(main())


def fake_rasa(handler: Callable[[web.Request], Awaitable[web.StreamResponse]], seen: Optional[List] = None) -> web.Application:
    async def webhook(request: web.Request) -> web.StreamResponse:
        if seen is not None:
            seen.append(await request.json())
        return await handler(request)

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    return app


async def raw_get(client: TestClient, path: str) -> Tuple[int, Dict[str, str], bytes]:
    """A GET sent byte for byte, so that no client library tidies "../" or "%2e%2e" away first."""
    reader, writer = await asyncio.open_connection(client.host, client.port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode("latin-1"))
    await writer.drain()
    response = await reader.read()
    writer.close()
    head, _, body = response.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


def assert_security_headers(headers) -> None:
    policy = headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                      "object-src 'none'", "base-uri 'none'", "frame-ancestors 'self'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "*" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("path, content_type", [
    ("/", "text/html; charset=utf-8"), ("/demo.html", "text/html; charset=utf-8"),
    ("/widget.js", "text/javascript; charset=utf-8"), ("/chat/render.js", "text/javascript; charset=utf-8"),
    ("/chat.css", "text/css; charset=utf-8"), ("/favicon.svg", "image/svg+xml"),
])
def test_static_files_have_their_type_and_the_security_headers(path, content_type):
    async def scenario(client):
        response = await client.get(path)
        assert response.status == 200 and response.headers["Content-Type"] == content_type
        assert_security_headers(response.headers)

    run(scenario)


@pytest.mark.parametrize("path", [
    "/../Makefile", "/chat/../../page_server.py", "/%2e%2e/page_server.py", "/chat/%2e%2e/%2e%2e/page_server.py",
    "/..%2fpage_server.py", "/chat/..%5c..%5cpage_server.py", "//etc/passwd", "/%2fetc%2fpasswd",
    "/chat/", "/chat", "/nothing-here.html", "/index.html%00.js",
])
def test_no_path_escapes_the_static_folder_and_no_directory_is_listed(path):
    async def scenario(client):
        status, headers, body = await raw_get(client, path)
        assert status in (400, 404), (path, status)
        assert b"<a href" not in body and b"import" not in body and b"root:" not in body
        if status == 404:
            assert "content-security-policy" in headers and headers["x-content-type-options"] == "nosniff"

    run(scenario)


def test_frame_ancestors_and_cors_follow_the_configuration():
    async def scenario(client):
        allowed = await client.options("/webhooks/rest/webhook", headers={
            "Origin": EMBEDDING_SITE, "Access-Control-Request-Method": "POST"})
        assert allowed.status == 204 and allowed.headers["Access-Control-Allow-Origin"] == EMBEDDING_SITE
        assert "Access-Control-Allow-Credentials" not in allowed.headers
        module = await client.get("/widget.js", headers={"Origin": EMBEDDING_SITE})
        assert module.headers["Access-Control-Allow-Origin"] == EMBEDDING_SITE  # module scripts load with CORS
        refused = await client.options("/webhooks/rest/webhook", headers={
            "Origin": "https://elsewhere.example.com", "Access-Control-Request-Method": "POST"})
        assert refused.status == 403 and "Access-Control-Allow-Origin" not in refused.headers
        page = await client.get("/")
        assert f"frame-ancestors 'self' {EMBEDDING_SITE}" in page.headers["Content-Security-Policy"]
        assert "Access-Control-Allow-Origin" not in page.headers

    run(scenario, allowed_origins=parse_origins(f" {EMBEDDING_SITE}/ https://www.example.org,"),
        frame_ancestors=f"'self' {EMBEDDING_SITE}")
    assert parse_origins("https://a.example, https://b.example") == {"https://a.example", "https://b.example"}


def test_without_configuration_no_origin_gets_cors():
    async def scenario(client):
        response = await client.get("/widget.js", headers={"Origin": EMBEDDING_SITE})
        assert "Access-Control-Allow-Origin" not in response.headers

    run(scenario)
    assert "frame-ancestors 'self'" in content_security_policy("'self'")


def test_messages_are_passed_to_rasa_and_its_replies_back():
    seen: List = []

    async def reply(request):
        return web.json_response([{"recipient_id": "a", "text": "Hello"}])

    async def scenario(client):
        body = {"sender": "a", "message": "hi", "metadata": {"language": "fr"}}
        response = await client.post("/webhooks/rest/webhook", data=json.dumps(body))
        assert response.status == 200 and await response.json() == [{"recipient_id": "a", "text": "Hello"}]
        assert_security_headers(response.headers)
        assert seen == [body]

    run(scenario, fake_rasa(reply, seen))


def test_rasa_refusing_a_message_is_passed_on_as_it_is():
    async def refuse(request):
        return web.json_response({"error": "message must be a string"}, status=400)

    async def scenario(client):
        response = await client.post("/webhooks/rest/webhook", data="[]")
        assert response.status == 400 and await response.json() == {"error": "message must be a string"}

    run(scenario, fake_rasa(refuse))


def test_a_slow_rasa_gives_a_504_within_the_time_limit():
    async def slow(request):
        await asyncio.sleep(5)
        return web.json_response([])

    async def scenario(client):
        started = asyncio.get_running_loop().time()
        response = await client.post("/webhooks/rest/webhook", data=json.dumps({"sender": "a", "message": "hi"}))
        assert response.status == 504 and "error" in await response.json()
        assert asyncio.get_running_loop().time() - started < 3

    run(scenario, fake_rasa(slow), upstream_timeout=0.5)


def test_a_failing_or_absent_rasa_gives_a_json_502_or_503():
    async def crash(request):
        return web.Response(status=500, text="Traceback (most recent call last): ...")

    async def failing(client):
        response = await client.post("/webhooks/rest/webhook", data=json.dumps({"sender": "a", "message": "hi"}))
        assert response.status == 502 and "Traceback" not in await response.text()
        assert "error" in await response.json()

    async def absent(client):
        response = await client.post("/webhooks/rest/webhook", data=json.dumps({"sender": "a", "message": "hi"}))
        assert response.status == 503 and "error" in await response.json()
        assert_security_headers(response.headers)

    run(failing, fake_rasa(crash))
    run(absent)


def test_a_body_too_large_is_refused_without_reaching_rasa():
    seen: List = []

    async def reply(request):
        return web.json_response([])

    async def scenario(client):
        response = await client.post("/webhooks/rest/webhook", data="x" * (1024 * 1024 + 1))
        assert response.status == 413 and "error" in await response.json()
        assert seen == []
        long_message = {"sender": "a", "message": "x" * 100_000}  # the channel, not the proxy, declines this one
        response = await client.post("/webhooks/rest/webhook", data=json.dumps(long_message))
        assert response.status == 200 and seen == [long_message]

    run(scenario, fake_rasa(reply, seen))


def test_the_demo_page_lists_the_vacancies_of_the_database(sqlite_url, monkeypatch):
    assert vacancy_db(["import", *map(str, NOTICES), "--database-url", sqlite_url]) == 0
    for now, is_open in (("2025-06-22T21:58:00+00:00", True), ("2025-06-22T22:00:00+00:00", False)):
        monkeypatch.setenv("ASSISTANT_NOW", now)

        async def scenario(client):
            response = await client.get("/vacancies.json")
            assert response.status == 200
            vacancies = await response.json()
            assert [v["requisition"] for v in vacancies] == ["250770", "250775"]
            assert vacancies[1]["title"] == "International Military Staff, Executive Coordinator, Knowledge Management Section"
            assert vacancies[1]["deadline"] == "2025-06-22T21:59:00+00:00"
            assert [v["open"] for v in vacancies] == [is_open, is_open]

        run(scenario, database_url=sqlite_url)


def test_an_unreachable_database_gives_a_json_503_for_the_vacancy_list():
    async def scenario(client):
        response = await client.get("/vacancies.json")
        assert response.status == 503 and "error" in await response.json()

    run(scenario, database_url=f"postgresql+psycopg2://nobody@127.0.0.1:{free_port()}/none")


def test_the_command_reads_its_origins_and_frame_ancestors_from_the_environment_and_prints_its_url(tmp_path):
    port = free_port()
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "CHAT_ALLOWED_ORIGINS": EMBEDDING_SITE,
                   "CHAT_FRAME_ANCESTORS": f"'self' {EMBEDDING_SITE}"}
    log = tmp_path / "page_server.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "web.page_server", "--host", "127.0.0.1", "--port", str(port), "--rasa-url", "http://127.0.0.1:9"],
        cwd=ROOT, env=environment, stdout=open(log, "w"), stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while not reachable("127.0.0.1", port):
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        request = urllib.request.Request(f"http://127.0.0.1:{port}/widget.js", headers={"Origin": EMBEDDING_SITE})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Access-Control-Allow-Origin"] == EMBEDDING_SITE
            assert f"frame-ancestors 'self' {EMBEDDING_SITE}" in response.headers["Content-Security-Policy"]
        assert f"Chat page: http://localhost:{port}/" in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)
