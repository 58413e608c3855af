"""The four essential criteria as rules over what an applicant says: nationality, age, studies, language.

Each check reads a free-text answer and returns met / not met / unclear with one plain sentence saying
why, in the reply's language (the message catalogue, actions/answers/messages.py). The values the rules apply (minimum age, the recent-graduate window, the years of studies, the accepted
languages) are those the notice states, stored at import: none is written here, and where the notice gives
none the answer is unclear. Where the notice leaves something open (the date at which age is counted, how
"proficiency" is judged), the check says what it assumed or leaves the answer unclear instead of inventing a
rule. The Internship Office, not this check, assesses eligibility.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from actions.answers.messages import (and_list, current_language, day_of_year, month_of_year, msg, or_list, quantity,
                                      quantity_in_words)
from actions.reference_languages import language_name_in, language_reference
from actions.understanding.countries import Country, Mention, find_country_mentions, is_nato_member
from actions.understanding.french_reading import reads_french

MET, NOT_MET, UNCLEAR = "met", "not_met", "unclear"


@dataclass(frozen=True)
class CriterionCheck:
    criterion: str  # "nationality" | "age" | "studies" | "language"
    status: str  # "met" | "not_met" | "unclear"
    answer: Optional[str]  # the user's answer as understood, in plain words; None: as the user wrote it
    explanation: str  # one plain sentence saying why
    understood: bool = True  # False when nothing in the answer could be read for this criterion
    # False when no other answer could settle it: the notice gives no value, or the office judges (a basic level).
    answerable: bool = True


# Words, clauses and numbers -------------------------------------------------------------------------------------
_CLAUSE_BREAK = re.compile(r"[;!?]|[.,](?=\s|$)|\b(?:but|however|although|though|whereas|while)\b"
                           r"|\band\s+(?=(?:i|i'm|i've|now|currently)\b)", re.IGNORECASE)  # "..., and I'm now ..."
_NEGATION = re.compile(r"\b(?:not|no|never|without|neither|nor|none)\b|n't\b", re.IGNORECASE)
_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_NUMBER = r"\d+(?:[.,]5)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+[a-z]+)?|[a-z]+"


def parse_number(text: str) -> Optional[float]:
    """ "23", "1.5", "nineteen", "twenty-one" as a number; None when the words are not a number."""
    words = text.lower().replace("-", " ").replace(",", ".").split()
    if len(words) == 1 and re.fullmatch(r"\d+(?:\.\d+)?", words[0]):
        return float(words[0])
    if len(words) == 1 and words[0] in _UNITS:
        return float(_UNITS.index(words[0]))
    if words and words[0] in _TENS and (len(words) == 1 or len(words) == 2 and words[1] in _UNITS[1:10]):
        return float(_TENS[words[0]] + (_UNITS.index(words[1]) if len(words) == 2 else 0))
    return None


def _amount(word: str) -> Optional[float]:
    """A count as written before a unit: "a year", "two years", "3 semesters"."""
    return 1.0 if word.lower() in ("a", "an") else parse_number(word)


def _normalise(text: str) -> str:
    return text.replace("’", "'").strip()


def _clauses(text: str) -> List[Tuple[int, str]]:
    """The text cut at punctuation and contrast words, each piece with its offset: negation stays inside one."""
    pieces, start = [], 0
    for brk in _CLAUSE_BREAK.finditer(text):
        pieces.append((start, text[start:brk.start()]))
        start = brk.end()
    pieces.append((start, text[start:]))
    return [(offset, piece) for offset, piece in pieces if piece.strip()]


def _affirmed(pattern: re.Pattern, text: str, *vetoes: re.Pattern) -> Optional[re.Match]:
    """The first match that no negation (or other veto) before it in its clause takes back."""
    for _, clause in _clauses(text):
        for match in pattern.finditer(clause):
            before = clause[:match.start()]
            if not any(veto.search(before) for veto in (_NEGATION, *vetoes)):
                return match
    return None


# A question about the requirement itself says nothing about the asker: "do I need a master's degree?", "is a
# bachelor's required?", "what counts as equivalent education?"; "can I apply if I'm 19?" and "is my bachelor's
# accepted?" do.
_REQUIREMENT_QUESTION = re.compile(
    r"^\W*(?:and\s+|so\s+|or\s+)?(?:do|does|is|are|must|should|will|would|what|which|how)\b"
    r"(?=.*\b(?:need(?:s|ed)?|have to|has to|must|require[sd]?|requirements?|necessary|mandatory|obligatory"
    r"|counts?|considered|accepted|acceptable|allowed)\b)"
    r"(?!.*\b(?:my|(?:if|since|because|as|given)\s+(?:i|i'm|im))\b)",
    re.IGNORECASE,
)


def without_requirement_questions(text: str) -> str:
    """The text with its questions about the requirement blanked out, so that only what it says about the asker is
    read: "I'm a master's student, do I need a bachelor's?" keeps "I'm a master's student"."""
    for offset, clause in _clauses(text):
        if _REQUIREMENT_QUESTION.search(clause):
            text = text[:offset] + " " * len(clause) + text[offset + len(clause):]
    return text


# Dates -----------------------------------------------------------------------------------------------------------
DAY, MONTH, YEAR = "day", "month", "year"
_MONTH_NAME = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
               r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"\b(?:(?P<iso>\d{{4}}-\d{{1,2}}-\d{{1,2}})"
    rf"|(?P<numeric>\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}}))"
    rf"|(?P<day>\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?{_MONTH_NAME},?\s+\d{{4}}"
    rf"|{_MONTH_NAME}\s+\d{{1,2}}{_ORDINAL},?\s+\d{{4}})"
    rf"|(?P<month>{_MONTH_NAME},?\s+(?:of\s+)?\d{{4}}|\d{{1,2}}/\d{{4}})"
    rf"|(?P<year>(?:19|20)\d{{2}}))(?![\w/-])",
    re.IGNORECASE,
)
_AGO = re.compile(rf"\b(?P<n>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE)
_LAST_OR_THIS = re.compile(r"\b(?P<which>last|this)\s+(?P<unit>month|year)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateSpan:
    """A date as precisely as the text gives it: one day, or every day of a month or of a year."""

    first: date
    last: date
    precision: str  # DAY | MONTH | YEAR
    counted_back: Optional[Tuple[int, str]] = None  # a date counted back from today: (2, "year") for "two years ago"

    @classmethod
    def around(cls, day: date, precision: str) -> DateSpan:
        """The day itself, or the whole month or year it falls in."""
        if precision == YEAR:
            return cls(day.replace(month=1, day=1), day.replace(month=12, day=31), YEAR)
        if precision == MONTH:
            return cls(day.replace(day=1), day + relativedelta(day=31), MONTH)
        return cls(day, day, DAY)

    def words(self) -> str:
        """ "on 5 May 2004", "in May 2004", "in 2004", "two years ago (around 23 November 2024)"."""
        if self.counted_back:
            count, unit = self.counted_back
            return msg("eligibility.date.counted_back", interval=quantity_in_words(count, f"duration-{unit}"),
                       day=day_of_year(self.first))
        if self.precision == DAY:
            return msg("eligibility.date.day", day=day_of_year(self.first))
        if self.precision == MONTH:
            return msg("eligibility.date.month", month=month_of_year(self.first))
        return msg("eligibility.date.year", year=self.first.year)


def _parse_date(match: re.Match, today: date) -> Optional[date]:
    """Numeric dates are read day first (03/04/2001 is 3 April); a two-digit year is the latest such year
    not after today, since the dates asked for (birth, graduation) are in the past."""
    written = match.group(0)
    try:
        if match.group("iso"):
            return date(*map(int, written.split("-")))  # dateutil's dayfirst would swap an ISO date's month and day
        parsed = date_parser.parse(written, dayfirst=True, default=datetime(today.year, 1, 1)).date()
    except (ValueError, OverflowError):
        return None
    if re.search(r"[/.-]\d{2}$", written) and parsed > today:
        return parsed - relativedelta(years=100)
    return parsed


def _date_spans(text: str, today: date) -> Iterator[Tuple[re.Match, DateSpan]]:
    """Each date written in the text that is a real day, with its precision."""
    for match in _DATE.finditer(text):
        day = _parse_date(match, today)
        if day is not None:
            precision = {"iso": DAY, "numeric": DAY}.get(match.lastgroup, match.lastgroup)
            yield match, DateSpan.around(day, precision)


def find_date_span(text: str, today: date) -> Optional[DateSpan]:
    """The first date written in the text, with its precision."""
    return next((span for _, span in _date_spans(text, today)), None)


def _relative_span(text: str, today: date) -> Optional[DateSpan]:
    """ "3 months ago", "a year ago", "last year", "this month", counted back from today."""
    ago = _AGO.search(text)
    if ago and _amount(ago.group("n")) is not None:
        amount = int(_amount(ago.group("n")))
        unit = ago.group("unit").lower()
        day = today - relativedelta(**{unit + "s": amount})
        return replace(DateSpan.around(day, DAY), counted_back=(amount, unit))
    named = _LAST_OR_THIS.search(text)
    if named:
        unit = named.group("unit").lower()
        back = 1 if named.group("which").lower() == "last" else 0
        return DateSpan.around(today - relativedelta(**{unit + "s": back}), unit)
    return None


# Nationality -----------------------------------------------------------------------------------------------------
# A country named as a place of residence, study or birth, or denied, is not a nationality.
_NOT_NATIONALITY = re.compile(
    r"\b(?:live[sd]?|living|reside[sd]?|residing|resident|based|work(?:s|ed|ing)?|stud(?:y|ies|ied|ying)|moved"
    r"|relocated|stay(?:ing)?|born|grew up)\s+(?:in|to|at|of)\s+(?:the\s+)?$|(?:\bnot|n't)\s+(?:an?\s+)?$",
    re.IGNORECASE,
)
# Nor is the country of a residence permit, green card or visa: "a Canadian permanent residence", "a US green card
# holder", "permanent residency in Canada", "a residence permit for Belgium".
_PERMIT = (r"(?:permanent\s+)?(?:residen(?:ce|cy|t)(?:\s+(?:permit|card|status))?|green[\s-]+card|(?:work\s+)?visa"
           r"|work\s+permit)")
_PERMIT_BEFORE = re.compile(rf"\b{_PERMIT}\s+(?:in|of|for|from|to)\s+(?:the\s+)?$", re.IGNORECASE)
_PERMIT_AFTER = re.compile(rf"^\s*{_PERMIT}\b", re.IGNORECASE)
# Nor a language spoken, where "English" or "Chinese" is written after "speak", "fluent (in)", "native", "mother
# tongue", "learning", "need" (and the rest of a list after them: "I speak Spanish, English and French"), or before
# "-speaking", "fluently" or a level ("French C1", "my English is good": see _LEVEL_STATED).
_SPOKEN_BEFORE = re.compile(
    r"\b(?:speak|speaks|speaking|spoke|spoken|fluent|fluently|native|in|into|mother\s+tongue|first\s+language"
    r"|know|knows|learn(?:s|t|ed|ing)?|stud(?:y|ies|ied|ying)|need(?:s|ed)?|require[sd]?)"
    r"(?:\s+is|\s*:)?\s+(?:[^\W\d_]+\s*(?:,|\band\b|\bor\b|&|/)\s*)*$",
    re.IGNORECASE,
)
_SPOKEN_AFTER = re.compile(r"^(?:[\s-]*speak(?:ing|ers?)\b|\s+(?:fluently|natively)\b|\s*\(?\s*[ABC][12]\b)",
                           re.IGNORECASE)
# Why a country named is not a nationality (message ids).
_PERMIT_HELD = "eligibility.nationality.permit"
_PLACE = "eligibility.nationality.place"
_LANGUAGE_SPOKEN = "eligibility.nationality.language"


def _not_a_nationality(text: str, mention: Mention[Country]) -> Optional[str]:
    """Why a country named is not a nationality where it is written (a message id), or None when it is one."""
    before, after = text[:mention.start], text[mention.end:]
    if _PERMIT_BEFORE.search(before) or _PERMIT_AFTER.match(after):
        return _PERMIT_HELD
    if (text[mention.start:mention.end].lower() in _language_names()
            and (_SPOKEN_BEFORE.search(before) or _SPOKEN_AFTER.match(after) or _LEVEL_STATED.match(after))):
        return _LANGUAGE_SPOKEN
    return _PLACE if _NOT_NATIONALITY.search(before) else None


def _nationalities(text: str) -> Tuple[List[Country], List[str]]:
    """The countries named as nationalities, and why each other country named is not one (message ids)."""
    mentions: List[Mention[Country]] = find_country_mentions(text)
    reasons = [_not_a_nationality(text, m) for m in mentions]
    held = [m.value for m, why in zip(mentions, reasons) if why is None]
    return list(dict.fromkeys(held)), [why for why in reasons if why]


# "written in Hungarian", "translated into Greek", "I speak Polish": a language, not a nationality.
_LANGUAGE_USE = re.compile(
    r"\b(?:in|into|speak|speaks|speaking|spoken|fluent)\s+\w+(?:\s*(?:,|and|or|&)\s*\w+)*", re.IGNORECASE
)
# Words of a statement about one's own nationality: "I'm Estonian", "I am from Ukraine", "my citizenship is
# Japanese"; not "tell me about the Cuban missile crisis" or "do I need a Belgian bank account".
_IDENTITY = re.compile(
    r"\b(?:i'm|im|i\s+am|i\s+come\s+from|citizen|citizenship|nationality|national|passport|born\s+in)\b", re.IGNORECASE
)


@reads_french  # languages (issue 13): French statements read by the same rules
def states_own_nationality(text: str, today: date) -> bool:
    """ "I'm Estonian", "my citizenship is Japanese": a statement about one's own nationality that names a country;
    not a language ("I speak Polish") nor a country mentioned in passing ("a Belgian bank account")."""
    return bool(_IDENTITY.search(text)) and check_nationality(_LANGUAGE_USE.sub(" ", text), today).status != UNCLEAR


# Having no nationality at all: "I'm stateless", "I have no nationality", "without citizenship".
_STATELESS = re.compile(r"\bstateless\b|\b(?:no|without(?:\s+an?y?)?|(?:don't|do not|doesn't)\s+have\s+(?:an?y?))\s+"
                        r"(?:nationality|citizenship)\b|\bnot\s+(?:a\s+)?(?:national|citizen)\s+of\s+any\s+"
                        r"(?:country|state)\b", re.IGNORECASE)


@reads_french  # languages (issue 13): French statements read by the same rules
def check_nationality(text: str, today: date) -> CriterionCheck:
    """Met if any nationality named is a NATO member state on that day (several nationalities: one suffices); not met
    for a stateless person, who is a national of no state."""
    held, reasons = _nationalities(_normalise(text))
    if not held and _STATELESS.search(text):
        return CriterionCheck("nationality", NOT_MET, msg("eligibility.nationality.stateless_answer"),
                              msg("eligibility.nationality.stateless"))
    if not held:
        why = next((w for w in (_PERMIT_HELD, _PLACE, _LANGUAGE_SPOKEN) if w in reasons),
                   "eligibility.nationality.unrecognised")
        return CriterionCheck("nationality", UNCLEAR, None, msg(why), understood=why in (_PERMIT_HELD, _PLACE))
    names = and_list([_country_name(c) for c in held])
    members = [c for c in held if is_nato_member(c, today)]
    if members:
        member = members[0]
        return CriterionCheck("nationality", MET, names,
                              msg("eligibility.nationality.member", country=_capitalised(_country_name(member)),
                                  since=day_of_year(member.nato_member_since)))
    not_member = "eligibility.nationality.not_member" if len(held) == 1 else "eligibility.nationality.not_members"
    return CriterionCheck("nationality", NOT_MET, names, msg(not_member, countries=_capitalised(names)))


def _country_name(country: Country) -> str:
    return country.in_sentence_in(current_language())


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# Age -------------------------------------------------------------------------------------------------------------
_STATED_AGE = re.compile(
    # "I'm American and 24": an age closing a statement about oneself, no unit or noun after it (tried first, as
    # "I'm <number in words>" would otherwise take "I'm American")
    r"\b(?:i'?m|i am)\s+(?:an?\s+)?\w+(?:\s+\w+)?\s+and\s+(?P<d>\d{2})\b(?!\s*(?:%|[-/.:]\d|[^\W\d_]))"
    rf"|\b(?:i'?m|i am|im|aged?:?|my age is|age is)\s+(?P<a>{_NUMBER})\b"
    rf"|\b(?P<b>{_NUMBER})\s*(?:years?|yrs?)(?:\s+old|\s+of\s+age)\b|\b(?P<c>\d{{1,3}})\s*y\.?o\b",
    re.IGNORECASE,
)
# An age reached today or before: "I turn 21 today", "I'm turning 21 today", "I turned 21 in May", "it's my 21st
# birthday today"; read before the other statements, which would take "I'm turning" for an age.
_AGE_REACHED = re.compile(
    rf"\b(?:turned|(?:turn|turns|turning|will\s+be|'ll\s+be)(?=\s+[\w-]+(?:\s+[a-z]+)?\s+today\b))\s+(?P<n>{_NUMBER})\b"
    rf"|\b(?P<d>\d{{2}})(?:st|nd|rd|th)\s+birthday\s+(?:is\s+)?today\b",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(rf"\W*(?P<n>{_NUMBER})\W*", re.IGNORECASE)
# A clause of two digits only, within a longer answer: "Romanian, 23, law student".
_BARE_AGE = re.compile(r"\W*(?P<n>\d{2})\W*")
_SPELLED = rf"(?:(?:{'|'.join(_TENS)})(?:[\s-]+(?:{'|'.join(_UNITS[1:10])}))?|{'|'.join(_UNITS)})\b"
# When an age is still to come: "next week", "soon", "in two months", "in January 2027", "on 3 December".
_TO_COME = (rf"(?:next\s+\w+|soon|shortly|tomorrow|later|this\s+(?:week|month|year)"
            rf"|on\s+(?:my\s+)?(?:\d|{_MONTH_NAME}|birthday)"
            rf"|in\s+(?:(?:a|an|a\s+few|\d+|{_SPELLED})\s+(?:day|week|month|year)s?|{_MONTH_NAME}|(?:19|20)\d{{2}})"
            r")(?!\w)")
# An age to come, with the rest of its clause: "I'll be 21 in March", "turning 21 on 24/11/2026", "I'm 21 next week".
_FUTURE_AGE = re.compile(
    rf"(?:\b(?:will be|'ll be|turn|turns|turning)\s+(?:\d{{1,3}}\b|{_SPELLED})(?![\w-]*(?:\s+[a-z]+)?\s+today\b)"
    rf"|\b(?:i'?m|i am)\s+(?:\d{{1,3}}\b|{_SPELLED})(?=\s+{_TO_COME}))"
    r"(?:(?![,;!?]|\.(?:\s|$)|\b(?:and|but)\b).)*",
    re.IGNORECASE,
)
_BORN = re.compile(r"\bborn\b|\bbirth|\bd\.?o\.?b\b", re.IGNORECASE)
# A date after these words is that of a degree, not a birth: "I graduated on 23 November 2025".
_DATE_OF = re.compile(rf"(?P<birth>{_BORN.pattern})"
                      r"|(?P<degree>\bgraduat\w*|\bdegree\b|\bdiploma\b|\b(?:finish|complet|obtain)(?:ed|ing)\b)",
                      re.IGNORECASE)


@dataclass(frozen=True)
class AgeReading:
    """An age as the text gives it: exact (a stated age or a full date of birth), or a range of two ages when
    only the month or year of birth is known."""

    youngest: int
    oldest: int
    born: Optional[DateSpan] = None

    def words(self) -> str:
        """ "born on 5 May 2004", "23 years old"."""
        if self.born:
            return msg("eligibility.age.born", when=self.born.words())
        return msg("eligibility.age.years_old", age=self.youngest)


def age_on(birth: date, today: date) -> int:
    """Completed years. Born on 29 February, one is a year older on 28 February in common years, as
    relativedelta counts; the notice does not settle this, and it only matters on that one day."""
    return relativedelta(today, birth).years


def _from_birth(born: DateSpan, today: date) -> AgeReading:
    return AgeReading(age_on(min(born.last, today), today), age_on(born.first, today), born)


def _stated_age(text: str) -> Optional[AgeReading]:
    """ "I'm 23", "21 years old", "age: twenty-one", an answer that is only a number ("19"), or a clause of two
    digits in a longer answer ("Romanian, 23, law student")."""
    written = [next(g for g in m.groups() if g) for pattern in (_AGE_REACHED, _STATED_AGE) for m in pattern.finditer(text)]
    bare = [m.group("n") for m in [_BARE_NUMBER.fullmatch(text)] if m]
    clauses = [m.group("n") for _, clause in _clauses(text) for m in [_BARE_AGE.fullmatch(clause)] if m]
    for number in map(parse_number, [*written, *bare, *clauses]):
        if number is not None and number.is_integer():
            return AgeReading(int(number), int(number))
    return None


def _birth_date(text: str, today: date) -> Optional[DateSpan]:
    """The first date that the words before it do not give as a degree's: "born 03/04/2001, graduated 02/05/2025"."""
    for match, span in _date_spans(text, today):
        said_of = [m.lastgroup for m in _DATE_OF.finditer(text, 0, match.start())]
        if not said_of or said_of[-1] == "birth":
            return span
    return None


