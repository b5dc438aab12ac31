"""Relative dates ("yesterday", "on Thursday", "sáng nay", "am Montag", "nesta quarta-feira (21)").

News dates most events relative to the day it is published. The words come from data, never from code:
weekday names from CLDR (Babel) for the document's language, "today", "yesterday" and "the day before
yesterday" from dateparser's locale tables, and colloquial forms a language file adds (``[dates] relative``:
"sáng nay" = 0, "last night" = -1; ``[dates] weekdays``: "thứ 2" = 0, "segunda" = 0).

A weekday is the most recent such day on or before publication (a report published on a Thursday that
says "on Thursday" means that day). When a day of the month follows it ("quarta-feira (21)") that day
decides. With a publication date known only to the month, a weekday gives the month; with none, nothing.

A month named as past ("last February", "Februari lalu", "février dernier", ``[dates] past_month``) is the
latest such month before the publication's; "last month" (dateparser's "1 month ago") the month before it.
A month named without a year ("in mid-February", "en février", ``[dates] month_in``) is the latest such month
on or before the publication's: news tells what has happened. All give ``YYYY-MM``: the text says no day.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from communique.languages import load, terms_pattern, weekday_numbers
from communique.spans import SpanSet

WEEKDAY_LOOKBACK = 6  # days: "on Thursday" in a report is within the past week
DAY_AFTER_WEEKDAY = re.compile(r"\s*,?\s*\(?\s*(?:ngày\s+)?(\d{1,2})(?:\s*\)|(?![\d/.\-]))")
_DAY_OFFSETS = {"0 day ago": 0, "1 day ago": -1, "2 day ago": -2}


@cache
def dateparser_relative(code: str) -> dict[str, list[str]]:
    """dateparser's relative expressions for ``code`` by meaning ("1 day ago": ["yesterday"], "in 1 year":
    ["next year"]); empty where dateparser has no such locale."""
    try:
        from dateparser.languages.loader import default_loader

        return dict(default_loader.get_locale(code).info.get("relative-type", {}))
    except (KeyError, ValueError, ImportError):
        return {}


def _dateparser_words(code: str) -> dict[str, int]:
    """'today', 'yesterday', 'the day before yesterday' in ``code`` from dateparser's locale data."""
    words: dict[str, int] = {}
    for key, offset in _DAY_OFFSETS.items():
        for word in dateparser_relative(code).get(key, []):
            if len(word) >= 3 and word.replace(" ", "").replace("'", "").isalpha():
                words[word.casefold()] = offset
    return words


def _case_pattern(word: str) -> str:
    """The word as written, its first letter in either case: Vietnamese "Thứ Hai" (Monday) must not match
    "thứ hai" (second), while "thứ Hai" at a sentence's middle does."""
    escaped = re.escape(word).replace(r"\ ", r"\s+")
    first = word[:1]
    if first.isalpha() and first.lower() != first.upper():
        escaped = f"[{first.lower()}{first.upper()}]" + re.escape(word[1:]).replace(r"\ ", r"\s+")
    return escaped


@cache
def patterns(code: str) -> tuple[re.Pattern[str], dict[str, int], re.Pattern[str], dict[str, int]]:
    """(relative-day pattern, its offsets by folded word, weekday pattern, weekday numbers by folded name)."""
    data = load(code)
    offsets = dict(_dateparser_words(code))
    offsets.update({k.casefold(): int(v) for k, v in data.relative_days.items()})
    weekdays = dict(weekday_numbers(code))
    weekdays.update(data.weekday_words)
    for name, number in list(weekdays.items()):  # "dinsdagmorgen", "Montagabend"
        for suffix in data.weekday_compounds:
            weekdays.setdefault(name + suffix, number)
    by_fold = {name.casefold(): number for name, number in weekdays.items()}

    def alternation(words, exact_case: bool) -> re.Pattern[str]:
        ordered = sorted(words, key=len, reverse=True)
        if not ordered:
            return re.compile(r"(?!x)x")
        if not exact_case:
            return terms_pattern(ordered)
        body = "|".join(_case_pattern(w) for w in ordered)
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)")

    return alternation(offsets, False), offsets, alternation(weekdays, True), by_fold


def _reference(doc_date: str | None) -> tuple[dt.date | None, str | None]:
    """The publication day, or (None, 'YYYY-MM') when only the month is known."""
    if not doc_date:
        return None, None
    if len(doc_date) == 10 and not doc_date.startswith("--"):
        return dt.date.fromisoformat(doc_date), None
    if len(doc_date) == 7:
        return None, doc_date
    return None, None


