"""The web application: a documented HTTP API and server-rendered pages over the same store.

``create_app`` is the factory (``communique serve`` runs it under uvicorn). Read endpoints are open; the
ingest endpoint needs the operator's token and a store opened for writing. Article text is untrusted:
pages are Jinja2 templates with autoescaping, links are only ever http(s), and a Content-Security-Policy
allows scripts from this server alone.
"""

from communique.serve.app import create_app

__all__ = ["create_app"]
