"""NLU benchmark: train on data/nlu with config.yml, then evaluate on messages nobody on the team wrote.

Evaluation sets (never trained on, see bench/data/README.md):
- the blind English test set bench/data/en_test.jsonl: the figures that count;
- the blind English validation set bench/data/en_validation.jsonl: the figures thresholds are chosen on, printed
  labelled as validation;
- CLINC150's validation split (from the shared datasets folder): none of it is about an internship.

Each message is parsed the way the conversation parses it (the Rasa NLU graph, given a tracker whose last_topic
slot holds what the turns before it would have left there), so follow-ups are read with their context.
Printed with PASS/FAIL for the test set and CLINC150:
- in-scope messages answered with the right intent (target >= 97%);
- confident wrong answers: in-scope messages given another answer (target <= 1%);
- out-of-scope recall: out-of-scope messages declined (target >= 0.97);
- CLINC150 false accepts: CLINC150 queries given an answer (target <= 3%);
plus macro-F1 and the share of in-scope messages declined. The blind writer labelled "new_topic:<name>" what the
notice says but no intent covered when it wrote; those topics have intents now, and NEW_TOPIC_INTENTS (fixed from
the label names and docs/intents.md alone, before the messages were scored) turns each label into its intent.
A decline is out_of_scope, the low-confidence fallback (nlu_fallback) or "the notice does not say"
(ask_uncovered_topic). Exit status 1 when a test-set or CLINC150 target is missed.

    make bench-nlu     (or: python bench/nlu_benchmark.py [--model models/x.tar.gz] [--config FILE] [--sweep])
"""
from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actions.actions import INTENT_TOPICS  # noqa: E402
from actions.understanding.followups import topic_intent  # noqa: E402
from components.intent_rules import DECIDED_BY_RULE, FURTHER_INTENTS  # noqa: E402

DATA = ROOT / "bench" / "data"
VALIDATION, TEST = DATA / "en_validation.jsonl", DATA / "en_test.jsonl"
DECLINES = {"out_of_scope", "nlu_fallback", "ask_uncovered_topic"}
# Replies that are not an answer from a notice: a CLINC150 query that gets one is not falsely accepted.
SMALL_TALK = {"greet", "goodbye", "thank", "affirm", "deny", "help", "bot_challenge", "stop"}
TARGETS = {"right": 0.97, "confident_wrong": 0.01, "oos_recall": 0.97, "clinc_false_accepts": 0.03}
# The blind sets' "new_topic:<name>" labels and the intent that now answers each (docs/intents.md).
NEW_TOPIC_INTENTS = {
    "training": "ask_training", "diversity": "ask_diversity", "integrity": "ask_integrity",
    "terms_website": "ask_programme_website", "what_is_ims": "ask_nato_body",
    "division_description": "ask_unit_description", "sub_sections": "ask_sub_sections",
    "thematic_areas": "ask_sub_sections", "vacancy_difference": "ask_vacancy_difference",
    **dict.fromkeys(("javascript", "ms_office", "sharepoint", "it_skills", "work_experience"), "ask_skill"),
}


def labelled(intent: str) -> str:
    """The intent a blind label stands for: itself, or the intent a new_topic label's topic has now."""
    if not intent.startswith("new_topic:"):
        return intent
    name = intent.split(":", 1)[1]
    if name not in NEW_TOPIC_INTENTS:
        raise SystemExit(f"the label {intent!r} has no intent in NEW_TOPIC_INTENTS (bench/nlu_benchmark.py): add it")
    return NEW_TOPIC_INTENTS[name]


