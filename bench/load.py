"""Load benchmark: simulated applicants through the REST channel, side by side with Rasa's default assistant.

Starts this assistant (the `make run` default: endpoints.yml, conversations in a throw-away SQLite file, or
`--stores production` for PostgreSQL and Redis) and the assistant that `rasa init --no-prompt` creates, built
in a temporary folder in the same run. Each is driven by 1, 10 and 50 concurrent users, each user a closed
loop (the next message after the reply) through realistic conversations: questions, follow-ups on the vacancy
in focus, the eligibility self-check; the `rasa init` users talk its own conversations. Prints p50/p95/p99
latency, msg/s and errors (an HTTP error, no reply, or the apology for a failed turn) per level, the Rasa
server's peak memory and its time to ready, the ratios, and a PASS/FAIL against each target (exit status 1 when
one is missed):
- single-user median latency <= 0.5x that of rasa init;
- throughput at 10 users >= 2x that of rasa init;
- at 50 users, 0 errors and p95 under 1 s;
- Rasa server memory <= 700 MB RSS (peak, VmHWM);
- server ready (both servers answering) <= 15 s after start.
Also the CPU time per message of the servers (this assistant: Rasa and action server together), which other
load on the machine hardly changes, unlike latency. Every loop is bounded in count and time; all traffic goes
to 127.0.0.1.

    make bench-load [BENCH_ARGS="--stores production --profile var/profile.txt --rasa-init-dir var/rasa-init"]
    SANIC_WORKERS=2 make bench-load BENCH_ARGS="--stores production"   (workers need the Redis lock store)
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actions.vacancy_db.__main__ import main as vacancy_db  # noqa: E402
from channels.rest_channel import UNAVAILABLE  # noqa: E402
from tests.servers import (  # noqa: E402
    RASA, free_port, http_json, production_stores, sqlite_stores, start_assistant,
)

NOW = "2026-11-23T10:00:00+00:00"
LEVELS = ((1, 40), (10, 20), (50, 8))  # concurrent users, messages per user
LEVEL_SECONDS = 240  # no level runs longer than this, whatever its message count
REQUEST_SECONDS = 30
START_SECONDS = 600  # rasa init takes minutes to load on a busy machine
TARGETS = {"median_ratio": 0.5, "throughput_ratio": 2.0, "p95_at_50": 1.0, "memory_mb": 700, "ready_s": 15}

# Conversations of this assistant's applicants; each user goes through them in turn, a new sender for each.
CONVERSATIONS = (
    ("how much is the stipend for the KM internship?", "and is it remote?", "when is the deadline?",
     "what about cooperative security?"),
    ("run the eligibility check, I'm a 22 year old Polish student", "fluent English, some French",
     "what documents do I need?"),
    ("hi", "which vacancies are there?", "do I need French?", "tell me about 250770", "thanks, bye"),
    ("am I eligible?", "I'm Belgian", "how much does it pay?", "23", "I'm a master's student", "English"),
    ("when was the webinar?", "and in New York?", "how many vacancies can I apply for?",
     "can you write my cover letter?"),
)
# The same kind of mix for the rasa init assistant, in its own vocabulary.
INIT_CONVERSATIONS = (
    ("hi", "I am feeling sad", "yes", "bye"),
    ("hello there", "I'm great", "are you a bot?", "goodbye"),
    ("hey", "not good", "no", "see you later"),
)


@dataclass
class LevelResult:
    users: int
    latencies: List[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the Rasa server (and action server) during the level

    @property
    def cpu_ms_per_message(self) -> float:
        return 1000 * self.cpu_seconds / len(self.latencies) if self.latencies else float("nan")

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")

    @property
    def median(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


@dataclass
class ServerResult:
    name: str
    ready_seconds: float
    levels: Dict[int, LevelResult]
    peak_rss_mb: float
    processes: int  # the Rasa server's processes: 1, or SANIC_WORKERS workers and their parent


async def drive(url: str, users: int, per_user: int, conversations: Sequence[Sequence[str]]) -> LevelResult:
    """`users` closed-loop applicants, `per_user` messages each, stopped at LEVEL_SECONDS in any case."""
    result = LevelResult(users)
    deadline = time.monotonic() + LEVEL_SECONDS
    timeout = aiohttp.ClientTimeout(total=REQUEST_SECONDS)

    async def applicant(index: int, session: aiohttp.ClientSession) -> None:
        turn = index  # users start on different conversations
        sender, script, step = "", (), 0
        for _ in range(per_user):
            if time.monotonic() > deadline:
                return
            if step == len(script):
                script, step = conversations[turn % len(conversations)], 0
                sender, turn = f"bench-{uuid.uuid4().hex[:12]}", turn + 1
            started = time.monotonic()
            try:
                async with session.post(f"{url}/webhooks/rest/webhook",
                                        json={"sender": sender, "message": script[step]}) as response:
                    replies = await response.json() if response.status == 200 else None
                if not replies or any(reply.get("text") == UNAVAILABLE for reply in replies):
                    result.errors += 1  # an HTTP error, no reply at all, or the apology for a failed turn
                else:
                    result.latencies.append(time.monotonic() - started)
            except (aiohttp.ClientError, asyncio.TimeoutError):
                result.errors += 1
            step += 1

    started = time.monotonic()
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await asyncio.gather(*(applicant(index, session) for index in range(users)))
    result.seconds = time.monotonic() - started
    return result


def process_tree(pid: int) -> List[int]:
    """The process and all its descendants: with SANIC_WORKERS above 1 the Rasa server's workers are its
    children, and their CPU time and memory are the server's."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += process_tree(int(child))
    return found


