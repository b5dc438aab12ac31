"""People as entities: who a name stands for, the people tables of a store, and their use by queries."""

import json

import pytest
from fastapi.testclient import TestClient

from communique import people, queries
from communique.ingest import ingest
from communique.serve import create_app
from communique.store import Store


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong-un", "Kim Jong Un"),  # hyphenation
        ("Jong Un Kim", "Kim Jong Un"),  # name order
        ("Bùi Văn Ánh", "Bui Van Anh"),  # diacritics
        ("Tập Cận Bình", "Xi Jinping"),  # a reading the office-holder table lists
        ("习近平", "Xi Jin Ping"),  # another script: one syllable per character
        ("Мария Захарова", "Mariya Zakharova"),  # Cyrillic through anyascii
    ],
)
def test_one_person_under_two_spellings_has_one_identity(a, b):
    assert people.identity_key(a) == people.identity_key(b)
    assert people.same_person(a, b)


def test_different_people_stay_apart_and_a_short_form_is_the_same_person():
    assert people.identity_key("Kim Jong Un") != people.identity_key("Kim Yo Jong")
    assert not people.same_person("Nguyễn Văn An", "Nguyễn Văn Bình")
    assert people.same_person("Prabowo", "Prabowo Subianto")


def test_names_in_other_scripts_get_a_latin_form_and_latin_names_keep_their_diacritics():
    assert people.latin("Tô Lâm") == "Tô Lâm"
    assert people.latin("Владимир Путин") == "Vladimir Putin"
    assert people.latin("习近平") == "Xi Jin Ping"
    assert people.search_form("Tô  LÂM") == "to lam"


def _store(tmp_path, lines: list[dict]) -> Store:
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    store = Store(tmp_path / "people.duckdb")
    report = ingest([source], store)
    assert report.stored == len(lines), report.problems
    return store


# Sentences written for these tests: one Vietnamese minister not in the office-holder table, reported in
# English without diacritics and in Vietnamese with them; a head of state the table knows, in two readings.
NEWS = [
    {
        "id": "en-1",
        "language": "en",
        "published": "2025-03-04",
        "text": "Vietnamese Minister of Industry and Trade Nguyen Hong Dien met Japanese Prime Minister Shigeru "
        "Ishiba in Tokyo on March 3, 2025. General Secretary To Lam received Chinese President Xi Jinping "
        "in Hanoi on March 2, 2025.",
    },
    {
        "id": "vi-1",
        "language": "vi",
        "published": "2025-03-05",
        "text": "Ngày 4/3/2025, tại Hà Nội, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên đã hội kiến Thủ tướng "
        "Nhật Bản Ishiba Shigeru. Tổng Bí thư Tô Lâm đã hội đàm với Tổng Bí thư, Chủ tịch nước Trung Quốc "
        "Tập Cận Bình tại Hà Nội ngày 2/3/2025.",
    },
]


@pytest.fixture
def store(tmp_path):
    with _store(tmp_path, NEWS) as s:
        yield s


def test_the_people_table_has_one_row_per_person_with_its_canonical_name_and_spellings(store):
    rows = {r["name"]: r for r in queries.persons(store.con, limit=100)["items"]}
    assert "Tô Lâm" in rows and "To Lam" not in rows  # the table's international form, diacritics kept
    assert "To Lam" in rows["Tô Lâm"]["aliases"]
    assert "Nguyễn Hồng Diên" in rows and "Nguyen Hong Dien" not in rows  # the spelling with its diacritics
    assert rows["Nguyễn Hồng Diên"]["country"] == "VNM"
    assert set(rows["Nguyễn Hồng Diên"]["languages"]) == {"en", "vi"}
    assert "Tập Cận Bình" in rows["Xi Jinping"]["aliases"]


