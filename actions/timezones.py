"""Time zones a user can name: IANA names, UTC offsets, capitals, single-zone countries and major cities.

Used to give the deadline and the webinar in the asker's time ("what time is it in Ottawa?").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml
from dateutil import tz

from actions.countries import fold, load_countries

PLACES = Path(__file__).resolve().parents[1] / "data" / "reference" / "places.yml"
# Countries spanning several zones: their capital's zone would mislead, so only cities name a zone there.
MULTI_ZONE_COUNTRIES = {"United States", "Canada", "Russia", "Australia", "Brazil", "Mexico", "Indonesia", "Kazakhstan"}
_OFFSET = re.compile(r"\b(?:UTC|GMT)\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?\b", re.IGNORECASE)
_UTC = re.compile(r"\b(?:UTC|GMT|Zulu|Z time|coordinated universal time)\b", re.IGNORECASE)
_IANA = re.compile(r"\b[A-Z][A-Za-z_]+/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Zone:
    label: str
    tz: tzinfo


@lru_cache(maxsize=1)
def _places() -> Dict[str, Tuple[str, str]]:
    """folded place name -> (label, IANA zone)."""
    places: Dict[str, Tuple[str, str]] = {}
    for country in load_countries():
        places[fold(country.capital)] = (country.capital, country.timezone)
        if country.name not in MULTI_ZONE_COUNTRIES:
            for form in (country.name, *country.aliases):
                places.setdefault(fold(form), (country.name, country.timezone))
    for name, zone in yaml.safe_load(PLACES.read_text(encoding="utf-8")).items():
        places[fold(name)] = (name, zone)
    return places


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern:
    names = sorted(_places(), key=len, reverse=True)
    return re.compile(rf"(?<![a-z0-9])(?:{'|'.join(re.escape(n) for n in names)})(?![a-z0-9])")


def place_names() -> List[str]:
    """Every place label known, for the spaCy EntityRuler."""
    return sorted({label for label, _ in _places().values()})


def resolve_zone(text: str) -> Optional[Zone]:
    """The time zone the text names, if any: an offset, UTC, an IANA name, then a place."""
    offset = _OFFSET.search(text)
    if offset:
        sign = -1 if offset.group(1) in "-−" else 1
        seconds = sign * (int(offset.group(2)) * 3600 + int(offset.group(3) or 0) * 60)
        label = f"UTC{offset.group(1).replace('−', '-')}{int(offset.group(2)):02d}:{offset.group(3) or '00'}"
        return Zone(label, tz.tzoffset(label, seconds))
    for candidate in _IANA.findall(text):
        zone = tz.gettz(candidate)
        if zone is not None:
            return Zone(candidate, zone)
    if _UTC.search(text):
        return Zone("UTC", tz.UTC)
    place = _place_pattern().search(fold(text))
    if place:
        label, name = _places()[place.group(0)]
        return Zone(label, tz.gettz(name))
    return None


def format_instant(instant: datetime, zone: Zone) -> str:
    """ "Wednesday 11 June 2025, 10:00 (America/New_York, UTC-04:00)"."""
    local = instant.astimezone(zone.tz)
    offset = local.strftime("%z")
    name = getattr(zone.tz, "_filename", None) or zone.label
    name = name.split("zoneinfo/")[-1]
    return f"{local:%A} {local.day} {local:%B %Y}, {local:%H:%M} ({name}, UTC{offset[:3]}:{offset[3:]})"
