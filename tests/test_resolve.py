"""Cross-document, cross-language resolution, on reports written for these tests."""

import itertools
import json

import pytest
from conftest import REPO

from communique import resolve
from communique.ingest import ingest
from communique.store import Store, where_in

# (doc id, gold event, language, published, text). Gold "-" marks documents with no event.
REPORTS = [
    # one state visit, reported in four languages, with and without the year
    (
        "xi-en",
        "xi-lam",
        "en",
        "2025-04-15",
        "On 14 April, Vietnamese General Secretary To Lam held talks in Hanoi with Chinese President Xi Jinping, "
        "who was on a state visit. They agreed to speed up railway links and expand trade.",
    ),
    (
        "xi-vi",
        "xi-lam",
        "vi",
        None,
        "Chiều 14/4, tại Hà Nội, Tổng Bí thư Tô Lâm hội đàm với Chủ tịch Trung Quốc Tập Cận Bình. Hai bên nhất trí "
        "đẩy nhanh kết nối đường sắt và mở rộng thương mại.",
    ),
    (
        "xi-nl",
        "xi-lam",
        "nl",
        "2025-04-14",
        "Op 14 april voerde secretaris-generaal To Lam in Hanoi gesprekken met de Chinese president Xi Jinping.",
    ),
    (
        "xi-id",
        "xi-lam",
        "id",
        "2025-04-16",
        "Pada tanggal 14 April, Sekretaris Jenderal Vietnam To Lam bertemu dengan Presiden Tiongkok Xi Jinping di "
        "Hanoi. Kedua pemimpin sepakat mempercepat konektivitas kereta api.",
    ),
    # near miss: another pair of leaders, the same day and the same states
    (
        "xi-pm",
        "xi-chinh",
        "en",
        "2025-04-14",
        "On 14 April, Chinese President Xi Jinping also met Vietnamese Prime Minister Pham Minh Chinh in Hanoi to "
        "discuss investment.",
    ),
    (
        "xi-pm-id",
        "xi-chinh",
        "id",
        "2025-04-15",
        "Pada tanggal 14 April, Presiden Tiongkok Xi Jinping bertemu dengan Perdana Menteri Vietnam Pham Minh Chinh "
        "di Hanoi.",
    ),
    # near miss: the same two leaders on another day
    (
        "xi-next",
        "xi-lam-2",
        "en",
        "2025-04-16",
        "On 15 April, General Secretary To Lam of Vietnam and Chinese President Xi Jinping met again in Hanoi for "
        "a tea meeting before Xi's departure.",
    ),
    # another state visit the same day elsewhere: other states
    (
        "kor",
        "lam-lee",
        "en",
        "2025-08-12",
        "On 11 August, Vietnamese General Secretary To Lam held talks with South Korean President Lee Jae Myung in "
        "Seoul. They set a goal of 150 billion dollars in bilateral trade by 2030.",
    ),
    (
        "kor-vi",
        "lam-lee",
        "vi",
        "2025-08-11",
        "Trưa 11/8, Tổng Bí thư Tô Lâm và Tổng thống Hàn Quốc Lee Jae Myung hội đàm tại Seoul. Hai bên đặt mục tiêu "
        "kim ngạch thương mại song phương đạt 150 tỷ USD vào năm 2030.",
    ),
    # an undated report of the Korea visit, days later, with a shared principal
    (
        "kor-later",
        "lam-lee",
        "en",
        "2025-08-14",
        "Following the talks between Vietnamese General Secretary To Lam and South Korean President Lee Jae Myung "
        "in Seoul, both sides will expand trade.",
    ),
    # the same two leaders a year earlier, undated, too far from the others to be the same
    (
        "kor-old",
        "lam-lee-old",
        "en",
        "2024-06-01",
        "Vietnamese General Secretary To Lam held talks with South Korean President Lee Jae Myung in Seoul on trade.",
    ),
    ("weather", "-", "en", "2025-08-11", "Heavy rain fell across the northern provinces on Monday."),
]


def write(path, reports):
    rows = []
    for doc_id, _, language, published, text in reports:
        row = {"id": doc_id, "text": text, "language": language}
        if published:
            row["published"] = published
        rows.append(row)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def clusters_by_doc(store):
    return {r["doc_id"]: r["cluster"] for r in store.query("SELECT doc_id, cluster FROM events ORDER BY event_id")}


