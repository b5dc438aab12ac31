import pytest
from conftest import Name


def events(doc):
    return [(tuple(e.countries), e.date, tuple(sorted(map(Name, e.people))), e.place, e.mode) for e in doc.events]


def test_one_meeting_reported_in_several_paragraphs_is_one_event(pipeline):
    text = (
        "On 3 June, Prime Minister Pham Minh Chinh held talks in Hanoi with Thai Prime Minister Paetongtarn "
        "Shinawatra.\n"
        "During the talks, the two prime ministers agreed to expand trade and tourism.\n"
        "At the meeting, Prime Minister Paetongtarn Shinawatra also proposed cooperation on rice exports with Vietnam."
    )
    doc = pipeline(text, "en", published="2024-06-04")
    assert events(doc) == [
        (("THA", "VNM"), "2024-06-03", ("Paetongtarn Shinawatra", "Pham Minh Chinh"), "Hanoi", "visit")
    ]
    assert {"trade", "tourism_people", "agriculture_fisheries"} <= set(doc.events[0].areas)
    assert [s.sentence for s in doc.events[0].evidence] == [0, 2]


def test_same_leaders_on_two_days_are_two_events(pipeline):
    text = (
        "Pada tanggal 9 Oktober, Presiden Prabowo Subianto bertemu dengan Perdana Menteri Malaysia Anwar Ibrahim.\n"
        "Pada tanggal 11 Oktober, Presiden Prabowo Subianto kembali bertemu dengan Perdana Menteri Malaysia Anwar "
        "Ibrahim di Kuala Lumpur."
    )
    doc = pipeline(text, "id")
    assert [e.date for e in doc.events] == ["--10-09", "--10-11"]
    assert doc.events[1].place == "Kuala Lumpur"


def test_another_pair_of_leaders_the_same_day_is_another_event(pipeline):
    text = (
        "Op 14 april voerde secretaris-generaal To Lam gesprekken met de Chinese president Xi Jinping.\n"
        "Xi Jinping sprak dezelfde dag ook met premier Pham Minh Chinh over investeringen."
    )
    doc = pipeline(text, "nl")
    assert sorted(tuple(sorted(map(Name, e.people))) for e in doc.events) == [
        ("Pham Minh Chinh", "Xi Jinping"),
        ("To Lam", "Xi Jinping"),
    ]
    assert {e.date for e in doc.events} == {"--04-14"}


def test_host_city_country_is_not_a_participant(pipeline):
    text = (
        "Pada tanggal 10 Oktober di ibu kota Pyongyang, Sekretaris Jenderal To Lam bertemu dengan Wakil Ketua "
        "Dewan Keamanan Rusia Dmitry Medvedev."
    )
    doc = pipeline(text, "id", url="https://example.vn/a")
    assert events(doc) == [(("RUS", "VNM"), "--10-10", ("Dmitry Medvedev", "To Lam"), "Pyongyang", "third-party")]


def test_planned_meeting_is_not_an_event(pipeline):
    doc = pipeline("Prime Minister Anthony Albanese will meet Indonesian President Prabowo Subianto next month.", "en")
    assert doc.events == []
    assert not doc.diplomatic


def test_phone_call_has_mode_phone_and_no_place(pipeline):
    text = (
        "On 5 March, Vietnamese Prime Minister Pham Minh Chinh had a phone call with Australian Prime Minister Anthony "
        "Albanese ahead of a summit in Melbourne."
    )
    doc = pipeline(text, "en")
    assert events(doc) == [(("AUS", "VNM"), "--03-05", ("Anthony Albanese", "Pham Minh Chinh"), None, "phone")]


def test_briefing_minister_is_not_a_principal_of_the_visit(pipeline):
    text = (
        "Berbicara setelah kunjungan kenegaraan ke Tiongkok oleh Presiden To Lam, Menteri Luar Negeri Bui Thanh "
        "Son mengatakan kunjungan itu sukses."
    )
    doc = pipeline(text, "id", url="https://example.vn/b")
    assert [(e.countries, list(map(Name, e.people)), e.date) for e in doc.events] == [
        (["CHN", "VNM"], ["To Lam"], None)
    ]


def test_german_and_french_meetings(pipeline):
    de = pipeline(
        "Bundeskanzler Olaf Scholz traf am 13. November in Hanoi den vietnamesischen Premierminister Pham Minh Chinh.",
        "de",
    )
    assert events(de) == [(("DEU", "VNM"), "--11-13", ("Olaf Scholz", "Pham Minh Chinh"), "Hanoi", "visit")]
    fr = pipeline("Le 26 mai, le secrétaire général To Lam a reçu le président français Emmanuel Macron à Hanoï.", "fr")
    assert events(fr) == [(("FRA", "VNM"), "--05-26", ("Emmanuel Macron", "To Lam"), "Hanoi", "visit")]