def resolve_weekday(weekday: int, doc_date: str | None, day_of_month: int | None = None) -> str | None:
    day, month = _reference(doc_date)
    if day is None:
        return month  # "on Thursday" in a report of March 2024 is some day of March 2024
    if day_of_month is not None:
        for back in range(-7, 32):  # the nearest date with that weekday and that day of the month
            candidate = day - dt.timedelta(days=back)
            if candidate.weekday() == weekday and candidate.day == day_of_month:
                return candidate.isoformat()
    back = (day.weekday() - weekday) % 7
    if back > WEEKDAY_LOOKBACK:
        return None
    return (day - dt.timedelta(days=back)).isoformat()


def resolve_offset(offset: int, doc_date: str | None) -> str | None:
    """Today or yesterday ("oggi", "hôm qua"): that day; in a report known only to the month, that month."""
    day, month = _reference(doc_date)
    if day is None:
        return month
    return (day + dt.timedelta(days=offset)).isoformat()


@cache
def month_names(code: str) -> str:
    """A regex alternation of the language's month names (CLDR and the file's), longest first."""
    return "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(load(code).months, key=len, reverse=True))


def _month_forms(code: str, forms: list[str]) -> list[str]:
    """Regex bodies of forms such as "last {month}", "in mid-{month}", the month's name in a named group."""
    months = month_names(code)
    bodies = []
    for form in forms:
        before, _, after = form.partition("{month}")
        lead = re.escape(before.strip()).replace(r"\ ", r"\s+") + (r"\s+" if before.endswith(" ") else "")
        tail = (r"\s+" if after.startswith(" ") else "") + re.escape(after.strip()).replace(r"\ ", r"\s+")
        dot = r"\.?" if after.strip() else ""  # "Feb. last"; a full stop after the month ends the sentence
        bodies.append(rf"{lead}(?P<m{len(bodies)}>{months}){dot}{tail}")
    return bodies


def _alternation(bodies: list[str]) -> re.Pattern[str] | None:
    if not bodies:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(f'(?:{b})' for b in bodies)})(?!\w)", re.IGNORECASE)


@cache
def month_patterns(code: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """(months named as past, with "last month" from dateparser; months named without a year)."""
    data = load(code)
    last_month = [w for w in dateparser_relative(code).get("1 month ago", []) if len(w.split()[-1]) >= 3]
    past = [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(last_month, key=len, reverse=True)]
    past += _month_forms(code, data.past_month)
    return _alternation(past), _alternation(_month_forms(code, data.month_in))


def resolve_month(month: int | None, doc_date: str | None, strictly_before: bool) -> str | None:
    """The latest ``month`` before the publication's month, or on or before it (None: the month before it),
    as YYYY-MM; nothing without a publication date."""
    if not doc_date or doc_date.startswith("--") or len(doc_date) < 7:
        return None
    year, current = int(doc_date[:4]), int(doc_date[5:7])
    if month is None:
        month = current - 1 or 12
    later = month >= current if strictly_before else month > current
    return f"{year - 1 if later else year:04d}-{month:02d}"


def find_relative_dates(text: str, code: str, doc_date: str | None) -> list[tuple[int, int, str]]:
    """(start, end, ISO value) of each relative date in ``text`` that the publication date resolves."""
    relative, offsets, weekday_pattern, weekdays = patterns(code)
    found: list[tuple[int, int, str]] = []
    for m in relative.finditer(text):
        value = resolve_offset(offsets[" ".join(m.group().casefold().split())], doc_date)
        if value:
            found.append((m.start(), m.end(), value))
    for m in weekday_pattern.finditer(text):
        weekday = weekdays[" ".join(m.group().casefold().split())]
        day = DAY_AFTER_WEEKDAY.match(text, m.end())
        day_of_month = int(day.group(1)) if day and 1 <= int(day.group(1)) <= 31 else None
        value = resolve_weekday(weekday, doc_date, day_of_month)
        if value:
            found.append((m.start(), day.end() if day_of_month else m.end(), value))
    months = load(code).months
    months_taken = SpanSet((s, e) for s, e, _ in found)
    for pattern, strictly_before in zip(month_patterns(code), (True, False), strict=True):
        for m in pattern.finditer(text) if pattern is not None else ():
            name = next((v for v in m.groupdict().values() if v), None)
            month = months[" ".join(name.lower().rstrip(".").split())] if name else None
            value = resolve_month(month, doc_date, strictly_before)
            if value and not months_taken.overlaps(m.start(), m.end()):  # "en février dernier": once
                found.append((m.start(), m.end(), value))
                months_taken.add(m.start(), m.end())
    return found
