"""French statements about oneself, read by the English eligibility rules: "j'ai 22 ans", "née le 3 mars 2004",
"je suis en master 1", "diplômée en juin", "je parle anglais couramment".

The rules of actions/eligibility/criteria.py are written for English. Rather than a second copy of each rule,
the French phrasings they need are rewritten, deterministically, into the English the rules read ("I am 22
years old", "born on 3 March 2004"); English text passes through unchanged. Months and language names come
from Babel's locale data; country names and nationality adjectives are in the country list itself
(actions/understanding/countries.py), so they need no rewriting.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Callable, Dict, List, Pattern, Tuple, TypeVar

from babel import Locale
from babel.dates import get_month_names
import yaml

F = TypeVar("F", bound=Callable)
LANGUAGES = Path(__file__).resolve().parents[2] / "data" / "reference" / "languages.yml"

_UNITS = ("zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
          "dix-sept dix-huit dix-neuf").split()
_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _alternatives(words) -> str:
    """A regex alternative of the words, each with or without its accents, longest first."""
    forms = {form for word in words for form in (word, _plain(word))}
    return "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _french_numbers() -> Dict[str, int]:
    """ "dix-neuf" -> 19, "vingt-deux" -> 22, "vingt et un" -> 21 (ages: up to sixty-nine)."""
    numbers = {_plain(word): value for value, word in enumerate(_UNITS)}
    for tens_word, tens in _TENS.items():
        numbers[tens_word] = tens
        for unit in range(1, 10):
            joiner = "-et-" if unit == 1 else "-"
            numbers[f"{tens_word}{joiner}{_UNITS[unit]}"] = tens + unit
            if unit == 1:
                numbers[f"{tens_word} et un"] = tens + 1
        for unit in range(10, 20) if tens == 60 else ():
            numbers[f"soixante-{_UNITS[unit]}"] = 60 + unit
    return numbers


@functools.lru_cache(maxsize=1)
def _months() -> Dict[str, str]:
    """French month name (with and without accents) -> English month name, from Babel."""
    french, english = get_month_names("wide", locale="fr"), get_month_names("wide", locale="en")
    return {form: english[n] for n in french for form in (french[n], _plain(french[n]))}


@functools.lru_cache(maxsize=1)
def french_language_names() -> Dict[str, str]:
    """French name -> English name ("allemand" -> "German") of each language in data/reference/languages.yml,
    from Babel's locale data."""
    reference = yaml.safe_load(LANGUAGES.read_text(encoding="utf-8"))
    known = {*reference["official"], *reference["other"]}
    french, english = Locale("fr").languages, Locale("en").languages
    names = {}
    for code, name in english.items():
        if name in known and code in french:
            for form in (french[code].lower(), _plain(french[code]).lower()):
                names[form] = name
    return names


