"""The refusal to draft any part of an application, explained by the notice's generative-AI policy."""
from __future__ import annotations

from typing import Sequence

from actions.answers.formatting import Answer, cite, quoted
from actions.answers.messages import msg
from actions.vacancy_db.models import Vacancy


def drafting_refusal(vacancies: Sequence[Vacancy]) -> Answer:
    """The fixed refusal, citing the generative-AI policy paragraph of each vacancy that has one."""
    policies = [(v, f) for v in vacancies for f in v.facts_for("policies") if f.label == "generative_ai"]
    lines = [msg("refusal.cannot_draft")]
    if policies:
        lines.append(msg("refusal.notice_says", quote=quoted(policies[0][1].value)))
    return Answer(
        "\n".join([*lines, msg("refusal.what_i_can_do")]),
        tuple(dict.fromkeys(cite(v, f) for v, f in policies)),
        "drafting_refusal",
        quoted_inline=True,
    )
