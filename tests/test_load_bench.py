"""The load benchmark counts a failed turn as an error: an apology is not an answer, however fast."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from load import drive  # noqa: E402

from channels.rest_channel import UNAVAILABLE  # noqa: E402


async def drive_a_stub(replies_by_message):
    async def webhook(request: web.Request) -> web.Response:
        message = (await request.json())["message"]
        return web.json_response(replies_by_message[message])

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        return await drive(f"http://127.0.0.1:{port}", users=2, per_user=3,
                           conversations=[("answered", "apologised", "silent")])
    finally:
        await runner.cleanup()


def test_apologies_and_empty_replies_are_errors_and_answers_are_timed():
    result = asyncio.run(drive_a_stub({
        "answered": [{"text": "The stipend is EUR 1,286.09 a month. Source: ..."}],
        "apologised": [{"text": UNAVAILABLE}],
        "silent": [],
    }))
    assert result.errors == 4  # two users, each an apology and a silence
    assert len(result.latencies) == 2
