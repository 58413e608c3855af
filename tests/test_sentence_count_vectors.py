"""The sentence-only featurizer gives Rasa's sentence features, word and character n-grams alike, and no others."""
from __future__ import annotations

from pathlib import Path
from typing import List

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.sentence_count_vectors import SentenceCountVectorsFeaturizer

TRAINING = ["what is the stipend", "is telework possible", "when is the deadline", "c'est payé combien ?"]
MESSAGES = ["what's the stipend of the KM one?", "télétravail possible ?", "deadline", "zzz", ""]


def tokenized(texts: List[str]) -> List[Message]:
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    messages = [Message.build(text, intent="ask") for text in texts]
    tokenizer.process(messages)
    return messages


def trained(featurizer_class: type, config: dict, tmp_path: Path) -> CountVectorsFeaturizer:
    (tmp_path / featurizer_class.__name__).mkdir()
    storage = LocalModelStorage.create(tmp_path / featurizer_class.__name__)
    featurizer = featurizer_class.create({**featurizer_class.get_default_config(), **config}, storage,
                                         Resource(featurizer_class.__name__), ExecutionContext.__new__(ExecutionContext))
    featurizer.train(TrainingData(tokenized(TRAINING)))
    return featurizer


@pytest.mark.parametrize("config", [{}, {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 5}])
def test_it_gives_rasas_sentence_features_and_no_sequence_features(config, tmp_path: Path):
    rasas, ours = trained(CountVectorsFeaturizer, config, tmp_path), trained(SentenceCountVectorsFeaturizer, config,
                                                                            tmp_path)
    for by_rasa, by_us in zip(rasas.process(tokenized(MESSAGES)), ours.process(tokenized(MESSAGES))):
        assert by_us.get_sparse_features(TEXT)[0] is None  # no sequence features
        expected = [f.features for f in by_rasa.features if f.type == FEATURE_TYPE_SENTENCE]
        found = [f.features for f in by_us.features if f.type == FEATURE_TYPE_SENTENCE]
        assert len(found) == len(expected) and all((a != b).nnz == 0 for a, b in zip(found, expected))
        assert not any(f.type == FEATURE_TYPE_SEQUENCE for f in by_us.features)
    assert any(f.features.nnz for message in ours.process(tokenized(MESSAGES[:1])) for f in message.features)