def test_titles_do_not_count_as_cooperation_areas(pipeline):
    text = (
        "On 2 May, President Luong Cuong met Russian Security Council Secretary Sergei Shoigu and discussed education."
    )
    doc = pipeline(text, "en", url="https://example.vn/c")
    assert doc.events and "defense_security" not in doc.events[0].areas
    assert "education_training" in doc.events[0].areas


@pytest.mark.parametrize(
    ("language", "venue", "discussed"),
    [
        (
            "en",
            "On 26 October, Prime Minister Pham Minh Chinh met Malaysian Prime Minister Anwar Ibrahim on the sidelines "
            "of the 47th ASEAN Summit in Kuala Lumpur. They discussed trade.",
            "On 26 October, Prime Minister Pham Minh Chinh met Malaysian Prime Minister Anwar Ibrahim in Kuala Lumpur. "
            "They agreed to uphold the central role of ASEAN.",
        ),
        (
            "vi",
            "Ngày 26/10, bên lề Hội nghị Cấp cao ASEAN lần thứ 47, Thủ tướng Phạm Minh Chính đã gặp Thủ tướng Malaysia "
            "Anwar Ibrahim. Hai bên thảo luận về thương mại.",
            "Ngày 26/10, Thủ tướng Phạm Minh Chính đã gặp Thủ tướng Malaysia Anwar Ibrahim. Hai bên nhất trí giữ vững "
            "vai trò trung tâm của ASEAN.",
        ),
    ],
)
def test_a_forum_where_leaders_met_is_no_topic_but_a_forum_they_discussed_is(pipeline, language, venue, discussed):
    at = pipeline(venue, language, published="2025-10-27").events
    about = pipeline(discussed, language, published="2025-10-27").events
    assert at and "multilateral" not in at[0].areas
    assert about and "multilateral" in about[0].areas


def test_what_follows_a_meeting_recalled_in_passing_is_about_the_latest_one(pipeline):
    text = (
        "On 4 September, Turkish President Recep Tayyip Erdogan held talks in Ankara with Egyptian President Abdel "
        "Fattah el-Sisi.\nPresident Erdogan had visited President el-Sisi in Cairo in February.\n"
        "The two presidents signed agreements on energy and defence and agreed to raise trade."
    )
    found = {e.date: set(e.areas) for e in pipeline(text, "en", published="2024-09-05").events}
    assert set(found) == {"2024-09-04", "2024-02"}
    assert {"energy", "defense_security", "trade"} <= found["2024-09-04"]
    assert not found["2024-02"] & {"energy", "defense_security", "trade"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "es",
            "El 9 de enero, el presidente Gustavo Petro se reunió con su homólogo de Chile, Gabriel Boric, días "
            "después de que también hablara con el presidente de Venezuela, Nicolás Maduro.",
        ),
        (
            "en",
            "On 9 January, President Gustavo Petro met Chilean President Gabriel Boric, days after he also spoke with "
            "Venezuelan President Nicolás Maduro.",
        ),
    ],
)
def test_a_meeting_told_as_before_or_after_this_one_does_not_take_its_date(pipeline, language, text):
    dates = {e.countries[1] if e.countries[0] == "COL" else e.countries[0]: e.date for e in
             pipeline(text, language, published="2023-01-10").events}  # fmt: skip
    assert dates == {"CHL": "2023-01-09", "VEN": None}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "On 1 August, Foreign Minister Retno Marsudi met Turkish Foreign Minister Mevlut Cavusoglu in Singapore.\n"
            '"We sent our draft to Vietnam on 27 June," Retno said.\n'
            "Retno also held a meeting with Timor-Leste Foreign Minister Aurelio Guterres on the border.",
        ),
        (
            "id",
            "Pada Rabu (1/8), Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Turki Mevlut Cavusoglu.\n"
            '"Indonesia sudah sampaikan draft ke Vietnam per 27 Juni," kata Retno.\n'
            "Retno juga bertemu dengan Menteri Luar Negeri Timor Leste Aurelio Guterres.",
        ),
    ],
)
def test_a_date_in_direct_speech_does_not_date_the_meetings_told_after_it(pipeline, language, text):
    dates = {e.countries[1] if e.countries[0] == "IDN" else e.countries[0]: e.date for e in
             pipeline(text, language, published="2018-08-02").events}  # fmt: skip
    assert dates == {"TUR": "2018-08-01", "TLS": "2018-08-01"}


