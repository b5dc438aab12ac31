"""Language stage: which language a document is written in.

First the small words of the languages we have data files for (``common_words``: "the", "của", "yang"):
a news item's names and numbers are in no language, its small words are, and they decide even a one-line
brief ("President Joko Widodo met Prime Minister Anwar Ibrahim in Jakarta on 3 March 2025." is English by
"in" and "on"). A word several languages share counts for each a fraction, so Indonesian and Malay are
told apart by "bahwa"/"bahawa", not by "yang". They decide when one language clearly leads and, in a longer
text, when its small words are a good share of all words (a Danish article shares "de" and "en" with Dutch
but not the share).

Otherwise lingua decides, weighing the languages news is written in (not all 75 it knows: Latin, Welsh or
Esperanto are never the answer for a wire story, and each language weighed costs time), or only the
leading candidates when the small words narrowed it down. Its low-accuracy trigram models load fast and
small; on one sentence full of foreign names they are often wrong (an English brief came out Italian),
which is why they come second. A ``language`` given with the input is honoured as is.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from communique import languages
from communique.document import Document

SAMPLE_CHARS = 4000  # enough text to decide; keeps detection cost flat for very long documents
MIN_EVIDENCE = 1.0  # weighted small words: one word only this language has, or two it shares with another
LEAD = 2.0  # the leading language's weight over the next one's
LONG_TEXT_WORDS = 40  # from here on a text in the language has many small words ...
MIN_SHARE = 0.15  # ... at least this share of its words (they are a third to a half of running text)
_WORD = re.compile(r"[^\W\d_]+")

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
def detector(among: frozenset[str] | None = None) -> LanguageDetector:
    """lingua over the news languages, or over ``among`` (ISO 639-1 codes) only."""
    chosen = [lang for lang in _languages() if among is None or lang.iso_code_639_1.name.lower() in among]
    return LanguageDetectorBuilder.from_languages(*chosen).with_low_accuracy_mode().build()


@cache
def _word_weights() -> dict[str, dict[str, float]]:
    """For each small word, the languages that have it, each weighing one over how many do."""
    owners: dict[str, list[str]] = {}
    for code in languages.available():
        data = languages.load(code)
        # its small words, and the words of its titles and meeting words: "met", "Minister", "hội đàm"
        words = set(data.common_words)
        for phrase in [*data.titles, *data.meeting_words]:
            words.update(w for w in _WORD.findall(phrase.casefold()) if len(w) > 2)
        for word in words:
            owners.setdefault(word, []).append(code)
    return {word: {code: 1 / len(codes) for code in codes} for word, codes in owners.items()}


def small_word_scores(text: str) -> tuple[dict[str, float], dict[str, int], int]:
    """Each data-file language's weight of small words in ``text``, how many of its words each language has,
    and the number of words."""
    weights = _word_weights()
    scores: dict[str, float] = {}
    owned: dict[str, int] = {}
    words = _WORD.findall(text.casefold())
    for word in words:
        for code, weight in weights.get(word, {}).items():
            scores[code] = scores.get(code, 0.0) + weight
            owned[code] = owned.get(code, 0) + 1
    return scores, owned, len(words)


def detect(text: str) -> str | None:
    """ISO 639-1 code of the language of ``text``, or None when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    if not sample.strip():
        return None
    scores, owned, n_words = small_word_scores(sample)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    among = None
    if ranked and ranked[0][1] >= MIN_EVIDENCE:
        best, weight = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        long_enough = n_words < LONG_TEXT_WORDS or owned[best] >= MIN_SHARE * n_words
        if weight >= LEAD * runner_up and long_enough:
            return best
        if long_enough:  # Indonesian or Malay, Spanish or Portuguese: lingua chooses between those close
            among = frozenset(code for code, w in ranked if w * LEAD >= weight)
    language = detector(among if among and len(among) > 1 else None).detect_language_of(sample)
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
