"""Language knowledge as data: one TOML file per language, compiled here into matchers.

Why data and not code: adding a language should be writing one file (titles, meeting and signing verbs,
number and scale words, demonyms, cooperation-area keywords) plus tests, with no change to the extractors.
Country names and month names come from CLDR through Babel, so a file only adds what CLDR lacks
(short forms such as "Tiongkok", adjectives such as "Japanse").

Term lists are matched case-insensitively at word starts. A term ending in ``*`` matches as a prefix
("investasi*" also finds "investasinya"); other terms must end at a word boundary, except in area lists,
which match as prefixes unless they end in ``$``. A term starting with ``*`` matches inside a word
too, for languages that compound ("*landbouw" finds "landbouwsamenwerking"). A term starting with ``re:`` is a regular
expression, for the few triggers that need context.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from babel import Locale

from communique.languages import cldr

AREAS = (
    "politics_diplomacy",
    "defense_security",
    "trade",
    "investment",
    "finance_banking",
    "development_aid",
    "energy",
    "science_technology",
    "education_training",
    "health",
    "culture_sports",
    "tourism_people",
    "labor_migration",
    "agriculture_fisheries",
    "transport_infrastructure",
    "maritime",
    "environment_climate",
    "multilateral",
)

NEVER = re.compile(r"(?!x)x")  # matches nothing: the matcher for an empty list


class LanguageDataError(ValueError):
    """A language file is malformed; the message names the file and the key."""


@cache
def metric_labels() -> dict[str, str]:
    """The vocabulary targets are compared by (``data/metrics.toml``): key -> label."""
    text = (resources.files("communique.data") / "metrics.toml").read_text(encoding="utf-8")
    return {key: entry["label"] for key, entry in tomllib.loads(text).items()}


METRICS = tuple(metric_labels())


def term_right_before(pattern: re.Pattern[str], text: str, at: int, window: int, between: str = " ") -> bool:
    """Whether a term of ``pattern`` ends right before offset ``at`` of ``text``, with only ``between``
    characters in between, looking ``window`` characters back ("former Prime Minister", "antes de Meloni")."""
    before = text[max(0, at - window) : at]
    return any(not before[m.end() :].strip(between) for m in pattern.finditer(before))


def _exact_names(names: list[str]) -> re.Pattern[str]:
    """Proper names as written, case and all, longest first, each ending at a word's end."""
    if not names:
        return NEVER
    return re.compile("|".join(re.escape(n) + r"(?!\w)" for n in sorted(names, key=len, reverse=True)))


def apostrophes(pattern: str) -> str:
    """A pattern in which a written apostrophe also matches the typographic one ("s'est" finds "s’est")."""
    return re.sub("['’]", "['’]", pattern)


def terms_pattern(terms: list[str], whole_words: bool = True) -> re.Pattern[str]:
    """One case-insensitive alternation over ``terms``, longest first so the longest phrase wins.

    The word-start lookbehind is written once in front of the alternatives that need it, not once per
    alternative: Python's ``re`` cannot skip ahead to a literal prefix when every alternative starts with a
    lookbehind, and the factored form finds the same matches several times faster."""
    if not terms:
        return NEVER
    at_word_start, anywhere = [], []
    for term in sorted(set(terms), key=len, reverse=True):
        if term.startswith("re:"):
            anywhere.append(f"(?:{term[3:]})")
            continue
        prefix = term.endswith("*") or (not whole_words and not term.endswith("$"))
        body = apostrophes(re.escape(term.strip("*$").strip()).replace(r"\ ", r"\s+"))
        end = "" if prefix else r"(?!\w)"
        (anywhere if term.startswith("*") else at_word_start).append(f"{body}{end}")
    groups = ([rf"(?<!\w)(?:{'|'.join(at_word_start)})"] if at_word_start else []) + anywhere
    try:
        return re.compile("|".join(groups), re.IGNORECASE)
    except re.error as exc:
        raise LanguageDataError(f"bad term pattern: {exc}") from exc


