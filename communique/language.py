"""Language stage: which language a document is written in.

lingua, weighing the languages news is written in (not all 75 it knows: Latin, Welsh or Esperanto are
never the answer for a wire story, and each language weighed costs time). Whole articles are long enough
for its low-accuracy trigram models, which load fast and small. (Its high-accuracy models took 9.5 s and
690 MB to load for these 42 languages and still took a one-sentence English brief full of Indonesian names
for Indonesian: not worth it.) A ``language`` given with the input is honoured as is.
"""

from __future__ import annotations

from functools import cache

import pycountry
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from communique.document import Document

SAMPLE_CHARS = 4000  # enough text to decide; keeps detection cost flat for very long documents

# The languages of the world's news outlets (ISO 639-1), the ones with a data file first.
NEWS_LANGUAGES = (
    "vi", "id", "ms", "en", "fr", "de", "nl", "es", "pt", "it",
    "zh", "ja", "ko", "ru", "uk", "pl", "cs", "sk", "hu", "ro", "bg", "sr", "hr", "el", "tr", "ar", "fa", "he",
    "hi", "bn", "ur", "th", "tl", "sv", "da", "nb", "fi", "et", "lv", "lt", "sw", "af",
)  # fmt: skip


def _languages() -> list[Language]:
    wanted = set(NEWS_LANGUAGES)
    return [lang for lang in Language.all() if lang.iso_code_639_1.name.lower() in wanted]


@cache
def detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_languages()).with_low_accuracy_mode().build()


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
