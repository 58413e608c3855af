"""Rasa actions of the eligibility self-check form: extract and validate each answer, report, stop.

The answers live only in the conversation's slots and are cleared when the check ends or stops; they are
never written to the vacancy database.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions import clock
from actions.actions import INTENT_TOPICS, send
from actions.answers.messages import msg
from actions.eligibility.criteria import CRITERIA, stated_criteria
from actions.eligibility.report import (
    SLOT_OF,
    EXAMPLES,
    failed_criterion_message,
    kept_unclear_message,
    report,
    run_check,
    unclear_answer_message,
)
from actions.reply_language import in_reply_language
from actions.understanding.focus import select_vacancies
from actions.vacancy_db.repository import published_vacancies

# Intents that, when the message is not a readable answer, are a question asked mid-check. Anything else
# (out of scope, low confidence) is taken as an unclear answer and asked again with an example.
INTERRUPTIONS = set(INTENT_TOPICS) | {"request_drafting", "ask_uncovered_topic", "help", "bot_challenge", "greet",
                                      "thank", "stop", "goodbye", "choose_vacancy", "affirm", "check_eligibility"}
# "The notice does not say" answers a question; a statement read as one ("I dropped out after one year") is an
# unclear answer to the check's question, not an interruption.
QUESTIONS_ONLY = {"ask_uncovered_topic"}
# "do I need a degree?", "what counts as equivalent education?": a question about the criterion, not an answer.
QUESTION_FORM = re.compile(r"^\W*(?:do|does|did|is|are|am|was|were|what|which|who|how|when|where|why|can|could|must"
                           r"|should|will|would|may|shall|has|have)\b", re.IGNORECASE)
# "continue", "ok, go on", "next question": the user wants the check to go on, which is no answer to the question.
GO_ON = re.compile(r"^\W*(?:(?:ok(?:ay)?|yes|sure|fine|right|alright|please)\W*)*(?:continue|go\s+on|carry\s+on|keep\s+going"
                   r"|proceed|next(?:\s+question)?|move\s+on|let'?s\s+(?:continue|go\s+on|go))?(?:\W+please)?\W*$",
                   re.IGNORECASE)
CLEARED = [SlotSet(slot, None) for slot in SLOT_OF.values()] + [SlotSet("requested_slot", None)]


def asked_again(tracker: Tracker, criterion: str) -> bool:
    """Whether this check already asked the criterion again after an unclear answer: the second unclear answer is
    kept (as unclear), so that nobody is asked the same question in a loop."""
    events = list(tracker.events)
    starts = [i for i, e in enumerate(events) if e.get("event") == "active_loop" and e.get("name") == "eligibility_form"]
    since = events[starts[-1]:] if starts else events
    return any(e.get("event") == "bot" and msg(EXAMPLES[criterion]) in (e.get("text") or "") for e in since)


def vacancies_in_question(tracker: Tracker) -> list:
    return select_vacancies("", tracker.get_slot("vacancy"), published_vacancies()).vacancies


class ValidateEligibilityForm(FormValidationAction):
    """Reads each answer with the eligibility rules. An unclear answer is asked again once, with an example; a second
    one, or one no other answer could settle, is kept and reported as unclear, so that no question loops."""

    run = in_reply_language(FormValidationAction.run)  # languages (issue 13)

    def name(self) -> Text:
        return "validate_eligibility_form"

    async def extract_slots(self, tracker: Tracker) -> Dict[Text, Any]:
        """The answer to the criterion asked, and every other open criterion the message speaks to: "I'm 22,
        Swedish and a master's student, am I eligible?" starts the check with three answers already given."""
        text = (tracker.latest_message.get("text") or "").strip()
        requested = tracker.get_slot("requested_slot")
        criterion = next((c for c, slot in SLOT_OF.items() if slot == requested), None)
        answering = criterion is not None  # an answer to a question of the check needs no "I'm"
        stated = {SLOT_OF[c]: text for c in stated_criteria(text, clock.today(), answering=answering)
                  if not tracker.get_slot(SLOT_OF[c])}
        if criterion is None:  # the check is starting: what the request itself said, and the vacancy it names
            named = select_vacancies(text, tracker.get_slot("vacancy"), published_vacancies()).focus
            return {**stated, **({"vacancy": named} if named else {})}
        intent = tracker.get_intent_of_latest_message(skip_fallback_intent=False) or ""  # unsure: an answer
        if intent in INTERRUPTIONS and QUESTION_FORM.match(text):
            return {}  # a question mid-check: the rules answer it, then the form asks again
        readable = run_check(criterion, text, vacancies_in_question(tracker), clock.today()).check.status != "unclear"
        if (not readable and intent in INTERRUPTIONS and intent != f"ask_{criterion}_requirement"
                and (intent not in QUESTIONS_ONLY or "?" in text)):
            return {}  # something else mid-check ("how much is the stipend", "ok go on"): handled, then asked again
        return {**stated, requested: text}

    async def get_extraction_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return [SlotSet(slot, value) for slot, value in (await self.extract_slots(tracker)).items()]

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        """rasa-sdk keeps only the form's own slots; the vacancy the request named is kept too."""
        named = tracker.slots_to_validate().get("vacancy")
        events = await super().get_validation_events(dispatcher, tracker, domain)
        return events + ([SlotSet("vacancy", named)] if named else [])

    async def _validate(self, criterion: str, value: Any, dispatcher: CollectingDispatcher,
                        tracker: Tracker) -> Dict[Text, Any]:
        if GO_ON.fullmatch(str(value)):
            return {SLOT_OF[criterion]: None}  # no answer, nor an unclear one: the form asks its question again
        result = run_check(criterion, str(value), vacancies_in_question(tracker), clock.today())
        if result.check.status == "unclear":
            if result.check.answerable and not asked_again(tracker, criterion):
                dispatcher.utter_message(text=unclear_answer_message(criterion, result))
                return {SLOT_OF[criterion]: None}
            dispatcher.utter_message(text=kept_unclear_message(result))
        if result.check.status == "not_met":
            send(dispatcher, failed_criterion_message(result))
        return {SLOT_OF[criterion]: value}

    async def validate_answer_nationality(self, value, dispatcher, tracker, domain):
        return await self._validate("nationality", value, dispatcher, tracker)

    async def validate_answer_age(self, value, dispatcher, tracker, domain):
        return await self._validate("age", value, dispatcher, tracker)

    async def validate_answer_studies(self, value, dispatcher, tracker, domain):
        return await self._validate("studies", value, dispatcher, tracker)

    async def validate_answer_language(self, value, dispatcher, tracker, domain):
        return await self._validate("language", value, dispatcher, tracker)


class ActionEligibilityResult(Action):
    """Reports every criterion with the answer, its status and source, then forgets the answers."""

    def name(self) -> Text:
        return "action_eligibility_result"

    @in_reply_language  # languages (issue 13)
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        answers = {criterion: tracker.get_slot(SLOT_OF[criterion]) for criterion in CRITERIA}
        send(dispatcher, report(answers, vacancies_in_question(tracker), clock.today(), now=clock.now()))
        return CLEARED


class ActionStopEligibilityCheck(Action):
    """Stops the check at the user's request and forgets the answers given so far."""

    def name(self) -> Text:
        return "action_stop_eligibility_check"

    @in_reply_language  # languages (issue 13)
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_eligibility_check_stopped")
        return [ActiveLoop(None), *CLEARED]