@dataclass
class Example:
    text: str
    intent: str
    kind: str = ""
    context: List[Tuple[str, str]] = field(default_factory=list)  # the turns before: (intent, text)
    also: List[str] = field(default_factory=list)  # the other things a two-part message asks

    @property
    def last_topic(self) -> Optional[str]:
        """What the last_topic slot holds after the context turns (actions.actions sets it on each answer)."""
        topic = None
        for intent, _ in self.context:
            if intent in INTENT_TOPICS and intent != "ask_uncovered_topic":  # "the notice does not say" is not kept
                topic = INTENT_TOPICS[intent]
        return topic


    def requested_criterion(self, today) -> Optional[str]:
        """The criterion the eligibility self-check asks next when the context left one running, else None."""
        from actions.eligibility.criteria import CRITERIA, stated_criteria

        answered = None  # None: no check running
        for intent, text in self.context:
            if intent == "check_eligibility":
                answered = set(stated_criteria(text, today))
            elif answered is not None and intent in {"stop", "goodbye"}:
                answered = None
            elif answered is not None and intent.endswith("_requirement"):
                answered.add(intent[len("ask_"):-len("_requirement")])
            if answered is not None and answered >= set(CRITERIA):
                answered = None
        return next((c for c in CRITERIA if c not in answered), None) if answered is not None else None


@dataclass
class Reading:
    intent: str
    confidence: float
    ranking: List[Tuple[str, float]]
    by_rule: bool  # a deterministic rule (components.intent_rules) set the intent
    further: List[str] = field(default_factory=list)  # the other questions the NLU classified in the message


def parse_context(raw) -> List[Tuple[str, str]]:
    """Context as a list of {"intent", "text"} turns, of [intent, text] pairs, or "intent::text;;intent::text"."""
    if not raw:
        return []
    if isinstance(raw, str):
        return [tuple(turn.split("::", 1)) for turn in raw.split(";;") if "::" in turn]
    return [(turn["intent"], turn["text"]) if isinstance(turn, dict) else (turn[0], turn[1]) for turn in raw]


def folded(text: str) -> str:
    """Lower case, without accents, punctuation or repeated spaces: two writers' same words compare equal."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    words = "".join(" " if unicodedata.category(c).startswith(("P", "S")) else c for c in plain).split()
    return " ".join(words) or " ".join(plain.split())


def trained_texts(nlu: Path = ROOT / "data" / "nlu") -> FrozenSet[str]:
    """Every training example, folded."""
    from rasa.shared.nlu.training_data.loading import load_data

    return frozenset(folded(message.get("text")) for message in load_data(str(nlu)).intent_examples)


def never_trained_on(path: Path, rows: List[dict], trained: FrozenSet[str]) -> List[dict]:
    """The blind messages that are not also training examples. The training data was written before and apart
    from these sets, and common messages coincide ("hi", "stipend?"); those are left out of the figures, which
    are then on messages the model never saw, and counted."""
    unseen = [row for row in rows if folded(row["text"]) not in trained]
    print(f"{path.relative_to(ROOT)}: {len(rows) - len(unseen)} of {len(rows)} messages are also training "
          f"examples, worded the same by the training data's writers: left out")
    return unseen


def load_blind(path: Path, trained: FrozenSet[str]) -> List[Example]:
    if not path.exists():
        print(f"{path.relative_to(ROOT)} is missing: its figures are not printed")
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Example(row["text"], labelled(row["intent"]), row.get("kind", ""), parse_context(row.get("context")),
                    list(row.get("also") or [])) for row in never_trained_on(path, rows, trained)]


def clinc_validation() -> List[Example]:
    """CLINC150's validation split and its out-of-scope validation queries, each labelled with its CLINC intent."""
    candidates = [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    folder = next((c for c in candidates if c.is_dir()), candidates[0]) / "datasets" / "clinc150"
    splits = json.loads((folder / "clinc150_train_val.json").read_text(encoding="utf-8"))
    return [Example(query, intent) for query, intent in splits["val"] + splits["oos_val"]]


LINEAR = "components.linear_intent_classifier.LinearIntentClassifier"
SENTENCE_COUNTS = "components.sentence_count_vectors.SentenceCountVectorsFeaturizer"
DIET = {"name": "DIETClassifier", "epochs": 100, "number_of_transformer_layers": 0, "entity_recognition": False,
        "constrain_similarities": True}


def variant_config(config: Path, variant: str, seed: Optional[int], threshold: Optional[float], output: Path) -> Path:
    """config.yml changed for an alternative: "diet" (DIET instead of the logistic regression), "unweighted" (the
    logistic regression without balanced class weights), "plain" (without components.understood_text); a seed; a
    fallback threshold."""
    import yaml

    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    pipeline = settings["pipeline"]
    if variant == "plain":
        pipeline[:] = [c for c in pipeline if c["name"] != "components.understood_text.UnderstoodText"]
    at = next(i for i, c in enumerate(pipeline) if c["name"] == LINEAR)
    if variant == "diet":  # with Rasa's own featurizers: DIET reads token-level features too
        pipeline[at] = dict(DIET)
        for component in pipeline:
            if component["name"] == SENTENCE_COUNTS:
                component["name"] = "CountVectorsFeaturizer"
        pipeline.insert(next(i for i, c in enumerate(pipeline) if c["name"] == "RegexFeaturizer") + 1,
                        {"name": "LexicalSyntacticFeaturizer"})
    if variant == "unweighted":
        pipeline[at]["class_weight"] = None
    for component in pipeline:
        if seed is not None and component["name"] == LINEAR:
            component["random_state"] = seed
        if seed is not None and component["name"] == "DIETClassifier":
            component["random_seed"] = seed
        if threshold is not None and component["name"] == "FallbackClassifier":
            component["threshold"] = threshold
    path = output / "config.yml"
    path.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return path


def train(output: Path, config: Path, nlu: Path = ROOT / "data" / "nlu") -> Path:
    started = time.monotonic()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "rasa"), "train", "nlu", "--config", str(config), "--nlu", str(nlu),
         "--out", str(output), "--fixed-model-name", "bench", "--quiet"],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    print(f"trained the NLU model in {time.monotonic() - started:.0f} s")
    return output / "bench.tar.gz"