@dataclass
class LanguageData:
    """Everything the extractors know about one language."""

    code: str
    name: str
    path: Path
    decimal_separator: str = "."
    date_order: str = "DMY"
    abbreviations: list[str] = field(default_factory=list)
    common_words: frozenset[str] = frozenset()  # "the", "của", "yang": what tells a short text's language
    # cleaning
    photo_credit: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    source_labels: list[str] = field(default_factory=list)
    read_more: list[str] = field(default_factory=list)
    # countries and people
    country_aliases: dict[str, str] = field(default_factory=dict)
    country_exclude: list[str] = field(default_factory=list)
    adjective_endings: list[str] = field(default_factory=list)  # "-n", "-r": inflected adjectives of states
    titles: dict[str, int] = field(default_factory=dict)
    title_connectors: list[str] = field(default_factory=list)
    of_words: list[str] = field(default_factory=list)  # "de" in "presidente de Vietnam, Luong Cuong"
    name_particles: list[str] = field(default_factory=list)  # "de la" in "Juan Ramón de la Fuente"
    # later references by surname alone ("Blinken said"); off where names are referred to by title and given
    # name, whose last syllable is often a common word at a sentence's start (Vietnamese "Chính phủ")
    surname_references: bool = True
    posted_to: list[str] = field(default_factory=list)  # "to" in "Lao Ambassador to Vietnam Khamphao": not his state
    org_words: list[str] = field(default_factory=list)
    honorifics: list[str] = field(default_factory=list)
    spouses: re.Pattern[str] = NEVER  # "his wife", "Phu nhân": the person named next is no principal
    city_aliases: dict[str, str] = field(default_factory=dict)
    home_countries: list[str] = field(default_factory=list)
    person_aliases: dict[str, str] = field(default_factory=dict)
    # events
    meeting: re.Pattern[str] = NEVER
    receive: frozenset[str] = frozenset()  # meeting words that say the other side came ("received", "tiếp")
    both_leaders: re.Pattern[str] = NEVER  # "the two leaders": the pair the report has named
    meeting_words: tuple[str, ...] = ()  # the meeting, visit and call words as written, for language detection
    visit: re.Pattern[str] = NEVER
    phone: re.Pattern[str] = NEVER
    multilateral: re.Pattern[str] = NEVER
    planned: re.Pattern[str] = NEVER
    same_day: re.Pattern[str] = NEVER
    separately: re.Pattern[str] = NEVER  # "had separate meetings with A and B": one encounter per partner
    locative: list[str] = field(default_factory=list)
    visit_to: list[str] = field(default_factory=list)
    with_words: frozenset[str] = frozenset()  # "with" before a counterpart: "held talks with X" (lower case)
    apart_words: re.Pattern[str] = NEVER  # "Before Meloni, Lula met ...": right before one met at another moment
    statement_words: re.Pattern[str] = NEVER  # "said on Tuesday that the talks ...": the statement's date
    former: re.Pattern[str] = NEVER  # "former", "cựu", "ex-" before a title: no longer in office
    greetings: re.Pattern[str] = NEVER  # "the greetings of X": X sends them and takes no part
    tributes: re.Pattern[str] = NEVER  # "paid tribute to X at his mausoleum": X is honoured, not met
    # agreements
    signing: re.Pattern[str] = NEVER
    document_nouns: re.Pattern[str] = NEVER
    bare_titles: re.Pattern[str] = NEVER  # "Joint Statement": a title on its own, unlike a bare "Memorandum"
    quantifiers: re.Pattern[str] = NEVER
    title_skip: list[str] = field(default_factory=list)
    titles_capitalised: bool = True
    title_links: frozenset[str] = frozenset()  # "of", "on" inside a Title Case title (lower case)
    clause_end: list[str] = field(default_factory=list)
    list_intro: re.Pattern[str] = NEVER
    # targets
    target_cues: re.Pattern[str] = NEVER
    scales: dict[str, float] = field(default_factory=dict)
    currencies: dict[str, str] = field(default_factory=dict)
    percent: list[str] = field(default_factory=list)
    by_year: list[str] = field(default_factory=list)
    per_year: list[str] = field(default_factory=list)
    baseline: re.Pattern[str] = NEVER  # "from", "up from": where a change starts, not its goal
    achieved: frozenset[str] = frozenset()  # "have", "telah", "đã" after a count: reached, not pledged
    nouns_capitalised: bool = False  # German writes every noun with a capital: "500 Studenten"
    relative_years: dict[str, int] = field(default_factory=dict)  # "năm tới" = 1: forms dateparser lacks
    not_counted: re.Pattern[str] = NEVER
    metrics: dict[str, re.Pattern[str]] = field(default_factory=dict)  # what a target measures: METRICS keys
    # the state's ministries, capitalised as written after a title ("Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên")
    ministries: re.Pattern[str] = NEVER
    # areas
    areas: dict[str, re.Pattern[str]] = field(default_factory=dict)
    # dates
    months: dict[str, int] = field(default_factory=dict)
    month_prefix: list[str] = field(default_factory=list)
    weekdays: re.Pattern[str] = NEVER
    relative_days: dict[str, int] = field(default_factory=dict)  # "sáng nay" = 0, "last night" = -1
    weekday_words: dict[str, int] = field(default_factory=dict)  # forms CLDR lacks: "thứ 2" = 0 (Monday)
    weekday_compounds: list[str] = field(default_factory=list)  # "dinsdag" + "morgen": a weekday's part of day
    dash_dates: bool = False  # "31-8" is a day and a month (Vietnamese), not a range or a score
    dot_dates: bool = False  # "10.1" is a day and a month (Vietnamese), not a decimal number
    # a month named as past without its year ("last February", "Februari lalu", "février dernier"): the
    # forms, with {month} where the month's name stands
    past_month: list[str] = field(default_factory=list)
    month_in: list[str] = field(default_factory=list)  # "in {month}", "in mid-{month}": a month without its year

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code)