def test_events_search_and_the_person_show_the_canonical_person(store):
    found = queries.events(store.con, queries.Filters(q="Tập Cận Bình"))["items"]
    assert found and all("Xi Jinping" in e["people"] for e in found)
    to_lam = queries.persons(store.con, q="to lam")["items"][0]
    assert to_lam["name"] == "Tô Lâm"
    for e in queries.events(store.con, queries.Filters(person=to_lam["person_id"]))["items"]:
        assert "To Lam" not in e["people"] and "Tô Lâm" in e["people"]
        assert {"id": to_lam["person_id"], "name": "Tô Lâm"} in e["persons"]
    person = queries.person(store.con, to_lam["person_id"])
    assert person["events"] and {p["code"] for p in person["partners"]} == {"CHN"}
    assert any(t["office"] == "party_leader" for t in person["terms"])
    assert {o["language"] for o in person["offices"]} >= {"en", "vi"}  # titles as each report gave them


def test_a_short_form_joins_the_one_person_it_can_be_and_no_other():
    found = people._gather(
        [
            ("Nguyễn Văn Thành", "VNM", "vi", None, "2025-01-01", "a"),
            ("Thành", "VNM", "vi", None, "2025-01-02", "b"),
            ("Lê Minh", "VNM", "vi", None, "2025-01-01", "c"),
            ("Lê Minh Hưng", "VNM", "vi", None, "2025-01-01", "c"),
            ("Lê Minh Khái", "VNM", "vi", None, "2025-01-01", "d"),
            ("Nguyễn Văn Thành", "LAO", "lo", None, "2025-01-01", "e"),  # a namesake of another state
        ]
    )
    names = sorted((p.name, p.country, sum(p.names.values())) for p in found)
    assert ("Nguyễn Văn Thành", "VNM", 2) in names  # "Thành" is his short form
    assert ("Nguyễn Văn Thành", "LAO", 1) in names
    assert ("Lê Minh", "VNM", 1) in names  # two people it could be: it stays apart


def test_the_people_tables_are_rebuilt_the_same_by_each_run_and_follow_new_reports(tmp_path):
    with _store(tmp_path, NEWS[:1]) as store:
        before = queries.persons(store.con, limit=100)["items"]
        assert "Nguyen Hong Dien" in {p["name"] for p in before}  # only the English spelling seen yet
        source = tmp_path / "more.jsonl"
        source.write_text(json.dumps(NEWS[1], ensure_ascii=False) + "\n", encoding="utf-8")
        ingest([source], store)
        after = {p["name"]: p for p in queries.persons(store.con, limit=100)["items"]}
        assert "Nguyễn Hồng Diên" in after and "Nguyen Hong Dien" in after["Nguyễn Hồng Diên"]["aliases"]
        people.refresh(store.con)
        assert {p["name"]: p for p in queries.persons(store.con, limit=100)["items"]} == after


def test_the_person_page_the_people_page_and_the_api(store):
    path = store.path
    store.close()
    with TestClient(create_app(path)) as client:
        listed = client.get("/api/people", params={"q": "TO LAM"}).json()
        assert set(listed) == {"items", "total", "limit", "offset"} and listed["items"][0]["name"] == "Tô Lâm"
        person_id = listed["items"][0]["person_id"]
        assert client.get(f"/api/people/{person_id}").json()["events"]
        assert client.get("/api/people/nobody").status_code == 404
        assert client.get("/api/people", params={"country": "Narnia"}).status_code == 422
        page = client.get(f"/person/{person_id}")
        assert page.status_code == 200 and "Tô Lâm" in page.text and "To Lam" in page.text
        assert f'href="/person/{person_id}"' in client.get("/people").text
        assert client.get("/person/nobody").status_code == 404
        events = client.get("/api/events", params={"person": person_id}).json()
        assert events["total"] >= 1 and all("Tô Lâm" in e["people"] for e in events["items"])


def test_documents_are_found_by_a_person_under_any_spelling(store):
    by_reading = {d["doc_id"] for d in queries.documents(store.con, queries.Filters(q="Tập Cận Bình"))["items"]}
    assert by_reading == {"en-1", "vi-1"}  # the English report writes "Xi Jinping" only
    by_plain = {d["doc_id"] for d in queries.documents(store.con, queries.Filters(q="Nguyen Hong Dien"))["items"]}
    assert by_plain == {"en-1", "vi-1"}
