"""Names of states and cities in each language, and the matchers that find them in text.

State names come from CLDR through Babel in the document's language, in English (news in many
languages writes "Vietnam" or "Japan" as English does) and in each state's own languages ("Brasil"), plus
the short forms and adjectives of the language file ("Tiongkok", "Japanse"). Codes are ISO 3166-1 alpha-3
through pycountry. Cities come from ``data/cities.tsv`` (capitals and frequent venues of diplomacy) plus
the language file's spellings.
Matching is case-sensitive: these are proper names, and lower-case homographs ("as", "nga") are common words.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry
from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages

from communique.languages import LanguageData

# CLDR territory codes that are not states (regions, unions, "unknown region", pseudo-territories).
_NOT_STATES = {
    "EU",
    "EZ",
    "UN",
    "QO",
    "XA",
    "XB",
    "XK",
    "ZZ",
    "AQ",
    "BV",
    "HM",
    "TF",
    "UM",
    "IO",
    "CP",
    "DG",
    "EA",
    "IC",
    "AC",
    "TA",
}


def alpha3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


# Scripts written without spaces between words: a name there is not bounded by non-letters.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f"
_LETTER_OF_SPACED_SCRIPT = rf"[^\W{_UNSPACED}]"


def _names_pattern(names: dict[str, str]) -> re.Pattern[str]:
    """Names as whole words; in Chinese, Japanese, Korean and Thai, also inside a run of characters."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!{_LETTER_OF_SPACED_SCRIPT})(?:{alternatives})(?!{_LETTER_OF_SPACED_SCRIPT})")


@dataclass
class Gazetteer:
    countries: dict[str, str]  # surface form -> alpha-3
    country_pattern: re.Pattern[str]
    cities: dict[str, tuple[str, str]]  # surface form -> (English name, alpha-3)
    city_pattern: re.Pattern[str]


def _cldr_country_names(code: str) -> dict[str, str]:
    names: dict[str, str] = {}
    try:
        territories = Locale.parse(code).territories
    except (ValueError, LookupError):
        return names
    for alpha2, name in territories.items():
        if len(alpha2) != 2 or not alpha2.isalpha() or alpha2 in _NOT_STATES:
            continue
        code3 = alpha3(alpha2)
        if code3:
            names[name] = code3
            # CLDR writes some names with a qualifier ("Hongkong SAR Tiongkok"); the short form is also used.
            short = re.split(r"\s*[(,]", name)[0]
            if short and short != name and len(short) > 3:
                names.setdefault(short, code3)
    return names


@cache
def _endonyms() -> dict[str, str]:
    """Each state's name in its own official languages, where written in the Latin script ("Brasil",
    "Deutschland", "Moçambique"): reports in other languages quote them ("Tổng thống Brasil")."""
    names: dict[str, str] = {}
    for alpha2 in Locale.parse("en").territories:
        if len(alpha2) != 2 or not alpha2.isalpha() or alpha2 in _NOT_STATES or not alpha3(alpha2):
            continue
        for language in get_official_languages(alpha2, de_facto=True)[:2]:
            try:
                name = Locale.parse(language).territories.get(alpha2)
            except (ValueError, LookupError, UnknownLocaleError):
                continue
            if name and all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in name):
                names.setdefault(name, alpha3(alpha2))
    return names


