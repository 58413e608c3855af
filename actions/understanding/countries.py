"""Countries and nationalities as applicants write them, and NATO membership on a given date.

The reference list (data/reference/countries.yml) holds the 32 member states with their accession dates
and the other countries applicants name, so that "Swedish", "the Netherlands", "Turkey" and "USA" resolve
to a country, and a recognised non-member can be told apart from an answer that names no country.
The phrase matching here (whole words, longest first, blind to case, accents and dots) is shared with
actions/understanding/timezones.py.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Dict, Generic, Iterable, List, Optional, Sequence, Tuple, TypeVar

import yaml
from babel import Locale

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference" / "countries.yml"
FRENCH_DEMONYMS = REFERENCE.with_name("countries_fr.yml")  # languages (issue 13)
# Written forms that are also everyday words: they name a country only in capitals ("US", not "tell us").
COMMON_WORDS = frozenset({"us"})
# A word, or an initialism written with dots ("U.S.A.", "U.K"), which counts as one word.
_WORD = re.compile(r"[^\W_](?:\.[^\W_])+\.?|[^\W_]+")

T = TypeVar("T")
Key = Tuple[str, ...]


def plain(text: str) -> str:
    """The text without diacritics ("Türkiye" -> "Turkiye"), so that either spelling matches."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def phrase_key(phrase: str) -> Key:
    """The words of a phrase as matched: lower case, plain letters, no dots ("U.S." -> ("us",))."""
    return tuple(plain(m.group(0)).lower().replace(".", "") for m in _WORD.finditer(phrase))


@dataclass(frozen=True)
class Mention(Generic[T]):
    """A known phrase found in a text: what it stands for, and where it is (character offsets)."""

    value: T
    start: int
    end: int


class PhraseIndex(Generic[T]):
    """Finds known phrases in free text, word by word; at each position the longest phrase wins, so that
    "United States of America" is one mention and not "America" inside it."""

    def __init__(self, phrases: Iterable[Tuple[str, T]], capitals_only: Iterable[str] = ()) -> None:
        self._values: Dict[Key, T] = {phrase_key(phrase): value for phrase, value in phrases}
        self._capitals_only = {phrase_key(phrase) for phrase in capitals_only}
        self._longest = max(map(len, self._values), default=0)

    def find(self, text: str) -> List[Mention[T]]:
        """Every mention, in the order of the text."""
        words = list(_WORD.finditer(text))
        keys = [phrase_key(w.group(0))[0] for w in words]
        mentions: List[Mention[T]] = []
        i = 0
        while i < len(words):
            size = self._longest_match(words, keys, i)
            if size:
                key = tuple(keys[i:i + size])
                mentions.append(Mention(self._values[key], words[i].start(), words[i + size - 1].end()))
            i += size or 1
        return mentions

    def _longest_match(self, words: Sequence[re.Match], keys: Sequence[str], i: int) -> int:
        for size in range(min(self._longest, len(words) - i), 0, -1):
            key = tuple(keys[i:i + size])
            if key in self._values and self._written_as_required(key, words[i:i + size]):
                return size
        return 0

    def _written_as_required(self, key: Key, words: Sequence[re.Match]) -> bool:
        return key not in self._capitals_only or all(w.group(0).isupper() for w in words)


@dataclass(frozen=True)
class Country:
    name: str
    aliases: Tuple[str, ...]
    demonyms: Tuple[str, ...]
    nato_member_since: Optional[date]
    capital: str
    timezone: str
    code: Optional[str] = None  # ISO 3166 code, for the name in another language (Babel's locale data)

    def name_in(self, language: str) -> str:
        """The country's name in that language from Babel's locale data ("Suède"), else the English name."""
        return Locale.parse(language).territories.get(self.code or "", self.name) if language != "en" else self.name

    @property
    def in_sentence(self) -> str:
        """The name as written inside a sentence: "the Netherlands", "Sweden"."""
        return f"the {self.name}" if f"the {self.name}" in self.aliases else self.name

    def in_sentence_in(self, language: str) -> str:
        """The name as written inside a sentence of that language: "the Netherlands" in English, "Pays-Bas" in
        French (Babel's names, without an article)."""
        return self.in_sentence if language == "en" else self.name_in(language)

    @property
    def forms(self) -> Tuple[str, ...]:
        """Every way of writing the country or its nationality."""
        return (self.name, *self.aliases, *self.demonyms)


