"""Further topics in a message that asks several things at once ("what's the stipend and when is the deadline?").

The classifier gives a message one intent. Applicants often ask two things in one line, so the answer action
also answers the other topics this module finds, by the unambiguous keywords of topics.yml only, when the message joins
questions ("and", "also", a second question mark). A keyword that could belong to another topic (the
language of the documents, the language criterion) is deliberately not listed: a missed second topic costs
a follow-up question, a wrong one costs trust.
"""
from __future__ import annotations

import re
from typing import List

from actions.answers.messages import current_language
from actions.answers.topics import topics

_JOINED = re.compile(r"\b(?:and|also|plus|as well as)\b|\?.*\?|[;,]", re.IGNORECASE | re.DOTALL)


def further_topics(text: str, answered: str) -> List[str]:
    """The topics the message also asks about, besides the one answered, in the order they are asked."""
    if not _JOINED.search(text):
        return []
    language = current_language()
    found = sorted((match.start(), topic.name) for topic in topics().values() if language in topic.keywords
                   for match in [topic.keywords[language].search(text)] if match)
    return [topic for _, topic in found if topic != answered]
