"""Property-based tests over ingest inputs (hypothesis): whatever the bytes, JSON shapes, dates, ids and sizes,
ingest raises nothing, loses nothing already stored, and stores every good document."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.ingest import ingest
from communique.store import Store

SENTENCE = "Prime Minister Pham Minh Chinh met Thai Prime Minister Paetongtarn Shinawatra in Hanoi on 3 June."

good_text = st.text(min_size=1, max_size=200).map(lambda t: f"{SENTENCE} {t}")
odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(["2025-02-30", "2025-13-01", "0000-01-01", "2025-03", "March 3, 2025", "1714000000", "-1"]),
)
good_line = st.fixed_dictionaries(
    {"text": good_text},
    optional={"published": odd_values, "language": odd_values, "url": odd_values, "extra": odd_values},
)
bad_line = st.one_of(
    st.binary(max_size=60).map(lambda b: b.replace(b"\n", b" ")),
    st.text(max_size=60).map(lambda t: t.replace("\n", " ").encode("utf-8", "surrogatepass")),
    st.just(b"{oops"),
    st.just(b"[1, 2, 3]"),
    st.just(b'{"id": "x"}'),
    st.just(b'{"id": {"nested": 1}, "text": "Hujan."}'),
    st.recursive(st.integers(), lambda inner: st.lists(inner, max_size=2), max_leaves=30).map(
        lambda v: json.dumps({"id": "deep", "text": v}).encode()
    ),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(good_line.map(lambda d: ("good", d)), bad_line.map(lambda b: ("bad", b))), max_size=8))
def test_no_input_costs_a_good_document_or_what_is_stored(tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("prop")
    with Store(folder / "db.duckdb") as store:
        seed = folder / "seed.jsonl"
        seed.write_text(json.dumps({"id": "kept", "text": SENTENCE}) + "\n", encoding="utf-8")
        ingest([seed], store)
        before = store.query("SELECT doc_id, content_hash FROM documents")

        source = folder / "in.jsonl"
        good_ids = []
        with source.open("wb") as handle:
            for i, (kind, value) in enumerate(lines):
                if kind == "good":
                    value = {"id": f"g{i}", **value}
                    good_ids.append(value["id"])
                    handle.write(json.dumps(value).encode() + b"\n")
                else:
                    handle.write(value + b"\n")
        report = ingest([source], store)  # raises nothing, whatever the input

        stored = {r["doc_id"] for r in store.query("SELECT doc_id FROM documents")}
        assert set(good_ids) <= stored
        assert all(r in store.query("SELECT doc_id, content_hash FROM documents") for r in before)
        assert report.stored == len(good_ids)