def cpu_seconds(pids: Sequence[int]) -> float:
    """User plus system CPU time the processes and their descendants have used: unlike latency, hardly changed
    by other load on the machine, so that runs on a busy machine can still be compared."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in (descendant for pid in pids for descendant in process_tree(pid)):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def peak_rss_mb(pid: int) -> float:
    """The largest peak resident memory (VmHWM), in MB, of the process and its descendants (each worker holds
    the whole model)."""
    peaks = []
    for process in process_tree(pid):
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks, default=float("nan"))


def measure(name: str, url: str, pids: Sequence[int], ready_seconds: float, conversations: Sequence[Sequence[str]],
            on_level: Callable[[int], None] = lambda users: None) -> ServerResult:
    """`pids`: the Rasa server first, then any action server, whose CPU time counts too."""
    asyncio.run(drive(url, 2, 5, conversations))  # warm-up: first-call caches, connections
    levels = {}
    for users, per_user in LEVELS:
        on_level(users)
        cpu_before = cpu_seconds(pids)
        levels[users] = asyncio.run(drive(url, users, per_user, conversations))
        level = levels[users]
        level.cpu_seconds = cpu_seconds(pids) - cpu_before
        print(f"  {name}, {users} users: {len(level.latencies)} replies, {level.errors} errors, "
              f"p50 {level.median * 1000:.0f} ms, {level.throughput:.1f} msg/s, "
              f"{level.cpu_ms_per_message:.0f} ms CPU per message", flush=True)
    return ServerResult(name, ready_seconds, levels, peak_rss_mb(pids[0]), len(process_tree(pids[0])))


def build_rasa_init(folder: Path) -> None:
    started = time.monotonic()
    subprocess.run([str(RASA), "init", "--no-prompt", "--init-dir", str(folder)], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800,
                   env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    print(f"built the rasa init assistant in {time.monotonic() - started:.0f} s", flush=True)


def start_rasa_init(folder: Path) -> tuple:
    port = free_port()
    started = time.monotonic()
    process = subprocess.Popen([str(RASA), "run", "--model", "models", "--port", str(port), "--enable-api"],
                               cwd=folder, stdout=open(folder / "rasa.log", "w"), stderr=subprocess.STDOUT,
                               env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    url = f"http://127.0.0.1:{port}"
    while time.monotonic() - started < START_SECONDS and process.poll() is None:
        try:
            if http_json(f"{url}/status", timeout=2).get("model_id"):
                return process, url, time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.2)
    process.kill()
    log_tail = "\n".join((folder / "rasa.log").read_text(errors="replace").splitlines()[-15:])
    raise RuntimeError(f"the rasa init assistant did not start within {START_SECONDS} s:\n{log_tail}")


def run_this_assistant(workdir: Path, stores_kind: str, profile: Optional[Path]) -> ServerResult:
    database_url = f"sqlite:///{workdir / 'vacancies.sqlite3'}"
    assert vacancy_db(["import", *map(str, sorted((ROOT / "data" / "vacancies").glob("*.txt"))),
                       "--database-url", database_url]) == 0
    stores = (production_stores(f"rasa_bench_{uuid.uuid4().hex[:8]}") if stores_kind == "production"
              else sqlite_stores(workdir / "conversations.sqlite3"))
    started = time.monotonic()
    assistant = start_assistant(database_url, NOW, workdir / "logs", stores)
    ready = time.monotonic() - started
    actions, rasa = assistant.processes
    profiler: List[subprocess.Popen] = []

    def profile_at_ten_users(users: int) -> None:
        if profile and users == 10:
            profiler.append(subprocess.Popen([str(ROOT / ".venv" / "bin" / "py-spy"), "record", "--subprocesses",
                                              "--pid", str(rasa.pid), "--format", "raw", "--output", str(profile),
                                              "--duration", str(LEVEL_SECONDS)], stdout=subprocess.DEVNULL))
        elif profiler and users != 10:
            profiler[0].send_signal(signal.SIGINT)
            profiler[0].wait(timeout=60)

    try:
        return measure("this assistant", assistant.url, [rasa.pid, actions.pid], ready, CONVERSATIONS,
                       profile_at_ten_users)
    finally:
        assistant.stop()
        if stores.tracker_database:
            from tests.cluster import drop_postgres_database

            drop_postgres_database(stores.tracker_database)


def run_rasa_init(folder: Path) -> ServerResult:
    """The rasa init assistant in `folder`, built there first unless a model is already there."""
    if not list(folder.glob("models/*.tar.gz")):
        folder.mkdir(parents=True, exist_ok=True)
        build_rasa_init(folder)
    process, url, ready = start_rasa_init(folder)
    try:
        return measure("rasa init", url, [process.pid], ready, INIT_CONVERSATIONS)
    finally:
        process.terminate()
        process.wait(timeout=30)


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def report(ours: ServerResult, init: ServerResult) -> bool:
    print(f"\n{'':28}{'this assistant':>22}{'rasa init':>22}{'ratio':>8}")
    for users, _ in LEVELS:
        for label, value in (("p50 ms", lambda l: l.median * 1000), ("p95 ms", lambda l: l.percentile(0.95) * 1000),
                             ("p99 ms", lambda l: l.percentile(0.99) * 1000), ("msg/s", lambda l: l.throughput),
                             ("errors", lambda l: l.errors), ("CPU ms per message", lambda l: l.cpu_ms_per_message)):
            a, b = value(ours.levels[users]), value(init.levels[users])
            ratio = f"{a / b:.2f}" if b else "-"
            print(f"{users:>3} users {label:<18}{a:>22.1f}{b:>22.1f}{ratio:>8}")
    print(f"{'Rasa server processes':<28}{ours.processes:>22}{init.processes:>22}")
    print(f"{'peak RSS MB (largest one)':<28}{ours.peak_rss_mb:>22.0f}{init.peak_rss_mb:>22.0f}")
    print(f"{'ready after start s':<28}{ours.ready_seconds:>22.1f}{init.ready_seconds:>22.1f}")

    median_ratio = ours.levels[1].median / init.levels[1].median
    throughput_ratio = ours.levels[10].throughput / init.levels[10].throughput
    fifty = ours.levels[50]
    checks = [
        (f"single-user median latency {median_ratio:.2f}x of rasa init's (target <= {TARGETS['median_ratio']}x)",
         median_ratio <= TARGETS["median_ratio"]),
        (f"throughput at 10 users {throughput_ratio:.2f}x of rasa init's (target >= {TARGETS['throughput_ratio']}x)",
         throughput_ratio >= TARGETS["throughput_ratio"]),
        (f"50 users: {fifty.errors} errors, p95 {fifty.percentile(0.95) * 1000:.0f} ms (target 0 errors, "
         f"p95 < {TARGETS['p95_at_50'] * 1000:.0f} ms)", fifty.errors == 0 and fifty.percentile(0.95) < TARGETS["p95_at_50"]),
        (f"Rasa server memory {ours.peak_rss_mb:.0f} MB peak RSS of its largest process (target <= {TARGETS['memory_mb']} MB)",
         ours.peak_rss_mb <= TARGETS["memory_mb"]),
        (f"ready {ours.ready_seconds:.1f} s after start (target <= {TARGETS['ready_s']} s)",
         ours.ready_seconds <= TARGETS["ready_s"]),
    ]
    print()
    for text, passed in checks:
        print(f"{verdict(passed)}  {text}")
    return all(passed for _, passed in checks)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stores", choices=("sqlite", "production"), default="sqlite",
                        help="endpoints.yml with SQLite (the make run default) or endpoints.production.yml")
    parser.add_argument("--profile", type=Path, help="record a py-spy profile of the Rasa server at 10 users")
    parser.add_argument("--without-rasa-init", action="store_true",
                        help="measure this assistant alone, for profiling: no ratios and no verdict")
    parser.add_argument("--rasa-init-dir", type=Path,
                        help="keep the rasa init assistant in this folder and reuse it in later runs "
                             "(training it takes minutes; by default it is built anew in a temporary folder)")
    arguments = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    try:
        ours = run_this_assistant(workdir, arguments.stores, arguments.profile)
        if arguments.without_rasa_init:
            print(f"Rasa server: {ours.processes} processes, peak RSS {ours.peak_rss_mb:.0f} MB (largest one), "
                  f"ready after {ours.ready_seconds:.1f} s; "
                  "no verdict without the rasa init assistant")
            return 1
        init = run_rasa_init((arguments.rasa_init_dir or workdir / "rasa-init").resolve())
        return 0 if report(ours, init) else 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
