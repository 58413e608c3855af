"""Which vacancies a message is about, with a remembered focus."""
from __future__ import annotations

import pytest

from actions.understanding.focus import select_vacancies


@pytest.mark.parametrize("message", ["and the other one?", "what about the other vacancy", "same for the other"])
def test_the_other_one_is_the_vacancy_not_in_focus(vacancies, message):
    assert select_vacancies(message, "250775", vacancies).focus == "250770"
    assert select_vacancies(message, "250770", vacancies).focus == "250775"


def test_the_other_one_without_a_focus_means_all(vacancies):
    selection = select_vacancies("and the other one?", None, vacancies)
    assert selection.focus is None and len(selection.vacancies) == 2


def test_a_named_vacancy_wins_over_the_other_one(vacancies):
    assert select_vacancies("the other one, I mean 250775", "250775", vacancies).focus == "250775"
