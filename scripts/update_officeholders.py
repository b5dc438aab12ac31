"""Keep ``communique/data/officeholders.tsv`` current: merge new terms of office into it, or check it.

Usage:
    python scripts/update_officeholders.py check
    python scripts/update_officeholders.py merge NEW_TERMS.tsv [--dry-run]

NEW_TERMS has the table's columns (name, country, office, start, end, aliases; tab- or comma-separated, an
optional header line). A new head of government or foreign minister closes the open term of the one before,
on the day the new one starts; a term already in the table takes the new end date and aliases. The rows are
written back sorted by state, office and start, after the table's header comment (which names the sources).

Where new terms come from: each government's official list, the UN Protocol and Liaison Service's list of
Heads of State, Heads of Government and Ministers for Foreign Affairs (updated as missions report changes),
or Wikidata (CC0), whose query service answers, for heads of state (P35; P6 for heads of government):

    SELECT ?personLabel ?iso ?start ?end WHERE {
      ?country wdt:P31 wd:Q3624078; wdt:P298 ?iso; p:P35 ?term. ?term ps:P35 ?person.
      OPTIONAL { ?term pq:P580 ?start } OPTIONAL { ?term pq:P582 ?end }
      FILTER(!BOUND(?end) || ?end >= "2000-01-01"^^xsd:dateTime)
      SERVICE wikibase:label { bd:serviceParam wikibase:language "en". } }

Save the answer as CSV, keep the columns in the table's order with the office written in (head_of_state,
head_of_government, ...), and merge it here. Add the local readings of names in the languages you read as
aliases ("Tập Cận Bình"); `make test` then checks the whole table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from communique.officeholders import merge, read_rows, write_rows  # noqa: E402

TABLE = Path(__file__).resolve().parent.parent / "communique" / "data" / "officeholders.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["check", "merge"])
    parser.add_argument("new", nargs="?", type=Path, help="TSV or CSV of new terms (for merge)")
    parser.add_argument("--table", type=Path, default=TABLE)
    parser.add_argument("--dry-run", action="store_true", help="print the merged table instead of writing it")
    args = parser.parse_args()
    text = args.table.read_text(encoding="utf-8")
    header = ""
    for line in text.splitlines():  # the leading comment block: columns and sources
        if not line.startswith("#"):
            break
        header += line + "\n"
    try:
        rows = read_rows(text)
        if args.action == "check":
            print(f"{args.table}: {len(rows)} terms, well formed", file=sys.stderr)
            return 0
        if args.new is None:
            parser.error("merge needs a file of new terms")
        merged = merge(rows, read_rows(args.new.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    output = write_rows(merged, header)
    if args.dry_run:
        sys.stdout.write(output)
    else:
        args.table.write_text(output, encoding="utf-8")
        print(f"{args.table}: {len(rows)} terms -> {len(merged)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
