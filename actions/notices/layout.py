"""Split a vacancy notice into sections, paragraphs, list items and sentences.

The notices of the internship programme come in several text layouts (a careers-page copy with emoji and
bullet dots, a formal "vacancy notification" with header fields and Markdown, PDF-to-text and e-mail copies).
This module turns any of them into one neutral structure whose every piece keeps its character offsets in the
stored text, so that the extractors can quote exactly what the notice says and where. Headings are recognised by
shape (Markdown `#`, a bold line, a short line ending in a colon or question mark, capitals, numbered capitals, a
short line standing alone), list items by their marker (bullets, "1.", "1)", "a.", "A)", "(a)"), so that other
notices of the family parse alike. PDF and e-mail copies are first normalised (`normalise_notice`): that text is
what is stored and quoted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from collections import Counter
from typing import Iterator, List, Optional, Tuple

PREAMBLE_SECTION = "Vacancy header"

# Headings the programme's notices use without a colon or question mark; other headings are recognised by shape.
KNOWN_HEADINGS = {"description", "selection criteria", "previous job searches"}
# Words that make a short line ending in a colon a heading ("What we offer:"), not a lead-in ("The intern will:").
HEADING_WORDS = re.compile(
    r"\b(?:offer|criteria|requirements|competenc\w*|qualifications|skills|documents|duties|tasks|responsibilit\w*|"
    r"essential|desirable|notice|values|eligibility|about|how to apply)\b",
    re.IGNORECASE,
)

# A line that introduces a list rather than heading a section: "Candidates must:", "Interns will:".
_LEAD_IN = re.compile(r"\b(?:must|will|should|shall|can|may)\s*:$", re.IGNORECASE)
# A bullet ("*" only when single: "**" opens bold), "1." / "1)", "a." / "a)" / "A)", "(a)" / "(1)".
_ITEM_MARKER = re.compile(
    r"[^\S\n]*(?:[-•·▪◦–—‣►✓✔■□○]|\*(?!\*)|\d{1,2}[.)]|[a-zA-Z][.)]|\((?:\d{1,2}|[a-zA-Z])\))[^\S\n]*(?=\S)"
)
# A numbered heading of a formal notification: "4. ELIGIBILITY REQUIREMENTS", "C) WHAT WE OFFER".
_NUMBERED_HEADING = re.compile(r"[^\S\n]*(?:\d{1,2}|[A-Z]|[IVX]{1,4})[.)][^\S\n]*(?P<name>[A-Z][^a-z\n]{3,69}?)[^\S\n]*$")
_MARKDOWN_HEADING = re.compile(r"[^\S\n]{0,3}#{1,6}[^\S\n]+(?=\S)")
_BOLD_LINE = re.compile(r"\s*(\*\*|__)[^*_]+\1\s*:?\s*")
# A sentence ends at . ! ? before a capital, a digit or an opening quote, but not inside "3 p.m. CET (Brussels time)".
_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"”')]*\s+(?=[\"“(€A-Z0-9])(?!\(?(?:CES?T|UTC|GMT|Brussels)\b)"
)
_MARKDOWN = re.compile(r"\*\*|__|\[([^\]]*)\]\([^)]*\)|^[^\S\n]{0,3}#{1,6}[^\S\n]+", re.MULTILINE)


# Page furniture of a PDF turned into text: page numbers, and lines repeated at the top or bottom of each page.
_PAGE_NUMBER = re.compile(r"[^\S\n]*(?:Page[^\S\n]+\d+(?:[^\S\n]*(?:of|/)[^\S\n]*\d+)?|-[^\S\n]*\d+[^\S\n]*-|\d+[^\S\n]*/[^\S\n]*\d+)[^\S\n]*",
                          re.IGNORECASE)
_QUOTE_MARKER = re.compile(r"^(?:[^\S\n]{0,3}>[^\S\n]?)+", re.MULTILINE)  # an e-mail copy's "> " at a line's start
_FORWARD_LINE = re.compile(r"^[^\S\n]*(?:-{2,}[^\S\n]*(?:Original|Forwarded)[^\n]*|Begin forwarded message:)[^\S\n]*$",
                           re.MULTILINE | re.IGNORECASE)
# A word broken at a line end, "recruit-\nment"; the hyphen stays where the second part is a word of a compound
# ("full-\ntime", "six-\nmonth"), and after a digit.
_BROKEN_WORD = re.compile(r"(?<=[a-z])-\n[^\S\n]*(?=([a-z]+))")
_COMPOUND_ENDINGS = {"time", "month", "months", "week", "day", "year", "years", "based", "level", "term", "up",
                     "making", "session", "site", "related", "mail", "known", "led", "speaking", "house", "wide"}


def normalise_notice(text: str) -> str:
    """The text that is stored and quoted: LF line ends, no e-mail quote markers, no PDF page furniture (page
    numbers, running headers and footers), words broken at a line end joined again."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _QUOTE_MARKER.sub("", _FORWARD_LINE.sub("", text))
    text = _without_page_furniture(text.replace("\f", "\n"))
    return _BROKEN_WORD.sub(lambda m: "-" if m.group(1) in _COMPOUND_ENDINGS else "", text)


