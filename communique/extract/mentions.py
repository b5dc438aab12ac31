"""Mentions stage: states, cities and people (with their titles and states) in the cleaned text.

People are found through their titles, which news writing in every language puts before a principal's
name: "Presiden Prancis Emmanuel Macron", "Thủ tướng Phạm Minh Chính", "de Japanse premier Ishiba
Shigeru". After a title come, in some order, more titles joined by connectors ("Sekretaris Jenderal dan
Presiden"), office words ("Dewan Keamanan"), a state name or adjective, and then the capitalised name. A
state written right there (or as an adjective just before the title) is the person's state; later short
references ("Presiden Macron", "Tn. Medvedev") are joined to the full name. People whose state is never
written are given the document's home state: the outlet's country (its URL's country domain) when the text
mentions it, else the state most mentioned that qualifies nobody else.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from importlib import resources
from urllib.parse import urlparse

from communique import gazetteer, officeholders
from communique.document import CityMention, CountryMention, Document, PersonMention, Span, by_sentence
from communique.languages import LanguageData, apostrophes, load, term_right_before
from communique.spans import SpanSet

_TOKEN = re.compile(r"[^\W\d_][\w\-]*(?:['’][^\W\d_s][\w]*)?|\d+|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s$")
_POSSESSIVE_TOKEN = re.compile(r"['’]s(?!\w)")
MAX_NAME_TOKENS = 5
SCAN_TOKENS = 16


def fold(text: str) -> str:
    """Lower case without diacritics, for comparing names across spellings."""
    text = unicodedata.normalize("NFKD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@cache
def title_pattern(code: str) -> re.Pattern[str]:
    data = load(code)
    words = sorted(set(data.titles) | set(data.honorifics), key=len, reverse=True)

    def alternation(group: list[str]) -> str:
        return "|".join(apostrophes(re.escape(w).replace(r"\ ", r"\s+")) for w in group) or "(?!x)x"

    # "PM", "MP", "RI" match in capitals only: "06:08 pm IST" is a time, not a prime minister
    acronyms = [w for w in words if w.isupper() and len(w.replace(".", "")) <= 4]
    others = [w for w in words if w not in acronyms]
    return re.compile(rf"(?<!\w)(?:(?i:{alternation(others)})|{alternation(acronyms)})(?!\w)")


def _rank(data: LanguageData, title: str) -> int:
    key = " ".join(title.split()).casefold()
    for known, rank in data.titles.items():
        if known.casefold() == key:
            return rank
    return 9  # an honorific: no office


_ARTICLE_PREFIX = re.compile(r"[a-z]{1,3}-[^\W\d_]")  # "al-Sisi", "el-Sisi", "ad-Dawla": an article, then the name


_GLUED_ACRONYM = re.compile(r"[A-Z]{2,}[^\W\d_A-Z]")  # "TTXViệt": an agency's initials run into a word


def _is_capitalised(token: str) -> bool:
    if _GLUED_ACRONYM.match(token) or token in _agencies():
        return False  # no name word: a news agency's credit ("Augusto Morelli TTXVN", "... TTXViệt Nam")
    if _ARTICLE_PREFIX.match(token):
        return token[token.index("-") + 1].isupper()
    return token[:1].isupper()


@cache
def _currency_pattern(code: str) -> re.Pattern[str]:
    """Currency names of the language that hold a state's name ("US$", "dolar AS", "đô la Mỹ")."""
    names = [c for c in load(code).currencies if len(c) > 1]
    alternatives = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)" if alternatives else r"(?!x)x")


def find_countries(doc: Document, data: LanguageData) -> list[CountryMention]:
    """States named in the text; a state's name inside a currency ("US$ 20 billion", "dolar AS") is not one."""
    gaz = gazetteer.for_language(data, doc.language)
    currencies = SpanSet((m.start(), m.end()) for m in _currency_pattern(data.code).finditer(doc.text))
    found = []
    for m in gaz.country_pattern.finditer(doc.text):
        if doc.text.startswith("$", m.end()) or currencies.covers(m.start()):
            continue
        found.append(
            CountryMention(gaz.countries[m.group()], m.group(), Span(doc.sentence_at(m.start()), m.start(), m.end()))
        )
    return found