def test_malay_lists_counterparts_with_serta(pipeline):
    text = (
        "Pada Isnin, Menteri Luar Mohamad Hasan mengadakan pertemuan dua hala dengan Menteri Luar Laos Saleumxay "
        "Kommasith serta Menteri Luar Vietnam Bui Thanh Son di Luang Prabang."
    )
    found = sorted(tuple(e.countries) for e in pipeline(text, "ms", published="2024-01-30").events)
    assert found == [("LAO", "MYS"), ("MYS", "VNM")]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "The ambassador said in a statement on Tuesday, 12 November 2024, that the meeting between President "
            "Prabowo Subianto and Chinese President Xi Jinping was productive.\n"
            "Prabowo arrived in Beijing on 8 November 2024.\n"
            "On 9 November, President Prabowo Subianto held talks with President Xi Jinping in Beijing.",
        ),
        (
            "id",
            "Duta Besar RI dalam keterangan tertulis pada Selasa, 12 November 2024 mengatakan bahwa pertemuan antara "
            "Presiden Prabowo Subianto dan Presiden Tiongkok Xi Jinping berlangsung produktif.\n"
            "Pada tanggal 9 November, Presiden Prabowo Subianto bertemu Presiden Xi Jinping di Beijing.",
        ),
    ],
)
def test_the_date_of_a_statement_about_a_meeting_is_not_the_meetings(pipeline, language, text):
    assert [e.date for e in pipeline(text, language, published="2024-11-12").events] == ["2024-11-09"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "vi",
            "Tổng thống Putin điện đàm với Tổng Bí thư Tô Lâm 25/01/2026 07:18\n"
            "Tối 24-1, Tổng thống Liên bang Nga Vladimir Putin đã điện đàm với Tổng Bí thư Tô Lâm.",
        ),
        (
            "en",
            "President Putin holds phone talks with General Secretary To Lam 25/01/2026 07:18\n"
            "On the evening of 24 January, Russian President Vladimir Putin held phone talks with General Secretary "
            "To Lam.",
        ),
    ],
)
def test_a_pages_timestamp_glued_to_its_headline_dates_no_meeting(pipeline, language, text):
    assert [e.date for e in pipeline(text, language, published="2026-01-25").events] == ["2026-01-24"]


def test_spanish_is_a_data_file_away(pipeline):
    doc = pipeline(
        "El 26 de mayo, el secretario general vietnamita To Lam recibió en Hanói al presidente francés Emmanuel "
        "Macron. Ambos dirigentes firmaron el Acuerdo sobre cooperación en energía nuclear civil y acordaron "
        "elevar el comercio bilateral a 10.000 millones de euros para 2030.",
        "es",
    )
    assert events(doc) == [(("FRA", "VNM"), "--05-26", ("Emmanuel Macron", "To Lam"), "Hanoi", "visit")]
    assert "energy" in doc.events[0].areas
    assert [a.title for a in doc.agreements] == ["Acuerdo sobre cooperación en energía nuclear civil"]
    assert [(t.value, t.unit, t.year) for t in doc.targets] == [(10e9, "EUR", 2030)]


@pytest.mark.parametrize(
    ("language", "text", "date"),
    [
        (
            "fr",
            "Hanoï, 20 mars (VNA) – Le Premier ministre vietnamien Pham Minh Chinh a reçu mercredi 19 mars à Hanoï le "
            "ministre japonais des Affaires étrangères Iwaya Takeshi.",
            "--03-19",
        ),
        (
            "en",
            "Hanoi, March 20 (VNA) - Prime Minister Pham Minh Chinh received Japanese Foreign Minister Iwaya "
            "Takeshi in Hanoi on March 19.",
            "--03-19",
        ),
    ],
)
def test_a_dateline_in_the_lead_sentence_gives_way_to_the_date_of_the_meeting(pipeline, language, text, date):
    doc = pipeline(text, language)
    assert [e.date for e in doc.events] == [date]


def test_a_phone_call_in_vietnamese_is_not_about_energy(pipeline):
    # "điện" is electricity, but also the first syllable of "điện đàm" (phone talks) and "điện tử" (electronic)
    text = (
        "Sáng 12/6, Chủ tịch Quốc hội Trần Thanh Mẫn đã điện đàm với Chủ tịch Hạ viện Nga Vyacheslav Volodin về "
        "thương mại điện tử."
    )
    doc = pipeline(text, "vi")
    [event] = doc.events
    assert event.mode == "phone" and event.countries == ["RUS", "VNM"]
    assert set(event.people) == {"Trần Thanh Mẫn", "Vyacheslav Volodin"}
    assert "energy" not in event.areas


def test_vietnamese_foreign_minister_title_and_local_time_is_no_local_cooperation(pipeline):
    doc = pipeline(
        "Tối 25/9 (giờ địa phương), Phó Thủ tướng, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã hội đàm trực tuyến với Ngoại "
        "trưởng Australia Penny Wong.",
        "vi",
    )
    [event] = doc.events
    assert event.countries == ["AUS", "VNM"] and set(event.people) == {"Bùi Thanh Sơn", "Penny Wong"}
    assert "tourism_people" not in event.areas


SEPARATE_MEETINGS = """Kuala Lumpur, October 26 (VNA) - Prime Minister Pham Minh Chinh had separate meetings with \
Cambodian Prime Minister Hun Manet and Lao Prime Minister Sonexay Siphandone on the sidelines of the ASEAN Summit.

At the meeting with Hun Manet, the two leaders agreed to raise bilateral trade to 20 billion USD.

Meeting Sonexay Siphandone, Prime Minister Chinh proposed closer cooperation in energy.
"""