@cache
def _city_rows() -> list[tuple[str, str, list[str]]]:
    rows = []
    text = resources.files("communique.data").joinpath("cities.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, country, *rest = line.split("\t")
        aliases = [a for a in (rest[0].split("|") if rest else []) if a]
        rows.append((name, country, aliases))
    return rows


def for_language(data: LanguageData, language: str | None = None) -> Gazetteer:
    """Names for a document in ``language``, with the additions of its data file ``data``.

    A language without a data file is read with the English file, but its CLDR names are still its own.
    """
    return _build(data.code, (language or data.code).split("-")[0].lower())


@cache
def _build(code: str, language: str) -> Gazetteer:
    from communique.languages import load

    data = load(code)
    countries = dict(_endonyms())
    countries.update(_cldr_country_names("en"))
    countries.update(_cldr_country_names(language))
    countries.update(data.country_aliases)
    for alias, code3 in data.country_aliases.items():
        if alias.islower() and alias.endswith("e"):  # "niederländische" + "n": "den niederländischen Minister"
            for ending in data.adjective_endings:
                countries.setdefault(alias + ending, code3)
    for name in data.country_exclude:
        countries.pop(name, None)
    cities: dict[str, tuple[str, str]] = {}
    by_name = {}
    for name, country, aliases in _city_rows():
        by_name[name] = (name, country)
        for surface in (name, *aliases):
            cities.setdefault(surface, (name, country))
    for surface, english in data.city_aliases.items():
        if english in by_name:
            cities[surface] = by_name[english]
    return Gazetteer(countries, _names_pattern(countries), cities, _names_pattern(cities))


# -- the world's larger cities (GeoNames), looked up by words rather than matched as one pattern ----------------

_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")
MAX_CITY_WORDS = 4  # "Rio de Janeiro", "Ho Chi Minh City"


@cache
def world_cities() -> dict[str, tuple[str, str]]:
    """Surface form -> (name, alpha-3) for GeoNames' capitals and larger cities (``data/geonames_cities.tsv``)."""
    text = resources.files("communique.data").joinpath("geonames_cities.tsv").read_text(encoding="utf-8")
    surfaces: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, country, _population, aliases = (line.split("\t") + [""] * 4)[:4]
        for surface in (name, *filter(None, aliases.split("|"))):
            surfaces.setdefault(surface, (name, country))
    return surfaces


def find_world_cities(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, alpha-3) of the larger cities named in ``text``: capitalised runs of up to four
    words looked up whole, longest first. A dictionary of 40,000 names costs a few lookups per word, where
    one pattern over them would cost milliseconds per document."""
    cities = world_cities()
    tokens = list(_NAME_TOKEN.finditer(text))
    found = []
    i = 0
    while i < len(tokens):
        if not tokens[i].group()[:1].isupper():
            i += 1
            continue
        for n in range(min(MAX_CITY_WORDS, len(tokens) - i), 0, -1):
            run = tokens[i : i + n]
            if any(text[a.end() : b.start()] != " " for a, b in zip(run, run[1:], strict=False)):
                continue  # the words of a name are one space apart
            surface = text[run[0].start() : run[-1].end()].rstrip(".")
            if surface in cities:
                name, country = cities[surface]
                found.append((run[0].start(), run[0].start() + len(surface), name, country))
                i += n
                break
        else:
            i += 1
    return found


# -- where cities lie ----------------------------------------------------------------------------------------

NEIGHBOUR_KM = 50  # a seat of government and the capital beside it: Putrajaya and Kuala Lumpur (23 km), Bogor
# and Jakarta (42 km); not Tianjin and Beijing (113 km)
EARTH_RADIUS_KM = 6371.0


@cache
def coordinates() -> dict[str, tuple[float, float]]:
    """City name -> (latitude, longitude), from ``data/city_coordinates.tsv`` (GeoNames)."""
    text = (resources.files("communique.data") / "city_coordinates.tsv").read_text(encoding="utf-8")
    found: dict[str, tuple[float, float]] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, _, lat, lon = line.split("\t")
        found.setdefault(name, (float(lat), float(lon)))
    return found


def distance_km(a: str, b: str) -> float | None:
    """Great-circle distance between two cities named as the gazetteer names them; None if either is unknown."""
    where = coordinates()
    if a not in where or b not in where:
        return None
    (lat1, lon1), (lat2, lon2) = (map(math.radians, where[a]), map(math.radians, where[b]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def same_place(a: str, b: str) -> bool:
    """Whether two reports' places can be one meeting's: the same city, or a seat of government and the
    capital beside it (within ``NEIGHBOUR_KM``), which outlets name interchangeably."""
    if a == b:
        return True
    distance = distance_km(a, b)
    return distance is not None and distance <= NEIGHBOUR_KM
