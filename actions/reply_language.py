"""Actions speak the conversation's reply language: the `reply_language` slot, which the NLU pipeline sets for
every message (components/reply_language.py), so that fixed responses and composed answers follow the message."""
from __future__ import annotations

import functools
import inspect
from typing import Any, Callable, Dict

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answers.messages import speaking
from actions.understanding.message_language import DEFAULT_LANGUAGE


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
