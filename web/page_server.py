"""Serve the chat page and widget, and pass their messages on to the Rasa REST channel from the same origin.

aiohttp rather than Sanic: one library gives both the server and the HTTP client the proxy needs, with
per-request timeouts, and it is already in the environment (Rasa depends on it). Only files under
web/static/ with a known type are served, never a directory listing; every response carries the security
headers; CORS is granted only to the origins in CHAT_ALLOWED_ORIGINS (sites that embed the widget).

    python -m web.page_server --host 0.0.0.0 --port 8080 --rasa-url http://localhost:5005
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional

import aiohttp
from aiohttp import web

from actions import clock
from actions.answers.formatting import short_title
from actions.vacancy_db.repository import list_vacancies, open_session

STATIC_ROOT = (Path(__file__).resolve().parent / "static").resolve()
WEBHOOK_PATH = "/webhooks/rest/webhook"
UPSTREAM_TIMEOUT_SECONDS = 20.0  # below the page's own 25 s, so that the page shows our 504, not its own timeout
MAX_BODY_BYTES = 1024 * 1024  # the REST channel's own limit (it answers 413 too): larger bodies stop here
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
ALLOWED_ORIGINS_VARIABLE = "CHAT_ALLOWED_ORIGINS"
FRAME_ANCESTORS_VARIABLE = "CHAT_FRAME_ANCESTORS"
DEFAULT_FRAME_ANCESTORS = "'self'"

log = logging.getLogger(__name__)

SETTINGS = web.AppKey("settings", dict)
UPSTREAM = web.AppKey("upstream", aiohttp.ClientSession)


def content_security_policy(frame_ancestors: str) -> str:
    """Everything from this origin only, no inline script or style, no plugins, no <base> rewriting."""
    return "; ".join([
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'",
        "object-src 'none'", "base-uri 'none'", "form-action 'self'", f"frame-ancestors {frame_ancestors}",
    ])


def parse_origins(value: Optional[str]) -> FrozenSet[str]:
    """ "https://careers.example.org https://www.example.org" (spaces or commas, as Rasa's --cors takes them
    from the same variable) -> the set of origins, without trailing slashes."""
    return frozenset(origin.rstrip("/") for origin in re.split(r"[\s,]+", value or "") if origin)


def static_file(request_path: str) -> Optional[Path]:
    """The file under STATIC_ROOT a URL path names, or None: no directories, no escape, only known types."""
    relative = request_path.lstrip("/") or "index.html"
    if "\\" in relative or "\x00" in relative:
        return None
    candidate = (STATIC_ROOT / relative).resolve()
    if STATIC_ROOT not in candidate.parents or not candidate.is_file() or candidate.suffix not in CONTENT_TYPES:
        return None
    return candidate


async def serve_static(request: web.Request) -> web.StreamResponse:
    if request.method not in ("GET", "HEAD"):
        raise web.HTTPMethodNotAllowed(request.method, ["GET", "HEAD"])
    path = static_file(request.path)
    if path is None:
        raise web.HTTPNotFound(text="Not found", content_type="text/plain")
    return web.FileResponse(path, headers={"Content-Type": CONTENT_TYPES[path.suffix], "Cache-Control": "no-cache"})


def json_error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


async def proxy_message(request: web.Request) -> web.Response:
    """Pass one chat message to the Rasa REST channel; its faults become a JSON 502/503/504, never a hang."""
    settings = request.app[SETTINGS]
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        return json_error(413, "The message is too large.")
    body = await request.content.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        return json_error(413, "The message is too large.")
    try:
        async with request.app[UPSTREAM].post(
            settings["rasa_url"] + WEBHOOK_PATH, data=body, headers={"Content-Type": "application/json"},
            timeout=aiohttp.ClientTimeout(total=settings["upstream_timeout"]),
        ) as upstream:
            payload = await upstream.read()
            status = upstream.status
    except asyncio.TimeoutError:
        return json_error(504, "The assistant took too long to answer.")
    except aiohttp.ClientConnectorError:
        return json_error(503, "The assistant is not reachable at the moment.")
    except aiohttp.ClientError as error:
        log.warning("upstream error: %s", error)
        return json_error(502, "The assistant's answer could not be read.")
    if status >= 500:
        log.warning("upstream answered %s", status)
        return json_error(502, "The assistant could not answer.")
    return web.Response(body=payload, status=status, content_type="application/json")


def vacancy_summaries(database_url: Optional[str]) -> List[Dict[str, object]]:
    now = clock.now()
    with open_session(database_url) as session:
        return [
            {"requisition": v.requisition, "title": short_title(v), "deadline": v.deadline.isoformat(),
             "deadline_text": v.deadline_text, "open": v.deadline > now}
            for v in list_vacancies(session)
        ]


async def vacancies(request: web.Request) -> web.Response:
    """The vacancies in the database, for the demo careers page (database work off the event loop)."""
    try:
        rows = await asyncio.get_running_loop().run_in_executor(None, vacancy_summaries, request.app[SETTINGS]["database_url"])
    except Exception:  # noqa: BLE001 - any database fault is one answer for the page: not available now
        log.exception("vacancy list failed")
        return json_error(503, "The vacancies cannot be listed at the moment.")
    return web.json_response(rows)


async def preflight(request: web.Request) -> web.Response:
    """CORS preflight: answered (headers added in add_headers) only for allowed origins, else a plain 403."""
    if request.headers.get("Origin", "") not in request.app[SETTINGS]["allowed_origins"]:
        return json_error(403, "Origin not allowed.")
    return web.Response(status=204)


async def add_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Security headers on every response (errors included), CORS only for a configured origin."""
    settings = request.app[SETTINGS]
    response.headers["Content-Security-Policy"] = settings["csp"]
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    origin = request.headers.get("Origin", "")
    if origin in settings["allowed_origins"]:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type"
        response.headers["Access-Control-Max-Age"] = "600"
    response.headers["Vary"] = "Origin"


