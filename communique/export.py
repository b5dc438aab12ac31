"""Export: the stored facts as the evaluation format, JSON lines, CSV or Parquet.

``eval`` is exactly the per-document format of the evaluation kit's SCHEMA.md, so ``score.py`` can score a
run. ``jsonl`` is the same per document plus provenance (sentence, offsets, evidence text) for every fact and
who each event's people are (``person_ids``, one per name as the report spelt it; see ``people.py``).
``csv`` and ``parquet`` write one table of facts (``--table events|agreements|targets|documents``).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from communique import people, queries
from communique.store import Store

FORMATS = ("eval", "jsonl", "csv", "parquet")


def documents(store: Store, provenance: bool = False, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
    """One dictionary per stored document (or the one ``doc_id``), in the evaluation schema (plus provenance
    if asked)."""
    events = queries.facts_by_doc(store.con, "events", doc_id)
    agreements = queries.facts_by_doc(store.con, "agreements", doc_id)
    targets = queries.facts_by_doc(store.con, "targets", doc_id)
    sentences = queries.sentence_texts(store.con, doc_id) if provenance else {}
    persons = queries.person_ids(store.con) if provenance else {}
    for doc in queries.export_documents(store.con, doc_id):
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
                    **(
                        {
                            "person_ids": [people.of_name(persons, n, e["countries"]) for n in e["people"]],
                            "provenance": where(e),
                        }
                        if provenance
                        else {}
                    ),
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
        store.con.sql(queries.EXPORT_TABLES[table]).write_parquet(str(out))
        return queries.export_count(store.con, table)
    handle: IO[str] = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt in ("eval", "jsonl"):
            n = 0
            for doc in documents(store, provenance=fmt == "jsonl"):
                handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
                n += 1
            return n
        rows = queries.export_rows(store.con, table)
        writer = csv.writer(handle)
        if rows:
            writer.writerow(rows[0].keys())
        for row in rows:
            writer.writerow(["|".join(v) if isinstance(v, list) else v for v in row.values()])
        return len(rows)
    finally:
        if out:
            handle.close()
