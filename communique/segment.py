"""Sentence stage: cut the cleaned text into sentences with their character offsets.

Every fact points at a sentence, so offsets are exact positions in ``Document.text``. Lines are sentence
boundaries (headlines and list items have no final stop); within a line a stop followed by space and an
upper-case letter, digit or quote ends a sentence, unless the word before is an abbreviation of the
language ("Tn.", "Mr.") or a single initial, or an ordinal number ("13. November").
"""

from __future__ import annotations

import re

from communique.document import Document, Sentence
from communique.languages import load

_BOUNDARY = re.compile(r"[.!?…]+[\"”’»)]*\s+(?=[\"“«(\[]?[^\W\d_a-zđ]|\d)", re.UNICODE)


def split(text: str, abbreviations: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``."""
    abbrevs = {a.lower() for a in abbreviations}
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for m in _BOUNDARY.finditer(line):
            before = line[start : m.start() + 1].split()
            last = before[-1].lower() if before else ""
            if last in abbrevs or (len(last) == 2 and last[0].isalpha() and last.endswith(".")):
                continue
            if re.fullmatch(r"\d{1,2}\.", last):
                continue  # an ordinal day ("am 13. November"), not the end of a sentence
            end = m.end()
            segment = line[start:end].rstrip()
            if segment.strip():
                spans.append((offset + start, offset + start + len(segment)))
            start = end
        rest = line[start:]
        if rest.strip():
            lead = len(rest) - len(rest.lstrip())
            spans.append((offset + start + lead, offset + len(line.rstrip())))
        offset += len(line) + 1
    return spans


def run(doc: Document) -> Document:
    data = load(doc.language)
    doc.sentences = [Sentence(i, s, e, doc.text[s:e]) for i, (s, e) in enumerate(split(doc.text, data.abbreviations))]
    return doc
