"""Comparing text across spellings: diacritics dropped character by character, so offsets stay valid."""

from __future__ import annotations

import unicodedata
from functools import cache


@cache
def strip_char(c: str) -> str:
    """One character without its diacritics ("ễ" → "e", "đ" → "d"), or itself when it has no one-letter base."""
    if c.isascii():
        return c
    if c in "đĐ":
        return "d" if c == "đ" else "D"
    base = "".join(ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch))
    return base if len(base) == 1 else c


def strip_diacritics(text: str) -> str:
    """``text`` without diacritics, of the same length: what DuckDB's ``strip_accents`` does, and "đ" too."""
    return "".join(strip_char(c) for c in text)


def strip_diacritics_sql(sql: str) -> str:
    """The SQL twin of :func:`strip_diacritics` for the expression ``sql``: DuckDB's ``strip_accents``, and
    "đ" too ("Tô Lâm" is found by "To Lam", "Đỗ" by "Do")."""
    return f"replace(replace(strip_accents({sql}), 'đ', 'd'), 'Đ', 'D')"