def find_cities(doc: Document, data: LanguageData, countries: list[CountryMention] = ()) -> list[CityMention]:
    """Cities of the hand list and the language file (with their spellings in our languages), then the world's
    larger cities from GeoNames where those name none; never inside a state's name ("Mexico", "Kuwait")."""
    gaz = gazetteer.for_language(data, doc.language)
    found = []
    for m in gaz.city_pattern.finditer(doc.text):
        name, country = gaz.cities[m.group()]
        found.append(CityMention(name, country, m.group(), Span(doc.sentence_at(m.start()), m.start(), m.end())))
    taken = SpanSet([(c.span.start, c.span.end) for c in found] + [(c.span.start, c.span.end) for c in countries])
    for start, end, name, country in gazetteer.find_world_cities(doc.text):
        if not taken.overlaps(start, end):
            found.append(CityMention(name, country, doc.text[start:end], Span(doc.sentence_at(start), start, end)))
    return sorted(found, key=lambda c: c.span.start)


def _country_at(countries: list[CountryMention], offset: int) -> CountryMention | None:
    return next((c for c in countries if c.span.start <= offset < c.span.end), None)


def _particle_leads_to_name(
    text: str,
    tok: re.Match[str],
    particles: set[str],
    countries: list[CountryMention],
    org_words: set[str],
    event_stems: tuple[str, ...],
) -> bool:
    """Whether lower-case particles after a name go on to more of the name, not to a state ("de Vietnam"), an
    office ("de Asuntos Exteriores") or a word of the language's meeting vocabulary in any inflection: German
    capitalises every noun, and "Pham Minh Chinh zu Gesprächen" ends at "zu"."""
    for following in _TOKEN.finditer(text, tok.end()):
        word = following.group()
        if word.casefold() in particles:
            continue
        in_country = _country_at(countries, following.start()) is not None
        folded = word.casefold()
        return (
            _is_capitalised(word) and not in_country and folded not in org_words and not folded.startswith(event_stems)
        )
    return False


EVENT_STEM_CHARS = 5  # the shortest meeting word read as a stem ("treffen" covers "Treffens")


def event_stems(data: LanguageData) -> tuple[str, ...]:
    """The language's one-word meeting, visit and call words, lower case, each a stem of its inflections."""
    return tuple(sorted({w.casefold() for w in data.meeting_words if " " not in w and len(w) >= EVENT_STEM_CHARS}))


def _leads_to_state_or_office(
    text: str, at: int, countries: list[CountryMention], org_words: set[str], skip: set[str] = frozenset()
) -> bool:
    """Whether the next word (after articles such as "the" in "of the") names a state or is a capitalised word
    of an office ("Affaires", "Defensa", "Federal Republic")."""
    for following in _TOKEN.finditer(text, at):
        if following.group().casefold() in skip:
            continue
        if _country_at(countries, following.start()):
            return True
        return _is_capitalised(following.group()) and following.group().casefold() in org_words
    return False