@pytest.fixture
def resolved(tmp_path):
    store = Store(tmp_path / "db.duckdb")
    ingest([write(tmp_path / "reports.jsonl", REPORTS)], store)
    yield store
    store.close()


def test_pairwise_precision_and_recall_on_the_built_set(resolved):
    predicted = clusters_by_doc(resolved)
    gold = {doc_id: g for doc_id, g, *_ in REPORTS if g != "-"}
    assert set(predicted) == set(gold), "every report with an event is extracted once"
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same_gold, same_pred = gold[a] == gold[b], predicted[a] == predicted[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall, predicted)


def test_one_event_keeps_all_its_reports_languages_and_best_values(resolved):
    [event] = resolved.query("SELECT * FROM event_clusters WHERE n_documents = 4")
    assert event["countries"] == ["CHN", "VNM"]
    assert event["date"] == "2025-04-14"  # the full date wins over "--04-14"
    assert event["place"] == "Hanoi"
    assert sorted(event["languages"]) == ["en", "id", "nl", "vi"]
    assert event["n_sources"] == 4
    assert set(event["people"]) == {"Xi Jinping", "To Lam"} or set(event["people"]) == {"Xi Jinping", "Tô Lâm"}
    assert json.loads(event["disagreements"])["dates"] == {"2025-04-14": 3, "--04-14": 1}


def test_targets_reported_twice_are_one_target(resolved):
    targets = resolved.query("SELECT * FROM target_clusters")
    assert [(t["value"], t["unit"], t["year"], t["n_documents"]) for t in targets] == [(150e9, "USD", 2030, 2)]


def test_agreements_reported_more_than_once_are_one_agreement(tmp_path):
    reports = [
        (
            "a1",
            "",
            "en",
            "2025-05-27",
            "French President Emmanuel Macron met Vietnamese General Secretary To Lam in "
            "Hanoi. They signed the Joint Statement on Strengthening the Comprehensive Strategic Partnership.",
        ),
        (
            "a2",
            "",
            "en",
            "2025-05-28",
            "Vietnam and France adopted the Joint Statement on Strengthening the "
            "Comprehensive Strategic Partnership after talks between French President Emmanuel Macron and "
            "Vietnamese General Secretary To Lam.",
        ),
        (
            "a3",
            "",
            "en",
            "2025-05-28",
            "French President Emmanuel Macron and Vietnamese General Secretary To Lam "
            "also witnessed the signing of the Memorandum of Understanding on Nuclear Energy.",
        ),
    ]
    with Store(tmp_path / "db.duckdb") as store:
        ingest([write(tmp_path / "a.jsonl", reports)], store)
        rows = store.query("SELECT title, n_documents FROM agreement_clusters ORDER BY title")
    assert rows == [
        {"title": "Joint Statement on Strengthening the Comprehensive Strategic Partnership", "n_documents": 2},
        {"title": "Memorandum of Understanding on Nuclear Energy", "n_documents": 1},
    ]


