"""Rasa NLU component: the language to reply in, decided for each message as it is read (issue 13).

This was a custom action (`action_validate_slot_mappings`), which cost every message one more call to the
action server: its HTTP round trip, the whole tracker as JSON, Rasa's check of the response, about a fifth of
the servers' CPU time per message. The NLU graph is given the tracker and the message's metadata, which is all
the decision needs (actions.understanding.message_language.reply_language), so it is made here and travels as
two entities, `reply_language` and `page_language`, that fill the slots of the same names (domain.yml). It runs
last, after the components that read the other entities' character spans.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, METADATA, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.understanding.message_language import reply_language

REPLY_LANGUAGE, PAGE_LANGUAGE = "reply_language", "page_language"  # the entities, and the slots they fill


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class ReplyLanguage(GraphComponent):
    """Adds the reply language, and the page's language when the page sent one, to each message's entities."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "ReplyLanguage":
        return cls()

    def process(self, messages: List[Message], tracker: Optional[DialogueStateTracker] = None) -> List[Message]:
        current = tracker.get_slot(REPLY_LANGUAGE) if tracker else None
        previous_page = tracker.get_slot(PAGE_LANGUAGE) if tracker else None
        for message in messages:
            page = page_language(message)
            language = reply_language(message.get(TEXT) or "", current, page, previous_page)
            found = [language_entity(REPLY_LANGUAGE, language)]
            if page:
                found.append(language_entity(PAGE_LANGUAGE, page))
            message.set(ENTITIES, [*(message.get(ENTITIES) or []), *found], add_to_output=True)
        return messages


def page_language(message: Message) -> Optional[str]:
    """The language the chat page sent with the message (metadata `language`), if any."""
    metadata = message.get(METADATA)
    language = metadata.get("language") if isinstance(metadata, dict) else None
    return language if isinstance(language, str) else None


def language_entity(name: str, value: str) -> Dict[str, Any]:
    """An entity of the whole message, not of a span of it."""
    return {"entity": name, "value": value, "start": 0, "end": 0, "extractor": ReplyLanguage.__name__}