def _get(table: dict, dotted: str, default, path: Path):
    node = table
    for key in dotted.split("."):
        if not isinstance(node, dict) or key not in node:
            return default
        node = node[key]
    if default is not None and not isinstance(node, type(default)):
        raise LanguageDataError(f"{path}: '{dotted}' should be a {type(default).__name__}")
    return node


def _month_names(code: str, extra: dict[str, int]) -> dict[str, int]:
    """Month names from CLDR (wide and abbreviated, format and stand-alone) plus the file's extras."""
    loc = Locale.parse(code)
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in loc.months[context][width].items():
                clean = name.strip(".").lower()
                if len(clean) >= 3 and not clean.isdigit():
                    names[clean] = number
    names.update({k.lower(): v for k, v in extra.items()})
    return names


@cache
def weekday_numbers(code: str) -> dict[str, int]:
    """Day names from CLDR in the language, as written ("Monday", "lundi", "Thứ Hai"), to 0 (Monday) … 6."""
    names: dict[str, int] = {}
    with contextlib.suppress(ValueError, LookupError):
        loc = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for number, name in loc.days[context]["wide"].items():
                names[name] = number
    return names


def _weekday_names(code: str) -> re.Pattern[str]:
    """Day names from CLDR ("Monday", "lundi", "thứ Hai"): where a title or a clause gives way to a date."""
    return terms_pattern(sorted(weekday_numbers(code)))


def _folded_words(words: list[str]) -> frozenset[str]:
    """Words and phrases compared with a text's: lower case and single spaces once, when the file is read."""
    return frozenset(" ".join(w.split()).casefold() for w in words)