def read_all(model: Path, examples: Sequence[Example]) -> List[Reading]:
    """Each message parsed by the NLU graph with a tracker that holds its context's last topic."""
    import logging

    import structlog
    from rasa.core.agent import Agent
    from rasa.core.channels import UserMessage
    from rasa.shared.core.slots import TextSlot
    from rasa.shared.core.trackers import DialogueStateTracker

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))  # no per-message logs
    agent = Agent.load(str(model))

    async def parse_all() -> List[Reading]:
        readings = []
        for example in examples:
            tracker = DialogueStateTracker("bench", [TextSlot("last_topic", mappings=[{}]),
                                                     TextSlot("vacancy", mappings=[{}])])
            tracker.slots["last_topic"].value = example.last_topic
            parsed = await agent.processor.parse_message(UserMessage(example.text), tracker)
            intent = parsed["intent"]
            ranking = [(r["name"], r.get("confidence", 0.0)) for r in parsed.get("intent_ranking") or []]
            readings.append(Reading(intent["name"] or "nlu_fallback", intent.get("confidence", 0.0), ranking,
                                    bool(parsed.get(DECIDED_BY_RULE)), list(parsed.get(FURTHER_INTENTS) or [])))
        return readings

    return asyncio.run(parse_all())


def read_by_the_check(examples: Sequence[Example], readings: List[Reading]) -> None:
    """Where the context left the self-check running, the form reads the message (actions.eligibility.form): an
    answer it can read counts as the intent of the criterion asked, one it cannot read as declined (it is asked
    again), as the conversation takes them."""
    from actions import clock
    from actions.eligibility.form import INTERRUPTIONS, QUESTION_FORM
    from actions.eligibility.report import run_check
    from actions.vacancy_db.repository import list_vacancies, open_session

    with open_session() as session:
        vacancies = list_vacancies(session)
        for example, reading in zip(examples, readings):
            criterion = example.requested_criterion(clock.today()) if example.context else None
            if criterion is None or (reading.intent in INTERRUPTIONS and QUESTION_FORM.match(example.text.strip())):
                continue
            readable = run_check(criterion, example.text.strip(), vacancies, clock.today()).check.status != "unclear"
            if readable:
                reading.intent, reading.by_rule = f"ask_{criterion}_requirement", True
            elif reading.intent not in INTERRUPTIONS:  # taken as an answer it cannot read: asked again
                reading.intent, reading.by_rule = "nlu_fallback", True