def parse_age_or_birth_date(text: str, today: date) -> Optional[AgeReading]:
    """The age stated, or computed on that day from a date of birth in any common format ("03/04/2001" is
    3 April, "May 5th, 2004", "born in 2004"); None if the text gives neither, or only an age to come."""
    text = _FUTURE_AGE.sub(" ", _normalise(text))  # "20, but I turn 21 in February": the age today is 20
    born = _birth_date(text, today)
    if born and (born.precision == DAY or _BORN.search(text)):
        return _from_birth(born, today)
    stated = _stated_age(text)
    if stated:
        return stated
    if born and not re.search(r"\w", _DATE.sub("", text)):  # only a month or a year: "May 2004"
        return _from_birth(born, today)
    return None


@reads_french  # languages (issue 13): French statements read by the same rules
def check_age(text: str, today: date, minimum_age: Optional[int]) -> CriterionCheck:
    """Met if at least the notice's minimum age on the day of the check; the explanation names that day."""
    reading = parse_age_or_birth_date(text, today)
    if reading is None:
        if _FUTURE_AGE.search(text):
            return CriterionCheck("age", UNCLEAR, None, msg("eligibility.age.to_come"))
        return CriterionCheck("age", UNCLEAR, None, msg("eligibility.age.unread"), understood=False)
    if reading.born and reading.born.first > today:
        return CriterionCheck("age", UNCLEAR, reading.words(), msg("eligibility.age.born_in_the_future"))
    if reading.youngest < 10 or reading.oldest > 120:
        return CriterionCheck("age", UNCLEAR, reading.words(), msg("eligibility.age.implausible"))
    if minimum_age is None:
        return CriterionCheck("age", UNCLEAR, reading.words(), msg("eligibility.age.no_minimum"), answerable=False)
    on = {"today": day_of_year(today), "ages": _ages(reading), "minimum": minimum_age}
    if reading.youngest >= minimum_age:
        return CriterionCheck("age", MET, reading.words(),
                              msg("eligibility.age.met", **on, note=msg("eligibility.age.day_unsaid")))
    if reading.oldest < minimum_age:
        return CriterionCheck("age", NOT_MET, reading.words(),
                              msg("eligibility.age.younger", **on, turns=_turns(reading, minimum_age),
                                  note=msg("eligibility.age.day_unsaid")))
    return CriterionCheck("age", UNCLEAR, reading.words(), msg("eligibility.age.either_side", **on))


