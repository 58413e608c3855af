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
from actions.answer_format import Answer, vacancy_label
from actions.answers import Question, compose, criterion
from actions.eligibility_report import personal_verdict, stated_criteria
from actions.focus import Selection, select_vacancies
from actions.question_topics import further_topics
from actions.refusal import drafting_refusal
from actions.suggestions import offer, suggested_intent
from actions.timezones import resolve_zone
from actions.vacancy_names import mentioned_vacancies
from actions.vacancy_db.repository import list_vacancies, open_session

logger = logging.getLogger(__name__)

INTENT_TOPICS = {
    "ask_stipend": "stipend",
    "ask_travel_reimbursement": "travel_reimbursement",
    "ask_telework": "telework",
    "ask_duties": "duties",
    "ask_competencies": "competencies",
    "ask_benefits": "benefits",
    "ask_location": "location",
    "ask_schedule": "schedule",
    "ask_hours": "hours",
    "ask_duration": "duration",
    "ask_start_date": "start_date",
    "ask_grade": "grade",
    "ask_clearance": "clearance",
    "ask_documents": "documents",
    "ask_document_language": "document_language",
    "ask_application_update": "application_update",
    "ask_max_applications": "max_applications",
    "ask_deadline": "deadline",
    "ask_webinar": "webinar",
    "ask_accommodation": "accommodation",
    "ask_candidate_pool": "candidate_pool",
    "ask_contact": "contact",
    "ask_ai_policy": "ai_policy",
    "ask_how_to_apply": "how_to_apply",
    "ask_uncovered_topic": "uncovered_topic",
    "ask_eligibility": "eligibility",
    "ask_desirable_criteria": "desirable_criteria",
    "ask_nationality_requirement": "nationality_requirement",
    "ask_age_requirement": "age_requirement",
    "ask_studies_requirement": "studies_requirement",
    "ask_language_requirement": "language_requirement",
    "list_vacancies": "list_vacancies",
}
LOCAL_TIME = re.compile(r"\b(?:my (?:local )?time(?:\s*zone)?|local time|for me|where i (?:live|am))\b", re.IGNORECASE)
# "tell me about 250770", "more details on the KM one": the vacancy itself, not the last topic again.
ASKS_ABOUT_VACANCY = re.compile(r"\b(?:tell\s+me|talk|know|details?|info(?:rmation)?|overview|summary|describe|"
                                r"what\s+is\s+(?:the\s+)?(?:vacancy|internship|position))\b", re.IGNORECASE)
DATABASE_DOWN = (
    "Sorry, I cannot reach the vacancy database right now, so I cannot answer from the notices. "
    "Please try again in a few minutes."
)


def send(dispatcher: CollectingDispatcher, answer: Answer) -> None:
    """The answer as plain text, with the structured sources alongside for richer clients."""
    dispatcher.utter_message(text=answer.render(), json_message=answer.payload())


def unknown_vacancy_reply(selection: Selection) -> str:
    known = ", ".join(vacancy_label(v) for v in selection.vacancies)
    numbers = ", ".join(selection.unknown)
    return f"I don't know a vacancy with requisition number {numbers}. The vacancies I can answer about are: {known}."


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
        if topic.endswith("_requirement"):
            name = topic[: -len("_requirement")]
            verdict = personal_verdict(name, text, selection.vacancies, clock.in_brussels(now).date())
            return criterion(name, verdict)(Question(selection.vacancies, now))
        return compose(topic, Question(selection.vacancies, now, resolve_zone(text), bool(LOCAL_TIME.search(text))))

    def further_topics(self, tracker: Tracker, topic: str) -> List[str]:
        """Other topics the same message asks about, answered after the first."""
        return []

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        text = self.question_text(tracker)
        topic = self.topic(tracker)
        try:
            with open_session() as session:
                vacancies = list_vacancies(session)
                selection = select_vacancies(text, tracker.get_slot("vacancy"), vacancies)
                if selection.unknown and len(selection.vacancies) == len(vacancies):
                    dispatcher.utter_message(text=unknown_vacancy_reply(selection))
                    return [SlotSet("vacancy", None)]
                if topic is None:
                    if selection.focus or len(mentioned_vacancies(text, vacancies)) > 1:  # one, or "250770 and KM"
                        send(dispatcher, compose("overview", Question(selection.vacancies, clock.now())))
                    else:
                        listing = compose("list_vacancies", Question(vacancies, clock.now())).text
                        dispatcher.utter_message(text=f"Which vacancy do you mean? {listing}")
                    return [SlotSet("vacancy", selection.focus)]
                for asked in [topic, *self.further_topics(tracker, topic)]:
                    send(dispatcher, self.answer(asked, selection, tracker))
        except SQLAlchemyError:
            logger.exception("vacancy database unavailable")
            dispatcher.utter_message(text=DATABASE_DOWN)
            return []
        remember = self.remembers_topic and topic != "uncovered_topic"  # "and for the KM one?" is not about that
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

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        ranking = [(r.get("name"), r.get("confidence", 0.0)) for r in tracker.latest_message.get("intent_ranking") or []]
        suggestion = suggested_intent(ranking)
        if suggestion is None:
            dispatcher.utter_message(response="utter_default")
        else:
            buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
            dispatcher.utter_message(text=offer(suggestion), buttons=buttons)
        return [SlotSet("suggested_intent", suggestion)]


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

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        zone = resolve_zone(self.question_text(tracker))
        names_vacancy = any(e.get("entity") == "vacancy" for e in tracker.latest_message.get("entities") or [])
        if zone and not names_vacancy and self.topic(tracker) is None:  # "I'm in Toronto" before any question
            dispatcher.utter_message(text=f"I can give times in {zone.label} too: ask, for example, “when is the "
                                          f"deadline in {zone.label}?” or “when is the webinar in {zone.label}?”.")
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
