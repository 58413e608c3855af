"""Rasa custom actions: thin wiring from the conversation (intent, text, slots) to the answer composers.

All knowledge lives in the vacancy database and the pure modules; these classes only pick the topic,
the vacancies in question and the clock, and send the composed answer with its sources.
"""
from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions import clock
from actions.answers.formatting import Answer, vacancy_label
from actions.answers.composers import Question, compose
from actions.eligibility.criteria import stated_criteria
from actions.eligibility.report import personal_verdict
from actions.understanding.focus import Selection, select_vacancies
from actions.answers.question_topics import further_topics
from actions.answers.refusal import drafting_refusal
from actions.answers.messages import msg
from actions.reply_language import in_reply_language
from actions.answers.suggestions import offer, suggested_intent
from actions.answers.topics import intent_topics, topic_named, topics
from actions.understanding.skills import asked_skill
from actions.understanding.timezones import resolve_zone
from actions.unanswered.recording import Reason, payload_not_in_notice, record_unanswered
from actions.understanding.vacancy_names import mentioned_vacancies
from actions.vacancy_db.repository import published_vacancies

logger = logging.getLogger(__name__)

INTENT_TOPICS = intent_topics()
LOCAL_TIME = re.compile(r"\b(?:my (?:local )?time(?:\s*zone)?|local time|for me|where i (?:live|am))\b", re.IGNORECASE)
# "tell me about 250770", "more details on the KM one": the vacancy itself, not the last topic again.
ASKS_ABOUT_VACANCY = re.compile(r"\b(?:tell\s+me|talk|know|details?|info(?:rmation)?|overview|summary|describe|"
                                r"what\s+is\s+(?:the\s+)?(?:vacancy|internship|position))\b", re.IGNORECASE)


def send(dispatcher: CollectingDispatcher, answer: Answer) -> None:
    """The answer as plain text, with the structured sources alongside for richer clients."""
    dispatcher.utter_message(text=answer.render(), json_message=answer.payload())


def unknown_vacancy_reply(selection: Selection) -> str:
    known = ", ".join(vacancy_label(v) for v in selection.vacancies)
    numbers = ", ".join(selection.unknown)
    return msg("actions.unknown_vacancy", numbers=numbers, known=known)


class VacancyAction(Action, ABC):
    """Common steps: load the vacancies, decide which ones the message is about, answer, remember the focus."""

    remembers_topic = True  # a later "and for the KM one?" repeats this topic

    @abstractmethod
    def name(self) -> Text:
        """The action's name in the domain."""

    @abstractmethod
    def topic(self, tracker: Tracker) -> Optional[str]:
        """The topic to answer, or None when the user only named a vacancy."""

    def question_text(self, tracker: Tracker) -> str:
        """The user's message that is answered."""
        return tracker.latest_message.get("text") or ""

    def answer(self, topic: str, selection: Selection, tracker: Tracker) -> Answer:
        """Adds what the user said about themselves ("I'm 19") and the time zone they named, where relevant."""
        text = self.question_text(tracker)
        now = clock.now()
        name = topic_named(topic).criterion
        if name:
            verdict = personal_verdict(name, text, selection.vacancies, clock.in_brussels(now).date())
            return compose(topic, Question(selection.vacancies, now, verdict=verdict))
        return compose(topic, Question(selection.vacancies, now, resolve_zone(text), bool(LOCAL_TIME.search(text)),
                                       skill=asked_skill(text), text=text))

    def further_topics(self, tracker: Tracker, topic: str) -> List[str]:
        """Other topics the same message asks about, answered after the first."""
        return []

    @in_reply_language  # languages (issue 13)
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        text = self.question_text(tracker)
        topic = self.topic(tracker)
        try:
            vacancies = published_vacancies()
            selection = select_vacancies(text, tracker.get_slot("vacancy"), vacancies)
            if topic in topics() and topic_named(topic).compares and len(selection.vacancies) < 2:  # "the two"
                selection = Selection(list(vacancies), None, selection.unknown)
            if selection.unknown and len(selection.vacancies) == len(vacancies):
                dispatcher.utter_message(text=unknown_vacancy_reply(selection))
                return [SlotSet("vacancy", None)]
            if topic is None:
                if selection.focus or len(mentioned_vacancies(text, vacancies)) > 1:  # one, or "250770 and KM"
                    send(dispatcher, compose("overview", Question(selection.vacancies, clock.now())))
                else:
                    listing = compose("list_vacancies", Question(vacancies, clock.now())).text
                    dispatcher.utter_message(text=msg("actions.which_vacancy", listing=listing))
                return [SlotSet("vacancy", selection.focus)]
            answers = [self.answer(asked, selection, tracker) for asked in [topic, *self.further_topics(tracker, topic)]]
            for answer in answers:
                send(dispatcher, answer)
            if any(payload_not_in_notice(answer.payload()) for answer in answers):
                record_unanswered(tracker, Reason.NOT_IN_NOTICE, text, selection.focus)
        except SQLAlchemyError:
            logger.exception("vacancy database unavailable")
            dispatcher.utter_message(text=msg("actions.database_down"))
            return []
        remember = self.remembers_topic and topic_named(topic).remembered  # "and for the KM one?" is not about that
        return [SlotSet("vacancy", selection.focus)] + ([SlotSet("last_topic", topic)] if remember else [])


