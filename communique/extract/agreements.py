"""Agreements stage: documents signed, exchanged or adopted between states, each with its title.

Two shapes carry them. Enumerated lists ("The documents signed include:" and one line per document, each
line starting with a document noun such as "Bản ghi nhớ", "Memorandum", "Pernyataan Bersama") give one
agreement per line. Running text gives one where a signing verb ("menandatangani", "ký", "ondertekenden",
"signed") is followed, after small words and years, by a document noun: the title runs from there to the
end of the clause. A counted or collective object ("ten documents", "banyak dokumen") is no agreement, and
neither is a plan to sign. A caption that repeats a listed title is the same agreement. Parties are the
states named in the title when it names two, else the states of the encounter the text is about.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from communique.document import Agreement, Document, Span
from communique.extract.mentions import fold
from communique.languages import LanguageData, load

_BULLET = re.compile(r"^\s*(?:[-•·*–]|\d{1,2}[.)]|[a-z][.)])\s*")
_YEARLIKE = re.compile(r"^\d{4}(?:[-–]\d{4})?[,.]?$")
MAX_TITLE_CHARS = 300
NOUN_REACH = 50  # characters after a signing verb within which its document noun may come
PLANNED_WINDOW = 30


def _title_from(text: str, data: LanguageData) -> str:
    """Cut a title at the end of its clause and trim its final punctuation."""
    end = len(text)
    for marker in data.clause_end:
        at = text.find(marker)
        if 0 < at < end:
            end = at
    title = text[:end].strip()
    if len(title) > MAX_TITLE_CHARS:
        return ""
    return title.rstrip(" .;:,")


def _list_agreements(doc: Document, data: LanguageData) -> list[tuple[str, int]]:
    """(title, offset) of agreements written as the items of a list."""
    found = []
    offset = 0
    lines = doc.text.split("\n")
    intro_seen = False
    run: list[tuple[str, int]] = []

    def flush() -> None:
        if intro_seen or len(run) >= 2:
            found.extend(run)
        run.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped:
            offset += len(line) + 1
            continue
        body = _BULLET.sub("", stripped)
        head = data.document_nouns.match(body)
        if head and len(body) <= MAX_TITLE_CHARS and (intro_seen or run or body[0].isupper()):
            title = _title_from(body, data)
            if title:
                run.append((title, offset + line.find(body)))
        else:
            flush()
            intro_seen = stripped.endswith(":") and bool(
                data.list_intro.search(stripped) or data.document_nouns.search(stripped)
            )
        offset += len(line) + 1
    flush()
    return found


def _skip_small_words(text: str, at: int, skip: set[str]) -> int:
    """Offset of the first word from ``at`` that is not an article, a preposition or a year."""
    elided = [s for s in skip if s.endswith(("'", "’"))]  # "l'", "d’": an article written onto its noun
    for word in re.finditer(r"\S+", text[at:]):
        folded = word.group().casefold().strip(",")
        if folded in skip or _YEARLIKE.match(word.group()):
            continue
        article = next((e for e in elided if folded.startswith(e) and len(folded) > len(e)), "")
        if article and folded[len(article) :] in skip:
            continue  # "d'un"
        return at + word.start() + len(article)
    return len(text)


def _running_text_agreements(doc: Document, data: LanguageData) -> list[tuple[str, int]]:
    found = []
    skip = {w.casefold() for w in data.title_skip}
    for sentence in doc.sentences:
        text = sentence.text
        for verb in data.signing.finditer(text):
            if _is_planned_near(text, verb.start(), data):
                continue
            at = _skip_small_words(text, verb.end(), skip)
            if data.quantifiers.match(text, at):
                # "ten documents, including the Memorandum on ...": only what is named after "including".
                named = (_skip_small_words(text, m.end(), skip) for m in data.list_intro.finditer(text, at))
                at = next((i for i in named if data.document_nouns.match(text, i)), -1)
                if at < 0:
                    continue
            head = data.document_nouns.match(text, at)
            if not head:  # "firmaron este viernes en Washington un acuerdo de ...": a noun a few words on
                ahead = data.document_nouns.search(text, verb.end(), min(len(text), verb.end() + NOUN_REACH))
                between = text[verb.end() : ahead.start()] if ahead else ""
                if ahead and not re.search(r"[,.;:]", between) and not data.quantifiers.search(between):
                    at, head = ahead.start(), ahead
                else:  # "chứng kiến lễ ký và trao các văn kiện hợp tác khác gồm: Hiệp định ..., Hiệp định ..."
                    at = _after_list_intro(text, verb.end(), data, skip)
                    head = data.document_nouns.match(text, at) if at >= 0 else None
                    if head is None:
                        continue
            if (
                data.titles_capitalised
                and not text[at].isupper()
                and not _specified(text, head.end(), data)
                and not data.bare_titles.fullmatch(head.group())
            ):
                continue  # "an agreement" is no title where titles take capitals, unless it says on what; a
                # joint statement signed or issued is one in any case ("firmaron una declaración conjunta")
            title = _before_date(doc, data, _title_from(text[at:], data), sentence.start + at, skip)
            for part, offset in _split_joined_titles(title, data, skip):
                found.append((part, sentence.start + at + offset))
    return found


def _title_case_span(text: str, at: int, links: frozenset[str]) -> str:
    """The Title Case words from ``at``: capitalised words, numbers and the small linking words between them,
    up to the first other word or clause punctuation."""
    words: list[str] = []
    for m in re.finditer(r"\S+", text[at:]):
        core = m.group().strip('.,;:()"“”')
        if not core or not (core[0].isupper() or core[0].isdigit() or core.casefold() in links or core in "-–"):
            break
        words.append(core)
        if core != m.group().rstrip("."):
            break  # "..., " or "...;" closes it
    while words and (words[-1].casefold() in links or words[-1] in "-–"):
        words.pop()
    return " ".join(words)


def _is_planned_near(text: str, at: int, data: LanguageData) -> bool:
    return bool(data.planned.search(text[max(0, at - PLANNED_WINDOW) : at]))


def _titled_references(doc: Document, data: LanguageData) -> list[tuple[str, int]]:
    """Documents named by their title in a sentence that signs, issues or adopts something: the passive and
    copular shapes ("One of the key agreements signed was the Memorandum of Understanding on ...", "the
    Implementation Plan on ... was signed", "the Statement on Joint Outcomes issued in Canberra") and
    compounds that name one ("haben den Westerems-Vertrag unterzeichnet"). Only where titles are written in
    Title Case, which is what tells a title from a description."""
    if not data.title_links:
        return []
    found = []
    for sentence in doc.sentences:
        text = sentence.text
        if not any(not _is_planned_near(text, v.start(), data) for v in data.signing.finditer(text)):
            continue  # a title told with no signing, issuing or adopting is a topic ("the border agreement")
        for noun in data.document_nouns.finditer(text):
            start = noun.start()
            while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "-"):
                start -= 1  # the whole compound: "Westerems-Vertrag", "Eems-Dollardverdrag"
            if not text[start].isupper():
                continue
            title = _title_case_span(text, start, data.title_links)
            compound = start < noun.start()
            if (len(title.split()) >= 2 or compound) and len(title) > len(noun.group()):
                found.append((title, sentence.start + start))
    return found


def _after_list_intro(text: str, start: int, data: LanguageData, skip: set[str]) -> int:
    """Where the items begin when a signing verb is followed, in its clause, by a list's introduction ("...
    các văn kiện hợp tác khác gồm: ...", "... several documents, including ..."): -1 when there is none."""
    for intro in data.list_intro.finditer(text, start, min(len(text), start + 2 * NOUN_REACH)):
        if re.search(r"[.;]", text[start : intro.start()]):
            break
        at = _skip_small_words(text, intro.end(), skip | {":"})
        if data.document_nouns.match(text, at):
            return at
    return -1


def _specified(text: str, at: int, data: LanguageData) -> bool:
    """Whether a lower-case document noun goes on to say what it is about ("a memorandum of understanding in
    the field of energy", "an action plan for their strategic partnership"): a title written in lower case."""
    following = re.match(r"\s+(\w+)\s+\w", text[at:])
    return bool(following) and following.group(1).casefold() in data.title_links


def _split_joined_titles(title: str, data: LanguageData, skip: set[str]) -> list[tuple[str, int]]:
    """Titles joined by "and" ("a Memorandum on rice trade and an Agreement on tourism"), with their offsets.

    A connector starts a new title only when a document noun follows it (after small words such as "an"),
    so "the Agreement on Trade and Investment" stays one title.
    """
    connectors = "|".join(re.escape(c) for c in data.title_connectors) or "(?!x)x"
    parts, start = [], 0
    for m in re.finditer(rf"(?:,\s*|\s+)(?:{connectors})\s+|,\s+", title, re.IGNORECASE):
        head = _skip_small_words(title, m.end(), skip)
        noun = data.document_nouns.match(title, head)
        if noun and (not data.titles_capitalised or title[head].isupper()):
            parts.append((title[start : m.start()].rstrip(" ,;"), start))
            start = head
    parts.append((title[start:].rstrip(" .;:,"), start))
    return [(t, o) for t, o in parts if t]


def _before_date(doc: Document, data: LanguageData, title: str, start: int, skip: set[str]) -> str:
    """A title ends where a date begins: a date the dates stage found, or a day name ("... on Monday")."""
    starts = doc.starts("dates")
    first, last = bisect_right(starts, start), bisect_left(starts, start + len(title))
    dates = [s - start for s in starts[first:last]]
    day = data.weekdays.search(title, 1)
    cut = min([*dates, *([day.start()] if day else [])], default=None)
    if cut is None:
        return title
    words = title[:cut].split()
    while words and words[-1].casefold().strip(",") in skip:
        words.pop()  # the preposition that introduced the date
    return " ".join(words).rstrip(" .;:,")


def _same_title(a: str, b: str) -> bool:
    """One agreement told twice: the same title, or one title inside the other (a caption that quotes it).
    Two memoranda whose titles differ by their subject ("... on Mineral Resources", "... on Water Resources")
    are two agreements however alike they read."""
    a, b = " ".join(fold(a).split()), " ".join(fold(b).split())
    return a in b or b in a


def _parties(doc: Document, start: int, end: int) -> list[str]:
    named = {c.code for c in doc.countries if start <= c.span.start < end}
    if len(named) >= 2:
        return sorted(named)
    sentence = doc.sentence_at(start)
    in_sentence = {c.code for c in doc.in_sentence("countries", sentence)}
    if len(in_sentence) == 2 and named <= in_sentence:
        return sorted(in_sentence)  # "Argentina y Estados Unidos firmaron ... un acuerdo de ..."
    # "At the meeting with Hun Manet, ... raise bilateral trade to ...": the states of the people named there
    met = {p.country for p in doc.in_sentence("people", sentence) if p.country} | named
    if doc.home_country and len(met) == 1:
        met.add(doc.home_country)
    if len(met) == 2:
        return sorted(met)
    before = [e for e in doc.events if min(s.sentence for s in e.evidence) <= sentence]
    event = before[-1] if before else (doc.events[0] if doc.events else None)
    if event:
        return sorted(set(event.countries) | named) if named <= set(event.countries) else sorted(event.countries)
    states = named | ({doc.home_country} if doc.home_country else set())
    if len(states) < 2:
        states |= {c.code for c in doc.in_sentence("countries", sentence)}
    if len(states) < 2:  # "the two sides" of a report that tells no encounter: the two states it is about
        counts = Counter([c.code for c in doc.countries] + [p.country for p in doc.people if p.country])
        top = [code for code, _ in counts.most_common(2)]
        if len(top) == 2 and (not states or states <= set(top)):
            states = set(top)
    return sorted(states)


def _first_word(title: str) -> str:
    return fold(title.split()[0]) if title.split() else ""


def _joint_statements(doc: Document, data: LanguageData) -> list[tuple[str, int]]:
    """The joint statement of an encounter the report tells, wherever the report names it ("welcomed the joint
    statement between Vietnam and Brazil", "nêu trong Tuyên bố chung Việt Nam - Brazil", "de acuerdo con un
    comunicado conjunto"): adopted at the meeting even where no verb in its sentence says so. Not one planned
    ("will issue a joint statement"), and none in a report of no encounter."""
    if not doc.events:
        return []
    found = []
    for sentence in doc.sentences:
        text = sentence.text
        for noun in data.bare_titles.finditer(text):
            if _is_planned_near(text, noun.start(), data):
                continue
            if text[noun.start()].isupper():  # "Tuyên bố chung Việt Nam - Brazil": the name, then its title
                rest = (
                    _title_case_span(text, noun.end() + 1, data.title_links)
                    if text[noun.end() : noun.end() + 1] == " "
                    else ""
                )
                title = f"{noun.group()} {rest}".strip()
            elif _specified(text, noun.end(), data):
                title = _title_from(text[noun.start() :], data)
            else:
                title = noun.group()
            if title:
                found.append((title, sentence.start + noun.start()))
    return found


def build_agreements(doc: Document, data: LanguageData) -> list[Agreement]:
    agreements: list[Agreement] = []
    candidates = _list_agreements(doc, data) + _running_text_agreements(doc, data) + _titled_references(doc, data)
    joint = _joint_statements(doc, data)
    for n, (title, start) in enumerate(candidates + joint):
        title = title.strip(' «»"“”„')
        if n >= len(candidates) and any(_first_word(a.title) == _first_word(title) for a in agreements):
            continue  # "une déclaration commune pour ..." is the "Déclaration d'Alger ..." the report lists
        if data.document_nouns.fullmatch(title) and not data.bare_titles.fullmatch(title):
            continue  # "Ministers signed a Memorandum of Understanding to ...": no title, no entry
        if any(_same_title(title, a.title) for a in agreements):
            continue
        parties = _parties(doc, start, start + len(title))
        if len(parties) < 2:
            continue
        index = doc.sentence_at(start)
        dates = [d.value for d in doc.in_sentence("dates", index) if not d.same_day]
        agreements.append(
            Agreement(parties, title, dates[0] if dates else None, Span(index, start, start + len(title)))
        )
    return agreements


def run(doc: Document) -> Document:
    doc.agreements = build_agreements(doc, load(doc.language))
    return doc