def _without_page_furniture(text: str) -> str:
    """Drops page-number lines, and lines repeated within two lines of a page boundary (running headers and
    footers); a paragraph that a page break cut ("telework is not" ... "possible.") is joined again."""
    lines = text.split("\n")
    pages = [i for i, line in enumerate(lines) if _PAGE_NUMBER.fullmatch(line)]
    if not pages:
        return text
    content = [i for i, line in enumerate(lines) if line.strip()]
    rank = {index: position for position, index in enumerate(content)}
    boundaries = {0, len(content) - 1} | {rank[i] for i in pages}
    near = [i for i in content if any(abs(rank[i] - b) <= 2 for b in boundaries)]
    repeated = Counter(lines[i].strip() for i in near)
    furniture = set(pages) | {i for i in near if repeated[lines[i].strip()] >= 2}
    kept: List[str] = []
    cut = False
    for index, line in enumerate(lines):
        if index in furniture or (cut and not line.strip()):
            cut = True
            continue
        if cut:
            while kept and not kept[-1].strip():
                kept.pop()
            sentence_goes_on = kept and re.search(r"[a-z,]$", kept[-1]) and re.match(r"\s*[a-z]", line)
            kept.extend([] if sentence_goes_on or not kept else [""])
            cut = False
        kept.append(line)
    return "\n".join(kept)