def _ages(reading: AgeReading) -> str:
    """ "21", or "20 or 21" when only the month or year of birth is known."""
    if reading.youngest == reading.oldest:
        return str(reading.oldest)
    return or_list([str(reading.youngest), str(reading.oldest)])


def _turns(reading: AgeReading, minimum_age: int) -> str:
    if reading.born is None or reading.born.precision != DAY:
        return ""
    return msg("eligibility.age.turns", minimum=minimum_age,
               day=day_of_year(reading.born.first + relativedelta(years=minimum_age)))


# Studies ---------------------------------------------------------------------------------------------------------
# Vocational or technical education is not university level, though it may be the "equivalent education" the
# office assesses: "I studied at a vocational school for 3 years", "technical college", "an apprenticeship".
_VOCATIONAL = re.compile(r"\b(?:vocational|technical|trade)\s+(?:school|college|institute|training|education|diploma"
                         r"|qualification|programme|program|course)s?\b|\bapprenticeship\b", re.IGNORECASE)
# School below university level: its years, diplomas and graduation do not count as university studies.
_SCHOOL = re.compile(r"\b(?:high|secondary|grammar|middle)\s+school\b|\bA[- ]levels?\b|\bbaccalaur|"
                     + _VOCATIONAL.pattern, re.IGNORECASE)
