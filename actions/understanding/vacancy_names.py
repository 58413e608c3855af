"""How applicants name a vacancy, derived from the notice itself, and which vacancies a message names.

Applicants say "250775", "the KM one", "knowledge management", "cooperative security" or "CS division".
The importer derives the names from the notice (requisition number, the title's units, the division, their
short forms and the acronyms the notice defines for them, "Operations Division (OPS)") and stores them, so a new
notice is recognised without code changes; messages are matched against the stored names.
"""
from __future__ import annotations

import re
from typing import Iterable, List, Optional, Protocol, Sequence, Tuple

from actions.notices.layout import Span

ORGANISATIONAL_WORDS = r"(?:Division|Section|Branch|Office|Directorate|Team|Unit|Services?|Agency|Centre|Center)"
_ALL_VACANCIES = re.compile(r"\b(?:both|all\s+(?:the\s+|of\s+them|vacancies|internships|positions)|each\s+(?:one|vacancy)|every\s+vacancy)\b", re.I)


class NamedVacancy(Protocol):
    requisition: str
    names: List[str]  # stored at import (Vacancy.names)


def _core(name: str) -> str:
    """ "Knowledge Management Section" -> "Knowledge Management"."""
    return re.sub(rf"\s+{ORGANISATIONAL_WORDS}$", "", name.strip(), flags=re.IGNORECASE)


def _unit_names(unit: str) -> List[str]:
    """A unit and the shorter names it goes by: "Defence Policy and Planning Division" -> "Defence Policy and
    Planning", "Defence Policy"; "Internship in the Operations Division (OPS)" -> "Operations Division"."""
    unit = re.sub(r"\s*\([^)]*\)\s*$", "", unit).strip()
    if re.match(r"(?:NATO\s+)?Internship\b", unit, re.IGNORECASE):  # a title without a dash: its unit, if any
        inner = re.search(rf"((?:[A-Z][\w&'-]*\s+(?:(?:and|of|for)\s+)?)+{ORGANISATIONAL_WORDS})$", unit)
        if not inner:
            return []
        unit = inner.group(1)
    core = _core(unit)
    names = [unit, core]
    if re.search(r"\s+and\s+", core):
        names.append(re.split(r"\s+and\s+", core)[0])
    return [n for n in names if len(n) > 2]


def derived_names(text: str, requisition: Optional[Tuple[str, Span]], title: Tuple[str, Span],
                  division: Optional[Tuple[str, Span]]) -> List[Tuple[str, Span]]:
    """Every name that designates this vacancy alone, longest first, each with the notice text it comes from:
    its requisition number; the units its title names after the NATO body, and the division; their short forms
    ("Defence Policy" for "Defence Policy and Planning Division"); the acronyms the notice defines for them
    ("Operations Division (OPS)") and "OPS Division" / "OPS Div". The NATO body, which several vacancies share,
    is no name."""
    title_text, title_span = title
    dashed = re.sub(r"^.*?\bInternship\s*[-–—]\s*", "", title_text, flags=re.IGNORECASE)
    parts = [p.strip() for p in re.sub(r"\s*\(\d{5,8}\)\s*$", "", dashed).split(",")]
    units = [(part, title_span) for part in (parts[1:] if len(parts) > 1 else parts)]
    if division:
        units.append(division)
    found = dict([requisition]) if requisition else {}
    for unit, source in units:
        names = _unit_names(unit)
        for name in names:
            found.setdefault(name, source)
        kind = re.search(rf"\b{ORGANISATIONAL_WORDS}$", names[0], re.IGNORECASE) if names else None
        for acronym, span in _acronyms(text, _core(names[0])) if names else []:
            for alias in [acronym] + ([f"{acronym} {kind.group(0)}", f"{acronym} {kind.group(0)[:3]}"] if kind else []):
                found.setdefault(alias, span)
    return sorted(found.items(), key=lambda item: len(item[0]), reverse=True)


def _acronyms(text: str, core: str) -> List[Tuple[str, Span]]:
    """ "Knowledge Management (KM)": the acronyms the notice defines for a unit, with the defining words."""
    pattern = rf"{re.escape(core)}(?:\s+{ORGANISATIONAL_WORDS})?\s*\(([A-Z][A-Za-z&]{{1,5}})\)"
    return [(m.group(1), Span("", m.group(0), m.start(), m.end())) for m in re.finditer(pattern, text, re.IGNORECASE)
            if m.group(1).isupper()]


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
        if any(_pattern(alias).search(text) for alias in v.names)
    ]


def unknown_requisitions(text: str, vacancies: Sequence[NamedVacancy]) -> List[str]:
    """Requisition-like numbers in the message that match no stored vacancy."""
    known = {v.requisition for v in vacancies}
    return [n for n in re.findall(r"(?<!\d)\d{5,8}(?!\d)", text) if n not in known]
