"""End-to-end speed on real articles: the evaluation kit's dev2 texts, repeated, ingested into a new store.

Usage: python benchmarks/real_speed.py [--documents 2000] [--eval-dir ../shared/eval]

Real news is longer and messier than the synthetic corpus of ``ingest_speed.py`` (page furniture, ten
languages, many names), so this is the figure a user pointing communique at outlets will see. Each copy of an
article gets a line of its own at the end, so that its content hash differs and it is processed, not skipped.
Needs ``../shared/eval`` (the articles are evaluation material and are not shipped).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from communique.ingest import ingest  # noqa: E402
from communique.store import Store  # noqa: E402

DEFAULT_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--no-resolve", action="store_true", help="leave out cross-document resolution")
    parser.add_argument("--workers", type=int, default=1, help="processes running the pipeline")
    parser.add_argument(
        "--vary",
        action="store_true",
        help="mark every paragraph of a copy, so that its sentences differ from the original's (no cached "
        "embeddings: the cost of a stream of distinct articles rather than of syndicated copies)",
    )
    args = parser.parse_args()
    source = args.eval_dir / "dev2" / "docs.jsonl"
    if not source.exists():
        print(f"no evaluation kit at {args.eval_dir}", file=sys.stderr)
        return 2
    articles = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for i in range(args.documents):
                doc = dict(articles[i % len(articles)])
                doc["id"] = f"{doc['id']}-copy{i}"
                text = "\n".join(f"{line} [{i}]" if line.strip() else line for line in doc["text"].split("\n"))
                doc["text"] = text if args.vary else f"{doc['text']}\n\n(copy {i})"
                out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        start = time.perf_counter()
        with Store(Path(tmp) / "bench.duckdb") as store:
            report = ingest([corpus], store, resolve=not args.no_resolve, workers=args.workers)
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{report.stored} real articles ({len(articles)} distinct, 10 languages) in {seconds:.1f} s: "
        f"{report.stored / seconds:.1f} documents/s end to end"
        f"{' without' if args.no_resolve else ' with'} resolution, {args.workers} worker(s); "
        f"peak memory {peak_mb:.0f} MB (this process)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
