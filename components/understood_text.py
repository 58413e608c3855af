"""Rasa NLU component: classify what a message asks, not how it is spelled or what it says first.

It runs first in the pipeline and replaces the text that the later components read by its question part
(actions.message_split) with its spelling normalised against the domain vocabulary (actions.spelling). The
vocabulary is built at training time from the training examples and the notices (data/vacancies/), so a new
notice's words are never "corrected". The original text is kept, and components.intent_rules puts it back at
the end: the actions read the whole message (the vacancy named, what the asker says about themselves).
An elliptical follow-up ("which language should they be") is also classified a second time with the
conversation's last topic added (actions.followups): that reading travels as an extra message through the
pipeline, and components.intent_rules keeps the surer of the two. Training examples are left as they are.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Counter, Dict, List, Optional, Text

from rasa.shared.core.trackers import DialogueStateTracker

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.followups import with_context
from actions.message_split import question_part
from actions.spelling import DomainSpelling, vocabulary

ORIGINAL_TEXT = "original_text"  # the message as sent, restored by components.intent_rules
UNDERSTOOD_TEXT = "understood_text"  # what was classified, in the parse result for inspection
CONTEXT_READING_OF = "context_reading_of"  # on the extra message: the position of the message it reads again
VOCABULARY_FILE = "vocabulary.json"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class UnderstoodText(GraphComponent):
    """Sets the text to classify: the question part, with the spelling normalised."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"notices": "data/vacancies/*.txt"}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 counts: Optional[Counter] = None) -> None:
        self.config = config
        self.model_storage = model_storage
        self.resource = resource
        self.spelling = DomainSpelling(counts or {})

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "UnderstoodText":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        notices = [path.read_text(encoding="utf-8") for path in sorted(Path().glob(self.config["notices"]))]
        examples = [message.get(TEXT) or "" for message in training_data.intent_examples]
        counts = vocabulary(examples + notices)
        with self.model_storage.write_to(self.resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(dict(sorted(counts.items()))), encoding="utf-8")
        self.spelling = DomainSpelling(counts)
        return self.resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "UnderstoodText":
        with model_storage.read_from(resource) as directory:
            counts = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        return cls(config, model_storage, resource, counts)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message], tracker: Optional[DialogueStateTracker] = None) -> List[Message]:
        last_topic = tracker.get_slot("last_topic") if tracker else None
        readings = []
        for position, message in enumerate(messages):
            original = message.get(TEXT) or ""
            understood = self.spelling.correct(question_part(original))
            if understood != original:
                message.set(ORIGINAL_TEXT, original)
                message.set(TEXT, understood)
                message.set(UNDERSTOOD_TEXT, understood, add_to_output=True)
            in_context = with_context(understood, last_topic)
            if in_context:
                readings.append(Message(data={TEXT: in_context, CONTEXT_READING_OF: position}))
        return messages + readings
