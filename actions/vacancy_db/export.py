"""A stored vacancy as a JSON-ready dict: plain values under their keys, each value's source under `sources`,
and under `facts` every stored fact as one object carrying its own source, for clients that cite facts one by one."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Dict, List, Optional

from actions.clock import in_brussels
from actions.vacancy_db.models import Fact, Vacancy

# JSON key -> the fact field that is its source (scalar values come from the vacancy's typed columns).
SCALAR_SOURCES = {
    "requisition": "requisition",
    "title": "title",
    "nato_body": "nato_body",
    "division": "division",
    "location": "location",
    "schedule": "schedule",
    "grade": "grade",
    "clearance_level": "clearance_level",
    "deadline": "deadline",
    "deadline_text": "deadline",
    "stipend_amount": "stipend",
    "stipend_currency": "stipend",
    "stipend_basis": "stipend",
    "webinar": "webinar",
    "webinar_url": "webinar_url",
    "max_applications": "max_applications",
    "duration_months": "duration",
    "hours_per_week": "hours",
    "telework": "telework",
    "minimum_age": "minimum_age",
    "recent_graduate_months": "recent_graduate_months",
    "minimum_study_years": "minimum_study_years",
    "official_languages": "official_languages",
}
# JSON key -> fact field of an ordered list.
LIST_FIELDS = {
    "essential_criteria": "essential_criteria",
    "desirable_criteria": "desirable_criteria",
    "competencies": "competencies",
    "documents": "documents",
    "start_periods": "start_periods",
    "offer": "offer",
    "duties": "duties",
    "names": "names",
}
# JSON key -> single fact shown by its text.
TEXT_FIELDS = {"travel_reimbursement": "travel_reimbursement", "document_language": "document_language"}


def source_of(fact: Fact) -> Dict[str, Any]:
    return {"section": fact.section, "quote": fact.quote, "start": fact.start_offset, "end": fact.end_offset}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return in_brussels(value).isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def fact_as_dict(fact: Fact) -> Dict[str, Any]:
    return {"field": fact.field, "label": fact.label, "value": fact.value, "position": fact.position,
            "source": source_of(fact)}


def _item_text(fact: Fact) -> str:
    return f"{fact.label.rstrip(':')}: {fact.value}" if fact.label else fact.value


def vacancy_as_dict(vacancy: Vacancy) -> Dict[str, Any]:
    values: Dict[str, Any] = {}
    sources: Dict[str, Any] = {}
    for key, field in SCALAR_SOURCES.items():
        column = {"webinar": "webinar_at"}.get(key, key)
        values[key] = _json_value(getattr(vacancy, column))
        fact: Optional[Fact] = vacancy.fact(field)
        sources[key] = source_of(fact) if fact and values[key] is not None else None
    for key, field in TEXT_FIELDS.items():
        fact = vacancy.fact(field)
        values[key] = fact.value if fact else None
        sources[key] = source_of(fact) if fact else None
    for key, field in LIST_FIELDS.items():
        facts: List[Fact] = vacancy.facts_for(field)
        values[key] = [_item_text(f) for f in facts]
        sources[key] = [source_of(f) for f in facts]
    policies = vacancy.facts_for("policies")
    values["policies"] = {f.label: f.value for f in policies}
    sources["policies"] = {f.label: source_of(f) for f in policies}
    values["source_file"] = vacancy.source_name
    values["sources"] = sources
    values["facts"] = [fact_as_dict(f) for f in vacancy.facts]
    return values
