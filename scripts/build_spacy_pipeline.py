"""Build the project's own spaCy pipeline: blank English plus an EntityRuler, saved to the given directory.

No pretrained model is downloaded or needed: the entities the assistant uses are closed lists kept in the
repository (countries and nationalities, languages, places with a time zone, and the vacancies' names as
the notices in data/vacancies/ give them). Rasa's SpacyNLP loads the result from its path.

    python scripts/build_spacy_pipeline.py var/spacy/applicant_en-<hash>
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Dict, Iterable, List

import spacy

from actions.notices.parser import NoticeError, parse_notice
from actions.reference_languages import language_reference
from actions.understanding.countries import surface_forms
from actions.understanding.french_reading import french_language_names
from actions.understanding.timezones import place_names, zone_abbreviations

ROOT = Path(__file__).resolve().parents[1]


def language_names() -> List[str]:
    languages = language_reference()
    official = [name for names in languages["official"].values() for name in names]
    return official + languages["other"] + list(french_language_names())  # "allemand": Babel's French names


def vacancy_names(directory: Path = ROOT / "data" / "vacancies") -> Dict[str, str]:
    """Name -> requisition, for every notice in the directory that can be parsed: the names the importer derives
    and stores in the database (ParsedNotice.names), so that the classifier and the database agree."""
    names: Dict[str, str] = {}
    for path in sorted(directory.glob("*.txt")):
        try:
            notice = parse_notice(path.read_text(encoding="utf-8"), str(path))
        except NoticeError as error:
            print(f"warning: {error}", file=sys.stderr)
            continue
        for name in notice.names:
            names[name] = notice.requisition
    return names


def patterns(label: str, phrases: Iterable[str], ids: Dict[str, str] = None) -> List[dict]:
    ids = ids or {}
    return [{"label": label, "pattern": phrase, "id": ids.get(phrase, phrase)} for phrase in sorted(set(phrases))]


def build(output: Path) -> None:
    nlp = spacy.blank("en")
    # Earlier patterns win where spans overlap: a language ("French") before the nationality of the same name.
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    countries = surface_forms()
    vacancies = vacancy_names()
    ruler.add_patterns(
        patterns("language", language_names())
        + patterns("vacancy", vacancies, vacancies)
        + patterns("country", countries, countries)
        + patterns("place", place_names())
        + [{"label": "place", "pattern": [{"ORTH": abbreviation}], "id": abbreviation}  # capitals only
           for abbreviation in zone_abbreviations()]
    )
    nlp.meta.update({"name": output.name.replace("-", "_"), "description": __doc__.splitlines()[0]})
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(output.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    nlp.to_disk(staging)
    shutil.rmtree(output, ignore_errors=True)
    staging.rename(output)
    for stale in output.parent.glob(output.name.rsplit("-", 1)[0] + "-*"):
        if stale != output:
            shutil.rmtree(stale)  # pipelines of older rules: the model is retrained on this one
    print(f"spaCy pipeline with {len(ruler.patterns)} rules written to {output}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build(Path(sys.argv[1]))
