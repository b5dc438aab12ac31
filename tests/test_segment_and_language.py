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