_NO_STUDIES = re.compile(
    r"\b(?:high|secondary)\s+school\b|\bsecondary education\b"
    r"|\b(?:no|(?:don't have|do not have|haven't got|without) (?:an?|any))\s+(?:university\s+)?"
    r"(?:university|degree|higher education|studies)\b"
    r"|\bnever\s+(?:studied|went to (?:uni|university|college))\b"
    r"|\b(?:didn't|did not|haven't|have not)\s+(?:study|studied|go to (?:uni|university|college))\b",
    re.IGNORECASE,
)
_STUDENT = re.compile(
    r"\bstudent\b|\bstudying\b|\benrolled\b|\bI\s+(?:currently\s+)?study\b|\bundergrad(?:uate)?\b(?!\s+degree)"
    r"|\b(?:am|'m|im|currently|now)\s+(?:\w+\s+)?(?:doing|pursuing|completing|finishing|taking)\s+(?:a|an|my|the)\s+"
    r"(?:\w+\s+)?(?:bachelor|master|degree|ph\.?d|doctorate|studies|course|programme|program)"
    r"|\bin\s+(?:my\s+|the\s+)?(?:first|second|third|fourth|fifth|sixth|final|last|\d(?:st|nd|rd|th))\s+year\b"
    r"|\b(?:ph\.?d|doctoral)\s+candidate\b"
    r"|\b(?:will|'ll|going to|expect(?:ed)? to)\s+graduate\b|\bgraduating\b|\bexpected graduation\b",
    re.IGNORECASE,
)
# Past or unfinished studies are not current ones: "I was a student", "after studying", "former student".
_NOT_CURRENT = re.compile(r"\b(?:was|were|used to|former(?:ly)?|previously|finished|completed|stopped|quit|left"
                          r"|after|before|dropped)\b|" + _SCHOOL.pattern, re.IGNORECASE)
