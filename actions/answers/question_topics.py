"""Further topics in a message that asks several things at once ("what's the stipend and when is the deadline?").

The classifier gives a message one intent. Applicants often ask two things in one line, so the answer action
also answers the other topics this module finds, by unambiguous keywords only, when the message joins
questions ("and", "also", a second question mark). A keyword that could belong to another topic (the
language of the documents, the language criterion) is deliberately not listed: a missed second topic costs
a follow-up question, a wrong one costs trust.
"""
from __future__ import annotations

import re
from typing import Dict, List

TOPIC_KEYWORDS: Dict[str, re.Pattern] = {
    topic: re.compile(pattern, re.IGNORECASE)
    for topic, pattern in {
        "stipend": r"\b(?:stipend|salary|grant|allowance|remunerat\w*|how much (?:does it|do they|do interns|will i)"
                   r" (?:get )?pay|is it paid|paid internship)\b",
        "travel_reimbursement": r"\btravel (?:reimbursement|costs?|expenses)\b|\bflights?\b|\bplane tickets?\b",
        "telework": r"\btele-?work\w*|\bwork(?:ing)? (?:from home|remotely)\b|\bremote work(?:ing)?\b|\bhome office\b",
        "deadline": r"\bdeadline\b|\bclosing date\b|\btoo late\b|\bapply (?:until|by) when\b",
        "webinar": r"\bwebinar\b|\binfo[- ]?session\b",
        "start_date": r"\bstart(?:ing)? date\b|\bwhen (?:does|do|will) (?:it|the internship|the traineeship|i) start\b",
        "duration": r"\bhow long (?:is|does) the (?:internship|traineeship)\b|\bduration\b|\bhow many months\b",
        "hours": r"\bhow many hours\b|\bhours (?:a|per) week\b|\bweekly hours\b",
        "clearance": r"\b(?:security )?clearance\b",
        "max_applications": r"\bhow many (?:vacancies|internships|positions|applications)\b",
        "documents": r"\b(?:which|what) documents\b|\bdocuments (?:needed|required|to attach)\b|\battachments?\b",
        "duties": r"\bduties\b|\btasks\b|\bresponsibilities\b|\bwhat (?:will|would) (?:i|the intern) do\b",
        "competencies": r"\bcompetenc(?:y|ies)\b",
        "eligibility": r"(?<!language )(?<!age )(?<!nationality )\brequirements\b|\beligibility criteria\b"
                       r"|\bwho can apply\b",
        "location": r"\bwhere is (?:it|the internship|the traineeship)\b|\blocation\b",
    }.items()
}
_JOINED = re.compile(r"\b(?:and|also|plus|as well as)\b|\?.*\?|[;,]", re.IGNORECASE | re.DOTALL)


def further_topics(text: str, answered: str) -> List[str]:
    """The topics the message also asks about, besides the one answered, in the order they are asked."""
    if not _JOINED.search(text):
        return []
    found = sorted((match.start(), topic) for topic, pattern in TOPIC_KEYWORDS.items()
                   for match in [pattern.search(text)] if match)
    return [topic for _, topic in found if topic != answered]
