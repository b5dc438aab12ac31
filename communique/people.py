"""People as entities: one person, one canonical name, every spelling the reports use.

Reports write one person many ways: "Tô Lâm" in Vietnamese and "To Lam" in English, "Tập Cận Bình" for Xi
Jinping, "Yoon Suk-yeol" and "Yoon Suk Yeol", "Владимир Путин", or only "Prabowo" once the full name is given.
Extraction keeps each page's own spelling (it is what the sentence says, and what the evaluation kit scores);
this module decides who the names stand for, so that events, search, filters and the person page speak of
one person.

Who is who, in order:

1. the office-holder table knows the name under any of its listed spellings: its international form;
2. else the name's *identity key*: the name in Latin letters (``anyascii`` for other scripts, one syllable
   per Chinese character or Hangul block), without diacritics, case, dots and hyphens, its words sorted and
   joined, so that name order, hyphenation and spacing ("Kim Jong-un", "Kim Jong Un", "Jong Un Kim") do not
   matter; names of one state with one key are one person;
3. a name whose words are all among those of exactly one other person of its state is a short form of it
   ("Prabowo" of "Prabowo Subianto"); with two candidates it stays apart.

The canonical name is the table's international form, else the spelling in Latin letters with the most
diacritics (the person's own language keeps them: "Bùi Thanh Sơn" over "Bui Thanh Son"), else the most
reported; a name seen only in another script is shown in its Latin form, the original kept as an alias.

The tables ``people``, ``person_names`` and ``person_events`` are derived from the stored mentions and events:
:func:`refresh` builds them again after each ingest run, from what the store holds, so a rebuild and an
incremental run give the same people.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, TypeVar

from anyascii import anyascii

from communique import officeholders
from communique.store import UPGRADES, insert_columns
from communique.text import strip_diacritics

T = TypeVar("T")
_SYLLABIC = ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "HANGUL SYLLABLE")
_SEPARATORS = re.compile(r"[\s.\-‐–'’`]+")


@cache
def _syllabic(c: str) -> bool:
    return unicodedata.name(c, "").startswith(_SYLLABIC)


def latin(name: str) -> str:
    """``name`` in Latin letters, diacritics kept where it is already Latin ("Tô Lâm"); other scripts through
    anyascii, a Chinese character or Hangul block one syllable ("习近平" → "Xi Jin Ping")."""
    if is_latin(name):
        return name
    parts: list[str] = []
    for c in name:
        if _syllabic(c):
            parts.append(f" {anyascii(c).capitalize()} ")
        else:
            parts.append(c if _latin_char(c) else anyascii(c))
    return " ".join("".join(parts).split())


@cache
def _latin_char(c: str) -> bool:
    """A Latin letter, or no letter at all (a space, a hyphen, a digit)."""
    return c.isascii() or not c.isalpha() or unicodedata.name(c, "").startswith("LATIN")


def is_latin(name: str) -> bool:
    """Whether every letter of ``name`` is a Latin letter."""
    return all(_latin_char(c) for c in name)


def search_form(text: str) -> str:
    """How a name or a query is compared: Latin letters, no diacritics, lower case, single spaces."""
    return " ".join(strip_diacritics(anyascii(latin(text))).casefold().split())


@lru_cache(maxsize=100_000)
def words(name: str) -> tuple[str, ...]:
    """The words of a name as compared (:func:`search_form`, without dots, hyphens or apostrophes), sorted."""
    return tuple(sorted(w for w in _SEPARATORS.split(search_form(name)) if w))


@lru_cache(maxsize=100_000)
def identity_key(name: str) -> str:
    """Who ``name`` is, as far as spelling tells: the table's international form under any of its spellings,
    else the name's sorted words joined ("Kim Jong-un" = "Kim Jong Un" = "Jong Un Kim")."""
    return "".join(words(officeholders.international_name(name) or name))


def same_person(a: str, b: str) -> bool:
    """One person under two spellings: one identity, or the words of one name all among the other's
    ("Prabowo", "Prabowo Subianto")."""
    if identity_key(a) == identity_key(b):
        return True
    x, y = set(words(a)), set(words(b))
    return bool(x and y and (x <= y or y <= x))


def of_name(known: Mapping[tuple[str, str], T], name: str, countries: Iterable[str]) -> T | None:
    """What ``known`` says of a name as a report spelt it, keyed by (name, state): under one of the event's
    ``countries`` first, else under no state (""); a spelling two people of different states share is told
    apart by the state."""
    return next((known[(name, c)] for c in [*countries, ""] if (name, c) in known), None)


def _diacritics(name: str) -> int:
    return sum(1 for a, b in zip(name, strip_diacritics(name), strict=True) if a != b)


# -- the people of a store ----------------------------------------------------------------------------------


@dataclass
class _Person:
    country: str
    key: str
    words: set[str]
    international: str | None = None
    names: Counter = field(default_factory=Counter)  # spelling -> reports
    languages: set[str] = field(default_factory=set)
    titles: dict[tuple[str, str], list] = field(default_factory=dict)  # (title, language) -> [first, last, n]
    documents: set[str] = field(default_factory=set)
    seen: list[str] = field(default_factory=list)  # [first, last] report dates

    def absorb(self, other: _Person) -> None:
        self.names.update(other.names)
        self.languages |= other.languages
        self.documents |= other.documents
        for key, (first, last, n) in other.titles.items():
            self._title(key, first, n)
            self._title(key, last, 0)
        for day in other.seen:
            self._seen(day)

    def _title(self, key: tuple[str, str], day: str | None, n: int) -> None:
        span = self.titles.setdefault(key, [day, day, 0])
        if day:
            span[0] = min(filter(None, (span[0], day)))
            span[1] = max(filter(None, (span[1], day)))
        span[2] += n

    def _seen(self, day: str | None) -> None:
        if day:
            self.seen = [min([day, *self.seen[:1]]), max([day, *self.seen[1:]])]

    @property
    def name(self) -> str:
        if self.international:
            return self.international
        spellings = [n for n in self.names if is_latin(n)]
        if not spellings:
            return latin(max(self.names, key=lambda n: (self.names[n], n)))
        return max(spellings, key=lambda n: (_diacritics(n), self.names[n], len(n), n))