_EQUIVALENT = re.compile(r"\bequivalent\b(?!\s+(?:work\s+|professional\s+)?experience)", re.IGNORECASE)
_STUDY_WORD = re.compile(r"universit|\buni\b|college|bachelor|master|degree|\bstud(?:y|ies|ied)\b|faculty|"
                         r"higher education|academ|ph\.?d|doctora", re.IGNORECASE)
_YEARS_STUDIED = re.compile(rf"\b(?P<n>{_NUMBER})[\s-]+(?:full\s+|academic\s+)?(?P<unit>year|semester)s?\b"
                            r"(?!\s+(?:ago|old|of age))", re.IGNORECASE)
# Each degree by its message id, highest first.
_DEGREES = (
    ("eligibility.degree.doctorate", re.compile(r"\bph\.?d\b|\bdoctorate\b|\bdoctoral degree\b|\b(?-i:DPhil)\b", re.IGNORECASE)),
    ("eligibility.degree.master", re.compile(r"\bmaster'?s?\b|\b(?-i:MA|MSc|MBA|LLM|MPhil|M\.A\.?|M\.Sc\.?)(?!\w)",
                                             re.IGNORECASE)),
    ("eligibility.degree.bachelor", re.compile(r"\bbachelor'?s?\b|\blicenciatura\b|\bundergraduate degree\b"
                                               r"|\b(?-i:BA|BSc|BS|LLB|B\.A\.?|B\.Sc\.?)(?!\w)", re.IGNORECASE)),
    ("eligibility.degree.university", re.compile(r"\b(?:university |college |academic )?degree\b", re.IGNORECASE)),
)
# A degree named but not (or not yet) obtained: "two years of a bachelor's", "I want to start a master's".
_NOT_OBTAINED = re.compile(r"\b(?:years?|semesters?|part|half|some)\s+(?:of|into)\s+\S*\s*$|\b(?:start(?:ed|ing)?"
                           r"|began|begin|dropped out|quit|left|abandoned|stopped|apply(?:ing)?|want|plan(?:ning)?"
                           r"|hope|will|going to)\b", re.IGNORECASE)
_OBTAINED = re.compile(r"\b(?:have|hold|got|obtained|earned|received|completed|finished|graduated|awarded|with)\b",
                       re.IGNORECASE)
