"""Answers the questions collected at a webinar with the assistant itself, for the recruitment office.

    python -m actions.followup QUESTIONS_FILE [--vacancy N] [--csv OUT.csv] [--out OUT.md] [--url URL]

QUESTIONS_FILE holds one question per line, or is a CSV with a `question` column (UTF-8, with or without BOM).
Without --url the trained model is loaded here and an action server is started for the run; with --url a
running assistant (`make run`) answers. Markdown goes to stdout, or to --out; --csv also writes a CSV.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import List, Optional, Sequence

from sqlalchemy.exc import SQLAlchemyError
from tqdm import tqdm

from actions import clock
from actions.followup.assistant import LocalAssistant, RemoteAssistant
from actions.followup.document import Item, Outcome, as_csv, as_markdown, distinct_questions
from actions.followup.questions import QuestionFileError, read_questions
from actions.vacancy_db.repository import list_vacancies, open_session

CONCURRENT_QUESTIONS = 8  # keeps the action server busy while the model reads the next questions
ATTEMPTS = 2  # a dropped connection to the action server under load is worth one more try


async def answer_all(assistant, items: Sequence[Item], vacancy: Optional[str]) -> None:
    """Asks every distinct question (a second time if the first attempt fails); a question that fails twice is
    marked failed and the run goes on."""
    slots = asyncio.Semaphore(CONCURRENT_QUESTIONS)
    with tqdm(total=sum(item.count for item in items), unit="question", file=sys.stderr, desc="answering",
              mininterval=1.0) as bar:
        async def answer(item: Item) -> None:
            async with slots:
                for _ in range(ATTEMPTS):
                    try:
                        item.answered_with(await assistant.ask(item.question, vacancy))
                        break
                    except Exception as error:  # noqa: BLE001 - one question's failure must not stop the others
                        item.failed_with(error)
            bar.update(item.count)

        await asyncio.gather(*(answer(item) for item in items))


def known_vacancy(requisition: str) -> Optional[str]:
    """An error message when the vacancy database has no such vacancy, else None."""
    with open_session() as session:
        known = [v.requisition for v in list_vacancies(session)]
    return None if requisition in known else f"no vacancy {requisition!r} in the database (known: {', '.join(known) or 'none'})"


async def run(items: Sequence[Item], vacancy: Optional[str], url: Optional[str]) -> None:
    assistant = RemoteAssistant(url) if url else LocalAssistant()
    async with assistant:
        await answer_all(assistant, items, vacancy)


def write(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.write_text(text, encoding=encoding, newline="")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.followup", description=__doc__.splitlines()[0])
    parser.add_argument("questions_file", type=Path, metavar="QUESTIONS_FILE")
    parser.add_argument("--vacancy", metavar="N", help="the requisition number in focus for every question")
    parser.add_argument("--csv", type=Path, metavar="OUT.csv", help="also write the answers as CSV (UTF-8 with BOM)")
    parser.add_argument("--out", type=Path, metavar="OUT.md", help="write the Markdown here instead of stdout")
    parser.add_argument("--url", help="a running assistant's URL, e.g. http://localhost:5005 (default: start one here)")
    args = parser.parse_args(argv)
    outputs = [path.resolve() if path else None for path in (args.out, args.csv)]
    try:
        questions = read_questions(args.questions_file)
        if args.vacancy and not args.url and (problem := known_vacancy(args.vacancy)):
            print(f"error: --vacancy: {problem}", file=sys.stderr)
            return 2
        items = distinct_questions(questions)
        asyncio.run(run(items, args.vacancy, args.url))
    except QuestionFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (RuntimeError, SQLAlchemyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    markdown = as_markdown(items, args.questions_file.name, clock.now(), args.vacancy)
    out, csv_path = outputs
    try:
        if out:
            write(out, markdown)
        else:
            sys.stdout.write(markdown)
        if csv_path:
            write(csv_path, as_csv(items), encoding="utf-8-sig")  # spreadsheet programs read the BOM as UTF-8
    except OSError as error:
        print(f"error: cannot write: {error}", file=sys.stderr)
        return 1
    failed = sum(item.count for item in items if item.outcome is Outcome.FAILED)
    if failed:
        print(f"warning: {failed} questions failed; they are listed under 'Failed'", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