def test_separate_meetings_with_several_partners_are_one_event_each_with_their_own_paragraphs(pipeline):
    doc = pipeline(SEPARATE_MEETINGS, "en")
    assert [(e.countries, list(map(Name, e.people)), e.date) for e in doc.events] == [
        (["KHM", "VNM"], ["Pham Minh Chinh", "Hun Manet"], "--10-26"),
        (["LAO", "VNM"], ["Pham Minh Chinh", "Sonexay Siphandone"], "--10-26"),
    ]
    cambodia, laos = doc.events
    assert "trade" in cambodia.areas and "trade" not in laos.areas
    assert "energy" in laos.areas and "energy" not in cambodia.areas
    assert [(t.countries, t.value) for t in doc.targets] == [(["KHM", "VNM"], 20e9)]


def test_separate_receptions_in_vietnamese(pipeline):
    text = (
        "Chiều 3/12, tại Hà Nội, Chủ tịch nước Lương Cường lần lượt tiếp Đại sứ Nhật Bản Ito Naoki và Đại sứ "
        "Hàn Quốc Choi Young Sam."
    )
    doc = pipeline(text, "vi")
    assert sorted(tuple(e.countries) for e in doc.events) == [("JPN", "VNM"), ("KOR", "VNM")]


def test_a_summit_of_three_states_together_stays_one_event(pipeline):
    doc = pipeline(
        "On 5 May, Vietnamese Prime Minister Pham Minh Chinh, Cambodian Prime Minister Hun Manet and Lao Prime "
        "Minister Sonexay Siphandone held a trilateral meeting in Vientiane.",
        "en",
    )
    assert [e.countries for e in doc.events] == [["KHM", "LAO", "VNM"]]


@pytest.mark.parametrize(
    ("language", "text", "published", "expected"),
    [
        (
            "pt",
            "O presidente brasileiro Luiz Inácio Lula da Silva reuniu-se nesta quarta-feira (5) em Lisboa com o "
            "primeiro-ministro português Luís Montenegro.",
            "2025-03-07",
            [(("BRA", "PRT"), "2025-03-05", ("Luís Montenegro", "Luiz Inácio Lula da Silva"), "Lisbon", "visit")],
        ),
        (
            "it",
            "Ieri a Roma la presidente del Consiglio Giorgia Meloni ha incontrato il presidente argentino "
            "Javier Milei.",
            "2025-03-07",
            [(("ARG", "ITA"), "2025-03-06", ("Giorgia Meloni", "Javier Milei"), "Rome", "visit")],
        ),
        (
            "ms",
            "Perdana Menteri Datuk Seri Anwar Ibrahim mengadakan pertemuan dua hala dengan Presiden Indonesia Prabowo "
            "Subianto di Jakarta pada Isnin.",
            "2025-03-07",
            [(("IDN", "MYS"), "2025-03-03", ("Anwar Ibrahim", "Prabowo Subianto"), "Jakarta", "visit")],
        ),
    ],
)
def test_portuguese_italian_and_malay_have_data_files(pipeline, language, text, published, expected):
    assert events(pipeline(text, language, published=published)) == expected


def test_an_encounter_told_without_a_date_takes_the_date_the_text_gave_before_it(pipeline):
    text = (
        "During the visit to Beijing on 15 July, H.E. Xi Jinping, President of China, met with Australian Prime "
        "Minister Anthony Albanese. H.E. Zhao Leji, Chairman of the National People's Congress, also met with Prime "
        "Minister Albanese."
    )
    doc = pipeline(text, "en")
    assert [(e.date, tuple(sorted(map(Name, e.people)))) for e in doc.events] == [
        ("--07-15", ("Anthony Albanese", "Xi Jinping")),
        ("--07-15", ("Anthony Albanese", "Zhao Leji")),
    ]


def test_a_date_later_in_the_text_never_dates_an_earlier_encounter(pipeline):
    text = (
        "Prime Minister Anthony Albanese met President Xi Jinping of China.\n\n"
        "On 20 July, the Australian Prime Minister returned to Canberra."
    )
    assert [e.date for e in pipeline(text, "en").events] == [None]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "Presidents Luiz Inácio Lula da Silva of Brazil and Claudia Sheinbaum of Mexico discussed on Thursday in "
            "a telephone conversation how to answer the tariffs announced by Donald Trump.",
            [("BRA", "MEX")],
        ),
        (
            "es",
            "El presidente Gabriel Boric recibió a su homólogo de Brasil, Luiz Inácio Lula da Silva, en el Palacio de "
            "La Moneda, y luego habló de la situación en Venezuela bajo el gobierno de Nicolás Maduro.",
            [("BRA", "CHL")],
        ),
        (
            "en",
            "Prime Minister Anthony Albanese met President Emmanuel Macron and Chancellor Olaf Scholz in Paris.",
            [("AUS", "FRA"), ("AUS", "DEU")],  # met A and B: one encounter each
        ),
    ],
)
def test_a_leader_named_later_in_a_meeting_sentence_is_its_topic_not_a_participant(pipeline, language, text, expected):
    assert [tuple(e.countries) for e in pipeline(text, language, published="2025-01-24").events] == expected


