"""NLU benchmark: train on data/nlu with config.yml, evaluate on the held-out set bench/data/nlu_eval.yml.

Prints, with a PASS/FAIL against each target:
- intent macro-F1 over every intent of the evaluation set (target >= 0.95);
- out-of-scope recall: share of out-of-scope messages that get a decline, i.e. are classified out_of_scope
  or fall below the confidence threshold (nlu_fallback) (target >= 0.95);
- confident wrong answers: share of in-scope messages classified, above the threshold, as another intent
  that the assistant would answer (target <= 1%).
A message routed to the low-confidence fallback counts as out_of_scope for the F1, because both get a
decline instead of an answer. Exit status 1 when a target is missed.

    make bench-nlu            (or: python bench/nlu_benchmark.py [--model models/x.tar.gz])
"""
from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parents[1]
EVAL_SET = ROOT / "bench" / "data" / "nlu_eval.yml"
DECLINES = {"out_of_scope", "nlu_fallback"}
TARGETS = {"macro_f1": 0.95, "oos_recall": 0.95, "confident_wrong": 0.01}


def load_examples(path: Path) -> List[Tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]


def train(output: Path, config: Path, nlu: Path = ROOT / "data" / "nlu") -> Path:
    started = time.monotonic()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "rasa"), "train", "nlu", "--config", str(config), "--nlu", str(nlu),
         "--out", str(output), "--fixed-model-name", "bench", "--quiet"],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    print(f"trained the NLU model in {time.monotonic() - started:.0f} s")
    return output / "bench.tar.gz"


def predict(model: Path, texts: List[str]) -> List[Tuple[str, float]]:
    import logging

    import structlog
    from rasa.core.agent import Agent

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))  # no per-message logs

    agent = Agent.load(str(model))

    async def parse_all():
        results = []
        for text in texts:
            parsed = await agent.parse_message(text)
            results.append((parsed["intent"]["name"], parsed["intent"].get("confidence", 0.0)))
        return results

    return asyncio.run(parse_all())


def macro_f1(pairs: List[Tuple[str, str]]) -> Tuple[float, Dict[str, float]]:
    """Macro-F1 over the true labels, with declines folded into out_of_scope."""
    fold = lambda label: "out_of_scope" if label in DECLINES else label  # noqa: E731
    true_positive, predicted, actual = Counter(), Counter(), Counter()
    for truth, guess in pairs:
        truth, guess = fold(truth), fold(guess)
        actual[truth] += 1
        predicted[guess] += 1
        true_positive[truth] += truth == guess
    scores = {}
    for label in actual:
        precision = true_positive[label] / predicted[label] if predicted[label] else 0.0
        recall = true_positive[label] / actual[label]
        scores[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return sum(scores.values()) / len(scores), scores


def report(examples: List[Tuple[str, str]], predictions: List[Tuple[str, float]]) -> bool:
    pairs = [(truth, guess) for (_, truth), (guess, _) in zip(examples, predictions)]
    f1, per_intent = macro_f1(pairs)
    oos = [guess for truth, guess in pairs if truth == "out_of_scope"]
    oos_recall = sum(g in DECLINES for g in oos) / len(oos) if oos else 0.0
    in_scope = [(t, g) for t, g in pairs if t != "out_of_scope"]
    confident_wrong = [(t, g) for t, g in in_scope if g != t and g not in DECLINES]
    wrong_share = len(confident_wrong) / len(in_scope) if in_scope else 0.0
    print(f"evaluation set: {len(pairs)} messages, {len(per_intent)} intents, {len(oos)} out of scope")
    results = [
        ("intent macro-F1", f1, f1 >= TARGETS["macro_f1"], f">= {TARGETS['macro_f1']}"),
        ("out-of-scope recall", oos_recall, oos_recall >= TARGETS["oos_recall"], f">= {TARGETS['oos_recall']}"),
        ("confident wrong answers", wrong_share, wrong_share <= TARGETS["confident_wrong"], f"<= {TARGETS['confident_wrong']}"),
    ]
    for name, value, passed, target in results:
        print(f"{name:26s} {value:.4f}  target {target:7s} {'PASS' if passed else 'FAIL'}")
    weakest = sorted(per_intent.items(), key=lambda item: item[1])[:8]
    print("weakest intents (F1): " + ", ".join(f"{label} {score:.2f}" for label, score in weakest))
    confusions = defaultdict(list)
    for (text, truth), (guess, confidence) in zip(examples, predictions):
        if truth != guess and not (truth == "out_of_scope" and guess in DECLINES):
            confusions[(truth, guess)].append(f"{text!r} ({confidence:.2f})")
    for (truth, guess), texts in sorted(confusions.items(), key=lambda item: -len(item[1]))[:25]:
        print(f"  {truth} -> {guess}: {'; '.join(texts[:3])}")
    return all(passed for _, _, passed, _ in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="evaluate this model instead of training a fresh NLU model")
    parser.add_argument("--config", type=Path, default=ROOT / "config.yml", help="pipeline to train (default: config.yml)")
    args = parser.parse_args()
    examples = load_examples(EVAL_SET)
    with tempfile.TemporaryDirectory() as workdir:
        model = args.model or train(Path(workdir), args.config)
        started = time.monotonic()
        predictions = predict(model, [text for text, _ in examples])
        print(f"parsed {len(examples)} messages in {time.monotonic() - started:.1f} s")
    return 0 if report(examples, predictions) else 1


if __name__ == "__main__":
    sys.exit(main())
