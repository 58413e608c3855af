"""Which vacancies a message is about: the ones it names, else the one in focus, else all of them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from actions.understanding.vacancy_names import mentioned_vacancies, names_all, unknown_requisitions


@dataclass(frozen=True)
class Selection:
    vacancies: list
    focus: Optional[str]  # the requisition to remember for follow-ups, None for "all"
    unknown: List[str] = field(default_factory=list)  # requisition numbers that match no vacancy


# "and the other one?": the vacancies besides the one in focus.
_THE_OTHER = re.compile(r"\bthe other(?:\s+(?:one|vacancy|internship|position|post|role|notice))?\b", re.IGNORECASE)


def select_vacancies(text: str, focused: Optional[str], vacancies: Sequence) -> Selection:
    """Vacancies named in the message win over the remembered focus; "both"/"all" clears the focus; "the other
    one" is the rest."""
    unknown = unknown_requisitions(text, vacancies)
    named = mentioned_vacancies(text, vacancies)
    if named:
        return Selection(named, named[0].requisition if len(named) == 1 else None, unknown)
    if unknown or names_all(text):
        return Selection(list(vacancies), None, unknown)
    in_focus = [v for v in vacancies if v.requisition == focused]
    others = [v for v in vacancies if v.requisition != focused]
    if in_focus and others and _THE_OTHER.search(text):
        return Selection(others, others[0].requisition if len(others) == 1 else None)
    if in_focus:
        return Selection(in_focus, focused)
    return Selection(list(vacancies), None)
