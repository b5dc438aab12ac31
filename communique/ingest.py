"""Ingest: read input files into Documents, run the pipeline, store the results.

Inputs are ``.txt``, ``.md``, ``.html``/``.htm`` files, folders (walked recursively, in a stable order),
and ``.jsonl`` files whose lines carry ``id`` and ``text`` or ``html``, optionally ``url``, ``published`` and
``language``. Every problem is reported with the file (and line) it comes from. Under ``on_error="skip"``
the bad input is skipped and the rest goes on; under ``"abort"`` ingestion stops there. Either way what
was stored before stays stored: batches are committed whole or not at all.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import multiprocessing
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from communique import people
from communique import resolve as resolution
from communique.document import MAX_ID_CHARS, Document
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


def iter_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str] | InputProblem]:
    """Files to read, folders expanded, each with the id its document gets: a file's name without its
    suffix, or, under a folder, its path from there ("2025/06/article"), so that files of the same name in
    two subfolders stay two documents. A named file of an unknown type or a missing path is a problem."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED and not child.name.startswith("."):
                    yield child, child.relative_to(path).with_suffix("").as_posix()
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                yield path, path.stem
            else:
                yield InputProblem(str(path), f"unsupported file type '{path.suffix}' (use .txt, .md, .html or .jsonl)")
        else:
            yield InputProblem(str(path), "no such file or folder")


def id_problem(doc_id: str) -> str | None:
    """Why ``doc_id`` cannot be a document's id, or None: it is shown in pages and paths."""
    if len(doc_id) > MAX_ID_CHARS:
        return f"id is {len(doc_id):,} characters, over the limit of {MAX_ID_CHARS}"
    if any(unicodedata.category(c).startswith("C") for c in doc_id):
        return f"id {doc_id!r} contains control characters"
    if doc_id != doc_id.strip():
        return f"id {doc_id!r} starts or ends with spaces"
    return None


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
    if isinstance(doc_id, (dict, list, bool)):
        return InputProblem(where, f"'id' must be a string or a number, not {type(doc_id).__name__}")
    problem = id_problem(str(doc_id))
    if problem:
        return InputProblem(where, problem)
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
    for found in iter_files(paths):
        if isinstance(found, InputProblem):
            yield found
            continue
        item, doc_id = found
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
            problem = id_problem(doc_id)
            if problem:
                yield InputProblem(str(item), problem)
            else:
                yield Document(doc_id=doc_id, raw=decoded, is_html=suffix in HTML_SUFFIXES, source=str(item))


def ingest(
    paths: Iterable[Path],
    store: Store,
    on_error: str = "skip",
    batch_size: int = 200,
    max_bytes: int = DEFAULT_MAX_BYTES,
    language: str | None = None,
    progress: Callable[[int], None] | None = None,
    resolve: bool = True,
    workers: int = 1,
) -> IngestReport:
    """Read, process and store documents; return what happened.

    Input is taken a batch at a time: the store is asked which of the batch's contents and ids it already
    holds (index lookups), so the cost of a new document does not depend on how many the store holds. The
    batch's new documents go through the pipeline, on ``workers`` processes when there are enough of them to
    be worth starting those, then are resolved and stored in this process, in input order.
    """
    report = IngestReport()
    batch: list[Document] = []
    claims: dict[str, tuple[str, str]] = {}  # id -> (content hash, where) of the first document claiming it

    def fail(problem: InputProblem) -> None:
        report.problems.append(problem)
        if on_error == "abort":
            raise AbortIngest(problem)

    with Extractor(workers) as extractor:
        try:
            for chunk in _chunks(read_documents(paths, max_bytes), batch_size):
                todo, stop = _new_documents(chunk, store, language, claims, report, fail, progress)
                for item, result in zip(todo, extractor.map(todo), strict=True):
                    if isinstance(result, str):
                        fail(InputProblem(item.source or item.doc_id, result))
                        continue
                    result.replaces = item.replaces
                    batch.append(result)
                if stop is not None:
                    raise stop
                _save(store, batch, resolve, report, fail)
        except AbortIngest:
            report.aborted = True
            with contextlib.suppress(AbortIngest):  # a document of the last batch failing to store: stop there
                _save(store, batch, resolve, report, fail)  # what was read and processed before the problem is kept
        finally:
            if report.stored:
                _refresh_people(store)
    return report


def _refresh_people(store: Store) -> None:
    """The people tables, derived from everything stored: once per run, not per batch (see ``people``)."""
    store.acquire()
    with store.transaction():
        people.refresh(store.con)
    store.release()


