"""Countries and nationalities as applicants write them, and NATO membership on a given date.

The reference list (data/reference/countries.yml) holds the 32 member states with their accession dates
and the other countries applicants name, so that "Swedish", "the Netherlands", "Turkey" and "USA" resolve
to a country, and a recognised non-member is told apart from an unrecognised answer.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference" / "countries.yml"


@dataclass(frozen=True)
class Country:
    name: str
    aliases: Tuple[str, ...]
    demonyms: Tuple[str, ...]
    nato_member_since: Optional[date]
    capital: str
    timezone: str

    @property
    def forms(self) -> Tuple[str, ...]:
        return (self.name, *self.aliases, *self.demonyms)


def fold(text: str) -> str:
    """Lower case without diacritics or punctuation, for matching ("Türkiye" ~ "turkiye", "U.S." ~ "us")."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"(?<=\b\w)\.(?=\w\.)|(?<=\b\w\.\w)\.", "", text)  # U.S.A. -> usa
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@lru_cache(maxsize=1)
def load_countries() -> Tuple[Country, ...]:
    entries = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    return tuple(
        Country(
            name=e["name"],
            aliases=tuple(e.get("aliases") or ()),
            demonyms=tuple(e.get("demonyms") or ()),
            nato_member_since=e.get("nato_member_since"),
            capital=e["capital"],
            timezone=e["timezone"],
        )
        for e in entries
    )


# Acronyms that are also everyday words: matched in capitals only, so that "tell us" names no country.
COMMON_WORDS = {"us"}


def _is_acronym(form: str) -> bool:
    return fold(form) in COMMON_WORDS


def _alternation(forms: List[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def _matchers() -> Tuple[re.Pattern, re.Pattern, Dict[str, Country]]:
    by_form: Dict[str, Country] = {}
    acronyms: List[str] = []
    for country in load_countries():
        for form in country.forms:
            if _is_acronym(form):
                acronyms.append(form)
                by_form[fold(form)] = country
            else:
                by_form.setdefault(fold(form), country)
    words = [f for f in by_form if f not in {fold(a) for a in acronyms}]
    folded = re.compile(rf"(?<![a-z0-9])(?:{_alternation(words)})(?![a-z0-9])")
    capitals = re.compile(rf"(?<![\w.])(?:{_alternation(acronyms)})(?![\w])")
    return folded, capitals, by_form


def find_countries(text: str) -> List[Country]:
    """Every country named in the text, each once: written-out forms first (longest wins), then acronyms."""
    folded, capitals, by_form = _matchers()
    found: List[Country] = []
    matches = [m.group(0) for m in folded.finditer(fold(text))] + [fold(m.group(0)) for m in capitals.finditer(text)]
    for form in matches:
        if by_form[form] not in found:
            found.append(by_form[form])
    return found


def resolve_country(text: str) -> Optional[Country]:
    countries = find_countries(text)
    return countries[0] if countries else None


def is_nato_member(country: Country, on: date) -> bool:
    return country.nato_member_since is not None and country.nato_member_since <= on


def nato_members(on: date) -> List[Country]:
    return [c for c in load_countries() if is_nato_member(c, on)]


def surface_forms() -> Dict[str, str]:
    """Every written form (name, alias, demonym) -> the country's name, for the spaCy EntityRuler."""
    return {form: country.name for country in load_countries() for form in country.forms}
