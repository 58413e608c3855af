"""The public REST channel: Rasa's `rest` channel (same path, same reply format) made safe for the careers page.

It checks each request before Rasa sees it (a clear 400 instead of a 500), gives a message without a sender a
conversation of its own, declines over-long messages politely, reads typed slash-commands as text, and turns a
turn that fails, hangs or stays silent into an apology that the answer is temporarily unavailable.
"""
from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

# The payloads of the assistant's own Yes/No buttons (actions/actions.py, ActionNotUnderstood): they keep their
# meaning as intents. Any other message that starts with "/" is read as the text after the slashes.
BUTTON_PAYLOADS = frozenset({"/affirm", "/deny"})
SENDER_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_BODY_BYTES = 1024 * 1024

BAD_BODY = 'The body must be a JSON object in UTF-8, such as {"sender": "a1b2", "message": "what is the stipend?"}.'
BAD_MESSAGE = 'The body needs a "message" that is a string.'
BAD_SENDER = 'The "sender" must be 1 to 64 letters, digits, "-" or "_"; leave it out to start a new conversation.'
BAD_METADATA = 'The "metadata" must be a JSON object of strings, numbers, booleans or nulls, such as {"language": "en"}.'
BODY_TOO_LARGE = f"The body must not exceed {MAX_BODY_BYTES:,} bytes."
TOO_LONG = (
    "Sorry, your message is longer than {limit:,} characters, so I have not read it. Please ask one question at a "
    "time, in a shorter message. I can answer questions about eligibility, the stipend, telework, documents, "
    "deadlines and the other conditions of the vacancies."
)
UNAVAILABLE = "Sorry, the answer is temporarily unavailable. Please try again in a few minutes."

# The errors Rasa logs, and then carries on past, while it handles the current message. Rasa answers anyway when
# an action fails (the action server is down) or the tracker store cannot be read or written (it starts an empty
# conversation in memory): such a reply may be silence or a fallback that is wrong, so the turn counts as failed.
_turn_errors: contextvars.ContextVar[Optional[List[str]]] = contextvars.ContextVar("turn_errors", default=None)


class _TurnErrorRecorder(logging.Handler):
    """Notes each error that Rasa logs into the list of the message being handled, if any."""

    def emit(self, record: logging.LogRecord) -> None:
        errors = _turn_errors.get()
        if errors is not None:
            errors.append(record.getMessage())


_RECORDER = _TurnErrorRecorder(level=logging.ERROR)


class BadRequest(Exception):
    """A request the channel refuses: the message the client is given and the HTTP status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class PublicRestInput(InputChannel):
    """POST /webhooks/rest/webhook with {"sender", "message", "metadata"}; replies as Rasa's REST channel does."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "PublicRestInput":
        return cls(**(credentials or {}))

    def __init__(self, max_message_length: int = 2000, reply_timeout_seconds: float = 12) -> None:
        if max_message_length < 1 or reply_timeout_seconds <= 0:
            raise ValueError("max_message_length and reply_timeout_seconds must be positive")
        self.max_message_length = max_message_length
        self.reply_timeout_seconds = reply_timeout_seconds

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rasa_logger = logging.getLogger("rasa")
        if _RECORDER not in rasa_logger.handlers:
            rasa_logger.addHandler(_RECORDER)
        webhook = Blueprint("public_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender_id, text, metadata = read_request(request.body)
            except BadRequest as error:
                return response.json({"error": str(error)}, status=error.status)
            if len(text) > self.max_message_length:
                return response.json([bot_message(sender_id, TOO_LONG.format(limit=self.max_message_length))])
            message = UserMessage(read_as_text(text), CollectingOutputChannel(), sender_id,
                                  input_channel=self.name(), metadata=metadata)
            return response.json(await self.handle(message, on_new_message))

        return webhook

    async def handle(self, message: UserMessage, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> List[Dict]:
        """Rasa's replies to the message, or the apology when handling fails, hangs, logs an error or says nothing."""
        errors: List[str] = []
        token = _turn_errors.set(errors)
        try:
            await asyncio.wait_for(on_new_message(message), timeout=self.reply_timeout_seconds)
        except asyncio.TimeoutError:
            errors.append(f"no reply within {self.reply_timeout_seconds} s")
        except Exception as error:  # noqa: BLE001 - whatever broke, the applicant gets the apology, not a 500
            logger.exception("handling a message failed")
            errors.append(repr(error))
        finally:
            _turn_errors.reset(token)
        replies = message.output_channel.messages
        if errors or not replies:
            logger.error("answered with the apology: %s", "; ".join(errors) or "Rasa sent no reply")
            return [bot_message(message.sender_id, UNAVAILABLE)]
        return replies


def read_request(body: bytes) -> Tuple[str, str, Optional[Dict[Text, Any]]]:
    """The sender id (a new one when none is given), the message and the metadata, or BadRequest."""
    if len(body) > MAX_BODY_BYTES:
        raise BadRequest(BODY_TOO_LARGE, status=413)
    try:
        payload = json.loads(body.decode("utf-8"))
        json.dumps(payload, ensure_ascii=False).encode("utf-8")  # a lone surrogate ("\ud800") is not text
    except (ValueError, RecursionError):  # UnicodeError is a ValueError
        raise BadRequest(BAD_BODY) from None
    if not isinstance(payload, dict):
        raise BadRequest(BAD_BODY)
    text, sender_id, metadata = payload.get("message"), payload.get("sender"), payload.get("metadata")
    if not isinstance(text, str):
        raise BadRequest(BAD_MESSAGE)
    if sender_id is None:
        sender_id = uuid.uuid4().hex
    elif not isinstance(sender_id, str) or not SENDER_ID.fullmatch(sender_id):
        raise BadRequest(BAD_SENDER)
    if metadata is not None and not (isinstance(metadata, dict) and all(
            value is None or isinstance(value, (str, int, float, bool)) for value in metadata.values())):
        raise BadRequest(BAD_METADATA)
    return sender_id, text, metadata


def read_as_text(text: str) -> str:
    """A typed "/restart" or '/inform{"nationality": "Ukraine"}' reaches the classifier as words, not as an intent."""
    command = text.strip()
    if command in BUTTON_PAYLOADS or not command.startswith("/"):
        return text
    return command.lstrip("/")


def bot_message(sender_id: str, text: str) -> Dict[Text, Any]:
    """A reply of the channel's own, in the format of Rasa's messages."""
    return {"recipient_id": sender_id, "text": text}
