"""Rasa NLU component: Rasa's count-vectors featurizer, computing sentence features only.

Rasa's CountVectorsFeaturizer vectorises every message twice: token by token (sequence features) and as a whole
(sentence features). The intent classifier (components/linear_intent_classifier.py) reads the sentence features
alone and no other component of the pipeline reads features, so the token-level pass was half of the
featurizers' time for nothing. The vocabulary, its training and the sentence features are Rasa's own.
bench/nlu_benchmark.py puts Rasa's featurizer back for DIET, which reads sequence features.
"""
from __future__ import annotations

from typing import List, Optional, Text, Tuple

import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceCountVectorsFeaturizer(CountVectorsFeaturizer):
    """Sentence features as Rasa's featurizer computes them, and no sequence features."""

    def _create_features(self, attribute: Text, all_tokens: List[List[Text]]) -> Tuple[
            List[Optional[scipy.sparse.spmatrix]], List[Optional[scipy.sparse.spmatrix]]]:
        vectorizer = self.vectorizers.get(attribute)
        if not vectorizer:
            return [None], [None]
        sentence_features: List[Optional[scipy.sparse.spmatrix]] = []
        for tokens in all_tokens:
            if tokens and attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
                sentence = vectorizer.transform([" ".join(tokens)])
                sentence.sort_indices()
                sentence_features.append(sentence.tocoo())
            else:
                sentence_features.append(None)
        return [None] * len(all_tokens), sentence_features
