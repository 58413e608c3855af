"""Rasa NLU component: Rasa's logistic-regression intent classifier, safe for messages without features, and fast.

Rasa 3.6's LogisticRegressionClassifier stacks the sentence features of every message and fails on an empty or
blank message, which has none; the whole parse then fails and the user gets no reply. Such a message gets no
intent here instead, so the fallback classifier after it declines it like any other message it cannot read.

It is also where most of a parse's time went (about 8 of 12 ms): Rasa combines every featurizer's sequence and
sentence features, with deep copies, to read the sentence features alone, and scikit-learn multiplies the
message by the transposed weights, which for a C-ordered weight matrix means copying all of it (features x
intents) on every call. Here the sentence features are stacked directly, in Rasa's order, and the weights are
kept in Fortran order, so that their transpose is already contiguous. The probabilities are the same.

The trained classifier is stored as plain arrays (a NumPy .npz read without pickle) instead of Rasa's skops
file: importing skops.io alone took 4 to 10 s of every server start (it walks every loaded module to list the
types it trusts), and the arrays are all a logistic regression needs to predict.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import (
    FEATURE_TYPE_SENTENCE, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT,
)
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack, vstack


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

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as model_dir:
            np.savez(model_dir / WEIGHTS_FILE, coef=self.clf.coef_, intercept=self.clf.intercept_,
                     classes=self.clf.classes_.astype(str))

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LinearIntentClassifier":
        component = cls(config, execution_context.node_name, model_storage, resource)
        try:
            with model_storage.read_from(resource) as model_dir:
                weights = np.load(model_dir / WEIGHTS_FILE, allow_pickle=False)
                component.clf.coef_ = np.asfortranarray(weights["coef"])
                component.clf.intercept_ = weights["intercept"]
                component.clf.classes_ = weights["classes"]
                component.clf.n_features_in_ = component.clf.coef_.shape[1]
        except ValueError:  # no stored weights (nothing to train on): left untrained, as Rasa leaves its own
            pass
        return component

    def _create_X(self, messages: List[Message]) -> csr_matrix:
        """One row per message: its sentence features, sparse then dense, as Rasa's own method stacks them."""
        rows = [[features.features for features in sentence_features(message)] for message in messages]
        shapes = {tuple(matrix.shape for matrix in row) for row in rows}
        if len(shapes) == 1 and all(scipy.sparse.isspmatrix_coo(matrix) and matrix.shape[0] == 1
                                    for row in rows for matrix in row):
            return coo_rows_side_by_side(rows)
        return vstack([hstack(row, format="csr") for row in rows], format="csr")

    def train(self, training_data: TrainingData) -> Resource:
        resource = super().train(training_data)
        if hasattr(self.clf, "coef_"):  # fitted: predict with the weights as loaded ones are kept
            self.clf.coef_ = np.asfortranarray(self.clf.coef_)
        return resource

    def process(self, messages: List[Message]) -> List[Message]:
        featured = [has_sentence_features(message) for message in messages]
        if any(featured):
            super().process([message for message, has in zip(messages, featured) if has])
        for message, has in zip(messages, featured):
            if not has:
                message.set(INTENT, {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        return messages


WEIGHTS_FILE = "weights.npz"


def coo_rows_side_by_side(rows: List[List[scipy.sparse.coo_matrix]]) -> csr_matrix:
    """What `vstack([hstack(row) ...])` gives for rows of one-row sparse features (the featurizers' usual
    output), built directly: scipy's block stacking converted every block twice, about 0.3 ms a message."""
    widths = [matrix.shape[1] for matrix in rows[0]]
    offsets = np.cumsum([0] + widths[:-1])
    columns = [np.concatenate([matrix.col + offset for matrix, offset in zip(row, offsets)]) for row in rows]
    values = [np.concatenate([matrix.data for matrix in row]) for row in rows]
    row_starts = np.cumsum([0] + [len(row_columns) for row_columns in columns])
    return csr_matrix((np.concatenate(values), np.concatenate(columns), row_starts), shape=(len(rows), sum(widths)))


def sentence_features(message: Message) -> List[Features]:
    """The message's sentence-level text features, sparse ones first, each in the order its featurizer ran."""
    text_sentence = [feature for feature in message.features
                     if feature.attribute == TEXT and feature.type == FEATURE_TYPE_SENTENCE]
    return ([feature for feature in text_sentence if feature.is_sparse()]
            + [feature for feature in text_sentence if feature.is_dense()])


def has_sentence_features(message: Message) -> bool:
    return any(feature.features.nnz > 0 for feature in sentence_features(message) if feature.is_sparse())
