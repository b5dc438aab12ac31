"""The one module that talks to the DuckDB store.

Why these choices: documents are keyed by ``doc_id`` and carry the hash of their content, so ingesting the
same content again is a no-op and new content under a known id replaces the old version. A batch of
documents is written in one transaction: a failure leaves the store as it was before the batch. Rows go in
as Arrow tables (one INSERT per table per batch), which is what keeps ingestion fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from communique.document import Document
from communique.text import strip_diacritics, strip_diacritics_sql

SCHEMA_VERSION = 4  # 2: lookup keys on the cluster tables; 3: folded text for search; 4: people
ENV_VAR = "COMMUNIQUE_DB"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL, source VARCHAR, url VARCHAR,
    published VARCHAR, doc_date VARCHAR, language VARCHAR, title VARCHAR, home_country VARCHAR,
    diplomatic BOOLEAN, text VARCHAR, ingested_at TIMESTAMP, ingest_seq BIGINT);
CREATE TABLE IF NOT EXISTS document_search (doc_id VARCHAR, folded VARCHAR);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id VARCHAR, kind VARCHAR, text VARCHAR, value VARCHAR, country VARCHAR, detail VARCHAR,
    sentence INTEGER, start_char INTEGER, end_char INTEGER, language VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, seq INTEGER, type VARCHAR, mode VARCHAR,
    countries VARCHAR[], people VARCHAR[], date VARCHAR, place VARCHAR, areas VARCHAR[], cluster VARCHAR,
    sentence INTEGER, start_char INTEGER, end_char INTEGER, evidence_sentences INTEGER[], language VARCHAR);
CREATE TABLE IF NOT EXISTS agreements (
    agreement_id VARCHAR PRIMARY KEY, doc_id VARCHAR, seq INTEGER, countries VARCHAR[], title VARCHAR,
    date VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, language VARCHAR, cluster VARCHAR);
CREATE TABLE IF NOT EXISTS targets (
    target_id VARCHAR PRIMARY KEY, doc_id VARCHAR, seq INTEGER, countries VARCHAR[], metric VARCHAR,
    value DOUBLE, unit VARCHAR, year INTEGER, text VARCHAR, sentence INTEGER, start_char INTEGER,
    end_char INTEGER, language VARCHAR, cluster VARCHAR, metric_key VARCHAR);
-- Real-world events, agreements and targets: the mentions above resolved across documents and languages.
-- ``state`` holds what resolution needs to decide on the next mention; the other columns are derived from it.
CREATE TABLE IF NOT EXISTS event_clusters (
    cluster_id VARCHAR PRIMARY KEY, block VARCHAR, date_key VARCHAR, first_date VARCHAR, last_date VARCHAR,
    type VARCHAR, countries VARCHAR[], date VARCHAR, mode VARCHAR, place VARCHAR, people VARCHAR[],
    areas VARCHAR[], n_mentions INTEGER, n_documents INTEGER, n_sources INTEGER, languages VARCHAR[],
    first_report VARCHAR, last_report VARCHAR, last_published VARCHAR, disagreements JSON, state JSON,
    date_lookup VARCHAR, day_lookup VARCHAR, time_lookup VARCHAR);
CREATE TABLE IF NOT EXISTS agreement_clusters (
    cluster_id VARCHAR PRIMARY KEY, block VARCHAR, countries VARCHAR[], title VARCHAR, titles VARCHAR[],
    date VARCHAR, n_mentions INTEGER, n_documents INTEGER, n_sources INTEGER, languages VARCHAR[],
    first_report VARCHAR, last_report VARCHAR, last_published VARCHAR, state JSON, time_lookup VARCHAR);
CREATE TABLE IF NOT EXISTS target_clusters (
    cluster_id VARCHAR PRIMARY KEY, block VARCHAR, countries VARCHAR[], metric VARCHAR, value DOUBLE,
    unit VARCHAR, year INTEGER, n_mentions INTEGER, n_documents INTEGER, n_sources INTEGER,
    languages VARCHAR[], first_report VARCHAR, last_report VARCHAR, state JSON);
-- People as entities, derived from the person mentions and the events (``people.refresh``): one row per
-- person, each spelling a report used, and the events each person took part in.
CREATE TABLE IF NOT EXISTS people (
    person_id VARCHAR, name VARCHAR, country VARCHAR, aliases VARCHAR[], search VARCHAR,
    languages VARCHAR[], offices JSON, terms JSON, n_reports INTEGER, n_documents INTEGER, n_events INTEGER,
    first_seen VARCHAR, last_seen VARCHAR);
CREATE TABLE IF NOT EXISTS person_names (name VARCHAR, country VARCHAR, person_id VARCHAR);
CREATE TABLE IF NOT EXISTS person_events (person_id VARCHAR, event_id VARCHAR);
"""

