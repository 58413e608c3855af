"""What to say when the classifier is unsure: decline to guess, but name the question it most likely was.

Below the confidence threshold the assistant does not answer (a wrong answer with a source looks authoritative).
Where the classifier's best in-scope guess is still fairly likely, the reply names that question and offers it:
the user confirms with "yes" (or a button) and gets the answer, or asks again in other words. Out-of-scope,
drafting and small-talk guesses are never offered.
"""
from __future__ import annotations

from typing import Dict, Optional, Sequence, Tuple

# A guess below this is too weak to be worth offering; the reply then only says what can be answered.
MIN_SUGGESTED_CONFIDENCE = 0.25  # the fallback threshold is 0.45 (config.yml)

# Question intents that can be offered, with the subject in plain words.
SUBJECTS: Dict[str, str] = {
    "ask_stipend": "the stipend",
    "ask_travel_reimbursement": "travel reimbursement",
    "ask_telework": "telework",
    "ask_duties": "what the intern will do",
    "ask_competencies": "the competencies required",
    "ask_benefits": "what the internship offers",
    "ask_location": "where the internship is",
    "ask_schedule": "whether it is full-time",
    "ask_hours": "the weekly hours",
    "ask_duration": "how long the internship lasts",
    "ask_start_date": "when the internship starts",
    "ask_grade": "the grade",
    "ask_clearance": "the security clearance",
    "ask_documents": "the documents to attach",
    "ask_document_language": "the language of the documents",
    "ask_application_update": "changing an application after sending it",
    "ask_max_applications": "how many vacancies you may apply to",
    "ask_deadline": "the application deadline",
    "ask_webinar": "the info-session webinar",
    "ask_accommodation": "reasonable accommodation",
    "ask_candidate_pool": "the pool of candidates",
    "ask_contact": "contacting the recruitment office",
    "ask_ai_policy": "the policy on AI tools",
    "ask_how_to_apply": "how to apply",
    "ask_eligibility": "who can apply",
    "ask_desirable_criteria": "the desirable criteria",
    "ask_nationality_requirement": "the nationality requirement",
    "ask_age_requirement": "the age requirement",
    "ask_studies_requirement": "the studies requirement",
    "ask_language_requirement": "the language requirement",
    "list_vacancies": "which vacancies are open",
}


def suggested_intent(ranking: Sequence[Tuple[str, float]]) -> Optional[str]:
    """The classifier's best guess (after the fallback's own entry) when it is a question intent likely enough
    to offer; None when the best guess is out of scope, small talk or too weak."""
    guesses = [(intent, confidence) for intent, confidence in ranking if intent != "nlu_fallback"]
    if not guesses:
        return None
    intent, confidence = guesses[0]
    return intent if intent in SUBJECTS and confidence >= MIN_SUGGESTED_CONFIDENCE else None


def offer(suggestion: str) -> str:
    """The decline with the question offered (without one, the domain's utter_default says what can be asked)."""
    return (f"Sorry, I'm not sure I understood, and I'd rather not guess. Did you want to know about "
            f"{SUBJECTS[suggestion]}? Say \"yes\" and I'll answer that, or ask in other words.")
