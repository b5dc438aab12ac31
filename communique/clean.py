"""Clean stage: from what a news page carries to the article's own text.

News pages pasted or scraped as text carry furniture that is not the article: photo captions with their
credit ("… Foto: Hai Nguyen", "Ảnh: TTXVN"), image file names, comment counters ("Komentar (0)"), ad
placeholders ("[iklan_2]"), audio-player controls ("0:00 / 0:00" and the voice menu after them), and
"read more" / "same category" link lists at the end. Left in, a caption repeats a sentence (and would count
an agreement twice) and the link lists bring in other stories' facts. A trailing "Source: URL" line is lifted
into the document's URL. HTML goes through trafilatura first, which keeps the main text and its metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

from communique.document import Document
from communique.languages import LanguageData, available, load
from communique.metadata import read_published

_URL = re.compile(r"https?://\S+")
_PLAYER = re.compile(r"^\d{1,2}:\d{2}(\s*/\s*\d{1,2}:\d{2})?$")
_AD = re.compile(r"^\[[\w\s-]{1,30}\]$")
_IMAGE_FILE = re.compile(r"^\S.{0,60}\.(jpe?g|png|gif|webp|svg)$", re.IGNORECASE)
_BULLET = re.compile(r"^[•·\-–*]\s*")
_FINAL = re.compile(r"[.!?…:;\"”»)]$")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def _words(line: str) -> int:
    return len(line.split())


def _all_labels(attr: str, data: LanguageData) -> list[str]:
    """Furniture labels of every language with a data file, the document's own first.

    Pages are often translations of another site's pages and keep its furniture: a Dutch text with
    Vietnamese photo credits ("Ảnh 1") is common, so every known label counts in every document.
    """
    labels = list(getattr(data, attr))
    for code in available():
        labels += getattr(load(code), attr)
    return labels


def _label_re(labels: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(x) for x in sorted(set(labels), key=len, reverse=True)) or r"(?!x)x"
    return re.compile(rf"(?:{alternatives})", re.IGNORECASE)


def html_to_text(html: str) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of an HTML page, through trafilatura (imported here: it is slow to load)."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
    )
    text = (result.text or "") if result is not None else ""
    meta = {"title": result.title, "date": result.date, "url": result.url} if result is not None else {}
    if not text.strip():
        # trafilatura reads through lxml, whose parser stops at 255 levels of nesting: a deeper page comes
        # back empty. The standard library's event parser has no such limit; it keeps the text of blocks.
        text = _text_of_blocks(html)
    return text, meta


class _BlockText(HTMLParser):
    """The text of an HTML page outside scripts and styles, a line per block element."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header"}
    HIDDEN = {"script", "style", "noscript", "template", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _text_of_blocks(html: str) -> str:
    parser = _BlockText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class _FurniturePatterns:
    caption_tail: re.Pattern[str]
    credit_only: re.Pattern[str]
    image_alt: re.Pattern[str]
    counter: re.Pattern[str]
    source_line: re.Pattern[str]
    read_more: re.Pattern[str]


@cache
def _patterns(code: str) -> _FurniturePatterns:
    data = load(code)
    credit = _label_re(_all_labels("photo_credit", data)).pattern
    comments = _label_re(_all_labels("comments", data)).pattern
    source = _label_re(_all_labels("source_labels", data)).pattern
    return _FurniturePatterns(
        caption_tail=re.compile(rf"(?:^|[\s.\-–—|]){credit}\s*:\s*[^.!?]{{0,60}}[.]?$", re.IGNORECASE),
        credit_only=re.compile(rf"^{credit}\s*:", re.IGNORECASE),
        image_alt=re.compile(rf"{credit}\s*\d+\.?$", re.IGNORECASE),
        counter=re.compile(rf"^{comments}\s*\(\d+\)$", re.IGNORECASE),
        source_line=re.compile(rf"^{source}\s*:\s*(https?://\S+)\s*$", re.IGNORECASE),
        read_more=_label_re(_all_labels("read_more", data)),
    )


CREDIT_MAX_WORDS = 15  # "Photo: VNA" is a credit; a paragraph that happens to start with "Photo:" is text


def clean_text(text: str, data: LanguageData) -> tuple[str, str | None]:
    """The article text without page furniture, and the source URL if the text names one."""
    p = _patterns(data.code)
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    url = None
    in_player_menu = False
    total = len(lines)
    for i, line in enumerate(lines):
        if not line:
            in_player_menu = False
            kept.append("")
            continue
        if _PLAYER.match(line):
            in_player_menu = True
            continue
        if in_player_menu and _words(_BULLET.sub("", line)) <= 4 and not _FINAL.search(line):
            continue
        in_player_menu = False
        found = p.source_line.match(line)
        if found:
            url = url or found.group(1)
            continue
        if p.counter.match(line) or _AD.match(line) or _IMAGE_FILE.match(line):
            continue
        if p.read_more.match(line) and _words(line) <= 8:
            if i > total * 0.6:
                break  # a link list at the end: everything after it is other stories
            continue
        if p.credit_only.match(line) and _words(line) <= CREDIT_MAX_WORDS:
            # A credit on its own line: the line before it, if it has no final stop, is its caption.
            if kept and kept[-1] and not _FINAL.search(kept[-1]):
                kept.pop()
            continue
        if p.caption_tail.search(line) or (p.image_alt.search(line) and _words(line) <= 8):
            continue
        kept.append(line)
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return cleaned, url


def run(doc: Document) -> Document:
    data = load(doc.language)
    text = doc.raw
    if doc.is_html:
        text, meta = html_to_text(doc.raw)
        doc.title = doc.title or meta.get("title")
        doc.url = doc.url or meta.get("url")
        if not doc.published:
            doc.published, problem = read_published(meta.get("date"))
            if problem:
                doc.warnings.append(problem.replace("'published'", "the page's date"))
    doc.text, url = clean_text(text, data)
    if not doc.text.strip():
        raise ValueError("no readable text (an HTML page without a body, or only page furniture)")
    doc.url = doc.url or url
    if doc.title is None and doc.text:
        doc.title = doc.text.split("\n", 1)[0][:200]
    return doc
