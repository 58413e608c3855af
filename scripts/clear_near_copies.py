"""Clear a new writer's NLU file before it joins data/nlu/: drop every example that nearly copies an evaluation
message (the blind sets bench/data/*.jsonl and bench/data/nlu_eval.yml: similarity 0.9 and above, case, accents and
punctuation folded away) or repeats a training example, so that the benchmarks still score messages never trained on.

    .venv/bin/python scripts/clear_near_copies.py NEW.yml OUT.yml
"""
from __future__ import annotations

import argparse
import json
import sys
from difflib import SequenceMatcher
from pathlib import Path
from typing import Dict, List

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from nlu_benchmark import folded, trained_texts  # noqa: E402 - the benchmarks' own comparison

NEAR = 0.9


def evaluation_texts() -> List[str]:
    texts = [json.loads(line)["text"] for path in sorted((ROOT / "bench" / "data").glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for block in yaml.safe_load((ROOT / "bench" / "data" / "nlu_eval.yml").read_text(encoding="utf-8"))["nlu"]:
        texts += [line[2:] for line in block.get("examples", "").splitlines() if line.startswith("- ")]
    return sorted({folded(text) for text in texts})


def near_copy(text: str, evaluation: List[str]) -> bool:
    for other in evaluation:
        matcher = SequenceMatcher(None, text, other)
        if matcher.real_quick_ratio() >= NEAR and matcher.quick_ratio() >= NEAR and matcher.ratio() >= NEAR:
            return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("new", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    evaluation, trained = evaluation_texts(), trained_texts()
    kept: Dict[str, List[str]] = {}
    seen, dropped = set(), {"near an evaluation message": 0, "already trained": 0, "repeated": 0}
    for block in yaml.safe_load(args.new.read_text(encoding="utf-8"))["nlu"]:
        for line in block["examples"].splitlines():
            text = line.strip()[2:].strip() if line.strip().startswith("- ") else ""
            key = folded(text)
            if not text:
                continue
            reason = ("repeated" if key in seen else "already trained" if key in trained
                      else "near an evaluation message" if near_copy(key, evaluation) else None)
            seen.add(key)
            if reason:
                dropped[reason] += 1
            else:
                kept.setdefault(block["intent"], []).append(text)
    lines = ['version: "3.1"', "", "nlu:"]
    for intent, examples in kept.items():
        lines += [f"  - intent: {intent}", "    examples: |", *(f"      - {text}" for text in examples), ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"kept {sum(map(len, kept.values()))}, dropped {dropped}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
