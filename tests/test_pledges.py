"""Targets tracked over time: what an amount measures, in every language, and a pledge's history."""

import json

import pytest

from communique import pledges
from communique.extract.targets import metric_kind
from communique.ingest import ingest
from communique.languages import METRICS, load
from communique.store import Store

# Sentences written for this test, one per language: (language, sentence, the amount, what it measures).
MEASURES = [
    ("en", "The two sides aim to raise bilateral trade to USD 25 billion by 2030.", "USD 25 billion", "trade"),
    ("en", "Japan pledged to welcome 100,000 Vietnamese students by 2030.", "100,000", "students"),
    (
        "de",
        "Beide Seiten wollen das Handelsvolumen bis 2030 auf 20 Milliarden Euro steigern.",
        "20 Milliarden",
        "trade",
    ),
    ("es", "Ambos países buscan duplicar la inversión hasta 5.000 millones de dólares en 2028.", "5.000", "investment"),
    ("fr", "Les deux pays visent 2 millions de touristes d'ici 2027.", "2 millions", "tourism"),
    ("id", "Kedua negara menargetkan nilai perdagangan sebesar 15 miliar dolar AS pada 2028.", "15 miliar", "trade"),
    ("it", "I due governi puntano a investimenti per 3 miliardi di euro entro il 2029.", "3 miliardi", "investment"),
    ("ms", "Kedua-dua negara menyasarkan 500,000 pelancong menjelang 2026.", "500,000", "tourism"),
    ("nl", "Beide landen willen de handel tegen 2030 verhogen tot 10 miljard euro.", "10 miljard", "trade"),
    (
        "pt",
        "Os dois países pretendem alcançar 8 mil milhões de dólares em comércio até 2030.",
        "8 mil milhões",
        "trade",
    ),
    ("vi", "Hai bên phấn đấu đưa kim ngạch thương mại song phương đạt 30 tỷ USD vào năm 2030.", "30 tỷ USD", "trade"),
    ("vi", "Nhật Bản cam kết cung cấp khoản vay ODA trị giá 500 triệu USD.", "500 triệu USD", "aid"),
]


@pytest.mark.parametrize(("language", "sentence", "amount", "measure"), MEASURES)
def test_what_an_amount_measures_is_read_in_every_language(language, sentence, amount, measure):
    start = sentence.index(amount)
    assert metric_kind(sentence, start, start + len(amount), load(language)) == measure


def test_an_amount_with_no_measure_near_it_has_none():
    sentence = "The leaders met for 90 minutes and agreed on a plan."
    start = sentence.index("90")
    assert metric_kind(sentence, start, start + 2, load("en")) is None


def test_every_language_names_only_measures_of_the_shared_vocabulary():
    for code in ("de", "en", "es", "fr", "id", "it", "ms", "nl", "pt", "vi"):
        assert set(load(code).metrics) <= set(METRICS) and load(code).metrics, code


# One pledge restated, raised, then restated again across four reports (sentences written for the test).
REPORTS = [
    ("2023-09-11", "en", "Vietnam and the United States aim to raise bilateral trade to USD 100 billion by 2030."),
    ("2024-05-02", "vi", "Việt Nam và Hoa Kỳ phấn đấu đưa kim ngạch thương mại đạt 100 tỷ USD vào năm 2030."),
    ("2025-01-20", "en", "Vietnam and the United States now aim for bilateral trade of USD 150 billion by 2030."),
    (
        "2025-06-03",
        "en",
        "Vietnam and the United States reaffirmed their aim of bilateral trade of USD 150 billion by 2030.",
    ),
]


def test_a_pledge_restated_and_raised_is_one_pledge_with_its_history(tmp_path):
    source = tmp_path / "pledges.jsonl"
    source.write_text(
        "".join(
            json.dumps({"id": f"r{i}", "published": day, "language": lang, "text": text}, ensure_ascii=False) + "\n"
            for i, (day, lang, text) in enumerate(REPORTS)
        ),
        encoding="utf-8",
    )
    with Store(tmp_path / "p.duckdb") as store:
        assert ingest([source], store).stored == 4
        found = pledges.of_dyad(store.con, "VNM", "USA")
    assert len(found) == 1
    pledge = found[0]
    assert (pledge["metric"], pledge["unit"], pledge["year"], pledge["value"]) == (
        "bilateral trade",
        "USD",
        2030,
        150e9,
    )
    assert [(h["date"], h["change"]) for h in pledge["history"]] == [
        ("2023-09-11", "first stated"),
        ("2024-05-02", "restated"),
        ("2025-01-20", "raised"),
        ("2025-06-03", "restated"),
    ]
    assert pledge["first_stated"] == "2023-09-11" and pledge["changes"] == ["raised"] and pledge["documents"] == 4
