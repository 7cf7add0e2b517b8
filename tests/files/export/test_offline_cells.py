"""The cell formats of a Notion CSV export, one value at a time."""

from __future__ import annotations

from datetime import date

import pytest

from worker.files.export.cells import (
    Link,
    format_checkbox,
    format_date,
    format_number,
    page_id_from_link,
    parse_checkbox,
    parse_date,
    parse_number,
    split_multi_select,
    split_relation,
)
from worker.files.export.ids import synthetic_page_id

HEX = "1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6"
DASHED = "1a2b3c4d-5e6f-47a8-b9c0-d1e2f3a4b5c6"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 26, 2026", date(2026, 11, 26)),
        ("November 26, 2026 3:04 PM", date(2026, 11, 26)),
        ("November 26, 2026 11:59 PM (GMT+1)", date(2026, 11, 26)),
        ("Nov 3, 2026", date(2026, 11, 3)),
        ("Sept 3, 2026", date(2026, 9, 3)),
        ("2026-11-26", date(2026, 11, 26)),
        ("2026-11-26T15:04:00.000+01:00", date(2026, 11, 26)),
        ("2026/11/26", date(2026, 11, 26)),
        ("11/26/2026", date(2026, 11, 26)),
        ("26/11/2026", date(2026, 11, 26)),
        ("26 November 2026", date(2026, 11, 26)),
        ("November 26, 2026 → November 30, 2026", date(2026, 11, 26)),
        ("  November 26, 2026  ", date(2026, 11, 26)),
        ("", None),
        ("   ", None),
    ],
)
def test_a_date_cell_in_any_notion_format_reads_as_its_start_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "Smarch 3, 2026", "2026-02-30", "3 weeks ago"])
def test_a_cell_that_is_not_a_date_is_an_error(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_a_date_is_written_the_way_notion_exports_it():
    assert format_date(date(2026, 11, 6)) == "November 6, 2026"
    assert format_date(None) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Yes", True), ("No", False), ("", False), ("yes", True), ("TRUE", True), ("false", False)],
)
def test_a_checkbox_reads_yes_and_no(text, expected):
    assert parse_checkbox(text) is expected


def test_a_checkbox_with_another_word_is_an_error():
    with pytest.raises(ValueError):
        parse_checkbox("Maybe")


def test_a_checkbox_is_written_as_yes_or_no():
    assert (format_checkbox(True), format_checkbox(False)) == ("Yes", "No")


def test_a_multi_select_splits_at_commas_and_drops_blanks():
    assert split_multi_select("Rust, Climbing,  Design systems ,") == (
        "Rust", "Climbing", "Design systems",
    )
    assert split_multi_select("") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("70", 70.0), ("72.5", 72.5), ("", None), (" 1,000 ", 1000.0)],
)
def test_a_number_cell_reads_as_a_float(text, expected):
    assert parse_number(text) == expected


def test_a_whole_number_is_written_without_a_decimal_point():
    assert [format_number(value) for value in (70.0, 72.5, None, 0)] == ["70", "72.5", "", "0"]


@pytest.mark.parametrize(
    "link",
    [
        f"https://www.notion.so/Alice-Chen-{HEX}",
        f"https://www.notion.so/myteam/Alice-Chen-{HEX}?pvs=21",
        f"https://app.notion.com/p/{HEX}",
        f"https://app.notion.com/p/{DASHED}",
        f"https://www.notion.so/{HEX.upper()}",
        f"Alice%20Chen%20{HEX}.md",
        f"../Outreach%20List/Alice%20Chen%20{HEX}.md",
    ],
)
def test_a_notion_link_gives_its_page_id_without_dashes(link):
    assert page_id_from_link(link) == HEX


def test_a_link_without_an_id_gives_none():
    assert page_id_from_link("https://example.com/alice") is None


def test_relation_items_with_notion_so_urls_split_at_each_link():
    text = (
        f"Alice Chen (https://www.notion.so/Alice-Chen-{HEX}), "
        f"Bob Li (https://www.notion.so/Bob-Li-{'b' * 32})"
    )
    assert split_relation(text) == (Link("Alice Chen", HEX), Link("Bob Li", "b" * 32))


def test_relation_items_with_app_notion_com_urls_split_at_each_link():
    text = (
        f"Alice Chen (https://app.notion.com/p/{HEX}),"
        f"Bob Li (https://app.notion.com/p/{'b' * 32})"
    )
    assert split_relation(text) == (Link("Alice Chen", HEX), Link("Bob Li", "b" * 32))


def test_a_name_with_a_comma_or_parentheses_stays_whole_when_links_follow_names():
    text = (
        f"Hayes, Robert (https://www.notion.so/Hayes-Robert-{HEX}), "
        f"Sam (Samantha) Lee (https://www.notion.so/Sam-Samantha-Lee-{'c' * 32})"
    )
    assert split_relation(text) == (
        Link("Hayes, Robert", HEX), Link("Sam (Samantha) Lee", "c" * 32),
    )


def test_plain_names_split_at_commas_unless_the_joined_parts_name_a_row():
    known = {"Alice Chen", "Robert Hayes, Jr."}
    assert split_relation("Alice Chen, Robert Hayes, Jr., Bob Li", known) == (
        Link("Alice Chen"), Link("Robert Hayes, Jr."), Link("Bob Li"),
    )


def test_plain_names_of_known_rows_before_a_linked_name_are_split_off():
    known = {"Bob Li", "Alice Chen", "Carol Diaz"}
    text = f"Bob Li, Alice Chen (https://www.notion.so/Alice-Chen-{HEX}), Carol Diaz"
    assert split_relation(text, known) == (
        Link("Bob Li"), Link("Alice Chen", HEX), Link("Carol Diaz"),
    )


def test_an_empty_relation_cell_has_no_links():
    assert split_relation("") == ()
    assert split_relation(" , ") == ()


def test_a_synthetic_page_id_is_32_hex_and_depends_on_name_and_occurrence():
    first = synthetic_page_id("Alice Chen", 1)
    assert len(first) == 32 and int(first, 16) >= 0
    assert first == synthetic_page_id("Alice Chen", 1)
    assert first != synthetic_page_id("Alice Chen", 2)
    assert first != synthetic_page_id("Alice Chen ", 1)
