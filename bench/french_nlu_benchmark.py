"""French part of the NLU benchmark: the model trained on data/nlu, run on the blind French sets.

bench/data/fr_validation.jsonl and fr_test.jsonl were written by someone who never saw the training data
(bench/data/README.md). Each is scored with the same targets as English, with a PASS/FAIL each:
- in-scope right intent: share of in-scope messages given their intent (or, for a message that asks two
  things, its second intent) (target >= 97%);
- confident wrong answers: share of in-scope messages answered, above the threshold, as another intent
  (target <= 1%);
- out-of-scope recall: share of out-of-scope messages declined (out_of_scope or below the threshold) (>= 0.97);
and, without a target, intent macro-F1 and the declined share of in-scope messages. A `new_topic:...` label
(a topic that had no intent when the sets were written) is scored as the intent it has now (NEW_TOPIC_INTENTS).
The NLU reads each message alone, as in the conversation (follow-ups included).

    make bench-nlu     (or: python bench/french_nlu_benchmark.py [--model M] [--training-files 'fr_*.yml'])
"""
from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, FrozenSet, List, Set, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nlu_benchmark import DECLINES, ROOT, labelled, macro_f1, never_trained_on, train, trained_texts  # noqa: E402


def predict(model: Path, texts: List[str]) -> List[Tuple[str, float]]:
    """The intent and confidence of each message alone (the French sets are judged message by message)."""
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

SETS = {name: ROOT / "bench" / "data" / f"fr_{name}.jsonl" for name in ("validation", "test")}
TARGETS = {"in_scope_right": 0.97, "confident_wrong": 0.01, "oos_recall": 0.97}


def load_messages(path: Path, trained: FrozenSet[str]) -> List[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{**row, "intent": labelled(row["intent"])} for row in never_trained_on(path, rows, trained)]


def accepted(message: dict) -> Set[str]:
    """The intents that answer the message: its intent, and the second one of a two-part question."""
    return {message["intent"], *message.get("also", [])}


def is_right(message: dict, guess: str) -> bool:
    """Answered as asked, or declined where no intent answers it (out of scope)."""
    return guess in accepted(message) or (message["intent"] == "out_of_scope" and guess in DECLINES)


def score(messages: List[dict], predictions: List[Tuple[str, float]]) -> Dict[str, float]:
    in_scope = [(m, g) for m, (g, _) in zip(messages, predictions) if m["intent"] != "out_of_scope"]
    oos = [g for m, (g, _) in zip(messages, predictions) if m["intent"] == "out_of_scope"]
    right = sum(g in accepted(m) for m, g in in_scope)
    wrong = sum(g not in accepted(m) and g not in DECLINES for m, g in in_scope)
    f1 = macro_f1([(m["intent"], m["intent"] if g in accepted(m) else g) for m, g in in_scope]
                     + [("out_of_scope", g) for g in oos])
    return {
        "messages": len(messages), "in_scope": len(in_scope), "out_of_scope": len(oos),
        "in_scope_right": right / len(in_scope),
        "confident_wrong": wrong / len(in_scope),
        "oos_recall": sum(g in DECLINES for g in oos) / len(oos),
        "macro_f1": f1,
        "declined": sum(g in DECLINES and g not in accepted(m) for m, g in in_scope) / len(in_scope),
    }


def report(name: str, messages: List[dict], predictions: List[Tuple[str, float]], show_errors: bool) -> bool:
    figures = score(messages, predictions)
    print(f"French {name}: {figures['messages']} messages, {figures['in_scope']} in scope, "
          f"{figures['out_of_scope']} out of scope")
    checks = [
        ("in-scope right intent", "in_scope_right", figures["in_scope_right"] >= TARGETS["in_scope_right"], ">="),
        ("confident wrong answers", "confident_wrong", figures["confident_wrong"] <= TARGETS["confident_wrong"], "<="),
        ("out-of-scope recall", "oos_recall", figures["oos_recall"] >= TARGETS["oos_recall"], ">="),
    ]
    for label, key, passed, sign in checks:
        print(f"  {label:26s} {figures[key]:.4f}  target {sign} {TARGETS[key]:<5} {'PASS' if passed else 'FAIL'}")
    print(f"  {'intent macro-F1':26s} {figures['macro_f1']:.4f}")
    print(f"  {'declined (in scope)':26s} {figures['declined']:.4f}")
    by_kind: Dict[str, Counter] = defaultdict(Counter)
    for message, (guess, _) in zip(messages, predictions):
        right = is_right(message, guess)
        by_kind[message["kind"]]["right" if right else "missed"] += 1
    print("  right by kind: " + ", ".join(f"{kind} {c['right']}/{c['right'] + c['missed']}"
                                          for kind, c in sorted(by_kind.items())))
    if show_errors:
        for message, (guess, confidence) in zip(messages, predictions):
            if not is_right(message, guess):
                print(f"    {message['intent']} -> {guess} ({confidence:.2f}): {message['text'][:90]!r}")
    return all(passed for _, _, passed, _ in checks)


def training_subset(pattern: str, workdir: Path) -> Path:
    """A copy of the training files that match the pattern (plus the lookups), for a model of one language."""
    subset = workdir / "nlu"
    subset.mkdir()
    for path in [*ROOT.glob(f"data/nlu/{pattern}"), ROOT / "data" / "nlu" / "lookups.yml"]:
        shutil.copy(path, subset / path.name)
    return subset


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="evaluate this model instead of training a fresh NLU model")
    parser.add_argument("--config", type=Path, default=ROOT / "config.yml")
    parser.add_argument("--training-files", help="train only on data/nlu files matching this pattern (e.g. 'fr_*.yml')")
    parser.add_argument("--errors", action="store_true", help="list the VALIDATION messages missed (never the test set's)")
    parser.add_argument("--validation-only", action="store_true",
                        help="leave the test set out (not parsed, no figures): for tuning, which must not see it")
    args = parser.parse_args()
    trained = trained_texts()  # all the training data, whatever --training-files trains on
    sets = {name: load_messages(path, trained) for name, path in SETS.items()
            if name == "validation" or not args.validation_only}
    with tempfile.TemporaryDirectory() as workdir:
        nlu = training_subset(args.training_files, Path(workdir)) if args.training_files else None
        model = args.model or train(Path(workdir), args.config, *([nlu] if nlu else []))
        passed = True
        for name, messages in sets.items():
            predictions = predict(model, [m["text"] for m in messages])
            passed &= report(name, messages, predictions, args.errors and name == "validation")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
