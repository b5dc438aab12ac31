"""Cooperation areas: which of the 18 areas of the evaluation schema a stretch of text discusses.

Keywords per area and language live in the language files. People's titles are blanked out before
matching, so that "Vice Chairman of the Security Council" does not make a meeting about security.
"""

from __future__ import annotations

from collections.abc import Iterable

from communique.document import Document
from communique.languages import AREAS, LanguageData


def masked_text(doc: Document) -> str:
    """The document text with every person's title and name replaced by spaces (offsets unchanged)."""
    chars = list(doc.text)
    for p in doc.people:
        for i in range(p.title_start, p.span.end):
            chars[i] = " "
    return "".join(chars)


def areas_of(doc: Document, data: LanguageData, sentences: Iterable[int], text: str | None = None) -> list[str]:
    text = masked_text(doc) if text is None else text
    found: set[str] = set()
    for index in sentences:
        s = doc.sentences[index]
        chunk = text[s.start : s.end]
        for area, pattern in data.areas.items():
            if area not in found and pattern.search(chunk):
                found.add(area)
    return [a for a in AREAS if a in found]