def test_met_a_and_b_with_different_offices_is_one_encounter_each(pipeline):
    text = "On 15 July, Prime Minister Anthony Albanese met President Xi Jinping and Premier Li Qiang in Beijing."
    assert sorted(events(pipeline(text, "en"))) == [
        (("AUS", "CHN"), "--07-15", ("Anthony Albanese", "Li Qiang"), "Beijing", "visit"),
        (("AUS", "CHN"), "--07-15", ("Anthony Albanese", "Xi Jinping"), "Beijing", "visit"),
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "Prime Minister Anthony Albanese arrived in Jakarta on 3 March. He held talks with President Prabowo "
            "Subianto on the same day.",
            [(("AUS", "IDN"), ("Anthony Albanese", "Prabowo Subianto"))],
        ),
        (
            "it",
            "La presidente del Consiglio Giorgia Meloni lavora a Roma. Una telefonata con il cancelliere tedesco Olaf "
            "Scholz, un'altra con il presidente ucraino Volodymyr Zelensky.",
            [
                (("DEU", "ITA"), ("Giorgia Meloni", "Olaf Scholz")),
                (("ITA", "UKR"), ("Giorgia Meloni", "Volodymyr Zelensky")),
            ],
        ),
    ],
)
def test_a_meeting_sentence_without_a_subject_is_the_last_subjects_or_the_protagonists(
    pipeline, language, text, expected
):
    doc = pipeline(text, language, published="2025-03-04")
    assert [(tuple(e.countries), tuple(sorted(map(Name, e.people)))) for e in doc.events] == expected


def test_titles_with_of_the_and_an_office_name(pipeline):
    doc = pipeline(
        "The President met the Chancellor of the Federal Republic of Germany, Jonas Weber, and the Chairman of "
        "the National People's Congress, Wu Ming.",
        "en",
    )
    assert [(p.name, p.country) for p in doc.people] == [("Jonas Weber", "DEU"), ("Wu Ming", None)]


def test_a_visitor_received_by_several_hosts_meets_each(pipeline):
    text = (
        "Chairman of the National People's Congress Zhao Leji began an official visit to Vietnam on 30 August. "
        "Zhao was received by General Secretary To Lam and State President Luong Cuong, and had a meeting with "
        "Prime Minister Pham Minh Chinh."
    )
    doc = pipeline(text, "en", published="2025-09-01")
    assert sorted(tuple(sorted(map(Name, e.people))) for e in doc.events) == [
        ("Lương Cường", "Zhao Leji"),
        ("Phạm Minh Chính", "Zhao Leji"),
        ("Tô Lâm", "Zhao Leji"),
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "During his visit to Japan, Prime Minister Narendra Modi will hold talks with Prime Minister Shinzo Abe.",
        ),
        (
            "en",
            "Prime Minister Narendra Modi will be travelling to Japan later this month in his first visit to Tokyo.",
        ),
        ("en", "President Prabowo Subianto refused to meet Prime Minister Anthony Albanese in Jakarta."),
        ("vi", "Thủ tướng Phạm Minh Chính sẽ hội đàm với Thủ tướng Nhật Bản Ishiba Shigeru tại Tokyo."),
        ("id", "Presiden Prabowo Subianto akan bertemu Perdana Menteri Malaysia Anwar Ibrahim di Jakarta."),
        ("nl", "Premier Dick Schoof zal de Duitse bondskanselier Friedrich Merz ontmoeten in Berlijn."),
        ("es", "El presidente Gabriel Boric se reunirá con el presidente brasileño Lula en Santiago."),
        ("pt", "O presidente Lula vai visitar o Vietnã e se reunirá com o primeiro-ministro Pham Minh Chinh."),
        ("ms", "Perdana Menteri Anwar Ibrahim dijangka bertemu Presiden Indonesia Prabowo Subianto."),
        ("de", "Bundeskanzler Friedrich Merz wird den französischen Präsidenten Emmanuel Macron in Paris treffen."),
    ],
)
def test_planned_proposed_and_refused_meetings_are_no_encounters(pipeline, language, text):
    assert pipeline(text, language, published="2025-03-03").events == []


