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
from contextvars import ContextVar
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
_ORDINALS = {"première": "first", "deuxième": "second", "seconde": "second", "troisième": "third",
             "quatrième": "fourth", "cinquième": "fifth", "dernière": "final"}
# "bac+3": years of higher education after the baccalauréat, as the degree they usually give.
_BAC_PLUS = {2: "2 years of university studies", 3: "bachelor's degree", 4: "bachelor's degree",
             5: "master's degree", 6: "master's degree", 7: "master's degree", 8: "PhD"}
# A level of a language after "est": "mon anglais est bon".
_LEVELS = {"bon": "good", "bonne": "good", "excellent": "excellent", "excellente": "excellent", "courant": "fluent",
           "parfait": "perfect", "moyen": "intermediate", "faible": "weak", "basique": "basic", "scolaire": "school",
           "limité": "limited", "limitée": "limited", "débutant": "beginner", "débutante": "beginner"}


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _plain_keys(words: Dict[str, str]) -> Dict[str, str]:
    """The same mapping looked up by the word without its accents."""
    return {_plain(word): value for word, value in words.items()}


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
        # "née le 3 mars", "né en 2004" (already "in 2004"), "née en Pologne": a date of birth, or a place
        (r"\b(?:je\s+suis\s+)?n(?:ée?|ee)s?\s+(le|en|in|à|au|aux)\b",
         lambda m: "born on" if m.group(1).lower() == "le" else "born in"),
        (r"\bdate\s+de\s+naissance\b", "date of birth"),
        (r"\bl'(?:an|ann[ée]e)\s+derni[èe]re?\b", "last year"),
        (r"\bcette\s+ann[ée]e\b", "this year"),
        # where one lives, studies or works is no nationality: "j'habite en Belgique"
        (r"\b(?:j'habite|je\s+vis|je\s+r[ée]side)\s+(?:en|au|aux|à|a|dans)\b", "I live in"),
        (r"\bj'[ée]tudie\s+(?:en|au|aux|à|a|dans)\b", "I study in"),
        (r"\bje\s+travaille\s+(?:en|au|aux|à|a|dans)\b", "I work in"),
        # studies
        (r"\bdoctorant(?:e)?s?\b", "PhD student"),
        (r"\ben\s+(premi[èe]re|deuxi[èe]me|seconde|troisi[èe]me|quatri[èe]me|cinqui[èe]me|derni[èe]re)\s+ann[ée]e\b",
         lambda m: f"in my {_plain_keys(_ORDINALS)[_plain(m.group(1)).lower()]} year"),
        (r"\bje\s+n'ai\s+(?:pas|jamais)\s+fait\s+d'[ée]tudes(?:\s+sup[ée]rieures|\s+universitaires)?",
         "I did not study"),
        (r"\bbac\s*\+\s*([2-8])\b", lambda m: _BAC_PLUS[int(m.group(1))]),  # "bac+5": years after the baccalauréat
        (r"\b(?:le\s+)?bac(?:calaur[ée]at)?\b|\blyc[ée]e\b", "high school"),
        (r"\b(mon|ma|un|une|le|de|d'|du|aucun|sans)\s*dipl[ôo]mes?\b", r"\1 degree"),  # the noun, not "diplômé"
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
        (r"\b(?:je\s+)?ne\s+parle\s+(?:pas|plus|ni)\b", "I do not speak"),
        (r"\b(?:je\s+)?ne\s+parle\s+qu(?:e\s+|')", "I speak only "),
        (r"\bseulement\b|\buniquement\b", "only"),
        (r"\bni\b", "nor"),
        (rf"\b(?:je\s+)?parle\s+(?=(?:{languages})\b)", "I speak "),
        (r"\bcouramment\b", "fluently"),
        (r"\blangue\s+maternelle\b", "mother tongue"),
        (r"\bbilingue\b", "bilingual"),
        (r"\bun\s+peu\b", "a little"),
        (rf"\best\s+(?:(tr[èe]s)\s+)?({_alternatives(_LEVELS)})\b",  # "mon anglais est bon"
         lambda m: "is " + ("very " if m.group(1) else "") + _plain_keys(_LEVELS)[_plain(m.group(2)).lower()]),
        (r"\bd[ée]butante?\b", "beginner"),
        (r"\binterm[ée]diaire\b", "intermediate"),
        (r"\bscolaire\b", "school"),
        (rf"\b({languages})\b", lambda m: french_language_names()[m.group(1).lower()]),
        # nationality and the person
        (r"\bj'ai\s+la\s+(?:double\s+)?nationalit[ée]\b", "my nationality is"),
        (r"\bnationalit[ée]\b", "nationality"),
        (r"\bje\s+viens\s+(?:de|du|des|d')\s*", "I come from "),
        (r"\bje\s+suis\b", "I am"),
        (r"\bje\s+ne\s+suis\s+pas\b", "I am not"),
        (r"\bapatride\b", "stateless"),
        (r"\b(?:je\s+)?n'ai\s+(?:pas\s+de|pas\s+d'|aucune?)\s*", "I have no "),
        (r"\bj'ai\s+(?:un|une)\b", "I have a"),
        (r"\bsans\b", "without"),
        (r"\bcitoyen(?:ne)?\b", "citizen"),
        (r"\bressortissante?\b", "national"),
        (r"\bmais\b", "but"),
        (r"\bet\b", "and"),
    ]
    return [(re.compile(pattern, re.IGNORECASE), replacement) for pattern, replacement in rules]


@functools.lru_cache(maxsize=1)
def _compiled() -> List[Tuple[Pattern, str]]:
    return _rules()


@functools.lru_cache(maxsize=256)  # a message is read by several rules, and the self-check reads an answer twice
def english_reading(text: str) -> str:
    """The text with its French phrasings about age, birth, studies, languages and nationality in English."""
    reading = text.replace("’", "'")
    for pattern, replacement in _compiled():
        reading = pattern.sub(replacement, reading)
    return reading


# Set while a rule reads a statement already rewritten: the rules it calls get that reading, not a French text.
_reading_already = ContextVar("reading_already", default=False)


def reads_french(check: F) -> F:
    """Lets an English rule over a statement (its first argument) read a French one too; a rule called by another
    such rule gets the statement already read."""
    @functools.wraps(check)
    def read(text: str, *args, **kwargs):
        if _reading_already.get():
            return check(text, *args, **kwargs)
        token = _reading_already.set(True)
        try:
            return check(english_reading(text), *args, **kwargs)
        finally:
            _reading_already.reset(token)
    return read  # type: ignore[return-value]
