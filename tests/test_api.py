"""The HTTP API through FastAPI's test client: every endpoint, its errors, paging, the token, and escaping."""

import re

import pytest
from conftest import sample_store
from fastapi.testclient import TestClient

from communique.serve import create_app


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return sample_store(tmp_path_factory.mktemp("api") / "api.duckdb")


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def test_lists_are_paged_and_filtered(client):
    page = client.get("/api/events", params={"limit": 3}).json()
    assert page["limit"] == 3 and page["offset"] == 0 and len(page["items"]) == 3 and page["total"] >= 10
    second = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert {e["event_id"] for e in page["items"]}.isdisjoint(e["event_id"] for e in second["items"])
    korea = client.get("/api/events", params={"country": "vnm", "partner": "KOR"}).json()
    assert [(e["date"], e["place"]) for e in korea["items"]] == [("2023-06-23", "Hanoi")]
    maritime = client.get("/api/events", params={"area": "maritime"}).json()["items"]
    assert maritime and all("maritime" in e["areas"] for e in maritime)
    dated = client.get("/api/events", params={"since": "2025-04-01", "until": "2025-04-30"}).json()["items"]
    assert dated and all("2025-04-01" <= e["date"] <= "2025-04-30" for e in dated)
    dutch = client.get("/api/events", params={"language": "nl"}).json()["items"]
    assert dutch and all("nl" in e["languages"] for e in dutch)


def test_one_event_with_its_sources(client):
    china = client.get("/api/events", params={"country": "CHN", "partner": "VNM", "q": "To Lam"}).json()["items"]
    [event] = [e for e in china if e["documents"] == 2]
    detail = client.get(f"/api/events/{event['event_id'].replace('#', '%23')}").json()
    assert {s["language"] for s in detail["sources"]} == {"nl", "vi"}
    assert detail["source_count"] == 2 and detail["documents"] == 2
    page = client.get(f"/event/{event['event_id'].replace('#', '%23')}").text
    assert "2 documents from 2 sources" in page
    assert all(s["evidence"] for s in detail["sources"])
    assert client.get("/api/events/no-such-event").status_code == 404


def test_agreements_targets_documents_countries_dyads_search(client):
    assert client.get("/api/agreements", params={"country": "RUS"}).json()["items"][0]["title"].startswith("Joint")
    targets = client.get("/api/targets", params={"country": "KOR"}).json()["items"]
    assert [(t["value"], t["unit"], t["year"]) for t in targets] == [(150e9, "USD", 2030)]
    docs = client.get("/api/documents", params={"language": "vi"}).json()
    assert docs["total"] == 2
    doc = client.get("/api/documents/vi-vnm-kor-2023-06-23").json()
    assert doc["events"] and doc["targets"] and doc["sentences"][0]["idx"] == 0
    assert client.get("/api/documents/nope").status_code == 404
    countries = client.get("/api/countries").json()
    assert countries["items"][0]["code"] == "VNM" and countries["items"][0]["name"] == "Vietnam"
    assert countries["total"] >= 5 and len(client.get("/api/countries", params={"limit": 2}).json()["items"]) == 2
    dyad = client.get("/api/dyads/VNM/KOR").json()
    assert dyad["countries"][1]["name"] == "South Korea" and dyad["targets"] and dyad["areas"]
    found = client.get("/api/search", params={"q": "Putin"}).json()
    assert found["events"]["items"][0]["countries"] == ["RUS", "VNM"]
    assert any(d["doc_id"] == "en-vnm-rus-2025-05-10" for d in found["documents"]["items"])