def test_the_sender_of_greetings_takes_no_part(pipeline):
    text = (
        "Chiều 1/9, tại Thiên Tân, Thủ tướng Phạm Minh Chính đã gặp Tổng thống Nga Vladimir Putin. Tại cuộc gặp, "
        "Thủ tướng gửi lời chào của Tổng Bí thư Tô Lâm và Chủ tịch nước Lương Cường đến Tổng thống Putin."
    )
    doc = pipeline(text, "vi", published="2025-09-02")
    assert [tuple(sorted(map(Name, e.people))) for e in doc.events] == [("Phạm Minh Chính", "Vladimir Putin")]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "On 2 September, Chinese Premier Li Qiang visited Hanoi, laid a wreath and paid tribute to President "
            "Ho Chi Minh at his mausoleum, and held talks with Prime Minister Pham Minh Chinh.",
            [("Li Qiang", "Pham Minh Chinh")],
        ),
        (
            "fr",
            "Le 4 mars, le président Emmanuel Macron a rendu hommage au président Ho Chi Minh, puis a rencontré le "
            "Premier ministre Pham Minh Chinh à Hanoï.",
            [("Emmanuel Macron", "Pham Minh Chinh")],
        ),
        (
            "vi",
            "Sáng 5/6, Tổng thống Hàn Quốc Lee Jae-myung đã đặt vòng hoa và vào Lăng viếng Chủ tịch Hồ Chí Minh, sau "
            "đó hội đàm với Chủ tịch nước Lương Cường tại Hà Nội.",
            [("Lee Jae-myung", "Lương Cường")],
        ),
    ],
)
def test_a_leader_honoured_at_a_memorial_takes_no_part(pipeline, language, text, expected):
    found = [tuple(sorted(map(Name, e.people))) for e in pipeline(text, language, published="2025-09-03").events]
    assert found == [tuple(sorted(map(Name, pair))) for pair in expected]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "On 21 June in Rome, President Luiz Inácio Lula da Silva met former Prime Minister Massimo D'Alema and "
            "President Sergio Mattarella.",
            [("Luiz Inácio Lula da Silva", "Sergio Mattarella")],
        ),
        (
            "pt",
            "Em 21 de junho, em Roma, o presidente Luiz Inácio Lula da Silva se encontrou com o ex-primeiro-ministro "
            "Massimo D'Alema e com o presidente Sergio Mattarella.",
            [("Luiz Inácio Lula da Silva", "Sergio Mattarella")],
        ),
        (
            "vi",
            "Ngày 3/4, tại Hà Nội, Chủ tịch nước Lương Cường đã tiếp cựu Thủ tướng Nhật Bản Kishida Fumio.",
            [],
        ),
    ],
)
def test_a_former_office_holder_is_no_side_of_an_encounter(pipeline, language, text, expected):
    found = [tuple(sorted(map(Name, e.people))) for e in pipeline(text, language, published="2025-06-22").events]
    assert found == [tuple(sorted(map(Name, pair))) for pair in expected]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "pt",
            "Em 21 de junho, em Roma, antes de Meloni, o presidente Luiz Inácio Lula da Silva se encontrou com o "
            "presidente Sergio Mattarella e com o papa Francisco.",
        ),
        (
            "en",
            "On 21 June in Rome, after Meloni, President Luiz Inácio Lula da Silva met President Sergio Mattarella and "
            "Pope Francis.",
        ),
        (
            "es",
            "El 21 de junio en Roma, antes de Meloni, el presidente Luiz Inácio Lula da Silva se reunió con el "
            "presidente Sergio Mattarella y con el papa Francisco.",
        ),
    ],
)
def test_one_met_at_another_moment_is_no_side_of_this_meeting(pipeline, language, text):
    doc = pipeline(text, language, published="2025-06-22")
    found = sorted(tuple(sorted(map(Name, e.people))) for e in doc.events)
    lula = "Luiz Inácio Lula da Silva"
    assert found == sorted(
        [tuple(sorted(map(Name, (lula, "Sergio Mattarella")))), tuple(sorted(map(Name, (lula, "Francis"))))]
    )


def test_an_organisation_after_a_title_is_no_person(pipeline):
    doc = pipeline("Menteri Luar Asean bersidang di Kuala Lumpur pada Isnin.", "ms")
    assert doc.people == []


def test_place_from_the_dateline_and_mode_from_a_summit_in_the_lead(pipeline):
    text = (
        "JOHANNESBURG — Leaders met on the sidelines of the G20 Summit in Johannesburg on Sunday.\n\n"
        "Prime Minister Anwar Ibrahim held talks with Prime Minister Anthony Albanese on trade and education."
    )
    doc = pipeline(text, "en", published="2025-10-26")
    [event] = doc.events
    assert (event.countries, event.place, event.mode) == (["AUS", "MYS"], "Johannesburg", "multilateral")
    assert "multilateral" not in event.areas  # the summit is where they met, not what they discussed
    assert {"trade", "education_training"} <= set(event.areas)


def test_importance_is_not_about_imports_and_a_conflict_is_politics(pipeline):
    text = (
        "On 3 March, President Joko Widodo met Prime Minister Anwar Ibrahim in Jakarta. They stressed the "
        "importance of a ceasefire in the region."
    )
    [event] = pipeline(text, "en").events
    assert event.areas == ["politics_diplomacy"]