def answered_together(examples: Sequence[Example], readings: List[Reading]) -> None:
    """A two-part message is answered right when its reply answers what it asks first, whichever of its
    questions the classifier named (the answer action adds the further topics it finds)."""
    for example, reading in zip(examples, readings):
        if example.also and example.intent != reading.intent and example.intent in answered_intents(example.text, reading):
            reading.further = [reading.intent, *reading.further]  # still answered, after the first
            reading.intent, reading.by_rule = example.intent, True


def answered_alike(examples: Sequence[Example], readings: List[Reading]) -> None:
    """After a question on topic T, naming a vacancy or a place alone (choose_vacancy) answers T for it
    (actions.actions.ActionChooseVacancy): "and in Warsaw time?" after the deadline is answered as the deadline
    question, whichever of the two the message is read as."""
    for example, reading in zip(examples, readings):
        topic = example.last_topic
        same = {"choose_vacancy", topic_intent(topic)} if topic else set()
        if reading.intent != example.intent and {reading.intent, example.intent} == same:
            reading.intent, reading.by_rule = example.intent, True


def at_threshold(reading: Reading, threshold, default: Optional[float] = None) -> str:
    """The intent the reading would have with another fallback threshold (rules keep theirs): one threshold, or a
    dict of thresholds by the classifier's top intent (`default` for the intents it does not name)."""
    if reading.by_rule:
        return reading.intent
    classified = [r for r in reading.ranking if r[0] != "nlu_fallback"]
    if not classified:
        return "nlu_fallback"
    top, confidence = classified[0]
    limit = threshold.get(top, default) if isinstance(threshold, dict) else threshold
    return top if confidence >= limit else "nlu_fallback"


GRID = [round(0.25 + 0.05 * i, 2) for i in range(12)]  # 0.25 .. 0.80


def global_threshold(examples, readings, clinc_readings) -> float:
    """The rule used so far: the most right answers with CLINC150 false accepts within 3% (then the fewest
    confident wrong answers)."""
    best = None
    for t in GRID:
        f = figures(examples, [at_threshold(r, t) for r in readings])
        rate = clinc_false_accepts([at_threshold(r, t) for r in clinc_readings])
        key = (rate <= TARGETS["clinc_false_accepts"], f["right"], -f["confident_wrong"], t)
        best = max(best or key, key)
    return best[-1]


def intent_thresholds(examples, readings, clinc_readings, start: float, margin: int = 2) -> Dict[str, float]:
    """One threshold per predicted intent, chosen on these messages only: for the messages the classifier puts
    first under intent I (rules left out), each threshold scores +1 for a right answer it lets through, -1 for a
    wrong one or an out-of-scope message answered, and -w for a CLINC150 query answered (w = the size ratio of the
    two sets, so that a point of CLINC150 false accepts weighs what a point of validation does). An intent keeps
    `start` unless another threshold scores `margin` points more (few messages an intent: little to choose on)."""
    weight = len(examples) / max(len(clinc_readings), 1)
    tops: Dict[str, List[Tuple[float, float]]] = defaultdict(list)  # intent -> (confidence, value if accepted)
    for example, reading in zip(examples, readings):
        if reading.by_rule:
            continue
        classified = [r for r in reading.ranking if r[0] != "nlu_fallback"]
        if classified:
            top, confidence = classified[0]
            tops[top].append((confidence, 1.0 if top == example.intent else -1.0))
    for reading in clinc_readings:
        classified = [r for r in reading.ranking if r[0] != "nlu_fallback"]
        if not reading.by_rule and classified and classified[0][0] not in DECLINES | SMALL_TALK:
            tops[classified[0][0]].append((classified[0][1], -weight))
    chosen = {}
    for intent, rows in tops.items():
        score = lambda t: sum(value for confidence, value in rows if confidence >= t)  # noqa: E731
        best = max(GRID, key=lambda t: (score(t), -abs(t - start)))
        if best != start and score(best) >= score(start) + margin:
            chosen[intent] = best
    return chosen


