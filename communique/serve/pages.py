"""Server-rendered pages: overview, dyad, event, document and search. Charts are drawn in the browser by
Plotly, whose bundle is served from the installed ``plotly`` package: the application works offline."""

from __future__ import annotations

from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlparse

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from communique import queries
from communique.document import MAX_EVENT_ID_CHARS, MAX_ID_CHARS
from communique.languages import AREAS
from communique.serve.deps import Cursor, filters, found_or_404

HERE = Path(__file__).parent
# Autoescaping on for every template, whatever its name: article text is untrusted.
templates = Jinja2Templates(env=Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True))
router = APIRouter(include_in_schema=False)


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links; "javascript:" and the like are shown as text, never followed."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else None


def human(value: float | None) -> str:
    if value is None:
        return ""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if abs(value) >= size:
            return f"{value / size:,.3g} {word}"
    return f"{value:,.4g}"


def highlight(text: str, start: int | None, end: int | None) -> Markup:
    """``text`` escaped, with [start:end) wrapped in <mark>."""
    if start is None or end is None or not 0 <= start <= end <= len(text):
        return escape(text)
    return Markup("{}<mark>{}</mark>{}").format(text[:start], text[start:end], text[end:])


def groupby_year(events: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Events (newest first) in runs of one year each; undated ones under "undated"."""
    groups: list[tuple[str, list[dict[str, Any]]]] = []
    for e in events:
        year = (e.get("date") or "")[:4]
        year = year if year.isdigit() else "undated"
        if not groups or groups[-1][0] != year:
            groups.append((year, []))
        groups[-1][1].append(e)
    return groups


templates.env.filters.update(
    safe_url=safe_url, human=human, country_name=queries.country_name, groupby_year=groupby_year
)
templates.env.globals.update(AREAS=AREAS, plotly_version=version("plotly"))


@router.get("/static/vendor/plotly.min.js")
def plotly_bundle() -> FileResponse:
    path = resources.files("plotly").joinpath("package_data", "plotly.min.js")
    return FileResponse(str(path), media_type="text/javascript")


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(FAVICON, media_type="image/svg+xml")


FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#0b6e99"/>'
    '<circle cx="8" cy="8" r="3" fill="#f29e4c"/></svg>'
)


@router.get("/docs", include_in_schema=False)
def docs_redirect() -> RedirectResponse:
    """Where FastAPI apps usually keep their reference: ours is rendered at /api-docs."""
    return RedirectResponse("/api-docs", status_code=308)


@router.get("/api-docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the OpenAPI schema (also at /openapi.json)."""
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "required": p.get("required", False),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                    "type": _type_name(p.get("schema", {})),
                }
                for p in op.get("parameters", [])
            ]
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "params": params,
                    "body": "requestBody" in op,
                }
            )
    return page(request, "api_docs.html", schema=schema, endpoints=endpoints)


def _type_name(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " or ".join(_type_name(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    return schema.get("type", "")


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
    cur=Cursor,
) -> HTMLResponse:
    states = queries.countries(cur)
    focus = (country or (states[0]["code"] if states else "")).upper()
    f = queries.Filters(country=focus) if focus else queries.Filters()
    return page(
        request,
        "overview.html",
        states=states,
        focus=focus,
        partners=queries.partners(cur, focus) if focus else [],
        per_month=queries.events_per_month(cur, f),
        latest=queries.events(cur, f, limit=10)["items"],
    )


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad(
    request: Request,
    a: Annotated[str, PathParam(pattern=r"^[A-Za-z]{3}$")],
    b: Annotated[str, PathParam(pattern=r"^[A-Za-z]{3}$")],
    page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
    cur=Cursor,
) -> HTMLResponse:
    if a.upper() == b.upper():
        raise HTTPException(404, f"a pair of states needs two: {a.upper()} twice is no pair")
    found = queries.dyad(cur, a.upper(), b.upper(), page=page_number)
    if page_number > found["pages"]:
        raise HTTPException(404, f"page {page_number} of {found['pages']}: no such page of meetings")
    return page(request, "dyad.html", dyad=found)


@router.get("/people", response_class=HTMLResponse)
def people_list(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
    cur=Cursor,
) -> HTMLResponse:
    found = queries.persons(cur, None, q or None, PEOPLE_PAGE, (page_number - 1) * PEOPLE_PAGE)
    pages = queries.page_count(found["total"], PEOPLE_PAGE)
    return page(request, "people.html", people=found, q=q or "", page_number=page_number, pages=pages)


PEOPLE_PAGE = 100


@router.get("/person/{person_id}", response_class=HTMLResponse)
def person(request: Request, person_id: Annotated[str, PathParam(max_length=200)], cur=Cursor) -> HTMLResponse:
    found = found_or_404(queries.person(cur, person_id), f"no person {person_id!r}")
    return page(request, "person.html", person=found)


@router.get("/event/{event_id:path}", response_class=HTMLResponse)
def event(
    request: Request, event_id: Annotated[str, PathParam(max_length=MAX_EVENT_ID_CHARS)], cur=Cursor
) -> HTMLResponse:
    found = found_or_404(queries.event(cur, event_id), f"no event {event_id!r}")
    return page(request, "event.html", event=found)


@router.get("/document/{doc_id:path}", response_class=HTMLResponse)
def document(
    request: Request,
    doc_id: Annotated[str, PathParam(max_length=MAX_ID_CHARS)],
    sentence: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    cur=Cursor,
) -> HTMLResponse:
    found = found_or_404(queries.document(cur, doc_id), f"no document {doc_id!r}")
    return page(request, "document.html", doc=found, paragraphs=paragraphs(found), chosen=sentence)


FACT_KINDS = (("events", "E", "event"), ("agreements", "A", "agreement"), ("targets", "T", "target"))


def paragraphs(doc: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The document's sentences in its paragraphs (a line break between two sentences starts a new one), each
    sentence with the facts it supports: its label ("E1", "A2", "T1"), kind, and link. An event is supported by
    every sentence it was read from (its trigger, date, place), an agreement or target by its own."""
    facts: dict[int, list[dict[str, Any]]] = {}
    for kind, letter, singular in FACT_KINDS:
        for n, fact in enumerate(doc[kind], 1):
            fact["label"] = f"{letter}{n}"
            link = f"/event/{quote(fact['event_id'], safe='/')}" if kind == "events" else f"#fact-{letter}{n}"
            for idx in sorted({fact["sentence"], *(fact.get("evidence_sentences") or [])}):
                facts.setdefault(idx, []).append(
                    {"label": fact["label"], "kind": singular, "href": link, "main": idx == fact["sentence"]}
                )
    text = doc["text"] or ""
    grouped: list[list[dict[str, Any]]] = []
    previous_end = None
    for s in doc["sentences"]:
        if previous_end is None or "\n" in text[previous_end : s["start_char"]]:
            grouped.append([])
        grouped[-1].append({**s, "facts": facts.get(s["idx"], [])})
        previous_end = s["end_char"]
    return grouped


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    f: Annotated[queries.Filters, Depends(filters)],
    cur=Cursor,
) -> HTMLResponse:
    asked = any(vars(f).values())
    results = {
        "events": queries.events(cur, f, 100) if asked else None,
        "agreements": queries.agreements(cur, f, 50) if asked else None,
        "targets": queries.targets(cur, f, 50) if asked else None,
        "documents": queries.documents(cur, f, 50) if asked else None,
        "people": queries.persons(cur, f.country, f.q, 20) if f.q else None,
    }
    return page(request, "search.html", f=f, results=results, states=queries.countries(cur))


def mount_static(app) -> None:
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
