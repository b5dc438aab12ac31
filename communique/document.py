"""The one typed object that flows through every pipeline stage.

A :class:`Document` starts as raw input (text or HTML plus metadata) and each stage fills in more of it:
cleaned text, language, sentences, mentions, and finally the facts. Every fact carries its provenance
(document, sentence index, character offsets into the cleaned text, language) so that a user can always
get back to the sentence it came from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar


@dataclass(frozen=True)
class Span:
    """Where a fact or mention sits: sentence index and character offsets into ``Document.text``."""

    sentence: int
    start: int
    end: int


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass
class CountryMention:
    code: str  # ISO 3166-1 alpha-3
    text: str
    span: Span


@dataclass
class PersonMention:
    name: str
    title: str
    rank: int  # 1 = head of state or party, 2 = head of government, ... 9 = honorific only
    country: str | None  # qualified in the text ("Presiden Prancis ...") or inferred afterwards
    qualified: bool  # True when the country was written next to the name
    span: Span  # the name itself
    title_start: int  # offset where the title chain begins (to mask titles out of area matching)
    former: bool = False  # "former Prime Minister X", "cựu Thủ tướng": no longer in office, no state's official


@dataclass
class CityMention:
    name: str  # usual English name
    country: str
    text: str
    span: Span


@dataclass
class DateMention:
    value: str  # ISO 8601: YYYY-MM-DD, --MM-DD or YYYY-MM
    text: str
    span: Span
    same_day: bool = False  # "the same day": refers back to the previous date
    dateline: bool = False  # "Hanoi, 20 March (VNA) -": when the report was filed, not when things happened
    timestamp: bool = False  # "25/01/2026 07:18": when the page was published, never when things happened


@dataclass
class Event:
    type: str
    mode: str | None
    countries: list[str]
    people: list[str]
    date: str | None
    place: str | None
    areas: list[str]
    evidence: list[Span]
    cluster: str | None = None


@dataclass
class Agreement:
    countries: list[str]
    title: str
    date: str | None
    evidence: Span


@dataclass
class Target:
    countries: list[str]
    metric: str
    value: float
    unit: str
    year: int | None
    text: str
    evidence: Span
    metric_key: str | None = None  # what it measures, in the shared vocabulary (``languages.METRICS``)


T = TypeVar("T")


def by_sentence(mentions: Iterable[T]) -> dict[int, list[T]]:
    """Mentions grouped by the index of their sentence (each has a ``span``): one pass, then lookups, where
    filtering the whole list for every sentence grew with the square of a document's length."""
    grouped: dict[int, list[T]] = {}
    for mention in mentions:
        grouped.setdefault(mention.span.sentence, []).append(mention)
    return grouped


MAX_ID_CHARS = 300  # a document id; event ids add "#e" and a number
MAX_EVENT_ID_CHARS = MAX_ID_CHARS + 12


@dataclass
class Document:
    doc_id: str
    raw: str
    is_html: bool = False
    source: str = ""  # file name and line the document came from, for error messages
    url: str | None = None
    published: str | None = None  # ISO 8601 from metadata at the precision given: YYYY, YYYY-MM or YYYY-MM-DD
    language: str | None = None  # given by the input, or detected
    text: str = ""  # cleaned text, the reference for every offset
    title: str | None = None
    doc_date: str | None = None  # ISO date the document speaks from (metadata, else its text)
    home_country: str | None = None  # the country the outlet writes from, when it can be told
    sentences: list[Sentence] = field(default_factory=list)
    countries: list[CountryMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    cities: list[CityMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # metadata fields dropped because they could not be read
    replaces: bool = False  # a stored version of this id exists: storing it replaces that one
    _indexes: dict[str, tuple[tuple[int, int], Any]] = field(default_factory=dict, repr=False, compare=False)

    def _indexed(self, kind: str, purpose: str, build: Callable[[list], Any]) -> Any:
        """An index of the mention list ``kind`` ("dates", "cities"...), built once for the list a stage set."""
        items = getattr(self, kind)
        key = (id(items), len(items))
        cached = self._indexes.get(f"{kind}:{purpose}")
        if cached is None or cached[0] != key:
            cached = (key, build(items))
            self._indexes[f"{kind}:{purpose}"] = cached
        return cached[1]

    def in_sentence(self, kind: str, index: int) -> list:
        """The mentions of ``kind`` in sentence ``index``, without scanning the whole list each time."""
        return self._indexed(kind, "by sentence", by_sentence).get(index, [])

    def starts(self, kind: str) -> list[int]:
        """Where the mentions of ``kind`` begin, in text order (for bisecting)."""
        return self._indexed(kind, "starts", lambda items: sorted(m.span.start for m in items))

    @cached_property
    def content_hash(self) -> str:
        """Hash of what was read under which id, so re-ingesting it is recognised and skipped. The id and the
        metadata count: the same wire story under another outlet's id is another report, and a corrected
        publication date is a new version. Taken once, before the stages fill in the language they detect."""
        given = "\x1f".join([self.doc_id, self.url or "", self.published or "", self.language or "", self.raw])
        return hashlib.sha256(given.encode("utf-8")).hexdigest()

    @property
    def diplomatic(self) -> bool:
        return bool(self.events or self.agreements)

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence that contains ``offset`` (binary search over sentence starts)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo
