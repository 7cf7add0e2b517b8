"""Texts stay within Notion's 2,000 UTF-16 units per text object, cut at a word with "…"."""

from __future__ import annotations

from hypothesis import given, strategies as st

from worker.core.textcut import ELLIPSIS, cut_at_word, utf16_units


def test_an_emoji_counts_two_units_as_notion_counts_it():
    assert utf16_units("a😀b") == 4
    assert utf16_units("é") == 1


def test_a_text_that_fits_is_unchanged():
    assert cut_at_word("Hello there", 11) == "Hello there"


def test_a_long_text_is_cut_at_a_word_and_ends_with_an_ellipsis():
    assert cut_at_word("Hello there world", 14) == "Hello there" + ELLIPSIS


def test_a_cut_that_lands_on_a_space_keeps_the_whole_word_before_it():
    assert cut_at_word("Hello there world", 13) == "Hello there" + ELLIPSIS


def test_one_long_word_is_cut_inside_it():
    assert cut_at_word("x" * 50, 10) == "x" * 9 + ELLIPSIS


def test_emoji_heavy_text_is_cut_by_units_not_code_points():
    text = "😀 " * 1500  # 1,500 emoji: 4,500 units
    cut = cut_at_word(text)
    assert utf16_units(cut) <= 2000
    assert cut.endswith("😀" + ELLIPSIS)


@given(st.text(alphabet=st.sampled_from(["a", " ", "😀", "é", "漢", "\n"]), max_size=400), st.integers(2, 300))
def test_every_cut_fits_and_keeps_a_prefix(text, limit):
    cut = cut_at_word(text, limit)
    assert utf16_units(cut) <= limit
    if cut != text:
        assert cut.endswith(ELLIPSIS)
        assert text.startswith(cut[:-1].rstrip())
