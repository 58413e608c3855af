"""The project's logistic-regression intent classifier: stored as plain arrays, it predicts after loading exactly
what it predicted when trained, what Rasa's own classifier predicts, and no intent for a featureless message."""
from __future__ import annotations

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix

from components.linear_intent_classifier import LinearIntentClassifier

INTENTS = ["ask_stipend", "ask_deadline", "out_of_scope"]


def featured(row: np.ndarray, intent: str = "") -> Message:
    """A message with two featurizers' sentence features (and sequence features, which are not read)."""
    message = Message(data={TEXT: "x", **({INTENT: intent} if intent else {})})
    for origin, part in (("words", row[:4]), ("characters", row[4:])):
        message.add_features(Features(csr_matrix(part), FEATURE_TYPE_SENTENCE, TEXT, origin))
        message.add_features(Features(csr_matrix(np.vstack([part, part])), FEATURE_TYPE_SEQUENCE, TEXT, origin))
    return message


def trained(component_class, tmp_path, name: str):
    (tmp_path / name).mkdir()
    storage, resource = LocalModelStorage(tmp_path / name), Resource(name)
    context = ExecutionContext(GraphSchema({}), node_name=name)
    component = component_class.create({**component_class.get_default_config(), "random_state": 7}, storage,
                                       resource, context)
    rows = np.random.default_rng(7).integers(0, 3, size=(30, 9)).astype(float)
    component.train(TrainingData([featured(row, INTENTS[i % 3]) for i, row in enumerate(rows)]))
    return component, storage, resource, context


def predictions(component, rows) -> list:
    messages = component.process([featured(row) for row in rows])
    return [(m.get(INTENT)["name"], round(m.get(INTENT)["confidence"], 12)) for m in messages]


def test_loaded_weights_predict_what_the_trained_classifier_and_rasas_own_predict(tmp_path):
    ours, storage, resource, context = trained(LinearIntentClassifier, tmp_path, "ours")
    rasas, *_ = trained(LogisticRegressionClassifier, tmp_path, "rasas")
    ours.clf.set_params(class_weight="balanced")  # the same settings as Rasa's
    rows = np.random.default_rng(8).integers(0, 3, size=(12, 9)).astype(float)
    loaded = LinearIntentClassifier.load(LinearIntentClassifier.get_default_config(), storage, resource, context)
    assert predictions(loaded, rows) == predictions(ours, rows) == predictions(rasas, rows)
    assert {name for name, _ in predictions(loaded, rows)} <= set(INTENTS)


def test_a_message_without_features_gets_no_intent(tmp_path):
    ours, *_ = trained(LinearIntentClassifier, tmp_path, "ours")
    message = ours.process([Message(data={TEXT: ""})])[0]
    assert message.get(INTENT) == {"name": None, "confidence": 0.0}


def test_one_row_sparse_features_are_stacked_as_scipy_stacks_them(tmp_path):
    from scipy.sparse import coo_matrix

    ours, *_ = trained(LinearIntentClassifier, tmp_path, "ours")
    rows = np.random.default_rng(9).integers(0, 3, size=(5, 9)).astype(float)
    as_csr = [featured(row) for row in rows]  # scipy's own stacking (not one-row COO)
    as_coo = [featured(row) for row in rows]
    for message in as_coo:
        for features in message.features:
            features.features = coo_matrix(features.features)
    for batch in (slice(0, 1), slice(0, 5)):
        expected, stacked = ours._create_X(as_csr[batch]), ours._create_X(as_coo[batch])
        assert stacked.shape == expected.shape and (stacked != expected).nnz == 0
    assert predictions(ours, rows) == [(m.get(INTENT)["name"], round(m.get(INTENT)["confidence"], 12))
                                       for m in ours.process(as_coo)]