def test_incremental_resolution_equals_a_rebuild_even_with_a_replaced_document(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        shuffled = sorted(REPORTS, key=lambda r: r[0][::-1])  # batches whose documents are not in id order
        for i in range(0, len(shuffled), 4):
            ingest([write(tmp_path / f"part{i}.jsonl", shuffled[i : i + 4])], store, batch_size=1 + i % 3)
        changed = [
            (
                "xi-vi",
                "",
                "vi",
                None,
                "Chiều 15/4, tại Hà Nội, Tổng Bí thư Tô Lâm tiếp Chủ tịch Trung Quốc Tập Cận Bình lần thứ hai.",
            )
        ]
        report = ingest([write(tmp_path / "changed.jsonl", changed)], store)
        assert report.replaced == 1

        def snapshot():
            return (
                clusters_by_doc(store),
                store.query("SELECT * EXCLUDE (state) FROM event_clusters ORDER BY cluster_id"),
                store.query("SELECT * EXCLUDE (state) FROM target_clusters ORDER BY cluster_id"),
            )

        incremental = snapshot()
        resolve.rebuild(store.con)
        assert snapshot() == incremental
    # the replaced report now speaks of the 15 April meeting and joined it
    assert incremental[0]["xi-vi"] == incremental[0]["xi-next"]


def test_eval_export_writes_the_event_id_in_cluster(resolved, tmp_path):
    from communique.export import documents

    by_doc = {d["doc_id"]: d for d in documents(resolved)}
    assert by_doc["xi-en"]["events"][0]["cluster"] == by_doc["xi-vi"]["events"][0]["cluster"]
    assert by_doc["xi-en"]["events"][0]["cluster"] != by_doc["xi-pm"]["events"][0]["cluster"]


def test_an_undated_visit_naming_one_side_does_not_join_another_meeting_without_publication_dates(tmp_path):
    # Neither document says when it was published: ingest time says nothing about when things happened.
    reports = [
        (
            "meet",
            "",
            "id",
            None,
            "Pada tanggal 9 Oktober, Sekretaris Jenderal Vietnam To Lam bertemu dengan Perdana "
            "Menteri Tiongkok Li Qiang di Beijing.",
        ),
        (
            "visit",
            "",
            "id",
            None,
            "Berbicara setelah kunjungan kenegaraan ke Tiongkok oleh Sekretaris Jenderal Vietnam "
            "To Lam, Menteri Luar Negeri Bui Thanh Son mengatakan kunjungan itu sukses.",
        ),
    ]
    with Store(tmp_path / "db.duckdb") as store:
        ingest([write(tmp_path / "r.jsonl", reports)], store)
        clusters = clusters_by_doc(store)
    assert clusters["meet"] != clusters["visit"]


# -- lookups: what a new report reads from the store ---------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def meeting(doc_id, day, month, published, text=None):
    """A dated meeting of the same two leaders, published the next day (or undated with ``text``)."""
    text = text or (
        f"On {day} {MONTHS[month - 1]}, Vietnamese General Secretary To Lam held talks with Chinese President "
        "Xi Jinping in Hanoi."
    )
    return (doc_id, "", "en", published, text)


def archive(tmp_path):
    """Forty meetings of the same two leaders over ten months, an undated report of the 9 May one, undated
    talks of two other leaders in May and in August, a signing."""
    reports = [
        meeting(f"m{month}-{day}", day, month, f"2025-{month:02d}-{day + 1:02d}")
        for month in range(1, 11)
        for day in (3, 9, 16, 22)
    ]
    reports.append(
        meeting(
            "undated-may",
            0,
            0,
            "2025-05-12",
            "After the talks between Vietnamese General Secretary To Lam and Chinese President Xi Jinping in Hanoi, "
            "both sides will expand trade.",
        )
    )
    for month, published in (("may", "2025-05-20"), ("aug", "2025-08-20")):
        text = f"Prime Minister Pham Minh Chinh of Vietnam held talks with Chinese Premier Li Qiang in Hanoi ({month})."
        reports.append(meeting(f"pm-{month}", 0, 0, published, text))
    reports.append(
        meeting(
            "signing",
            0,
            0,
            "2025-05-12",
            "Vietnam and China signed the Memorandum of Understanding on Railway Cooperation on Monday. Vietnam and "
            "China aim for bilateral trade of 100 billion dollars by 2030.",
        )
    )
    store = Store(tmp_path / "db.duckdb")
    ingest([write(tmp_path / "archive.jsonl", reports)], store)
    return store


def new_mentions(store, report):
    """The mentions of one more document, as resolution sees them before it is stored."""
    from communique.document import Document
    from communique.pipeline import Pipeline
    from communique.store import _rows

    doc_id, _, language, published, text = report
    doc = Pipeline()(Document(doc_id=doc_id, raw=text, language=language, published=published))
    return resolve.mentions_from_rows(_rows([doc], 10_000))


def test_a_new_report_reads_only_the_clusters_it_could_join(tmp_path):
    store = archive(tmp_path)
    try:
        [m] = new_mentions(store, meeting("late", 9, 5, "2025-05-11"))["event"]
        resolver = resolve.Resolver(store.con)
        resolver.prefetch("event", [m])
        read = {r.cluster_id for r in resolver.clusters.values()}
        same_day = {r["cluster"] for r in store.query("SELECT cluster FROM events WHERE date = '2025-05-09'")}
        assert len(same_day) == 1 and same_day <= read
        # besides the meeting of that day, only undated events first reported in the months of the window
        # (45 days either side of 11 May) were read
        others = read - same_day
        rows = store.query("SELECT cluster_id, date_key, first_report FROM event_clusters")
        assert len(rows) >= 40
        window = [r for r in rows if r["date_key"] is None and "2025-03" <= r["first_report"] < "2025-07"]
        expected = {r["cluster_id"] for r in window}
        assert others == expected - same_day and others
        resolver.place(m)
        assert resolver.flush()[m.mention_id] in same_day
    finally:
        store.close()


def test_lookups_use_the_indexes_rather_than_scanning_the_tables(tmp_path):
    store = archive(tmp_path)
    try:
        keys = {
            ("event", "date_lookup"): "CONSULT|CHN-VNM|05-09|2025",
            ("event", "day_lookup"): "CONSULT|CHN-VNM|05-09",
            ("event", "time_lookup"): "CONSULT|CHN-VNM|u|2025-05",
            ("agreement", "time_lookup"): "AGREE|CHN-VNM|2025-05",
            ("target", "block"): "CHN-VNM|USD|2030",
        }
        for (kind, column), key in keys.items():
            sql = where_in(resolve.LOOKUP_SELECT.format(kind=kind), column, 1)
            plan = store.con.execute("EXPLAIN ANALYZE " + sql, [key]).fetchall()
            assert "Index Scan" in plan[0][1], (kind, column)
    finally:
        store.close()


def test_an_undated_report_is_compared_only_with_reports_that_are_placed_in_time_like_it(tmp_path):
    # Nothing places a document without a publication date in time. Its undated report joins a meeting only
    # when it names the principals of every side, reads alike, and no other meeting of theirs is known (see
    # the tests of several meetings below). A published undated report joins neither: its publication says
    # when it was written, and nothing says when the others were.
    text = (
        "Vietnamese General Secretary To Lam held talks with Chinese President Xi Jinping in Hanoi, and both "
        "sides agreed to expand trade."
    )
    reports = [
        meeting("dated", 14, 4, None),
        meeting("undated", 0, 0, None, text),
        meeting("undated-too", 0, 0, None, text.replace("expand trade", "expand trade and investment")),
        meeting("published", 0, 0, "2025-04-16", text.replace("expand trade", "expand trade and tourism")),
    ]
    with Store(tmp_path / "db.duckdb") as store:
        ingest([write(tmp_path / "r.jsonl", reports)], store)
        clusters = clusters_by_doc(store)
    assert clusters["undated"] == clusters["undated-too"] == clusters["dated"]
    assert clusters["published"] != clusters["dated"]


def test_a_store_written_before_lookup_keys_is_migrated_and_resolved_again(tmp_path):
    from communique.store import SCHEMA_VERSION

    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        ingest([write(tmp_path / "reports.jsonl", REPORTS)], store)
        before = clusters_by_doc(store)
        # take the store back to schema 1: no lookup columns, its indexes, version 1
        for (index,) in store.con.execute(
            "SELECT index_name FROM duckdb_indexes() WHERE index_name LIKE '%_by_%'"
        ).fetchall():
            store.con.execute(f"DROP INDEX {index}")
        for table, column in (
            ("event", "date_lookup"),
            ("event", "day_lookup"),
            ("event", "time_lookup"),
            ("agreement", "time_lookup"),
        ):
            store.con.execute(f"ALTER TABLE {table}_clusters DROP COLUMN {column}")
        store.con.execute("CREATE INDEX event_clusters_block ON event_clusters (block, date_key)")
        store.con.execute("CREATE INDEX target_clusters_block ON target_clusters (block)")
        store.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Store(path) as store:
        assert store.query("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"] == str(SCHEMA_VERSION)
        assert clusters_by_doc(store) == before
        missing = store.query("SELECT count(*) AS n FROM event_clusters WHERE time_lookup IS NULL")[0]["n"]
        assert missing == 0
        # and resolution goes on from there
        ingest([write(tmp_path / "more.jsonl", [meeting("more", 14, 4, "2025-04-17")])], store)
        assert clusters_by_doc(store)["more"] == before["xi-en"]


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    from communique.store import StoreError

    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        store.con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer communique"):
        Store(path)


def test_a_date_with_its_year_reads_that_year_only_and_a_date_without_reads_every_year(tmp_path):
    text = "On 14 April {}, Vietnamese General Secretary To Lam held talks with Chinese President Xi Jinping in Hanoi."
    reports = [meeting(f"y{year}", 0, 0, f"{year}-04-15", text.format(year)) for year in (2023, 2024, 2025)]
    with Store(tmp_path / "db.duckdb") as store:
        ingest([write(tmp_path / "years.jsonl", reports)], store)
        by_year = {r["date"][:4]: r["cluster_id"] for r in store.query("SELECT cluster_id, date FROM event_clusters")}
        assert len(by_year) == 3

        def read(report):
            [m] = new_mentions(store, report)["event"]
            resolver = resolve.Resolver(store.con)
            resolver.prefetch("event", [m])
            return set(resolver.clusters)

        assert read(meeting("again", 14, 4, "2024-04-16")) == {by_year["2024"]}
        assert read(meeting("yearless", 14, 4, None)) == set(by_year.values())


def test_an_undated_report_joins_the_latest_meeting_before_it_was_published(tmp_path):
    store = archive(tmp_path)
    try:
        clusters = clusters_by_doc(store)
        # published 12 May: not the meetings of 16 or 22 May, and of those before, the 9 May one
        assert clusters["undated-may"] == clusters["m5-9"]
    finally:
        store.close()


def test_a_meeting_known_to_the_month_joins_the_same_meeting_known_to_the_day(tmp_path):
    reports = [
        (
            "day",
            "",
            "en",
            "2023-02-18",
            "On 17 February, German President Frank-Walter Steinmeier held talks with Malaysian Prime Minister "
            "Anwar Ibrahim in Kuala Lumpur.",
        ),
        (
            "month",
            "",
            "en",
            "2023-04-21",
            "Malaysian Prime Minister Anwar Ibrahim met German President Frank-Walter Steinmeier last February.",
        ),
        (
            "other-month",
            "",
            "en",
            "2023-06-21",
            "Malaysian Prime Minister Anwar Ibrahim met German President Frank-Walter Steinmeier last May.",
        ),
    ]
    with Store(tmp_path / "db.duckdb") as store:
        ingest([write(tmp_path / "r.jsonl", reports)], store)
        clusters = clusters_by_doc(store)
    assert clusters["day"] == clusters["month"]
    assert clusters["other-month"] != clusters["day"]


UNPLACEABLE = (
    "undated",
    "",
    "en",
    None,
    "Vietnamese General Secretary To Lam held talks with Brazilian President Luiz Inacio Lula da Silva in Hanoi "
    "on trade and investment.",
)


def dated_talks(doc_id, day):
    return (
        doc_id,
        "",
        "en",
        f"2025-03-{day + 1:02d}",
        f"On {day} March, Vietnamese General Secretary To Lam held talks with Brazilian President Luiz Inacio Lula "
        "da Silva in Hanoi on trade and investment.",
    )


def test_a_report_that_cannot_be_placed_in_time_joins_the_one_meeting_naming_both_sides(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        ingest([write(tmp_path / "r.jsonl", [dated_talks("dated", 28), UNPLACEABLE])], store)
        clusters = clusters_by_doc(store)
    assert clusters["undated"] == clusters["dated"]


def test_a_report_that_cannot_be_placed_in_time_joins_none_of_several_meetings(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        ingest([write(tmp_path / "r.jsonl", [dated_talks("first", 3), dated_talks("second", 28), UNPLACEABLE])], store)
        clusters = clusters_by_doc(store)
    assert clusters["undated"] not in (clusters["first"], clusters["second"])


def test_a_call_that_cannot_be_placed_in_time_does_not_join_a_meeting_in_person(tmp_path):
    call = (
        "call",
        "",
        "en",
        None,
        "Vietnamese General Secretary To Lam held a phone call with Brazilian President Luiz Inacio Lula da Silva.",
    )
    with Store(tmp_path / "db.duckdb") as store:
        ingest([write(tmp_path / "r.jsonl", [dated_talks("dated", 28), call])], store)
        clusters = clusters_by_doc(store)
    assert clusters["call"] != clusters["dated"]


def written_by_schema(tmp_path, version: int, *undo: str):
    """A store of REPORTS as an older version wrote it: this version's store with ``undo`` run on it and the
    older schema number."""
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        ingest([write(tmp_path / "reports.jsonl", REPORTS)], store)
        for statement in undo:
            store.con.execute(statement)
        store.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
    return path


def test_a_store_written_before_the_search_copy_is_given_one_and_search_folds_accents(tmp_path):
    from communique import queries

    path = written_by_schema(tmp_path, 2, "DROP TABLE document_search")
    with Store(path) as store:
        assert store.query("SELECT count(*) AS n FROM document_search")[0]["n"] == len(REPORTS)
        found = {d["doc_id"] for d in queries.documents(store.con, queries.Filters(q="to lam"))["items"]}
        accented = {d["doc_id"] for d in queries.documents(store.con, queries.Filters(q="Tô Lâm"))["items"]}
        assert found and found == accented


def test_an_outlet_is_its_registered_domain_not_its_host_name():
    from communique.resolve import outlet

    assert outlet("https://en.vietnamplus.vn/a") == outlet("https://www.vietnamplus.vn/b") == "vietnamplus.vn"
    assert outlet("https://m.bbc.co.uk/news/1") == "bbc.co.uk"
    assert outlet("https://english.news.cn/x") == outlet("http://news.cn/y")
    assert outlet("https://one.blogspot.com/a") != outlet("https://two.blogspot.com/a")  # a shared host's sites
    assert outlet("http://127.0.0.1:8000/x") == "127.0.0.1"


def test_editions_of_one_outlet_count_as_one_source(tmp_path):
    text = "On 14 April, Vietnamese General Secretary To Lam held talks in Hanoi with Chinese President Xi Jinping."
    rows = [
        {"id": f"d{i}", "text": text, "language": "en", "published": "2025-04-14", "url": url}
        for i, url in enumerate(["https://en.example.vn/1", "https://m.example.vn/2", "https://other.example.org/3"])
    ]
    source = tmp_path / "editions.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with Store(tmp_path / "db.duckdb") as store:
        ingest([source], store)
        [event] = store.query("SELECT n_documents, n_sources FROM event_clusters")
    assert (event["n_documents"], event["n_sources"]) == (3, 2)


def test_a_store_written_before_people_and_measures_is_given_them_when_opened(tmp_path):
    from communique import queries
    from communique.store import SCHEMA_VERSION

    path = written_by_schema(
        tmp_path,
        3,
        "DROP TABLE people",
        "DROP TABLE person_names",
        "DROP TABLE person_events",
        "ALTER TABLE targets DROP COLUMN metric_key",
    )
    with Store(path, read_only=True) as store:  # opened to be read, as the server does: upgraded first
        assert {p["name"] for p in queries.persons(store.con)["items"]} >= {"Tô Lâm", "Xi Jinping"}
        assert {r["metric_key"] for r in store.query("SELECT metric_key FROM targets")} == {"trade"}
        assert store.query("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"] == str(SCHEMA_VERSION)


def test_a_seat_of_government_and_the_capital_beside_it_can_be_one_meeting_two_cities_cannot(tmp_path):
    from communique import gazetteer

    assert gazetteer.same_place("Putrajaya", "Kuala Lumpur") and gazetteer.same_place("Bogor", "Jakarta")
    assert not gazetteer.same_place("Hanoi", "Ho Chi Minh City") and not gazetteer.same_place("Tianjin", "Beijing")
    assert not gazetteer.same_place("Putrajaya", "Atlantis")  # a place the gazetteer cannot locate is another

    def talks(doc_id, city):
        return (
            doc_id,
            "",
            "en",
            "2023-02-18",
            f"On 17 February, German President Frank-Walter Steinmeier held talks with Malaysian Prime Minister "
            f"Anwar Ibrahim in {city}.",
        )

    reports = [talks("capital", "Kuala Lumpur"), talks("seat", "Putrajaya"), talks("elsewhere", "Penang")]
    with Store(tmp_path / "db.duckdb") as store:
        ingest([write(tmp_path / "r.jsonl", reports)], store)
        clusters = clusters_by_doc(store)
    assert clusters["capital"] == clusters["seat"]
    assert clusters["elsewhere"] != clusters["capital"]


def test_every_city_of_the_hand_list_can_be_located():
    from communique import gazetteer

    names = [line.split("\t")[0] for line in (REPO / "communique/data/cities.tsv").read_text().splitlines()]
    unlocated = {n for n in names if n and not n.startswith("#")} - set(gazetteer.coordinates())
    assert unlocated <= {"Hong Kong", "Davos", "Bali", "Pristina", "Prizren"}  # not in GeoNames' list by state
