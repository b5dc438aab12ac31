"""Metadata is read leniently: any ISO precision, times, RSS and word dates, timestamps; never a lost document."""

import pytest

from communique.metadata import UnreadableDate, parse_published, read_published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025", "2025"),
        ("2025-03", "2025-03"),
        ("2025-03-07", "2025-03-07"),
        ("2025-03-07T08:15:00+07:00", "2025-03-07"),  # the outlet's own calendar day
        ("2025-03-07T23:30:00Z", "2025-03-07"),
        ("2025-03-07 10:00", "2025-03-07"),
        ("Fri, 07 Mar 2025 08:15:00 +0700", "2025-03-07"),
        ("March 3, 2025", "2025-03-03"),
        ("3 mars 2025", "2025-03-03"),
        (1741334400, "2025-03-07"),
        (1741334400000, "2025-03-07"),  # milliseconds
        ("1741334400", "2025-03-07"),
        (2024, "2024"),
        (None, None),
        ("  ", None),
    ],
)
def test_dates_in_every_shape_keep_their_precision(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["2025-02-30", "2025-13-01", "0000-01-01", "yesterday", "garbage", True, [2025]])
def test_unreadable_values_are_a_warning_that_names_the_value(value):
    with pytest.raises(UnreadableDate):
        parse_published(value)
    date, warning = read_published(value)
    assert date is None and repr(value) in warning


def test_partial_and_odd_published_values_never_cost_the_document(tmp_path):
    import json

    from communique.ingest import ingest
    from communique.store import Store

    text = "President Joko Widodo met Prime Minister Anwar Ibrahim in Jakarta on Thursday. They discussed trade."
    lines = [
        {"id": "month", "text": text, "published": "2025-03"},
        {"id": "words", "text": text + " ", "published": "March 6, 2025"},
        {"id": "bad", "text": text + "  ", "published": "2025-02-30"},
        {"id": "number", "text": text + "   ", "published": 1741334400},
        {"id": "lang", "text": text + "    ", "language": 42},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([source], store)
        rows = {r["doc_id"]: r for r in store.query("SELECT doc_id, published, doc_date FROM documents")}
    assert report.stored == 5 and not report.problems
    assert [str(w).split(": ", 1)[0] for w in report.warnings] == [f"{source}:3", f"{source}:5"]
    assert rows["month"]["published"] == "2025-03" and rows["month"]["doc_date"] == "2025-03"
    assert rows["words"]["doc_date"] == "2025-03-06"
    assert rows["bad"]["published"] is None
    assert rows["number"]["doc_date"] == "2025-03-07"
