"""Shared fixtures: building documents from sentences written for the tests, and a CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.document import Document
from communique.officeholders import name_key
from communique.pipeline import process


class Name(str):
    """A person's name compared as the evaluation kit compares it: without diacritics, case or word order.

    Extraction writes a known office holder in his international form ("Phạm Minh Chính", "Shigeru Ishiba")
    whichever spelling the text used; tests written against the text's spelling still hold."""

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(sorted(name_key(self).split()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and self.key == Name(other).key

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self.key)

    def __lt__(self, other: str) -> bool:
        return name_key(self) < name_key(other)


REPO = Path(__file__).resolve().parent.parent
SHARED_EVAL = REPO.parent / "shared" / "eval"


HOSTILE = {
    "id": "hostile<script>",
    "url": "javascript:alert('url')",
    "text": "Pada tanggal 3 Maret, Presiden Prabowo Subianto bertemu dengan Perdana Menteri Jepang Ishiba Shigeru "
    "di Jakarta <script>alert('x')</script> <img src=x onerror=alert('img')>. Kedua pihak menandatangani "
    "Nota Kesepahaman tentang <b onmouseover=alert(1)>energi</b>.",
}


def sample_store(path: Path, hostile: bool = True) -> Path:
    """A store holding the bundled sample corpus and, for escaping tests, an article full of markup."""
    from communique.ingest import ingest
    from communique.store import Store

    inputs = [REPO / "samples" / "corpus"]
    if hostile:
        inputs.append(path.parent / "hostile.jsonl")
        inputs[-1].write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    with Store(path) as store:
        ingest(inputs, store)
    return path


def run_pipeline(text: str, language: str | None = None, doc_id: str = "t", **meta) -> Document:
    return process(Document(doc_id=doc_id, raw=text, language=language, **meta))


@pytest.fixture
def pipeline():
    return run_pipeline


@pytest.fixture
def cli(tmp_path):
    """Invoke the CLI against a fresh database in a temporary folder; returns (runner, invoke)."""
    from communique.cli import cli as command

    runner = CliRunner()
    db = tmp_path / "test.duckdb"

    def invoke(*args: str):
        return runner.invoke(command, ["--db", str(db), *args], obj={}, catch_exceptions=False)

    invoke.db = db
    return invoke
