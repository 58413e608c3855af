"""Every sentence the assistant composes, looked up by message id in a gettext catalogue per language.

Composers assemble facts and message ids; the words live in `locale/<language>/LC_MESSAGES/messages.po` beside
this module (English first; an entry a language leaves out falls back to English). Amounts, dates, times,
durations and lists are formatted by Babel in the language's locale. The language is the conversation's: an
action sets it for the reply it composes with `speaking`, so the pure composers need no language argument.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Iterator, List, Optional, Sequence

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.numbers import format_currency, format_decimal
from babel.support import Translations
from babel.units import format_unit

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
ENGLISH = "en"
# The Babel locale a language's numbers, dates and lists are written in: British English gives "Sunday 22 June
# 2025" and "A, B and C", as the notices write them.
FORMATTING_LOCALES = {ENGLISH: "en_GB"}

_language: ContextVar[str] = ContextVar("language", default=ENGLISH)


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> List[str]:
    """The languages that have a catalogue, English first."""
    found = sorted(p.name for p in LOCALE_DIR.iterdir() if catalogue_path(p.name).exists())
    return sorted(found, key=lambda language: language != ENGLISH)


@lru_cache(maxsize=None)
def read_catalogue(language: str) -> Catalog:
    with catalogue_path(language).open("rb") as po:
        return read_po(po, locale=FORMATTING_LOCALES.get(language, language), domain=DOMAIN)


@lru_cache(maxsize=None)
def _translations(language: str) -> Translations:
    """The .po file compiled in memory (no .mo file to keep in step), falling back to English."""
    compiled = BytesIO()
    write_mo(compiled, read_catalogue(language))
    compiled.seek(0)
    translations = Translations(compiled, domain=DOMAIN)
    if language != ENGLISH:
        translations.add_fallback(_translations(ENGLISH))
    return translations


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Compose in this language until the block ends (an unknown language is answered in English)."""
    token = _language.set(language if catalogue_path(language).exists() else ENGLISH)
    try:
        yield
    finally:
        _language.reset(token)


def current_language() -> str:
    return _language.get()


def locale() -> Locale:
    language = current_language()
    return Locale.parse(FORMATTING_LOCALES.get(language, language))


def msg(message_id: str, **fields: object) -> str:
    """The sentence with this id in the current language, its {fields} filled in."""
    return _translations(current_language()).gettext(message_id).format(**fields)


def and_list(items: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C" in the current language."""
    return format_list(list(items), locale=locale())


def or_list(items: Sequence[str]) -> str:
    """ "A", "A or B", "A, B or C" in the current language."""
    return format_list(list(items), style="or", locale=locale())


def amount(value: Decimal, currency: Optional[str]) -> str:
    """ "€1,286.09" in English, "1 286,09 €" in French; "1,286.09" when the notice names no currency."""
    if not currency:
        return format_decimal(value, "#,##0.00", locale=locale())
    return format_currency(value, currency, locale=locale())


def quantity(count: int, unit: str) -> str:
    """ "1 year", "5 hours": a count of a CLDR unit ("duration-year", "duration-hour") in words."""
    return format_unit(count, unit, length="long", locale=locale())


def date_time(instant: datetime, pattern_id: str) -> str:
    """The instant written with the CLDR pattern the catalogue gives under this id ("EEEE d MMMM y")."""
    return format_datetime(instant, msg(pattern_id), tzinfo=instant.tzinfo, locale=locale())


def quantity_in_words(count: int, unit: str) -> str:
    """ "two years", "deux ans": a count of a CLDR unit with the number spelled out, as the notices write small
    numbers, from the catalogue's "format.number_words"; a count beyond them in figures ("24 years")."""
    words = msg("format.number_words").split()
    written = quantity(count, unit)
    if not 0 <= count < len(words):
        return written
    return written.replace(format_decimal(count, locale=locale()), words[count], 1)


def day_of_year(day: date) -> str:
    """The day written with the catalogue's "pattern.day" ("23 November 2026")."""
    return format_date(day, msg("pattern.day"), locale=locale())


def month_of_year(day: date) -> str:
    """The day's month written with the catalogue's "pattern.month" ("May 2004", "mai 2004")."""
    return format_date(day, msg("pattern.month"), locale=locale())


def new_translation(language: str) -> Path:
    """Start a language's catalogue: every English id with an empty sentence and the English one beside it as a
    comment for the translator. Entries left empty are said in English."""
    path = catalogue_path(language)
    if path.exists():
        raise FileExistsError(f"{path} exists already")
    english = read_catalogue(ENGLISH)
    translation = Catalog(locale=language, domain=DOMAIN, project=english.project, fuzzy=False)
    for message in english:
        if message.id:
            translation.add(message.id, "", auto_comments=[message.string], flags=message.flags)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po:
        write_po(po, translation, width=0, no_location=True)
    return path


def main(argv: Optional[Sequence[str]] = None) -> int:
    """python -m actions.answers.messages new LANGUAGE"""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2 or args[0] != "new":
        print("usage: python -m actions.answers.messages new LANGUAGE   (e.g. fr)", file=sys.stderr)
        return 2
    print(f"created {new_translation(args[1])}: fill in each msgstr, then add the language to FORMATTING_LOCALES "
          "if Babel should format it in a regional locale")
    return 0


if __name__ == "__main__":
    sys.exit(main())
