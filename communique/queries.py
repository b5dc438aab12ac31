"""Read-side queries over the store, shared by the HTTP API and the web pages.

Every query is parameterised; filters are validated before they get here (the API's types) and only ever
become bound parameters. Lists come with their total so that every list can be paged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry
from babel import Locale

from communique import officeholders, people, pledges
from communique.text import strip_diacritics, strip_diacritics_sql

EVENT_COLUMNS = (
    "cluster_id AS event_id, type, mode, countries, date, place, people, areas, n_mentions AS reports, "
    "n_documents AS documents, n_sources AS source_count, languages, first_report, last_report"
)


@cache
def country_name(code: str) -> str:
    """English CLDR name of an ISO alpha-3 code ("KOR" -> "South Korea")."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return Locale.parse("en").territories.get(country.alpha_2, country.name)


@dataclass
class Filters:
    country: str | None = None
    partner: str | None = None
    since: str | None = None
    until: str | None = None
    area: str | None = None
    type: str | None = None
    language: str | None = None
    q: str | None = None
    person: str | None = None  # a person_id: the events this person took part in

    def where(self, table: str) -> tuple[str, list[Any]]:
        """SQL condition and parameters for a table of facts: resolved (``event_clusters``...) or per report."""
        resolved = table.endswith("_clusters")
        kind = table.removesuffix("_clusters").removesuffix("s")  # event, agreement or target
        clauses: list[str] = []
        params: list[Any] = []
        for code in (self.country, self.partner):
            if code:
                clauses.append("list_contains(countries, ?)")
                params.append(code.upper())
        has_date = kind in ("event", "agreement")  # targets have a year, not a date
        if self.since and has_date:
            clauses.append("date >= ? AND date NOT LIKE '--%'")
            params.append(self.since)
        if self.until and has_date:
            clauses.append("date <= ? AND date NOT LIKE '--%'")
            params.append(self.until + "\uffff")
        if self.area and kind == "event":
            clauses.append("list_contains(areas, ?)")
            params.append(self.area)
        if self.type and kind == "event":
            clauses.append("type = ?")
            params.append(self.type.upper())
        if self.language:
            clauses.append("list_contains(languages, ?)" if resolved else "language = ?")
            params.append(self.language.lower())
        event_key = "cluster_id" if resolved else "cluster"
        if self.person and kind == "event":
            clauses.append(f"{event_key} IN (SELECT event_id FROM person_events WHERE person_id = ?)")
            params.append(self.person)
        if self.q:
            text = {
                "event": "array_to_string(people, ' ') || ' ' || coalesce(place, '') || ' ' || "
                "array_to_string(areas, ' ')",
                "agreement": "array_to_string(titles, ' ')" if resolved else "title",
                "target": "coalesce(metric, '')",
            }[kind]
            clause = f"{strip_diacritics_sql(text)} ILIKE ? ESCAPE '\\'"
            params.append(_like(strip_diacritics(self.q)))
            if kind == "event":  # a person under any of their spellings: "Tập Cận Bình" finds Xi Jinping
                clause = (
                    f"({clause} OR {event_key} IN (SELECT event_id FROM person_events WHERE person_id IN "
                    "(SELECT person_id FROM people WHERE search LIKE ? ESCAPE '\\')))"
                )
                params.append(_like(people.search_form(self.q)))
            clauses.append(clause)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _rows(cur, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    result = cur.execute(sql, params or [])
    names = [d[0] for d in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def page_count(total: int, per_page: int) -> int:
    """How many pages ``total`` items fill, ``per_page`` a page; an empty list is one (empty) page."""
    return max(1, -(-total // per_page))


def _page(cur, table: str, columns: str, f: Filters, order: str, limit: int, offset: int) -> dict[str, Any]:
    where, params = f.where(table)
    total = cur.execute(f"SELECT count(*) FROM {table}{where}", params).fetchone()[0]
    items = _rows(
        cur, f"SELECT {columns} FROM {table}{where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def events(cur, f: Filters, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    page = _page(cur, "event_clusters", EVENT_COLUMNS, f, "date DESC NULLS LAST, cluster_id", limit, offset)
    with_people(cur, page["items"])
    return page


def with_people(cur, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each event row's ``people`` as canonical names, one per person ("To Lam" and "Tô Lâm" are "Tô Lâm"), and
    ``persons``: their ids and names, for links. A name the people tables do not know yet stays as written."""
    names = sorted({n for r in rows for n in r.get("people") or []})
    if not names:
        for r in rows:
            r["persons"] = []
        return rows
    known: dict[tuple[str, str], tuple[str, str]] = {}
    for start in range(0, len(names), 500):
        part = names[start : start + 500]
        for name, country, person_id, canonical in cur.execute(
            "SELECT n.name, coalesce(n.country, ''), p.person_id, p.name FROM person_names n "
            f"JOIN people p USING (person_id) WHERE n.name IN ({', '.join('?' * len(part))})",
            part,
        ).fetchall():
            known[(name, country)] = (person_id, canonical)
    for r in rows:
        persons: list[dict[str, Any]] = []
        for name in r.get("people") or []:
            person_id, canonical = people.of_name(known, name, r.get("countries") or []) or (None, name)
            if all(p["name"] != canonical for p in persons):
                persons.append({"id": person_id, "name": canonical})
        r["people"] = [p["name"] for p in persons]
        r["persons"] = persons
    return rows


PERSON_COLUMNS = (
    "person_id, name, country, aliases, languages, n_events AS events, n_documents AS documents, first_seen, last_seen"
)


def persons(cur, country: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """People, most events first; ``q`` matches any spelling, accents and case aside."""
    clauses, params = [], []
    if country:
        clauses.append("country = ?")
        params.append(country.upper())
    if q:
        clauses.append("search LIKE ? ESCAPE '\\'")
        params.append(_like(people.search_form(q)))
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = cur.execute(f"SELECT count(*) FROM people{where}", params).fetchone()[0]
    items = _rows(
        cur,
        f"SELECT {PERSON_COLUMNS} FROM people{where} ORDER BY n_events DESC, n_documents DESC, name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def person(cur, person_id: str, page: int = 1, per_page: int = 50) -> dict[str, Any] | None:
    """One person: names, offices as reported and as the office-holder table lists them, encounters counted
    by partner state and year, and one page of the encounters themselves, newest first."""
    found = _rows(cur, f"SELECT {PERSON_COLUMNS}, offices, terms FROM people WHERE person_id = ?", [person_id])
    if not found:
        return None
    result = found[0]
    result["offices"] = json.loads(result["offices"] or "[]")
    result["terms"] = json.loads(result["terms"] or "[]")
    titles: dict[str, dict[str, Any]] = {}  # one title as several languages' reports write it alike
    for o in result["offices"]:
        t = titles.setdefault(
            o["title"], {"title": o["title"], "languages": [], "first": None, "last": None, "reports": 0}
        )
        t["languages"] = sorted({*t["languages"], o["language"]})
        t["first"] = min(filter(None, (t["first"], o["first"])), default=None)
        t["last"] = max(filter(None, (t["last"], o["last"])), default=None)
        t["reports"] += o["reports"]
    result["titles"] = sorted(titles.values(), key=lambda t: -t["reports"])
    listed = events(cur, Filters(person=person_id), per_page, (page - 1) * per_page)
    result.update(events=listed["items"], total_events=listed["total"], page=page, per_page=per_page)
    result["pages"] = page_count(listed["total"], per_page)
    counts = cur.execute(
        "SELECT c, CASE WHEN date ~ '^[0-9]{4}' THEN substr(date, 1, 4) ELSE 'undated' END AS year, count(*) "
        "FROM (SELECT unnest(countries) AS c, date FROM event_clusters WHERE cluster_id IN "
        "(SELECT event_id FROM person_events WHERE person_id = ?)) WHERE c IS DISTINCT FROM ? GROUP BY 1, 2",
        [person_id, result["country"]],
    ).fetchall()
    years = sorted({year for _, year, _ in counts}, key=lambda y: (y == "undated", y))
    by_partner: dict[str, dict[str, int]] = {}
    for code, year, n in counts:
        by_partner.setdefault(code, {})[year] = n
    result["years"] = years
    result["partners"] = sorted(
        (
            {"code": code, "name": country_name(code), "by_year": per_year, "events": sum(per_year.values())}
            for code, per_year in by_partner.items()
        ),
        key=lambda p: (-p["events"], p["name"]),
    )
    result["country_name"] = country_name(result["country"]) if result["country"] else None
    return result


def agreements(cur, f: Filters, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    columns = (
        "cluster_id AS agreement_id, countries, title, titles, date, n_documents AS documents, languages, "
        "first_report, last_report"
    )
    return _page(cur, "agreement_clusters", columns, f, "first_report DESC NULLS LAST, cluster_id", limit, offset)


def targets(cur, f: Filters, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    columns = (
        "cluster_id AS target_id, countries, metric, value, unit, year, n_documents AS documents, "
        "languages, first_report, last_report"
    )
    return _page(cur, "target_clusters", columns, f, "year NULLS LAST, unit, value DESC, cluster_id", limit, offset)


def event(cur, event_id: str) -> dict[str, Any] | None:
    found = _rows(cur, f"SELECT {EVENT_COLUMNS}, disagreements FROM event_clusters WHERE cluster_id = ?", [event_id])
    if not found:
        return None
    result = with_people(cur, found)[0]
    result["disagreements"] = json.loads(result["disagreements"] or "{}")
    result["sources"] = _rows(  # the reports themselves; their number of outlets is ``source_count``
        cur,
        "SELECT e.event_id AS report_id, e.doc_id, d.url, d.title AS document_title, e.language, e.date, e.place, "
        "e.people, e.mode, s.text AS evidence, e.sentence, e.start_char, e.end_char, "
        "(SELECT list(x.text ORDER BY x.idx) FROM sentences x WHERE x.doc_id = e.doc_id AND x.idx <> e.sentence "
        "AND list_contains(e.evidence_sentences, x.idx)) AS more_evidence "
        "FROM events e JOIN documents d USING (doc_id) "
        "LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence "
        "WHERE e.cluster = ? ORDER BY d.ingest_seq, e.event_id",
        [event_id],
    )
    return result


def documents(cur, f: Filters, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Documents, newest first: by language and text (``q``), and by the facts they report (states, dates, area,
    type, person: the documents with a report of a matching event)."""
    clauses, params = [], []
    if f.language:
        clauses.append("language = ?")
        params.append(f.language.lower())
    if f.q:  # the folded copy made when the document was stored: no text is folded again at each query
        # ... or a person the text names under another spelling ("Tập Cận Bình" finds the reports of Xi Jinping)
        clauses.append(
            "(doc_id IN (SELECT doc_id FROM document_search WHERE folded LIKE ? ESCAPE '\\') OR doc_id IN "
            "(SELECT doc_id FROM mentions WHERE kind = 'person' AND value IN (SELECT n.name FROM person_names n "
            "JOIN people p USING (person_id) WHERE p.search LIKE ? ESCAPE '\\')))"
        )
        params += [_like(strip_diacritics(f.q).lower()), _like(people.search_form(f.q))]
    facts = Filters(f.country, f.partner, f.since, f.until, f.area, f.type, person=f.person)
    if any(vars(facts).values()):
        where, fact_params = facts.where("events")
        clauses.append(f"doc_id IN (SELECT doc_id FROM events{where})")
        params += fact_params
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = cur.execute(f"SELECT count(*) FROM documents{where}", params).fetchone()[0]
    items = _rows(
        cur,
        f"SELECT doc_id, title, url, language, doc_date, published, diplomatic FROM documents{where} "
        "ORDER BY ingest_seq DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def document(cur, doc_id: str) -> dict[str, Any] | None:
    found = _rows(
        cur,
        "SELECT doc_id, title, url, language, doc_date, published, home_country, diplomatic, text "
        "FROM documents WHERE doc_id = ?",
        [doc_id],
    )
    if not found:
        return None
    doc = found[0]
    doc["sentences"] = _rows(
        cur, "SELECT idx, start_char, end_char, text FROM sentences WHERE doc_id = ? ORDER BY idx", [doc_id]
    )
    doc["events"] = _rows(
        cur,
        "SELECT event_id AS report_id, cluster AS event_id, date, countries, people, place, "
        "sentence, evidence_sentences FROM events WHERE doc_id = ? ORDER BY seq",
        [doc_id],
    )
    doc["agreements"] = _rows(
        cur,
        "SELECT agreement_id AS report_id, cluster AS agreement_id, title, countries, "
        "sentence, start_char, end_char FROM agreements WHERE doc_id = ? ORDER BY seq",
        [doc_id],
    )
    doc["targets"] = _rows(
        cur,
        "SELECT target_id AS report_id, cluster AS target_id, value, unit, year, metric, metric_key, "
        "sentence, start_char, end_char FROM targets WHERE doc_id = ? ORDER BY seq",
        [doc_id],
    )
    return doc


def countries(cur, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """States with events, most events first (``limit`` of them after ``offset``; all by default)."""
    rows = _rows(
        cur,
        "SELECT c AS code, count(*) AS events FROM (SELECT unnest(countries) AS c FROM event_clusters) "
        "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ? OFFSET ?",
        [limit, offset],
    )
    for row in rows:
        row["name"] = country_name(row["code"])
    return rows


def countries_page(cur, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    total = cur.execute("SELECT count(DISTINCT c) FROM (SELECT unnest(countries) AS c FROM event_clusters)").fetchone()
    return {"items": countries(cur, limit, offset), "total": total[0], "limit": limit, "offset": offset}


def partners(cur, country: str) -> list[dict[str, Any]]:
    rows = _rows(
        cur,
        "SELECT c AS code, count(*) AS events, sum(n_documents) AS reports FROM "
        "(SELECT unnest(countries) AS c, n_documents FROM event_clusters WHERE list_contains(countries, ?)) "
        "WHERE c <> ? GROUP BY 1 ORDER BY 2 DESC, 1",
        [country, country],
    )
    for row in rows:
        row["name"] = country_name(row["code"])
    return rows


def events_per_month(cur, f: Filters) -> list[dict[str, Any]]:
    where, params = f.where("event_clusters")
    extra = " AND " if where else " WHERE "
    return _rows(
        cur,
        f"SELECT substr(date, 1, 7) AS month, count(*) AS events FROM event_clusters{where}{extra}"
        "date NOT LIKE '--%' AND date IS NOT NULL GROUP BY 1 ORDER BY 1",
        params,
    )


# heads of government include speakers of parliament, ministers include vice presidents (``OFFICE_RANK``)
LEVELS = ("heads of state", "heads of govt.", "ministers", "other officials")
DYAD_PAGE = 50  # meetings listed per page of a dyad
TIMELINE_MAX = 5000  # marks on a dyad's timeline chart


def level(event_people: list[str], date: str | None) -> str:
    """The level of an encounter: that of its highest principal at its date, as the office-holder table says."""
    ranks = [h.rank for n in event_people if (h := officeholders.table().holder(n, date)) and h.office]
    best = min(ranks, default=len(LEVELS))
    return LEVELS[min(best, len(LEVELS)) - 1]


def dyad(cur, a: str, b: str, page: int = 1, per_page: int = DYAD_PAGE) -> dict[str, Any]:
    """Everything two states did together, built for hundreds of meetings: a timeline of every dated meeting
    (date, level, who, where), areas by year, agreements and pledges with their history, and one page of
    the meeting list."""
    f = Filters(country=a, partner=b)
    listed = events(cur, f, limit=per_page, offset=(page - 1) * per_page)
    where, params = f.where("event_clusters")
    marks = with_people(
        cur,
        _rows(
            cur,
            f"SELECT cluster_id AS event_id, date, people, countries, place, mode, n_documents AS documents "
            f"FROM event_clusters{where} AND date IS NOT NULL AND date NOT LIKE '--%' ORDER BY date LIMIT ?",
            [*params, TIMELINE_MAX],
        ),
    )
    # columns, not one object per mark: a thousand meetings stay a small page
    timeline = {
        "levels": list(LEVELS),
        "id": [m["event_id"] for m in marks],
        "date": [m["date"] for m in marks],
        "level": [LEVELS.index(level(m["people"], m["date"])) for m in marks],
        "label": [", ".join(m["people"]) + (f" in {m['place']}" if m["place"] else "") for m in marks],
        "reports": [m["documents"] for m in marks],
    }
    signed = agreements(cur, f, limit=500)
    heat = _rows(
        cur,
        f"SELECT coalesce(substr(date, 1, 4), 'undated') AS period, area, count(*) AS events FROM "
        f"(SELECT date, unnest(areas) AS area FROM event_clusters{where}) GROUP BY 1, 2 ORDER BY 1, 2",
        params,
    )
    return {
        "countries": [{"code": c, "name": country_name(c)} for c in (a, b)],
        "events": listed["items"],
        "total_events": listed["total"],
        "page": page,
        "pages": page_count(listed["total"], per_page),
        "per_page": per_page,
        "timeline": timeline,
        "areas": heat,
        "agreements": signed["items"],
        "total_agreements": signed["total"],
        "targets": targets(cur, f, limit=500)["items"],
        "pledges": pledges.of_dyad(cur, a, b),
    }


# -- the command line's listings and summary, and the exports ------------------------------------------------

# What each listing shows: the resolved real-world facts, or (--mentions) every report of them.
LISTINGS = {
    "events": (
        "event_clusters",
        "cluster_id AS event_id, date, mode, countries, people, place, areas, n_documents AS documents, "
        "n_sources AS sources, languages",
        "events",
        "event_id, cluster AS event, date, mode, countries, people, place, areas, language",
        "date DESC NULLS LAST, 1",
    ),
    "agreements": (
        "agreement_clusters",
        "cluster_id AS agreement_id, date, countries, title, n_documents AS documents, languages",
        "agreements",
        "agreement_id, cluster AS agreement, date, countries, title, language",
        "1",
    ),
    "targets": (
        "target_clusters",
        "cluster_id AS target_id, countries, value, unit, year, metric, n_documents AS documents",
        "targets",
        "target_id, cluster AS target, countries, value, unit, year, metric, language",
        "1",
    ),
}


def listing(cur, kind: str, f: Filters, mentions: bool, limit: int) -> list[dict[str, Any]]:
    """Rows of ``communique events|agreements|targets``: one per fact, or one per report (``mentions``)."""
    cluster_table, cluster_columns, mention_table, mention_columns, order = LISTINGS[kind]
    table, columns = (mention_table, mention_columns) if mentions else (cluster_table, cluster_columns)
    where, params = f.where(table)
    return _rows(cur, f"SELECT {columns} FROM {table}{where} ORDER BY {order} LIMIT ?", [*params, limit])


def summary(cur) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Documents per language, the ten pairs of states with most events, the five latest dated events."""
    by_language = _rows(cur, "SELECT language, count(*) AS n FROM documents GROUP BY 1 ORDER BY 2 DESC")
    pairs = _rows(
        cur,
        "SELECT array_to_string(countries, '–') AS states, count(*) AS events, "
        "sum(n_documents) AS reports FROM event_clusters GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
    )
    latest = with_people(
        cur,
        _rows(
            cur,
            "SELECT date, countries, people, place, n_documents AS reports FROM event_clusters "
            "WHERE date NOT LIKE '--%' ORDER BY date DESC LIMIT 5",
        ),
    )
    latest = [
        {
            "date": e["date"],
            "states": "–".join(e["countries"]),
            "people": ", ".join(e["people"]),  # one canonical name per person
            "place": e["place"],
            "reports": e["reports"],
        }
        for e in latest
    ]
    return by_language, pairs, latest


def document_row(cur, doc_id: str) -> dict[str, Any] | None:
    found = _rows(cur, "SELECT * FROM documents WHERE doc_id = ?", [doc_id])
    return found[0] if found else None


# A report's names as it spelt them (``people``), and who they are (``person_ids``, ``persons``: canonical names)
_PERSONS_OF_REPORT = (
    "(SELECT list(p.person_id ORDER BY list_position(e.people, n.name)) FROM person_names n JOIN people p "
    "USING (person_id) WHERE list_contains(e.people, n.name) AND list_contains(e.countries, n.country))"
)
EXPORT_TABLES = {
    "events": "SELECT event_id, doc_id, type, mode, countries, people, "
    f"{_PERSONS_OF_REPORT} AS person_ids, date, place, areas, cluster, language, "
    "sentence, start_char, end_char FROM events e ORDER BY doc_id, seq",
    "agreements": "SELECT agreement_id, doc_id, countries, title, date, language, sentence, start_char, end_char "
    "FROM agreements ORDER BY doc_id, seq",
    "targets": "SELECT target_id, doc_id, countries, metric, value, unit, year, text, language, sentence, "
    "start_char, end_char FROM targets ORDER BY doc_id, seq",
    "documents": "SELECT doc_id, url, published, doc_date, language, title, home_country, diplomatic, source, "
    "content_hash FROM documents ORDER BY doc_id",
    "people": "SELECT person_id, name, country, aliases, languages, n_events AS events, n_documents AS documents, "
    "first_seen, last_seen FROM people ORDER BY person_id",
}


def person_ids(cur) -> dict[tuple[str, str], str]:
    """(name as a report spelt it, state or "") -> person id, for ``people.of_name``."""
    return {
        (name, country or ""): pid
        for name, country, pid in cur.execute("SELECT name, country, person_id FROM person_names").fetchall()
    }


def export_rows(cur, table: str) -> list[dict[str, Any]]:
    return _rows(cur, EXPORT_TABLES[table])


def export_count(cur, table: str) -> int:
    return cur.execute(f"SELECT count(*) FROM ({EXPORT_TABLES[table]})").fetchone()[0]


def _one_or_all(doc_id: str | None) -> tuple[str, list[Any]]:
    return (" WHERE doc_id = ?", [doc_id]) if doc_id is not None else ("", [])


def facts_by_doc(cur, table: str, doc_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every row of ``table`` (events, agreements, targets), grouped by document, in document order."""
    where, params = _one_or_all(doc_id)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in _rows(cur, f"SELECT * FROM {table}{where} ORDER BY doc_id, seq", params):
        grouped.setdefault(row["doc_id"], []).append(row)
    return grouped


def sentence_texts(cur, doc_id: str | None = None) -> dict[str, dict[int, str]]:
    where, params = _one_or_all(doc_id)
    texts: dict[str, dict[int, str]] = {}
    for row in _rows(cur, f"SELECT doc_id, idx, text FROM sentences{where}", params):
        texts.setdefault(row["doc_id"], {})[row["idx"]] = row["text"]
    return texts


def export_documents(cur, doc_id: str | None = None) -> list[dict[str, Any]]:
    where, params = _one_or_all(doc_id)
    return _rows(
        cur, f"SELECT doc_id, language, diplomatic, url, doc_date FROM documents{where} ORDER BY doc_id", params
    )
