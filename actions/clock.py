"""The current instant and the Brussels time zone, in one place so that tests can fix the clock.

Deadlines are Brussels instants; whether one has passed depends on the real current time. Tests and
end-to-end runs fix "now" with the ASSISTANT_NOW environment variable (an ISO 8601 instant with offset).
"""
from __future__ import annotations

import os
from datetime import date, datetime

from dateutil import parser as date_parser
from dateutil import tz

BRUSSELS = tz.gettz("Europe/Brussels")
CLOCK_VARIABLE = "ASSISTANT_NOW"


def now() -> datetime:
    """The current instant (aware), or the fixed one named by ASSISTANT_NOW."""
    fixed = os.environ.get(CLOCK_VARIABLE)
    if fixed:
        instant = date_parser.isoparse(fixed)
        if instant.tzinfo is None:
            raise ValueError(f"{CLOCK_VARIABLE} must carry a UTC offset, got {fixed!r}")
        return instant
    return datetime.now(tz.UTC)


def in_brussels(instant: datetime) -> datetime:
    return instant.astimezone(BRUSSELS)


def today() -> date:
    """Today's date in Brussels: the day on which ages and graduation windows are counted."""
    return in_brussels(now()).date()
