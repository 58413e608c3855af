"""Masks what could identify an asker in a recorded message: e-mail addresses, telephone numbers, long digit runs.

Requisition numbers (six digits) stay readable: the office needs to see which vacancy a question was about.
"""
from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# Eight or more digits with the separators telephone numbers are written with: "+32 2 707 41 11", "(0)2-707.41.11".
PHONE = re.compile(r"\+?\(?\d(?:[ ().-]*\d){7,}")
LONG_DIGITS = re.compile(r"\d{7,}")
# Control characters (NUL, escapes) are no part of a question; PostgreSQL and CSV refuse some of them.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_CHARS = 1000  # a question, not a pasted document

EMAIL_MASK, PHONE_MASK, DIGITS_MASK = "[email]", "[phone]", "[number]"


def mask_personal_data(text: str) -> str:
    """The text with e-mail addresses, telephone numbers and runs of seven or more digits replaced by a mark,
    control characters removed and at most MAX_CHARS characters kept."""
    text = EMAIL.sub(EMAIL_MASK, CONTROL.sub("", text))
    text = LONG_DIGITS.sub(DIGITS_MASK, PHONE.sub(PHONE_MASK, text))
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"  # masked first: no address cut in two
