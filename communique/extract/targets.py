"""Targets stage: quantitative goals pledged for a relationship ("150 tỷ USD vào năm 2030").

A target is a number, with its scale word ("tỷ", "miljard", "billion") and unit (a currency, a percent, or
a counted noun), in a sentence that states a goal ("mục tiêu", "met als doel", "hoopt", "aims"). Numbers
that describe what already is ("a community of 5,000 engineers") have no such word and are left out, as
are years, dates and durations. The target year is a year written after the amount with a "by"-word of
the language ("vào năm 2030", "by 2030"). Decimal and thousands separators follow the language.
"""

from __future__ import annotations

import re
from functools import cache

from communique.document import Document, Span, Target
from communique.extract.agreements import _parties
from communique.extract.relative_dates import dateparser_relative
from communique.languages import LanguageData, load, terms_pattern
from communique.spans import SpanSet

# A number, which a currency code or symbol may touch ("USD30", "RM127", "R$12"), but no lower-case word.
_NUMBER = re.compile(r"(?<![\d.,+_])(?<![^\W\d_](?<![A-Z$€£¥]))(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)(?![\d]|[.,]\d)")
BASELINE_WINDOW = 25  # "from the current $10 billion": a baseline word this close before the amount
YEAR_WINDOW = 60
YEAR_BEFORE_WINDOW = 40  # a "by"-year this close before the amount, in the same clause, when none follows
CUE_WINDOW = 120  # a goal word this far before the amount, in the same clause, makes it a target
_OPEN_QUOTE = re.compile(r"[\"“«„'‘]\s*$")


@cache
def _unit_patterns(code: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load(code)

    def alternation(words) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) or "(?!x)x"

    scale = re.compile(rf"\s*({alternation(data.scales)})(?!\w)", re.IGNORECASE)
    after = re.compile(rf"\s*({alternation(data.currencies)}|{alternation(data.percent)})(?!\w)")
    before = re.compile(rf"({alternation([c for c in data.currencies if not c.isalpha() or c.isupper()])})\s*$")
    year = re.compile(rf"(?<!\w)(?:{alternation(data.by_year)})\s+((?:19|20)\d\d)(?!\d)", re.IGNORECASE)
    return scale, after, before, year


@cache
def _relative_years(code: str) -> tuple[re.Pattern[str], dict[str, int]]:
    """Years counted from the document's ("next year", "tahun depan", "năm tới"), from
    dateparser's locale data and the language file's ``[targets] relative_years``."""
    words: dict[str, int] = {}
    for key, offset in (("0 year ago", 0), ("in 1 year", 1)):
        for word in dateparser_relative(code).get(key, []):
            if len(word) >= 6:  # "this yr", "thn ini" are forms a headline uses, not a pledge
                words[word.casefold()] = offset
    words.update({k.casefold(): int(v) for k, v in load(code).relative_years.items()})
    return terms_pattern(list(words)), words


def _not_a_counted_goal(following: list[str], data: LanguageData) -> bool:
    """Whether the words after a bare number say it counts no goal: a name ("1 de 5 Lula"), where nouns are
    written in lower case, or a count already reached ("110 companies have joined", "110 perusahaan telah")."""
    if following[0][:1].isupper() and not data.nouns_capitalised:
        return True
    return any(w.casefold().strip(",.") in data.achieved for w in following[1:4])


def _is_baseline(text: str, start: int, data: LanguageData) -> bool:
    """Whether the amount is where a change starts from ("from the current $10 billion to ...", "up from
    last year's USD 6.6 bn"): the goal is the other amount."""
    before = text[max(0, start - BASELINE_WINDOW) : start]
    return any(not re.search(r"\d", before[m.end() :]) for m in data.baseline.finditer(before))


def parse_number(text: str, decimal_separator: str) -> float:
    if decimal_separator == ",":
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", ""))


def _metric(sentence: str, start: int, end: int, counted: bool) -> str:
    if counted:
        return " ".join(sentence[end:].split()[:4]).strip(" ,.;")
    return " ".join(sentence[:start].split()[-5:]).strip(" ,.;")


METRIC_WINDOW = 120  # characters before the amount (and half as many after) where its measure is named