def _person_after_title(
    doc: Document,
    data: LanguageData,
    title: re.Match[str],
    titles: list[re.Match[str]],
    countries: list[CountryMention],
    sentence_end: int,
) -> PersonMention | None:
    """Read the title chain that starts at ``title`` and the name that ends it."""
    text = doc.text
    title_spans = [(t.start(), t.end()) for t in titles]
    connectors = {c.casefold() for c in data.title_connectors}
    org_words = {w.casefold() for w in data.org_words}
    of_words = {word.casefold() for w in data.of_words for word in w.split()}  # "of the" is two tokens
    particles = {w.casefold() for w in data.name_particles}
    stems = event_stems(data)
    posted_to = {w.casefold() for w in data.posted_to}
    posted: Span | None = None  # where the state an envoy is posted to is named
    rank = _rank(data, title.group())
    qualifier: str | None = None
    # Before the title, English-like word order puts the state and the office: "Japan's Prime Minister",
    # "de Japanse premier", "Russian Security Council Secretary". Walk back over those words.
    title_start = title.start()
    for tok in reversed(
        list(_TOKEN.finditer(text, doc.sentences[doc.sentence_at(title.start())].start, title.start()))
    ):
        gap = text[tok.end() : title_start]
        if not re.fullmatch(r"(['’]s)?\s*", gap):
            break
        country = _country_at(countries, tok.start())
        if country:
            qualifier = qualifier or country.code
            title_start = country.span.start
            continue
        if tok.group().casefold() in org_words and _is_capitalised(tok.group()):
            title_start = tok.start()
            continue
        break
    name: list[re.Match[str]] = []
    office_named = False  # an office's own words followed the title ("of the National Assembly")
    pos = title.end()
    seen = 0
    ministry_end = -1  # a ministry's name after the title is part of the office, not of the name
    for tok in _TOKEN.finditer(text, pos, sentence_end):
        seen += 1
        if seen > SCAN_TOKENS:
            break
        word = tok.group()
        start = tok.start()
        if start < ministry_end:
            continue
        ministry = None if name else data.ministries.match(text, start)
        if ministry:
            ministry_end, office_named = ministry.end(), True
            continue
        in_title = next(((s, e) for s, e in title_spans if s <= start < e), None)
        in_country = _country_at(countries, start)
        if in_title:
            if name:
                break
            rank = min(rank, _rank(data, text[in_title[0] : in_title[1]]))
            continue
        if in_country:
            if name and " " not in in_country.text and text[name[-1].end() : start] == " ":
                name.append(tok)  # "Nguyễn Minh Đức": a one-word state name right after a name is part of it
                continue
            if name:
                break
            if posted is not None and posted.start <= start < posted.end:
                continue  # the state an envoy is posted to is not his own
            qualifier = in_country.code
            continue
        if not name and _POSSESSIVE_TOKEN.match(text, start - 1 if word == "s" else start):
            continue  # "People's Congress" in an office: the possessive is part of it, not a stop
        if not word[0].isalpha():
            if name and word == "." and len(name[-1].group()) == 1 and name[-1].group().isupper():
                continue  # an initial: "Donald J. Trump", "S. Jaishankar"
            if name:
                break
            if word == "," and seen == 1 or word in "-–":
                continue  # "Perdana Menteri Tiongkok, Li Qiang, menegaskan"
            if word == "," and (qualifier or office_named):  # "Chairman of the National Assembly, X"
                continue
            return None
        if not _is_capitalised(word):
            in_name = name and word.casefold() in particles
            if in_name and _particle_leads_to_name(text, tok, particles, countries, org_words, stems):
                continue  # "Juan Ramón de la Fuente", "Anwar bin Ibrahim"
            if name:
                break
            if word.casefold() in connectors:
                continue
            if qualifier and word.casefold() in posted_to:
                following = _TOKEN.search(text, tok.end())
                host = _country_at(countries, following.start()) if following else None
                if host:
                    posted = host.span
                    continue  # "Duta Besar Vietnam untuk Indonesia Ta Van Thong"
            if word.casefold() in of_words and _leads_to_state_or_office(
                text, tok.end(), countries, org_words, of_words
            ):
                continue  # "presidente de Vietnam, Luong Cuong", "ministre des Affaires étrangères du Japon"
            return None
        if word.casefold() in org_words and not name:
            office_named = True
            continue
        if word.casefold() in data.months or data.weekdays.fullmatch(word):
            break  # "Presiden ... pada Februari", "Präsident am Montag": a date, not a name
        name.append(tok)
        if len(name) >= MAX_NAME_TOKENS:
            break
    if not name:
        return None
    start, end = name[0].start(), name[-1].end()
    surface = _POSSESSIVE.sub("", text[start:end])
    end = start + len(surface)
    return PersonMention(
        name=data.person_aliases.get(surface, surface),
        title=title.group(),
        rank=rank,
        country=qualifier,
        qualified=qualifier is not None,
        span=Span(doc.sentence_at(start), start, end),
        title_start=title_start,
        former=_former(text, data, title_start),
    )


FORMER_WINDOW = 20  # characters before a title where "former", "ehemaligen", "cựu" is looked for


def _former(text: str, data: LanguageData, title_start: int) -> bool:
    """Whether the word right before the title says its holder no longer holds it ("former", "ex-", "cựu")."""
    return term_right_before(data.former, text, title_start, FORMER_WINDOW, between=" -")


SPOUSE_WINDOW = 25  # "seine Frau Elke Büdenbender", "cùng Phu nhân Ngô Phương Ly"


def _is_spouse(doc: Document, data: LanguageData, person: PersonMention) -> bool:
    """Whether the person is named as a leader's spouse: the spouse word is, or ends right before, the start
    of the person's title and name ("his wife Iriana", "seine Frau Elke Büdenbender"; not "Frau Baerbock")."""
    start = max(0, person.title_start - SPOUSE_WINDOW)
    chain_start = person.title_start - start
    return any(m.end() >= chain_start - 2 for m in data.spouses.finditer(doc.text[start : person.span.start]))


def find_people(doc: Document, data: LanguageData, countries: list[CountryMention]) -> list[PersonMention]:
    pattern = title_pattern(data.code)
    people: dict[tuple[int, int], PersonMention] = {}
    countries_by_sentence = by_sentence(countries)
    for sentence in doc.sentences:
        titles = list(pattern.finditer(doc.text, sentence.start, sentence.end))
        in_sentence = countries_by_sentence.get(sentence.index, [])
        for title in titles:
            person = _person_after_title(doc, data, title, titles, in_sentence, sentence.end)
            if person is None:
                continue
            key = (person.span.start, person.span.end)
            if key in people:  # the same name reached from two titles of one chain: keep the best rank
                known = people[key]
                known.rank = min(known.rank, person.rank)
                known.country = known.country or person.country
                known.qualified = known.qualified or person.qualified
                known.title_start = min(known.title_start, person.title_start)
            else:
                people[key] = person
    return sorted(people.values(), key=lambda p: p.span.start)


