import pytest

from communique.extract.dates import find_dates, with_year
from communique.languages import load


def values(text, code):
    return [v for _, _, v in find_dates(text, load(code))]


def test_day_month_without_year_stays_yearless():
    assert values("Pada tanggal 26 Mei, kedua pemimpin bertemu.", "id") == ["--05-26"]
    assert values("Trưa 11/8, hai bên hội đàm.", "vi") == ["--08-11"]
    assert values("Op 28 april voerden zij gesprekken.", "nl") == ["--04-28"]
    assert values("On March 5 the ministers spoke.", "en") == ["--03-05"]


def test_full_and_month_level_dates():
    assert values("Báo Tuổi Trẻ28/04/2025", "vi") == ["2025-04-28"]
    assert values("nâng cấp quan hệ tháng 12/2022", "vi") == ["2022-12"]
    assert values("am 13. November 2022 in Hanoi", "de") == ["2022-11-13"]
    assert values("le 26 mai 2025 à Hanoï", "fr") == ["2025-05-26"]


def test_numbers_that_are_not_dates():
    assert values("The growth was 2.5 percent and 31/13 is no date.", "en") == []


def test_year_comes_from_the_document_date_and_never_from_today():
    assert with_year("--04-28", "2025-04-28") == "2025-04-28"
    assert with_year("--12-30", "2025-01-03") == "2024-12-30"  # last December, seen from January
    assert with_year("--04-28", None) == "--04-28"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "HANOI, Oct. 2 (Xinhua) -- The two ministers met on Oct. 1.", [("--10-02", True), ("--10-01", False)]),
        ("fr", "Paris, 5 juin – Le ministre a reçu son homologue le 4 juin.", [("--06-05", True), ("--06-04", False)]),
        ("de", "Berlin, 14. Oktober 2025: Der Kanzler empfing den Gast.", [("2025-10-14", True)]),
        ("en", "On 2 October, Hanoi and Canberra signed the plan.", [("--10-02", False)]),
        ("en", "The leaders met in Hanoi, 2 October, before the summit.", [("--10-02", False)]),
    ],
)
def test_a_dateline_is_told_apart_from_the_dates_of_the_story(pipeline, language, text, expected):
    doc = pipeline(text, language)
    assert [(d.value, d.dateline) for d in doc.dates if not d.same_day] == expected
