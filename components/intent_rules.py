"""Rasa NLU component: apply the project's deterministic intent rules after the classifiers.

It runs last, after the fallback classifier, so that a drafting request is refused even when the classifier
was unsure or mistaken, and a bare "I'm Estonian" the classifier declined is read as the nationality
question. The rules live in actions.understanding.intent_rules, testable without Rasa.
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

from actions.understanding.intent_rules import mark_entities, rule_intent


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
        for message in messages:
            predicted = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            entities = [(e["start"], e["end"], e.get("entity")) for e in message.get(ENTITIES) or []]
            name = rule_intent(mark_entities(message.get(TEXT) or "", entities), predicted)
            if name and name != predicted:
                intent = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
                ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != name]
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
        return messages