def per_intent_evaluation(examples, readings, clinc_readings, seeds: Sequence[int] = (1, 2, 3), margin: int = 2) -> None:
    """Per-intent thresholds against one global threshold, both chosen on one half of the validation set (and of
    CLINC150's validation split) and measured on the other half, then the halves swapped; over several splits."""
    import random
    import statistics

    print(f"\n== per-intent thresholds (margin {margin}), 2-fold on the validation data (chosen on one half, measured on the other)")
    names = ["right", "confident_wrong", "oos_recall", "macro_f1", "clinc"]
    results = {"global": defaultdict(list), "per-intent": defaultdict(list)}
    for seed in seeds:
        order, clinc_order = list(range(len(examples))), list(range(len(clinc_readings)))
        random.Random(seed).shuffle(order)
        random.Random(seed).shuffle(clinc_order)
        halves = [order[::2], order[1::2]]
        clinc_halves = [clinc_order[::2], clinc_order[1::2]]
        guesses = {"global": {}, "per-intent": {}}
        clinc_guesses = {"global": {}, "per-intent": {}}
        chosen_log = []
        for choose, measure in [(0, 1), (1, 0)]:
            ex = [examples[i] for i in halves[choose]]
            rd = [readings[i] for i in halves[choose]]
            cr = [clinc_readings[i] for i in clinc_halves[choose]]
            start = global_threshold(ex, rd, cr)
            limits = intent_thresholds(ex, rd, cr, start, margin)
            chosen_log.append(f"global {start:.2f}, {len(limits)} intents moved")
            for i in halves[measure]:
                guesses["global"][i] = at_threshold(readings[i], start)
                guesses["per-intent"][i] = at_threshold(readings[i], limits, start)
            for i in clinc_halves[measure]:
                clinc_guesses["global"][i] = at_threshold(clinc_readings[i], start)
                clinc_guesses["per-intent"][i] = at_threshold(clinc_readings[i], limits, start)
        for method in results:
            f = figures(examples, [guesses[method][i] for i in range(len(examples))])
            f["clinc"] = clinc_false_accepts(list(clinc_guesses[method].values()))
            for name in names:
                results[method][name].append(f[name])
            print(f"  split {seed} {method:10s} right {f['right']:.4f}  confident wrong {f['confident_wrong']:.4f}  "
                  f"oos recall {f['oos_recall']:.4f}  macro-F1 {f['macro_f1']:.4f}  CLINC {f['clinc']:.4f}"
                  + (f"  ({'; '.join(chosen_log)})" if method == "per-intent" else ""))
    for method, values in results.items():
        print(f"  mean (spread) {method:10s} " + "  ".join(
            f"{name} {statistics.mean(v):.4f} ({max(v) - min(v):.4f})" for name, v in values.items()))


def macro_f1(pairs: Sequence[Tuple[str, str]]) -> float:
    """Macro-F1 over the true labels, with the fallback folded into out_of_scope (both get a decline)."""
    fold = lambda label: "out_of_scope" if label == "nlu_fallback" else label  # noqa: E731
    true_positive, predicted, actual = Counter(), Counter(), Counter()
    for truth, guess in pairs:
        truth, guess = fold(truth), fold(guess)
        actual[truth] += 1
        predicted[guess] += 1
        true_positive[truth] += truth == guess
    scores = []
    for label in actual:
        precision = true_positive[label] / predicted[label] if predicted[label] else 0.0
        recall = true_positive[label] / actual[label]
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def figures(examples: Sequence[Example], intents: Sequence[str]) -> Dict[str, float]:
    pairs = [(e.intent, guess) for e, guess in zip(examples, intents)]
    in_scope = [(t, g) for t, g in pairs if t != "out_of_scope"]
    oos = [g for t, g in pairs if t == "out_of_scope"]
    share = lambda part, whole: len(part) / len(whole) if whole else 0.0  # noqa: E731
    return {
        "in_scope": len(in_scope), "out_of_scope": len(oos),
        "right": share([1 for t, g in in_scope if g == t], in_scope),
        "confident_wrong": share([1 for t, g in in_scope if g != t and g not in DECLINES], in_scope),
        "declined": share([1 for t, g in in_scope if g != t and g in DECLINES], in_scope),
        "oos_recall": share([g for g in oos if g in DECLINES], oos),
        "macro_f1": macro_f1(pairs),
    }


