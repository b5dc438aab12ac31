"""End to end through the command line, on the bundled sample corpus."""

import csv
import io
import json

import duckdb
from conftest import REPO

SAMPLES = str(REPO / "samples" / "corpus")


def test_ingest_samples_then_list_filter_show_and_export(cli, tmp_path):
    result = cli("ingest", SAMPLES)
    assert result.exit_code == 0, result.output
    assert "documents read 12, stored 12" in result.output

    again = cli("ingest", SAMPLES)
    assert "unchanged 12" in again.output

    events = [json.loads(line) for line in cli("events", "--json", "--limit", "100").output.splitlines()]
    assert len(events) >= 10
    korea = [json.loads(x) for x in cli("events", "--country", "VNM", "--partner", "KOR", "--json").output.splitlines()]
    assert [(e["date"], e["place"]) for e in korea] == [("2023-06-23", "Hanoi")]
    recent = [json.loads(x) for x in cli("events", "--since", "2025-04-01", "--json").output.splitlines()]
    assert recent and all(e["date"] >= "2025-04-01" for e in recent)
    maritime = [json.loads(x) for x in cli("events", "--area", "maritime", "--json").output.splitlines()]
    assert maritime and all("maritime" in e["areas"] for e in maritime)

    targets = [json.loads(x) for x in cli("targets", "--json").output.splitlines()]
    assert {(t["value"], t["unit"], t["year"]) for t in targets} >= {(150e9, "USD", 2030)}
    agreements = cli("agreements", "--country", "RUS", "--json").output.splitlines()
    assert json.loads(agreements[0])["title"].startswith("Joint Statement")

    shown = cli("show", "vi-vnm-kor-2023-06-23")
    assert shown.exit_code == 0 and "Yoon Suk Yeol" in shown.output and "150 tỷ USD" in shown.output
    assert cli("show", "no-such-doc").exit_code == 1

    eval_lines = [json.loads(x) for x in cli("export", "--format", "eval").output.splitlines() if x.startswith("{")]
    assert {d["doc_id"] for d in eval_lines} >= {"en-weather-typhoon", "jsonl-vnm-sgp-2025-03-12"}
    weather = next(d for d in eval_lines if d["doc_id"] == "en-weather-typhoon")
    assert weather == {
        "doc_id": "en-weather-typhoon",
        "language": "en",
        "diplomatic": False,
        "events": [],
        "agreements": [],
        "targets": [],
    }

    out = tmp_path / "events.csv"
    assert cli("export", "--format", "csv", "--out", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and rows[0]["countries"].count("|") >= 1
    # each report keeps its spelling; person_ids say who the names are, in the same order
    vi = next(r for r in rows if r["doc_id"].endswith("vi-vnm-chn-2025-04-14"))
    nl = next(r for r in rows if r["doc_id"].endswith("nl-vnm-chn-2025-04-14"))
    assert "Tô Lâm" in vi["people"].split("|") and "To Lam" in nl["people"].split("|")
    assert "to-lam" in vi["person_ids"].split("|") and "to-lam" in nl["person_ids"].split("|")
    people = tmp_path / "people.csv"
    assert cli("export", "--format", "csv", "--table", "people", "--out", str(people)).exit_code == 0
    to_lam = next(
        r for r in csv.DictReader(io.StringIO(people.read_text(encoding="utf-8"))) if r["person_id"] == "to-lam"
    )
    assert to_lam["name"] == "Tô Lâm" and "To Lam" in to_lam["aliases"].split("|")

    parquet = tmp_path / "targets.parquet"
    assert cli("export", "--format", "parquet", "--table", "targets", "--out", str(parquet)).exit_code == 0
    assert duckdb.sql(f"SELECT count(*) FROM '{parquet}'").fetchall()[0][0] == len(targets)

    jsonl = [json.loads(x) for x in cli("export", "--format", "jsonl").output.splitlines() if x.startswith("{")]
    event = next(d for d in jsonl if d["events"])["events"][0]
    assert event["provenance"]["evidence"] and len(event["person_ids"]) == len(event["people"])

    summary = cli("summary")
    assert "12 documents: 11 events (12 reports)" in summary.output
    assert "Tô Lâm" in summary.output and "To Lam" not in summary.output  # one canonical name per person


def test_skipped_input_gives_a_non_zero_exit_and_a_named_message(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Hujan."}\n{oops\n', encoding="utf-8")
    result = cli("ingest", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:2: not valid JSON" in result.output
    assert "stored 1" in result.output


def test_usage_errors_and_missing_database(cli, tmp_path):
    assert cli("export", "--format", "xml").exit_code == 2
    assert cli("export", "--format", "parquet").exit_code == 2  # needs --out
    missing = cli("--db", str(tmp_path / "nope.duckdb"), "events")
    assert missing.exit_code == 3 and "no database" in missing.output


def test_every_argument_is_checked_and_a_bad_one_is_a_usage_error_naming_it(cli, tmp_path):
    for args, named in (
        (("events", "--since", "garbage"), "'garbage'"),
        (("events", "--since", "2025-13-01"), "'2025-13-01'"),
        (("agreements", "--until", "2025-02-30"), "'2025-02-30'"),
        (("events", "--type", "FOO"), "'FOO'"),
        (("targets", "--country", "Narnia"), "'Narnia'"),
        (("ingest", "--language", "klingonese", str(tmp_path)), "'klingonese'"),
    ):
        result = cli(*args)
        assert result.exit_code == 2, args
        assert named in result.output


def test_a_state_is_given_by_code_or_by_name(cli):
    cli("ingest", SAMPLES)
    by_code = cli("events", "--country", "VNM", "--partner", "KOR", "--json").output
    assert by_code.strip()
    assert cli("events", "--country", "Việt Nam", "--partner", "Hàn Quốc", "--json").output == by_code
    assert cli("events", "--country", "vietnam", "--partner", "kr", "--json").output == by_code


def test_help_lists_the_commands(cli):
    result = cli("--help")
    for command in ("ingest", "events", "agreements", "targets", "show", "export", "summary", "languages"):
        assert command in result.output


def test_event_page_mentions_rebuild_and_filters_on_every_listing(cli):
    assert cli("ingest", SAMPLES).exit_code == 0
    china = [json.loads(x) for x in cli("events", "--country", "CHN", "--json").output.splitlines()]
    [shared] = [e for e in china if e["documents"] == 2]
    shown = cli("event", shared["event_id"])
    assert shown.exit_code == 0 and "2 documents from 2 sources in nl, vi" in shown.output
    detail = json.loads(cli("event", shared["event_id"], "--json").output)
    assert {s["language"] for s in detail["sources"]} == {"nl", "vi"}
    assert cli("event", "no-such-event").exit_code == 1

    reports = [json.loads(x) for x in cli("events", "--country", "CHN", "--mentions", "--json").output.splitlines()]
    assert len(reports) == 3 and sum(r["event"] == shared["event_id"] for r in reports) == 2

    # every listing takes every filter; a filter that does not apply to a kind of fact is left out of it
    assert cli("targets", "--since", "2025-01-01", "--area", "trade", "--json").exit_code == 0
    assert cli("agreements", "--mentions", "--until", "2030-01-01").exit_code == 0

    before = cli("events", "--json", "--limit", "100").output
    rebuilt = cli("resolve", "--rebuild")
    assert rebuilt.exit_code == 0 and "11 events from 12 reports" in rebuilt.output
    assert cli("events", "--json", "--limit", "100").output == before


def test_tables_never_cut_the_ids_and_dates_that_event_needs_and_counts_read_as_english(cli):
    cli("ingest", SAMPLES)
    ids = [json.loads(line)["event_id"] for line in cli("events", "--json").output.splitlines()]
    table = cli("events").output  # not a terminal: rich lays it out for 80 columns
    assert ids and all(i in table for i in ids)
    one = cli("events", "--limit", "1")
    assert "1 event shown" in one.output
    assert "2 event reports shown" in cli("events", "--mentions", "--limit", "2").output
