"""Who held which office when: heads of state and government, speakers and foreign ministers.

News often names a principal without title or state ("Anwar Ibrahim and Frank-Walter Steinmeier held talks",
"Tập Cận Bình"). The shipped table ``data/officeholders.tsv`` (facts, with their sources named in the README)
tells their state and office at the date of the report, and gives a name written in a local reading
("Tập Cận Bình", "Lý Cường") its usual international form ("Xi Jinping", "Li Qiang").

Names are matched on a *folded* copy of the text that keeps every offset (diacritics dropped character by
character, "đ" read as "d", hyphens as spaces) and keeps case: proper names are capitalised, and lower-case
homographs ("albanese", "petro") are words. A single-word alias is looked for only when the table lists it,
so a given name alone ("Francis", "Anwar") never makes a principal. An alias written ``~Anwar`` is looked up
(after a title: "Perdana Menteri Anwar") but never searched for on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from communique.metadata import period_end
from communique.text import strip_diacritics

OFFICE_RANK = {
    "head_of_state": 1,
    "party_leader": 1,
    "head_of_government": 2,
    "speaker": 2,
    "vice_president": 3,
    "foreign_minister": 3,
}
FORMER_RANK = 4  # a former leader still speaks for his state, below those in office


@dataclass(frozen=True)
class Term:
    name: str  # the usual international form
    country: str  # ISO 3166-1 alpha-3
    office: str
    start: dt.date
    end: dt.date | None

    @property
    def rank(self) -> int:
        return OFFICE_RANK[self.office]

    def holds(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Holder:
    """What the table says of one name at one date."""

    name: str
    country: str
    rank: int
    office: str | None  # None when the person held no listed office at that date


def fold_keep_offsets(text: str) -> str:
    """Without diacritics and with hyphens as spaces ("Frank-Walter" = "Frank Walter"), of the same length."""
    return strip_diacritics(text).translate(_HYPHENS)


_HYPHENS = str.maketrans({"-": " ", "‐": " ", "–": " "})


def name_key(name: str) -> str:
    """How names are compared: folded, lower case, single spaces, no dots."""
    return " ".join(fold_keep_offsets(name).replace(".", " ").casefold().split())


def _date(value: str, end: bool = False) -> dt.date | None:
    """A term's start (the first day of a partial date) or end (its last day)."""
    if not value:
        return None
    if end:
        return period_end(value)
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(*parts[:3])


class OfficeHolders:
    """The table, indexed by folded name and alias."""

    def __init__(self, rows: list[tuple[str, str, str, str, str, list[str]]]):
        self.terms: dict[str, list[Term]] = {}  # name key -> terms of the person(s) called so
        self.surfaces: dict[str, str] = {}  # a searchable folded surface -> name key
        self.short_forms: dict[str, set[str]] = {}  # international name -> "~" aliases: "Anwar" once named in full
        self.aliases: dict[str, set[str]] = {}  # international name -> every other spelling the table lists
        for name, country, office, start, end, aliases in rows:
            self.aliases.setdefault(name, set()).update(a.lstrip("~") for a in aliases)
            if office not in OFFICE_RANK:
                raise ValueError(f"unknown office {office!r} for {name}")
            term = Term(name, country, office, _date(start), _date(end, end=True))
            for surface in {name, *(a.lstrip("~") for a in aliases)}:
                key = name_key(surface)
                if term not in self.terms.setdefault(key, []):
                    self.terms[key].append(term)
                folded = " ".join(fold_keep_offsets(surface).split())
                if len(folded.split()) >= 2 or surface in aliases:  # "~Anwar": looked up, never searched
                    self.surfaces[folded] = key
                elif f"~{surface}" in aliases:
                    self.short_forms.setdefault(name, set()).add(folded)

    def holder(self, name: str, when: str | None = None) -> Holder | None:
        """The state and rank of ``name`` at ``when`` (an ISO date of any precision, or None: any time).

        A name that two states' office holders share is answered only where the date tells them apart."""
        terms = self.terms.get(name_key(name))
        if not terms:
            return None
        day = _reference_day(when)
        current = [t for t in terms if day and t.holds(day)] or ([] if day else terms)
        pool = current or terms
        countries = {t.country for t in pool}
        if len(countries) != 1:
            return None
        best = min(pool, key=lambda t: t.rank)
        return Holder(best.name, best.country, best.rank if current else FORMER_RANK, best.office if current else None)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return _pattern(tuple(sorted(self.surfaces, key=len, reverse=True)))


@cache
def _pattern(surfaces: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in surfaces)
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


def _reference_day(when: str | None) -> dt.date | None:
    if not when or when.startswith("--"):
        return None
    try:
        return period_end(when[:10])  # a report dated to the month or year: its last day
    except ValueError:
        return None


