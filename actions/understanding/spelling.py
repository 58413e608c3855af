"""Spelling normalisation against the domain vocabulary ("how mcuh is teh stipned" -> "how much is the stipend").

The classifier's character n-grams tolerate a small typo, but a message with several falls below the confidence
threshold. A word is corrected only when it is neither a domain word (the training data, the notices) nor an
English word of symspellpy's bundled frequency dictionary, so that a real word is never turned into a domain
word ("credit" is not "credits", "visa" is not "vis"): the correction is the closest domain word, the most
frequent where several are as close. A French message is left as written: with no French dictionary to tell a
real word from a typo, its words would be "corrected" into domain words ("juillet" into "billet", "cantine" into
"continue"); the classifier's character n-grams read its typos.
A word in capitals is an abbreviation ("PST", "OSCE") and kept. A few real words written for another ("were is",
"weather I") are read as meant.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import FrozenSet, Iterable, Mapping

from symspellpy import SymSpell, Verbosity

from actions.understanding.message_language import FRENCH, message_language

_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
MIN_CORRECTED_LENGTH = 3  # "teh" -> "the"; shorter tokens are abbreviations or initials


def vocabulary(texts: Iterable[str]) -> Counter:
    """How often each lower-case word occurs in the texts."""
    return Counter(word.lower() for text in texts for word in _WORD.findall(text))


def domain_vocabulary(examples: Iterable[str], notices: Iterable[str]) -> Counter:
    """The words to correct towards: every word of the notices, and the training examples' words that are English
    or occur at least twice, except the typos the training data holds on purpose. A word in no dictionary seen once
    is one ("aply"); so is one seen more often that a single edit turns into a word of the notices the training
    data uses ten times as often ("aply" twice against "apply" 364 times, "clearence", "wich")."""
    trained = vocabulary(examples)
    counts = vocabulary(notices)
    used_notice_words = SymSpell(max_dictionary_edit_distance=1, prefix_length=7)
    for word in counts:
        if trained[word]:
            used_notice_words.create_dictionary_entry(word, trained[word])

    def misspells_a_notice_word(word: str) -> bool:
        if word in counts or len(word) <= MIN_CORRECTED_LENGTH:
            return False
        neighbours = used_notice_words.lookup(word, Verbosity.ALL, max_edit_distance=1)
        return any(n.term != word and n.count >= TYPO_FREQUENCY_RATIO * trained[word] for n in neighbours)

    counts.update({word: n for word, n in trained.items()
                   if word in english_words() or (n >= 2 and not misspells_a_notice_word(word))})
    return counts


TYPO_FREQUENCY_RATIO = 10  # how much more often the training data uses the word a typo is one edit from


@lru_cache(maxsize=1)
def english_words() -> FrozenSet[str]:
    """The words of symspellpy's English frequency dictionary (82,765 words)."""
    path = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    return frozenset(line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines() if line)


# Real words written for another, which no dictionary flags: "were is the office", "weather I can apply".
_HOMOPHONES = (
    (re.compile(r"(?:^|(?<=[.!?,;]\s))were(?=\s+(?:is|are|do|does|did|can|could|will|would|should|shall|must|exactly)\b)",
                re.IGNORECASE), "where"),
    (re.compile(r"\bweather(?=\s+(?:i|it|the|they|you|we|or|my|there|interns?)\b)", re.IGNORECASE), "whether"),
)


def max_distance(word: str) -> int:
    """One edit for short words, two from six letters on."""
    return 1 if len(word) < 6 else 2


class DomainSpelling:
    """Corrects the words of an English message that no dictionary knows to the closest domain word."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.known = frozenset(counts)
        self.symspell = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
        for word, count in counts.items():
            self.symspell.create_dictionary_entry(word, count)

    def correct_word(self, word: str) -> str:
        lower = word.lower()
        if len(lower) < MIN_CORRECTED_LENGTH or word.isupper() or lower in self.known or lower in english_words():
            return word  # an upper-case word is an abbreviation: "PST" is not "est"
        suggestions = self.symspell.lookup(lower, Verbosity.CLOSEST, max_edit_distance=max_distance(lower))
        return suggestions[0].term if suggestions else word

    def correct(self, text: str) -> str:
        if message_language(text) == FRENCH:
            return text
        for homophone, meant in _HOMOPHONES:
            text = homophone.sub(meant, text)
        return _WORD.sub(lambda match: self.correct_word(match.group()), text)
