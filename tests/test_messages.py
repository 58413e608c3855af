"""The message catalogue: every sentence the composers say comes from it, every id they use is in it, every entry
is used, and a translation has the same ids and the same {fields} as English."""
from __future__ import annotations

import ast
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from string import Formatter
from typing import Iterator, List, Set, Tuple

import pytest
from babel.messages.catalog import Catalog
from dateutil import tz

from actions.answers import messages
from actions.answers.messages import ENGLISH, amount, and_list, msg, read_catalogue, speaking
from actions.answers.topics import topics
from tests.conftest import ROOT

ACTIONS = ROOT / "actions"
# The modules that compose what the assistant says; none may hold a sentence of its own.
COMPOSING_MODULES = [
    ACTIONS / "actions.py",
    *sorted((ACTIONS / "answers").glob("*.py")),
    *sorted((ACTIONS / "eligibility").glob("*.py")),  # the self-check: its rules' explanations, report and form
]
MESSAGE_ID = re.compile(r"[a-z_]+(?:\.[a-z_]+)+")
# Strings with letters that are not words said to the user: identifiers, slot and fact names, payloads. (A single
# lower-case word looks the same, so it is not caught: the rule is two words, a capital or punctuation.)
IDENTIFIER = re.compile(r"[a-z0-9_/:.\-]*")
# A piece of a regular expression kept in a constant to build patterns from ("(?:jan(?:uary)?|feb...", r"\d+"): a
# group or a class escape, which no sentence has.
PATTERN_PIECE = re.compile(r"\(\?|\\[bdswBDSW]")
ALLOWED = {"en_GB", "LC_MESSAGES"}


def _docstrings(tree: ast.AST) -> Set[int]:
    nodes = [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))]
    return {id(n.body[0].value) for n in nodes
            if n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}


def _not_said(tree: ast.AST) -> Set[int]:
    """Strings that are not replies: regular expressions, raised errors, log lines and command-line output."""
    skipped = set()
    for node in ast.walk(tree):
        regex_or_log = (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and isinstance(node.func.value, ast.Name) and node.func.value.id in ("re", "logger"))
        printed = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
        if regex_or_log or printed or isinstance(node, ast.Raise):
            skipped.update(id(inner) for inner in ast.walk(node))
    return skipped


def _strings(path: Path) -> Iterator[Tuple[int, str, bool]]:
    """Every string constant of a module: (line, text, whether it could be said to the user)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ignored = _docstrings(tree) | _not_said(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value, id(node) not in ignored


def english_outside_the_catalogue(path: Path) -> List[str]:
    return [f"{path.name}:{line}: {text!r}" for line, text, said in _strings(path)
            if said and re.search(r"[A-Za-z]", text) and not IDENTIFIER.fullmatch(text) and text not in ALLOWED
            and not PATTERN_PIECE.search(text)]


def used_message_ids() -> Set[str]:
    """The ids the composing modules name (every string shaped like an id) and those topics.yml names."""
    in_code = {text for path in COMPOSING_MODULES for _, text, _ in _strings(path) if MESSAGE_ID.fullmatch(text)}
    return in_code | {message_id for topic in topics().values() for message_id in topic.messages.values()}


def _fields(text: str) -> Set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def mismatched_fields(translation: Catalog, english: Catalog) -> List[str]:
    """Entries of a translation whose id English lacks or whose {fields} differ from English's."""
    problems = []
    for message in translation:
        if not message.id or not message.string:
            continue
        if message.id not in english:
            problems.append(f"{message.id}: not in English")
        elif _fields(message.string) != _fields(english[message.id].string):
            problems.append(f"{message.id}: fields {sorted(_fields(message.string))}")
    return problems


