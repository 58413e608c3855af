"""The languages a notice or an applicant may name (data/reference/languages.yml), read once for every reader:
the importer, the eligibility rules and the spaCy pipeline builder."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

import yaml

LANGUAGES = Path(__file__).resolve().parents[1] / "data" / "reference" / "languages.yml"


@lru_cache(maxsize=1)
def language_reference() -> Dict[str, Any]:
    """{"official": {language: [written names]}, "other": [names]}."""
    return yaml.safe_load(LANGUAGES.read_text(encoding="utf-8"))
