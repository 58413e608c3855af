"""The refusal to draft any part of an application, explained by the notice's generative-AI policy."""
from __future__ import annotations

from typing import Sequence

from actions.answers.formatting import Answer, cite
from actions.vacancy_db.models import Vacancy

REFUSAL = (
    "I can't write, draft, improve, translate or fill in any part of an application: not a cover letter, a "
    "motivation statement, a CV, nor answers to the application form. The vacancy notice does not accept "
    "applications prepared, in whole or in part, with generative AI tools, and applications prepared that way "
    "may be rejected. Your application has to be your own work."
)
OFFER = (
    "What I can do is tell you what the notice asks for: the essential and desirable criteria, the competencies, "
    "the documents to attach and the deadline."
)


def drafting_refusal(vacancies: Sequence[Vacancy]) -> Answer:
    """The fixed refusal, citing the generative-AI policy paragraph of each vacancy that has one."""
    policies = [(v, f) for v in vacancies for f in v.facts_for("policies") if f.label == "generative_ai"]
    policy_quote = f"\nThe notice says: “{policies[0][1].value}”" if policies else ""
    return Answer(
        f"{REFUSAL}{policy_quote}\n{OFFER}",
        tuple(dict.fromkeys(cite(v, f) for v, f in policies)),
        "drafting_refusal",
        quoted_inline=True,
    )
