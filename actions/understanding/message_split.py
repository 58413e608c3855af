"""The question part of a long message ("Hello, I am a student from Portugal ... what is the stipend?").

Applicants often introduce themselves before asking. Over a whole long message the classifier weighs the
introduction as much as the question and answers whatever the introduction resembles, so a long message is
classified on its question sentences only: those that end with a question mark or open with a question, and
from a sentence's question cue on ("..., and I would like to know if the interns receive some money").
What the introduction says still counts where it matters: the actions read the whole message for the vacancy
named and what the asker says about themselves.
"""
from __future__ import annotations

import re
from typing import List

LONG_MESSAGE_WORDS = 30  # shorter messages are classified whole
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_QUESTION_OPENING = re.compile(
    r"^\W*(?:(?:and|but|so|also|then|now|ok(?:ay)?|well|please|thanks?)\W+)*"
    r"(?:what|which|when|where|who|whom|whose|why|how|is|are|am|was|were|do|does|did|can|could|may|might|will|would"
    r"|shall|should|must|have|has|tell|explain|let\s+me\s+know)\b"
    # French (issue 13): "est-ce que...", "quel...", "combien...", "faut-il...", "y a-t-il..."
    r"|^\W*(?:(?:et|mais|donc|alors|aussi|bon|ok)\W+)*(?:est-ce|quel(?:le)?s?|combien|comment|o[ùu]\b|quand|pourquoi"
    r"|qu'est-ce|peut-on|puis-je|dois-je|faut-il|y\s+a-t-il|existe-t-il|pouvez-vous|pourriez-vous|peux-tu)",
    re.IGNORECASE,
)
# Where a question starts inside a sentence: "..., and I would like to know if ...", "my question is ...".
_QUESTION_CUE = re.compile(
    r"\b(?:i(?:\s+would|\s*['’]d)\s+(?:like|love)\s+to\s+(?:know|ask|find\s+out)|i\s+(?:want|wanted|need)\s+to\s+(?:know|ask)"
    r"|i(?:\s+am|\s*['’]m|\s+was)?\s+wonder(?:ing)?"
    r"|my\s+question\s+is|(?:can|could|would)\s+you\s+(?:please\s+)?(?:tell|let)\s+me|please\s+(?:tell|let)\s+me"
    r"|i\s+(?:have|had)\s+a\s+question)\b"
    # French (issue 13): "..., je voudrais savoir si ...", "je me demande si ...", "ma question est ..."
    r"|\b(?:je\s+(?:voudrais|voulais|souhaiterais|souhaite|veux)\s+savoir|j'aimerais\s+(?:savoir|comprendre|conna[iî]tre)"
    r"|je\s+me\s+demand(?:e|ais)|j'ai\s+besoin\s+de\s+savoir|ma\s+question\s+(?:est|c'est)"
    r"|(?:pouvez|pourriez)-vous\s+me\s+dire|tu\s+peux\s+me\s+dire|j'ai\s+une\s+question)",
    re.IGNORECASE,
)

# French (issue 13): the reason given after a long message's question ("..., parce que ça coûte cher et la date
# limite approche") brings other topics' words; the question is classified without it.
_FRENCH_REASON = re.compile(r",?\s+(?:parce\s+qu(?:e\b|')|puisqu(?:e\b|')|vu\s+qu(?:e\b|'))|,\s*car\b", re.IGNORECASE)
_ASKED_BEFORE_REASON = 5  # words the question keeps before its reason, at the least


def without_reason(question: str) -> str:
    """The question without the French reason that follows it."""
    reason = _FRENCH_REASON.search(question)
    if reason and len(re.findall(r"\w+", question[:reason.start()])) >= _ASKED_BEFORE_REASON:
        return question[:reason.start()].rstrip(" ,") + ("?" if question.rstrip().endswith("?") else ".")
    return question


# The polite frame of a question: "could you tell me", "I'd like to know if", "I was wondering whether". The
# out-of-scope examples (CLINC150's assistant queries) are full of it, so it says nothing of the topic and is left
# out of what is classified ("could you tell me how long it lasts?" is classified as "how long it lasts?").
_FRAMING = re.compile(
    r"^\W*(?:(?:hi|hello|hey|so|ok(?:ay)?|and|also|please|sorry)\W+)*"
    r"(?:(?:could|can|would|will)\s+(?:you|u)\s+(?:please\s+)?(?:tell|let)\s+me(?:\s+know)?|(?:please\s+)?let\s+me\s+know"
    r"|i(?:\s+would|\s*['’]d)\s+(?:like|love)\s+to\s+(?:know|ask|find\s+out)|i\s+(?:want|wanted|need)\s+to\s+(?:know|ask|find\s+out)"
    r"|i(?:\s+am|\s*['’]m|\s+was)?\s+wondering|do\s+you\s+know)\W*(?:(?:if|whether)\s+)?"
    r"(?=(?:what|which|when|where|who|how|why|is|are|am|do|does|can|could|will|would|should|must|there|the|my|i|interns?"
    r"|it|they)\b)",
    re.IGNORECASE,
)


def without_framing(text: str) -> str:
    """The question without its polite frame."""
    return _FRAMING.sub("", text, count=1)


# Where a message joins two questions: "where is the office and can I work from home?", "stipend? deadline?"
_CLAUSE_BREAK = re.compile(
    r"\?+\s*|;\s*|,?\s+(?:and|also|plus|but|or)\s+(?=(?:also\s+)?(?:what|which|when|where|who|why|how|is|are|am|do|does"
    r"|did|can|could|may|will|would|should|must|have|has|i|my|the|there|it|they)\b)",
    re.IGNORECASE,
)


def question_clauses(text: str) -> List[str]:
    """The questions a message joins, in order (one clause for a single question)."""
    return [c for c in (c.strip(" ,.!") for c in _CLAUSE_BREAK.split(text)) if re.search(r"\w", c)]


def sentences(text: str) -> List[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if re.search(r"\w", s)]


def question_sentences(text: str) -> List[str]:
    """The sentences that ask something, each from its question cue on."""
    asked = []
    for sentence in sentences(text):
        cue = _QUESTION_CUE.search(sentence)
        if cue:
            asked.append(without_reason(sentence[cue.start():]))
        elif sentence.endswith("?") or _QUESTION_OPENING.match(sentence):
            asked.append(without_reason(sentence))
    return asked


def question_part(text: str) -> str:
    """The text to classify: a short message whole, a long one's question sentences (its last sentence when
    none asks anything)."""
    if len(re.findall(r"\w+", text)) < LONG_MESSAGE_WORDS:
        return text
    asked = question_sentences(text)
    if asked:
        return " ".join(asked)
    all_sentences = sentences(text)
    return all_sentences[-1] if all_sentences else text