def resolve_people(people: list[PersonMention]) -> None:
    """Join short references to full names and spread each person's state and best rank over them."""
    keys = [frozenset(fold(p.name).split()) for p in people]
    counts = Counter(keys)
    # Each distinct name goes to the longest (then most frequent) name that contains all its words.
    canonical: dict[frozenset[str], frozenset[str]] = {}
    for key in counts:
        supersets = [other for other in counts if key <= other]
        canonical[key] = max(supersets, key=lambda k: (len(k), counts[k]))
    groups: dict[frozenset[str], list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(canonical[key], []).append(i)
    for head_key, members in groups.items():
        head = next(i for i in members if keys[i] == head_key)
        states = Counter(people[m].country for m in members if people[m].qualified)
        state = states.most_common(1)[0][0] if states else None
        rank = min(people[m].rank for m in members)
        for m in members:
            people[m].name = people[head].name
            people[m].rank = rank
            if state and not people[m].qualified:
                people[m].country = state


# Country domains sold worldwide for their letters, which say nothing about where an outlet is.
_GENERIC_CCTLDS = {"AI", "AM", "CC", "CO", "FM", "GG", "IO", "LY", "ME", "NU", "SO", "TO", "TV", "WS", "VC", "XYZ"}


def _url_country(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    tld = host.rsplit(".", 1)[-1].upper()
    if len(tld) == 2 and tld not in _GENERIC_CCTLDS:
        return gazetteer.alpha3("GB" if tld == "UK" else tld)
    return None


@cache
def _agencies() -> dict[str, str]:
    rows = (resources.files("communique.data") / "agencies.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t")[:2] for line in rows if line and not line.startswith("#"))


DATELINE_CHARS = 200  # a wire story names its agency in the dateline: "Kuala Lumpur, October 26 (VNA) -"


def _agency_country(text: str) -> str | None:
    """The state of the national news agency in the dateline ("(VNA) –", "(Xinhua) --"), if there is one."""
    head = text[:DATELINE_CHARS]
    for m in re.finditer(r"\(([^()\d]{2,30})\)\s*[-–—]", head):
        country = _agencies().get(m.group(1).strip())
        if country:
            return country
    return None


def home_country(doc: Document, data: LanguageData) -> str | None:
    """The state the outlet writes from, which unqualified titles ("the Prime Minister") belong to.

    In order: the country of the national news agency in the dateline; the country of the URL's domain when
    the text names that state (news is mirrored on unrelated domains); the state named most that qualifies
    nobody else (a reporter names the foreign side and leaves their own
    implicit); the state of the cities named, unless the story is about a multilateral gathering (a summit
    in Kuala Lumpur says nothing of who reports it); the state where the language is mainly written. A
    state that qualifies someone else is never the answer: "Prime Minister X called his Japanese
    counterpart Y" does not make X Japanese.
    """
    agency = _agency_country(doc.text)
    if agency:
        return agency
    domain = _url_country(doc.url)
    if domain and any(c.code == domain for c in doc.countries):
        return domain  # a domain speaks for a state only when the text names it: news is mirrored anywhere
    qualifying = {p.country for p in doc.people if p.qualified}
    sources = [Counter(c.code for c in doc.countries)]
    if not data.multilateral.search(doc.text):
        sources.append(Counter(c.country for c in doc.cities))
    for counts in sources:
        candidates = [(n, code) for code, n in counts.items() if code not in qualifying]
        if candidates:
            return max(candidates)[1]
    return data.home_countries[0] if data.home_countries else None


MIN_SURNAME_CHARS = 4  # "Lee", "Li", "Xi" stand for too many people to be looked up alone


def _surname(name: str, particles: set[str]) -> str | None:
    """How a name is shortened to its surname: "Antony Blinken" → "Blinken", "Jean-Yves Le Drian" → "Le Drian",
    "Ursula von der Leyen" → "von der Leyen"; None for a one-word name."""
    words = name.split()
    if len(words) < 2:
        return None
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in particles | {"le", "la"}:
        start -= 1
    return " ".join(words[start:])


def _surnames(
    doc: Document, people: list[PersonMention], data: LanguageData, taken: dict[str, PersonMention]
) -> dict[str, PersonMention]:
    """Surnames of the people a document names in full, for its later references ("Blinken said"): only a
    surname one person of the document has, long enough, and no state's or city's name."""
    particles = {w.casefold() for w in data.name_particles}
    owners: dict[str, set[str]] = {}
    first: dict[str, PersonMention] = {}
    for p in people:
        surname = _surname(p.name, particles)
        if surname and len(surname) >= MIN_SURNAME_CHARS and surname[0].isupper() and surname not in taken:
            owners.setdefault(surname, set()).add(officeholders.identity(p.name))
            first.setdefault(surname, p)
    gaz = gazetteer.for_language(data, doc.language)
    places = (gaz.countries, gaz.cities, gazetteer.world_cities())
    return {s: first[s] for s, who in owners.items() if len(who) == 1 and not any(s in p for p in places)}


def _bare_mentions(doc: Document, people: list[PersonMention], data: LanguageData) -> list[PersonMention]:
    """Later mentions of a known person without a title ("Xi Jinping sprak ook met ...").

    Only names of two or more words are looked for, so a surname that is also a word is not taken.
    """
    taken = SpanSet((p.title_start, p.span.end) for p in people)
    by_surface: dict[str, PersonMention] = {}
    for p in people:
        for surface in {doc.text[p.span.start : p.span.end], p.name}:
            if len(surface.split()) >= 2:
                by_surface.setdefault(surface, p)
    for alias, name in data.person_aliases.items():
        known = next((p for p in people if p.name == name), None)
        if known and len(alias.split()) >= 2:
            by_surface.setdefault(alias, known)
    if data.surname_references:
        by_surface.update(_surnames(doc, people, data, by_surface))
    if not by_surface:
        return []
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(by_surface, key=len, reverse=True)) + r")(?!\w)"
    )
    found = []
    for m in pattern.finditer(doc.text):
        if taken.covers(m.start()):
            continue
        known = by_surface[m.group()]
        found.append(
            PersonMention(
                name=known.name,
                title="",
                rank=known.rank,
                country=known.country,
                qualified=False,
                span=Span(doc.sentence_at(m.start()), m.start(), m.end()),
                title_start=m.start(),
            )
        )
    return found


