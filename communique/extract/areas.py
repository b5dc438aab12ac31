"""Cooperation areas: which of the 18 areas of the evaluation schema a stretch of text discusses.

Keywords per area and language live in the language files. People's titles are blanked out before
matching, so that "Vice Chairman of the Security Council" does not make a meeting about security, and so are
the names of the gatherings where meetings take place: "on the sidelines of the 47th ASEAN Summit" says
where two leaders met, not that they discussed cooperation within ASEAN.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from communique.document import Document
from communique.languages import AREAS, LanguageData

_NAME_WORD = re.compile(r"[\w()’'-]+")


def _name_word(gap: str, word: re.Match[str], links: set[str]) -> bool:
    """Whether ``word``, after ``gap``, goes on with a gathering's name: capitalised, a number or "of the"."""
    token = word.group().strip("()")
    if "\n" in gap or len(gap) > 2 or not token or any(c in gap for c in ".;:!?"):
        return False  # a name does not run on over the end of a sentence or clause
    return token[0].isupper() or token[0].isdigit() or token.casefold() in links


def _gathering_spans(text: str, data: LanguageData) -> list[tuple[int, int]]:
    """Spans of the names of gatherings: a summit or sidelines word with the capitalised words, numbers,
    acronyms and "of the" around it ("the Shanghai Cooperation Organization (SCO) Summit in Tianjin"). A
    forum's name with nothing around it ("G20 leaders", "ASEAN's central role") names no gathering."""
    links = {"of", "the", *(w.casefold() for w in data.of_words), *data.title_links}
    spans = []
    for m in data.multilateral.finditer(text):
        start, end = m.start(), m.end()
        named = " " in m.group().strip()  # "on the sidelines", "Conference of the Parties": a gathering's words
        for word in _NAME_WORD.finditer(text, end, min(len(text), end + 80)):
            if not _name_word(text[end : word.start()], word, links):
                break
            end = word.end()
            named = named or word.group().strip("()").casefold() not in links
        for word in reversed(list(_NAME_WORD.finditer(text, max(0, start - 80), start))):
            if not _name_word(text[word.end() : start], word, links):
                break
            start = word.start()
            named = named or word.group().strip("()").casefold() not in links
        if named:  # a bare name ("G20 leaders", "the central role of ASEAN"): what was discussed, not a venue
            spans.append((start, end))
    return spans


def masked_text(doc: Document, data: LanguageData | None = None) -> str:
    """The document text with every person's title and name, and the names of gatherings, replaced by spaces
    (offsets unchanged)."""
    chars = list(doc.text)
    spans = [(p.title_start, p.span.end) for p in doc.people]
    if data is not None:
        spans += _gathering_spans(doc.text, data)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = " "
    return "".join(chars)


def areas_of(doc: Document, data: LanguageData, sentences: Iterable[int], text: str | None = None) -> list[str]:
    text = masked_text(doc, data) if text is None else text
    found: set[str] = set()
    for index in sentences:
        s = doc.sentences[index]
        chunk = text[s.start : s.end]
        for area, pattern in data.areas.items():
            if area not in found and pattern.search(chunk):
                found.add(area)
    return [a for a in AREAS if a in found]
