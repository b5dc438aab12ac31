"""Reading a document's metadata leniently: a field that cannot be read is a warning, never a lost document.

Feeds write ``published`` in every shape: ISO 8601 of any precision ("2025", "2025-03", "2025-03-07"), with a
time and zone ("2025-03-07T08:15:00+07:00"), RFC 2822 from RSS ("Fri, 07 Mar 2025 08:15:00 +0700"), words
("March 3, 2025"), or a Unix timestamp. What the date says is kept at the precision it was given: a month is a
month, not the first of that month, because a weekday in the text then resolves to the month only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from email.utils import parsedate_to_datetime

_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_ISO_TIME = re.compile(r"[T ]\d{1,2}(?::\d{2}){0,2}(?:[.,]\d+)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?", re.IGNORECASE)
EARLIEST_YEAR, LATEST_YEAR = 1800, 2200


class UnreadableDate(ValueError):
    """The value is not a date in any form we read; the message says what it was."""


def _checked(year: int, month: int | None = None, day: int | None = None) -> str:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise UnreadableDate(f"year {year} out of range")
    if month is None:
        return f"{year:04d}"
    if day is None:
        if not 1 <= month <= 12:
            raise UnreadableDate(f"month {month} out of range")
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError as exc:
        raise UnreadableDate(str(exc)) from exc


def _from_timestamp(value: float) -> str:
    seconds = value / 1000 if value > 1e11 else value  # milliseconds, as JavaScript writes them
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()
    except (OverflowError, OSError, ValueError) as exc:
        raise UnreadableDate(f"timestamp {value} out of range") from exc


def parse_published(value: object) -> str | None:
    """ISO 8601 at the precision given (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), or None for no value.

    A time is dropped and the calendar date kept as the outlet wrote it (its own time zone). Raises
    :class:`UnreadableDate` for a value that is not a date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise UnreadableDate(f"{value!r} is not a date")
    if isinstance(value, int | float):
        if float(value).is_integer() and EARLIEST_YEAR <= value <= LATEST_YEAR:
            return _checked(int(value))
        return _from_timestamp(float(value))
    if not isinstance(value, str):
        raise UnreadableDate(f"a {type(value).__name__} is not a date")
    text = value.strip()
    m = _ISO_PARTIAL.match(text)
    if m and (m.end() == len(text) or _ISO_TIME.fullmatch(text, m.end()) and m.group(3)):
        return _checked(int(m.group(1)), *(int(g) if g else None for g in m.group(2, 3)))
    if text.isdigit():
        return _from_timestamp(float(text))
    try:
        return parsedate_to_datetime(text).date().isoformat()  # RSS: "Fri, 07 Mar 2025 08:15:00 +0700"
    except (TypeError, ValueError, IndexError):
        pass
    if not re.search(r"(?<!\d)\d{4}(?!\d)", text):
        raise UnreadableDate(f"{value!r} is not a date with a year")  # "yesterday" has no meaning in metadata
    import dateparser  # slow to import; only needed for dates written in words

    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "PREFER_DATES_FROM": "past"})
    if parsed is None:
        raise UnreadableDate(f"{value!r} is not a date")
    return _checked(parsed.year, parsed.month, parsed.day)


def read_published(value: object) -> tuple[str | None, str | None]:
    """``(date, warning)``: the date as :func:`parse_published` reads it, or None and why it was dropped."""
    try:
        return parse_published(value), None
    except UnreadableDate as exc:
        return None, f"'published' ignored ({value!r}): {exc}"


def period_end(value: str) -> dt.date:
    """The last day an ISO date of any precision can mean ("2025" → 31 December, "2025-02" → 28 February)."""
    year = int(value[:4])
    month = int(value[5:7]) if len(value) >= 7 else 12
    day = int(value[8:10]) if len(value) >= 10 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)