@dataclass(frozen=True)
class Span:
    """A piece of the stored notice text: what it says, where it stands and under which heading."""

    section: str
    text: str
    start: int
    end: int

    @property
    def clean(self) -> str:
        """The text as a reader sees it: Markdown emphasis and link targets removed, white space folded."""
        return clean_text(self.text)


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph or a list item. `marker` is the bullet or number of a list item, else None."""

    kind: str  # "heading" | "paragraph" | "item"
    span: Span
    marker: Optional[str] = None


def clean_text(text: str) -> str:
    text = _MARKDOWN.sub(lambda m: m.group(1) or "", text)
    return re.sub(r"\s+", " ", text).strip()


def _heading_name(line: str, alone: bool) -> Optional[str]:
    """The heading a line stands for, or None when the line is ordinary text.

    `alone` says the line has blank lines (or the notice's ends) on both sides, as headings without any
    punctuation ("What we offer", "Tasks") stand in careers-page copies.
    """
    text = clean_text(line)
    letters = [c for c in text if c.isalpha()]
    if not letters or len(text) > 70 or "http" in line:
        return None
    words = text.rstrip(":?").split()
    capitalised = text[0].isupper()
    if text.lower().rstrip(":") in KNOWN_HEADINGS or _MARKDOWN_HEADING.match(line):
        return text.rstrip(":")
    if text.endswith("?") and len(words) <= 8 and capitalised:
        return text
    if text.endswith(":") and capitalised and not _LEAD_IN.search(text) and (
            len(words) <= 2 or (len(words) <= 5 and HEADING_WORDS.search(text))):
        return text.rstrip(":")
    if all(c.isupper() for c in letters) and (len(words) >= 2 and len(letters) >= 6 or len(letters) >= 5):
        return text  # "WHAT WE OFFER", "ELIGIBILITY"; not an acronym such as "NATO"
    plain = capitalised and len(words) <= 8 and not re.search(r"\d|[.;,!]$", text)
    if plain and _BOLD_LINE.fullmatch(line):
        return text.rstrip(":")
    if plain and alone and len(words) <= 5 and ":" not in text:
        return text
    return None


def _lines(text: str) -> Iterator[Tuple[int, int]]:
    """Start and end offsets of every line, without its line break."""
    start = 0
    for match in re.finditer(r"\n", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


class NoticeLayout:
    """The blocks of one notice, in order, each under the heading it stands beneath."""

    def __init__(self, text: str):
        self.text = text
        self.blocks: List[Block] = list(self._parse())

    def _parse(self) -> Iterator[Block]:
        section = PREAMBLE_SECTION
        current: Optional[List] = None  # [kind, start, end, marker]
        lines = list(_lines(self.text))
        blank = [not self.text[start:end].strip() for start, end in lines] + [True]
        for index, (start, end) in enumerate(lines):
            raw = self.text[start:end]
            if blank[index]:
                if current:
                    yield self._block(section, *current)
                current = None
                continue
            alone = blank[index - 1] and blank[index + 1]  # blank[-1] is the sentinel: the notice's start
            numbered = _NUMBERED_HEADING.fullmatch(raw)
            if numbered and _heading_name(numbered.group("name"), alone=True):
                heading: Optional[str] = numbered.group("name")
            else:
                heading = None if _ITEM_MARKER.match(raw) else _heading_name(raw, alone)
            if heading:
                if current:
                    yield self._block(section, *current)
                current = None
                section = heading
                content_start = start + len(raw) - len(raw.lstrip())
                yield Block("heading", Span(section, raw.strip(), content_start, content_start + len(raw.strip())))
                continue
            marker = _ITEM_MARKER.match(raw)
            if marker:
                if current:
                    yield self._block(section, *current)
                current = ["item", start + marker.end(), end, raw[: marker.end()].strip()]
            elif current:
                current[2] = end
            else:
                current = ["paragraph", start, end, None]
        if current:
            yield self._block(section, *current)

    def _block(self, section: str, kind: str, start: int, end: int, marker: Optional[str]) -> Block:
        raw = self.text[start:end]
        start += len(raw) - len(raw.lstrip())
        end -= len(raw) - len(raw.rstrip())
        return Block(kind, Span(section, self.text[start:end], start, end), marker)

    def sections(self) -> List[str]:
        return [b.span.section for b in self.blocks if b.kind == "heading"]

    def blocks_in(self, section_pattern: str, kind: Optional[str] = None) -> List[Block]:
        """Blocks under every heading matching the pattern (case-insensitive), optionally of one kind."""
        pattern = re.compile(section_pattern, re.IGNORECASE)
        return [
            b
            for b in self.blocks
            if b.kind != "heading" and pattern.search(b.span.section) and (kind is None or b.kind == kind)
        ]

    def sentences(self) -> Iterator[Span]:
        """Every sentence of every paragraph and item, with exact offsets."""
        for block in self.blocks:
            if block.kind == "heading":
                continue
            span = block.span
            cursor = 0
            for boundary in _SENTENCE_END.finditer(span.text):
                yield self._sentence(span, cursor, boundary.start())
                cursor = boundary.end()
            yield self._sentence(span, cursor, len(span.text))

    @staticmethod
    def _sentence(span: Span, start: int, end: int) -> Span:
        text = span.text[start:end]
        return Span(span.section, text, span.start + start, span.start + end)

    def sentences_matching(
        self, pattern: str, section_pattern: Optional[str] = None
    ) -> Iterator[Tuple[Span, re.Match]]:
        """Every sentence matching the pattern (case-insensitive), optionally under matching headings, and its match."""
        regex = re.compile(pattern, re.IGNORECASE)
        section_regex = re.compile(section_pattern, re.IGNORECASE) if section_pattern else None
        for sentence in self.sentences():
            if section_regex and not section_regex.search(sentence.section):
                continue
            match = regex.search(sentence.text)
            if match:
                yield sentence, match

    def find_sentence(self, pattern: str, section_pattern: Optional[str] = None) -> Optional[Tuple[Span, re.Match]]:
        """The first sentence matching the pattern (case-insensitive), with its match."""
        return next(self.sentences_matching(pattern, section_pattern), None)

    def find_block(self, pattern: str) -> Optional[Block]:
        """The first paragraph or item matching the pattern (case-insensitive)."""
        regex = re.compile(pattern, re.IGNORECASE)
        return next((b for b in self.blocks if b.kind != "heading" and regex.search(b.span.text)), None)

    def find_line(self, pattern: str) -> Optional[Tuple[Span, re.Match]]:
        """The first line matching the pattern, for header fields ("Schedule: Full-time") that are not sentences."""
        regex = re.compile(pattern, re.IGNORECASE | re.MULTILINE)
        match = regex.search(self.text)
        if not match:
            return None
        line_start = self.text.rfind("\n", 0, match.start()) + 1
        line_end = self.text.find("\n", match.end())
        line_end = len(self.text) if line_end < 0 else line_end
        raw = self.text[line_start:line_end]
        start = line_start + len(raw) - len(raw.lstrip())
        end = line_end - (len(raw) - len(raw.rstrip()))
        return Span(self.section_at(start), self.text[start:end], start, end), match

    def section_at(self, offset: int) -> str:
        section = PREAMBLE_SECTION
        for block in self.blocks:
            if block.span.start > offset:
                break
            section = block.span.section
        return section
