"""`make run` as an operator starts it: Rasa on 127.0.0.1 with no HTTP API, CORS for the page's origin, the page
server in front, the page's address printed, and Ctrl-C stopping all three servers."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from typing import Optional

import pytest

from tests.conftest import ROOT
from tests.servers import STARTUP_SECONDS, free_port, http_request, reachable

pytestmark = [pytest.mark.timeout(400), pytest.mark.needs_model]


def outward_address() -> Optional[str]:
    """This machine's address on its default route, if it has one (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_make_run_serves_the_page_keeps_the_api_closed_and_stops_everything_on_ctrl_c(tmp_path):
    action_port, rasa_port, chat_port = free_port(), free_port(), free_port()
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("RASA_API_TOKEN", "ACTION_SERVER_URL", "CHAT_ALLOWED_ORIGINS", "MAKEFLAGS")}
    output = tmp_path / "make-run.log"
    make = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"ACTION_PORT={action_port}", f"RASA_PORT={rasa_port}",
         f"CHAT_PORT={chat_port}"],
        cwd=ROOT, env=environment, stdout=open(output, "w"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    rasa = f"http://127.0.0.1:{rasa_port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not (reachable("127.0.0.1", rasa_port) and reachable("127.0.0.1", action_port)
                   and reachable("127.0.0.1", chat_port)):
            assert make.poll() is None and time.monotonic() < deadline, output.read_text()
            time.sleep(1)
        assert f"Chat page: http://localhost:{chat_port}/" in output.read_text()

        for path in ("/status", "/conversations/someone/tracker", "/model/parse", "/domain"):
            assert http_request(f"{rasa}{path}")[0] == 404  # no API at all without RASA_API_TOKEN
        address = outward_address()
        if address:
            assert not reachable(address, rasa_port)  # bound to 127.0.0.1 only

        question = json.dumps({"message": "how much is the stipend for the KM internship?"}).encode()
        status, _, body = http_request(f"http://127.0.0.1:{chat_port}/webhooks/rest/webhook", question,
                                       {"Content-Type": "application/json"})
        assert status == 200 and "€1,286.09" in json.loads(body)[0]["text"]
        _, allowed, _ = http_request(f"{rasa}/webhooks/rest/webhook", question,
                                     {"Origin": f"http://localhost:{chat_port}"})
        _, other, _ = http_request(f"{rasa}/webhooks/rest/webhook", question, {"Origin": "https://attacker.example"})
        assert allowed.get("Access-Control-Allow-Origin") == f"http://localhost:{chat_port}"
        assert "Access-Control-Allow-Origin" not in other
    finally:
        os.killpg(make.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        make.wait(timeout=60)
    deadline = time.monotonic() + 30
    while any(reachable("127.0.0.1", port) for port in (action_port, rasa_port, chat_port)):
        assert time.monotonic() < deadline, "a server still answers after Ctrl-C"
        time.sleep(0.5)