def test_portuguese_participles_and_head_of_state_title(pipeline):
    text = (
        "Luís Montenegro falava após ter recebido em Lisboa o Presidente de Moçambique, Daniel Chapo, que antes já "
        "tinha estado com o chefe de Estado português, Marcelo Rebelo de Sousa."
    )
    doc = pipeline(text, "pt", published="2025-07-20")
    assert [e.countries for e in doc.events] == [["MOZ", "PRT"]]
    assert "Daniel Chapo" in doc.events[0].people


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "fr",
            "M. Macron s’est entretenu samedi avec son homologue serbe Aleksandar Vucic au palais de l’Élysée.",
            (("FRA", "SRB"), "Paris"),
        ),
        (
            "fr",
            "Le président sénégalais Bassirou Diomaye Faye a été accueilli ce matin à l’Élysée par le président "
            "français Emmanuel Macron pour un petit-déjeuner de travail.",
            (("FRA", "SEN"), "Paris"),
        ),
    ],
)
def test_typographic_apostrophes_welcomes_and_seats_of_government(pipeline, language, text, expected):
    [event] = pipeline(text, language, published="2025-08-27").events
    assert (tuple(event.countries), event.place) == expected


def test_a_plural_meeting_word_with_a_list_of_counterparts(pipeline):
    text = (
        "President Mohamed bin Zayed Al Nahyan met heads of delegations at the conference in Dubai. During these "
        "meetings with the President of the French Republic, Emmanuel Macron, and the Prime Minister of India, "
        "Narendra Modi, he discussed climate action."
    )
    doc = pipeline(text, "en", published="2023-12-01")
    assert sorted(tuple(e.countries) for e in doc.events) == [("ARE", "FRA"), ("ARE", "IND")]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "nl",
            "Minister Bert Koenders heeft donderdag kennisgemaakt met zijn Amerikaanse ambtgenoot Rex Tillerson.",
            [("NLD", "USA")],
        ),
        ("nl", "Premier Dick Schoof gaat dinsdag naar Berlijn voor overleg met bondskanselier Friedrich Merz.", []),
        ("en", "Prime Minister Dick Schoof has never visited Chancellor Olaf Scholz in Berlin.", []),
    ],
)
def test_dutch_acquaintance_future_with_gaan_and_never(pipeline, language, text, expected):
    assert [tuple(e.countries) for e in pipeline(text, language, published="2025-06-10").events] == expected


def test_a_visits_destination_is_no_third_side_when_two_sides_are_named(pipeline):
    text = (
        "On 12 July, during his visit to Lithuania for the NATO summit, Prime Minister Kishida Fumio held talks "
        "with President Yoon Suk Yeol."
    )
    assert [e.countries for e in pipeline(text, "en").events] == [["JPN", "KOR"]]


def test_the_same_day_is_the_last_day_told_not_a_month_recalled_in_between(pipeline):
    text = (
        "On 1 September, Prime Minister Pham Minh Chinh met Russian President Vladimir Putin in Tianjin.\n"
        "Both sides praised their ties, especially after General Secretary To Lam's visit to Russia last May.\n"
        "The same day, Prime Minister Pham Minh Chinh met Lao President Thongloun Sisoulith."
    )
    doc = pipeline(text, "en", published="2025-09-02")
    dated = {tuple(e.countries): e.date for e in doc.events}
    assert dated[("LAO", "VNM")] == "2025-09-01"


def test_an_adverb_between_auxiliary_and_participle_keeps_the_meeting(pipeline):
    text = (
        "Le président Emmanuel Macron s'est entretenu samedi avec le président algérien Abdelmadjid Tebboune. "
        "M. Macron s'est par ailleurs longuement entretenu avec son homologue serbe Aleksandar Vucic."
    )
    doc = pipeline(text, "fr", published="2020-12-19")
    assert sorted(tuple(e.countries) for e in doc.events) == [("DZA", "FRA"), ("FRA", "SRB")]


def test_a_foreign_name_keeps_its_particles_in_every_language(pipeline):
    text = "Chủ tịch nước Lương Cường đón Tổng thống Brazil Luiz Inácio Lula da Silva tại Hà Nội."
    names = {p.name for p in pipeline(text, "vi", published="2025-03-28").people}
    assert "Luiz Inácio Lula da Silva" in names


def test_an_unnamed_leader_of_a_named_state_is_the_reports_principal_of_that_state(pipeline):
    # "Brasil" is the state's own spelling, quoted in a Vietnamese report; the president is named once.
    text = (
        "Tổng thống Brazil Luiz Inácio Lula da Silva thăm Việt Nam theo lời mời của Chủ tịch nước Lương Cường.\n"
        "Trong khuôn khổ chuyến thăm, Tổng thống Brasil đã có cuộc hội đàm với Chủ tịch nước Lương Cường, hội kiến "
        "với Tổng Bí thư Tô Lâm và Thủ tướng Phạm Minh Chính.\n"
        "Hai bên nhất trí tăng cường hợp tác thương mại và đầu tư."
    )
    doc = pipeline(text, "vi", published="2025-03-29")
    met = {p for e in doc.events for p in map(Name, e.people)}
    assert {Name("Tô Lâm"), Name("Phạm Minh Chính"), Name("Lương Cường")} <= met
    assert all(e.countries == ["BRA", "VNM"] for e in doc.events)
    # what follows a sentence of several encounters is about the first it names: the talks
    with_areas = [e.people for e in doc.events if "trade" in e.areas]
    assert len(with_areas) == 1 and Name("Lương Cường") in map(Name, with_areas[0])


