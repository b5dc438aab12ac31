"""communique: read international-relations news in many languages; store what states did together.

The library API: :func:`communique.pipeline.process` turns one :class:`communique.document.Document` into
facts; :func:`communique.ingest.ingest` reads files into a :class:`communique.store.Store`.
"""

__version__ = "0.1.0"