def create_app(rasa_url: str, *, allowed_origins: FrozenSet[str] = frozenset(),
               frame_ancestors: str = DEFAULT_FRAME_ANCESTORS, database_url: Optional[str] = None,
               upstream_timeout: float = UPSTREAM_TIMEOUT_SECONDS) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app[SETTINGS] = {
        "rasa_url": rasa_url.rstrip("/"), "allowed_origins": allowed_origins, "csp": content_security_policy(frame_ancestors),
        "database_url": database_url, "upstream_timeout": upstream_timeout,
    }

    async def upstream_session(app: web.Application):
        app[UPSTREAM] = aiohttp.ClientSession()
        yield
        await app[UPSTREAM].close()

    app.cleanup_ctx.append(upstream_session)
    app.on_response_prepare.append(add_headers)
    app.router.add_post(WEBHOOK_PATH, proxy_message)
    app.router.add_get("/vacancies.json", vacancies)
    app.router.add_route("OPTIONS", "/{tail:.*}", preflight)
    app.router.add_route("*", "/{tail:.*}", serve_static)
    return app


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the careers-page chat and pass its messages to Rasa.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--rasa-url", default="http://localhost:5005", help="the Rasa server (REST channel)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(
        args.rasa_url,
        allowed_origins=parse_origins(os.environ.get(ALLOWED_ORIGINS_VARIABLE)),
        frame_ancestors=os.environ.get(FRAME_ANCESTORS_VARIABLE) or DEFAULT_FRAME_ANCESTORS,
    )
    shown_host = "localhost" if args.host in ("0.0.0.0", "127.0.0.1", "::") else args.host
    print(f"Chat page: http://{shown_host}:{args.port}/  (widget demo: http://{shown_host}:{args.port}/demo.html)", flush=True)
    web.run_app(app, host=args.host, port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
