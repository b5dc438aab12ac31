"""What a user may pass to a command or an API filter, checked once for both: a state by code or by name,
an ISO date at any precision, a PLOVER event type, a language. Each check returns the normal form or raises
``ValueError`` with a message that names the value; the CLI turns it into a usage error (exit 2), the API
into a 422.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pycountry

from communique import gazetteer, languages
from communique.text import strip_diacritics

# PLOVER 1.0's sixteen event types (the ontology's specification, Halterman et al.)
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _key(name: str) -> str:
    return " ".join(strip_diacritics(name).casefold().replace("-", " ").split())


def state_names_loaded() -> int:
    """Load the table of state names now (it is loaded at its first use otherwise); return its size."""
    return len(_state_names())


@cache
def _state_names() -> dict[str, str]:
    """Every name we know for a state, folded, to its alpha-3 code: CLDR names in English and in each
    language with a data file, the files' own forms, and ISO codes."""
    names: dict[str, str] = {}
    for code in languages.available():
        names.update({_key(k): v for k, v in gazetteer.for_language(languages.load(code)).countries.items()})
    for country in pycountry.countries:
        names.setdefault(_key(country.name), country.alpha_3)
        names[_key(country.alpha_2)] = country.alpha_3
        names[_key(country.alpha_3)] = country.alpha_3
    return names


def state(value: str) -> str:
    """ISO 3166-1 alpha-3 for a code ("VNM", "vn") or a name in a supported language ("Vietnam", "Việt Nam")."""
    found = _state_names().get(_key(value))
    if found is None:
        raise ValueError(f"unknown state {value!r}: give an ISO code (VNM) or a name (Vietnam, Việt Nam)")
    return found


def iso_date(value: str) -> str:
    """A date as ISO 8601 at its precision (YYYY, YYYY-MM, YYYY-MM-DD), checked to exist."""
    m = _PARTIAL_DATE.fullmatch(value.strip())
    if not m:
        raise ValueError(f"not an ISO date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"not a date: {value!r} ({exc})") from None
    return value.strip()


def event_type(value: str) -> str:
    """A PLOVER event type, in capitals."""
    upper = value.strip().upper()
    if upper not in PLOVER_TYPES:
        raise ValueError(f"unknown PLOVER type {value!r}: one of {', '.join(PLOVER_TYPES)}")
    return upper


def language(value: str) -> str:
    """ISO 639-1 for a code ("vi", "vie", "vi-VN") or an English name ("Vietnamese")."""
    given = value.strip()
    base = given.replace("_", "-").split("-")[0]
    try:
        found = pycountry.languages.lookup(base if len(base) in (2, 3) else given)
    except LookupError:
        raise ValueError(f"unknown language {value!r}: give an ISO 639-1 code (vi) or its English name") from None
    code = getattr(found, "alpha_2", None)
    if code is None:
        raise ValueError(f"language {value!r} has no ISO 639-1 code")
    return code
