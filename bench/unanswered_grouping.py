"""Chooses the similarity threshold of the unanswered report on labelled wordings, and checks the one in use.

    .venv/bin/python bench/unanswered_grouping.py

Sweeps the threshold from 0.05 to 0.95 in steps of 0.025, printing the adjusted Rand index of the grouping
against the labels (1.0: exactly the labelled groups). Targets: the threshold in use lies in the range of
thresholds that reach the best score, and scores >= 0.75. (Character n-grams join spellings and small
rephrasings; a paraphrase with other words, "is housing provided?" for "will NATO help me find housing?",
stays a group of its own, which is why 1.0 is out of reach.)
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Tuple

import yaml
from sklearn.metrics import adjusted_rand_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actions.unanswered.grouping import SIMILARITY_THRESHOLD, group_wordings  # noqa: E402

EXAMPLES = ROOT / "bench" / "data" / "unanswered_wordings.yml"
TARGET_SCORE = 0.75
STEP = 0.025


def labelled_wordings() -> Tuple[List[str], List[str]]:
    groups = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))["groups"]
    pairs = [(text, label) for label, texts in groups.items() for text in texts]
    return [text for text, _ in pairs], [label for _, label in pairs]


def score(threshold: float, texts: List[str], labels: List[str]) -> float:
    predicted = [0] * len(texts)
    for number, indices in enumerate(group_wordings(texts, threshold)):
        for index in indices:
            predicted[index] = number
    return adjusted_rand_score(labels, predicted)


def main() -> int:
    texts, labels = labelled_wordings()
    thresholds = [round(STEP * step, 3) for step in range(2, 39)]
    sweep = [(threshold, score(threshold, texts, labels)) for threshold in thresholds]
    best = max(value for _, value in sweep)
    good = [threshold for threshold, value in sweep if value >= best - 1e-9]
    print(f"{len(texts)} wordings in {len(set(labels))} labelled groups ({EXAMPLES.relative_to(ROOT)})")
    for threshold, value in sweep:
        print(f"  threshold {threshold:.3f}: adjusted Rand index {value:.3f}{'  <- in use' if threshold == SIMILARITY_THRESHOLD else ''}")
    in_use = score(SIMILARITY_THRESHOLD, texts, labels)
    inside = min(good) <= SIMILARITY_THRESHOLD <= max(good)
    print(f"best {best:.3f} for thresholds {min(good):.3f}-{max(good):.3f}; in use {SIMILARITY_THRESHOLD}: {in_use:.3f}")
    print(f"{'PASS' if inside else 'FAIL'}: the threshold in use is in the best range")
    print(f"{'PASS' if in_use >= TARGET_SCORE else 'FAIL'}: adjusted Rand index {in_use:.3f} >= {TARGET_SCORE}")
    passed = in_use >= TARGET_SCORE and inside
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
