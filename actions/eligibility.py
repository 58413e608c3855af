"""The four essential criteria as rules over what an applicant says: nationality, age, studies, language.

Each check reads a free-text answer and returns met / not met / unclear with one plain sentence saying
why. Where the notice leaves something open (the date at which age is counted), the explanation says what
the check assumed instead of inventing a rule. The office, not this check, assesses eligibility.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import List, Optional, Tuple

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from actions.countries import find_countries, is_nato_member

MET, NOT_MET, UNCLEAR = "met", "not_met", "unclear"
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_DATE = re.compile(
    rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+\d{{4}}\b"
    rf"|\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    rf"|\b(?:{MONTHS})\.?\s+\d{{4}}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CriterionCheck:
    criterion: str  # "nationality" | "age" | "studies" | "language"
    status: str  # "met" | "not_met" | "unclear"
    answer: str  # the user's answer as understood, in plain words
    explanation: str  # one plain sentence saying why


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _number(text: str) -> Optional[int]:
    """ "23", "twenty-one", "nineteen" as a number."""
    text = text.lower().replace("-", " ").strip()
    if text.isdigit():
        return int(text)
    parts = text.split()
    if len(parts) == 2 and parts[0] in TENS and parts[1] in NUMBER_WORDS and NUMBER_WORDS[parts[1]] < 10:
        return TENS[parts[0]] + NUMBER_WORDS[parts[1]]
    if len(parts) == 1:
        return TENS.get(parts[0], NUMBER_WORDS.get(parts[0]))
    return None


def find_date(text: str) -> Optional[Tuple[date, bool]]:
    """The first date in the text (day first when numeric), and whether its day was given."""
    match = _DATE.search(text)
    if not match:
        return None
    written = match.group(0)
    try:
        parsed = date_parser.parse(written, dayfirst=True, default=date_parser.parse("2000-01-01"))
    except (ValueError, OverflowError):
        return None
    day_given = not re.fullmatch(rf"(?:{MONTHS})\.?\s+\d{{4}}", written, re.IGNORECASE)
    return parsed.date(), day_given


# Nationality -------------------------------------------------------------------------------------------------
def check_nationality(text: str, today: date) -> CriterionCheck:
    countries = find_countries(text)
    if not countries:
        return CriterionCheck("nationality", UNCLEAR, text.strip(), "I could not recognise a country or nationality in that.")
    names = " and ".join(c.name for c in countries)
    members = [c for c in countries if is_nato_member(c, today)]
    if members:
        member = members[0]
        return CriterionCheck("nationality", MET, names,
                              f"{member.name} is a NATO member state (since {long_date(member.nato_member_since)}).")
    noun = "is not a NATO member state" if len(countries) == 1 else "are not NATO member states"
    return CriterionCheck("nationality", NOT_MET, names, f"{names} {noun}.")


# Age ---------------------------------------------------------------------------------------------------------
_AGE = re.compile(
    r"(?:\b(?:i'?m|i am|im|aged?|age is|age:)\s*(?P<a>\d{1,3}|[a-z]+(?:[- ][a-z]+)?)\b)"
    r"|(?P<b>\b\d{1,3}|\b[a-z]+(?:[- ][a-z]+)?)\s*(?:years?|yrs?|y/?o)\b(?:\s*old)?"
    r"|^\s*(?P<c>\d{1,3})\s*[.!]?\s*$",
    re.IGNORECASE,
)


def age_on(birth: date, today: date) -> int:
    return relativedelta(today, birth).years


def parse_age_or_birth_date(text: str, today: date) -> Tuple[Optional[int], Optional[date]]:
    """The age the text states, or computes from a date of birth (with that date); (None, None) if neither."""
    found = find_date(text)
    if found:
        birth, day_given = found
        return (age_on(birth, today), birth) if day_given else (None, None)
    for match in _AGE.finditer(text):
        number = _number(match.group("a") or match.group("b") or match.group("c") or "")
        if number is not None:
            return number, None
    return _number(re.sub(r"[^\w\s-]", "", text)), None


def check_age(text: str, today: date, minimum_age: int = 21) -> CriterionCheck:
    age, birth = parse_age_or_birth_date(text, today)
    when = (f"The notice does not say on which date age is counted; this check used today's date, "
            f"{long_date(today)}.")
    if age is None or birth is not None and birth > today or not 10 <= age <= 120:
        return CriterionCheck("age", UNCLEAR, text.strip(),
                              "I could not read an age or a full date of birth in that.")
    answer = f"born {long_date(birth)}, so {age} today" if birth else f"{age} years old"
    if age >= minimum_age:
        return CriterionCheck("age", MET, answer, f"At {age} you are at least {minimum_age}. {when}")
    turns = f" You will be {minimum_age} on {long_date(birth + relativedelta(years=minimum_age))}." if birth else ""
    return CriterionCheck("age", NOT_MET, answer, f"At {age} you are under {minimum_age}.{turns} {when}")


# Studies -----------------------------------------------------------------------------------------------------
_STUDENT = re.compile(
    r"\b(?:i'?m|i am|im|currently|still)\b.{0,30}\b(?:student|studying|enrolled|at uni|at university|in (?:my )?(?:first|second|third|fourth|fifth|final|last|\d)(?:st|nd|rd|th)? year)"
    r"|\b(?:bachelor'?s?|master'?s?|phd|doctoral|undergraduate|graduate|university|uni|law|erasmus)\s+student\b"
    r"|\b(?:i\s+)?(?:study|am studying|'m studying|'m doing|am doing|am pursuing|'m pursuing)\b.{0,40}\b(?:degree|bachelor|master|phd|university|uni|at\b)"
    r"|\bin (?:my )?(?:first|second|third|fourth|final|last|\d)(?:st|nd|rd|th)? year\b",
    re.IGNORECASE,
)
_DEGREE = re.compile(r"\b(?:bachelor|master|ba\b|bsc|msc|ma\b|llb|llm|mba|phd|doctorate|licen[cs]e|university degree|degree)", re.IGNORECASE)
_GRADUATED = re.compile(r"\b(?:graduat\w*|finished|completed|obtained|got|earned|received|hold|have)\b", re.IGNORECASE)
_YEARS_STUDIED = re.compile(r"\b(\d|one|two|three|four|five|six)\s+(?:full\s+)?years?\s+(?:of|at|in)\s+(?:uni|university|college|higher|studies|study|a\b|my\b)", re.IGNORECASE)
_AGO = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(year|month|week)s?\s+ago\b", re.IGNORECASE)
_NO_STUDIES = re.compile(r"\b(?:high school|secondary school|no (?:university|degree|studies)|never (?:studied|went to uni))", re.IGNORECASE)
_EQUIVALENT = re.compile(r"\bequivalent\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:in|since|of)\s+((?:19|20)\d{2})\b")


def graduation_date(text: str, today: date) -> Optional[Tuple[date, str]]:
    """When the degree was obtained, with how the text said it; a month alone counts from its last day."""
    ago = _AGO.search(text)
    if ago:
        amount = 1 if ago.group(1).lower() in ("a", "an") else _number(ago.group(1))
        unit = {"year": "years", "month": "months", "week": "weeks"}[ago.group(2).lower()]
        return today - relativedelta(**{unit: amount}), ago.group(0)
    found = find_date(text)
    if found:
        day, day_given = found
        if not day_given:
            day = day + relativedelta(day=31)
        return day, f"on {long_date(day)}" if day_given else f"in {day:%B %Y}"
    return None


def check_studies(text: str, today: date, window_months: int = 12) -> CriterionCheck:
    answer = text.strip()
    if _STUDENT.search(text) and not _GRADUATED.search(text.split(".")[0]) or re.search(r"\bstill\s+studying\b", text, re.I):
        return CriterionCheck("studies", MET, answer, "You are currently a student, which meets the studies criterion.")
    if _EQUIVALENT.search(text):
        return CriterionCheck("studies", MET, answer,
                              "You say you have equivalent education, which the criterion accepts; the office assesses the equivalence.")
    years = _YEARS_STUDIED.search(text)
    degree = _DEGREE.search(text)
    if _NO_STUDIES.search(text) and not degree:
        return CriterionCheck("studies", NOT_MET, answer,
                              "Without university level studies, equivalent education, current studies or a recent degree, the studies criterion is not met.")
    graduated = graduation_date(text, today) if _GRADUATED.search(text) or degree else None
    if graduated:
        when, said = graduated
        if when > today:
            return CriterionCheck("studies", MET, answer, "You will graduate later, so you are currently a student.")
        limit = today - relativedelta(months=window_months)
        if when >= limit:
            return CriterionCheck("studies", MET, answer,
                                  f"You obtained your degree {said}, no longer than {window_months} months ago: you are a recent graduate.")
        if degree:
            return CriterionCheck("studies", MET, answer,
                                  f"You obtained your degree {said}, more than {window_months} months ago, so you are not a recent "
                                  "graduate, but a completed university degree means at least two years of university level studies.")
        return CriterionCheck("studies", UNCLEAR, answer,
                              f"You graduated {said}, more than {window_months} months ago, so you are not a recent graduate; "
                              "you still meet the criterion if you completed at least two years of university level studies.")
    if years and not graduated:
        count = _number(years.group(1)) or 0
        if count >= 2:
            return CriterionCheck("studies", MET, answer, f"{count} years of university level studies meet the minimum of two.")
        return CriterionCheck("studies", NOT_MET, answer,
                              f"{count} year of university studies is fewer than the two years required, unless you are still a student.")
    if degree:
        return CriterionCheck("studies", MET, answer,
                              "A completed university degree means at least two years of university level studies.")
    return CriterionCheck("studies", UNCLEAR, answer,
                          "I could not tell from that whether you are a student, a recent graduate or have two years of university studies.")


# Language ----------------------------------------------------------------------------------------------------
_OFFICIAL = re.compile(r"\b(english|anglais|ingl[eé]s|englisch|french|fran[cç]ais|franc[eé]s|franz[oö]sisch)\b", re.IGNORECASE)
_LOW_LEVEL = re.compile(r"\b(?:a little|a bit|basic|beginner|elementary|some|learning|not (?:very )?(?:well|fluent|good)|poor|weak|A1|A2)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:don'?t|do not|can'?t|cannot|no|neither|nor|none|only)\b", re.IGNORECASE)
OTHER_LANGUAGES = re.compile(
    r"\b(Albanian|Arabic|Bulgarian|Chinese|Mandarin|Croatian|Czech|Danish|Dutch|Estonian|Finnish|German|Greek|Hindi|"
    r"Hungarian|Icelandic|Italian|Japanese|Korean|Latvian|Lithuanian|Macedonian|Norwegian|Persian|Polish|Portuguese|"
    r"Romanian|Russian|Serbian|Slovak|Slovenian|Spanish|Swedish|Turkish|Ukrainian)\b",
    re.IGNORECASE,
)


def _clause_with(match: re.Match, text: str) -> str:
    start = max(text.rfind(sep, 0, match.start()) for sep in (",", ".", ";", " but ", " and "))
    return text[start + 1:match.end() + 25]


def check_language(text: str) -> CriterionCheck:
    answer = text.strip()
    official = list(_OFFICIAL.finditer(text))
    proficient = [m for m in official if not _LOW_LEVEL.search(_clause_with(m, text)) and not _NEGATION.search(_clause_with(m, text)[:40])]
    if proficient:
        language = "English" if proficient[0].group(1).lower().startswith(("eng", "ang", "ing")) else "French"
        return CriterionCheck("language", MET, answer,
                              f"Proficiency in {language}, one of NATO's two official languages, meets the criterion.")
    if official and not _NEGATION.search(text):
        return CriterionCheck("language", UNCLEAR, answer,
                              "The criterion asks for proficiency in English or French; a basic level may not be enough, and the office judges it.")
    others: List[str] = sorted({m.group(1).capitalize() for m in OTHER_LANGUAGES.finditer(text)})
    if official or others or re.fullmatch(r"\s*(?:no|none|neither)\W*", text, re.IGNORECASE):
        spoken = f" ({', '.join(others)} alone does not count)" if others else ""
        return CriterionCheck("language", NOT_MET, answer,
                              f"The criterion requires proficiency in English or French{spoken}.")
    return CriterionCheck("language", UNCLEAR, answer, "I could not tell from that how well you speak English or French.")
