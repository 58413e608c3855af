"""Rasa NLU component: apply the project's deterministic intent rules after the classifiers.

It runs last, after the fallback classifier, so that a drafting request is refused even when the classifier
was unsure or mistaken, and a bare "I'm Estonian" the classifier declined is read as the nationality
question. The rules live in actions.understanding.intent_rules, testable without Rasa. Last, it puts back the message as sent
where components.understood_text classified a shorter or respelled text.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.understanding.intent_rules import SMALL_TALK, mark_entities, rule_intent
from components.understood_text import LEANED_TO, ORIGINAL_TEXT, PART, READING_EXPECTS, READING_OF, READING_WINS, SURER

DECIDED_BY_RULE = "decided_by_rule"  # in the parse result where a rule set the intent
FURTHER_INTENTS = "further_intents"  # in the parse result: the other questions of a message that joins several
# What a message alone says that its words in context never replace: "perfect, that's it" thanks, "forget it" stops.
KEPT_AS_SENT = SMALL_TALK | {"stop"}
NAMES = frozenset({"vacancy", "country", "language", "place"})  # the entities a follow-up may name
NOT_FURTHER = frozenset({None, "nlu_fallback", "out_of_scope", "greet", "goodbye", "thank", "affirm", "deny", "help",
                         "bot_challenge", "stop", "choose_vacancy", "request_drafting", "check_eligibility"})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class IntentRules(GraphComponent, IntentClassifier):
    """Replaces the predicted intent where a rule names another, with full confidence."""

    @classmethod
    def required_components(cls) -> List[type]:
        return [IntentClassifier]

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "IntentRules":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        messages = keep_surer_readings(messages)
        for message in messages:
            predicted = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            entities = [(e["start"], e["end"], e.get("entity")) for e in message.get(ENTITIES) or []]
            understood = message.get(TEXT) or ""
            name = rule_intent(mark_entities(understood, entities), predicted, message.get(ORIGINAL_TEXT) or understood)
            if name and name != predicted:
                intent = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
                ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != name]
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
                message.set(DECIDED_BY_RULE, True, add_to_output=True)
            if message.get(ORIGINAL_TEXT) is not None:
                restore_original_text(message)
        return messages


def top_confidence(message: Message) -> float:
    """The classifier's confidence in its best guess (the fallback's own entry aside)."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != "nlu_fallback"]
    return ranking[0].get(PREDICTED_CONFIDENCE_KEY, 0.0) if ranking else 0.0


def names_something(message: Message) -> bool:
    """The message names a vacancy, a country, a language or a place (its reply language is not a name)."""
    return any(entity.get("entity") in NAMES for entity in message.get(ENTITIES) or [])


def first_guesses(message: Message, count: int = 3) -> List[str]:
    """The classifier's first few guesses for a message (the fallback's own entry aside)."""
    ranking = [r.get(INTENT_NAME_KEY) for r in message.get(INTENT_RANKING_KEY) or []]
    return [name for name in ranking if name != "nlu_fallback"][:count]


def keep_surer_readings(messages: List[Message]) -> List[Message]:
    """The messages as sent, each with the intent of another reading (components.understood_text adds them after
    the messages) where that reading is a question the classifier is surer of and, for some readings, the message
    alone leaned to it or was not understood (an out-of-scope reading never replaces another: a long message
    whole often reads as out of scope), and with the other questions of a message that joins several."""
    sent = [message for message in messages if message.get(READING_OF) is None]
    for reading in messages[len(sent):]:
        message = sent[reading.get(READING_OF)]
        own = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        unsure = own in {None, "nlu_fallback"}
        surer = top_confidence(reading) > top_confidence(message)
        read = (reading.get(INTENT) or {}).get(INTENT_NAME_KEY)
        answers = read not in {None, "nlu_fallback", "out_of_scope"} and reading.get(READING_EXPECTS) in {None, read}
        wins, kept = reading.get(READING_WINS), own in KEPT_AS_SENT
        if wins == LEANED_TO:  # "what about Ukraine?" asks the last question again; "and where exactly?" may not
            not_understood = unsure or own == "out_of_scope"  # a bare name alone reads as nothing or out of scope
            allowed = not kept and (read in first_guesses(message) or (not_understood and names_something(message)))
        else:
            allowed = unsure or (wins == SURER and not kept)
        if surer and answers and allowed:
            message.set(INTENT, reading.get(INTENT), add_to_output=True)
            message.set(INTENT_RANKING_KEY, reading.get(INTENT_RANKING_KEY), add_to_output=True)
            message.set("read_as", reading.get(TEXT), add_to_output=True)
    for message_position, message in enumerate(sent):
        parts = [(reading.get(INTENT) or {}).get(INTENT_NAME_KEY) for reading in messages[len(sent):]
                 if reading.get(READING_OF) == message_position and reading.get(READING_WINS) == PART]
        main = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        further = list(dict.fromkeys(p for p in parts if p not in NOT_FURTHER and p != main))
        if further:
            message.set(FURTHER_INTENTS, further, add_to_output=True)
    return sent


def restore_original_text(message: Message) -> None:
    """The message as sent, each entity's offsets moved to where its text occurs in it (kept where it does not,
    as for a respelled name)."""
    understood, original = message.get(TEXT) or "", message.get(ORIGINAL_TEXT)
    for entity in message.get(ENTITIES) or []:
        found = original.lower().find(understood[entity["start"]:entity["end"]].lower())
        if found >= 0:
            entity["start"], entity["end"] = found, found + entity["end"] - entity["start"]
    message.set(TEXT, original)
