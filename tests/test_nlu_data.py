"""Checks of the NLU data: the training data (data/nlu/) and the held-out evaluation set (bench/data/nlu_eval.yml)
cover every intent of docs/intents.md, with enough examples, and never share an example."""
from __future__ import annotations

import re
import string
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Set

import pytest
from rasa.shared.nlu.training_data.loading import load_data

ROOT = Path(__file__).resolve().parents[1]
INTENTS_DOC = ROOT / "docs" / "intents.md"
TRAINING_DIR = ROOT / "data" / "nlu"
EVAL_SET = ROOT / "bench" / "data" / "nlu_eval.yml"

MIN_TRAINING = 20
MIN_EVAL = 8
# The declines need many more examples: they are open-ended classes.
MIN_TRAINING_SPECIAL = {"out_of_scope": 120, "request_drafting": 60, "ask_uncovered_topic": 50}
MIN_EVAL_SPECIAL = {"out_of_scope": 60, "request_drafting": 40, "ask_uncovered_topic": 25}


def documented_intents() -> List[str]:
    """The first column of every table in docs/intents.md above the entities section."""
    intents = []
    for line in INTENTS_DOC.read_text(encoding="utf-8").split("## Entities")[0].splitlines():
        match = re.match(r"^\|\s*([a-z_]+)\s*\|", line)
        if match and match.group(1) != "intent":
            intents.append(match.group(1))
    return intents


def examples_by_intent(path: Path) -> Dict[str, List[str]]:
    data = load_data(str(path))
    examples: Dict[str, List[str]] = defaultdict(list)
    for message in data.intent_examples:
        examples[message.get("intent")].append(message.get("text"))
    return dict(examples)


_PUNCTUATION = str.maketrans({c: " " for c in string.punctuation + "’‘“”…"})


def normalise(text: str) -> str:
    """Lower-case, punctuation stripped, whitespace collapsed; punctuation-only texts (":)", "???") kept as is."""
    folded = " ".join(text.lower().translate(_PUNCTUATION).split())
    return folded or " ".join(text.lower().split())


@pytest.fixture(scope="module")
def intents() -> List[str]:
    return documented_intents()


@pytest.fixture(scope="module")
def training() -> Dict[str, List[str]]:
    return examples_by_intent(TRAINING_DIR)


@pytest.fixture(scope="module")
def evaluation() -> Dict[str, List[str]]:
    return examples_by_intent(EVAL_SET)


def test_the_intent_inventory_is_parsed(intents):
    assert len(intents) == len(set(intents)) >= 40
    assert {"greet", "choose_vacancy", "check_eligibility", "ask_ai_policy", "out_of_scope"} <= set(intents)


def test_the_training_files_use_the_rasa_3_format():
    files = sorted(TRAINING_DIR.glob("*.yml"))
    assert files
    for path in [*files, EVAL_SET]:
        assert re.search(r'^version: "3\.1"$', path.read_text(encoding="utf-8"), re.MULTILINE), path


def test_every_documented_intent_has_enough_training_examples(intents, training):
    too_few = {
        intent: len(training.get(intent, []))
        for intent in intents
        if len(training.get(intent, [])) < MIN_TRAINING_SPECIAL.get(intent, MIN_TRAINING)
    }
    assert not too_few


def test_every_documented_intent_has_enough_evaluation_examples(intents, evaluation):
    too_few = {
        intent: len(evaluation.get(intent, []))
        for intent in intents
        if len(evaluation.get(intent, [])) < MIN_EVAL_SPECIAL.get(intent, MIN_EVAL)
    }
    assert not too_few


@pytest.mark.parametrize("name", ["training", "evaluation"])
def test_every_intent_in_the_data_is_documented(name, intents, request):
    data = request.getfixturevalue(name)
    assert set(data) - set(intents) == set()


@pytest.mark.parametrize("name", ["training", "evaluation"])
def test_no_example_belongs_to_two_intents(name, request):
    data = request.getfixturevalue(name)
    owners: Dict[str, Set[str]] = defaultdict(set)
    for intent, texts in data.items():
        for text in texts:
            owners[normalise(text)].add(intent)
    shared = {text: sorted(owner) for text, owner in owners.items() if len(owner) > 1}
    assert not shared


@pytest.mark.parametrize("name", ["training", "evaluation"])
def test_no_example_is_repeated_within_an_intent(name, request):
    data = request.getfixturevalue(name)
    repeated = {}
    for intent, texts in data.items():
        seen: Set[str] = set()
        for text in texts:
            key = normalise(text)
            if key in seen:
                repeated.setdefault(intent, []).append(text)
            seen.add(key)
    assert not repeated


def test_no_evaluation_example_is_in_the_training_data(training, evaluation):
    trained = {normalise(text) for texts in training.values() for text in texts}
    leaked = sorted(text for texts in evaluation.values() for text in texts if normalise(text) in trained)
    assert not leaked


def test_examples_carry_no_entity_annotations(training, evaluation):
    """Entities come from the spaCy EntityRuler; annotated examples would also leave their markup out of the text."""
    for path in [*sorted(TRAINING_DIR.glob("*.yml")), EVAL_SET]:
        assert not re.search(r"\]\([a-z_]+\)|\]\{\"entity\"", path.read_text(encoding="utf-8")), path


def test_country_lookup_covers_every_country_of_the_reference_list():
    """The classifier's country feature must know every country the eligibility rules know."""
    from actions.understanding.countries import load_countries

    lookups = load_data(str(ROOT / "data" / "nlu" / "lookups.yml")).lookup_tables
    countries = next(t["elements"] for t in lookups if t["name"] == "country")
    assert {c.name for c in load_countries()} <= set(countries)
