"""`make shell`: a terminal chat (rasa shell) with the action server in the background, stopped on exit."""
from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time

import pytest

from tests.conftest import ROOT
from tests.servers import free_port, reachable

pytestmark = [pytest.mark.timeout(400), pytest.mark.needs_model]

STARTUP_SECONDS = 240


def read_until(fd: int, wanted: str, seconds: float) -> str:
    """What the terminal shows until `wanted` appears (or the time runs out)."""
    seen, deadline = "", time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if ready:
            try:
                seen += os.read(fd, 65536).decode("utf-8", "replace")
            except OSError:  # the terminal closed
                break
    return seen


def test_make_shell_answers_in_the_terminal_and_stops_the_action_server_on_exit():
    action_port, rasa_port = free_port(), free_port()
    main, terminal = pty.openpty()
    make = subprocess.Popen(
        ["make", "--no-print-directory", "shell", f"ACTION_PORT={action_port}", f"RASA_PORT={rasa_port}",
         f"ACTION_SERVER_URL=http://localhost:{action_port}/webhook"],
        cwd=ROOT, stdin=terminal, stdout=terminal, stderr=terminal, start_new_session=True,
        env={**os.environ, "TERM": "dumb", "COLUMNS": "200"},
    )
    os.close(terminal)
    try:
        started = read_until(main, "Bot loaded", STARTUP_SECONDS)
        assert "Bot loaded" in started, started[-2000:]
        assert reachable("127.0.0.1", action_port)  # the action server runs beside the shell
        os.write(main, b"how much is the stipend for 250775?\r")
        answer = read_until(main, "Source: vacancy 250775", 60)
        assert "€1,286.09" in answer and "Source: vacancy 250775" in answer, answer[-2000:]
        os.write(main, b"/stop\r")
        assert make.wait(timeout=60) == 0
        deadline = time.monotonic() + 20
        while reachable("127.0.0.1", action_port) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not reachable("127.0.0.1", action_port)  # stopped with the shell
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGTERM)
            make.wait(timeout=30)
        os.close(main)
