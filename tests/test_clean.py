from communique.clean import clean_text, html_to_text
from communique.languages import load


def test_strips_captions_counters_ads_and_player_and_lifts_source_url():
    raw = "\n".join(
        [
            "Menteri A bertemu dengan Menteri B. Foto: Budi Santoso",
            "0:00 / 0:00",
            "• Suara pria",
            "• Suara wanita",
            "Pada tanggal 3 Maret, kedua menteri membahas perdagangan.",
            "[iklan_2]",
            "Gambar 1.jpg",
            "Sumber: https://example.org/berita/123",
            "Komentar (0)",
        ]
    )
    text, url = clean_text(raw, load("id"))
    assert text == "Pada tanggal 3 Maret, kedua menteri membahas perdagangan."
    assert url == "https://example.org/berita/123"


def test_credit_line_takes_its_unpunctuated_caption_with_it():
    raw = "Two leaders shake hands before talks\nPHOTO: AGENCY\nThe talks lasted two hours."
    text, _ = clean_text(raw, load("en"))
    assert text == "The talks lasted two hours."


def test_read_more_list_at_the_end_is_dropped_but_inline_label_is_not_the_end():
    body = [f"Sentence number {i} of the story." for i in range(10)]
    raw = "\n".join(
        body[:2] + ["Read also: another story"] + body[2:] + ["Same category", "Other story A", "Other story B"]
    )
    text, _ = clean_text(raw, load("en"))
    assert "Sentence number 9" in text
    assert "Other story" not in text


def test_furniture_of_another_language_is_recognised():
    # a Dutch translation of a Vietnamese page keeps the Vietnamese image labels
    text, _ = clean_text("Nhật Bản - Ảnh 1.\nDe premiers spraken in Hanoi.", load("nl"))
    assert text == "De premiers spraken in Hanoi."


def test_html_goes_through_trafilatura_with_metadata():
    html = (
        "<html><head><title>Talks in Hanoi</title></head><body><nav>Home | World</nav><article>"
        "<p>On 3 March, the two foreign ministers met in Hanoi and discussed trade and investment.</p>"
        "<p>They agreed to meet again next year in Tokyo to review progress.</p></article></body></html>"
    )
    text, meta = html_to_text(html)
    assert "two foreign ministers met in Hanoi" in text
    assert "Home | World" not in text
    assert meta["title"] == "Talks in Hanoi"


def test_a_whole_article_on_one_line_that_starts_with_a_credit_is_kept():
    from communique.clean import clean_text
    from communique.languages import load

    text = (
        "Photo: AA Click to read more. "
        + "President Erdogan visited Jeddah, where he met Crown Prince Mohammed bin Salman. " * 5
    )
    cleaned, _ = clean_text(text, load("en"))
    assert "Mohammed bin Salman" in cleaned


def test_html_nested_deeper_than_lxml_reads_still_gives_its_text(tmp_path):
    from communique.ingest import ingest
    from communique.store import Store

    sentence = "President Joko Widodo met Prime Minister Anwar Ibrahim in Jakarta on 3 March 2025."
    (tmp_path / "deep.html").write_text(
        "<html><body>" + "<div>" * 400 + f"<p>{sentence}</p>" + "</div>" * 400 + "</body></html>", encoding="utf-8"
    )
    (tmp_path / "empty.html").write_text("<html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    with Store(tmp_path / "db.duckdb") as store:
        report = ingest([tmp_path / "deep.html", tmp_path / "empty.html"], store)
        [text] = [r["text"] for r in store.query("SELECT text FROM documents")]
    assert sentence in text and report.events == 1
    [problem] = report.problems
    assert str(problem).startswith(f"{tmp_path / 'empty.html'}: ") and "no readable text" in str(problem)
