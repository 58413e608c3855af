"""The topic catalogue (actions/answers/topics.yml) against everything that must agree with it: the domain's
intents, the rules that route a topic's intent to the answer action (in and outside the self-check), the
intent documentation, the composers and the stored fact fields."""
from __future__ import annotations

import re

import pytest
import yaml

from actions.answers.composers import COMPOSERS, KINDS
from actions.answers.topics import Topic, _topic, intent_topics, topics
from actions.notices.parser import parse_notice
from tests.conftest import NOTICES, ROOT

TOPIC_INTENTS = set(intent_topics())


def _rule_intents(in_the_check: bool) -> set:
    """The intents of the rule that sends them to action_answer_question (outside or inside the form)."""
    rules = yaml.safe_load((ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))["rules"]
    for rule in rules:
        in_form = {"active_loop": "eligibility_form"} in (rule.get("condition") or [])
        actions = [step.get("action") for step in rule["steps"]]
        if in_form == in_the_check and "action_answer_question" in actions and "or" in rule["steps"][0]:
            return {choice["intent"] for choice in rule["steps"][0]["or"]}
    raise AssertionError(f"no rule routes intents to action_answer_question (in the check: {in_the_check})")


def test_every_topic_intent_is_in_the_domain():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert TOPIC_INTENTS - set(domain["intents"]) == set(), "add these intents to domain.yml"


@pytest.mark.parametrize("in_the_check", [False, True], ids=["outside the check", "during the check"])
def test_the_rules_answer_exactly_the_topic_intents(in_the_check):
    routed = _rule_intents(in_the_check)
    assert TOPIC_INTENTS - routed == set(), "add these intents to the rule in data/rules.yml"
    assert routed - TOPIC_INTENTS == set(), "these intents have no topic in actions/answers/topics.yml"


def test_every_topic_intent_is_documented():
    documented = set(re.findall(r"^\| (\w+) \|", (ROOT / "docs" / "intents.md").read_text(encoding="utf-8"), re.MULTILINE))
    assert TOPIC_INTENTS - documented == set(), "document these intents in docs/intents.md"


def test_every_topic_has_a_composer_and_the_messages_its_kind_needs():
    assert set(COMPOSERS) == set(topics())
    needs = {"quoted": {"lead_in"}, "listed": {"lead_in"}, "stated": {"stated"}, "duties": {"lead_in"},
             "documents": {"lead_in"}}
    for topic in topics().values():
        assert topic.kind in KINDS, topic.name
        required = needs.get(topic.kind, set()) | ({"missing"} if topic.kind not in ("overview", "list_vacancies") else set())
        assert required <= set(topic.messages), (topic.name, required - set(topic.messages))
        assert (topic.column is not None) == (topic.kind == "stated"), topic.name
        assert (topic.criterion is not None) == (topic.kind == "criterion"), topic.name


def test_the_facts_a_topic_answers_from_are_fields_the_importer_stores():
    """Fields either notice stores (only the Cooperative Security notice speaks of training)."""
    stored = {fact.field for path in NOTICES for fact in parse_notice(path.read_text(encoding="utf-8"), path.name).facts}
    for topic in topics().values():
        assert set(topic.facts) - stored == set(), topic.name


def test_a_misspelt_catalogue_entry_is_refused():
    with pytest.raises(ValueError, match="unknown fields"):
        _topic("telework", {"kind": "quoted", "facts": ["telework"], "messages": {"leadin": "telework.lead_in"}})
    assert isinstance(_topic("telework", {"kind": "quoted"}), Topic)
