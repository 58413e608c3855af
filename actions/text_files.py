"""Reads a text file a person hands to a command (a notice, a list of webinar questions) with a clear error.

UTF-8 with or without the byte-order mark that spreadsheet programs and Windows editors write; a missing,
unreadable, oversized, binary or non-UTF-8 file raises UnreadableText naming the file and what is wrong.
"""
from __future__ import annotations

from pathlib import Path


class UnreadableText(Exception):
    """The file cannot be used as text; the message names it and says why."""


def read_utf8_text(path: Path, max_bytes: int, kind: str) -> str:
    """The file's text; `kind` ("notice", "questions file") names what it should hold in the messages."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableText(f"{path}: cannot be read ({error.strerror or error})") from error
    if len(data) > max_bytes:
        raise UnreadableText(f"{path}: {len(data)} bytes is larger than a {kind} can be ({max_bytes} bytes)")
    if b"\x00" in data:
        raise UnreadableText(f"{path}: binary data, not a text {kind}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableText(f"{path}: not UTF-8 text (byte {error.start} cannot be decoded)") from error
