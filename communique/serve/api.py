"""The JSON API: list and filter events, agreements, targets and documents; one event with its sources;
dyad summaries; search; and ingest of new documents behind the operator's token. Every list is paged."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, UploadFile
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from communique import queries
from communique.document import MAX_EVENT_ID_CHARS, MAX_ID_CHARS
from communique.ingest import SUPPORTED, ingest
from communique.serve.deps import (
    CountryCode,
    Cursor,
    Filtered,
    Limit,
    Offset,
    Page,
    Writer,
    found_or_404,
    state_or_422,
)
from communique.store import Store

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/countries", response_model=Page, summary="States with events, most events first")
def list_countries(limit: Limit = 50, offset: Offset = 0, cur=Cursor) -> dict[str, Any]:
    return queries.countries_page(cur, limit, offset)


@router.get("/events", response_model=Page, summary="Events (one per real encounter), newest first")
def list_events(f: Filtered, limit: Limit = 50, offset: Offset = 0, cur=Cursor) -> dict[str, Any]:
    return queries.events(cur, f, limit, offset)


@router.get("/events/{event_id:path}", summary="One event with every report of it and its evidence sentence")
def get_event(event_id: Annotated[str, PathParam(max_length=MAX_EVENT_ID_CHARS)], cur=Cursor) -> dict[str, Any]:
    return found_or_404(queries.event(cur, event_id), f"no event {event_id!r}")


@router.get("/agreements", response_model=Page, summary="Agreements signed or adopted")
def list_agreements(f: Filtered, limit: Limit = 50, offset: Offset = 0, cur=Cursor) -> dict[str, Any]:
    return queries.agreements(cur, f, limit, offset)


@router.get("/targets", response_model=Page, summary="Quantitative targets pledged")
def list_targets(f: Filtered, limit: Limit = 50, offset: Offset = 0, cur=Cursor) -> dict[str, Any]:
    return queries.targets(cur, f, limit, offset)


@router.get("/documents", response_model=Page, summary="Ingested documents, newest first")
def list_documents(
    language: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,3}$")] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    cur=Cursor,
) -> dict[str, Any]:
    return queries.documents(cur, queries.Filters(language=language, q=q), limit, offset)


@router.get("/documents/{doc_id:path}", summary="One document: its cleaned text, sentences and facts")
def get_document(doc_id: Annotated[str, PathParam(max_length=MAX_ID_CHARS)], cur=Cursor) -> dict[str, Any]:
    return found_or_404(queries.document(cur, doc_id), f"no document {doc_id!r}")


@router.get("/dyads/{a}/{b}", summary="Everything two states did together: events, areas by year, agreements, targets")
def get_dyad(a: CountryCode, b: CountryCode, cur=Cursor) -> dict[str, Any]:
    if a.upper() == b.upper():
        raise HTTPException(422, f"a pair of states needs two: {a.upper()} twice is no pair")
    return queries.dyad(cur, a.upper(), b.upper())


@router.get("/search", summary="Search events, agreements, targets, documents and people: one page of each")
def search(f: Filtered, limit: Limit = 20, offset: Offset = 0, cur=Cursor) -> dict[str, Any]:
    return {
        "events": queries.events(cur, f, limit, offset),
        "agreements": queries.agreements(cur, f, limit, offset),
        "targets": queries.targets(cur, f, limit, offset),
        "documents": queries.documents(cur, f, limit, offset),
        "people": queries.persons(cur, f.country, f.q, limit, offset),
    }


@router.get("/people", response_model=Page, summary="People, most events first; q matches any spelling")
def list_people(
    country: Annotated[str | None, Query(max_length=80, description="their state: VNM, vn, Vietnam")] = None,
    q: Annotated[str | None, Query(max_length=200, description="a name in any spelling or script")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    cur=Cursor,
) -> dict[str, Any]:
    return queries.persons(cur, state_or_422("country", country), q or None, limit, offset)


@router.get("/people/{person_id}", summary="One person: names, offices, and every encounter by partner and year")
def get_person(
    person_id: Annotated[str, PathParam(max_length=200)], limit: Limit = 50, offset: Offset = 0, cur=Cursor
) -> dict[str, Any]:
    """The events come a page at a time (``limit``, ``offset``; ``total_events`` says how many there are)."""
    found = found_or_404(queries.person(cur, person_id, per_page=limit), f"no person {person_id!r}")
    if offset:
        found["events"] = queries.events(cur, queries.Filters(person=person_id), limit, offset)["items"]
    found.update(limit=limit, offset=offset)
    for key in ("page", "pages", "per_page"):
        del found[key]
    return found


class NewDocument(BaseModel):
    id: str = Field(min_length=1, max_length=MAX_ID_CHARS)
    text: str | None = None
    html: str | None = None
    url: str | None = Field(default=None, max_length=2000)
    # as in a JSONL line: any date form is read leniently, and an unreadable one is a warning, not a 422
    published: str | int | float | None = Field(default=None, union_mode="left_to_right")
    language: str | None = Field(default=None, max_length=35)


class NewDocuments(BaseModel):
    documents: list[NewDocument] = Field(min_length=1, max_length=10_000)


def _where(problem, path: Path, shown: str) -> str:
    """A problem as the client knows its input: "documents[2]: ..." or "upload.jsonl:3: ...", never the
    server's temporary path."""
    text = str(problem)
    if not text.startswith(str(path)):
        return text
    rest = text[len(str(path)) :]
    line = re.match(r":(\d+)(?=:)", rest)
    if shown == "documents" and line:
        return f"documents[{int(line.group(1)) - 1}]{rest[line.end() :]}"
    return shown + rest


def _report(report, path: Path, shown: str) -> dict[str, Any]:
    return {
        "read": report.read,
        "stored": report.stored,
        "unchanged": report.unchanged,
        "replaced": report.replaced,
        "skipped": report.skipped,
        "problems": [_where(p, path, shown) for p in report.problems],
        "warnings": [_where(p, path, shown) for p in report.warnings],
        "events": report.events,
        "agreements": report.agreements,
        "targets": report.targets,
    }


@router.post("/documents", summary="Ingest documents (JSON) — needs the operator's bearer token")
def post_documents(body: NewDocuments, backend=Writer) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posted.jsonl"
        path.write_text(
            "".join(json.dumps(d.model_dump(exclude_none=True), ensure_ascii=False) + "\n" for d in body.documents),
            encoding="utf-8",
        )
        with backend.write_lock, Store(backend.store.path) as store:  # its own connection: reads go on
            return _report(ingest([path], store), path, "documents")


@router.post("/documents/upload", summary="Ingest an uploaded .jsonl, .txt, .md or .html file — needs the token")
async def upload_documents(file: UploadFile, backend=Writer) -> dict[str, Any]:
    name = Path(file.filename or "upload.txt").name
    if Path(name).suffix.lower() not in SUPPORTED:
        raise HTTPException(415, f"unsupported file type {Path(name).suffix!r}: use .jsonl, .txt, .md or .html")
    content = await file.read()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(content)
        with backend.write_lock, Store(backend.store.path) as store:
            return _report(ingest([path], store), path, name)