_GRADUATED = re.compile(
    r"\bgraduat(?:ed|ion)\b|\bgraduate\b(?!\s+student)"
    r"|\b(?:finished|completed|obtained|got|earned|received|defended|awarded)\s+(?:\w+\s+){0,3}?"
    r"(?:degree|bachelor|master|studies|thesis|ph\.?d|doctorate|diploma)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StudiesReading:
    """What an answer says about studies, before any rule is applied."""

    student: bool
    equivalent: bool
    vocational: bool
    no_university: bool
    years: Optional[float]  # years of university level studies completed
    degree: Optional[str]  # the highest degree named, by its message id ("eligibility.degree.master")
    degree_obtained: bool  # the degree is said to be obtained, not only named
    graduated: bool
    graduated_when: Optional[DateSpan]


def _years_studied(text: str) -> Optional[float]:
    """Years of university level studies the text counts ("two years of a bachelor's", "4 semesters")."""
    for _, clause in _clauses(text):
        if not _STUDY_WORD.search(clause) or _SCHOOL.search(clause):
            continue
        for match in _YEARS_STUDIED.finditer(clause):
            count = _amount(match.group("n"))
            if count is not None:
                return count / 2 if match.group("unit").lower() == "semester" else count
    return None


def _degree(text: str) -> Tuple[Optional[str], bool]:
    """The highest degree named as held or at least not denied, and whether the text says it was obtained."""
    for name, pattern in _DEGREES:
        match = _affirmed(pattern, text, _NOT_OBTAINED, _SCHOOL)
        if match:
            return name, bool(_OBTAINED.search(text))
    return None, False


def _graduation(text: str, today: date) -> Tuple[bool, Optional[DateSpan]]:
    """Whether the text says a degree was obtained, and when: the first date after the word, else anywhere."""
    for offset, clause in _clauses(text):
        match = _GRADUATED.search(clause)
        near = clause[max(0, match.start() - 20):match.end() + 30] if match else ""
        if match and not _SCHOOL.search(near) and not _NEGATION.search(clause[:match.start()]):
            after = text[offset + match.start():]
            when = _relative_span(after, today) or find_date_span(after, today) or find_date_span(text, today)
            return True, when
    return False, None


def read_studies(text: str, today: date) -> StudiesReading:
    """The facts an answer gives about studies; check_studies applies the criterion to them."""
    text = _normalise(text)
    degree, obtained = _degree(text)
    graduated, when = _graduation(text, today)
    return StudiesReading(
        student=_affirmed(_STUDENT, text, _NOT_CURRENT) is not None,
        equivalent=_affirmed(_EQUIVALENT, text) is not None,
        vocational=_affirmed(_VOCATIONAL, text) is not None,
        no_university=_NO_STUDIES.search(text) is not None,
        years=_years_studied(text),
        degree=degree,
        degree_obtained=obtained,
        graduated=graduated,
        graduated_when=when,
    )


def is_recent_graduate(obtained_on: date, today: date, window_months: int) -> bool:
    """ "Degree obtained no longer than 12 months ago": exactly 12 months before today still counts."""
    return today - relativedelta(months=window_months) <= obtained_on <= today


@reads_french  # languages (issue 13): French statements read by the same rules
def check_studies(text: str, today: date, window_months: Optional[int], minimum_years: Optional[int]) -> CriterionCheck:
    """The criterion is an OR of four branches: the notice's years of university level studies, equivalent
    education, a current student, a recent graduate (within the notice's window). The explanation names the
    branch that decides; a branch whose value the notice does not state decides nothing."""
    reading = read_studies(text, today)
    years = _RuleYears(minimum_years)
    check = (_current_or_equivalent(reading) or _university_years(reading, years)
             or (_recent_graduate(reading, today, window_months, years) if window_months is not None else None)
             or _vocational(reading) or _not_met(reading, years)
             or (_graduated_long_ago(reading, today, window_months, years) if window_months is not None else None))
    if check is None and reading.graduated and window_months is None:
        return CriterionCheck("studies", UNCLEAR, msg("eligibility.studies.graduated"),
                              msg("eligibility.studies.no_window"), answerable=False)
    return check or CriterionCheck("studies", UNCLEAR, None, msg("eligibility.studies.unread", required=years.words),
                                   understood=False)


@dataclass(frozen=True)
class _RuleYears:
    """The years of university level studies the notice requires, in words ("two years"), None if not stated."""

    minimum: Optional[int]

    @property
    def words(self) -> str:
        if self.minimum is None:
            return msg("eligibility.studies.required_years")
        return quantity_in_words(self.minimum, "duration-year")

    def met_by(self, years: float) -> Optional[bool]:
        return None if self.minimum is None else years >= self.minimum


def _studies(status: str, answer: str, explanation: str) -> CriterionCheck:
    return CriterionCheck("studies", status, answer, explanation)


def _current_or_equivalent(reading: StudiesReading) -> Optional[CriterionCheck]:
    if reading.student:
        return _studies(MET, msg("eligibility.studies.student_answer"), msg("eligibility.studies.student"))
    if reading.equivalent:
        return _studies(MET, msg("eligibility.studies.equivalent_answer"), msg("eligibility.studies.equivalent"))
    return None


# A completed degree means at least this many years of university level studies.
_DEGREE_YEARS = 2


def _university_years(reading: StudiesReading, years: _RuleYears) -> Optional[CriterionCheck]:
    if reading.years is not None and years.met_by(reading.years):
        return _studies(MET, _years_answer(reading.years),
                        msg("eligibility.studies.years_met", years=_count(reading.years), required=years.words))
    if years.minimum is None and (reading.years is not None or reading.degree):
        answer = _years_answer(reading.years) if reading.years is not None else msg(reading.degree)
        return CriterionCheck("studies", UNCLEAR, answer, msg("eligibility.studies.no_minimum"), answerable=False)
    if not reading.degree or reading.years is not None or not years.met_by(_DEGREE_YEARS):
        return None
    degree, degree_years = msg(reading.degree), _RuleYears(_DEGREE_YEARS).words
    if reading.degree_obtained:
        return _studies(MET, msg("eligibility.studies.completed_degree_answer", degree=degree),
                        msg("eligibility.studies.completed_degree", degree=degree, required=degree_years))
    if not reading.graduated_when:
        return _studies(MET, msg("eligibility.studies.degree_answer", degree=degree),
                        msg("eligibility.studies.degree", degree=degree, required=degree_years))
    return None


def _recent_graduate(reading: StudiesReading, today: date, window_months: int,
                     years: _RuleYears) -> Optional[CriterionCheck]:
    when = reading.graduated_when
    if not reading.graduated or when is None or not is_recent_graduate(min(when.last, today), today, window_months):
        return None
    if when.first > today:
        return _studies(MET, msg("eligibility.studies.graduating_answer", when=when.words()),
                        msg("eligibility.studies.graduating"))
    answer = msg("eligibility.studies.obtained_answer", when=when.words())
    window = {"when": when.words(), "window": quantity(window_months, "duration-month"), "today": day_of_year(today)}
    if is_recent_graduate(when.first, today, window_months):
        return _studies(MET, answer, msg("eligibility.studies.recent", **window))
    return _studies(UNCLEAR, answer, msg("eligibility.studies.recent_or_not", **window, required=years.words))


def _vocational(reading: StudiesReading) -> Optional[CriterionCheck]:
    if not reading.vocational:
        return None
    return CriterionCheck("studies", UNCLEAR, msg("eligibility.studies.vocational_answer"),
                          msg("eligibility.studies.vocational"), answerable=False)


def _not_met(reading: StudiesReading, years: _RuleYears) -> Optional[CriterionCheck]:
    if reading.years is not None and years.minimum is not None:
        return _studies(NOT_MET, _years_answer(reading.years),
                        msg("eligibility.studies.too_few_years", years=_count(reading.years), required=years.words))
    if reading.no_university and not reading.graduated:
        return _studies(NOT_MET, msg("eligibility.studies.none_answer"), msg("eligibility.studies.none"))
    return None


def _graduated_long_ago(reading: StudiesReading, today: date, window_months: int,
                        years: _RuleYears) -> Optional[CriterionCheck]:
    if not reading.graduated:
        return None
    when = reading.graduated_when
    if when is None:
        return _studies(UNCLEAR, msg("eligibility.studies.graduated"), msg("eligibility.studies.graduated_when_unsaid"))
    return _studies(UNCLEAR, msg("eligibility.studies.obtained_answer", when=when.words()),
                    msg("eligibility.studies.not_recent", when=when.words(),
                        window=quantity(window_months, "duration-month"), today=day_of_year(today),
                        required=years.words))


def _count(years: float) -> str:
    """ "2 years", "1.5 years": the years of studies an answer counts, in figures."""
    return quantity(int(years) if years.is_integer() else years, "duration-year")


def _years_answer(years: float) -> str:
    return msg("eligibility.studies.years_answer", years=_count(years))


# Language --------------------------------------------------------------------------------------------------------
_PROFICIENT = re.compile(
    r"\b(?:speaks?|speaking|spoken|fluent(?:ly)?|native|mother tongue|first language|bilingual|proficien(?:t|cy)"
    r"|advanced|excellent|very good|good|perfect|working knowledge|professional|C1|C2|B2|IELTS|TOEFL|DELF|DALF|TCF"
    r"|parle|courant|couramment|natif|bilingue|maternelle)\b",
    re.IGNORECASE,
)
_BASIC = re.compile(
    r"\b(?:a little|a bit|little|some|basic|basics|beginner|elementary|limited|learning|rusty|poor|weak|school"
    r"|notions?|A1|A2|B1|intermediate|not (?:very |that |so )?(?:good|fluent|great|well|strong))\b",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"^\W*(?:and\s+|so\s+)?(?:do|does|did|is|are|am|must|should|shall|can|could|will|would|need"
                       r"|what|which|how|why|when|where|who)\b", re.IGNORECASE)
# Words that speak of languages. In free text a language name without them may be a nationality ("I'm 23,
# Spanish"), unless a level stands next to it ("my English is good", "basic French").
_LANGUAGE_TALK = re.compile(
    r"\b(?:speak(?:s|ing|ers?)?|spoke|spoken|fluent(?:ly)?|native|mother tongue|first language|bilingual"
    r"|proficien(?:t|cy)|languages?|[ABC][12]|IELTS|TOEFL|DELF|DALF|TCF|parle|courant|couramment|natif|bilingue"
    r"|maternelle)\b",
    re.IGNORECASE,
)
_LEVEL = rf"(?:{_PROFICIENT.pattern}|{_BASIC.pattern})"
_LEVEL_BEFORE = re.compile(rf"{_LEVEL}\s*$", re.IGNORECASE)
_LEVEL_AFTER = re.compile(rf"^\s*(?:is\s+|:\s*|\(\s*)?{_LEVEL}", re.IGNORECASE)
# Beside a nationality a level needs a verb or a colon: "my English is good", "French: C1", not "a French professional".
_LEVEL_STATED = re.compile(rf"^\s*(?:is\s+|:\s*|\(\s*){_LEVEL}", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"^\s+(?!(?:and|or|nor)\b)[^\W\d_]", re.IGNORECASE)  # "a good Spanish degree"
_LIST_WORDS = re.compile(r"\b(?:and|or|nor|only|both|also)\b|[&/+():\-]", re.IGNORECASE)
_SEGMENT_BREAK = re.compile(r"\b(?:and|or|nor)\b|[&/+]", re.IGNORECASE)


@dataclass(frozen=True)
class _LanguageMention:
    language: str
    claimed: bool  # the text says the person speaks it
    basic: bool  # at a basic level only
    denied: bool  # the text says the person does not speak it


@lru_cache(maxsize=1)
def _language_names() -> Dict[str, Tuple[str, bool]]:
    """Every written name (lower case) -> (language, official), from data/reference/languages.yml."""
    reference = language_reference()
    names = {name.lower(): (language, True) for language, written in reference["official"].items() for name in written}
    names.update({name.lower(): (name, False) for name in reference["other"]})
    return names


@lru_cache(maxsize=1)
def _language_pattern() -> re.Pattern:
    names = sorted(_language_names(), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, names))})\b", re.IGNORECASE)


