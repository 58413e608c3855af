"""The NLU benchmarks score only blind messages the model never saw: a message that a training writer happened
to word the same way is left out of the figures, and counted."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from french_nlu_benchmark import SETS, load_messages  # noqa: E402
from nlu_benchmark import TEST, VALIDATION, folded, load_blind, never_trained_on, trained_texts  # noqa: E402


def test_a_message_worded_like_a_training_example_is_left_out_and_counted(capsys):
    trained = frozenset({folded("stipend"), folded("teletravail possible"), folded("hi")})
    rows = [{"text": "Stipend?"}, {"text": "Télétravail possible ?"}, {"text": "how much is it"}, {"text": "hi hi"}]
    assert never_trained_on(VALIDATION, rows, trained) == [{"text": "how much is it"}, {"text": "hi hi"}]
    assert "2 of 4 messages are also training examples" in capsys.readouterr().out


def test_every_blind_set_is_scored_on_messages_never_trained_on():
    trained = trained_texts()
    for path in (VALIDATION, TEST):
        kept = load_blind(path, trained)
        total = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        assert 0.75 * total < len(kept) < total and not any(folded(example.text) in trained for example in kept)
    for path in SETS.values():
        kept = load_messages(path, trained)
        assert len(kept) > 150 and not any(folded(message["text"]) in trained for message in kept)


def test_every_blind_label_is_an_intent_of_the_domain():
    """A new_topic label is scored as the intent its topic has now; an unknown one stops the benchmark."""
    import pytest
    import yaml

    from nlu_benchmark import labelled

    intents = set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"]) | {"out_of_scope"}
    trained = trained_texts()
    labels = {example.intent for path in (VALIDATION, TEST) for example in load_blind(path, trained)}
    labels |= {message["intent"] for path in SETS.values() for message in load_messages(path, trained)}
    assert labels <= intents and labelled("new_topic:what_is_ims") == "ask_nato_body"
    with pytest.raises(SystemExit, match="new_topic:parking"):
        labelled("new_topic:parking")


def test_french_figures_split_in_scope_messages_into_right_wrong_and_declined():
    """A rightly declined "the notice does not say" counts once, as right, not also as declined."""
    from french_nlu_benchmark import score

    messages = [{"intent": "ask_stipend"}, {"intent": "ask_uncovered_topic"}, {"intent": "ask_deadline"},
                {"intent": "ask_telework"}, {"intent": "out_of_scope"}]
    guesses = [("ask_stipend", 0.9), ("ask_uncovered_topic", 0.8), ("nlu_fallback", 0.3), ("ask_hours", 0.7),
               ("out_of_scope", 0.9)]
    figures = score(messages, guesses)
    assert (figures["in_scope_right"], figures["confident_wrong"], figures["declined"]) == (0.5, 0.25, 0.25)
    assert figures["oos_recall"] == 1.0
