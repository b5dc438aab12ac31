"""The pipeline: named stages, each a function that takes the Document and returns it filled in further.

Stages are registered by name, in order, so one can be swapped or a new one added without touching the
others (``Pipeline(skip={"targets"})``, ``register("mystage", fn, after="events")``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from communique import clean, language, segment
from communique.document import Document
from communique.extract import agreements, dates, events, mentions, targets

Stage = Callable[[Document], Document]


STAGES: dict[str, Stage] = {
    "clean": clean.run,
    "language": language.run,
    "segment": segment.run,
    "dates": dates.run,  # before mentions: who holds an office depends on the document's date
    "mentions": mentions.run,
    "events": events.run,
    "agreements": agreements.run,
    "targets": targets.run,
}


def register(name: str, stage: Stage, after: str | None = None) -> None:
    """Add a stage, at the end or right after an existing one."""
    items = list(STAGES.items())
    position = len(items) if after is None else [n for n, _ in items].index(after) + 1
    items.insert(position, (name, stage))
    STAGES.clear()
    STAGES.update(items)


class StageError(Exception):
    """A stage failed on a document; carries the stage name for the error message."""

    def __init__(self, stage: str, doc: Document, cause: Exception):
        super().__init__(f"{doc.source or doc.doc_id}: stage '{stage}' failed: {type(cause).__name__}: {cause}")
        self.stage = stage
        self.cause = cause


class Pipeline:
    def __init__(self, skip: Iterable[str] = ()):
        skipped = set(skip)
        self.stages = [(name, fn) for name, fn in STAGES.items() if name not in skipped]

    def __call__(self, doc: Document) -> Document:
        for name, stage in self.stages:
            try:
                doc = stage(doc)
            except Exception as exc:  # noqa: BLE001 - any failure is reported with its document and stage
                raise StageError(name, doc, exc) from exc
        return doc


def process(doc: Document) -> Document:
    """Run every stage on one document."""
    return Pipeline()(doc)
