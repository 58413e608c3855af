"""Time zones a user can name, to give the deadline and the webinar in the asker's own time.

Accepted: a UTC offset ("UTC+2", "GMT-5:30"), an IANA name ("America/New_York", any case), UTC itself
("UTC", "GMT", "Zulu"), a capital or a country of data/reference/countries.yml (a country only if its name
alone says which zone), and the cities and zone abbreviations of data/reference/places.yml.
"""
from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

import yaml
from dateutil import tz

from actions.understanding.countries import COMMON_WORDS, PhraseIndex, load_countries, plain

PLACES = Path(__file__).resolve().parents[2] / "data" / "reference" / "places.yml"
UTC_NAMES = ("UTC", "GMT", "Zulu", "Coordinated Universal Time", "Greenwich Mean Time")
_OFFSET = re.compile(r"\b(?:UTC|GMT)\s*(?P<sign>[+\-−])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?(?!\d)",
                     re.IGNORECASE)
# When a text names several places ("I'm from Sweden but live in Toronto"), the most specific one wins.
IANA_NAME, CITY, COUNTRY = range(3)


@dataclass(frozen=True)
class Zone:
    """A time zone as the user named it (label) and as it is shown in brackets (name, the IANA name)."""

    label: str
    tz: tzinfo
    name: str = ""  # the IANA name or the UTC offset; the label when empty


@dataclass(frozen=True)
class _Place:
    label: str
    zone_name: str
    rank: int


@lru_cache(maxsize=1)
def _reference() -> dict:
    return yaml.safe_load(PLACES.read_text(encoding="utf-8"))


def _iana_names() -> List[str]:
    """Region/City names of the tz database ("Europe/Paris"); bare ones ("Poland", "Factory") read as
    places would be wrong, and "Etc/GMT+5" means UTC-5, so both are left out."""
    return sorted(n for n in zoneinfo.available_timezones() if "/" in n and not n.startswith("Etc/"))


def _place_phrases() -> Iterator[Tuple[str, _Place]]:
    """Every place phrase, later ones overriding earlier ones: countries, capitals, cities, UTC, IANA names."""
    reference = _reference()
    for country in load_countries():
        if country.name not in reference["several_time_zones"]:
            for form in (country.name, *country.aliases):
                yield form, _Place(country.name, country.timezone, COUNTRY)
    for country in load_countries():
        yield country.capital, _Place(country.capital, country.timezone, CITY)
    for name, zone_name in {**reference["places"], **reference["abbreviations"]}.items():
        yield name, _Place(name, zone_name, CITY)
    for name in UTC_NAMES:
        yield name, _Place("UTC", "UTC", CITY)
    for name in _iana_names():
        yield name, _Place(name, name, IANA_NAME)


@lru_cache(maxsize=1)
def _index() -> PhraseIndex[_Place]:
    return PhraseIndex(_place_phrases(), capitals_only=[*_reference()["abbreviations"], *COMMON_WORDS])


def place_names() -> List[str]:
    """Cities, capitals, UTC and IANA names, with and without accents, for the spaCy EntityRuler (entity
    "place"). Countries are its "country" entities; abbreviations are in zone_abbreviations, as the ruler ignores
    case here and "est" is no zone."""
    reference = _reference()
    names = [
        *(country.capital for country in load_countries()),
        *reference["places"],
        *UTC_NAMES,
        *_iana_names(),
    ]
    return sorted({variant for name in names for variant in (name, plain(name))})


def zone_abbreviations() -> List[str]:
    """ "EST", "PST", "CET": zone names the EntityRuler must match in capitals only."""
    return sorted(_reference()["abbreviations"])


def offset_label(offset: timedelta) -> str:
    """ "UTC+05:30", "UTC-04:00"."""
    minutes = round(offset.total_seconds() / 60)
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{'-' if offset < timedelta(0) else '+'}{hours:02d}:{minutes:02d}"


def _offset_zone(match: re.Match) -> Optional[Zone]:
    hours, minutes = int(match.group("hours")), int(match.group("minutes") or 0)
    if hours > 14 or minutes >= 60:
        return None
    offset = timedelta(hours=hours, minutes=minutes) * (-1 if match.group("sign") in "-−" else 1)
    label = offset_label(offset)
    return Zone(label, tz.tzoffset(label, offset), label)


def resolve_zone(text: str) -> Optional[Zone]:
    """The time zone the text names ("what time is it for me in Ottawa?"), or None if it names none."""
    offset = _OFFSET.search(text)
    if offset:
        return _offset_zone(offset)
    mentions = _index().find(text)
    if not mentions:
        return None
    place = min(mentions, key=lambda mention: (mention.value.rank, mention.start)).value
    return Zone(place.label, tz.gettz(place.zone_name), place.zone_name)
