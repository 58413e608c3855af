"""Start the real action server and Rasa server for end-to-end tests, and talk to the REST channel.

The servers run the trained model (built by `make`) against a throw-away database, with the clock fixed
through ASSISTANT_NOW. Where PostgreSQL and Redis answer, the Rasa server uses the production endpoints
(tracker store in PostgreSQL, lock store in Redis), as production would; otherwise endpoints.yml with the
conversations in a throw-away SQLite file. A test may pass its own `Stores`. Rasa is started as `make run` starts it
(bound to 127.0.0.1, CORS for the page's origin only), with its HTTP API behind a test token unless told otherwise.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from contextlib import closing
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "assistant.tar.gz"
RASA = ROOT / ".venv" / "bin" / "rasa"
STARTUP_SECONDS = 240
TEST_API_TOKEN = f"test-token-{uuid.uuid4().hex}"
PAGE_ORIGIN = "http://localhost:8080"  # the Makefile's default CHAT_ALLOWED_ORIGINS


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


def http_request(url: str, body: Optional[bytes] = None, headers: Optional[Mapping[str, str]] = None,
                 method: Optional[str] = None, timeout: float = 30) -> Tuple[int, Message, bytes]:
    """Status, headers (names in any case) and body of any answer, error statuses included."""
    request = urllib.request.Request(url, data=body, headers=dict(headers or {}), method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


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
    api_token: Optional[str] = None
    action_port: int = 0
    environment: Dict[str, str] = field(default_factory=dict)

    @property
    def webhook(self) -> str:
        return f"{self.url}/webhooks/rest/webhook"

    def send(self, sender: str, text: str, metadata: Optional[Dict] = None) -> List[Dict]:
        body = {"sender": sender, "message": text, **({"metadata": metadata} if metadata else {})}
        return http_json(self.webhook, body)

    def reply_text(self, sender: str, text: str, metadata: Optional[Dict] = None) -> str:
        return "\n".join(m["text"] for m in self.send(sender, text, metadata) if "text" in m)

    def api_url(self, path: str) -> str:
        """The URL of an HTTP API endpoint, with the token."""
        return f"{self.url}{path}{'&' if '?' in path else '?'}token={self.api_token}"

    def tracker(self, sender: str) -> Dict:
        return http_json(self.api_url(f"/conversations/{sender}/tracker"))

    def parse(self, text: str) -> Dict:
        return http_json(self.api_url("/model/parse"), {"text": text})

    def restart_action_server(self) -> None:
        """Start the action server again on its port (after a test stopped or killed it)."""
        self.processes[0].kill()
        self.processes[0].wait()
        self.processes[0] = start_action_server(self.action_port, self.environment, self.log_dir)
        wait_until(lambda: reachable("127.0.0.1", self.action_port), self, "the action server did not start again")

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def require_model() -> None:
    if not MODEL.exists():
        raise RuntimeError(f"{MODEL} is missing: run the tests through `make test`, which trains it")


def start_action_server(port: int, environment: Mapping[str, str], log_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(RASA), "run", "actions", "--port", str(port)],
        cwd=ROOT, env=dict(environment), stdout=open(log_dir / "actions.log", "a"), stderr=subprocess.STDOUT,
    )


def rasa_command(port: int, endpoints: str, credentials: Path, api_token: Optional[str],
                 cors_origins: Sequence[str]) -> List[str]:
    """The Rasa server as `make run` starts it: on 127.0.0.1, the API only with a token, CORS for given origins."""
    command = [str(RASA), "run", "--model", str(MODEL), "--interface", "127.0.0.1", "--port", str(port),
               "--endpoints", endpoints, "--credentials", str(credentials)]
    if api_token:
        command += ["--enable-api", "--auth-token", api_token]
    if cors_origins:
        command += ["--cors", *cors_origins]
    return command


def wait_until(ready, assistant: Assistant, failure: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in assistant.processes):
            assistant.stop()
            raise RuntimeError(f"a server exited during start-up; see {assistant.log_dir}")
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(1)
    assistant.stop()
    raise RuntimeError(f"{failure} within {STARTUP_SECONDS} s; see {assistant.log_dir}")


def start_assistant(database_url: str, now: str, log_dir: Path, stores: Optional[Stores] = None, *,
                    api_token: Optional[str] = TEST_API_TOKEN, credentials: Path = ROOT / "credentials.yml",
                    cors_origins: Sequence[str] = (PAGE_ORIGIN,),
                    environment: Optional[Mapping[str, str]] = None) -> Assistant:
    """The two servers, ready. `environment` overrides variables last (e.g. TRACKER_DB_PORT to a fault proxy)."""
    require_model()
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
    env.update(environment or {})
    endpoints, tracker_database = stores.endpoints, stores.tracker_database
    actions = start_action_server(action_port, env, log_dir)
    rasa = subprocess.Popen(
        rasa_command(rasa_port, endpoints, credentials, api_token, cors_origins),
        cwd=ROOT, env=env, stdout=open(log_dir / "rasa.log", "w"), stderr=subprocess.STDOUT,
    )
    assistant = Assistant(f"http://127.0.0.1:{rasa_port}", [actions, rasa], tracker_database, log_dir,
                          database_url, api_token, action_port, env)
    wait_until(lambda: http_request(f"{assistant.url}/", timeout=2)[0] == 200 and reachable("127.0.0.1", action_port),
               assistant, "the servers did not start")
    return assistant