def _leftover(clause: str, *words: re.Pattern) -> bool:
    """Whether the clause says more than language names, list words and the given words."""
    rest = _LIST_WORDS.sub("", _language_pattern().sub("", clause))
    for pattern in words:
        rest = pattern.sub("", rest)
    return re.search(r"\w", rest) is not None


def _language_mentions(text: str, asked: bool) -> Iterator[_LanguageMention]:
    """Each language named in a statement (not in a question), with what the text says about it. A clause that
    only continues a list ("..., French or Dutch") takes the claim or denial of the clause before it. Unless the
    language was asked, a name counts only in a sentence that speaks of languages or next to a level."""
    for sentence in re.split(r"[;!?]|\.(?=\s|$)", text):
        talk = asked or bool(_LANGUAGE_TALK.search(sentence))
        claimed_before = denied_before = False
        for _, clause in _clauses(sentence):
            if _QUESTION.search(clause):
                continue
            listed = not _leftover(clause, _PROFICIENT, _BASIC)  # "English", "French, C1"
            continues = _language_pattern().match(_LIST_WORDS.sub("", clause).strip()) is not None
            claimed_before = claimed_before and continues
            denied_before = denied_before and not _leftover(clause)
            for match in _language_pattern().finditer(clause):
                if not (talk or _next_to_level(clause, match)):
                    continue
                language = _language_names()[match.group(0).lower()][0]
                segment = _segment(clause, match)
                basic = bool(_BASIC.search(segment))
                claimed = (listed or basic or claimed_before
                           or bool(_PROFICIENT.search(clause[:match.start()] + segment)))
                denied = denied_before or bool(_NEGATION.search(clause[:match.start()]))
                yield _LanguageMention(language, claimed, basic, denied)
                claimed_before = claimed_before or claimed
            denied_before = denied_before or bool(_NEGATION.search(clause))


