import json

from communique import pipeline as pipeline_module
from communique import store as store_module
from communique.ingest import ingest, read_documents
from communique.store import Store

MEETING = (
    "Pada tanggal 3 Maret, Presiden Prabowo Subianto bertemu dengan Perdana Menteri Jepang Ishiba Shigeru "
    "di Jakarta. Kedua pemimpin membahas energi dan perdagangan."
)


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_reingesting_the_same_content_is_a_no_op(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": MEETING}, {"id": "b", "text": MEETING + " "}])
    with Store(tmp_path / "db.duckdb") as store:
        first = ingest([source], store)
        counts = store.counts()
        second = ingest([source], store)
        assert (first.stored, second.stored, second.unchanged) == (2, 0, 2)
        assert store.counts() == counts
        assert counts["events"] == 2


def test_new_content_under_a_known_id_replaces_the_old_version(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        ingest([write_jsonl(tmp_path / "v1.jsonl", [{"id": "a", "text": MEETING}])], store)
        report = ingest([write_jsonl(tmp_path / "v2.jsonl", [{"id": "a", "text": "Hujan turun di Jakarta."}])], store)
        assert report.replaced == 1
        assert store.counts() == {"documents": 1, "events": 0, "agreements": 0, "targets": 0}


def test_every_fact_keeps_its_provenance(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        ingest([write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": MEETING, "language": "id"}])], store)
        event = store.query("SELECT * FROM events")[0]
        text = store.query("SELECT text FROM documents")[0]["text"]
        assert text[event["start_char"] : event["end_char"]].startswith("Pada tanggal 3 Maret")
        assert event["sentence"] == 0 and event["language"] == "id"
        people = store.query("SELECT text, value, country FROM mentions WHERE kind = 'person' ORDER BY start_char")
        # the name as the report spells it (SCHEMA.md), with the state the office-holder table gives
        assert [(p["text"], p["value"], p["country"]) for p in people] == [
            ("Prabowo Subianto", "Prabowo Subianto", "IDN"),
            ("Ishiba Shigeru", "Ishiba Shigeru", "JPN"),
        ]


def test_bad_lines_are_named_with_file_and_line_and_the_rest_is_stored(tmp_path):
    source = tmp_path / "mixed.jsonl"
    source.write_text(
        "\n".join(
            [
                json.dumps({"id": "good", "text": MEETING}),
                "{not json",
                json.dumps({"text": "no id"}),
                json.dumps({"id": "empty", "text": "   "}),
                json.dumps({"id": "date", "text": MEETING + " They also met on Friday.", "published": "yesterday"}),
                json.dumps(["a", "list"]),
                json.dumps({"id": "good2", "html": "<p>" + MEETING + "</p>"}),
            ]
        ),
        encoding="utf-8",
    )
    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([source], store)
        assert report.stored == 3  # an unreadable 'published' is a warning: the document is kept without it
        published = {r["doc_id"]: r["published"] for r in store.query("SELECT doc_id, published FROM documents")}
    assert published == {"good": None, "date": None, "good2": None}
    messages = [str(p) for p in report.problems]
    assert messages[0].startswith(f"{source}:2: not valid JSON")
    assert messages[1] == f"{source}:3: missing 'id'"
    assert messages[2] == f"{source}:4: empty document"
    assert messages[3] == f"{source}:6: each line must be a JSON object"
    assert [str(w) for w in report.warnings] == [
        f"{source}:5: 'published' ignored ('yesterday'): 'yesterday' is not a date with a year"
    ]


def test_binary_undecodable_empty_too_large_unsupported_and_missing_files(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00")
    (tmp_path / "in" / "latin1.txt").write_bytes("Hội đàm".encode("utf-16"))
    (tmp_path / "in" / "empty.md").write_text("\n\n", encoding="utf-8")
    (tmp_path / "in" / "big.txt").write_text("x" * 2000, encoding="utf-8")
    (tmp_path / "in" / "ignored.pdf").write_bytes(b"%PDF")
    (tmp_path / "sheet.xlsx").write_bytes(b"x")
    items = list(read_documents([tmp_path / "in", tmp_path / "sheet.xlsx", tmp_path / "missing"], max_bytes=1000))
    messages = sorted(str(i) for i in items)
    assert messages == sorted(
        [
            f"{tmp_path / 'in' / 'big.txt'}: document is 2,000 bytes, over the limit of 1,000 (--max-bytes)",
            f"{tmp_path / 'in' / 'binary.txt'}: binary file (contains NUL bytes), not text",
            f"{tmp_path / 'in' / 'empty.md'}: empty document",
            f"{tmp_path / 'in' / 'latin1.txt'}: binary file (contains NUL bytes), not text",
            f"{tmp_path / 'missing'}: no such file or folder",
            f"{tmp_path / 'sheet.xlsx'}: unsupported file type '.xlsx' (use .txt, .md, .html or .jsonl)",
        ]
    )


def test_invalid_utf8_is_reported_with_offset(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"Hello \xff world")
    [problem] = list(read_documents([path]))
    assert str(problem) == f"{path}: not UTF-8 text (invalid byte at offset 6)"


def test_a_folder_of_many_files_is_read_recursively(tmp_path):
    for i in range(300):
        folder = tmp_path / f"d{i % 7}"
        folder.mkdir(exist_ok=True)
        (folder / f"doc{i}.txt").write_text(
            f"Berita nomor {i}. Presiden Prabowo Subianto bertemu Perdana Menteri "
            f"Jepang Ishiba Shigeru pada {i % 28 + 1} Mei.",
            encoding="utf-8",
        )
    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([tmp_path], store, batch_size=64)
        assert report.read == 300 and report.stored == 300 and not report.problems
        assert store.counts()["events"] == 300


def test_a_failing_stage_skips_the_document_and_abort_keeps_what_was_stored(tmp_path, monkeypatch):
    rows = [{"id": f"d{i}", "text": MEETING + f" Nomor {i}."} for i in range(5)]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    original = pipeline_module.STAGES["targets"]

    def flaky(doc):
        if doc.doc_id == "d3":
            raise RuntimeError("boom")
        return original(doc)

    monkeypatch.setitem(pipeline_module.STAGES, "targets", flaky)
    with Store(tmp_path / "skip.duckdb") as store:
        report = ingest([source], store, on_error="skip")
        assert report.stored == 4
        assert str(report.problems[0]) == f"{source}:4: stage 'targets' failed: RuntimeError: boom"
    with Store(tmp_path / "abort.duckdb") as store:
        report = ingest([source], store, on_error="abort", batch_size=2)
        assert report.aborted and report.stored == 3
        assert store.counts()["documents"] == 3


def test_a_failed_write_leaves_the_store_as_it_was_and_is_reported_per_document(tmp_path, monkeypatch):
    with Store(tmp_path / "db.duckdb") as store:
        ingest([write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": MEETING}])], store)
        before = store.counts()
        real_rows = store_module._rows

        def broken_rows(docs, *args):
            tables = real_rows(docs, *args)
            # events go in after documents, sentences and mentions: a bad offset fails the write midway
            tables["events"]["start_char"] = ["not a number"] * len(tables["events"]["start_char"])
            return tables

        monkeypatch.setattr(store_module, "_rows", broken_rows)
        source = write_jsonl(
            tmp_path / "b.jsonl", [{"id": "a", "text": "Versi baru. " + MEETING}, {"id": "b", "text": MEETING}]
        )
        report = ingest([source], store)
        assert [str(p).split(": could not be stored")[0] for p in report.problems] == [f"{source}:1", f"{source}:2"]
        assert report.stored == 0
        assert store.counts() == before
        assert store.query("SELECT text FROM documents")[0]["text"].startswith("Pada tanggal 3 Maret")


def test_a_document_that_cannot_be_resolved_costs_no_other_in_its_batch(tmp_path, monkeypatch):
    from communique import resolve

    real_update = resolve.update

    def update(con, rows, blocks):
        if "d2" in rows["documents"]["doc_id"]:
            raise ValueError("day is out of range for month")
        return real_update(con, rows, blocks)

    monkeypatch.setattr(resolve, "update", update)
    rows = [{"id": f"d{i}", "text": MEETING + f" Nomor {i}."} for i in range(5)]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([source], store, batch_size=200)
        assert [str(p) for p in report.problems] == [
            f"{source}:3: could not be stored: ValueError: day is out of range for month"
        ]
        assert report.stored == 4 and store.counts()["documents"] == 4 and report.events == 4


def test_files_under_a_folder_take_their_path_as_id_and_one_id_is_never_claimed_twice(tmp_path):
    for folder, name in (("a", "article.txt"), ("a", "article.html"), ("b", "article.txt")):
        (tmp_path / "in" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / folder / name).write_text(f"<p>{folder} {name}. {MEETING}</p>", encoding="utf-8")
    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([tmp_path / "in"], store)
        ids = sorted(r["doc_id"] for r in store.query("SELECT doc_id FROM documents"))
    assert ids == ["a/article", "b/article"]
    [problem] = report.problems
    assert str(problem).startswith(str(tmp_path / "in" / "a" / "article.txt"))
    assert f"id 'a/article' is already taken in this run by {tmp_path / 'in' / 'a' / 'article.html'}" in str(problem)


def test_one_id_twice_in_a_file_is_an_error_naming_both_lines_and_one_text_under_two_ids_is_two_documents(tmp_path):
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "x", "text": MEETING},
            {"id": "x", "text": MEETING},  # the same document twice: nothing new
            {"id": "x", "text": "Lain. " + MEETING},
            {"id": "wire-copy", "text": MEETING},  # another outlet's copy of the same story
            {"id": "y" * 301, "text": MEETING},
            {"id": "tab\there", "text": MEETING},
        ],
    )
    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([source], store)
        assert sorted(r["doc_id"] for r in store.query("SELECT doc_id FROM documents")) == ["wire-copy", "x"]
    assert report.unchanged == 1
    assert [str(p) for p in report.problems] == [
        f"{source}:3: id 'x' is already taken in this run by {source}:1",
        f"{source}:5: id is 301 characters, over the limit of 300",
        f"{source}:6: id 'tab\\there' contains control characters",
    ]


def test_default_database_path_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("COMMUNIQUE_DB", str(tmp_path / "x.duckdb"))
    assert store_module.default_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv("COMMUNIQUE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert store_module.default_path() == tmp_path / "communique" / "communique.duckdb"


def test_the_pipeline_on_several_processes_gives_what_one_gives(tmp_path):
    rows = [
        {"id": f"d{i}", "text": MEETING.replace("3 Maret", f"{i % 28 + 1} Maret") + f" Nomor {i}."} for i in range(60)
    ]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    results = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            report = ingest([source], store, batch_size=100, workers=workers)
            events = store.query("SELECT event_id, cluster, date, people FROM events ORDER BY event_id")
        results.append((report.stored, [str(p) for p in report.problems], events))
    assert results[0] == results[1]
    assert results[0][0] == 60 and len(results[0][2]) == 60
