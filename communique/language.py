"""Language stage: which language a document is written in.

lingua in low-accuracy mode: whole news articles are long enough for its trigram models, which load in a
fraction of the time and memory (tens of MB instead of ~1 GB for all languages in high-accuracy mode).
A ``language`` given with the input is honoured as is.
"""

from __future__ import annotations

from functools import cache

import pycountry
from lingua import LanguageDetector, LanguageDetectorBuilder

from communique.document import Document

SAMPLE_CHARS = 4000  # enough text to decide; keeps detection cost flat for very long documents


@cache
def detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect(text: str) -> str | None:
    """ISO 639-1 code of the language of ``text``, or None when it cannot be told."""
    if not text.strip():
        return None
    language = detector().detect_language_of(text[:SAMPLE_CHARS])
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()


def normalise(code: str | None) -> str | None:
    """Accept "vi", "VI", "vi-VN" or "vie"; give the ISO 639-1 code."""
    if not code:
        return None
    base = code.strip().replace("_", "-").split("-")[0].lower()
    if len(base) == 2:
        return base
    found = pycountry.languages.get(alpha_3=base)
    return getattr(found, "alpha_2", None) or base


def run(doc: Document) -> Document:
    doc.language = normalise(doc.language) or detect(doc.text or doc.raw)
    return doc