def _rules() -> List[Tuple[Pattern, str]]:
    number = _alternatives(_french_numbers())
    month = _alternatives(_months())
    languages = _alternatives(french_language_names())
    rules = [
        # numbers written out, before the units that follow them
        (rf"\b({number})(?=\s+(?:ans|an|ann[ée]es?|mois|semestres?)\b)",
         lambda m: str(_french_numbers()[_plain(m.group(1)).lower()])),
        # dates: "1er mars 2004", "3 mars 2004", "en juin 2024", "en juin"
        (r"\b1er\b", "1"),
        (rf"\b(?:en\s+)?({month})\b", lambda m: f"in {_months()[m.group(1).lower()]}" if m.group(0).lower().startswith("en")
         else _months()[m.group(1).lower()]),
        (r"\ben\s+((?:19|20)\d\d)\b", r"in \1"),
        # age and birth
        (r"\bj'ai\s+(\d{1,3})\s*ans\b", r"I am \1 years old"),
        (r"\bil\s+y\s+a\s+(\d+)\s+(ans|an|mois|semaines?)\b",
         lambda m: f"{m.group(1)} {dict(ans='years', an='year', mois='months').get(m.group(2), 'weeks')} ago"),
        (r"\b(\d{1,3})\s*ans\b(?!\s+(?:d'|de\s|ago))", r"\1 years old"),
        (r"\bj'aurai\s+(\d{1,3})\b", r"I will turn \1"),
        (r"\b(?:je\s+suis\s+)?n[ée]e?\s+(?:le|en)\b", "born on"),
        (r"\bdate\s+de\s+naissance\b", "date of birth"),
        (r"\bl'(?:an|ann[ée]e)\s+derni[èe]re?\b", "last year"),
        (r"\bcette\s+ann[ée]e\b", "this year"),
        # studies
        (r"\b(?:en\s+)?(?:master|(?-i:M))\s*1\b", "in the first year of a master's"),
        (r"\b(?:en\s+)?(?:master|(?-i:M))\s*2\b", "in the second year of a master's"),
        (r"\b(?:en\s+)?(?:licence|bachelor|(?-i:L))\s*([123])\b", r"in year \1 of a bachelor's"),
        (r"\bje\s+suis\s+en\s+(licence|bachelor)\b", "I am a bachelor's student"),
        (r"\bje\s+suis\s+en\s+(master|doctorat|th[èe]se)\b", "I am a master's student"),
        (r"\bje\s+suis\s+(?:jeune\s+)?dipl[ôo]m[ée]e?s?\b", "I graduated"),
        (r"\b(?:jeune\s+)?dipl[ôo]m[ée]e?s?\b", "graduated"),
        (r"\bj'ai\s+(?:obtenu|eu|fini|termin[ée])\s+(?:mon|ma)\b", "I obtained my"),
        (r"\b[ée]tudiante?s?\b", "student"),
        (r"\b(\d+)\s+ans\s+d'(?:universit[ée]|[ée]tudes|fac)\b", r"\1 years of university studies"),
        (r"\buniversit[ée]\b|\bfac\b", "university"),
        (r"\blicence\b", "bachelor's degree"),
        (r"\bdoctorat\b", "PhD"),
        # languages
        (rf"\b(?:je\s+)?parle\s+(?=(?:{languages})\b)", "I speak "),
        (r"\bcouramment\b", "fluently"),
        (r"\blangue\s+maternelle\b", "mother tongue"),
        (r"\bbilingue\b", "bilingual"),
        (r"\bun\s+peu\b", "a little"),
        (rf"\b({languages})\b", lambda m: french_language_names()[m.group(1).lower()]),
        # nationality and the person
        (r"\bj'ai\s+la\s+(?:double\s+)?nationalit[ée]\b", "my nationality is"),
        (r"\bnationalit[ée]\b", "nationality"),
        (r"\bje\s+viens\s+(?:de|du|des|d')\s*", "I come from "),
        (r"\bje\s+suis\b", "I am"),
        (r"\bje\s+ne\s+suis\s+pas\b", "I am not"),
        (r"\bcitoyen(?:ne)?\b", "citizen"),
        (r"\bressortissante?\b", "national"),
        (r"\bmais\b", "but"),
        (r"\bet\b", "and"),
    ]
    return [(re.compile(pattern, re.IGNORECASE), replacement) for pattern, replacement in rules]


@functools.lru_cache(maxsize=1)
def _compiled() -> List[Tuple[Pattern, str]]:
    return _rules()


def english_reading(text: str) -> str:
    """The text with its French phrasings about age, birth, studies, languages and nationality in English."""
    reading = text.replace("’", "'")
    for pattern, replacement in _compiled():
        reading = pattern.sub(replacement, reading)
    return reading


def reads_french(check: F) -> F:
    """Lets an English rule over a statement (its first argument) read a French one too."""
    @functools.wraps(check)
    def read(text: str, *args, **kwargs):
        return check(english_reading(text), *args, **kwargs)
    return read  # type: ignore[return-value]