def clinc_false_accepts(intents: Sequence[str]) -> float:
    return sum(g not in DECLINES | SMALL_TALK for g in intents) / len(intents) if intents else 0.0


def verdict(value: float, name: str) -> str:
    target = TARGETS[name]
    passed = value <= target if name in {"confident_wrong", "clinc_false_accepts"} else value >= target
    sign = "<=" if name in {"confident_wrong", "clinc_false_accepts"} else ">="
    return f"target {sign} {target:<5} {'PASS' if passed else 'FAIL'}"


def report_blind(label: str, examples: List[Example], readings: List[Reading], judged: bool) -> bool:
    if not examples:
        return False
    intents = [r.intent for r in readings]
    f = figures(examples, intents)
    print(f"\n== {label}: {len(examples)} messages: {f['in_scope']} in scope, {f['out_of_scope']} out of scope")
    rows = [("in-scope answered with the right intent", f["right"], "right"),
            ("confident wrong answers (in scope)", f["confident_wrong"], "confident_wrong"),
            ("out-of-scope recall", f["oos_recall"], "oos_recall")]
    for name, value, key in rows:
        print(f"  {name:42s} {value:.4f}  {verdict(value, key) if judged else '(validation: not judged)'}")
    print(f"  {'in-scope declined':42s} {f['declined']:.4f}")
    print(f"  {'macro-F1 (declines folded into out_of_scope)':42s} {f['macro_f1']:.4f}")
    by_kind = defaultdict(list)
    for example, intent in zip(examples, intents):
        by_kind[example.kind or "?"].append(intent == example.intent or
                                            (example.intent == "out_of_scope" and intent in DECLINES))
    print("  right by kind (two-part: what it asks first is answered; self-check answers: read by the check): " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(by_kind.items())))
    two_part = [(e, r) for e, r in zip(examples, readings) if e.also]
    if two_part:
        found = sum(set(e.also) <= set(answered_intents(e.text, r)) for e, r in two_part)
        print(f"  two-part messages whose second question is answered too: {found}/{len(two_part)}")
    return all(verdict(value, key).endswith("PASS") for _, value, key in rows)


def answered_intents(text: str, reading: Reading) -> List[str]:
    """The intents a message's reply answers: its own and the further topics the answer action adds."""
    from actions.actions import ActionAnswerQuestion

    topic = INTENT_TOPICS.get(reading.intent)
    if topic is None:
        return [reading.intent]
    tracker = type("LatestMessage", (), {"latest_message": {"text": text, FURTHER_INTENTS: reading.further}})()
    return [reading.intent] + [topic_intent(t) for t in ActionAnswerQuestion().further_topics(tracker, topic)]


def list_errors(examples: List[Example], readings: List[Reading], limit: int = 200) -> None:
    """The misses of a validation set, worst first (never printed for the test set)."""
    misses = [(e, r) for e, r in zip(examples, readings) if r.intent != e.intent and not
              (e.intent == "out_of_scope" and r.intent in DECLINES)]
    for example, reading in misses[:limit]:
        context = f" [after {example.context[-1][0]}]" if example.context else ""
        guess = next(((i, c) for i, c in reading.ranking if i != "nlu_fallback"), (reading.intent, reading.confidence))
        print(f"    {example.kind:9s} {example.intent} -> {reading.intent} (best guess {guess[0]} {guess[1]:.2f}){context}: "
              f"{example.text[:150]!r}")