def parse_language_file(path: Path) -> LanguageData:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LanguageDataError(f"{path}: {exc}") from exc

    def get(key, default):
        return _get(raw, key, default, path)

    areas_raw = get("areas", {})
    unknown = set(areas_raw) - set(AREAS)
    if unknown:
        raise LanguageDataError(f"{path}: unknown cooperation areas {sorted(unknown)}")
    unknown = set(get("targets.metrics", {})) - set(METRICS)
    if unknown:
        raise LanguageDataError(f"{path}: unknown target metrics {sorted(unknown)} (see data/metrics.toml)")
    code = get("code", "")
    if not code:
        raise LanguageDataError(f"{path}: 'code' is required")
    return LanguageData(
        code=code,
        name=get("name", code),
        path=path,
        decimal_separator=get("decimal_separator", "."),
        date_order=get("date_order", "DMY"),
        abbreviations=get("abbreviations", []),
        common_words=frozenset(w.casefold() for w in get("common_words", [])),
        photo_credit=get("clean.photo_credit", []),
        comments=get("clean.comments", []),
        source_labels=get("clean.source", []),
        read_more=get("clean.read_more", []),
        country_aliases=get("countries.aliases", {}),
        country_exclude=get("countries.exclude", []),
        adjective_endings=get("countries.adjective_endings", []),
        city_aliases=get("cities.aliases", {}),
        home_countries=get("countries.home", []),
        person_aliases=get("people.aliases", {}),
        titles=get("people.titles", {}),
        ministries=_exact_names(get("people.ministries", [])),
        title_connectors=get("people.connectors", []),
        of_words=get("people.of_words", []),
        name_particles=get("people.name_particles", []),
        surname_references=get("people.surname_references", True),
        posted_to=get("people.posted_to", []),
        org_words=get("people.org_words", []),
        honorifics=get("people.honorifics", []),
        spouses=terms_pattern(get("people.spouses", [])),
        meeting=terms_pattern(get("events.meeting", [])),
        receive=_folded_words(get("events.receive", [])),
        both_leaders=terms_pattern(get("events.both_leaders", [])),
        meeting_words=tuple(get("events.meeting", []) + get("events.visit", []) + get("events.phone", [])),
        visit=terms_pattern(get("events.visit", [])),
        phone=terms_pattern(get("events.phone", [])),
        multilateral=terms_pattern(get("events.multilateral", [])),
        planned=terms_pattern(get("events.planned", [])),
        same_day=terms_pattern(get("events.same_day", [])),
        separately=terms_pattern(get("events.separately", [])),
        locative=get("events.locative", []),
        visit_to=get("events.visit_to", []),
        with_words=_folded_words(get("events.with_words", [])),
        apart_words=terms_pattern(get("events.apart_words", [])),
        statement_words=terms_pattern(get("events.statement_words", [])),
        former=terms_pattern(get("people.former", [])),
        greetings=terms_pattern(get("events.greetings", [])),
        tributes=terms_pattern(get("events.tributes", [])),
        signing=terms_pattern(get("agreements.signing", [])),
        document_nouns=terms_pattern(get("agreements.documents", [])),
        bare_titles=terms_pattern(get("agreements.bare_titles", [])),
        quantifiers=terms_pattern(get("agreements.quantifiers", [])),
        title_skip=get("agreements.title_skip", []),
        titles_capitalised=get("agreements.titles_capitalised", True),
        title_links=_folded_words(get("agreements.title_links", [])),
        clause_end=get("agreements.clause_end", []),
        list_intro=terms_pattern(get("agreements.list_intro", [])),
        target_cues=terms_pattern(get("targets.cues", [])),
        scales={**cldr.scale_words(code), **{k.lower(): float(v) for k, v in get("targets.scales", {}).items()}},
        currencies={**cldr.currency_words(code), **get("targets.currencies", {})},
        percent=get("targets.percent", []),
        by_year=get("targets.by_year", []),
        per_year=get("targets.per_year", []),
        baseline=terms_pattern(get("targets.baseline", [])),
        achieved=_folded_words(get("targets.achieved", [])),
        nouns_capitalised=get("targets.nouns_capitalised", False),
        relative_years=get("targets.relative_years", {}),
        not_counted=terms_pattern(get("targets.not_counted", [])),
        metrics={key: terms_pattern(terms) for key, terms in get("targets.metrics", {}).items()},
        areas={area: terms_pattern(words, whole_words=False) for area, words in areas_raw.items()},
        months=_month_names(code, get("dates.months", {})),
        month_prefix=get("dates.month_prefix", []),
        weekdays=_weekday_names(code),
        relative_days=get("dates.relative", {}),
        weekday_words=get("dates.weekdays", {}),
        weekday_compounds=get("dates.weekday_compounds", []),
        dash_dates=get("dates.dash_dates", False),
        dot_dates=get("dates.dot_dates", False),
        past_month=get("dates.past_month", []),
        month_in=get("dates.month_in", []),
    )


def _language_dir() -> Path:
    return Path(str(resources.files(__package__)))


def available() -> list[str]:
    """Codes of the languages that have a data file."""
    return sorted(p.stem for p in _language_dir().glob("*.toml"))


@cache
def load(code: str | None) -> LanguageData:
    """The data for ``code``; languages without a file fall back to English triggers.

    The fallback keeps extraction useful on an unsupported language (CLDR still gives its country
    names) but it will miss most events: a data file is what makes a language supported.
    """
    base = (code or "en").split("-")[0].lower()
    path = _language_dir() / f"{base}.toml"
    if not path.exists():
        data = parse_language_file(_language_dir() / "en.toml")
        if base != "en":
            with contextlib.suppress(ValueError, LookupError):
                data.months.update(_month_names(base, {}))
            data.weekdays = _weekday_names(base)
            data.scales = {**cldr.scale_words(base), **data.scales}
            data.currencies = {**cldr.currency_words(base), **data.currencies}
        return data
    return parse_language_file(path)
