"""Masks what could identify an asker in a recorded message: e-mail addresses, telephone numbers, long digit runs.

Requisition numbers (six digits) stay readable: the office needs to see which vacancy a question was about.
"""
from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# Eight or more digits with the separators telephone numbers are written with: "+32 2 707 41 11", "(0)2-707.41.11".
PHONE = re.compile(r"\+?\(?\d(?:[ ().-]*\d){7,}")
LONG_DIGITS = re.compile(r"\d{7,}")

EMAIL_MASK, PHONE_MASK, DIGITS_MASK = "[email]", "[phone]", "[number]"


def mask_personal_data(text: str) -> str:
    """The text with e-mail addresses, telephone numbers and runs of seven or more digits replaced by a mark."""
    text = EMAIL.sub(EMAIL_MASK, text)
    text = PHONE.sub(PHONE_MASK, text)
    return LONG_DIGITS.sub(DIGITS_MASK, text)