def _gather(rows: list[tuple[str, str | None, str | None, str | None, str | None, str]]) -> list[_Person]:
    """People from person mentions: (name, state, language, title as written, report date, document)."""
    found: dict[tuple[str, str], _Person] = {}
    for name, country, language, title, day, doc_id in rows:
        if not name:
            continue
        international = officeholders.international_name(name)
        key = "".join(words(international or name))
        if not key:
            continue
        person = found.get((country or "", key))
        if person is None:
            person = found[(country or "", key)] = _Person(country or "", key, set(words(international or name)))
        person.international = person.international or international
        person.names[name] += 1
        if language:
            person.languages.add(language)
        if title:
            person._title((title, language or ""), day, 1)
        person.documents.add(doc_id)
        person._seen(day)
    people = list(found.values())
    # short forms: all the words of one person among those of exactly one other of the same state
    by_country: dict[str, list[_Person]] = {}
    for person in people:
        by_country.setdefault(person.country, []).append(person)
    merged: set[int] = set()
    for group in by_country.values():
        for person in sorted(group, key=lambda p: len(p.words)):
            if person.international:
                continue
            longer = [o for o in group if o is not person and id(o) not in merged and person.words < o.words]
            if len(longer) == 1:
                longer[0].absorb(person)
                merged.add(id(person))
    return [p for p in people if id(p) not in merged]


def _slug(name: str) -> str:
    return "-".join(w for w in re.split(r"[^a-z0-9]+", search_form(name)) if w)


_MENTIONS_SQL = """
SELECT m.value, m.country, m.language, nullif(m.detail, ''), coalesce(d.doc_date, substr(d.published, 1, 10)),
       m.doc_id
FROM mentions m JOIN documents d USING (doc_id) WHERE m.kind = 'person'
"""


def refresh(con) -> int:
    """Build the people tables again from the stored person mentions and events; return how many people.

    Run inside the caller's transaction or on its own: it replaces the three tables in one statement each."""
    people = _gather(con.execute(_MENTIONS_SQL).fetchall())
    people.sort(key=lambda p: (-len(p.documents), p.name, p.country))
    ids: dict[int, str] = {}
    taken: set[str] = set()
    for person in people:
        base = _slug(person.name) or person.key
        person_id = base if base not in taken else f"{base}-{person.country.lower() or 'xxx'}"
        n = 2
        while person_id in taken:
            person_id, n = f"{base}-{person.country.lower()}-{n}", n + 1
        taken.add(person_id)
        ids[id(person)] = person_id
    # every spelling to its person, with the person's state ("" for none)
    names = {(name, p.country): ids[id(p)] for p in people for name in p.names}
    events = sorted(
        {
            (person_id, event_id)
            for event_id, countries, event_people in con.execute(
                "SELECT cluster_id, countries, people FROM event_clusters"
            ).fetchall()
            for name in event_people or []
            if (person_id := of_name(names, name, countries)) is not None
        }
    )
    n_events = Counter(person_id for person_id, _ in events)
    columns: dict[str, list[Any]] = {
        k: []
        for k in (
            "person_id",
            "name",
            "country",
            "aliases",
            "search",
            "languages",
            "offices",
            "terms",
            "n_reports",
            "n_documents",
            "n_events",
            "first_seen",
            "last_seen",
        )
    }
    for person in people:
        person_id = ids[id(person)]
        aliases = sorted(set(person.names) | officeholders.table().aliases.get(person.international or "", set()))
        aliases = [a for a in aliases if a != person.name]
        offices = [
            {"title": title, "language": language, "first": first, "last": last, "reports": n}
            for (title, language), (first, last, n) in sorted(person.titles.items(), key=lambda kv: kv[1][0] or "")
        ]
        terms = [
            {
                "office": t.office,
                "country": t.country,
                "start": t.start.isoformat(),
                "end": t.end.isoformat() if t.end else None,
            }
            for t in (officeholders.terms_of(person.international) if person.international else [])
        ]
        for column, value in (
            ("person_id", person_id),
            ("name", person.name),
            ("country", person.country or None),
            ("aliases", aliases),
            ("search", "\n".join(search_form(n) for n in [person.name, *aliases])),
            ("languages", sorted(person.languages)),
            ("offices", json.dumps(offices, ensure_ascii=False)),
            ("terms", json.dumps(terms)),
            ("n_reports", sum(person.names.values())),
            ("n_documents", len(person.documents)),
            ("n_events", n_events.get(person_id, 0)),
            ("first_seen", person.seen[0] if person.seen else None),
            ("last_seen", person.seen[-1] if person.seen else None),
        ):
            columns[column].append(value)
    con.execute("DELETE FROM people")
    con.execute("DELETE FROM person_names")
    con.execute("DELETE FROM person_events")
    insert_columns(con, "people", columns)
    insert_columns(
        con,
        "person_names",
        {
            "name": [n for n, _ in names],
            "country": [c or None for _, c in names],
            "person_id": list(names.values()),
        },
    )
    insert_columns(con, "person_events", {"person_id": [p for p, _ in events], "event_id": [e for _, e in events]})
    return len(people)


UPGRADES["people"] = refresh  # a store from before the people tables gets them when opened
