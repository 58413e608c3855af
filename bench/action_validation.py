"""What rasa_patches saves: Rasa's check of one action server response, as shipped and as patched.

Times `RemoteAction._validate_action_result` on a response like the assistant's (a sourced answer with its
custom payload and slot events), in CPU time per call: as Rasa 3.6.21 ships it (jsonschema.validate, which
checks the schema against the Draft 2020-12 meta-schema on every call) and with the validator built once.
Target: the patched check under 1 ms a call. Exit status 1 when missed.

    .venv/bin/python bench/action_validation.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rasa.core.actions.action import RemoteAction  # noqa: E402

import rasa_patches  # noqa: E402

CALLS = 50
TARGET_MS = 1.0
RESPONSE = {
    "events": [{"event": "slot", "timestamp": None, "name": "vacancy", "value": "250775"},
               {"event": "slot", "timestamp": None, "name": "last_topic", "value": "stipend"}],
    "responses": [{"text": "The stipend is €1,286.09 (EUR) per month.\nSource: vacancy 250775 (...), section "
                           "\"What do we offer?\": \"A monthly grant of €1,286.09 ...\"",
                   "custom": {"topic": "stipend", "sources": [{"requisition": "250775", "section": "What do we offer?",
                                                               "quote": "A monthly grant of €1,286.09"}]}}],
}


def cpu_ms_per_call(validate: Callable) -> float:
    action = RemoteAction("action_answer_question", None)
    validate(action, RESPONSE)  # first call: imports, caches
    started = time.process_time()
    for _ in range(CALLS):
        validate(action, RESPONSE)
    return 1000 * (time.process_time() - started) / CALLS


def main() -> int:
    shipped = cpu_ms_per_call(RemoteAction._validate_action_result)
    patched = cpu_ms_per_call(rasa_patches.validate_action_result)
    print(f"Rasa 3.6.21 as shipped: {shipped:.2f} ms CPU per response")
    print(f"validator built once:   {patched:.2f} ms CPU per response ({shipped / patched:.0f}x less)")
    passed = patched < TARGET_MS
    print(f"{'PASS' if passed else 'FAIL'}  patched check {patched:.2f} ms a call (target < {TARGET_MS:g} ms)")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
