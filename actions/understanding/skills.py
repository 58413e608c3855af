"""Which skill a question asks about ("do I need JavaScript?"), from the vocabulary in data/reference/skills.yml,
and where a notice's sentence mentions it. A skill the vocabulary does not know is taken from the words after
"do I need" / "experience with" when it is written with a capital ("do I need Photoshop?")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional

import yaml

VOCABULARY = Path(__file__).resolve().parents[2] / "data" / "reference" / "skills.yml"
# "do I need Photoshop?", "experience with Adobe Illustrator", "knowledge of SAP": a capitalised name after the ask.
_NAMED_AFTER_ASK = re.compile(
    r"\b(?:need|require[sd]?|know|knowledge\s+of|experience\s+(?:in|with)|good\s+at|use|user\s+of|familiar\s+with|"
    r"skills?\s+in)\s+(?:to\s+know\s+|to\s+use\s+|any\s+)?(?P<name>[A-Z][\w+#.-]*(?:\s+[A-Z][\w+#.-]*){0,2})")


@dataclass(frozen=True)
class Skill:
    name: str
    pattern: re.Pattern
    within: Optional[str] = None  # the broader skill a notice may name instead
    family: Optional[str] = None  # the subject of the criteria quoted when none names the skill

    def mentioned_in(self, text: str) -> bool:
        return bool(self.pattern.search(text))


@lru_cache(maxsize=1)
def vocabulary() -> Dict[str, Skill]:
    """The known skills by name, in the vocabulary's order (specific tools first)."""
    entries = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    return {e["name"]: Skill(e["name"], re.compile(e["pattern"], re.IGNORECASE), e.get("within"), e.get("family"))
            for e in entries}


def family_pattern(family: str) -> re.Pattern:
    """Any skill of the family: a criterion on the same subject as the skill asked about."""
    return re.compile("|".join(s.pattern.pattern for s in vocabulary().values() if s.family == family), re.IGNORECASE)


def asked_skill(text: str) -> Optional[Skill]:
    """The skill the question asks about, or None when it names none."""
    known = next((skill for skill in vocabulary().values() if skill.mentioned_in(text)), None)
    if known:
        return known
    named = _NAMED_AFTER_ASK.search(text)
    if not named or named.group("name") in ("I", "NATO", "English", "French"):
        return None
    name = named.group("name").rstrip(".?!")
    return Skill(name, re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE))
