"""Start the real action server and Rasa server for end-to-end tests, and talk to the REST channel.

The servers run the trained model (built by `make`) against a throw-away database, with the clock fixed
through ASSISTANT_NOW. Where PostgreSQL and Redis answer, the Rasa server uses the production endpoints
(tracker store in PostgreSQL, lock store in Redis), as production would; otherwise endpoints.yml with the
conversations in a throw-away SQLite file. A test may pass its own `Stores` (tests/cluster.py).
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
import uuid
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "assistant.tar.gz"
RASA = ROOT / ".venv" / "bin" / "rasa"
STARTUP_SECONDS = 240


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def http_json(url: str, payload: Optional[dict] = None, timeout: float = 30) -> object:
    data = None if payload is None else json.dumps(payload).encode("utf-8")
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


@dataclass(frozen=True)
class Stores:
    """Where a Rasa server keeps conversations and locks: an endpoints file and the variables it reads."""

    endpoints: str
    env: Dict[str, str]
    tracker_database: Optional[str] = None  # the PostgreSQL database of the conversations, if any


def sqlite_stores(path: Path) -> Stores:
    return Stores("endpoints.yml", {"TRACKER_SQLITE_FILE": str(path)})


def production_stores(tracker_database: str) -> Stores:
    return Stores("endpoints.production.yml", {
        "TRACKER_DB_HOST": "127.0.0.1", "TRACKER_DB_PORT": "5432", "TRACKER_DB_NAME": tracker_database,
        "TRACKER_DB_USER": "postgres", "TRACKER_DB_PASSWORD": "", "TRACKER_LOGIN_DB": "test",
        "REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6379", "REDIS_DB": "0",
    }, tracker_database)


def default_stores(log_dir: Path) -> Stores:
    if reachable("127.0.0.1", 5432) and reachable("127.0.0.1", 6379):
        return production_stores(f"rasa_tracker_{uuid.uuid4().hex[:8]}")
    return sqlite_stores(log_dir / "conversations.sqlite3")


@dataclass
class Assistant:
    """A running assistant: send a message as a user, get the REST channel's replies."""

    url: str
    processes: List[subprocess.Popen]
    tracker_database: Optional[str]
    log_dir: Path
    database_url: str  # the vacancy database the action server uses (and records unanswered messages in)

    def send(self, sender: str, text: str, metadata: Optional[Dict] = None) -> List[Dict]:
        body = {"sender": sender, "message": text, **({"metadata": metadata} if metadata else {})}
        return http_json(f"{self.url}/webhooks/rest/webhook", body)

    def reply_text(self, sender: str, text: str, metadata: Optional[Dict] = None) -> str:
        return "\n".join(m["text"] for m in self.send(sender, text, metadata) if "text" in m)

    def tracker(self, sender: str) -> Dict:
        return http_json(f"{self.url}/conversations/{sender}/tracker")

    def parse(self, text: str) -> Dict:
        return http_json(f"{self.url}/model/parse", {"text": text})

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def start_assistant(database_url: str, now: str, log_dir: Path, stores: Optional[Stores] = None) -> Assistant:
    if not MODEL.exists():
        raise RuntimeError(f"{MODEL} is missing: run the tests through `make test`, which trains it")
    action_port, rasa_port = free_port(), free_port()
    env = {
        **os.environ,
        "VACANCY_DATABASE_URL": database_url,
        "ASSISTANT_NOW": now,
        "ACTION_SERVER_URL": f"http://127.0.0.1:{action_port}/webhook",
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONPATH": str(ROOT),
    }
    log_dir.mkdir(parents=True, exist_ok=True)
    stores = stores or default_stores(log_dir)
    env.update(stores.env)
    endpoints, tracker_database = stores.endpoints, stores.tracker_database
    actions = subprocess.Popen(
        [str(RASA), "run", "actions", "--port", str(action_port)],
        cwd=ROOT, env=env, stdout=open(log_dir / "actions.log", "w"), stderr=subprocess.STDOUT,
    )
    rasa = subprocess.Popen(
        [str(RASA), "run", "--model", str(MODEL), "--port", str(rasa_port), "--enable-api",
         "--endpoints", endpoints, "--credentials", "credentials.yml"],
        cwd=ROOT, env=env, stdout=open(log_dir / "rasa.log", "w"), stderr=subprocess.STDOUT,
    )
    assistant = Assistant(f"http://127.0.0.1:{rasa_port}", [actions, rasa], tracker_database, log_dir, database_url)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if rasa.poll() is not None or actions.poll() is not None:
            assistant.stop()
            raise RuntimeError(f"a server exited during start-up; see {log_dir}")
        try:
            if http_json(f"{assistant.url}/status", timeout=2).get("model_id") and reachable("127.0.0.1", action_port):
                return assistant
        except OSError:
            pass
        time.sleep(1)
    assistant.stop()
    raise RuntimeError(f"the servers did not start within {STARTUP_SECONDS} s; see {log_dir}")