@pytest.mark.parametrize("path", COMPOSING_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sentence_is_built_outside_the_catalogue(path):
    assert english_outside_the_catalogue(path) == []


def test_the_scan_finds_a_sentence_written_in_a_composer(tmp_path):
    module = tmp_path / "composer.py"
    module.write_text('"""Doc."""\nimport re\nGAP = re.compile(r"no gap here")\nMONTH = r"(?:jan(?:uary)?|feb)"\n'
                      'REASON = "You name a language, not a nationality."\n'
                      'def f(x):\n    """Doc."""\n    return f"The stipend is {x}." if x else msg("stipend.missing")\n')
    assert [finding.split(": ", 1)[1] for finding in english_outside_the_catalogue(module)] == [
        "'You name a language, not a nationality.'", "'The stipend is '"]


def test_every_message_id_used_is_in_the_english_catalogue():
    assert used_message_ids() - set(m.id for m in read_catalogue(ENGLISH) if m.id) == set()


def test_every_english_entry_is_used():
    assert set(m.id for m in read_catalogue(ENGLISH) if m.id) - used_message_ids() == set()


def test_every_english_entry_has_a_sentence():
    assert [m.id for m in read_catalogue(ENGLISH) if m.id and not m.string] == []


@pytest.mark.parametrize("language", [language for language in messages.languages() if language != ENGLISH])
def test_a_translation_has_the_ids_and_fields_of_english(language):
    assert mismatched_fields(read_catalogue(language), read_catalogue(ENGLISH)) == []


def test_a_translation_with_a_wrong_field_is_caught():
    translation = Catalog(locale="fr")
    translation.add("stipend.stated", "L'allocation est de {montant}.")
    translation.add("no.such.id", "Rien.")
    assert mismatched_fields(translation, read_catalogue(ENGLISH)) == ["stipend.stated: fields ['montant']",
                                                                       "no.such.id: not in English"]


def test_an_unknown_language_is_answered_in_english():
    with speaking("xx"):
        assert messages.current_language() == ENGLISH
        assert msg("stipend.stated", stipend="€1") == "The stipend is €1."


def test_english_formats_amounts_lists_and_instants_as_the_notices_do():
    from actions.answers.formatting import describe_interval, format_instant

    brussels = tz.gettz("Europe/Brussels")
    assert amount(Decimal("1286.09"), "EUR") == "€1,286.09"
    assert and_list(["A", "B", "C"]) == "A, B and C"
    assert format_instant(datetime(2025, 6, 22, 23, 59, tzinfo=brussels)) == \
        "Sunday 22 June 2025 at 23:59 Brussels time (UTC+02:00)"
    assert describe_interval(datetime(2025, 1, 1, tzinfo=brussels), datetime(2026, 2, 1, 5, tzinfo=brussels)) == \
        "1 year and 1 month"


@pytest.fixture
def locale_dir(tmp_path, monkeypatch):
    """A copy of the catalogues where a test may add a language."""
    english = messages.catalogue_path(ENGLISH)
    copy = tmp_path / ENGLISH / "LC_MESSAGES" / english.name
    copy.parent.mkdir(parents=True)
    copy.write_bytes(english.read_bytes())
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    messages.read_catalogue.cache_clear()
    messages._translations.cache_clear()
    yield tmp_path
    messages.read_catalogue.cache_clear()
    messages._translations.cache_clear()


def test_a_new_translation_is_said_where_filled_in_and_in_english_elsewhere(locale_dir):
    assert messages.main(["new", "fr"]) == 0
    path = messages.catalogue_path("fr")
    text = path.read_text(encoding="utf-8")
    assert '#. The stipend is {stipend}.\nmsgid "stipend.stated"\nmsgstr ""' in text.replace("#, python-brace-format\n", "")
    filled = {"stipend.stated": "L'allocation est de {stipend}.", "pattern.date": "EEEE d MMMM y",
              "format.brussels_instant": "{date} à {time}, heure de Bruxelles ({offset})"}
    for message_id, sentence in filled.items():
        text = text.replace(f'msgid "{message_id}"\nmsgstr ""', f'msgid "{message_id}"\nmsgstr "{sentence}"')
    path.write_text(text, encoding="utf-8")
    assert messages.languages() == [ENGLISH, "fr"]
    with speaking("fr"):
        assert msg("stipend.stated", stipend=amount(Decimal("1286.09"), "EUR")) == "L'allocation est de 1\u202f286,09\xa0€."
        from actions.answers.formatting import format_instant
        assert format_instant(datetime(2025, 6, 22, 23, 59, tzinfo=tz.gettz("Europe/Brussels"))) == \
            "dimanche 22 juin 2025 à 23:59, heure de Bruxelles (UTC+02:00)"
        assert msg("deadline.missing") == "a deadline"  # not translated yet: English
    assert mismatched_fields(read_catalogue("fr"), read_catalogue(ENGLISH)) == []
    with pytest.raises(FileExistsError):
        messages.new_translation("fr")


def test_an_amount_without_a_currency_is_still_written():
    assert amount(Decimal("1286.09"), None) == "1,286.09"
