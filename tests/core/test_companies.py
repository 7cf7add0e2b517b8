"""Company names match after normalising case, accents, spaces, punctuation and legal suffixes; never by substring."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from worker.core.names import company_key, normalise_name, same_company


@pytest.mark.parametrize(("typed", "normalised"), [
    ("Stripe", "stripe"),
    ("  STRIPE  ", "stripe"),
    ("Stripe, Inc.", "stripe"),
    ("Stripe Inc", "stripe"),
    ("Acme,Inc", "acme"),
    ("Meta Platforms, Inc.", "meta platforms"),
    ("Figma   Corp", "figma"),
    ("Siemens AG", "siemens"),
    ("Zalando S.A.", "zalando"),
    ("Foo L.L.C.", "foo"),
    ("Bar GmbH", "bar"),
    ("Baz plc", "baz"),
    ("Anthropic, PBC", "anthropic"),
    ("Widget Corporation", "widget"),
    ("Coca-Cola Co.", "coca cola"),
    ("Coca Cola", "coca cola"),
    ("Procter & Gamble", "procter gamble"),
    ("Inc", "inc"),  # a name that is only a suffix keeps it
    ("Co", "co"),
    ("", ""),
    ("  ,. ", ""),
])
def test_a_company_name_normalises_to_its_words_without_the_legal_suffix(typed, normalised):
    assert company_key(typed) == normalised


@pytest.mark.parametrize(("first", "second", "same"), [
    ("Stripe, Inc.", "stripe", True),
    ("Meta", "Metabase", False),
    ("Meta", "Meta Platforms", False),
    ("Inc Magazine", "Inc", False),
    ("Samsung Electronics Co., Ltd.", "Samsung Electronics", True),
    ("Acme Co Ltd", "Acme Co", True),
    ("", "", False),
])
def test_two_companies_are_the_same_only_when_equal_after_normalising(first, second, same):
    assert same_company(first, second) is same


def test_a_person_name_ignores_case_spacing_and_punctuation_but_keeps_every_word():
    assert normalise_name("  Zoë  O'Brien-Smith ") == normalise_name("zoe obrien smith") == "zoe obrien smith"
    assert normalise_name("Jane Co") == "jane co"  # no suffix is dropped from a person


@given(st.text(max_size=40))
@example("🄐")  # decomposes to "(A)": case is folded after the decomposition too
def test_normalising_ignores_case_and_surrounding_spaces_and_punctuation(text):
    for normalise in (company_key, normalise_name):
        once = normalise(text)
        assert normalise(text.casefold()) == once
        assert normalise(f"  {text} ,. ") == once
        assert once == once.strip() and "  " not in once
    assert normalise_name(normalise_name(text)) == normalise_name(text)


def test_a_compatibility_character_normalises_the_same_the_second_time():
    # "㏆" decomposes to "C∕kg": the capital appears only after decomposing.
    assert normalise_name("㏆") == normalise_name(normalise_name("㏆"))
