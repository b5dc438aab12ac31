"""The door of the write endpoints, before any of the request's body is read: a server without a token
refuses writes, a request without the token is refused, and a body larger than the limit is refused by its
declared length or, when it declares none, as soon as it grows past the limit. An unauthenticated 200 MB
POST therefore costs the server nothing; before, it was read whole and then refused.
"""

from __future__ import annotations

import json
import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_REQUEST_BYTES = 50_000_000  # a POST of documents or an upload: ten articles at the document limit
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class WriteGuard:
    """ASGI middleware in front of the app for requests that carry a body."""

    def __init__(self, app: ASGIApp, token: str | None, max_bytes: int = MAX_REQUEST_BYTES):
        self.app, self.token, self.max_bytes = app, token, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refused = token_refusal(self.token, headers.get("authorization"))
        if refused:
            await _refuse(send, *refused)
            return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await _refuse(send, 413, f"request body of {int(declared):,} bytes is over the limit of {self.max_bytes:,}")
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            await _refuse(send, 413, f"request body over the limit of {self.max_bytes:,} bytes")


def token_refusal(token: str | None, authorization: str | None) -> tuple[int, str, dict[str, str]] | None:
    """Why a write is refused (status, message, headers), or None when it carries the operator's token."""
    if not token:
        return 403, "writes are disabled: start the server with --token or $COMMUNIQUE_TOKEN", {}
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.encode(), token.encode()):
        return 401, "a valid 'Authorization: Bearer <token>' header is required", {"WWW-Authenticate": "Bearer"}
    return None


class BodyTooLarge(Exception):
    pass


async def _refuse(send: Send, status: int, detail: str, extra: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in (extra or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