@lru_cache(maxsize=1)
def load_countries() -> Tuple[Country, ...]:
    """The reference list, read once per process."""
    entries = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    return tuple(
        Country(
            name=entry["name"],
            aliases=tuple(entry["aliases"]),
            demonyms=tuple(entry["demonyms"]),
            nato_member_since=entry["nato_member_since"],
            capital=entry["capital"],
            timezone=entry["timezone"],
            code=_territory_code(entry),
        )
        for entry in map(_with_french_forms, entries)
    )


# --- languages (issue 13): French names from Babel's locale data, French nationality adjectives from
# data/reference/countries_fr.yml with their feminine and plural forms.
def _territory_key(name: str) -> str:
    return re.sub(r"\s*\(.*\)$", "", name.replace("’", "'").replace("&", "and")).lower()


@lru_cache(maxsize=1)
def _english_territories() -> Dict[str, str]:
    return {_territory_key(name): code for code, name in Locale("en").territories.items() if code.isalpha()}


def _territory_code(entry: dict) -> Optional[str]:
    codes = _english_territories()
    return next((codes[_territory_key(n)] for n in [entry["name"], *entry["aliases"]] if _territory_key(n) in codes), None)


def french_adjective_forms(masculine: str) -> List[str]:
    """ "suédois" -> suédois, suédoise, suédoises; "turc" -> turc, turque, turcs, turques; "belge" -> belge, belges;
    "grec/grecque": an irregular feminine as written."""
    masculine, _, irregular = masculine.partition("/")
    feminine = irregular or next((masculine[: -len(end)] + fem for end, fem in
                     (("ien", "ienne"), ("éen", "éenne"), ("on", "onne"), ("el", "elle"), ("c", "que"), ("e", "e"))
                     if masculine.endswith(end)), masculine + "e")
    plural = masculine if masculine.endswith(("s", "x")) else masculine + "s"
    return list(dict.fromkeys([masculine, feminine, plural, feminine + "s"]))


def _with_french_forms(entry: dict) -> dict:
    """The entry with its French name (Babel) among the aliases and its French adjectives among the demonyms."""
    code = _territory_code(entry)
    french_name = Locale("fr").territories.get(code) if code else None
    adjectives = _french_demonyms().get(entry["name"], [])
    return {**entry, "aliases": [*entry["aliases"], *([french_name] if french_name else [])],
            "demonyms": [*entry["demonyms"], *(form for a in adjectives for form in french_adjective_forms(a))]}


@lru_cache(maxsize=1)
def _french_demonyms() -> Dict[str, List[str]]:
    return yaml.safe_load(FRENCH_DEMONYMS.read_text(encoding="utf-8"))
# --- end languages


@lru_cache(maxsize=1)
def _index() -> PhraseIndex[Country]:
    forms = ((form, country) for country in load_countries() for form in country.forms)
    return PhraseIndex(forms, capitals_only=COMMON_WORDS)


def find_country_mentions(text: str) -> List[Mention[Country]]:
    """Every mention of a country or nationality, with its place in the text (to read its context)."""
    return _index().find(text)


def find_countries(text: str) -> List[Country]:
    """The countries the text names, each once, in the order of their first mention."""
    return list(dict.fromkeys(mention.value for mention in find_country_mentions(text)))


def resolve_country(text: str) -> Optional[Country]:
    """The first country the text names ("I'm a Swedish citizen" -> Sweden), or None."""
    countries = find_countries(text)
    return countries[0] if countries else None


def is_nato_member(country: Country, on: date) -> bool:
    """Whether the country was a NATO member state on that date (from its accession day on)."""
    return country.nato_member_since is not None and country.nato_member_since <= on


def nato_members(on: date) -> List[Country]:
    return [country for country in load_countries() if is_nato_member(country, on)]


def surface_forms() -> Dict[str, str]:
    """Every lower-cased name, alias and demonym, also without accents, -> the country's name, for the spaCy
    EntityRuler (which matches lower case). Forms that are everyday words ("us") are left out: lower-cased
    they would turn "tell us" into a country."""
    forms: Dict[str, str] = {}
    for country in load_countries():
        for form in country.forms:
            for variant in {form.lower(), plain(form).lower()} - COMMON_WORDS:
                forms[variant] = country.name
    return forms
