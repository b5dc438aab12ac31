"""A store the size of an analyst's archive, built in seconds, for testing the pages and API at scale.

Extraction and resolution of 10,000 real reports take tens of minutes; the read side (pages, charts, API,
people) only needs the tables they produce. This writes those tables directly — documents, sentences, person
mentions, reports and resolved events, agreements and targets — with the shapes ingestion gives them: ten
years of meetings between Vietnam and its partners (one pair with well over a thousand), principals who held
office at the date (from the shipped office-holder table) written as each language writes them ("To Lam" in
English, "Tô Lâm" in Vietnamese, "Tập Cận Bình" for Xi Jinping), several reports per event, agreements, and
pledges restated and raised over the years. Then the people tables are derived as after an ingest run.

    .venv/bin/python tests/scale_store.py /tmp/scale.duckdb --events 10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from communique import officeholders, people  # noqa: E402
from communique.languages import AREAS  # noqa: E402
from communique.store import Store, insert_columns  # noqa: E402
from communique.text import strip_diacritics  # noqa: E402

HOME = "VNM"
# partner -> share of the events; CHN is the pair with "hundreds of meetings" (well over a thousand here)
PARTNERS = dict(
    CHN=12, FRA=4, RUS=5, KOR=5, JPN=6, USA=4, LAO=4, KHM=3, IND=2, DEU=2, SGP=2, AUS=2, IDN=2, MYS=1, THA=1, GBR=1
)
CAPITALS = {
    "VNM": "Hanoi",
    "CHN": "Beijing",
    "FRA": "Paris",
    "RUS": "Moscow",
    "KOR": "Seoul",
    "JPN": "Tokyo",
    "USA": "Washington",
    "LAO": "Vientiane",
    "KHM": "Phnom Penh",
    "IND": "New Delhi",
    "DEU": "Berlin",
    "SGP": "Singapore",
    "AUS": "Canberra",
    "IDN": "Jakarta",
    "MYS": "Kuala Lumpur",
    "THA": "Bangkok",
    "GBR": "London",
}
LANGUAGES = ("en", "vi", "fr", "de", "id", "es")
OFFICES = ("head_of_state", "party_leader", "head_of_government", "foreign_minister")
FIRST_DAY, DAYS = dt.date(2016, 1, 1), 3650
METRICS = (
    ("trade", "bilateral trade", "USD", 1e9),
    ("investment", "two-way investment", "USD", 1e9),
    ("tourism", "tourist arrivals", "count", 1e5),
)


def _holders() -> dict[tuple[str, str], list[officeholders.Term]]:
    found: dict[tuple[str, str], list[officeholders.Term]] = {}
    for terms in officeholders.table().terms.values():
        for term in terms:
            if term not in found.setdefault((term.country, term.office), []):
                found[(term.country, term.office)].append(term)
    return found


def _written(name: str, language: str, rng: random.Random) -> str:
    """The name as a report in ``language`` writes it: a Vietnamese reading where the table lists one, the
    form without diacritics in other languages half the time."""
    aliases = officeholders.table().aliases.get(name, set())
    if language == "vi":
        readings = sorted(a for a in aliases if people.is_latin(a) and a != strip_diacritics(a))
        return readings[0] if readings and rng.random() < 0.8 else name
    return strip_diacritics(name) if language != "vi" and rng.random() < 0.5 else name


def build(path: Path, events: int = 10_000, seed: int = 7) -> dict[str, int]:
    """Write a store of ``events`` events at ``path``; return the row counts."""
    rng = random.Random(seed)
    holders = _holders()
    partners = [p for p, w in PARTNERS.items() for _ in range(w)]
    rows: dict[str, dict[str, list[Any]]] = {}

    def add(table: str, **values: Any) -> None:
        columns = rows.setdefault(table, {k: [] for k in values})
        for key, value in values.items():
            columns[key].append(value)

    for n in range(events):
        partner = rng.choice(partners)
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        office = rng.choices(OFFICES, weights=(3, 2, 4, 5))[0]
        principals: list[tuple[str, str]] = []
        for country in (HOME, partner):
            for term in holders.get((country, office), []) or holders.get((country, "head_of_state"), []):
                if term.holds(day):
                    principals.append((term.name, country))
                    break
        language = rng.choice(LANGUAGES)
        host = rng.choice((HOME, partner))
        place = CAPITALS[host]
        countries = sorted((HOME, partner))
        areas = sorted(rng.sample(AREAS, rng.randint(1, 4)))
        reports = max(1, int(rng.paretovariate(1.3)))
        cluster_id = f"scale/{n:05d}#e1"
        written = [_written(name, language, rng) for name, _ in principals]
        doc_id = f"scale/{n:05d}"
        sentence = (
            f"On {day.isoformat()}, {' and '.join(written) or 'the two delegations'} met in {place} to discuss "
            f"{', '.join(areas)} between {countries[0]} and {countries[1]}."
        )
        add(
            "documents",
            doc_id=doc_id,
            content_hash=hashlib.sha256(doc_id.encode()).hexdigest(),
            source=None,
            url=f"https://{rng.choice(('www', 'en', 'm'))}.outlet{rng.randrange(40)}.example/{n}",
            published=day.isoformat(),
            doc_date=day.isoformat(),
            language=language,
            title=sentence[:60],
            home_country=HOME,
            diplomatic=True,
            text=sentence,
            ingested_at=dt.datetime(2026, 1, 1),
            ingest_seq=n + 1,
        )
        add("document_search", doc_id=doc_id, folded=strip_diacritics(sentence).lower())
        add("sentences", doc_id=doc_id, idx=0, start_char=0, end_char=len(sentence), text=sentence)
        for (_, country), surface in zip(principals, written, strict=True):
            start = sentence.index(surface)
            add(
                "mentions",
                doc_id=doc_id,
                kind="person",
                text=surface,
                value=surface,
                country=country,
                detail=office.replace("_", " "),
                sentence=0,
                start_char=start,
                end_char=start + len(surface),
                language=language,
            )
        add(
            "events",
            event_id=cluster_id,
            doc_id=doc_id,
            seq=1,
            type="CONSULT",
            mode="visit",
            countries=countries,
            people=written,
            date=day.isoformat(),
            place=place,
            areas=areas,
            cluster=cluster_id,
            sentence=0,
            start_char=0,
            end_char=len(sentence),
            evidence_sentences=[0],
            language=language,
        )
        add(
            "event_clusters",
            cluster_id=cluster_id,
            block=f"CONSULT|{'-'.join(countries)}",
            type="CONSULT",
            countries=countries,
            date=day.isoformat(),
            mode="visit",
            place=place,
            people=written,
            areas=areas,
            n_mentions=reports,
            n_documents=reports,
            n_sources=max(1, reports - 1),
            languages=sorted({language, *rng.sample(LANGUAGES, min(reports, 3) - 1)}),
            first_report=day.isoformat(),
            last_report=(day + dt.timedelta(days=rng.randrange(3))).isoformat(),
            disagreements="{}",
            state="{}",
        )
        # what a fact found in the document's one sentence, and reported once, has in common
        where = {"sentence": 0, "start_char": 0, "end_char": len(sentence), "language": language}
        once = {
            "n_mentions": 1,
            "n_documents": 1,
            "n_sources": 1,
            "languages": [language],
            "first_report": day.isoformat(),
            "last_report": day.isoformat(),
            "state": "{}",
        }
        if rng.random() < 0.15:
            agreement_id = f"{doc_id}#a1"
            title = f"Memorandum of understanding on {rng.choice(areas)} cooperation"
            add(
                "agreements",
                agreement_id=agreement_id,
                doc_id=doc_id,
                seq=1,
                countries=countries,
                title=title,
                date=day.isoformat(),
                **where,
                cluster=agreement_id,
            )
            add(
                "agreement_clusters",
                cluster_id=agreement_id,
                block=f"AGREE|{'-'.join(countries)}",
                countries=countries,
                title=title,
                titles=[title],
                date=day.isoformat(),
                **once,
            )
        if rng.random() < 0.05:  # a pledge, restated or raised as the years go by
            key, metric, unit, scale = rng.choice(METRICS)
            year = 2030 if day.year >= 2020 else 2025
            value = float(scale * (20 + 10 * ((day.year - 2016) // 3)) * (2 if partner == "CHN" else 1))
            target_id = f"{doc_id}#t1"
            add(
                "targets",
                target_id=target_id,
                doc_id=doc_id,
                seq=1,
                countries=countries,
                metric=metric,
                metric_key=key,
                value=value,
                unit=unit,
                year=year,
                text=f"{value:,.0f}",
                **where,
                cluster=target_id,
            )
            add(
                "target_clusters",
                cluster_id=target_id,
                block=f"{'-'.join(countries)}|{unit}|{year}",
                countries=countries,
                metric=metric,
                value=value,
                unit=unit,
                year=year,
                **once,
            )
    with Store(path) as store:
        con = store.con
        with store.transaction():
            for table, columns in rows.items():
                insert_columns(con, table, columns)
            people.refresh(con)
        return {table: len(next(iter(columns.values()))) for table, columns in rows.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    if args.db.exists():
        raise SystemExit(f"{args.db} exists: give a new path")
    for table, n in build(args.db, args.events).items():
        print(f"{table}: {n:,}")


if __name__ == "__main__":
    main()
