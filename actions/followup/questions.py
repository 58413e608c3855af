"""Reads the questions collected at a webinar: one per line, or a CSV with a `question` column.

Spreadsheet programs export CSV as UTF-8 with a byte-order mark; both forms are read. A missing, empty,
binary, non-UTF-8 or unreadable file is a QuestionFileError naming the file and what is wrong with it.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import List

from actions.text_files import UnreadableText, read_utf8_text

MAX_BYTES = 20 * 1024 * 1024
QUESTION_COLUMN = "question"


class QuestionFileError(Exception):
    """The questions file cannot be used; the message says why."""


def read_text(path: Path) -> str:
    try:
        return read_utf8_text(path, MAX_BYTES, "questions file")
    except UnreadableText as error:
        raise QuestionFileError(str(error)) from None


def question_column(header: List[str]) -> int:
    """The index of the `question` column (any case, spaces around), or -1 when the first row is no such header."""
    names = [cell.strip().casefold() for cell in header]
    return names.index(QUESTION_COLUMN) if QUESTION_COLUMN in names else -1


def read_questions(path: Path) -> List[str]:
    """The questions of the file, in order, blank ones left out."""
    text = read_text(path)
    rows = list(csv.reader(io.StringIO(text)))
    column = question_column(rows[0]) if rows else -1
    if column >= 0:
        questions = [row[column].strip() for row in rows[1:] if len(row) > column]
    elif path.suffix.casefold() == ".csv" and rows and len(rows[0]) > 1:
        raise QuestionFileError(f"{path}: a CSV file needs a '{QUESTION_COLUMN}' column (found: {', '.join(rows[0])})")
    else:
        questions = [line.strip() for line in text.splitlines()]
    questions = [question for question in questions if question]
    if not questions:
        raise QuestionFileError(f"{path}: empty, no question in it")
    return questions
