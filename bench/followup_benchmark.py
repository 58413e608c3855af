"""Follow-up benchmark: 1,000 distinct webinar-style questions through `python -m actions.followup`'s steps.

The questions are the held-out evaluation messages (bench/data/nlu_eval.yml) and then training examples
(data/nlu/), distinct after normalising, so that no duplicate is merged away and every question is really asked.
Prints the time to start (model loaded, action server up), to answer, to write the document, and in total,
with PASS/FAIL against the target: 1,000 questions in under 60 s in total. Exit status 1 when missed. The CPU
time of both processes and the load average are printed too: on a shared machine the wall time moves with the
load, the CPU time much less.

    make bench-followup            (or: python bench/followup_benchmark.py [--questions N])
"""
from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actions import clock  # noqa: E402
from actions.followup.__main__ import answer_all  # noqa: E402
from actions.followup.assistant import LocalAssistant  # noqa: E402
from actions.followup.document import as_markdown, distinct_questions  # noqa: E402
from actions.unanswered.grouping import normalise  # noqa: E402

SOURCES = [ROOT / "bench" / "data" / "nlu_eval.yml", *sorted((ROOT / "data" / "nlu").glob("*.yml"))]
TARGET_SECONDS = 60.0


def questions(count: int) -> List[str]:
    from rasa.shared.nlu.training_data.loading import load_data

    distinct = {}
    for source in SOURCES:
        for message in load_data(str(source)).intent_examples:
            distinct.setdefault(normalise(message.get("text")), message.get("text"))
    if len(distinct) < count:
        raise SystemExit(f"only {len(distinct)} distinct questions in {', '.join(map(str, SOURCES))}")
    return list(distinct.values())[:count]


async def measure(asked: List[str]) -> int:
    started = time.monotonic()
    items = distinct_questions(asked)
    async with LocalAssistant() as assistant:
        ready, cpu_ready = time.monotonic(), time.process_time()
        await answer_all(assistant, items, None)
        answered, cpu_answered = time.monotonic(), time.process_time()
        as_markdown(items, "benchmark", clock.now(), None)
    written = time.monotonic()
    total = written - started
    action_server_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    outcomes = Counter(item.outcome.value for item in items)
    print(f"{len(asked)} questions ({len(items)} distinct): start {ready - started:.1f} s, answer "
          f"{answered - ready:.1f} s ({1000 * (answered - ready) / len(items):.1f} ms a question), "
          f"write {written - answered:.2f} s, total {total:.1f} s")
    print(f"CPU for the answers: this process (NLU, dialogue, action-result validation) {cpu_answered - cpu_ready:.1f} s; "
          f"action server, whole run {action_server_cpu.ru_utime + action_server_cpu.ru_stime:.1f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("outcomes: " + ", ".join(f"{name} {n}" for name, n in outcomes.most_common()))
    passed = total < TARGET_SECONDS
    print(f"{'PASS' if passed else 'FAIL'}: total {total:.1f} s < {TARGET_SECONDS:.0f} s for {len(asked)} questions")
    return 0 if passed else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1000)
    args = parser.parse_args()
    return asyncio.run(measure(questions(args.questions)))


if __name__ == "__main__":
    sys.exit(main())
