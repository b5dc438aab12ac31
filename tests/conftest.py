"""Shared fixtures: building documents from sentences written for the tests, and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.document import Document
from communique.pipeline import process

REPO = Path(__file__).resolve().parent.parent
SHARED_EVAL = REPO.parent / "shared" / "eval"


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