def apply_officeholders(doc: Document, people: list[PersonMention]) -> list[PersonMention]:
    """Give people the table knows their state, best office and international name at the document's date,
    and add the office holders the text names without a title ("Anwar Ibrahim and Frank-Walter Steinmeier")."""
    table = officeholders.table()
    for p in people:
        holder = table.holder(p.name, doc.doc_date)
        if holder is None:
            continue
        p.name = officeholders.written_name(p.name, holder.name)
        p.rank = min(p.rank, holder.rank)
        if not p.qualified or holder.office is not None:
            # the table knows whose office it was that day; a state the text seems to give may belong to a
            # title before a comma ("after meeting the Turkish minister, Retno went on to ...")
            p.country, p.qualified = holder.country, True
    taken = SpanSet((p.title_start, p.span.end) for p in people)
    found: list[PersonMention] = []

    def add(names: list[tuple[int, int, str]]) -> None:
        for start, end, key in names:
            if taken.overlaps(start, end):
                continue
            holder = table.holder(key, doc.doc_date)
            if holder is None:
                continue
            span = Span(doc.sentence_at(start), start, end)
            name = officeholders.written_name(doc.text[start:end], holder.name)
            found.append(PersonMention(name, "", holder.rank, holder.country, True, span, start))
            taken.add(start, end)

    folded = officeholders.fold_keep_offsets(doc.text)
    add(officeholders.find_names(folded))
    add(officeholders.find_short_forms(folded, {officeholders.identity(p.name) for p in people + found if p.qualified}))
    return sorted(people + found, key=lambda p: p.span.start)


def run(doc: Document) -> Document:
    data = load(doc.language)
    countries = find_countries(doc, data)
    people = [p for p in apply_officeholders(doc, find_people(doc, data, countries)) if not _is_spouse(doc, data, p)]
    resolve_people(people)
    people = sorted(people + _bare_mentions(doc, people, data), key=lambda p: p.span.start)
    # A state name inside a person's name ("Đức" in "Nguyễn Minh Đức") is not a mention of that state.
    inside_names = SpanSet((p.span.start, p.span.end) for p in people)
    doc.countries = [c for c in countries if not inside_names.covers(c.span.start)]
    doc.cities = [c for c in find_cities(doc, data, countries) if not inside_names.covers(c.span.start)]
    doc.people = people
    doc.home_country = home_country(doc, data)
    for p in people:
        if p.country is None:
            p.country = doc.home_country
    return doc
