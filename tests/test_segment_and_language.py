import pytest

from communique.language import detect, normalise
from communique.segment import split


def test_sentences_have_exact_offsets_and_respect_abbreviations():
    text = "Tn. Budi tiba di Jakarta. Dia bertemu Mr. Lee.\nJudul tanpa titik"
    spans = split(text, ["Tn.", "Mr."])
    assert [text[s:e] for s, e in spans] == ["Tn. Budi tiba di Jakarta.", "Dia bertemu Mr. Lee.", "Judul tanpa titik"]


def test_ordinal_day_is_not_a_sentence_end():
    text = "Der Kanzler ist am 13. November in Hanoi eingetroffen."
    assert len(split(text, [])) == 1


def test_language_detection_and_codes():
    assert detect("Hai bên nhất trí tăng cường hợp tác kinh tế và thương mại giữa hai nước.") == "vi"
    indonesian = (
        "Presiden Prabowo Subianto menerima Perdana Menteri Jepang di Istana Bogor dan kedua pemimpin "
        "membahas kerja sama energi."
    )
    assert detect(indonesian) == "id"
    assert detect("") is None
    assert normalise("vi-VN") == "vi" and normalise("NLD") == "nl" and normalise(None) is None


def _items(name):
    from pathlib import Path

    path = Path(__file__).parent / "data" / name
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines(True)]
    return [tuple(row) for row in rows if row[0] and not row[0].startswith("#")]


@pytest.mark.parametrize(("code", "text"), _items("short_news_items.tsv") + _items("short_news_items_heldout.tsv"))
def test_a_one_sentence_news_item_gets_its_language(code, text):
    assert detect(text) == code


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("ru", "Президент России Владимир Путин провёл переговоры с председателем КНР Си Цзиньпином в Москве."),
        (
            "da",
            "Statsministeren mødtes med den vietnamesiske premierminister i København, og de to regeringer "
            "underskrev en aftale om grøn energi og handel. Begge lande vil styrke samarbejdet om klimaet, "
            "uddannelse og forskning i de kommende år, og der blev også talt om havvind og skibsfart.",
        ),
    ],
)
def test_languages_without_a_data_file_are_still_told_by_lingua(code, text):
    assert detect(text) == code
