"""The office-holder table: who held which office when, names in local readings, and its use in extraction."""

import pytest
from conftest import Name

from communique.officeholders import OfficeHolders, find_names, fold_keep_offsets, table


def test_every_row_is_well_formed_and_terms_of_one_office_do_not_overlap():
    seen: dict[tuple[str, str], list] = {}
    for terms in table().terms.values():
        for t in terms:
            assert t.end is None or t.start <= t.end, t
            seen.setdefault((t.country, t.office), [])
            if t not in seen[(t.country, t.office)]:
                seen[(t.country, t.office)].append(t)
    offices_with_one_holder = {"head_of_government", "foreign_minister"}
    for (country, office), terms in seen.items():
        if office not in offices_with_one_holder:
            continue
        ordered = sorted(terms, key=lambda t: t.start)
        for a, b in zip(ordered, ordered[1:], strict=False):
            # a term recorded to the month ends on its last day: a handover within that month may overlap
            assert a.end is not None and (a.end - b.start).days <= 31, (country, office, a.name, b.name)


@pytest.mark.parametrize(
    ("name", "when", "expected"),
    [
        ("Tập Cận Bình", "2024-05-01", ("Xi Jinping", "CHN", 1)),  # a Vietnamese reading
        ("Lý Cường", "2024-05-01", ("Li Qiang", "CHN", 2)),
        ("Steinmeier", "2023-02-17", ("Frank-Walter Steinmeier", "DEU", 1)),
        ("Steinmeier", "2015-06-01", ("Frank-Walter Steinmeier", "DEU", 3)),  # then foreign minister
        ("Vladimir Putin", "2010-01-01", ("Vladimir Putin", "RUS", 2)),  # then prime minister
        ("Anwar Ibrahim", "2024-01", ("Anwar Ibrahim", "MYS", 2)),  # month-level date
        ("Najib Razak", "2024-01-01", ("Najib Razak", "MYS", 4)),  # out of office: his state, no office
    ],
)
def test_state_office_and_international_name_at_a_date(name, when, expected):
    holder = table().holder(name, when)
    assert (holder.name, holder.country, holder.rank) == expected


def test_a_name_two_states_share_is_answered_only_where_the_date_tells_them_apart():
    holders = OfficeHolders(
        [
            ("Ana Lopes", "PRT", "foreign_minister", "2010-01-01", "2012-12-31", []),
            ("Ana Lopes", "BRA", "foreign_minister", "2015-01-01", "", []),
        ]
    )
    assert holders.holder("Ana Lopes", "2011-05-01").country == "PRT"
    assert holders.holder("Ana Lopes", "2016-05-01").country == "BRA"
    assert holders.holder("Ana Lopes", None) is None
    assert holders.holder("Ana Lopes", "2014-01-01") is None


def test_names_are_found_without_diacritics_or_hyphens_but_with_case_and_offsets_kept():
    text = "Tổng Bí thư Tô Lâm và Frank Walter Steinmeier; albanese is a word, Albanese a name."
    found = [(text[s:e], key) for s, e, key in find_names(fold_keep_offsets(text))]
    assert found == [
        ("Tô Lâm", "to lam"),
        ("Frank Walter Steinmeier", "frank walter steinmeier"),
        ("Albanese", "albanese"),
    ]


def test_a_given_name_alone_is_never_taken_for_a_principal():
    assert find_names(fold_keep_offsets("Francis and Anwar arrived.")) == []


@pytest.mark.parametrize(
    ("language", "text", "published", "expected"),
    [
        (
            "en",
            "President Joko Widodo met Prime Minister Anwar Ibrahim in Jakarta on 3 March 2023.",
            None,
            [(("IDN", "MYS"), ("Anwar Ibrahim", "Joko Widodo"))],
        ),
        (
            "de",
            "Frank-Walter Steinmeier und Anwar Ibrahim führten am Montag in Kuala Lumpur Gespräche.",
            "2023-02-15",
            [(("DEU", "MYS"), ("Anwar Ibrahim", "Frank-Walter Steinmeier"))],
        ),
        (
            "vi",
            "Chiều 12/12, Tổng Bí thư Tô Lâm hội đàm với Tập Cận Bình tại Hà Nội.",
            "2025-12-13",
            [(("CHN", "VNM"), ("Tô Lâm", "Xi Jinping"))],
        ),
    ],
)
def test_unqualified_office_holders_make_an_event(pipeline, language, text, published, expected):
    doc = pipeline(text, language, **({"published": published} if published else {}))
    assert [(tuple(e.countries), tuple(sorted(map(Name, e.people)))) for e in doc.events] == expected


def test_merging_new_terms_closes_the_open_term_before_and_is_idempotent():
    from communique.officeholders import merge, read_rows

    rows = read_rows("Ana Lopes\tPRT\tforeign_minister\t2020-01-01\t\nRui Costa\tPRT\thead_of_state\t2016-03-09\t\n")
    new = read_rows("name,country,office,start,end,aliases\nJoão Silva,PRT,foreign_minister,2024-04-02,,Joao Silva\n")
    merged = merge(rows, new)
    assert ("Ana Lopes", "PRT", "foreign_minister", "2020-01-01", "2024-04-02", []) in merged
    assert ("João Silva", "PRT", "foreign_minister", "2024-04-02", "", ["Joao Silva"]) in merged
    assert ("Rui Costa", "PRT", "head_of_state", "2016-03-09", "", []) in merged  # another office: untouched
    assert merge(merged, new) == merged


def test_a_malformed_row_is_named_by_its_line():
    from communique.officeholders import read_rows

    with pytest.raises(ValueError, match="line 2"):
        read_rows("Ana Lopes\tPRT\tforeign_minister\t2020-01-01\t\nBad Row\tPRT\tqueen_mother\t2020\t\n")


def test_the_update_script_checks_the_shipped_table():
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "scripts" / "update_officeholders.py"
    result = subprocess.run([sys.executable, str(script), "check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "well formed" in result.stderr


def test_a_report_keeps_its_own_spelling_and_a_local_reading_takes_the_international_form():
    from communique.officeholders import international_name, written_name

    assert written_name("Abdul Fattah Al Sissi", "Abdel Fattah el-Sisi") == "Abdul Fattah Al Sissi"
    assert written_name("To Lam", "Tô Lâm") == "To Lam"
    assert written_name("Tập Cận Bình", "Xi Jinping") == "Xi Jinping"
    assert international_name("Abdul Fattah Al Sissi") == international_name("Abdel Fattah El Sisi")


def test_one_person_under_two_spellings_is_one_principal_and_joins_across_reports(pipeline):
    from communique.people import same_person  # how resolution compares principals

    text = (
        "On 4 September, President Recep Tayyip Erdogan received President Abdul Fattah Al Sissi in Ankara. "
        "Erdogan and Abdel Fattah el-Sisi signed a joint declaration."
    )
    [event] = pipeline(text, "en").events
    assert event.people == ["Recep Tayyip Erdogan", "Abdul Fattah Al Sissi"]
    assert same_person("Mohammed bin Zayed Al Nahyan", "Mohamed bin Zayed Al Nahyan")