def test_every_list_has_one_shape_and_search_pages_and_filters_every_kind(client):
    for path in ("/api/events", "/api/agreements", "/api/targets", "/api/documents", "/api/countries", "/api/people"):
        assert set(client.get(path).json()) == {"items", "total", "limit", "offset"}, path
    whole = client.get("/api/search", params={"q": "Vietnam", "limit": 50}).json()
    assert all(set(part) == {"items", "total", "limit", "offset"} for part in whole.values())
    second = client.get("/api/search", params={"q": "Vietnam", "limit": 1, "offset": 1}).json()
    assert second["documents"]["items"][0] == whole["documents"]["items"][1]
    # the documents of a search are those reporting facts of the states asked for, not every text match
    korea = client.get("/api/search", params={"country": "KOR"}).json()["documents"]["items"]
    assert korea and all("kor" in d["doc_id"] for d in korea)
    assert client.get("/api/search", params={"country": "KOR", "partner": "FRA"}).json()["documents"]["total"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 501},
        {"offset": -1},
        {"country": "Narnia"},
        {"since": "yesterday"},
        {"since": "2025-13-01"},
        {"until": "2025-02-30"},
        {"type": "FOO"},
        {"area": "space"},
        {"language": "vietnamese"},
        {"q": "x" * 201},
        {"limit": "many"},
    ],
)
def test_bad_parameters_are_4xx_with_a_message(client, params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"]


def test_a_state_is_given_by_code_or_by_name_in_any_supported_language(client):
    by_code = client.get("/api/events", params={"country": "VNM", "partner": "KOR"}).json()["total"]
    assert by_code >= 1
    for country, partner in (("vn", "kr"), ("Vietnam", "South Korea"), ("Việt Nam", "Hàn Quốc")):
        assert client.get("/api/events", params={"country": country, "partner": partner}).json()["total"] == by_code


def test_sql_metacharacters_are_only_data(client):
    for q in ("'; DROP TABLE events; --", "%", "_", "\\", '" OR 1=1'):
        assert client.get("/api/search", params={"q": q}).status_code == 200
    assert client.get("/api/events").json()["total"] >= 10


def test_ingest_needs_the_operators_token(db, tmp_path):
    payload = {
        "documents": [
            {
                "id": "posted",
                "language": "en",
                "text": "On 2 June, Vietnamese Prime Minister Pham Minh Chinh met Thai Prime Minister "
                "Paetongtarn Shinawatra in Bangkok.",
            }
        ]
    }
    with TestClient(create_app(db)) as read_only:
        assert read_only.post("/api/documents", json=payload).status_code == 403
    writable_db = tmp_path / "w.duckdb"
    with TestClient(create_app(writable_db, token="s3cret")) as c:
        assert c.post("/api/documents", json=payload).status_code == 401
        assert c.post("/api/documents", json=payload, headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = c.post("/api/documents", json=payload, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200 and ok.json()["stored"] == 1 and ok.json()["events"] == 1
        again = c.post("/api/documents", json=payload, headers={"Authorization": "Bearer s3cret"}).json()
        assert again["unchanged"] == 1
        upload = c.post(
            "/api/documents/upload",
            headers={"Authorization": "Bearer s3cret"},
            files={"file": ("news.jsonl", b'{"id": "u1", "text": "Hujan."}\n{broken\n')},
        )
        assert upload.status_code == 200 and upload.json()["stored"] == 1
        assert upload.json()["problems"][0].endswith(
            "news.jsonl:2: not valid JSON: Expecting property name enclosed in double quotes (column 2)"
        )
        bad_type = c.post(
            "/api/documents/upload", headers={"Authorization": "Bearer s3cret"}, files={"file": ("x.exe", b"MZ")}
        )
        assert bad_type.status_code == 415
        assert (
            c.post("/api/documents", json={"documents": []}, headers={"Authorization": "Bearer s3cret"}).status_code
            == 422
        )
        assert c.get("/api/events").json()["total"] == 1


def test_pages_escape_untrusted_text_and_urls(client):
    doc = client.get("/document/hostile%3Cscript%3E")
    assert doc.status_code == 200
    html = doc.text
    assert "<script>alert" not in html and "onerror=alert" not in html.replace("onerror=alert(&#39;img&#39;)", "")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    [event] = client.get("/api/events", params={"country": "IDN", "partner": "JPN", "q": "Prabowo"}).json()["items"][:1]
    event_page = client.get(f"/event/{event['event_id'].replace('#', '%23')}").text
    assert 'href="javascript:' not in event_page and "<img src=x" not in event_page
    assert client.get("/").headers["content-security-policy"].startswith("default-src 'self'")


def test_pages_render_and_bad_page_parameters_are_4xx(client):
    for url in ("/", "/?country=KOR", "/dyad/VNM/KOR", "/search", "/search?q=Hanoi&area=trade", "/api-docs"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get("/dyad/VIETNAM/KOR").status_code == 422
    assert client.get("/event/nope").status_code == 404
    assert "no event" in client.get("/event/nope").text
    assert client.get("/static/vendor/plotly.min.js").status_code == 200


def test_any_id_ingest_accepts_is_reachable_on_every_page_and_api_path(tmp_path):
    import json
    from urllib.parse import quote

    from communique.ingest import ingest
    from communique.store import Store

    text = "On 3 June, Prime Minister Pham Minh Chinh held talks with Thai Prime Minister Paetongtarn Shinawatra."
    ids = ["https://example.com/news/2024/06/talks", "x" * 300, "a b#c?d"]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": text, "published": "2024-06-04"}) + "\n" for i in ids))
    with Store(tmp_path / "ids.duckdb") as store:
        assert ingest([source], store).stored == 3
    with TestClient(create_app(tmp_path / "ids.duckdb")) as c:
        for doc_id in ids:
            for form in (quote(doc_id, safe=""), quote(doc_id, safe="/:")):
                assert c.get(f"/api/documents/{form}").json()["doc_id"] == doc_id
                page = c.get(f"/document/{form}")
                assert page.status_code == 200
                event_id = c.get(f"/api/documents/{form}").json()["events"][0]["event_id"]
                assert c.get(f"/api/events/{quote(event_id, safe='')}").status_code == 200
                assert c.get(f"/event/{quote(event_id, safe='/:')}").status_code == 200


def test_problems_of_posted_documents_name_the_document_not_a_server_path(tmp_path):
    token = "t" * 24
    with TestClient(create_app(tmp_path / "post.duckdb", token=token)) as c:
        body = {"documents": [{"id": "ok", "text": "Hujan."}, {"id": "bad", "text": "  "}]}
        answer = c.post("/api/documents", json=body, headers={"Authorization": f"Bearer {token}"}).json()
    assert answer["problems"] == ["documents[1]: empty document"]
    assert answer["stored"] == 1


def _asgi_call(guard, headers, chunks):
    """Run one POST through ``guard``; return (status, whether any of the body was read)."""
    import asyncio

    read, sent = [], []
    queue = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)]

    async def receive():
        read.append(True)
        return queue.pop(0)

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/documents", "headers": headers}
    asyncio.run(guard(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, bool(read)


def _echo_app():
    async def app(scope, receive, send):
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    return app


def test_a_write_is_refused_before_its_body_is_read():
    from communique.serve.guard import WriteGuard

    guard = WriteGuard(_echo_app(), token="s" * 24, max_bytes=1000)
    big = [(b"content-length", b"200000000")]
    assert _asgi_call(guard, big, [b"x"]) == (401, False)  # no token: refused unread, whatever its size
    wrong = [(b"authorization", b"Bearer nope"), *big]
    assert _asgi_call(guard, wrong, [b"x"]) == (401, False)
    right = [(b"authorization", b"Bearer " + b"s" * 24)]
    assert _asgi_call(guard, [*right, *big], [b"x"]) == (413, False)  # declared too large: refused unread
    assert _asgi_call(guard, right, [b"x" * 600, b"x" * 600])[0] == 413  # undeclared: refused once past it
    assert _asgi_call(guard, right, [b"x" * 600])[0] == 200
    assert _asgi_call(WriteGuard(_echo_app(), token=None), right, [b"x"]) == (403, False)


def test_a_pair_of_one_state_and_docs_path(client):
    assert client.get("/api/dyads/VNM/VNM").status_code == 422
    page = client.get("/dyad/VNM/vnm")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert client.get("/docs", follow_redirects=False).headers["location"] == "/api-docs"


def test_static_files_are_compressed_and_cached_and_the_plotly_bundle_is_versioned(client):
    home = client.get("/")
    bundle = re.search(r'src="(/static/vendor/plotly\.min\.js\?v=[^"]+)"', home.text).group(1)
    response = client.get(bundle, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.headers["content-encoding"] == "gzip"
    assert int(response.headers.get("content-length", 0)) < 2_000_000  # 4.8 MB as sent uncompressed
    assert "immutable" in response.headers["cache-control"]
    own = client.get("/static/style.css")
    assert "max-age" in own.headers["cache-control"] and "immutable" not in own.headers["cache-control"]
    assert "cache-control" not in home.headers  # pages change with the store


@pytest.mark.parametrize("path", ["/dyad/VNM/KOR?page=0", "/dyad/VNM/KOR?page=x", "/?country=12345", "/people?page=-1"])
def test_a_bad_page_parameter_is_an_html_page_that_names_it(client, path):
    response = client.get(path)
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
    assert "Bad address" in response.text and '"detail"' not in response.text  # not FastAPI's raw JSON


def test_a_dyad_page_beyond_the_last_is_a_404_page(client):
    response = client.get("/dyad/VNM/KOR?page=99")
    assert response.status_code == 404 and "no such page" in response.text


def test_a_document_page_keeps_its_paragraphs_and_ties_each_highlight_to_its_fact(client):
    from communique.serve.pages import paragraphs

    doc = client.get("/api/documents/vi-vnm-kor-2023-06-23").json()
    grouped = paragraphs(doc)
    assert len(grouped) > 1 and sum(len(p) for p in grouped) == len(doc["sentences"])
    labelled = {f["label"]: s["idx"] for p in grouped for s in p for f in s["facts"] if f["main"]}
    assert labelled["T1"] == doc["targets"][0]["sentence"] and labelled["E1"] == doc["events"][0]["sentence"]
    html = client.get("/document/vi-vnm-kor-2023-06-23").text
    assert 'data-facts="T1"' in html and 'id="fact-T1"' in html


def test_an_event_shows_every_sentence_it_was_read_from(client):
    from urllib.parse import quote

    event_id = quote(client.get("/api/events", params={"country": "DEU"}).json()["items"][0]["event_id"], safe="/")
    [source] = client.get(f"/api/events/{event_id}").json()["sources"]
    assert source["evidence"] and source["more_evidence"]  # the headline told it; the body dated and placed it
    assert source["more_evidence"][0] in client.get(f"/event/{event_id}").text