def test_one_named_after_with_is_a_counterpart_even_before_the_meeting_word(pipeline):
    text = (
        "Il presidente brasiliano Luiz Inacio Lula da Silva è arrivato a Roma.\n"
        "L'abbraccio con Papa Francesco, poi l'incontro con la premier Giorgia Meloni a Palazzo Chigi."
    )
    doc = pipeline(text, "it", published="2023-06-21")
    assert sorted(tuple(e.countries) for e in doc.events) == [("BRA", "ITA"), ("BRA", "VAT")]


def test_a_ministers_tour_the_table_knows_whose_minister_and_the_meetings_told_without_subject(pipeline):
    text = (
        "Menteri Luar Negeri Retno Marsudi tiba di Singapura pada Rabu (1/8).\n"
        "Pertemuan pertama yang dilakukan yakni dengan Menteri Luar Negeri Turki Mevlut Cavusoglu.\n"
        "Setelah pertemuan dengan Menlu Turki, Retno melanjutkan pertemuan dengan Menlu Vietnam, Pham Binh Minh.\n"
        "Retno mengatakan pertemuannya dengan Pham Binh Minh membahas kerja sama ekonomi."
    )
    doc = pipeline(text, "id", published="2018-08-02")
    assert {p.country for p in doc.people if p.name.startswith("Retno")} == {"IDN"}
    assert sorted(tuple(e.countries) for e in doc.events) == [("IDN", "TUR"), ("IDN", "VNM")]


@pytest.mark.parametrize(
    ("url", "text", "expected"),
    [
        (
            "https://www.gov.uk/government/news/pm-meeting",
            "The Prime Minister met the Prime Minister of Australia Anthony Albanese at the G20 Summit in Brazil "
            "today. They discussed the United Kingdom and Australia's climate partnership.",
            ("AUS", "GBR"),
        ),
        (
            None,
            "Iran's foreign minister met with Saudi Arabia's Crown Prince Mohammed bin Salman in Jeddah on Friday.",
            ("IRN", "SAU"),
        ),
    ],
)
def test_an_unnamed_office_opening_the_sentence_is_its_states_or_the_outlets(pipeline, url, text, expected):
    doc = pipeline(text, "en", published="2024-11-18", url=url)
    assert [tuple(e.countries) for e in doc.events] == [expected]


def test_a_vietnamese_farewell_call_dotted_date_honorific_and_glued_credit(pipeline):
    text = (
        "Chiều 10.1, Chủ tịch nước Võ Văn Thưởng tiếp bà Tredene Dobson, Đại sứ New Zealand, đến chào từ biệt.\n"
        "Chủ tịch nước Võ Văn Thưởng tiếp Đại sứ Peru Augusto Morelli TTXVN"
    )
    doc = pipeline(text, "vi", published="2024-01")
    found = {(tuple(e.countries), e.date, e.mode) for e in doc.events}
    assert (("NZL", "VNM"), "2024-01-10", "visit") in found  # "tiếp" (received): the other side came
    assert any(p.name == "Augusto Morelli" for p in doc.people)


def test_the_two_leaders_are_the_pair_the_report_named(pipeline):
    text = (
        "Narendra Modi a été reçu par Emmanuel Macron à l'Elysée en mai 2022.\n"
        "Les deux dirigeants se sont entretenus en février dernier par visioconférence."
    )
    doc = pipeline(text, "fr", published="2023-05-05")
    assert sorted((tuple(e.countries), e.date, e.mode) for e in doc.events) == [
        (("FRA", "IND"), "2022-05", "visit"),
        (("FRA", "IND"), "2023-02", "phone"),
    ]


def test_a_sentence_listing_many_meetings_gives_none_of_them_its_topics(pipeline):
    text = (
        "On 5 July, President Luiz Inacio Lula da Silva held bilateral meetings with Ethiopian Prime Minister "
        "Abiy Ahmed, Vietnamese Prime Minister Pham Minh Chinh and Nigerian President Bola Tinubu on trade, "
        "defence and climate.\n"
        "With Pham Minh Chinh, Lula discussed rice exports."
    )
    doc = pipeline(text, "en", published="2025-07-06")
    areas = {tuple(e.countries): set(e.areas) for e in doc.events}
    assert len(areas) == 3
    assert not areas[("BRA", "NGA")] & {"trade", "defense_security", "environment_climate"}
