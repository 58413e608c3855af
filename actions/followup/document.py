"""The follow-up document: each distinct question once with its count, answered ones grouped by the topic of
their answer, and the ones the assistant could not answer listed apart for a person at the office.

What a reply was is read from what the assistant did (the action it ran) and from the custom payload of each
factual answer (its topic and sources), never from the wording of the reply.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Dict, List, Optional, Sequence, Tuple

from actions.clock import in_brussels
from actions.followup.assistant import Reply
from actions.unanswered.grouping import normalise
from actions.unanswered.recording import payload_not_in_notice


class Outcome(str, Enum):
    ANSWERED = "answered"
    NOT_IN_NOTICE = "not_in_notice"
    NOT_UNDERSTOOD = "not_understood"
    OUT_OF_SCOPE = "out_of_scope"
    DRAFTING = "drafting_request"
    OTHER = "other_reply"
    FAILED = "failed"


# The questions left for the office, in the order of their headings.
OFFICE_HEADINGS = {
    Outcome.NOT_IN_NOTICE: "Not covered by the notices",
    Outcome.NOT_UNDERSTOOD: "Not understood (declined rather than guessed)",
    Outcome.OUT_OF_SCOPE: "Out of scope",
    Outcome.DRAFTING: "Drafting requests (refused under the notices' generative-AI policy)",
    Outcome.OTHER: "Other replies, with no answer from the notices",
    Outcome.FAILED: "Failed (an error stopped the answer)",
}
OUTCOME_OF_ACTION = {
    "action_refuse_drafting": Outcome.DRAFTING,
    "action_out_of_scope": Outcome.OUT_OF_SCOPE,
    "action_not_understood": Outcome.NOT_UNDERSTOOD,
}


def classify(reply: Reply) -> Tuple[Outcome, Optional[str]]:
    """The outcome of a reply and, for an answer, its topic (the first answered one of a two-part question)."""
    for action in reply.actions:
        if action in OUTCOME_OF_ACTION:
            return OUTCOME_OF_ACTION[action], None
    answered = [p for p in reply.payloads if not payload_not_in_notice(p)]
    if answered:
        return Outcome.ANSWERED, answered[0]["topic"]
    if reply.payloads:
        return Outcome.NOT_IN_NOTICE, reply.payloads[0]["topic"]
    return Outcome.OTHER, None


@dataclass
class Item:
    """A distinct question: its first wording, how often it was asked, and what came back."""

    question: str
    count: int
    order: int
    outcome: Outcome = Outcome.FAILED
    topic: Optional[str] = None
    reply: Optional[Reply] = None
    error: Optional[str] = None

    def answered_with(self, reply: Reply) -> None:
        self.reply, self.error = reply, None
        self.outcome, self.topic = classify(reply)

    def failed_with(self, error: Exception) -> None:
        self.outcome, self.error = Outcome.FAILED, f"{error.__class__.__name__}: {error}"


def distinct_questions(questions: Sequence[str]) -> List[Item]:
    """One item per question, however often and in whatever case or spacing it was asked."""
    items: Dict[str, Item] = {}
    for question in questions:
        key = normalise(question)
        if key in items:
            items[key].count += 1
        else:
            items[key] = Item(question, 1, len(items))
    return list(items.values())


def topic_title(topic: str) -> str:
    return topic.replace("_", " ").capitalize()


def _by_count(items: Sequence[Item]) -> List[Item]:
    return sorted(items, key=lambda item: (-item.count, item.order))


def _asked(item: Item) -> str:
    return "asked once" if item.count == 1 else f"asked {item.count} times"


def _answer_markdown(text: str) -> List[str]:
    """The reply's lines as Markdown paragraphs, runs of "- " lines kept as lists."""
    lines: List[str] = []
    for line in (line.rstrip() for line in text.splitlines()):
        if not line:
            continue
        if lines and not (line.startswith("- ") and lines[-1].startswith("- ")):
            lines.append("")
        lines.append(line)
    return lines


def as_markdown(items: Sequence[Item], source_name: str, now: datetime, vacancy: Optional[str]) -> str:
    asked = sum(item.count for item in items)
    focus = f", with vacancy {vacancy} in focus" if vacancy else ""
    lines = [
        "# Webinar follow-up: answers from the vacancy notices",
        "",
        f"{asked} questions ({len(items)} distinct) from {source_name}, answered by the assistant on "
        f"{in_brussels(now).day} {in_brussels(now):%B %Y}{focus}. Each answer names the vacancy, the notice section and the sentence it "
        "comes from; the questions it could not answer are listed at the end for the office.",
    ]
    topics: Dict[str, List[Item]] = {}
    for item in items:
        if item.outcome is Outcome.ANSWERED:
            topics.setdefault(item.topic, []).append(item)
    ordered = sorted(topics.items(), key=lambda kv: (-sum(i.count for i in kv[1]), min(i.order for i in kv[1])))
    for topic, answered in ordered:
        lines += ["", f"## {topic_title(topic)}"]
        for item in _by_count(answered):
            lines += ["", f"### “{item.question}” ({_asked(item)})", "", *_answer_markdown(item.reply.text)]
    left = [item for item in items if item.outcome is not Outcome.ANSWERED]
    if left:
        lines += ["", "## For the office to answer"]
        for outcome, heading in OFFICE_HEADINGS.items():
            group = _by_count([item for item in left if item.outcome is outcome])
            if group:
                lines += ["", f"### {heading}", ""]
                lines += [f"- “{item.question}” ({_asked(item)})" + (f": {item.error}" if item.error else "")
                          for item in group]
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ["question", "count", "outcome", "topic", "answer", "sources"]


def as_csv(items: Sequence[Item]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for item in sorted(items, key=lambda item: item.order):
        sources = [s for p in (item.reply.payloads if item.reply else []) for s in p.get("sources") or []]
        cited = "; ".join(f'{s["requisition"]}, "{s["section"]}": {s["quote"]}' for s in sources)
        answer = item.reply.text if item.reply else item.error
        writer.writerow([item.question, item.count, item.outcome.value, item.topic or "", answer, cited])
    return buffer.getvalue()
