"""Deterministic intent rules that back up the statistical classifier where its mistakes cost most.

Each rule recognises a message by its form and names the intent it must have. A rule applies always (the
drafting refusal must never be bypassed) or only over certain predictions (a bare "I'm Estonian" that the
classifier declined as out of scope is a statement about the nationality criterion).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, FrozenSet, Optional, Sequence, Tuple

from actions import clock
from actions.understanding.drafting_policy import is_drafting_request
from actions.understanding.message_split import question_sentences
from actions.eligibility.criteria import stated_criteria, states_own_nationality

DECLINES = frozenset({"out_of_scope", "nlu_fallback", "ask_uncovered_topic"})
SMALL_TALK = frozenset({"greet", "goodbye", "thank", "affirm", "deny", "help", "bot_challenge"})
# Answers too general for "I'm 20 and Canadian, can I apply?": the stated criteria decide it.
GENERAL_APPLY_ANSWERS = DECLINES | {"ask_max_applications", "ask_how_to_apply", "ask_eligibility"}
_GREETING = re.compile(
    r"^\W*(?:h+i+|hello+|hey+|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening|day)|bonjour|salut|hallo|yo)\b"
    r"(?P<rest>[^?]*)$",
    re.IGNORECASE,
)
_FAREWELL = re.compile(  # "thanks, bye" takes leave too
    r"^\W*(?:(?:thanks?(?:\s+a\s+lot)?|thank\s+you(?:\s+so\s+much)?|thx|cheers|ok(?:ay)?|great)\W+){0,3}(?:bye+|good\s*bye|bye\s+bye|see\s+(?:you|ya)(?:\s+later)?|so\s+long|cheerio|farewell|ciao|take\s+care"
    r"|au\s+revoir|later|catch\s+you\s+later"
    r"|(?:merci\W+)?(?:[àa]\s+(?:plus(?:\s+tard)?|\+|bient[ôo]t|la\s+prochaine|demain|tout\s+[àa]\s+l'heure)|tchao|bye\s+bye))\W*$",
    re.IGNORECASE,  # French too (issue 13): "à plus", "merci, à bientôt"
)

# "no, stop", "enough", "no thanks, I'm done", "quit the check": the whole message asks to stop.
_STOP = re.compile(
    r"^\W*(?:(?:no|nope|ok(?:ay)?|please|thanks?|no\s+thanks|actually)\W+){0,3}"
    r"(?:stop|enough|that'?s\s+enough|quit|cancel|abort|end|i'?m\s+done|i\s+am\s+done|done|i\s+want\s+to\s+stop)"
    r"(?:\W+(?:it|now|please|the\s+(?:check|quiz|questions?|test)|this(?:\s+(?:check|quiz))?|here|thanks?))*\W*$"
    # French (issue 13): "j'arrête la vérification, merci", "on arrête là", "stop, on arrête"
    r"|^\W*(?:(?:non|bon|ok|stop|merci)\W+){0,3}(?:j'arr[êe]te|on\s+arr[êe]te|arr[êe]te[sz]?|annule[sz]?|on\s+annule"
    r"|laisse\s+tomber|on\s+laisse\s+tomber|stop)"
    r"(?:\W+(?:l[àa]|tout|maintenant|svp|stp|merci|la\s+v[ée]rification|le\s+(?:test|questionnaire)|les\s+questions))*\W*$",
    re.IGNORECASE,
)

# Where the NLU found a vacancy's name or a place, the text given to the rules carries these marks instead.
VACANCY_MARK, PLACE_MARK = "VACANCY_NAMED", "PLACE_NAMED"
ENTITY_MARKS = {"vacancy": VACANCY_MARK, "place": PLACE_MARK}
# French fillers too (issue 13): "et pour le KM ?", "qu'en est-il de l'offre 250770 ?", "j'habite à Dakar".
_COMMON_FILLER = (r"and|so|ok|okay|then|now|please|what|how|about|for|the|what's|whats"
                  r"|et|alors|donc|bon|ben|puis|svp|stp|pour|le|la|les|l|du|de|des|d|un|une|à|au|aux|en|sur|moi")
# Around a vacancy: "and the KM one?", "tell me about 250770", "what is the cooperative security internship?"
_VACANCY_FILLER = (rf"{_COMMON_FILLER}|or|instead|on|of|regarding|concerning|a|this|that|one|internship|vacancy"
                   r"|position|post|job|role|number|requisition|no|same|question|i|mean|meant|tell|me|more|talk|let's"
                   r"|lets|switch|to|go|with|is"
                   r"|stage|offre|poste|annonce|numéro|celui|celle|ci|là|parle|dis|m'en|plus|même|autre|concernant"
                   r"|qu|est|il")
# Around a place: "I'm in Toronto", "Sydney time?"; not "is the internship in Brussels?", a question of its own.
_PLACE_FILLER = (rf"{_COMMON_FILLER}|i'm|im|i|am|in|at|from|my|time|zone|timezone|live|living|based|here|currently"
                 r"|right|that|it|is|be|would|convert|to"
                 r"|je|j|suis|habite|vis|réside|reside|me|trouve|ici|heure|fuseau|horaire|basé|basée|basee"
                 r"|actuellement|depuis|chez")
# A question that asks the assistant to act ("can you improve it?"), after a long message's drafting request.
_ADDRESSES_ASSISTANT = re.compile(
    r"\b(?:can|could|would|will)\s+(?:you|u)\b|\bplease\b|\bhelp\s+me\b"
    r"|\b(?:pourriez|pouvez|pourrais|peux|voudriez|voudrais)-(?:tu|vous)\b|\b(?:tu|vous)\s+(?:me\s+|nous\s+)?(?:pourriez"
    r"|pouvez|pourrais|peux|voudriez)\b|\bs'il\s+(?:te|vous)\s+pla[iî]t\b", re.IGNORECASE)
_JUDGES_WHAT_CAME_BEFORE = re.compile(
    r"\b(?:c'est|ça|cela|(?:is|does)\s+(?:it|this|that))\b.{0,30}\b(?:correct|juste|bien|right|ok|okay|good|fine|sonne)\b",
    re.IGNORECASE)
_REQUISITION_NUMBER = re.compile(r"(?<![\d.,/:-])\d{5,8}(?![\d.,/:-]?\d)")


def _only(mark: str, filler: str) -> re.Pattern:
    """A message of the mark and filler words only, at least one mark."""
    return re.compile(rf"^(?:[\W_]|\b(?:{filler})\b)*{mark}(?:[\W_]|\b(?:{filler}|{mark})\b)*$", re.IGNORECASE)


_ONLY_NAMES = (_only(VACANCY_MARK, _VACANCY_FILLER), _only(PLACE_MARK, _PLACE_FILLER))
# "what time is it in Tokyo now?" asks the time of day there, not a time of the notice.
_CURRENT_TIME = re.compile(r"\bwhat\s+time\s+is\s+it\b|\bwhat(?:'s|\s+is)\s+the\s+time\b|\btime\s+now\b", re.IGNORECASE)


@dataclass(frozen=True)
class IntentRule:
    intent: str
    matches: Callable[[str], bool]
    overrides: Optional[FrozenSet[str]] = None  # predictions it replaces; None: every prediction


def states_nationality(text: str) -> bool:
    """ "I'm Estonian", "i'm from ukraine, is that a problem": the person names their own country."""
    return states_own_nationality(text, clock.today())


def is_greeting(text: str) -> bool:
    """A hello with at most a few words after it and no question."""
    match = _GREETING.match(text.strip())
    return bool(match) and len(re.findall(r"\w+", match.group("rest"))) <= 4


def is_farewell(text: str) -> bool:
    return bool(_FAREWELL.match(text.strip()))


# A bare acknowledgement, in either language: "ok", "okay.", "alright", "d'accord", "ok merci" is a thanks.
_ACKNOWLEDGEMENT = re.compile(r"^\W*(?:ok(?:ay)?|k|alright|all\s+right|fine|d'?accord|dac)\W*$", re.IGNORECASE)


def is_acknowledgement(text: str) -> bool:
    return bool(_ACKNOWLEDGEMENT.match(text.strip()))


def asks_to_stop(text: str) -> bool:
    return bool(_STOP.match(text.strip()))


def names_only_a_vacancy_or_place(text: str) -> bool:
    """ "what about cooperative security?", "and the KM one", "250770", "I'm in Toronto": a vacancy or a place
    named and nothing asked, so the last question is meant again for it."""
    return not _CURRENT_TIME.search(text) and any(pattern.match(text.strip()) for pattern in _ONLY_NAMES)


# "can I apply?", "am I eligible?", "do I qualify?" after something said about oneself.
_CAN_I_APPLY = re.compile(r"\b(?:can|could|may)\s+i\s+(?:still\s+|even\s+)?apply\b|\bam\s+i\s+eligible\b"
                          r"|\bdo\s+i\s+qualify\b", re.IGNORECASE)


def first_stated_criterion(text: str) -> Optional[str]:
    """ "I'm 20 and Canadian, can I apply to the KM one?": the intent of the first criterion the asker speaks
    to, so that each stated criterion gets its verdict rather than a general answer."""
    if not _CAN_I_APPLY.search(text):
        return None
    stated = stated_criteria(text, clock.today())
    return f"ask_{stated[0]}_requirement" if stated else None


def names_a_requisition_number(text: str) -> bool:
    """ "stipend of vacancy 123456?": a requisition-like number the NLU did not know as a vacancy."""
    return bool(_REQUISITION_NUMBER.search(text))


RULES = (
    IntentRule("request_drafting", is_drafting_request),
    IntentRule("goodbye", is_farewell),
    IntentRule("stop", asks_to_stop),
    IntentRule("choose_vacancy", names_only_a_vacancy_or_place),
    IntentRule("greet", is_greeting, DECLINES | SMALL_TALK),
    IntentRule("affirm", is_acknowledgement, DECLINES),  # "ok" was declined once out-of-scope data grew
    IntentRule("choose_vacancy", names_a_requisition_number, DECLINES),  # the action lists the known vacancies
    # not over "the notice does not say": "I'm American, do I need a visa?" asks about the visa
    IntentRule("ask_nationality_requirement", states_nationality, (DECLINES - {"ask_uncovered_topic"}) | SMALL_TALK),
)


def mark_entities(text: str, entities: Sequence[Tuple[int, int, str]]) -> str:
    """The text with each (start, end, entity) span of a vacancy or a place replaced by its mark."""
    for start, end, entity in sorted(entities, reverse=True):
        if entity in ENTITY_MARKS:
            text = f"{text[:start]}{ENTITY_MARKS[entity]}{text[end:]}"
    return text


def rule_intent(text: str, predicted: Optional[str], whole_text: Optional[str] = None) -> Optional[str]:
    """The intent a rule assigns to the message (vacancies and places marked, see mark_entities) given the
    classifier's prediction, or None to keep it. `text` is what was classified; `whole_text`, the message as
    sent where that was longer (components.understood_text): a drafting request or a statement about oneself
    may come before the question."""
    whole_text = whole_text or text
    if (whole_text != text and is_drafting_request(whole_text)
            and (_ADDRESSES_ASSISTANT.search(text) or _JUDGES_WHAT_CAME_BEFORE.search(text)
                 or not question_sentences(whole_text))):
        # "Here is my cover letter: ... Can you improve it?", 'My sentence: "...". Is it correct?', "Give me ... Thanks."
        return "request_drafting"
    for rule in RULES:
        if (rule.overrides is None or predicted in rule.overrides) and rule.matches(text):
            return rule.intent
    if predicted in GENERAL_APPLY_ANSWERS:
        return first_stated_criterion(whole_text)
    return None
