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


def relative(text, code, doc_date):
    from communique.extract.relative_dates import find_relative_dates

    return [(text[s:e], v) for s, e, v in find_relative_dates(text, code, doc_date)]


@pytest.mark.parametrize(
    ("code", "text", "published", "expected"),
    [
        ("en", "The two ministers met on Thursday in Hanoi.", "2025-03-08", [("Thursday", "2025-03-06")]),
        ("en", "The two ministers met yesterday.", "2025-03-08", [("yesterday", "2025-03-07")]),
        ("en", "They spoke by phone on Saturday.", "2025-03-08", [("Saturday", "2025-03-08")]),  # that very day
        (
            "fr",
            "Le ministre a reçu hier son homologue, mardi dernier.",
            "2025-03-08",
            [("hier", "2025-03-07"), ("mardi", "2025-03-04")],
        ),
        ("de", "Am Montag empfing der Kanzler den Gast.", "2025-03-08", [("Montag", "2025-03-03")]),
        (
            "nl",
            "Gisteren spraken de ministers, zaterdag reisde hij af.",
            "2025-03-08",
            [("Gisteren", "2025-03-07"), ("zaterdag", "2025-03-08")],
        ),
        (
            "es",
            "Ayer se reunieron; este lunes firmaron.",
            "2025-03-08",
            [("Ayer", "2025-03-07"), ("lunes", "2025-03-03")],
        ),
        (
            "id",
            "Kemarin kedua menteri bertemu, pada hari Senin.",
            "2025-03-08",
            [("Kemarin", "2025-03-07"), ("Senin", "2025-03-03")],
        ),
        (
            "ms",
            "Semalam menteri itu bertemu rakan sejawatnya pada Isnin.",
            "2025-03-08",
            [("Semalam", "2025-03-07"), ("Isnin", "2025-03-03")],
        ),
        (
            "pt",
            "O presidente recebeu nesta quarta-feira (5) o colega.",
            "2025-03-08",
            [("quarta-feira (5)", "2025-03-05")],
        ),
        ("it", "Ieri il ministro ha incontrato il collega.", "2025-03-08", [("Ieri", "2025-03-07")]),
        (
            "vi",
            "Sáng nay, hai bên hội đàm; thứ Hai tuần trước là lần thứ hai.",
            "2025-03-08",
            [("Sáng nay", "2025-03-08"), ("thứ Hai", "2025-03-03")],
        ),
    ],
)
def test_relative_dates_resolve_against_publication(code, text, published, expected):
    assert sorted(relative(text, code, published)) == sorted(expected)


def test_a_weekday_with_a_month_level_publication_is_the_month_and_without_publication_nothing():
    assert relative("They met on Thursday.", "en", "2024-01") == [("Thursday", "2024-01")]
    assert relative("They met on Thursday and yesterday.", "en", None) == []


def test_vietnamese_dashed_day_month():
    assert values("Chiều 31-8, Thủ tướng tiếp Đại sứ.", "vi") == ["--08-31"]
    assert values("Tỷ số 2-1 trong trận đấu 2024-2025.", "en") == []


def test_a_month_level_document_date_gives_year_to_day_months():
    assert with_year("--01-12", "2024-01") == "2024-01-12"
    assert with_year("--12-28", "2024-01") == "2023-12-28"


def test_today_in_a_month_level_report_is_the_month_and_weekdays_join_their_part_of_day():
    assert relative("Quella di oggi è stata una giornata densa di incontri.", "it", "2023-06") == [("oggi", "2023-06")]
    assert relative("De koning is dinsdagmorgen aangekomen.", "nl", "2020-03-12") == [("dinsdagmorgen", "2020-03-10")]
    assert relative("Am Montagabend traf der Kanzler ein.", "de", "2025-03-05") == [("Montagabend", "2025-03-03")]


def test_a_range_of_days_dates_no_single_event():
    assert values("Lula visited Vietnam from 27 to 29 March at the invitation of President Luong Cuong.", "en") == []
    assert values("chuyến thăm Việt Nam từ ngày 27-29/3 theo lời mời", "vi") == []
    assert values("an official visit from 12 to 18 July; on 15 July the leaders met", "en") == ["--07-15"]


@pytest.mark.parametrize(
    ("code", "text", "published", "expected"),
    [
        ("ms", "Gambar pertemuan mereka, Februari lalu.", "2023-04-21", [("Februari lalu", "2023-02")]),
        (
            "en",
            "They met last December and again last month.",
            "2023-04-21",
            [("last December", "2022-12"), ("last month", "2023-03")],
        ),
        ("fr", "Ils se sont vus en janvier dernier.", "2023-01", [("janvier dernier", "2022-01")]),
        ("vi", "Hai bên đã gặp vào tháng 3 vừa qua.", "2023-04-21", [("tháng 3 vừa qua", "2023-03")]),
        ("de", "Sie trafen sich im vergangenen Mai.", "2023-04-21", [("vergangenen Mai", "2022-05")]),
        ("es", "Se reunieron en marzo pasado.", "2024-05-02", [("marzo pasado", "2024-03")]),
        ("en", "They met last December.", None, []),
    ],
)
def test_a_month_named_as_past_is_the_latest_such_month_before_publication(code, text, published, expected):
    assert relative(text, code, published) == expected


@pytest.mark.parametrize(
    ("code", "text", "published", "expected"),
    [
        ("en", "Erdogan, who visited Cairo in mid-February, returned.", "2024-09-04", [("in mid-February", "2024-02")]),
        ("en", "They met in November.", "2024-09-04", [("in November", "2023-11")]),
        ("en", "They met in September.", "2024-09", [("in September", "2024-09")]),
        ("fr", "Ils se sont vus en février dernier.", "2023-04-21", [("février dernier", "2023-02")]),
        ("id", "Keduanya bertemu pada bulan Maret.", "2023-04-21", [("pada bulan Maret", "2023-03")]),
        ("de", "Die beiden trafen sich Mitte Januar.", "2023-04-21", [("Mitte Januar", "2023-01")]),
        ("en", "They met in November.", None, []),
    ],
)
def test_a_month_without_its_year_is_the_latest_such_month_up_to_publication(code, text, published, expected):
    assert relative(text, code, published) == expected


def test_a_month_with_its_year_is_read_as_written():
    assert values("They met in February 2024.", "en") == ["2024-02"]
