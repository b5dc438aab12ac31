import re
from pathlib import Path

import pytest

from communique import languages
from communique.languages import AREAS, LanguageDataError, parse_language_file, terms_pattern


@pytest.mark.parametrize("code", languages.available())
def test_every_language_file_loads_with_all_areas(code):
    data = languages.load(code)
    assert data.code == code
    assert set(data.areas) == set(AREAS), f"{code} lacks areas {set(AREAS) - set(data.areas)}"
    assert data.titles and data.meeting.pattern and data.signing.pattern
    assert len(data.months) >= 12  # CLDR month names


def test_at_least_the_required_languages_are_supported():
    assert {"vi", "id", "nl", "en"} <= set(languages.available())


def test_unknown_language_falls_back_to_english_triggers():
    data = languages.load("sw")
    assert data.code == "en"


def test_term_syntax_whole_word_prefix_and_inside_word():
    whole = terms_pattern(["met"])
    assert whole.search("They met today") and not whole.search("the method")
    prefix = terms_pattern(["investasi*"])
    assert prefix.search("investasinya naik")
    inside = terms_pattern(["*landbouw"], whole_words=False)
    assert inside.search("landbouwsamenwerking") and inside.search("hoogtechnologische landbouw")
    exact_area = terms_pattern(["sea$"], whole_words=False)
    assert exact_area.search("the sea lanes") and not exact_area.search("the season")


def test_regex_terms_keep_their_own_case_rules():
    pattern = terms_pattern([r"re:(?-i:tiếp(?= [A-ZĐ]))"])
    assert pattern.search("Thủ tướng tiếp Đại sứ")
    assert not pattern.search("hai bên tiếp tục hợp tác")


def test_malformed_language_file_names_file(tmp_path: Path):
    bad = tmp_path / "xx.toml"
    bad.write_text('code = "xx"\n[areas]\nspace_travel = ["rocket"]\n', encoding="utf-8")
    with pytest.raises(LanguageDataError, match=re.escape(str(bad))):
        parse_language_file(bad)


@pytest.mark.parametrize(
    ("language", "text", "area"),
    [
        ("id", "Pada hari Senin, persahabatan kedua negara tumbuh sekitar lima persen.", "culture_sports"),
        ("nl", "De gesprekken verliepen zeer goed.", "maritime"),
        ("es", "Ambos gobiernos revisaron los gastos del encuentro.", "energy"),
        ("nl", "Ze spraken over kunstmatige intelligentie.", "culture_sports"),
        # the closing formula of nearly every Vietnamese report: no talk of multilateral cooperation
        ("vi", "Hai bên góp phần vào hòa bình, ổn định và phát triển ở khu vực và trên thế giới.", "multilateral"),
    ],
)
def test_short_area_words_do_not_match_the_start_of_other_words(language, text, area):
    assert not languages.load(language).areas[area].search(text)
