"""Targets tracked over time: one pledge, every report of it, and how its value moved.

A target report is an amount with what it measures (``metric_key``: bilateral trade, investment, tourist
arrivals... in the shared vocabulary of ``data/metrics.toml``), a unit and a year. Two states restate the same
pledge for years ("bilateral trade of USD 150 billion by 2030"), and raise or lower it; a pledge is therefore
the pair of states, the measure, the unit and the year, and its history is its reports in the order they
were published: first stated, restated (same value), raised or lowered. A report whose measure no language
file names stays a pledge of its own (its resolved target).
"""

from __future__ import annotations

from typing import Any

from communique.extract.targets import metric_kind
from communique.languages import load, metric_labels
from communique.store import UPGRADES

_REPORTS_SQL = """
SELECT t.target_id AS report_id, t.cluster AS target_id, t.doc_id, t.countries, t.metric, t.metric_key, t.value,
       t.unit, t.year, t.language, coalesce(d.doc_date, substr(d.published, 1, 10)) AS reported, d.ingest_seq
FROM targets t JOIN documents d USING (doc_id)
WHERE list_contains(t.countries, ?) AND list_contains(t.countries, ?)
ORDER BY reported NULLS LAST, d.ingest_seq, t.target_id
"""


def _change(previous: float | None, value: float) -> str:
    if previous is None:
        return "first stated"
    if value == previous:
        return "restated"
    return "raised" if value > previous else "lowered"


def of_dyad(cur, a: str, b: str) -> list[dict[str, Any]]:
    """The pledges of two states, each with its history, the most reported first."""
    labels = metric_labels()
    grouped: dict[tuple, dict[str, Any]] = {}
    result = cur.execute(_REPORTS_SQL, [a, b])
    names = [d[0] for d in result.description]
    for values in result.fetchall():
        r = dict(zip(names, values, strict=True))
        measure = r["metric_key"] or f"target:{r['target_id']}"
        key = (measure, r["unit"], r["year"])
        pledge = grouped.get(key)
        if pledge is None:
            pledge = grouped[key] = {
                "metric_key": r["metric_key"],
                "metric": labels.get(r["metric_key"]) if r["metric_key"] else r["metric"],
                "unit": r["unit"],
                "year": r["year"],
                "history": [],
                "documents": set(),
                "targets": [],
            }
        pledge["documents"].add(r["doc_id"])
        if r["target_id"] not in pledge["targets"]:
            pledge["targets"].append(r["target_id"])
        history = pledge["history"]
        if history and history[-1]["date"] == r["reported"] and history[-1]["value"] == r["value"]:
            history[-1]["reports"] += 1
            continue
        previous = history[-1]["value"] if history else None
        history.append(
            {
                "date": r["reported"],
                "value": r["value"],
                "change": _change(previous, r["value"]),
                "reports": 1,
                "doc_id": r["doc_id"],
                "language": r["language"],
            }
        )
    pledges = []
    for pledge in grouped.values():
        history = pledge["history"]
        pledge["documents"] = len(pledge["documents"])
        pledge["value"] = history[-1]["value"]
        pledge["first_stated"] = history[0]["date"]
        pledge["last_stated"] = history[-1]["date"]
        pledge["changes"] = [h["change"] for h in history if h["change"] in ("raised", "lowered")]
        pledge["steps"] = _steps(history)
        pledges.append(pledge)
    pledges.sort(key=lambda p: (-p["documents"], p["unit"], p["year"] or 9999, p["metric"] or ""))
    return pledges


def _steps(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The history told by its changes: each value as first stated, raised or lowered, with how often and until
    when it was restated — a pledge restated forty times reads in a line."""
    steps: list[dict[str, Any]] = []
    for h in history:
        if h["change"] == "restated" and steps:
            steps[-1]["restated"] += 1
            steps[-1]["last"] = h["date"]
            continue
        steps.append({"date": h["date"], "value": h["value"], "change": h["change"], "restated": 0, "last": h["date"]})
    return steps


def label_metrics(con) -> None:
    """Upgrade step: the measure of every stored target, read again from its sentence."""
    rows = con.execute(
        "SELECT t.target_id, t.language, s.text, t.start_char - s.start_char, t.end_char - s.start_char "
        "FROM targets t JOIN sentences s ON s.doc_id = t.doc_id AND s.idx = t.sentence"
    ).fetchall()
    for target_id, language, text, start, end in rows:
        key = metric_kind(text, start, end, load(language))
        if key:
            con.execute("UPDATE targets SET metric_key = ? WHERE target_id = ?", [key, target_id])


UPGRADES["target metrics"] = label_metrics
