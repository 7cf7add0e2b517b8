"""A column under another name is recognised ("How close" for Closeness), and nothing else is."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worker.core.lookalike import lookalikes, mapping_line


@pytest.mark.parametrize(("key", "column"), [
    ("closeness", "How close"),
    ("closeness", "closeness"),
    ("closeness", "Relationship"),
    ("linkedin", "Linkedin URL"),
    ("linkedin", "LinkedIn profile"),
    ("last_contacted", "Last-contacted"),
    ("last_contacted", "Last contact date"),
    ("last_contacted", "Date last contacted"),
    ("company", "Company name"),
    ("company", "Employer"),
    ("role", "Job title"),
    ("role", "Position"),
    ("status", "Stage"),
    ("shared_interests", "Interests"),
    ("introduced_by", "Referred by"),
    ("meeting_on", "Next meeting"),
    ("email", "E-mail"),
    ("email", "Work email"),
    ("paused", "Pause"),
    ("follow_up_on", "Follow-up on"),  # a worker column: same letters only
    ("next_step", "next step"),
])
def test_a_column_under_a_similar_name_looks_like_the_template_column(key, column):
    assert lookalikes(key, ["Unrelated", column]) == [column]


@pytest.mark.parametrize(("key", "column"), [
    ("closeness", "Strength"),
    ("company", "Compass"),
    ("status", "Worker state"),
    ("last_contacted", "Last edited"),
    ("knows", "Notes"),
    ("follow_up_on", "Follow up date"),  # a worker column never maps to a lookalike of yours
    ("next_step", "Next action"),
    ("email", ""),
])
def test_a_column_with_another_meaning_does_not_look_like_it(key, column):
    assert lookalikes(key, [column]) == []


def test_the_same_letters_come_before_a_looser_likeness():
    assert lookalikes("closeness", ["How close", "CLOSENESS"]) == ["CLOSENESS", "How close"]


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=30))
def test_the_mapping_line_reads_back_as_the_column_whatever_its_name_holds(column):
    assert tomllib.loads(mapping_line("closeness", column)) == {"closeness": column}


def test_the_mapping_line_is_the_line_a_person_would_write():
    assert mapping_line("closeness", "How close") == 'closeness = "How close"'
