"""Groups similar wordings of the same question, so that the report counts questions, not spellings.

TF-IDF over character n-grams (within word boundaries) is robust to typos, case, punctuation and small
rephrasings; average-linkage clustering on cosine similarity joins wordings whose mean similarity reaches
the threshold. The threshold was chosen on the labelled wordings in bench/data/unanswered_wordings.yml
(`make bench-unanswered` sweeps it; see README, "What the notices do not answer").
"""
from __future__ import annotations

import re
from typing import Dict, List, Sequence

from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

SIMILARITY_THRESHOLD = 0.325  # the middle of the best range on the labelled wordings (0.275-0.375)
SPACES = re.compile(r"\s+")
MIN_NGRAM = 3


def normalise(text: str) -> str:
    """The wording compared: lower case, single spaces, no trailing punctuation."""
    return SPACES.sub(" ", text.casefold()).strip().rstrip("?!. ")


def group_wordings(texts: Sequence[str], threshold: float = SIMILARITY_THRESHOLD) -> List[List[int]]:
    """Indices of `texts` grouped by similar wording, each group in the order of first appearance."""
    distinct: Dict[str, List[int]] = {}
    for index, text in enumerate(texts):
        distinct.setdefault(normalise(text), []).append(index)
    # A wording with no character n-gram ("???" normalises to "") has no direction to compare: a group of its own.
    wordings = [wording for wording in distinct if len(wording) >= MIN_NGRAM]
    groups = [indices for wording, indices in distinct.items() if len(wording) < MIN_NGRAM]
    if len(wordings) == 1:
        groups.append(distinct[wordings[0]])
    elif wordings:
        vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(MIN_NGRAM, 5), sublinear_tf=True).fit_transform(wordings)
        labels = AgglomerativeClustering(n_clusters=None, affinity="cosine", linkage="average",
                                         distance_threshold=1 - threshold).fit_predict(vectors.toarray())
        clusters: Dict[int, List[int]] = {}
        for wording, label in zip(wordings, labels):
            clusters.setdefault(int(label), []).extend(distinct[wording])
        groups.extend(clusters.values())
    return sorted((sorted(indices) for indices in groups), key=lambda indices: indices[0])