class ActionAnswerQuestion(VacancyAction):
    """Answers any question the notice answers, for the vacancies named, in focus, or all."""

    def name(self) -> Text:
        return "action_answer_question"

    def topic(self, tracker: Tracker) -> Optional[str]:
        return INTENT_TOPICS.get(tracker.get_intent_of_latest_message() or "")

    def further_topics(self, tracker: Tracker, topic: str) -> List[str]:
        """Other criteria the person says something about ("I'm Swedish and 24"), then the other questions the NLU
        classified in the message (components.intent_rules), then other topics its keywords name."""
        text = tracker.latest_message.get("text") or ""
        criteria = []
        if topic.endswith("_requirement"):
            criteria = [f"{name}_requirement" for name in stated_criteria(text, clock.today())
                        if f"{name}_requirement" != topic]
        classified = [INTENT_TOPICS[i] for i in tracker.latest_message.get("further_intents") or [] if i in INTENT_TOPICS]
        asked = dict.fromkeys(classified + further_topics(text, topic))
        return criteria + [t for t in asked if t not in criteria and t != topic]


class ActionNotUnderstood(Action):
    """The classifier was unsure: no answer, but the question it most likely was is offered (see suggestions)."""

    def name(self) -> Text:
        return "action_not_understood"

    @in_reply_language  # languages (issue 13)
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        ranking = [(r.get("name"), r.get("confidence", 0.0)) for r in tracker.latest_message.get("intent_ranking") or []]
        suggestion = suggested_intent(ranking)
        record_unanswered(tracker, Reason.NOT_UNDERSTOOD, tracker.latest_message.get("text") or "", tracker.get_slot("vacancy"))
        if suggestion is None:
            dispatcher.utter_message(response="utter_default")
        else:
            buttons = [{"title": msg("actions.button_yes"), "payload": "/affirm"},
                       {"title": msg("actions.button_no"), "payload": "/deny"}]
            dispatcher.utter_message(text=offer(suggestion), buttons=buttons)
        return [SlotSet("suggested_intent", suggestion)]


class ActionOutOfScope(Action):
    """Says what the assistant can answer, and records the message for the office's report."""

    def name(self) -> Text:
        return "action_out_of_scope"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_out_of_scope")
        record_unanswered(tracker, Reason.OUT_OF_SCOPE, tracker.latest_message.get("text") or "", tracker.get_slot("vacancy"))
        return []


class ActionAcceptSuggestion(ActionAnswerQuestion):
    """A "yes": right after a question was offered, answers it for the message that was not understood;
    otherwise asks what else the user would like to know."""

    def name(self) -> Text:
        return "action_accept_suggestion"

    def question_text(self, tracker: Tracker) -> str:
        texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
        return texts[-2] if len(texts) >= 2 else ""

    def topic(self, tracker: Tracker) -> Optional[str]:
        return INTENT_TOPICS.get(tracker.get_slot("suggested_intent") or "") if offered_just_before(tracker) else None

    def further_topics(self, tracker: Tracker, topic: str) -> List[str]:
        return []

    @in_reply_language  # languages (issue 13)
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if self.topic(tracker) is None:
            dispatcher.utter_message(response="utter_anything_else")
            return [SlotSet("suggested_intent", None)]
        return super().run(dispatcher, tracker, domain) + [SlotSet("suggested_intent", None)]


def offered_just_before(tracker: Tracker) -> bool:
    """Whether the assistant's last action before the latest user message offered a question."""
    events = list(tracker.events)
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    before = events[: users[-1]] if users else events
    actions = [e.get("name") for e in before if e.get("event") == "action" and e.get("name") != "action_listen"]
    return bool(actions) and actions[-1] == "action_not_understood"


class ActionChooseVacancy(VacancyAction):
    """The user names a vacancy or a place and nothing else: answer the last topic again for it ("and the KM
    one?", "I'm in Toronto"), or give the vacancy at a glance when there was none or they ask about it."""

    def name(self) -> Text:
        return "action_choose_vacancy"

    def topic(self, tracker: Tracker) -> Optional[str]:
        if ASKS_ABOUT_VACANCY.search(tracker.latest_message.get("text") or ""):
            return None
        return tracker.get_slot("last_topic")

    @in_reply_language  # languages (issue 13)
    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        zone = resolve_zone(self.question_text(tracker))
        names_vacancy = any(e.get("entity") == "vacancy" for e in tracker.latest_message.get("entities") or [])
        if zone and not names_vacancy and self.topic(tracker) is None:  # "I'm in Toronto" before any question
            dispatcher.utter_message(text=msg("actions.times_in_zone", zone=zone.label))
            return []
        return super().run(dispatcher, tracker, domain)


class ActionRefuseDrafting(VacancyAction):
    """Refuses to write any part of an application, citing the notice's generative-AI policy."""

    remembers_topic = False

    def name(self) -> Text:
        return "action_refuse_drafting"

    def topic(self, tracker: Tracker) -> Optional[str]:
        return "drafting_refusal"

    def answer(self, topic: str, selection: Selection, tracker: Tracker) -> Answer:
        return drafting_refusal(selection.vacancies)
