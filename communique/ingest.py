"""Ingest: read input files into Documents, run the pipeline, store the results.

Inputs are ``.txt``, ``.md``, ``.html``/``.htm`` files, folders (walked recursively, in a stable order),
and ``.jsonl`` files whose lines carry ``id`` and ``text`` or ``html``, optionally ``url``, ``published`` and
``language``. Every problem is reported with the file (and line) it comes from. Under ``on_error="skip"``
the bad input is skipped and the rest goes on; under ``"abort"`` ingestion stops there. Either way what
was stored before stays stored: batches are committed whole or not at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from communique.document import Document
from communique.metadata import read_published
from communique.pipeline import Pipeline, StageError
from communique.store import Store

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 5_000_000
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


@dataclass
class InputProblem:
    """Something that could not be read or processed: where, and why."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class AbortIngest(Exception):
    def __init__(self, problem: InputProblem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    replaced: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    warnings: list[InputProblem] = field(default_factory=list)  # kept, with a field dropped
    ignored_files: int = 0
    events: int = 0
    agreements: int = 0
    targets: int = 0
    aborted: bool = False
    seconds_resolving: float = 0.0

    @property
    def skipped(self) -> int:
        return len(self.problems)


def _decode(data: bytes, where: str, max_bytes: int) -> str | InputProblem:
    if len(data) > max_bytes:
        return InputProblem(where, f"document is {len(data):,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
    if b"\x00" in data[:8192]:
        return InputProblem(where, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputProblem(where, f"not UTF-8 text (invalid byte at offset {exc.start})")


def iter_files(paths: Iterable[Path]) -> Iterator[Path | InputProblem]:
    """Files to read, folders expanded; a named file of an unknown type or a missing path is a problem."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED and not child.name.startswith("."):
                    yield child
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                yield path
            else:
                yield InputProblem(str(path), f"unsupported file type '{path.suffix}' (use .txt, .md, .html or .jsonl)")
        else:
            yield InputProblem(str(path), "no such file or folder")


def _from_json_line(line: str, where: str, max_bytes: int) -> Document | InputProblem:
    if len(line.encode("utf-8")) > max_bytes:
        return InputProblem(where, f"document is over the limit of {max_bytes:,} bytes (--max-bytes)")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputProblem(where, f"not valid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(obj, dict):
        return InputProblem(where, "each line must be a JSON object")
    doc_id = obj.get("id")
    if doc_id is None or str(doc_id).strip() == "":
        return InputProblem(where, "missing 'id'")
    text, html = obj.get("text"), obj.get("html")
    body = text if text is not None else html
    if not isinstance(body, str):
        return InputProblem(where, "needs a 'text' or 'html' string")
    if not body.strip():
        return InputProblem(where, "empty document")
    warnings: list[str] = []
    published, problem = read_published(obj.get("published"))
    if problem:
        warnings.append(problem)
    language = obj.get("language")
    if language is not None and not (isinstance(language, str) and _LANGUAGE_CODE.fullmatch(language.strip())):
        warnings.append(f"'language' ignored ({language!r}): not a language code such as \"vi\"; detecting it")
        language = None
    url = obj.get("url")
    if url is not None and not isinstance(url, str):
        warnings.append(f"'url' ignored ({url!r}): not a string")
        url = None
    return Document(
        doc_id=str(doc_id),
        raw=body,
        is_html=text is None,
        source=where,
        url=url,
        published=published,
        language=language.strip().lower() if language else None,
        warnings=warnings,
    )


def read_documents(paths: Iterable[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputProblem]:
    """Documents from files and folders, or the problems met while reading them."""
    for item in iter_files(paths):
        if isinstance(item, InputProblem):
            yield item
            continue
        suffix = item.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            try:
                handle = item.open("rb")
            except OSError as exc:
                yield InputProblem(str(item), f"cannot read: {exc.strerror}")
                continue
            with handle:
                for number, raw_line in enumerate(handle, 1):
                    where = f"{item}:{number}"
                    decoded = _decode(raw_line, where, max_bytes + 1024)
                    if isinstance(decoded, InputProblem):
                        yield decoded
                    elif decoded.strip():
                        yield _from_json_line(decoded, where, max_bytes)
            continue
        try:
            data = item.read_bytes()
        except OSError as exc:
            yield InputProblem(str(item), f"cannot read: {exc.strerror}")
            continue
        decoded = _decode(data, str(item), max_bytes)
        if isinstance(decoded, InputProblem):
            yield decoded
        elif not decoded.strip():
            yield InputProblem(str(item), "empty document")
        else:
            yield Document(doc_id=item.stem, raw=decoded, is_html=suffix in HTML_SUFFIXES, source=str(item))


def ingest(
    paths: Iterable[Path],
    store: Store,
    on_error: str = "skip",
    batch_size: int = 200,
    max_bytes: int = DEFAULT_MAX_BYTES,
    language: str | None = None,
    progress: Callable[[int], None] | None = None,
    resolve: bool = True,
) -> IngestReport:
    """Read, process and store documents; return what happened.

    Input is taken a batch at a time: the store is asked which of the batch's contents and ids it already
    holds (index lookups), so the cost of a new document does not depend on how many the store holds.
    """
    report = IngestReport()
    pipeline = Pipeline()
    batch: list[Document] = []

    def fail(problem: InputProblem) -> None:
        report.problems.append(problem)
        if on_error == "abort":
            raise AbortIngest(problem)

    try:
        for chunk in _chunks(read_documents(paths, max_bytes), batch_size):
            readable = [item for item in chunk if isinstance(item, Document)]
            known_hashes, stored_ids = store.known(
                [item.content_hash for item in readable], [item.doc_id for item in readable]
            )
            for item in chunk:
                if progress:
                    progress(1)
                if isinstance(item, InputProblem):
                    fail(item)
                    continue
                report.read += 1
                report.warnings.extend(InputProblem(item.source or item.doc_id, w) for w in item.warnings)
                if language and not item.language:
                    item.language = language
                if item.content_hash in known_hashes:
                    report.unchanged += 1
                    continue
                try:
                    doc = pipeline(item)
                except StageError as exc:
                    fail(InputProblem(item.source or item.doc_id, str(exc).split(": ", 1)[-1]))
                    continue
                if doc.doc_id in stored_ids:
                    report.replaced += 1
                known_hashes.add(doc.content_hash)
                stored_ids.add(doc.doc_id)
                report.events += len(doc.events)
                report.agreements += len(doc.agreements)
                report.targets += len(doc.targets)
                batch = [d for d in batch if d.doc_id != doc.doc_id]
                batch.append(doc)
            _save(store, batch, resolve, report)
    except AbortIngest:
        report.aborted = True
        _save(store, batch, resolve, report)  # what was read and processed before the problem is kept
    return report


def _chunks(items: Iterable[Document | InputProblem], size: int) -> Iterator[list[Document | InputProblem]]:
    chunk: list[Document | InputProblem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= max(size, 1):
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _save(store: Store, batch: list[Document], resolve: bool, report: IngestReport) -> None:
    if batch:
        report.seconds_resolving += store.save(batch, resolve=resolve)
        report.stored += len(batch)
        batch.clear()