def report_clinc(examples: List[Example], readings: List[Reading]) -> bool:
    intents = [r.intent for r in readings]
    rate = clinc_false_accepts(intents)
    print(f"\n== CLINC150 validation split: {len(examples)} queries (none about an internship)")
    print(f"  {'CLINC150 false accepts':42s} {rate:.4f}  {verdict(rate, 'clinc_false_accepts')}")
    accepted = Counter((e.intent, r.intent) for e, r in zip(examples, readings) if r.intent not in DECLINES | SMALL_TALK)
    print("  most accepted: " + ", ".join(f"{c}->{i} {n}" for (c, i), n in accepted.most_common(12)))
    return rate <= TARGETS["clinc_false_accepts"]


def sweep(sets: Dict[str, Tuple[List[Example], List[Reading]]], clinc: Tuple[List[Example], List[Reading]]) -> None:
    """Figures at other fallback thresholds, on the validation data only."""
    print("\n== threshold sweep on validation data (right / confident wrong / oos recall / CLINC false accepts)")
    for threshold in [0.4, 0.45, 0.46, 0.47, 0.48, 0.49, 0.5, 0.55, 0.6, 0.62, 0.64, 0.66, 0.68, 0.7, 0.75, 0.8]:
        cells = []
        for label, (examples, readings) in sets.items():
            f = figures(examples, [at_threshold(r, threshold) for r in readings])
            cells.append(f"{label} {f['right']:.3f}/{f['confident_wrong']:.3f}/{f['oos_recall']:.3f}")
        rate = clinc_false_accepts([at_threshold(r, threshold) for r in clinc[1]])
        print(f"  {threshold:.2f}  " + "  ".join(cells) + f"  CLINC {rate:.4f}")


def save_readings(path: Path, validation_readings: List[Reading], clinc_readings: List[Reading]) -> None:
    """The validation and CLINC150 readings as JSON, to compare or combine variants without parsing again."""
    rows = lambda readings: [{"intent": r.intent, "confidence": r.confidence, "ranking": r.ranking,  # noqa: E731
                              "by_rule": r.by_rule, "further": r.further} for r in readings]
    path.write_text(json.dumps({"validation": rows(validation_readings), "clinc": rows(clinc_readings)}), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="evaluate this model instead of training a fresh NLU model")
    parser.add_argument("--config", type=Path, default=ROOT / "config.yml", help="pipeline to train (default: config.yml)")
    parser.add_argument("--variant", choices=["current", "diet", "unweighted", "plain"], default="current",
                        help="an alternative to evaluate (see variant_config)")
    parser.add_argument("--seed", type=int, help="the classifier's random seed")
    parser.add_argument("--threshold", type=float, help="the fallback threshold")
    parser.add_argument("--sweep", action="store_true", help="also print the figures at other thresholds (validation)")
    parser.add_argument("--errors", action="store_true", help="list the validation set's misses")
    parser.add_argument("--per-intent-thresholds", action="store_true",
                        help="compare per-intent thresholds with a global one, 2-fold on the validation data")
    parser.add_argument("--per-intent-margin", type=int, default=2,
                        help="points an intent's own threshold must gain over the global one to be kept")
    parser.add_argument("--readings", type=Path, help="evaluate readings saved by --save-readings (no parsing)")
    parser.add_argument("--ensemble", type=Path,
                        help="with --readings: average the classifier rankings with these saved readings'")
    parser.add_argument("--save-readings", type=Path,
                        help="write the validation and CLINC150 readings (intent, ranking, rule) to this JSON file")
    parser.add_argument("--validation-only", action="store_true",
                        help="leave the test set out (not parsed, no figures): for tuning, which must not see it")
    args = parser.parse_args()
    trained = trained_texts()
    validation, clinc = load_blind(VALIDATION, trained), clinc_validation()
    if args.readings:
        return from_saved(args, validation, clinc)
    test = [] if args.validation_only else load_blind(TEST, trained)
    with tempfile.TemporaryDirectory() as workdir:
        config = args.config
        if args.variant != "current" or args.seed is not None or args.threshold is not None:
            config = variant_config(args.config, args.variant, args.seed, args.threshold, Path(workdir))
            print(f"variant {args.variant}, seed {args.seed}, threshold {args.threshold}")
        model = args.model or train(Path(workdir), config)
        started = time.monotonic()
        readings = read_all(model, validation + test + clinc)
        print(f"parsed {len(readings)} messages in {time.monotonic() - started:.0f} s")
    read_by_the_check(validation + test, readings[:len(validation) + len(test)])
    answered_together(validation + test, readings[:len(validation) + len(test)])
    answered_alike(validation + test, readings[:len(validation) + len(test)])
    validation_readings = readings[:len(validation)]
    test_readings = readings[len(validation):len(validation) + len(test)]
    clinc_readings = readings[len(validation) + len(test):]
    report_blind("VALIDATION set (bench/data/en_validation.jsonl, thresholds chosen here)", validation,
                 validation_readings, judged=False)
    if args.errors:
        list_errors(validation, validation_readings)
    passed = report_blind("TEST set (bench/data/en_test.jsonl, never tuned on)", test, test_readings, judged=True)
    passed = report_clinc(clinc, clinc_readings) and passed
    if args.save_readings:
        save_readings(args.save_readings, validation_readings, clinc_readings)
    if args.sweep:
        sweep({"validation": (validation, validation_readings)}, (clinc, clinc_readings))
    if args.per_intent_thresholds:
        per_intent_evaluation(validation, validation_readings, clinc_readings, margin=args.per_intent_margin)
    return 0 if passed else 1


