"""The evaluation kit's dev set (real articles, read-only, outside the repository): skipped where absent."""

import json
import runpy

import pytest
from conftest import SHARED_EVAL

pytestmark = pytest.mark.skipif(
    not (SHARED_EVAL / "dev" / "docs.jsonl").exists(),
    reason="../shared/eval is not here (a user's clone has no evaluation kit)",
)


def test_dev_set_scores(cli, tmp_path):
    assert cli("ingest", str(SHARED_EVAL / "dev" / "docs.jsonl")).exit_code == 0
    pred = tmp_path / "pred.jsonl"
    assert cli("export", "--format", "eval", "--out", str(pred)).exit_code == 0
    score = runpy.run_path(str(SHARED_EVAL / "score.py"))
    result = score["score"](score["load"](str(SHARED_EVAL / "dev" / "gold.jsonl")), score["load"](str(pred)))[0]
    print(json.dumps(result, indent=1))
    for fact in ("events", "people", "agreements", "targets"):
        assert result[fact]["f1"] == 1.0, fact
    assert result["areas"]["f1"] >= 0.8
    assert result["place.accuracy"] == 1.0 and result["diplomatic.accuracy"] == 1.0
    assert result["clusters"]["fp"] == 0  # no two different real events merged across documents