# Ingestion asks for known contents by hash, and resolution reads the clusters a new report could join by
# their keys (see ``resolve.lookup_keys``): point lookups in single-column indexes, so their cost does not
# depend on how many documents and clusters the store holds.
INDEXES = """
CREATE INDEX IF NOT EXISTS documents_by_hash ON documents (content_hash);
CREATE INDEX IF NOT EXISTS event_clusters_by_block ON event_clusters (block);
CREATE INDEX IF NOT EXISTS event_clusters_by_date ON event_clusters (date_lookup);
CREATE INDEX IF NOT EXISTS event_clusters_by_day ON event_clusters (day_lookup);
CREATE INDEX IF NOT EXISTS event_clusters_by_time ON event_clusters (time_lookup);
CREATE INDEX IF NOT EXISTS agreement_clusters_by_block ON agreement_clusters (block);
CREATE INDEX IF NOT EXISTS agreement_clusters_by_time ON agreement_clusters (time_lookup);
CREATE INDEX IF NOT EXISTS target_clusters_by_block ON target_clusters (block);
"""
# DuckDB scans the whole table instead of an index once a lookup may match more than 2,048 rows; a batch's
# lookups can (a busy pair of states over a few months), and such a scan is what made the cost grow.
INDEX_SCAN_MAX_COUNT = 1_000_000

IN_CHUNK = 500  # values per IN (...) list


def where_in(select: str, column: str, n_values: int) -> str:
    """``select`` restricted to rows whose ``column`` is one of ``n_values`` parameters: index probes."""
    return f"{select} WHERE {column} IN ({', '.join('?' * n_values)})"


def select_where_in(con: duckdb.DuckDBPyConnection, select: str, column: str, values: Iterable[Any]) -> list[tuple]:
    """Rows of ``select`` whose ``column`` is one of ``values``, asked a chunk of values at a time."""
    ordered = sorted(set(values))
    rows: list[tuple] = []
    for start in range(0, len(ordered), IN_CHUNK):
        part = ordered[start : start + IN_CHUNK]
        rows += con.execute(where_in(select, column, len(part)), part).fetchall()
    return rows


def insert_columns(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, list], replace: bool = False) -> None:
    """Write rows given as columns into ``table`` in one statement, through Arrow (``replace``: an upsert on the
    primary key). Nothing is written for no rows."""
    if not columns or not len(next(iter(columns.values()))):
        return
    con.register("rows_to_write", pa.table(columns))
    names = ", ".join(columns)
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    con.execute(f"{verb} INTO {table} ({names}) SELECT {names} FROM rows_to_write")
    con.unregister("rows_to_write")


FACT_TABLES = ("document_search", "sentences", "mentions", "events", "agreements", "targets")


