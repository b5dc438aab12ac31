"""What the routes share: the store behind the app, a cursor per request, the token guard, and the filters
and paging parameters of every list. Routes import this module; the app factory imports the routes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from pydantic import BaseModel

from communique import arguments, queries
from communique.languages import AREAS
from communique.serve.guard import token_refusal
from communique.store import Store, connect, wanted_by_another


class Backend:
    """The store behind the app. Requests read through cursors of one held connection; when another process
    asks for the file (an ingest, a CLI read: ``store.wanted_by_another``) the held connection is let go as
    soon as the requests using it are done, and while such requests keep coming each request opens the file
    for itself, waiting for the other process's current step. A watcher lets go while no request comes."""

    WATCH_SECONDS = 0.1

    def __init__(self, db: Path | str | None, token: str | None):
        self.token = token
        self.store = Store(db, read_only=not token)
        self.write_lock = threading.Lock()
        self._state = threading.Lock()
        self._in_flight = 0
        self._stop = threading.Event()
        threading.Thread(target=self._watch, name="communique-store-watch", daemon=True).start()

    def _watch(self) -> None:
        while not self._stop.wait(self.WATCH_SECONDS):
            with self._state:
                if self._in_flight == 0 and wanted_by_another(self.store.path):
                    self.store.release()

    def close(self) -> None:
        self._stop.set()
        with self._state:
            self.store.close()

    def cursor(self) -> Iterator:
        with self._state:
            sharing = wanted_by_another(self.store.path)
            if sharing and self._in_flight == 0:
                self.store.release()
            held = not sharing
            if held:
                self.store.acquire()
                self._in_flight += 1
        if held:
            cur = self.store.con.cursor()
            try:
                yield cur
            finally:
                cur.close()
                with self._state:
                    self._in_flight -= 1
            return
        con = connect(self.store.path, self.store.read_only)  # this request only, after the other's step
        try:
            yield con
        finally:
            con.close()


def backend(request: Request) -> Backend:
    return request.app.state.backend


def cursor(request: Request) -> Iterator:
    yield from backend(request).cursor()


def require_token(request: Request, authorization: str | None = Header(default=None)) -> Backend:
    """The ingest endpoint's guard (``WriteGuard`` has already refused at the door what this would refuse; the
    dependency keeps the requirement in the OpenAPI schema and in any app built without the middleware)."""
    b = backend(request)
    refused = token_refusal(b.token, authorization)
    if refused:
        status, message, headers = refused
        raise HTTPException(status, message, headers=headers or None)
    return b


Cursor = Depends(cursor)
Writer = Depends(require_token)

CountryCode = Annotated[str, PathParam(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3, e.g. VNM")]
Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="items to skip")]
ISODate = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"


def found_or_404(found: dict[str, Any] | None, message: str) -> dict[str, Any]:
    if found is None:
        raise HTTPException(404, message)
    return found


class Page(BaseModel):
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


def filters(
    country: Annotated[
        str | None, Query(max_length=80, description="a participating state: VNM, vn, Vietnam, Việt Nam")
    ] = None,
    partner: Annotated[str | None, Query(max_length=80, description="another participating state")] = None,
    since: Annotated[str | None, Query(pattern=ISODate, description="ISO date, inclusive")] = None,
    until: Annotated[str | None, Query(pattern=ISODate, description="ISO date, inclusive")] = None,
    area: Annotated[str | None, Query(pattern=rf"^({'|'.join(AREAS)})?$", description="cooperation area")] = None,
    type: Annotated[str | None, Query(pattern=r"^([A-Za-z]{2,20})?$", description="PLOVER type")] = None,
    language: Annotated[str | None, Query(pattern=r"^([A-Za-z]{2,3})?$", description="a reporting language")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text to look for")] = None,
    person: Annotated[
        str | None, Query(max_length=200, description="a person's id (see /api/people): their events")
    ] = None,
) -> queries.Filters:
    """The filters of every list; an empty value (an untouched form field) means no filter. Values are
    checked as on the command line (``arguments``): an unknown state, a date that does not exist or a type
    PLOVER does not have is a 422 that names it."""
    checks = {
        "country": arguments.state,
        "partner": arguments.state,
        "since": arguments.iso_date,
        "until": arguments.iso_date,
        "type": arguments.event_type,
    }
    given = {"country": country, "partner": partner, "since": since, "until": until, "type": type}
    checked = {name: _checked(name, checks[name], value) for name, value in given.items()}
    return queries.Filters(
        checked["country"], checked["partner"], checked["since"], checked["until"], area or None, checked["type"],
        language or None, q or None, person or None,
    )  # fmt: skip


def _checked(name: str, check, value: str | None):
    try:
        return check(value) if value else None
    except ValueError as exc:
        # the shape of FastAPI's own validation errors, so clients read one kind of 422
        raise HTTPException(422, [{"loc": ["query", name], "msg": str(exc), "type": "value_error"}]) from None


def state_or_422(name: str, value: str | None) -> str | None:
    """A state parameter outside the shared filters, checked as they are."""
    return _checked(name, arguments.state, value)


Filtered = Annotated[queries.Filters, Depends(filters)]
