"""Rasa NLU component: Rasa's logistic-regression intent classifier, safe for messages without features.

Rasa 3.6's LogisticRegressionClassifier stacks the sentence features of every message and fails on an empty or
blank message, which has none; the whole parse then fails and the user gets no reply. Such a message gets no
intent here instead, so the fallback classifier after it declines it like any other message it cannot read.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(LogisticRegressionClassifier):
    """Classifies the messages that have features; gives the others no intent with zero confidence. Its
    `class_weight` (scikit-learn's: "balanced", the default, or null) and `C` (the inverse of the regularisation
    strength, scikit-learn's default 1.0) are configurable, for bench/nlu_benchmark.py."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "class_weight": "balanced", "C": 1.0}

    def __init__(self, config: Dict[Text, Any], *args: Any) -> None:
        super().__init__(config, *args)
        self.clf.set_params(class_weight=self.config["class_weight"], C=self.config["C"])

    def process(self, messages: List[Message]) -> List[Message]:
        featured = [message for message in messages if has_sentence_features(message)]
        if featured:
            super().process(featured)
        for message in messages:
            if not has_sentence_features(message):
                message.set(INTENT, {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        return messages


def has_sentence_features(message: Message) -> bool:
    _, sentence_features = message.get_sparse_features(TEXT)
    return sentence_features is not None and sentence_features.features.nnz > 0