def default_path() -> Path:
    """``$COMMUNIQUE_DB``, else ``$XDG_DATA_HOME/communique/communique.duckdb`` (~/.local/share/...)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "communique" / "communique.duckdb"


class StoreError(Exception):
    pass


# Steps of an upgrade that belong to other modules, registered by them (resolution registers "resolve again"):
# the store runs them without importing its callers.
UPGRADES: dict[str, Callable[[duckdb.DuckDBPyConnection], None]] = {}


# -- sharing the file between processes ------------------------------------------------------------------
#
# DuckDB lets one process open a file for writing, or several for reading, never both. communique shares it:
# a process that finds the file held waits and says so by touching ``<db>.wanted`` (with its pid); a process
# that holds the file lets go as soon as it sees a fresh request from another process (an ingest between
# its steps, the server between requests) and, while requests keep coming, opens the file only for each
# step. So a long ingest, the dashboard and CLI reads all go on together; none shows a lock error, and a
# reader waits at most for one resolve-and-store step of a batch.

LOCK_WAIT_SECONDS = 120.0  # how long a process waits for the file before giving up with a clear message
WANT_FRESH_SECONDS = 10.0  # a request to share the file counts this long after its last touch


def _want_path(path: Path) -> Path:
    return path.with_name(path.name + ".wanted")


def want(path: Path) -> None:
    """Say that this process is waiting for the file."""
    with contextlib.suppress(OSError):
        _want_path(path).write_text(str(os.getpid()), encoding="ascii")


def wanted_by_another(path: Path) -> bool:
    """Whether another process has asked for the file within the last ``WANT_FRESH_SECONDS``."""
    marker = _want_path(path)
    try:
        fresh = time.time() - marker.stat().st_mtime < WANT_FRESH_SECONDS
        return fresh and marker.read_text(encoding="ascii").strip() != str(os.getpid())
    except (OSError, ValueError):
        return False


def connect(path: Path, read_only: bool, wait: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """A connection to the store, waiting (and asking) while another process holds the file."""
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"cannot open {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                holder = re.search(r"PID (\d+)", str(exc))
                who = f"process {holder.group(1)}" if holder else "another process"
                raise StoreError(
                    f"{path} is in use by {who}, which did not let go for {wait:.0f} s "
                    "(an older communique, or another program using the file)"
                ) from exc
            want(path)
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


class Store:
    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        self.path = Path(path) if path else default_path()
        if read_only and not self.path.exists():
            raise StoreError(f"no database at {self.path}: run 'communique ingest' first (or pass --db)")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.read_only = read_only
        self._con: duckdb.DuckDBPyConnection | None = None
        self._next_seq: int | None = None
        self.acquire()
        if not read_only:
            self._migrate()
        elif self._version() < SCHEMA_VERSION:  # an older store opened to be read: upgraded first, once
            self.release()
            with Store(self.path):
                pass
            self.acquire()

    def _version(self) -> int:
        try:
            found = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        except duckdb.CatalogException:
            return SCHEMA_VERSION  # an empty file: nothing to upgrade
        return int(found[0][0]) if found else SCHEMA_VERSION

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The connection, opened again if the store let go of the file."""
        self.acquire()
        return self._con

    def acquire(self) -> None:
        """Open the file if this store let go of it (``release``), waiting while another process holds it."""
        if self._con is None:
            try:
                con = connect(self.path, self.read_only)
            except duckdb.Error as exc:
                raise StoreError(f"cannot open {self.path}: {exc}") from exc
            con.execute(f"SET index_scan_max_count = {INDEX_SCAN_MAX_COUNT}")
            self._con = con
            self._next_seq = None  # another process may have written meanwhile

    def release(self) -> None:
        """Let go of the file, so that another process can open it; ``acquire`` opens it again."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def _migrate(self) -> None:
        """Create the tables of a new store, or bring a store written by an older version up to this schema."""
        self.con.execute(SCHEMA)
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer communique (schema {version}): upgrade communique")
        if version < 2:  # no lookup keys yet: add them, then resolve again, which fills them
            if "resolve again" not in UPGRADES:
                raise StoreError(f"{self.path} needs resolving again to be upgraded: open it with 'communique ingest'")
            # DuckDB alters no table that has an index: drop them all, INDEXES makes this version's
            for (name,) in self.con.execute(
                "SELECT index_name FROM duckdb_indexes() WHERE table_name LIKE '%\\_clusters' ESCAPE '\\'"
            ).fetchall():
                self.con.execute(f'DROP INDEX "{name}"')
            self.con.execute("ALTER TABLE event_clusters ADD COLUMN IF NOT EXISTS date_lookup VARCHAR")
            self.con.execute("ALTER TABLE event_clusters ADD COLUMN IF NOT EXISTS day_lookup VARCHAR")
            self.con.execute("ALTER TABLE event_clusters ADD COLUMN IF NOT EXISTS time_lookup VARCHAR")
            self.con.execute("ALTER TABLE agreement_clusters ADD COLUMN IF NOT EXISTS time_lookup VARCHAR")
            self.con.execute(INDEXES)
            UPGRADES["resolve again"](self.con)
        if version < 3:  # search reads a folded copy of each document, made once rather than at every query
            self.con.execute("DELETE FROM document_search")
            folded = strip_diacritics_sql("coalesce(title, '') || chr(10) || coalesce(text, '')")
            self.con.execute(f"INSERT INTO document_search SELECT doc_id, lower({folded}) FROM documents")
        if version < 4:  # what each target measures, and the people tables, derived from what the store holds
            missing = {"target metrics", "people", "outlets"} - set(UPGRADES)
            if missing:
                raise StoreError(f"{self.path} needs {sorted(missing)} to upgrade: open it with 'communique ingest'")
            self.con.execute("ALTER TABLE targets ADD COLUMN IF NOT EXISTS metric_key VARCHAR")
            UPGRADES["target metrics"](self.con)
            UPGRADES["outlets"](self.con)
            UPGRADES["people"](self.con)
        self.con.execute(INDEXES)
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def close(self) -> None:
        self.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------------

    def known(self, hashes: Sequence[str], doc_ids: Sequence[str]) -> tuple[set[str], set[str]]:
        """Which of these contents, and which of these document ids, the store already holds."""
        return tuple(
            {row[0] for row in select_where_in(self.con, f"SELECT {column} FROM documents", column, values)}
            for column, values in (("content_hash", hashes), ("doc_id", doc_ids))
        )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: what the block writes is committed together, or rolled back on any error."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def rows(self, docs: Sequence[Document]) -> dict[str, dict[str, list]]:
        """The table rows of processed documents, numbered after the last stored one (``commit_numbers``)."""
        if self._next_seq is None:  # read once per session: this connection is the store's only writer
            self._next_seq = self.con.execute("SELECT coalesce(max(ingest_seq), 0) + 1 FROM documents").fetchone()[0]
        return _rows(docs, self._next_seq, dt.datetime.now(dt.UTC).replace(tzinfo=None))

    def commit_numbers(self, n_documents: int) -> None:
        """After a batch is committed: the next documents are numbered after it."""
        self._next_seq += n_documents

    def remove(self, doc_ids: Sequence[str]) -> None:
        """Delete the stored versions of these documents and their facts (inside a transaction)."""
        if not doc_ids:
            return
        self.con.register("replaced_ids", pa.table({"doc_id": list(doc_ids)}))
        for table in ("documents", *FACT_TABLES):
            self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM replaced_ids)")
        self.con.unregister("replaced_ids")

    def insert(self, rows: dict[str, dict[str, list]]) -> None:
        """Append rows to their tables (inside a transaction)."""
        for table, columns in rows.items():
            insert_columns(self.con, table, columns)

    # -- reading ---------------------------------------------------------------------------------------

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def resolved_counts(self) -> dict[str, int]:
        """Real-world events, agreements and targets: the reports resolved across documents."""
        return {
            kind: self.con.execute(f"SELECT count(*) FROM {kind}_clusters").fetchone()[0]
            for kind in ("event", "agreement", "target")
        }

    def counts(self) -> dict[str, int]:
        """Documents and reports (mentions) of events, agreements and targets."""
        return {
            t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "events", "agreements", "targets")
        }


def _rows(docs: Sequence[Document], first_seq: int = 1, now: dt.datetime | None = None) -> dict[str, dict[str, list]]:
    """Column lists per table for a batch of documents."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    tables: dict[str, dict[str, list]] = {}

    def add(table: str, **values: Any) -> None:
        columns = tables.setdefault(table, {k: [] for k in values})
        for key, value in values.items():
            columns[key].append(value)

    for n, d in enumerate(docs):
        add(
            "documents",
            doc_id=d.doc_id,
            content_hash=d.content_hash,
            source=d.source,
            url=d.url,
            published=d.published,
            doc_date=d.doc_date,
            language=d.language,
            title=d.title,
            home_country=d.home_country,
            diplomatic=d.diplomatic,
            text=d.text,
            ingested_at=now,
            ingest_seq=first_seq + n,
        )
        add("document_search", doc_id=d.doc_id, folded=strip_diacritics(f"{d.title or ''}\n{d.text}").lower())
        for s in d.sentences:
            add("sentences", doc_id=d.doc_id, idx=s.index, start_char=s.start, end_char=s.end, text=s.text)
        for c in d.countries:
            _mention(add, d, "country", c.text, c.code, c.code, None, c.span)
        for p in d.people:
            _mention(add, d, "person", d.text[p.span.start : p.span.end], p.name, p.country, p.title, p.span)
        for c in d.cities:
            _mention(add, d, "city", c.text, c.name, c.country, None, c.span)
        for m in d.dates:
            _mention(add, d, "date", m.text, m.value, None, "same_day" if m.same_day else None, m.span)
        for i, e in enumerate(d.events):
            first = e.evidence[0]
            add(
                "events",
                event_id=f"{d.doc_id}#e{i + 1}",
                doc_id=d.doc_id,
                seq=i + 1,
                type=e.type,
                mode=e.mode,
                countries=e.countries,
                people=e.people,
                date=e.date,
                place=e.place,
                areas=e.areas,
                cluster=e.cluster or f"{d.doc_id}#e{i + 1}",
                sentence=first.sentence,
                start_char=first.start,
                end_char=first.end,
                evidence_sentences=[s.sentence for s in e.evidence],
                language=d.language,
            )
        for i, a in enumerate(d.agreements):
            add(
                "agreements",
                agreement_id=f"{d.doc_id}#a{i + 1}",
                doc_id=d.doc_id,
                seq=i + 1,
                countries=a.countries,
                title=a.title,
                cluster=f"{d.doc_id}#a{i + 1}",
                date=a.date,
                sentence=a.evidence.sentence,
                start_char=a.evidence.start,
                end_char=a.evidence.end,
                language=d.language,
            )
        for i, t in enumerate(d.targets):
            add(
                "targets",
                target_id=f"{d.doc_id}#t{i + 1}",
                doc_id=d.doc_id,
                seq=i + 1,
                countries=t.countries,
                metric=t.metric,
                metric_key=t.metric_key,
                value=t.value,
                unit=t.unit,
                year=t.year,
                text=t.text,
                cluster=f"{d.doc_id}#t{i + 1}",
                sentence=t.evidence.sentence,
                start_char=t.evidence.start,
                end_char=t.evidence.end,
                language=d.language,
            )
    return tables


def _mention(add, d: Document, kind: str, text: str, value: str, country: str | None, detail: str | None, span) -> None:
    add(
        "mentions",
        doc_id=d.doc_id,
        kind=kind,
        text=text,
        value=value,
        country=country,
        detail=detail,
        sentence=span.sentence,
        start_char=span.start,
        end_char=span.end,
        language=d.language,
    )
