"""Score communique on the evaluation kit's sets (``../shared/eval``): overall, per language, and per half.

Usage: python benchmarks/evaluate.py [--eval-dir ../shared/eval] [--set dev2] [--json] [--diff HALF]

Each set is ingested into a fresh store, exported with ``export --format eval`` and scored with the kit's own
``score.py``. dev2 is split in two halves, each language on its own: half A holds the first half of each
language's ids in sorted order (the half whose errors we study), half B the rest (measured only after a
change). Rules fitted to half A that do not carry over to half B are fitting, not extraction.
"""

from __future__ import annotations

import argparse
import io
import json
import runpy
import sys
import tempfile
from collections import defaultdict
from contextlib import redirect_stdout
from pathlib import Path

from click.testing import CliRunner

from communique.cli import cli as cli_main

DEFAULT_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
ACCURACIES = ("mode.accuracy", "place.accuracy", "diplomatic.accuracy")
FACTS = ("events", "events.loose", "people", "areas", "agreements", "targets", "clusters")


def predict(docs: Path, workdir: Path) -> Path:
    """Ingest ``docs`` into a new store in ``workdir`` and export the eval file; return its path."""
    db, pred = workdir / "eval.duckdb", workdir / "pred.jsonl"
    runner = CliRunner()
    ingest = runner.invoke(cli_main, ["--db", str(db), "ingest", str(docs)])
    if ingest.exit_code not in (0, 1):
        raise RuntimeError(f"ingest failed: {ingest.output}")
    export = runner.invoke(cli_main, ["--db", str(db), "export", "--format", "eval", "--out", str(pred)])
    if export.exit_code != 0:
        raise RuntimeError(f"export failed: {export.output}")
    return pred


def halves(ids: list[str]) -> dict[str, str]:
    """'A' or 'B' for each id: per language (the id's second part), the first half in sorted order is A."""
    by_language: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(ids):
        parts = doc_id.split("-")
        by_language[parts[1] if len(parts) > 2 else ""].append(doc_id)
    half = {}
    for members in by_language.values():
        cut = (len(members) + 1) // 2
        for i, doc_id in enumerate(members):
            half[doc_id] = "A" if i < cut else "B"
    return half


class Scorer:
    """The kit's score.py, called as a library."""

    def __init__(self, eval_dir: Path):
        self.module = runpy.run_path(str(eval_dir / "score.py"))

    def load(self, path: Path) -> dict:
        return self.module["load"](str(path))

    def score(self, gold: dict, pred: dict) -> tuple[dict, dict]:
        result = self.module["score"](gold, pred)
        return result[0], (result[2] if len(result) > 2 else {})


def evaluate(eval_dir: Path, name: str) -> dict:
    """Scores of one set: overall, per half (A/B) and per language; diffs per document."""
    scorer = Scorer(eval_dir)
    with tempfile.TemporaryDirectory() as tmp:
        pred = scorer.load(predict(eval_dir / name / "docs.jsonl", Path(tmp)))
    gold = scorer.load(eval_dir / name / "gold.jsonl")
    overall, diffs = scorer.score(gold, pred)
    out = {"overall": overall, "diffs": diffs, "groups": {}}
    if name != "dev":
        half = halves(list(gold))
        groups: dict[str, list[str]] = defaultdict(list)
        for doc_id in gold:
            groups[f"half {half[doc_id]}"].append(doc_id)
            groups[f"lang {doc_id.split('-')[1]}" if doc_id.count("-") >= 2 else "lang ?"].append(doc_id)
        for group, ids in sorted(groups.items()):
            sub_gold = {i: gold[i] for i in ids}
            sub_pred = {i: pred[i] for i in ids if i in pred}
            out["groups"][group] = scorer.score(sub_gold, sub_pred)[0]
    return out


def _cell(value) -> str:
    return "    -" if value is None else f"{value:5.2f}"


def table(name: str, result: dict) -> str:
    rows = [("all", result["overall"])] + sorted(result["groups"].items())
    lines = [
        f"{name}: F1 per fact (events strict / loose), accuracies",
        f"{'':<10}"
        + "".join(f"{f.replace('events.loose', 'loose'):>9}" for f in FACTS)
        + "     mode    place   diplo   docs",
    ]
    for label, r in rows:
        cells = "".join(f"{_cell(r[f]['f1'] if isinstance(r.get(f), dict) else None):>9}" for f in FACTS)
        accuracies = "".join(f"{_cell(r.get(k)):>8}" for k in ACCURACIES)
        docs = r.get("documents", {})
        lines.append(f"{label:<10}{cells} {accuracies}   {docs.get('predicted', '?')}/{docs.get('gold', '?')}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--set", action="append", dest="sets", help="dev, dev2 (default: both)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--diff", choices=["A", "B", "all"], help="also list missed/extra facts of dev2's half")
    args = parser.parse_args()
    if not (args.eval_dir / "score.py").exists():
        print(f"no evaluation kit at {args.eval_dir}", file=sys.stderr)
        return 2
    results = {}
    for name in args.sets or ["dev", "dev2"]:
        if (args.eval_dir / name / "docs.jsonl").exists():
            with redirect_stdout(io.StringIO()):
                results[name] = evaluate(args.eval_dir, name)
    if args.json:
        print(json.dumps({k: {"overall": v["overall"], "groups": v["groups"]} for k, v in results.items()}))
        return 0
    for name, result in results.items():
        print(table(name, result), end="\n\n")
    if args.diff and "dev2" in results:
        half = halves(list(results["dev2"]["diffs"]))
        for doc_id, lines in sorted(results["dev2"]["diffs"].items()):
            if lines and (args.diff == "all" or half.get(doc_id) == args.diff):
                print(doc_id)
                print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
