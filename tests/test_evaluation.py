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


# Floors a little under what the code scores on dev2 (README, Evaluation): a change that loses ground on real
# articles fails here, in both halves (A was studied first, B measured after).
DEV2_FLOORS = {
    "events": 0.78,
    "events.loose": 0.89,
    "people": 0.92,
    "areas": 0.75,
    "agreements": 0.77,
    "targets": 0.86,
    "clusters": 0.85,
}


@pytest.mark.skipif(not (SHARED_EVAL / "dev2" / "docs.jsonl").exists(), reason="no dev2 in ../shared/eval")
def test_dev2_scores_hold_their_floors_and_every_document_is_stored(cli, tmp_path):
    assert cli("ingest", str(SHARED_EVAL / "dev2" / "docs.jsonl")).exit_code == 0  # no document refused
    pred = tmp_path / "pred.jsonl"
    assert cli("export", "--format", "eval", "--out", str(pred)).exit_code == 0
    score = runpy.run_path(str(SHARED_EVAL / "score.py"))
    result = score["score"](score["load"](str(SHARED_EVAL / "dev2" / "gold.jsonl")), score["load"](str(pred)))[0]
    print(json.dumps(result, indent=1))
    assert result["documents"]["predicted"] == result["documents"]["gold"] == 88
    for fact, floor in DEV2_FLOORS.items():
        assert result[fact]["f1"] >= floor, (fact, result[fact])
    assert result["clusters"]["fp"] == 0
