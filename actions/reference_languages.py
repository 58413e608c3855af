"""The languages a notice or an applicant may name (data/reference/languages.yml), read once for every reader:
the importer, the eligibility rules and the spaCy pipeline builder; and their names in another language."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

import yaml
from babel import Locale

LANGUAGES = Path(__file__).resolve().parents[1] / "data" / "reference" / "languages.yml"


@lru_cache(maxsize=1)
def language_reference() -> Dict[str, Any]:
    """{"official": {language: [written names]}, "other": [names]}."""
    return yaml.safe_load(LANGUAGES.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _language_codes() -> Dict[str, str]:
    """English language name -> its code in Babel's locale data ("French" -> "fr"); the shortest code wins."""
    codes: Dict[str, str] = {}
    for code, name in sorted(Locale("en").languages.items(), key=lambda item: len(item[0]), reverse=True):
        codes[name] = code
    return codes


@lru_cache(maxsize=None)
def language_name_in(name: str, language: str) -> str:
    """A language's English name ("French") as written in another language ("français"), from Babel's locale
    data; the English name where the data has none."""
    code = _language_codes().get(name)
    if language == "en" or code is None:
        return name
    return Locale.parse(language).languages.get(code, name)
