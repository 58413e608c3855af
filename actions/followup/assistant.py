"""The assistant that answers the follow-up questions: the trained model loaded in this process with an action
server started for the run, or a running assistant reached by URL. Either way each question goes through the
same NLU, dialogue rules and actions as a chat message, in a conversation of its own.
"""
from __future__ import annotations

import asyncio
import logging
import os
import socket
import subprocess
import sys
import tempfile
import uuid
import warnings
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

import aiohttp

import rasa_patches
from actions.unanswered.recording import RECORDING_VARIABLE
from actions.vacancy_db.repository import PROJECT_ROOT

DEFAULT_MODEL = PROJECT_ROOT / "models" / "assistant.tar.gz"
STARTUP_SECONDS = 180
SLOT_OF_VACANCY = "vacancy"


class NoReply(Exception):
    """The assistant sent nothing back: Rasa logs a failed custom action and carries on with no message."""


@dataclass(frozen=True)
class Reply:
    """What the assistant sent back for one question, and the actions it ran to do so."""

    messages: List[Dict[str, Any]]
    actions: List[str]

    @property
    def payloads(self) -> List[Dict[str, Any]]:
        return [m["custom"] for m in self.messages if isinstance(m.get("custom"), dict) and "topic" in m["custom"]]

    @property
    def text(self) -> str:
        return "\n".join(m["text"] for m in self.messages if m.get("text"))


def checked_reply(messages: Optional[List[Dict[str, Any]]], events: List[Dict[str, Any]]) -> Reply:
    """The reply, or NoReply when there is no message in it (every action of the assistant sends one)."""
    if not messages:
        raise NoReply("the assistant sent no reply (a custom action failed; see the log above)")
    return Reply(messages, actions_after_last_question(events))


def actions_after_last_question(events: List[Dict[str, Any]]) -> List[str]:
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    after = events[users[-1] + 1:] if users else events
    return [e["name"] for e in after if e.get("event") == "action" and e.get("name") != "action_listen"]


def conversation_id() -> str:
    return f"followup-{uuid.uuid4().hex}"


class LocalAssistant:
    """The model in this process; its custom actions run in an action server started here and stopped after.
    That action server records nothing for the unanswered report: the follow-up document lists those itself."""

    def __init__(self, model: Path = DEFAULT_MODEL) -> None:
        self.model = model
        self.agent = None
        self.action_server: Optional[subprocess.Popen] = None
        self.action_log = None

    async def __aenter__(self) -> "LocalAssistant":
        if not self.model.exists():
            raise RuntimeError(f"{self.model} is missing: run `make setup` to train the model")
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # no TensorFlow start-up notes on stderr
        with warnings.catch_warnings(record=True):  # nor the libraries' deprecation warnings: stderr is the progress
            from rasa.core.agent import Agent  # heavy (TensorFlow): only when the tool runs, not when actions load
            from rasa.utils.endpoints import EndpointConfig
        silence_rasa()
        port = free_port()
        env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), RECORDING_VARIABLE: "off"}
        self.action_log = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe would stall the server
        self.action_server = subprocess.Popen(
            [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
            cwd=PROJECT_ROOT, env=env, stdout=self.action_log, stderr=subprocess.STDOUT,
        )
        try:
            os.chdir(PROJECT_ROOT)  # the model names the spaCy pipeline by a path relative to the project
            rasa_patches.apply()  # as in every Rasa server of the project: one validator, built once
            with warnings.catch_warnings(record=True):
                self.agent = Agent.load(str(self.model), action_endpoint=EndpointConfig(f"http://127.0.0.1:{port}/webhook"))
            await self._wait_for_action_server(f"http://127.0.0.1:{port}/health")
        except BaseException:
            await self.__aexit__(None, None, None)  # no action server left behind
            raise
        return self

    async def _wait_for_action_server(self, health_url: str) -> None:
        deadline = asyncio.get_running_loop().time() + STARTUP_SECONDS
        async with aiohttp.ClientSession() as session:
            while asyncio.get_running_loop().time() < deadline:
                if self.action_server.poll() is not None:
                    self.action_log.seek(0)
                    error = self.action_log.read().decode("utf-8", "replace")[-2000:]
                    raise RuntimeError(f"the action server exited during start-up:\n{error}")
                try:
                    async with session.get(health_url) as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.5)
        raise RuntimeError(f"the action server did not start within {STARTUP_SECONDS} s")

    async def __aexit__(self, *exc_info) -> None:
        await rasa_patches.close_connection_pool()
        if self.action_server is not None:
            self.action_server.terminate()
            try:
                self.action_server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.action_server.kill()
            self.action_log.close()

    async def ask(self, question: str, vacancy: Optional[str]) -> Reply:
        from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
        from rasa.shared.core.events import SlotSet

        sender = conversation_id()
        if vacancy:
            tracker = await self.agent.processor.fetch_tracker_with_initial_session(sender)
            tracker.update(SlotSet(SLOT_OF_VACANCY, vacancy))
            await self.agent.tracker_store.save(tracker)
        messages = await self.agent.handle_message(
            UserMessage(question, CollectingOutputChannel(), sender_id=sender, input_channel="followup"))
        tracker = await self.agent.tracker_store.retrieve(sender)
        return checked_reply(messages, [e.as_dict() for e in tracker.events])


class RemoteAssistant:
    """A running assistant: its REST channel, and its conversation API for reading which actions ran. The API is
    open only with a token (`make run` with RASA_API_TOKEN set), which the command reads from the same variable. The vacancy is put in focus as an applicant would, by naming it first (a slot
    event posted through the API is lost by Rasa's SQL tracker store, which production uses)."""

    def __init__(self, url: str, token: Optional[str] = None) -> None:
        self.url = url.rstrip("/")
        self.token = token if token is not None else os.environ.get("RASA_API_TOKEN", "")
        self.session: Optional[aiohttp.ClientSession] = None

    def _api(self, path: str) -> str:
        return f"{self.url}{path}?token={self.token}" if self.token else f"{self.url}{path}"

    async def __aenter__(self) -> "RemoteAssistant":
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
        try:
            async with self.session.get(self._api("/status")) as response:
                response.raise_for_status()
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            await self.session.close()
            raise RuntimeError(f"no assistant with its HTTP API answers at {self.url} ({error}); "
                               "the API needs RASA_API_TOKEN, as the assistant was started with") from None
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.session.close()

    async def ask(self, question: str, vacancy: Optional[str]) -> Reply:
        sender = conversation_id()
        if vacancy:
            await self._json("post", f"{self.url}/webhooks/rest/webhook", {"sender": sender, "message": vacancy})
        messages = await self._json("post", f"{self.url}/webhooks/rest/webhook", {"sender": sender, "message": question})
        tracker = await self._json("get", self._api(f"/conversations/{sender}/tracker"))
        return checked_reply(messages, tracker.get("events") or [])

    async def _json(self, method: str, url: str, payload: Optional[dict] = None) -> Any:
        async with self.session.request(method, url, json=payload) as response:
            response.raise_for_status()
            return await response.json()


def silence_rasa() -> None:
    """Rasa logs every step at debug level when loaded as a library; the tool's output is the document."""
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    logging.getLogger().setLevel(logging.WARNING)


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
