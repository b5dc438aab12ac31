"""Export: the stored facts as the evaluation format, JSON lines, CSV or Parquet.

``eval`` is exactly the per-document format of the evaluation kit's SCHEMA.md, so ``score.py`` can score a
run. ``jsonl`` is the same per document plus provenance (sentence, offsets, evidence text) for every fact.
``csv`` and ``parquet`` write one table of facts (``--table events|agreements|targets|documents``).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from communique.store import Store

FORMATS = ("eval", "jsonl", "csv", "parquet")
TABLES = {
    "events": "SELECT event_id, doc_id, type, mode, countries, people, date, place, areas, cluster, language, "
    "sentence, start_char, end_char FROM events ORDER BY doc_id, seq",
    "agreements": "SELECT agreement_id, doc_id, countries, title, date, language, sentence, start_char, end_char "
    "FROM agreements ORDER BY doc_id, seq",
    "targets": "SELECT target_id, doc_id, countries, metric, value, unit, year, text, language, sentence, "
    "start_char, end_char FROM targets ORDER BY doc_id, seq",
    "documents": "SELECT doc_id, url, published, doc_date, language, title, home_country, diplomatic, source, "
    "content_hash FROM documents ORDER BY doc_id",
}


def _by_doc(store: Store, sql: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in store.query(sql):
        grouped.setdefault(row["doc_id"], []).append(row)
    return grouped


def documents(store: Store, provenance: bool = False) -> Iterator[dict[str, Any]]:
    """One dictionary per stored document, in the evaluation schema (plus provenance if asked)."""
    events = _by_doc(store, "SELECT * FROM events ORDER BY doc_id, seq")
    agreements = _by_doc(store, "SELECT * FROM agreements ORDER BY doc_id, seq")
    targets = _by_doc(store, "SELECT * FROM targets ORDER BY doc_id, seq")
    sentences: dict[str, dict[int, str]] = {}
    if provenance:
        for row in store.query("SELECT doc_id, idx, text FROM sentences"):
            sentences.setdefault(row["doc_id"], {})[row["idx"]] = row["text"]
    for doc in store.query("SELECT doc_id, language, diplomatic, url, doc_date FROM documents ORDER BY doc_id"):
        doc_id = doc["doc_id"]

        def where(row: dict[str, Any], doc_id: str = doc_id) -> dict[str, Any]:
            return {
                "sentence": row["sentence"],
                "start": row["start_char"],
                "end": row["end_char"],
                "evidence": sentences.get(doc_id, {}).get(row["sentence"]),
            }

        out: dict[str, Any] = {
            "doc_id": doc_id,
            "language": doc["language"],
            "diplomatic": bool(doc["diplomatic"]),
            "events": [
                dict(
                    {
                        "type": e["type"],
                        "mode": e["mode"],
                        "countries": list(e["countries"]),
                        "people": list(e["people"]),
                        "date": e["date"],
                        "place": e["place"],
                        "areas": list(e["areas"]),
                        "cluster": e["cluster"],
                    },
                    **({"provenance": where(e)} if provenance else {}),
                )
                for e in events.get(doc_id, [])
            ],
            "agreements": [
                dict(
                    {"countries": list(a["countries"]), "title": a["title"], "date": a["date"]},
                    **({"provenance": where(a)} if provenance else {}),
                )
                for a in agreements.get(doc_id, [])
            ],
            "targets": [
                dict(
                    {
                        "countries": list(t["countries"]),
                        "metric": t["metric"],
                        "value": t["value"],
                        "unit": t["unit"],
                        "year": t["year"],
                    },
                    **({"provenance": where(t)} if provenance else {}),
                )
                for t in targets.get(doc_id, [])
            ],
        }
        if provenance:
            out.update(url=doc["url"], doc_date=doc["doc_date"])
        yield out


def write(store: Store, fmt: str, out: Path | None, table: str = "events") -> int:
    """Write an export; return the number of records written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet needs --out FILE (it is a binary format)")
        relation = store.con.sql(TABLES[table])
        relation.write_parquet(str(out))
        return store.con.execute(f"SELECT count(*) FROM ({TABLES[table]})").fetchone()[0]
    handle: IO[str] = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt in ("eval", "jsonl"):
            n = 0
            for doc in documents(store, provenance=fmt == "jsonl"):
                handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
                n += 1
            return n
        rows = store.query(TABLES[table])
        writer = csv.writer(handle)
        if rows:
            writer.writerow(rows[0].keys())
        for row in rows:
            writer.writerow(["|".join(v) if isinstance(v, list) else v for v in row.values()])
        return len(rows)
    finally:
        if out:
            handle.close()