def load_readings(path: Path) -> Dict[str, List[Reading]]:
    saved = json.loads(path.read_text(encoding="utf-8"))
    return {part: [Reading(r["intent"], r["confidence"], [tuple(x) for x in r["ranking"]], r["by_rule"],
                           r.get("further", [])) for r in rows] for part, rows in saved.items()}


def averaged(first: Reading, second: Reading, threshold: float) -> Reading:
    """The two classifiers' probabilities averaged (a rule's reading of the first kept as it is)."""
    if first.by_rule:
        return first
    total: Dict[str, float] = defaultdict(float)
    for reading in (first, second):
        for name, confidence in reading.ranking:
            if name != "nlu_fallback":
                total[name] += confidence / 2
    ranking = sorted(total.items(), key=lambda r: -r[1])
    if not ranking:
        return first
    intent = ranking[0][0] if ranking[0][1] >= threshold else "nlu_fallback"
    return Reading(intent, ranking[0][1], ranking, False)


def configured_threshold(config: Path) -> float:
    """The FallbackClassifier threshold of the pipeline."""
    import yaml

    pipeline = yaml.safe_load(config.read_text(encoding="utf-8"))["pipeline"]
    return next(c["threshold"] for c in pipeline if c["name"] == "FallbackClassifier")


def from_saved(args, validation: List[Example], clinc: List[Example]) -> int:
    """The validation figures of saved readings, optionally averaged with another model's (validation only)."""
    saved = load_readings(args.readings)
    threshold = args.threshold if args.threshold is not None else configured_threshold(args.config)
    if args.ensemble:
        other = load_readings(args.ensemble)
        saved = {part: [averaged(a, b, threshold) for a, b in zip(saved[part], other[part])] for part in saved}
        print(f"ensemble: {args.readings} and {args.ensemble} averaged, threshold {threshold}")
    report_blind("VALIDATION set (saved readings)", validation, saved["validation"], judged=False)
    report_clinc(clinc, saved["clinc"])
    if args.sweep:
        sweep({"validation": (validation, saved["validation"])}, (clinc, saved["clinc"]))
    if args.per_intent_thresholds:
        per_intent_evaluation(validation, saved["validation"], saved["clinc"], margin=args.per_intent_margin)
    return 0


if __name__ == "__main__":
    sys.exit(main())
