"""The reply language, set at every user message (Rasa runs `action_validate_slot_mappings` after each one,
before any response is chosen), so that fixed responses and composed answers follow the message."""
from __future__ import annotations

import functools
import inspect
from typing import Any, Callable, Dict, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from actions.answers.messages import speaking
from actions.understanding.message_language import DEFAULT_LANGUAGE, reply_language


def page_language(tracker: Tracker) -> Optional[str]:
    """The language the chat page sent with the latest message (metadata `language`), if any."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            metadata = event.get("metadata") or {}
            return metadata.get("language") if isinstance(metadata.get("language"), str) else None
    return None


class ValidateSlotMappings(ValidationAction):
    """Sets `reply_language` from the message, the page or the current value, and remembers the page's."""

    def name(self) -> Text:
        return "action_validate_slot_mappings"

    async def extract_reply_language(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: Dict[Text, Any]) -> Dict[Text, Any]:
        text = tracker.latest_message.get("text") or ""
        language = reply_language(text, tracker.get_slot("reply_language"), page_language(tracker),
                                  tracker.get_slot("page_language"))
        return {"reply_language": language, "page_language": page_language(tracker)}


def in_reply_language(run: Callable) -> Callable:
    """Wraps an action's `run` so that what it composes (the message catalogue, Babel's formats) is in the
    conversation's reply language."""
    if inspect.iscoroutinefunction(run):
        @functools.wraps(run)
        async def run_async(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
            with speaking(tracker.get_slot("reply_language") or DEFAULT_LANGUAGE):
                return await run(self, dispatcher, tracker, domain)
        return run_async

    @functools.wraps(run)
    def run_sync(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]):
        with speaking(tracker.get_slot("reply_language") or DEFAULT_LANGUAGE):
            return run(self, dispatcher, tracker, domain)
    return run_sync