def _new_documents(
    chunk: list[Document | InputProblem],
    store: Store,
    language: str | None,
    claims: dict[str, tuple[str, str]],
    report: IngestReport,
    fail: Callable[[InputProblem], None],
    progress: Callable[[int], None] | None,
) -> tuple[list[Document], AbortIngest | None]:
    """The chunk's documents that need the pipeline, in order, after the problems, the ids claimed twice and
    the contents already stored are counted; and the abort met on the way, if any, to raise once the
    documents before it are processed and stored."""
    readable = [item for item in chunk if isinstance(item, Document)]
    for item in readable:
        if language and not item.language:
            item.language = language
    known_hashes, stored_ids = store.known([d.content_hash for d in readable], [d.doc_id for d in readable])
    store.release()  # extraction needs no store: other processes use it meanwhile
    todo: list[Document] = []
    try:
        for item in chunk:
            if progress:
                progress(1)
            if isinstance(item, InputProblem):
                fail(item)
                continue
            report.read += 1
            report.warnings.extend(InputProblem(item.source or item.doc_id, w) for w in item.warnings)
            claimed = claims.setdefault(item.doc_id, (item.content_hash, item.source or item.doc_id))
            if claimed[0] != item.content_hash:
                fail(InputProblem(item.source, f"id {item.doc_id!r} is already taken in this run by {claimed[1]}"))
                continue
            if item.content_hash in known_hashes:
                report.unchanged += 1
                continue
            item.replaces = item.doc_id in stored_ids
            known_hashes.add(item.content_hash)
            stored_ids.add(item.doc_id)
            todo.append(item)
    except AbortIngest as stop:
        return todo, stop
    return todo, None


# -- the pipeline on several processes ---------------------------------------------------------------------

MIN_DOCUMENTS_PER_WORKER = 25  # below this many new documents in a batch, starting processes costs more


_worker_pipeline: Pipeline | None = None


def _extract(item: Document, pipeline: Pipeline | None = None) -> Document | str:
    """A processed document, or why a stage failed (pickled back to the ingesting process from a worker,
    whose pipeline is made once)."""
    global _worker_pipeline
    if pipeline is None:
        _worker_pipeline = _worker_pipeline or Pipeline()
        pipeline = _worker_pipeline
    try:
        return pipeline(item)
    except StageError as exc:
        return str(exc).split(": ", 1)[-1]


class Extractor:
    """Runs the pipeline on documents in input order: in this process, or on a pool of ``workers`` processes
    (started when a batch first has enough new documents, kept for the rest of the run)."""

    def __init__(self, workers: int = 1):
        self.workers = max(1, workers)
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None
        self.pipeline = Pipeline()

    def map(self, items: list[Document]) -> Iterator[Document | str]:
        if self.workers > 1 and len(items) >= self.workers * MIN_DOCUMENTS_PER_WORKER and self.pool is None:
            self.pool = concurrent.futures.ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        if self.pool is None:
            return (_extract(item, self.pipeline) for item in items)
        return self.pool.map(_extract, items, chunksize=4)

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _chunks(items: Iterable[Document | InputProblem], size: int) -> Iterator[list[Document | InputProblem]]:
    chunk: list[Document | InputProblem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= max(size, 1):
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _write(store: Store, docs: list[Document], resolve: bool) -> float:
    """Resolve and store ``docs`` in one transaction: resolution reads and updates the clusters the store
    holds, so both belong to the same all-or-nothing step. Returns the seconds spent resolving."""
    store.acquire()
    rows = store.rows(docs)
    resolving = 0.0
    with store.transaction():
        # Only documents that replace an older version need their old rows (and events) undone.
        replacing = sorted(store.known([], [d.doc_id for d in docs])[1])
        replaced_blocks = resolution.blocks_of(store.con, replacing) if resolve and replacing else set()
        store.remove(replacing)
        if resolve:
            started = time.perf_counter()
            clusters = resolution.update(store.con, rows, replaced_blocks)
            for table, key in (("events", "event_id"), ("agreements", "agreement_id"), ("targets", "target_id")):
                if key in rows.get(table, {}):
                    rows[table]["cluster"] = [clusters.get(i, i) for i in rows[table][key]]
            resolving = time.perf_counter() - started
        store.insert(rows)
    store.commit_numbers(len(docs))
    store.release()  # reopening costs milliseconds a batch; holding it would keep readers waiting seconds
    return resolving


def _save(
    store: Store, batch: list[Document], resolve: bool, report: IngestReport, fail: Callable[[InputProblem], None]
) -> None:
    """Write a batch; when it fails, each document on its own, so that a document that cannot be resolved
    or stored is reported (file and line) and costs no other."""
    if not batch:
        return
    docs_to_write = list(batch)
    batch.clear()  # written or reported, never written twice (an abort below saves what is left of the run)
    written: list[tuple[list[Document], float]] = []
    try:
        written.append((docs_to_write, _write(store, docs_to_write, resolve)))
    except Exception:  # noqa: BLE001 - any failure: find the document it comes from
        for doc in docs_to_write:
            try:
                written.append(([doc], _write(store, [doc], resolve)))
            except Exception as exc:  # noqa: BLE001 - reported with the document's place, the rest goes on
                try:
                    fail(InputProblem(doc.source or doc.doc_id, f"could not be stored: {type(exc).__name__}: {exc}"))
                finally:
                    _count(report, written)
                    written = []
    _count(report, written)


def _count(report: IngestReport, written: list[tuple[list[Document], float]]) -> None:
    for docs, seconds in written:
        report.seconds_resolving += seconds
        report.stored += len(docs)
        report.replaced += sum(1 for d in docs if d.replaces)
        report.events += sum(len(d.events) for d in docs)
        report.agreements += sum(len(d.agreements) for d in docs)
        report.targets += sum(len(d.targets) for d in docs)