@cache
def table() -> OfficeHolders:
    text = (resources.files("communique.data") / "officeholders.tsv").read_text(encoding="utf-8")
    try:
        return OfficeHolders(read_rows(text))
    except ValueError as exc:
        raise ValueError(f"officeholders.tsv: {exc}") from exc


@cache
def international_name(name: str) -> str | None:
    """The international form of a name the table knows under any spelling ("Mohammed bin Zayed Al Nahyan" and
    "Mohamed bin Zayed" are one person), or None."""
    terms = table().terms.get(name_key(name))
    names = {t.name for t in terms or ()}
    return names.pop() if len(names) == 1 else None


def terms_of(name: str) -> list[Term]:
    """Every term the table lists for the person whose international form is ``name``, earliest first."""
    return sorted((t for t in table().terms.get(name_key(name), ()) if t.name == name), key=lambda t: t.start)


def identity(name: str) -> str:
    """Who a name stands for when people are compared: the international form of an office holder under any
    spelling, else the name itself."""
    return international_name(name) or name


def written_name(surface: str, international: str) -> str:
    """The name as the document spells it ("Mohammed bin Zayed", "Abdul Fattah Al Sissi", "To Lam"), or the
    international form where the document gives a local reading that shares no word with it ("Tập Cận Bình"
    is Xi Jinping, "Lý Cường" Li Qiang): SCHEMA.md keeps a page's own spelling and maps readings only."""
    if set(name_key(surface).split()) & set(name_key(international).split()):
        return " ".join(surface.split())
    return international


def find_short_forms(folded: str, named: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, name key) of the short forms ("~" aliases: "Anwar", "Salman") of the office holders a
    document has already ``named`` in full: "Anwar Ibrahim ... the call on the day of Anwar's swearing-in".
    ``folded`` is the document's text through :func:`fold_keep_offsets`."""
    holders = table()
    forms = {form: name_key(name) for name in named for form in holders.short_forms.get(name, ())}
    if not forms:
        return []
    pattern = _pattern(tuple(sorted(forms, key=len, reverse=True)))
    return [(m.start(), m.end(), forms[m.group()]) for m in pattern.finditer(folded)]


def find_names(folded: str) -> list[tuple[int, int, str]]:
    """(start, end, name key) of each office holder's name or listed alias written in a text, given as
    :func:`fold_keep_offsets` makes it (offsets are the text's own)."""
    holders = table()
    return [
        (m.start(), m.end(), holders.surfaces[" ".join(m.group().split())]) for m in holders.pattern.finditer(folded)
    ]


# -- keeping the table current ------------------------------------------------------------------------------

Row = tuple[str, str, str, str, str, list[str]]  # name, country, office, start, end, aliases


def read_rows(text: str) -> list[Row]:
    """The rows of an office-holder table (the shipped TSV, or a TSV/CSV of new terms with the same columns)."""
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in (line.split("\t") if "\t" in line else line.split(","))] + [""] * 6
        name, country, office, start, end, aliases = cells[:6]
        if name == "name" and country == "country":
            continue  # a header line
        if not (name and len(country) == 3 and office in OFFICE_RANK and start):
            raise ValueError(
                f"line {number}: needs name, a 3-letter country, an office of {sorted(OFFICE_RANK)}, start"
            )
        _date(start), _date(end, end=True)  # raises ValueError on a malformed date
        rows.append((name, country.upper(), office, start, end, [a for a in aliases.split("|") if a]))
    return rows


def merge(rows: list[Row], new: list[Row]) -> list[Row]:
    """``rows`` with the terms of ``new`` added: a term already there (same person, state, office and start)
    takes the new end and aliases; a new term of a single-holder office (head of government, foreign minister,
    speaker, vice president) closes the open term it follows, on the day it starts."""
    merged = {(r[0], r[1], r[2], r[3]): r for r in rows}
    single = {"head_of_government", "foreign_minister", "speaker", "vice_president"}
    for name, country, office, start, end, aliases in sorted(new, key=lambda r: r[3]):
        key = (name, country, office, start)
        if key in merged:
            old = merged[key]
            merged[key] = (name, country, office, start, end or old[4], list(dict.fromkeys(old[5] + aliases)))
            continue
        if office in single:
            for other_key, other in list(merged.items()):
                if other[1:3] == (country, office) and not other[4] and other[3] < start and other[0] != name:
                    merged[other_key] = (*other[:4], start, other[5])
        merged[key] = (name, country, office, start, end, aliases)
    return sorted(merged.values(), key=lambda r: (r[1], r[2], r[3]))


def write_rows(rows: list[Row], header: str) -> str:
    """The table as TSV, after the comment ``header`` (which names the sources)."""
    lines = [header.rstrip("\n")]
    lines += [
        "\t".join([name, country, office, start, end, "|".join(aliases)])
        for name, country, office, start, end, aliases in rows
    ]
    return "\n".join(lines) + "\n"