def _next_to_level(clause: str, match: re.Match) -> bool:
    """ "my English is good", "English (C1)", "basic French": a level next to the language; not "a good Spanish
    degree"."""
    before, after = clause[:match.start()], clause[match.end():]
    return bool(_LEVEL_AFTER.match(after) or _LEVEL_BEFORE.search(before) and not _NOUN_AFTER.match(after))


def _segment(clause: str, match: re.Match) -> str:
    """The words around one language up to the next "and"/"or": "a little French" in "native Spanish and a
    little French"."""
    starts = [m.end() for m in _SEGMENT_BREAK.finditer(clause, 0, match.start())]
    end = _SEGMENT_BREAK.search(clause, match.end())
    return clause[max(starts, default=0):end.start() if end else len(clause)]


@reads_french  # languages (issue 13): French statements read by the same rules
def check_language(text: str, languages: Sequence[str], asked: bool = True) -> CriterionCheck:
    """Met by proficiency in one of the languages the notice accepts (its official languages); a basic level is
    unclear, since the office judges proficiency. Asked, the text answers the language question, so a bare
    "English" or "Spanish only" is a language; not asked (free text), only words about languages make it one."""
    mentions = list(_language_mentions(_normalise(text), asked))
    if not languages:
        return CriterionCheck("language", UNCLEAR, None, msg("eligibility.language.no_requirement"),
                              understood=any(m.claimed or m.basic or m.denied for m in mentions), answerable=False)
    accepted = set(languages)
    proficient = _names(m for m in mentions if m.language in accepted and m.claimed and not m.basic and not m.denied)
    basic = _names(m for m in mentions if m.language in accepted and m.basic and not m.denied)
    denied = _names(m for m in mentions if m.language in accepted and m.denied)
    others = _names(m for m in mentions if m.language not in accepted and m.claimed and not m.denied)
    either = or_list(_in_reply(languages))
    if proficient:
        met = "eligibility.language.proficient_in_one" if len(proficient) == 1 else "eligibility.language.proficient"
        spoken = and_list(_in_reply(proficient))
        return CriterionCheck("language", MET, msg("eligibility.language.proficient_answer", languages=spoken),
                              msg(met, languages=spoken))
    if basic:
        spoken = and_list(_in_reply(basic))
        return CriterionCheck("language", UNCLEAR, msg("eligibility.language.basic_answer", languages=spoken),
                              msg("eligibility.language.basic", accepted=either), answerable=False)
    if others:
        spoken = and_list(_in_reply(others))
        return CriterionCheck("language", NOT_MET, msg("eligibility.language.only_answer", languages=spoken),
                              msg("eligibility.language.only", accepted=either, languages=spoken))
    if len(denied) == len(languages):
        spoken = msg("eligibility.language.nor").join(_in_reply(languages))
        return CriterionCheck("language", NOT_MET, msg("eligibility.language.neither_answer", languages=spoken),
                              msg("eligibility.language.neither", accepted=either, languages=spoken))
    if denied:
        rest = or_list(_in_reply([language for language in languages if language not in denied]))
        language = language_name_in(denied[0], current_language())
        return CriterionCheck("language", UNCLEAR, msg("eligibility.language.denied_answer", language=language),
                              msg("eligibility.language.denied", language=language, rest=rest))
    return CriterionCheck("language", UNCLEAR, None, msg("eligibility.language.unread", accepted=either),
                          understood=False)


def _names(mentions: Iterator[_LanguageMention]) -> List[str]:
    return list(dict.fromkeys(m.language for m in mentions))


def _in_reply(languages: Sequence[str]) -> List[str]:
    """The languages' names in the reply's language ("French" -> "français")."""
    return [language_name_in(language, current_language()) for language in languages]


CRITERIA = ("nationality", "age", "studies", "language")
# A message states a fact about the person ("I'm 19", "I graduated in 2023", "Swedish here"), not only asks.
SPEAKS_OF_ONESELF = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|my|me|mine|myself)\b|\bhere\b", re.IGNORECASE)


@reads_french  # languages (issue 13): French statements read by the same rules
def stated_criteria(text: str, today: date, answering: bool = False) -> List[str]:
    """The criteria a message says something about the person for ("I'm 22 and a master's student, can I
    apply?" names age and studies), in the criteria's order, so that each one gets its verdict. Answering a
    question of the self-check, the message needs no first person: "Romanian, 23, law student, fluent French"
    states all four."""
    statement = without_requirement_questions(text)
    if not answering and not SPEAKS_OF_ONESELF.search(statement):
        return []
    # Whether the message says something on each criterion, whatever value a notice gives it: no value is applied.
    reads = {
        "nationality": lambda: (check_nationality(statement, today).status != UNCLEAR if answering
                                else states_own_nationality(statement, today)),
        "age": lambda: check_age(statement, today, None).understood,
        "studies": lambda: check_studies(statement, today, None, None).understood,
        "language": lambda: check_language(statement, (), asked=False).understood,
    }
    return [criterion for criterion in CRITERIA if reads[criterion]()]
