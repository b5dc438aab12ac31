"""Dates stage: the document's own date, and every date the text mentions, as ISO 8601.

News writes event dates without a year ("Pada tanggal 26 Mei", "trưa 11/8", "Op 28 april"). The year is
taken from the document date (metadata, else a full date in the page header such as "28/04/2025"), moved
back one year when the result would lie more than a month after the document date. With no document
date the year stays unknown and the date is written ``--MM-DD``: inventing the current year would put
last year's summit in this year. Month names come from CLDR (Babel) for the document's language, so a
language file needs none; dateparser reads the metadata dates, whose formats vary by site.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from communique.document import DateMention, Document, Span
from communique.extract.relative_dates import find_relative_dates, month_names
from communique.languages import LanguageData, load
from communique.metadata import UnreadableDate, parse_published, period_end
from communique.spans import SpanSet

HEADER_CHARS = 600  # a date with a year this close to the top is the document's date
# A dateline opens a wire story: a place, a comma, the date, then an agency in brackets or a dash.
_DATELINE_BEFORE = re.compile(r"\s*[^\W\d][\w .'’-]{0,40},\s*$")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?[-–—:]")
# a page's own timestamp, a date with its clock time: "25/01/2026 07:18", "12.03.2024, 14:35", "2024-05-01 10:00"
_CLOCK_AFTER = re.compile(r",?\s*(?:[-|]\s*)?\d{1,2}[:h]\d{2}(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})(?:\2(\d{4}))?(?![\d/]|\.\d)")
_DASHED = re.compile(r"(?<![\d/.\-])(\d{1,2})-(\d{1,2})(?:-(\d{4}))?(?![\d/\-]|\.\d)")
# the first day of a range right before a date: "12 to 18 July", "27-29/3", "du 12 au 18 juillet"
_RANGE_BEFORE = re.compile(r"(?<![\d/.])\d{1,2}\s*(?:[-–]|to|au|al|bis|hingga|sampai|đến|a|até)\s*$", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})/(\d{4})(?![\d/])")


@cache
def _text_patterns(code: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load(code)
    months = month_names(code)
    prefix = "|".join(re.escape(p) for p in data.month_prefix)
    day_first = re.compile(
        rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|er|e)?\.?\s+(?:de\s+|of\s+)?({months})\.?(?!\w)"
        rf"(?:,?\s+(?:de\s+|năm\s+|tahun\s+)?(\d{{4}})(?!\d))?",
        re.IGNORECASE,
    )
    month_first = re.compile(
        rf"(?<!\w)({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(\d{{4}})(?!\d))?", re.IGNORECASE
    )
    month_year = re.compile(
        rf"(?<!\w)(?:(?:{prefix})\s+)?({months})\.?\s+(?:de\s+|năm\s+|tahun\s+)?(\d{{4}})(?!\d)", re.IGNORECASE
    )
    return day_first, month_first, month_year


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return year is not None and 1900 <= year <= 2100
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year, so 29 February passes without a year
    except ValueError:
        return False
    return year is None or 1900 <= year <= 2100


def _iso(year: int | None, month: int, day: int | None) -> str:
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def find_dates(text: str, data: LanguageData, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, ISO value) of each date written in ``text[start:end]``, as written (no year added)."""
    end = len(text) if end is None else end
    found: list[tuple[int, int, str]] = []
    taken = SpanSet()

    def add(m: re.Match[str], year: int | None, month: int, day: int | None) -> None:
        if taken.overlaps(m.start(), m.end()) or not _valid(year, month, day):
            return
        taken.add(m.start(), m.end())
        if day is not None and _RANGE_BEFORE.search(text, max(start, m.start() - 12), m.start()):
            return  # "from 12 to 18 July", "từ ngày 27-29/3": a stay, not the day of one event
        found.append((m.start(), m.end(), _iso(year, month, day)))

    day_first, month_first, month_year = _text_patterns(data.code)
    for m in _ISO.finditer(text, start, end):
        add(m, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in day_first.finditer(text, start, end):
        add(m, int(m.group(3)) if m.group(3) else None, data.months[_key(m.group(2))], int(m.group(1)))
    for m in month_first.finditer(text, start, end):
        add(m, int(m.group(3)) if m.group(3) else None, data.months[_key(m.group(1))], int(m.group(2)))
    for m in month_year.finditer(text, start, end):
        add(m, int(m.group(2)), data.months[_key(m.group(1))], None)
    for m in _NUMERIC.finditer(text, start, end):
        a, b = int(m.group(1)), int(m.group(3))
        if m.group(2) == "." and not m.group(4) and not data.dot_dates:
            continue  # "2.5" is a number, not a date (but "10.1" is 10 January where decimals take a comma)
        day, month = (b, a) if data.date_order == "MDY" else (a, b)
        add(m, int(m.group(4)) if m.group(4) else None, month, day)
    for m in _MONTH_YEAR.finditer(text, start, end):
        add(m, int(m.group(2)), int(m.group(1)), None)
    if data.dash_dates:
        for m in _DASHED.finditer(text, start, end):
            add(m, int(m.group(3)) if m.group(3) else None, int(m.group(2)), int(m.group(1)))
    return sorted(found)


def _key(name: str) -> str:
    return " ".join(name.lower().rstrip(".").split())


def parse_metadata_date(value: object) -> str | None:
    """ISO 8601 at the precision a metadata value gives, or None when it is not a date (ingest has already
    warned about it)."""
    try:
        return parse_published(value)
    except UnreadableDate:
        return None


def with_year(value: str, doc_date: str | None) -> str:
    """Give a year-less ``--MM-DD`` the year of the document date (one less if it would be far after it).

    A document date known only to the month or the year counts as its last day."""
    if not value.startswith("--") or not doc_date or doc_date.startswith("--"):
        return value
    reference = period_end(doc_date)
    month, day = int(value[2:4]), int(value[5:7])
    for year in (reference.year, reference.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= reference + dt.timedelta(days=31):
            return candidate.isoformat()
    return value


def document_date(doc: Document, data: LanguageData) -> str | None:
    """The day the document speaks from: the metadata's, else a full date in the page header. A header date
    inside a month or year the metadata gives makes it precise; otherwise the partial metadata stands."""
    published = parse_metadata_date(doc.published)
    if published and len(published) == 10:
        return published
    for _, _, value in find_dates(doc.text, data, 0, min(len(doc.text), HEADER_CHARS)):
        if len(value) == 10 and not value.startswith("--") and value.startswith(published or ""):
            return value
    return published


def run(doc: Document) -> Document:
    data = load(doc.language)
    doc.doc_date = document_date(doc, data)
    mentions = []
    for start, end, value in find_dates(doc.text, data):
        first_line = doc.text.rfind("\n", 0, start) + 1
        dateline = bool(
            _DATELINE_BEFORE.fullmatch(doc.text, first_line, start) and _DATELINE_AFTER.match(doc.text, end)
        )
        mentions.append(
            DateMention(
                with_year(value, doc.doc_date),
                doc.text[start:end],
                Span(doc.sentence_at(start), start, end),
                dateline=dateline,
                timestamp=bool(_CLOCK_AFTER.match(doc.text, end)),
            )
        )
    taken = SpanSet((d.span.start, d.span.end) for d in mentions)
    for start, end, value in find_relative_dates(doc.text, data.code, doc.doc_date):
        if taken.overlaps(start, end):
            continue
        mentions.append(DateMention(value, doc.text[start:end], Span(doc.sentence_at(start), start, end)))
    for sentence in doc.sentences:
        m = data.same_day.search(sentence.text)
        if m:
            start = sentence.start + m.start()
            mentions.append(
                DateMention("", m.group(), Span(sentence.index, start, sentence.start + m.end()), same_day=True)
            )
    doc.dates = sorted(mentions, key=lambda d: d.span.start)
    return doc
