"""Rasa NLU component: classify what a message asks, not how it is spelled or what it says first.

It runs first in the pipeline and replaces the text that the later components read by its question part
(actions.understanding.message_split) with its spelling normalised against the domain vocabulary (actions.understanding.spelling)
and without a polite frame ("could you tell me", "I'd like to know if"), which says nothing of the topic. The
vocabulary is built at training time from the training examples and the notices (data/vacancies/), so a new
notice's words are never "corrected". The original text is kept, and components.intent_rules puts it back at
the end: the actions read the whole message (the vacancy named, what the asker says about themselves).
Other readings travel as extra messages through the pipeline, for components.intent_rules to choose from: a short
message with the conversation's last topic added (actions.understanding.followups: "which language should they be" after the
documents), a long message whole (kept where its question part alone is not understood), and each question
of a message that joins several ("where is the office and can I work from home?"), which the answer action
answers too. Training examples are left as they are.
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

from actions.understanding.followups import continues, points_back, refers_back, topic_intent, with_context
from actions.understanding.message_split import question_clauses, question_part, without_framing
from actions.understanding.spelling import DomainSpelling, domain_vocabulary

ORIGINAL_TEXT = "original_text"  # the message as sent, restored by components.intent_rules
UNDERSTOOD_TEXT = "understood_text"  # what was classified, in the parse result for inspection
READING_OF = "reading_of"  # on an extra message: the position of the message it reads again
READING_WINS = "reading_wins"  # on an extra message: SURER, LEANED_TO or UNSURE
SURER, UNSURE = "where surer", "where the message alone is not understood"
LEANED_TO = "where surer and the message alone leans to it or names something"
READING_EXPECTS = "reading_expects"  # on a reading in context that does not point back: the only intent it may give
PART = "one of the questions a message joins"  # also kept as a further question to answer
VOCABULARY_FILE = "vocabulary.json"


def classified_text(asked: str, spelling: DomainSpelling) -> str:
    """What is classified, and what the intent rules read, from a message's question part (question_part):
    respelled, without its framing."""
    return without_framing(spelling.correct(asked))


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
        counts = domain_vocabulary(examples, notices)
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
            asked = question_part(original)
            understood = classified_text(asked, self.spelling)
            if understood != original:
                message.set(ORIGINAL_TEXT, original)
                message.set(TEXT, understood)
                message.set(UNDERSTOOD_TEXT, understood, add_to_output=True)
            in_context = with_context(understood, last_topic)
            if in_context and points_back(understood):
                readings.append(Message(data={TEXT: in_context, READING_OF: position, READING_WINS: SURER}))
            elif in_context and continues(understood):  # "and where exactly?" may ask something new
                readings.append(Message(data={TEXT: in_context, READING_OF: position, READING_WINS: LEANED_TO}))
            elif in_context:  # "does a master count too?" continues the last topic or is not read in context
                readings.append(Message(data={TEXT: in_context, READING_OF: position, READING_WINS: UNSURE,
                                              READING_EXPECTS: topic_intent(last_topic)}))
            clauses = question_clauses(understood)
            if len(clauses) > 1:
                readings += [Message(data={TEXT: clause, READING_OF: position, READING_WINS: PART}) for clause in clauses]
            if asked != original:  # a question that points back ("does that rule me out?") needs what it follows
                whole = self.spelling.correct(original)
                wins = SURER if refers_back(asked) else UNSURE
                readings.append(Message(data={TEXT: whole, READING_OF: position, READING_WINS: wins}))
        return messages + readings
