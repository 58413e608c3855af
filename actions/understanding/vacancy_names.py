"""How applicants name a vacancy, derived from the notice itself, and which vacancies a message names.

Applicants say "250775", "the KM one", "knowledge management", "cooperative security" or "CS division".
Names come from the requisition number, the title's parts and the acronyms the notice defines for its
division ("Knowledge Management (KM)"), so a new notice is recognised without code changes.
"""
from __future__ import annotations

import re
from typing import Iterable, List, Optional, Protocol, Sequence

ORGANISATIONAL_WORDS = r"(?:Division|Section|Branch|Office|Directorate|Team|Unit)"
_ALL_VACANCIES = re.compile(r"\b(?:both|all\s+(?:the\s+|of\s+them|vacancies|internships|positions)|each\s+(?:one|vacancy)|every\s+vacancy)\b", re.I)


class NamedVacancy(Protocol):
    requisition: str
    title: str
    division: Optional[str]
    notice_text: str


def _core(name: str) -> str:
    """ "Knowledge Management Section" -> "Knowledge Management"."""
    return re.sub(rf"\s+{ORGANISATIONAL_WORDS}$", "", name.strip())


def vacancy_aliases(requisition: str, title: str, notice_text: str) -> List[str]:
    """Every name that designates this vacancy alone, longest first."""
    aliases = {requisition}
    title_parts = [p.strip() for p in re.sub(r"^.*?[-–—]\s*", "", title).split(",")][1:]
    for part in title_parts:
        aliases.update({part, _core(part)})
    for part in title_parts:
        core = re.escape(_core(part))
        for acronym in re.findall(rf"{core}\s*\(([A-Z]{{2,6}})\)", notice_text):
            aliases.update({acronym, f"{acronym} {part.split()[-1]}", f"{acronym} {part.split()[-1][:3]}"})
    return sorted((a for a in aliases if a), key=len, reverse=True)


def _pattern(alias: str) -> re.Pattern:
    """Acronyms match in capitals, or in lower case before "one"/"internship"/... or closing a follow-up ("and
    for cs?"); other names in any case, with a hyphen or a space between words ("knowledge-management")."""
    if alias.isupper() and len(alias) <= 3:
        lower = re.escape(alias.lower())
        return re.compile(
            rf"(?<![\w-]){re.escape(alias)}(?![\w-])"
            rf"|(?<![\w-]){lower}(?=\s+(?:one|internship|vacancy|position|post|job|team|section|division)\b)"
            rf"|(?:(?<=\bfor )|(?<=\babout )|(?<=\band )|(?<=\bthe )){lower}(?=\W*$)"
        )
    words = r"[\s-]+".join(re.escape(word) for word in alias.split())
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.IGNORECASE)


def names_all(text: str) -> bool:
    """The message asks about every vacancy ("both", "all of them")."""
    return bool(_ALL_VACANCIES.search(text))


def mentioned_vacancies(text: str, vacancies: Iterable[NamedVacancy]) -> List[NamedVacancy]:
    """The vacancies the message names, in the order given."""
    return [
        v
        for v in vacancies
        if any(_pattern(alias).search(text) for alias in vacancy_aliases(v.requisition, v.title, v.notice_text))
    ]


def unknown_requisitions(text: str, vacancies: Sequence[NamedVacancy]) -> List[str]:
    """Requisition-like numbers in the message that match no stored vacancy."""
    known = {v.requisition for v in vacancies}
    return [n for n in re.findall(r"(?<!\d)\d{5,8}(?!\d)", text) if n not in known]
