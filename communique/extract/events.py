"""Events stage: PLOVER CONSULT events, one per real encounter the document reports.

A sentence is an *anchor* of a meeting when it has a meeting, visit or phone trigger of its language
("bertemu", "hội đàm", "gesprekken", "held talks"), is not told as a plan, proposal or refusal ("akan
bertemu", "will meet", "refused to meet": a plan word before any of its triggers, in the trigger's clause,
makes the whole sentence a plan), and has officials or states of at least two countries: the states of the
people named there, the destination of a visit ("kunjungan kenegaraan ke Tiongkok"), and the states named
outright.

A meeting sentence has two sides: the *subjects* before the trigger and the *objects* after it (the first
name after it and the names listed with it, "met A, B and C", "a call with A, another with B"). A leader
named later in the sentence is its topic, not a participant; "met A and B" is one encounter with each; a
sentence with objects only ("He held talks with X", "Zhao was received by A and B") takes the subject of the
last meeting sentence, else the report's protagonist; people whose greetings or letter are conveyed take no
part.

Anchors are then grouped into encounters: the same set of states is the same encounter unless the dates
differ or a state is represented by different people; an undated anchor (a later paragraph on "the talks")
belongs to the encounter before it, and "the same day" takes the date of the anchor before. An encounter
needs at least one named principal. Its principals are, for each state, its highest-ranked people in the
anchors (a foreign minister briefing on a leader's visit is not a principal of it). Its date is its
sentences', else the date the text last gave before it. Its place is a city the anchors locate it in, else
a city of its states its sentences name, the dateline's or the lead's; never a state added to the
participants: two leaders meeting in Pyongyang is not an event of North Korea. Its cooperation areas are
those of the sentences from its first anchor to the next encounter's.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from dataclasses import dataclass, field

from communique import officeholders
from communique.document import DateMention, Document, Event, PersonMention, Span, by_sentence
from communique.extract import areas as area_stage
from communique.extract import mentions
from communique.languages import LanguageData, load, term_right_before

PLANNED_WINDOW = 40  # characters before a trigger in which "will", "plans to" make it a plan
PLANNED_CLAUSE = 160  # a plan word anywhere before the trigger in its clause, up to this far
DESTINATION_WINDOW = 40  # characters after a visit trigger in which its destination is named
LOCATIVE_WINDOW = 25


@dataclass
class Anchor:
    sentence: int
    countries: set[str]
    people: list[PersonMention]
    date: str | None
    place: str | None
    place_country: str | None
    phone: bool
    visit: bool
    multilateral: bool
    span: Span
    context_date: str | None = None  # the last date the text gave up to this sentence: "also met ..." then


@dataclass
class Encounter:
    countries: frozenset[str]
    anchors: list[Anchor] = field(default_factory=list)
    named: dict[str, set[str]] = field(default_factory=dict)  # per state, who represents it (``_named``)

    def add(self, anchor: Anchor) -> None:
        self.anchors.append(anchor)
        for state, people in _named(anchor.people).items():
            self.named.setdefault(state, set()).update(people)

    @property
    def date(self) -> str | None:
        """The date of a sentence that reports it, else the date the text last gave before its first report
        (a lead's "on 15 July", then "X also met Y"; a dateline or page date for an undated lead)."""
        return self.own_date or next((a.context_date for a in self.anchors if a.context_date), None)

    @property
    def own_date(self) -> str | None:
        return next((a.date for a in self.anchors if a.date), None)

    @property
    def first_sentence(self) -> int:
        return min(a.sentence for a in self.anchors)


def _triggers(data: LanguageData, text: str) -> list[tuple[str, re.Match[str]]]:
    found = []
    for kind, pattern in (("meeting", data.meeting), ("visit", data.visit), ("phone", data.phone)):
        for m in pattern.finditer(text):
            found.append((kind, m))
    return found


def _is_planned(data: LanguageData, text: str, at: int) -> bool:
    """Whether a plan word ("will", "sẽ", "akan", "proposed") stands before the trigger in its clause: close
    before it, or anywhere from the clause's start ("The Prime Minister will be travelling to Bhutan later
    this month in his first foreign visit")."""
    window = text[max(0, at - PLANNED_CLAUSE) : at]
    clause = re.split(r"[,;:()\[\]“”\"]", window)[-1]
    return bool(data.planned.search(text[max(0, at - PLANNED_WINDOW) : at]) or data.planned.search(clause))


def _sentence_date(dates: list[DateMention], previous: str | None, near: int | None = None) -> str | None:
    """The date of a sentence from its ``dates``: of several, the one nearest to ``near`` (the meeting word).
    A dateline that shares the lead's sentence ("Hanoi, 12 November (VNA) - ... received on 11 November ...")
    counts only when the sentence has no other date: it says when the report was filed. A page's timestamp
    ("25/01/2026 07:18" glued to a headline) never counts."""
    dates = [d for d in dates if not d.timestamp]
    if any(not d.dateline for d in dates):
        dates = [d for d in dates if not d.dateline]
    full = [d for d in dates if not d.same_day and (len(d.value) == 10 or d.value.startswith("--"))]  # with a day
    if full:
        if near is not None:
            full.sort(key=lambda d: min(abs(d.span.start - near), abs(d.span.end - near)))
        return full[0].value
    if any(d.same_day for d in dates):
        return previous
    months = [d.value for d in dates if not d.same_day]
    return months[0] if months else None


def _place(doc: Document, data: LanguageData, index: int) -> tuple[str | None, str | None]:
    sentence = doc.sentences[index]
    locatives = [w.casefold() for w in data.locative]
    for city in doc.in_sentence("cities", index):
        before = doc.text[max(sentence.start, city.span.start - LOCATIVE_WINDOW) : city.span.start].casefold()
        words = before.split()
        tail = " ".join(words[-3:])
        if any(tail.endswith(w) or f" {w} " in f" {tail} " for w in locatives):
            return city.name, city.country
    return None, None


LEAD_SENTENCES = 3  # headline, dateline and lead: where a report says where it happened
_DATELINE_TAIL = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?[-–—,:]")


def _fallback_place(doc: Document, data: LanguageData, encounter: Encounter) -> tuple[str | None, str | None]:
    """Where an encounter whose sentences name no venue after a locative took place: a city of one of its
    states that its sentences name, else the city of the dateline ("JOHANNESBURG —"), else a city the lead
    places the story in. Other cities its sentences name are where someone came from or will go."""
    sentences = {a.sentence for a in encounter.anchors}
    named = [c for c in doc.cities if c.span.sentence in sentences and c.country in encounter.countries]
    if named:
        return named[0].name, named[0].country
    first = min(sentences)
    for c in doc.cities:
        if c.span.sentence < min(first, LEAD_SENTENCES):
            line_start = doc.text.rfind("\n", 0, c.span.start) + 1
            at_line_start = not doc.text[line_start : c.span.start].strip()
            if at_line_start and _DATELINE_TAIL.match(doc.text, c.span.end):
                return c.name, c.country
    for index in range(min(first, LEAD_SENTENCES)):
        place = _place(doc, data, index)
        if place[0]:
            return place
    return None, None


def _partners(
    doc: Document,
    data: LanguageData,
    text: str,
    countries: set[str],
    people: list[PersonMention],
    subjects: list[PersonMention],
    objects: list[PersonMention],
) -> list[tuple[set[str], list[PersonMention]]]:
    """The encounters of one sentence: all its states together, or, when one side met several partners
    separately ("had separate meetings with A and B", "lần lượt tiếp") or met a list of principals ("met
    President A and Prime Minister B"), that side with each partner."""
    host_states = {p.country for p in subjects}
    if len(host_states) == 1 and len(objects) >= 2 and not host_states & {p.country for p in objects}:
        return [(host_states | {o.country}, subjects + [o]) for o in objects if o.country]
    if len(countries) < 3 or not data.separately.search(text):
        return [(countries, people)]
    host = people[0].country if people and people[0].country else doc.home_country
    if host not in countries:
        return [(countries, people)]
    return [({host, other}, [p for p in people if p.country in (host, other)]) for other in sorted(countries - {host})]


COORDINATION_GAP = 40  # characters between two names of one list: "A of Brazil and B"


def _coordinated(doc: Document, data: LanguageData, before: PersonMention, after: PersonMention) -> bool:
    """Whether two names are items of one list ("Lula of Brazil and Sheinbaum", "A, B and C")."""
    gap = doc.text[before.span.end : after.title_start]
    if len(gap) > COORDINATION_GAP or any(c in gap for c in ';:()"“”'):
        return False
    words = {w.casefold() for w in re.findall(r"\w+", gap)}
    return "," in gap or bool(words & {c.casefold() for c in data.title_connectors})


def _sides(
    doc: Document, data: LanguageData, people: list[PersonMention], trigger: int
) -> tuple[list[PersonMention], list[PersonMention]]:
    """The two sides of a meeting sentence: the subjects before the trigger and the objects after it, which
    are the first name after it and the names listed together with it ("met A, B and C")."""
    before = [p for p in people if p.span.end <= trigger]
    # "The embrace with Pope Francis, then the meeting with Meloni": one named after "with" is a
    # counterpart wherever he stands, never the one who meets
    subjects = [p for p in before if not _after_with(doc, data, p)]
    after = [p for p in before if p not in subjects] + [p for p in people if p.span.start >= trigger]
    objects = after[:1]
    for before, following in zip(after, after[1:], strict=False):
        if not (_coordinated(doc, data, before, following) or _after_with(doc, data, following)):
            break
        objects.append(following)  # "met A, B and C"; "a call with A, another with B"
    return subjects, objects


WITH_WORDS_BEFORE = 3  # "with", "with the", "con il presidente": the with-word is among the last words


def _after_with(doc: Document, data: LanguageData, person: PersonMention) -> bool:
    """Whether the person is named as somebody's counterpart: "with" just before him or his title."""
    words = re.findall(r"\w+", doc.text[max(0, person.title_start - 30) : person.title_start])
    return bool({w.casefold() for w in words[-WITH_WORDS_BEFORE:]} & data.with_words)


def protagonist(doc: Document, data: LanguageData) -> PersonMention | None:
    """The leader a report follows, the unnamed subject of "He held talks with X" or "Una telefonata con X"
    when no earlier meeting sentence named one: the most named principal who is nobody's counterpart ("with
    X"), of the home state where it is known."""
    named = [p for p in doc.people if p.country and not _after_with(doc, data, p)]
    candidates = [p for p in named if p.rank <= 2] or [p for p in named if p.rank <= 3]  # else a minister's tour
    if not candidates:
        return None
    counts = Counter(p.name for p in candidates)
    return min(candidates, key=lambda p: (p.country != doc.home_country, -counts[p.name], p.rank, p.span.start))


TITLE_GAP = 3  # "Tổng thống Brasil": a title, then its state
POSSESSIVE_GAP = 4  # "Iran's foreign minister", "the Brazilian President": a state, then its title


def _unnamed_offices(doc: Document, index: int, end: int) -> list[tuple[int, str | None]]:
    """The titles of sentence ``index`` before ``end`` that name nobody ("The Prime Minister met ...",
    "Tổng thống Brasil đã có cuộc hội đàm ..."), each with where it starts and the state written with it."""
    sentence = doc.sentences[index]
    named = doc.in_sentence("people", index)
    countries = doc.in_sentence("countries", index)
    offices = []
    for m in mentions.title_pattern(load(doc.language).code).finditer(doc.text, sentence.start, end):
        if any(p.title_start <= m.start() < p.span.end for p in named):
            continue  # the title of someone named
        state = next(
            (
                c.code
                for c in countries
                if 0 <= m.start() - c.span.end <= POSSESSIVE_GAP or 0 <= c.span.start - m.end() <= TITLE_GAP
            ),
            None,
        )
        offices.append((m.start(), state))
    return offices


def _principal_of_state_named_first(doc: Document, objects: list[PersonMention]) -> PersonMention | None:
    """The report's principal of a state whose office the sentence names, without a name, before the
    objects: "the Brazilian President held talks with President Luong Cuong" is Lula when the report names
    him elsewhere."""
    states = {p.country for p in objects}
    offices = _unnamed_offices(doc, objects[0].span.sentence, objects[0].title_start)
    for state in reversed([s for _, s in offices if s]):
        if state in states:
            continue
        theirs = [p for p in doc.people if p.country == state and p.rank <= 2]
        if theirs:
            counts = Counter(p.name for p in theirs)
            return min(theirs, key=lambda p: (p.rank, -counts[p.name], p.span.start))
    return None


def _unnamed_title_first(doc: Document, sentence, before: int) -> str | None:
    """The state of a title that opens the sentence, before ``before``, and names nobody ("The Prime Minister
    met ...", "Iran's foreign minister met ..."): the state written with it, else the outlet's own."""
    offices = _unnamed_offices(doc, sentence.index, before)
    if not offices:
        return None
    start, state = offices[0]
    if doc.text[sentence.start : start].strip(" \"'“‘-—–").split()[3:]:
        return None  # not among the first words: not the subject
    return state or doc.home_country


def _stand_in(
    doc: Document, last_subjects: list[PersonMention], lead: PersonMention | None, objects: list[PersonMention]
) -> PersonMention | None:
    """Who meets the objects of a sentence that names no subject: the principal of a state the sentence
    names before them, else the subject of the last meeting sentence, else the report's protagonist, provided
    he is of another state than they."""
    states = {p.country for p in objects}
    for candidate in [_principal_of_state_named_first(doc, objects), *last_subjects[:1], lead]:
        if candidate is not None and candidate.country and candidate.country not in states:
            return candidate
    return None


def _participants(subjects: list[PersonMention], objects: list[PersonMention]) -> list[PersonMention]:
    """Who takes part when a meeting sentence names people of three or more states: the subjects and, unless
    they already are two sides ("A and B discussed by phone"), the objects. A leader named later in the
    sentence is its topic ("... then spoke of the situation in Venezuela under Nicolás Maduro")."""
    if len({p.country for p in subjects}) >= 2:
        return subjects
    return subjects + objects


GREETINGS_WINDOW = 80  # "conveyed the warm greetings of General Secretary To Lam, State President ..."


def _without_senders(doc: Document, data: LanguageData, people: list[PersonMention]) -> list[PersonMention]:
    """People whose greetings, message or letter the sentence conveys send it and take no part, unless they
    are of another state than the one who conveys it (the addressee: "... to President Putin")."""
    if not people:
        return people
    text = doc.text
    sentence = doc.sentences[people[0].span.sentence]
    senders = []
    for m in data.greetings.finditer(text, sentence.start, sentence.end):
        conveyor = next((p for p in reversed(people) if p.span.end <= m.start()), None)
        for p in people:
            if m.end() <= p.title_start <= m.end() + GREETINGS_WINDOW and (
                conveyor is None or p.country == conveyor.country
            ):
                senders.append(p)
    return [p for p in people if p not in senders]


TRIBUTE_WINDOW = 40  # "paid tribute to late President ...", "đặt vòng hoa và vào Lăng viếng Chủ tịch ..."


def _without_the_honoured(
    doc: Document, data: LanguageData, people: list[PersonMention], meetings: list[int]
) -> list[PersonMention]:
    """People the sentence honours at a memorial or grave ("laid a wreath and paid tribute to President Hồ Chí
    Minh at his mausoleum", "Lăng Chủ tịch Hồ Chí Minh"): a visitor's programme, not an encounter with them. The
    one honoured is the first named after the tribute, before any meeting word ("... at his mausoleum, and held
    talks with Prime Minister X": X is met). ``meetings``: where the sentence's meeting words start."""
    if not people:
        return people
    sentence = doc.sentences[people[0].span.sentence]
    honoured = set()
    for m in data.tributes.finditer(doc.text, sentence.start, sentence.end):
        following = [p for p in people if m.start() <= p.title_start <= m.end() + TRIBUTE_WINDOW]
        if not following:
            continue
        first = min(following, key=lambda p: p.title_start)
        if not any(m.end() <= at < first.title_start for at in meetings):
            honoured.add(first.name)
    return [p for p in people if p.name not in honoured]


APART_WINDOW = 15  # "Antes de Meloni", "After Xi": the word right before the person or their title


def _sides_of_this_meeting(doc: Document, data: LanguageData, people: list[PersonMention]) -> list[PersonMention]:
    """The people a meeting sentence can make sides of its encounter: not one who no longer holds office
    ("former Prime Minister Massimo D'Alema": no state's official), nor one named right after a word that
    sets him at another moment ("Antes de Meloni, Lula se encontrou com ...": Meloni was met before)."""
    return [
        p
        for p in people
        if not p.former
        and not term_right_before(data.apart_words, doc.text, p.title_start, APART_WINDOW, between=string.whitespace)
    ]


STATEMENT_WINDOW = 40  # characters between a statement word and the date it was made


def _statement_date(data: LanguageData, text: str, at: int, found: list) -> bool:
    """Whether the date at ``at`` is a statement's that goes on to report the meeting: a statement word just
    before it, and the sentence's first meeting word after it."""
    before = text[max(0, at - STATEMENT_WINDOW) : at]
    return bool(data.statement_words.search(before)) and all(m.start() > at for _, m in found)


_QUOTE_PAIRS = (("“", "”"), ("«", "»"))


def _quoted(text: str, offset: int) -> bool:
    """Whether ``offset`` of a sentence lies inside direct speech: after an opening quotation mark that is not
    closed before it."""
    before = text[:offset]
    if before.count('"') % 2 == 1:
        return True
    return any(before.count(opening) > before.count(closing) for opening, closing in _QUOTE_PAIRS)


def _another_moment_from(data: LanguageData, text: str, offset: int, trigger: int) -> int | None:
    """Where, after the sentence's first meeting word, a clause sets what follows at another moment ("una cita
    que se dio días después de que también hablara con ...", "..., after talks with ..."): the absolute offset
    of that word, or None."""
    m = data.apart_words.search(text, trigger)
    return offset + m.start() if m else None


def find_anchors(doc: Document, data: LanguageData) -> list[Anchor]:
    anchors: list[Anchor] = []
    previous_date: str | None = None
    previous_day: str | None = None
    dates_by_sentence, people_by_sentence = by_sentence(doc.dates), by_sentence(doc.people)
    lead = protagonist(doc, data)
    last_subjects: list[PersonMention] = []
    last_pair: list[PersonMention] = []  # the principals of the last encounter of two named sides
    for sentence in doc.sentences:
        text = sentence.text
        found = _triggers(data, text)
        # A sentence that tells a plan tells it of all its meeting words: "During his visit to Japan, Modi will
        # hold talks with ...", "X arrived in Hanoi and will meet Y": no encounter has happened yet.
        triggers = [] if any(_is_planned(data, text, m.start()) for _, m in found) else found
        near = sentence.start + triggers[0][1].start() if triggers else None
        told = dates_by_sentence.get(sentence.index, [])
        if not triggers:  # a date someone speaks of ("... sent the draft on 27 June," she said) is not the story's
            told = [d for d in told if not _quoted(text, d.span.start - sentence.start)]
        elif found:  # "said in a statement on Tuesday, 12 November, that the meeting ...": when it was said
            told = [d for d in told if not _statement_date(data, text, d.span.start - sentence.start, found)]
        date = _sentence_date(told, previous_day, near)
        if date:
            previous_date = date
            if len(date) == 10 or date.startswith("--"):
                previous_day = date  # "the same day" refers to a day, not to "last May" told in between
        if not triggers:
            continue
        people = _without_senders(doc, data, list(people_by_sentence.get(sentence.index, [])))
        people = _without_the_honoured(doc, data, people, [sentence.start + m.start() for _, m in found])
        people = _sides_of_this_meeting(doc, data, people)
        if not people and last_pair and data.both_leaders.search(text):
            people = list(last_pair)  # "Les deux dirigeants se sont vus en marge du G20": the pair named before
        subjects, objects = _sides(doc, data, people, sentence.start + triggers[0][1].start())
        home_side: str | None = None
        if subjects:
            last_subjects = subjects
        elif objects:  # "He held talks with X", "Zhao was received by X": the subject is told elsewhere
            stand_in = _stand_in(doc, last_subjects, lead, objects)
            if stand_in is not None:
                subjects = [stand_in]
                people = [stand_in, *people]
            else:  # "The Prime Minister met ...": unnamed, of the state written with it or the outlet's own
                unnamed = _unnamed_title_first(doc, sentence, objects[0].title_start)
                home_side = unnamed if unnamed not in {o.country for o in objects} else None
        if len({p.country for p in people}) >= 3 and not data.separately.search(text):
            people = _participants(subjects, objects)
        countries = {p.country for p in people if p.country} | ({home_side} if home_side else set())
        for kind, m in triggers:
            if kind != "visit" or len(countries) >= 2:
                continue  # two sides already named: a visit's destination is where they met, not a third side
            window_end = sentence.start + m.end() + DESTINATION_WINDOW
            for c in doc.countries:
                if c.span.sentence == sentence.index and sentence.start + m.end() <= c.span.start < window_end:
                    countries.add(c.code)
                    break
        if len(countries) < 2:
            countries |= {c.code for c in doc.in_sentence("countries", sentence.index)}
        with_home = countries | {doc.home_country} if doc.home_country else countries
        if len(countries) == 1 and any(a.countries == with_home for a in anchors):
            countries = with_home  # "At the meeting with Hun Manet, ...": more on a meeting already told
        if len(countries) < 2:
            continue
        place, place_country = _place(doc, data, sentence.index)
        kinds = {k for k, _ in triggers}
        multilateral = bool(data.multilateral.search(text))
        named_sides = {p.country for p in people if p.country}
        if len(named_sides) == 2:
            last_pair = [p for p in people if p.country in named_sides]
        elsewhere = _another_moment_from(data, text, sentence.start, triggers[0][1].start())
        for states, present in _partners(doc, data, text, countries, people, subjects, objects):
            counterparts = [p for p in present if p not in subjects]
            recalled = elsewhere is not None and counterparts and all(p.title_start > elsewhere for p in counterparts)
            anchors.append(
                Anchor(
                    sentence=sentence.index,
                    countries=states,
                    people=present,
                    place=place,
                    place_country=place_country,
                    phone="phone" in kinds,
                    visit="visit" in kinds
                    or any(" ".join(m.group().split()).casefold() in data.receive for _, m in triggers),
                    multilateral=multilateral,
                    span=Span(sentence.index, sentence.start, sentence.end),
                    # "..., days after he also spoke with Maduro and Lula": another moment, not this one's date
                    date=None if recalled else date,
                    context_date=None if recalled else previous_date,
                )
            )
    return anchors


def _named(people: list[PersonMention]) -> dict[str, set[str]]:
    """Per state, who represents it: one person under two spellings the table knows is one ("Abdul Fattah
    Al Sissi", "Abdel Fattah el-Sisi")."""
    named: dict[str, set[str]] = {}
    for p in people:
        if p.country:
            named.setdefault(p.country, set()).add(officeholders.identity(p.name))
    return named


def _compatible(encounter: Encounter, anchor: Anchor) -> bool:
    """False when a state is represented by different people: that is another encounter the same day."""
    mine = encounter.named
    theirs = _named(anchor.people)
    return all(mine[c] & theirs[c] for c in mine.keys() & theirs.keys())


def group_encounters(anchors: list[Anchor]) -> list[Encounter]:
    encounters: list[Encounter] = []
    for anchor in anchors:
        key = frozenset(anchor.countries)
        same_states = [e for e in encounters if e.countries == key and _compatible(e, anchor)]
        if anchor.date:
            match = next((e for e in same_states if e.own_date == anchor.date), None)
            if match is None:
                match = next((e for e in same_states if e.own_date is None), None)
        else:
            match = same_states[-1] if same_states else None
        if match is None:
            match = Encounter(key)
            encounters.append(match)
        match.add(anchor)
    return encounters


def _principals(encounter: Encounter) -> list[str]:
    people = [p for a in encounter.anchors for p in a.people if p.country in encounter.countries]
    best: dict[str, int] = {}
    for p in people:
        best[p.country] = min(best.get(p.country, 99), p.rank)
    names: list[str] = []
    seen: set[str] = set()  # one person once, under the first spelling the report uses
    for p in people:
        who = officeholders.identity(p.name)
        if p.rank == best[p.country] and who not in seen:
            seen.add(who)
            names.append(p.name)
    return names


def _mode(encounter: Encounter, place_country: str | None, gathering: bool = False) -> str | None:
    """PLOVER's mode. A report whose lead tells of a summit or its sidelines makes its encounters away from
    both sides multilateral: bilaterals on the sidelines are told in later paragraphs without the word."""
    if any(a.phone for a in encounter.anchors):
        return "phone"
    if any(a.multilateral for a in encounter.anchors):
        return "multilateral"
    if gathering and (place_country is None or place_country not in encounter.countries):
        return "multilateral"
    if place_country and place_country not in encounter.countries:
        return "third-party"
    if place_country or any(a.visit for a in encounter.anchors):
        return "visit"
    return None


def _sentences_owned(encounters: list[Encounter], n_sentences: int) -> list[list[int]]:
    """For each encounter, the sentences that speak of it: from each of its anchors up to the next anchor of
    another encounter ("At the meeting with Hun Manet, ..." goes on about that meeting); after a sentence
    that tells several ("held talks with A, and called on B, C and D"), to the first it names, the talks the
    report goes on about. Sentences before the first anchor (headline, lead) belong to the encounters
    anchored first."""
    anchored: dict[int, set[int]] = {}
    for i, encounter in enumerate(encounters):
        for a in encounter.anchors:
            anchored.setdefault(a.sentence, set()).add(i)
    owned: list[list[int]] = [[] for _ in encounters]
    first_anchor = min(anchored, default=0)
    current = anchored.get(first_anchor, set())
    for index in range(n_sentences):
        if index in anchored:
            current = anchored[index]
            if len(current) >= LIST_OF_MEETINGS:
                continue  # "five bilaterals: with A, with B, ...": what it says of one is not said of each
            for i in current:
                owned[i].append(index)
        elif index < first_anchor and len(current) >= LIST_OF_MEETINGS:
            continue  # a lead about a day of many meetings: its topics belong to none in particular
        else:
            for i in current if len(current) <= 1 or index < first_anchor else {min(current)}:
                owned[i].append(index)
    return owned


LIST_OF_MEETINGS = 3  # encounters told in one sentence from which it is a list, not one meeting's account


def _earlier(a: str | None, b: str | None) -> bool:
    """Whether date ``a`` is before date ``b`` at the precision both have ("2024-02" is before "2024-09-04")."""
    if not a or not b or not a[:4].isdigit() or not b[:4].isdigit():
        return False
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def _to_the_latest_meeting(encounters: list[Encounter], owned: list[list[int]]) -> list[list[int]]:
    """A meeting recalled in passing ("who visited Al Sissi in Cairo in February", "following their meeting
    at the G20 last month") owns only the sentences that tell it: what follows is about the same states'
    latest meeting, the one the report is about."""
    result = [list(o) for o in owned]
    for i, recalled in enumerate(encounters):
        later = [
            j
            for j, other in enumerate(encounters)
            if j != i and other.countries == recalled.countries and _earlier(recalled.date, other.date)
        ]
        if not later:
            continue
        latest = max(later, key=lambda j: encounters[j].date or "")
        told = {a.sentence for a in recalled.anchors}
        moved = [index for index in result[i] if index not in told]
        result[i] = [index for index in result[i] if index in told]
        result[latest] = sorted(set(result[latest]) | set(moved))
    return result


def build_events(doc: Document, data: LanguageData) -> list[Event]:
    encounters = [e for e in group_encounters(find_anchors(doc, data)) if _principals(e)]
    encounters.sort(key=lambda e: e.first_sentence)
    owned = _to_the_latest_meeting(encounters, _sentences_owned(encounters, len(doc.sentences)))
    lead = " ".join(s.text for s in doc.sentences[:LEAD_SENTENCES])
    gathering = bool(data.multilateral.search(lead))  # "on the sidelines of the G20 Summit in Johannesburg"
    masked = area_stage.masked_text(doc, data) if encounters else ""  # once: it spans the whole text
    events = []
    for i, encounter in enumerate(encounters):
        places = Counter((a.place, a.place_country) for a in encounter.anchors if a.place)
        place, place_country = places.most_common(1)[0][0] if places else _fallback_place(doc, data, encounter)
        if any(a.phone for a in encounter.anchors):
            place, place_country = None, None  # a call has no venue; a city near it is another event's
        events.append(
            Event(
                type="CONSULT",
                mode=_mode(encounter, place_country, gathering),
                countries=sorted(encounter.countries),
                people=_principals(encounter),
                date=encounter.date,
                place=place,
                areas=area_stage.areas_of(doc, data, owned[i], masked),
                evidence=[a.span for a in encounter.anchors],
            )
        )
    return events


def run(doc: Document) -> Document:
    doc.events = build_events(doc, load(doc.language))
    return doc
