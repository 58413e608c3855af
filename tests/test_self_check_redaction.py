"""Which events of a conversation the private tracker store redacts: finished checks only, all of each one."""
from __future__ import annotations

from typing import Dict, List

from stores.self_check_redaction import indices_to_redact, redacted


def user(text: str, intent: str, *countries: str) -> Dict:
    entities = [{"entity": "country", "value": country} for country in countries]
    return {"event": "user", "text": text,
            "parse_data": {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities}}


def bot(text: str) -> Dict:
    return {"event": "bot", "text": text, "data": {"custom": {"answers": text}}}


def slot(name: str, value) -> Dict:
    return {"event": "slot", "name": name, "value": value}


def loop(name) -> Dict:
    return {"event": "active_loop", "name": name}


def action(name: str) -> Dict:
    return {"event": "action", "name": name}


BEFORE = [user("what's the stipend of the KM one?", "ask_stipend"), bot("The stipend is ..."), slot("vacancy", "250775"),
          action("action_listen")]
CHECK_STARTED = [user("run the eligibility check, I'm a 22 year old Polish student", "check_eligibility", "Poland"),
                 action("utter_eligibility_check_intro"), bot("Let's check."), action("eligibility_form"),
                 slot("answer_nationality", "I'm a 22 year old Polish student"), slot("answer_age", "22"),
                 loop("eligibility_form"), slot("requested_slot", "answer_language"), bot("Which languages?"),
                 action("action_listen")]
CHECK_ENDED = [user("fluent English", "inform"), action("eligibility_form"), slot("answer_language", "fluent English"),
               loop(None), action("action_eligibility_result"), bot("Nationality: Polish, met"),
               slot("answer_nationality", None), slot("answer_language", None), action("action_listen")]
AFTER = [user("and the deadline?", "ask_deadline"), bot("The deadline is ..."), action("action_listen")]


def private_strings(events: List[Dict]) -> List[str]:
    found = str(events)
    return [s for s in ("Polish", "22", "fluent English", "Poland", "Nationality") if s in found]


def test_a_check_in_progress_is_kept_whole_so_that_it_survives_a_restart():
    assert indices_to_redact(BEFORE + CHECK_STARTED) == set()


def test_a_finished_check_is_redacted_from_the_message_that_started_it_to_the_end_of_its_last_turn():
    events = BEFORE + CHECK_STARTED + CHECK_ENDED + AFTER
    indices = indices_to_redact(events)
    rewritten = [redacted(e) if i in indices else e for i, e in enumerate(events)]
    assert private_strings(rewritten) == []
    assert rewritten[:len(BEFORE)] == BEFORE and rewritten[-len(AFTER):] == AFTER  # the rest is untouched
    assert rewritten[len(BEFORE)]["parse_data"]["intent"]["name"] == "check_eligibility"  # shape kept for policies
    assert indices_to_redact(rewritten) == set()  # redacting twice changes nothing


def test_stopping_the_check_or_a_new_session_also_ends_it():
    stopped = [user("stop", "stop"), action("action_stop_eligibility_check"), loop(None),
               slot("answer_nationality", None), action("action_listen")]
    assert private_strings([redacted(e) if i in indices_to_redact(CHECK_STARTED + stopped) else e
                            for i, e in enumerate(CHECK_STARTED + stopped)]) == []
    carried_over = [action("action_session_start"), {"event": "session_started"},
                    slot("answer_nationality", "I'm a 22 year old Polish student"), action("action_listen")]
    events = CHECK_STARTED + carried_over
    indices = indices_to_redact(events)
    assert private_strings([redacted(e) if i in indices else e for i, e in enumerate(events)]) == []


def test_a_second_check_in_progress_keeps_its_answers_while_the_first_is_forgotten():
    events = CHECK_STARTED + CHECK_ENDED + CHECK_STARTED
    indices = indices_to_redact(events)
    assert indices and max(indices) < len(CHECK_STARTED + CHECK_ENDED)