def metric_kind(sentence: str, start: int, end: int, data: LanguageData) -> str | None:
    """What the amount at [start, end) of ``sentence`` measures, in the shared vocabulary (``METRICS``): the
    language's term nearest the amount, in its clause ("bilateral trade to USD 150 billion" is trade, "100,000
    Vietnamese students" students); None where no term is near."""
    clause_start = max(0, start - METRIC_WINDOW)
    before = re.split(r"[;:]", sentence[clause_start:start])
    clause_start = start - len(before[-1])
    window_end = min(len(sentence), end + METRIC_WINDOW // 2)
    best: tuple[int, str] | None = None
    for key, pattern in data.metrics.items():
        for m in pattern.finditer(sentence, clause_start, window_end):
            if start <= m.start() < end:
                continue
            distance = start - m.end() if m.end() <= start else m.start() - end
            if best is None or distance < best[0]:
                best = (distance, key)
    return best[1] if best else None


def find_targets(doc: Document, data: LanguageData) -> list[Target]:
    scale_re, after_re, before_re, year_re = _unit_patterns(data.code)
    percent = {p.casefold() for p in data.percent}
    currencies = {k.casefold(): v for k, v in data.currencies.items()}
    date_spans = SpanSet((d.span.start, d.span.end) for d in doc.dates)
    doc_year = int(doc.doc_date[:4]) if doc.doc_date and doc.doc_date[:4].isdigit() else None
    targets: list[Target] = []
    for sentence in doc.sentences:
        text = sentence.text
        if not data.target_cues.search(text):
            continue
        for m in _NUMBER.finditer(text):
            absolute = sentence.start + m.start()
            if date_spans.covers(absolute) or _OPEN_QUOTE.search(text[: m.start()]):
                continue  # part of a date, or a quoted name or slogan ("the “6 more” orientation")
            clause = re.split(r"[;:]", text[max(0, m.start() - CUE_WINDOW) : m.start()])[-1]
            if not data.target_cues.search(clause) or _is_baseline(text, m.start(), data):
                continue
            try:
                value = parse_number(m.group(1), data.decimal_separator)
            except ValueError:
                continue
            end = m.end()
            scale = scale_re.match(text, end)
            if scale:
                value *= data.scales[" ".join(scale.group(1).lower().split())]
                end = scale.end()
            unit_after = after_re.match(text, end)
            unit_before = before_re.search(text[: m.start()])
            counted = False
            if unit_after:
                word = " ".join(unit_after.group(1).split())
                unit = "%" if word.casefold() in percent else currencies.get(word.casefold(), word)
                end = unit_after.end()
            elif unit_before:
                unit = currencies.get(unit_before.group(1).casefold(), unit_before.group(1))
            else:
                following = text[end:].split()
                if not following or not following[0][:1].isalpha() or data.not_counted.match(text[end:].lstrip()):
                    continue
                if not scale and 1900 <= value <= 2100:
                    continue  # a year
                if _not_a_counted_goal(following, data):
                    continue
                unit, counted = "count", True
            year_match = year_re.search(text, end, min(len(text), end + YEAR_WINDOW))
            if not year_match:  # "bis 2030 auf 20 Milliarden Euro": the year before the amount, in its clause
                before = re.split(r"[;:,]", text[max(0, m.start() - YEAR_BEFORE_WINDOW) : m.start()])[-1]
                year_match = list(year_re.finditer(before))[-1] if year_re.search(before) else None
            year = int(year_match.group(1)) if year_match else None
            if year is None and doc_year is not None:
                relative, offsets = _relative_years(data.code)
                next_amount = re.search(r"\d", text[end : end + YEAR_WINDOW])
                named = relative.search(text, end, end + (next_amount.start() if next_amount else YEAR_WINDOW))
                if named:  # "to USD 8 bn next year"
                    year = doc_year + offsets[" ".join(named.group().casefold().split())]
            if year is not None and year == int(value) and not scale:
                continue
            if year is not None and doc_year is not None and year < doc_year:
                continue  # "reached USD 6.58 billion in the first ten months of 2023": a past figure, no goal
            if any(t.value == value and t.unit == unit and t.year == year for t in targets):
                continue
            span = Span(sentence.index, absolute, sentence.start + end)
            targets.append(
                Target(
                    countries=_parties(doc, absolute, sentence.start + end),
                    metric=_metric(text, m.start(), end, counted),
                    metric_key=metric_kind(text, m.start(), end, data),
                    value=value,
                    unit=unit,
                    year=year,
                    text=doc.text[span.start : span.end],
                    evidence=span,
                )
            )
    return [t for t in targets if len(t.countries) >= 2]


def run(doc: Document) -> Document:
    doc.targets = find_targets(doc, load(doc.language))
    return doc
