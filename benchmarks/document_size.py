"""Cost against document size: one long article of 100 KB up to 5 MB, ingested end to end (clean, language,
extract, resolve, store) into a new store each time. Cost should grow in proportion to size: a document
twice as long takes twice as long, never four times.

The article is our own sentences, one in five telling a meeting, a signing or a target, the rest the
background a long report carries, so that a page of it is about as dense in facts as real news. Run on demand:

    .venv/bin/python benchmarks/document_size.py [--sizes 100 250 500 1000 2000 5000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from communique.ingest import ingest  # noqa: E402
from communique.store import Store  # noqa: E402

FACTS = [
    "On {day} June, Prime Minister Pham Minh Chinh held talks in Hanoi with Thai Prime Minister Paetongtarn "
    "Shinawatra on trade, energy and tourism.",
    "The two sides signed a Memorandum of Understanding on Cooperation in Renewable Energy No. {n}.",
    "Both leaders agreed to raise bilateral trade to USD {n} billion by 2030.",
    "Later that day, President Luong Cuong received Chinese Premier Li Qiang at the Presidential Palace.",
    "Foreign Minister Bui Thanh Son held a phone call with his Japanese counterpart on {day} June.",
]
BACKGROUND = [
    "Trade between the two economies has grown steadily over the past decade, driven by electronics and farm products.",
    "Analysts said the agenda reflected a wider shift in the region's supply chains.",
    "The delegation also visited an industrial park and a university in the north of the country.",
    "Officials from both ministries will meet again before the end of the year to review progress.",
]


def article(kilobytes: int) -> str:
    """Paragraphs of four background sentences and one fact, up to ``kilobytes``."""
    parts, size, i = [], 0, 0
    while size < kilobytes * 1024:
        fact = FACTS[i % len(FACTS)].format(day=i % 28 + 1, n=i % 90 + 10)
        paragraph = " ".join([*BACKGROUND, fact]) + "\n\n"
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8"))
        i += 1
    return "".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 250, 500, 1000, 2000, 5000], help="KB")
    args = parser.parse_args()
    print("size KB | seconds | KB/s | events | sentences stored")
    with tempfile.TemporaryDirectory() as tmp:
        for kilobytes in args.sizes:
            source = Path(tmp) / f"{kilobytes}.jsonl"
            row = {"id": f"long-{kilobytes}", "text": article(kilobytes), "language": "en", "published": "2025-06-30"}
            source.write_text(json.dumps(row) + "\n", encoding="utf-8")
            started = time.perf_counter()
            with Store(Path(tmp) / f"{kilobytes}.duckdb") as store:
                report = ingest([source], store, max_bytes=10_000_000)
                sentences = store.query("SELECT count(*) AS n FROM sentences")[0]["n"]
            seconds = time.perf_counter() - started
            print(
                f"{kilobytes} | {seconds:.1f} | {kilobytes / seconds:.0f} | {report.events} | {sentences}", flush=True
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
