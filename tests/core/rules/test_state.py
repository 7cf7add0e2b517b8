"""Worker state: a compact text the worker reads back exactly, and refuses when it is not its own."""

from datetime import date

import pytest

from worker.core.rules.state import MARKED, NEVER_WRITTEN, State, UnreadableState, read_state, write_state

FULL = State(
    marks=("abcd", "", "u", "", "", "", "-_9Z", "", "", "wxyz", ""),
    fingerprint="AbCdEfGh", two_way_seen=True, two_way=date(2026, 8, 1), messages=3,
    first_message=date(2026, 11, 20), last_message=date(2026, 12, 4), planned=None,
    counted_status="R", counted_date=date(2026, 11, 30), paused_cleared=True,
)


def test_the_state_reads_back_exactly_what_was_written():
    text = write_state(FULL)
    assert text == "w2;m=abcd,,u,,,,-_9Z,,,wxyz,;f=AbCdEfGh;t=20260801;g=3,20261120,20261204;s=R20261130;z"
    assert read_state(text) == FULL


def test_a_row_with_every_column_empty_and_nothing_to_remember_needs_no_state():
    assert write_state(State(marks=("",) * len(MARKED), two_way_seen=True)) == ""
    assert read_state("") == NEVER_WRITTEN and not NEVER_WRITTEN.written


def test_empty_marks_are_left_out_and_read_back_as_empty():
    state = State(marks=("",) * len(MARKED), planned=date(2026, 11, 27), two_way_seen=True)
    assert write_state(state) == "w2;t=-;p=20261127"
    assert read_state("w2;t=-;p=20261127") == state


@pytest.mark.parametrize(
    "text",
    [
        "hello", "w2;m=abc", "w2;m=abcd", "w2;q=1", "w2;t=2026-08-01", "w2;g=0,20261120,20261120",
        "w2;s=Q20261130", "w2;z=1", "w3;m=", "w1:abc", "w1:0123456789:a,b,c", "w2;p=20261332", "w2;f=short",
    ],
)
def test_a_state_the_worker_did_not_write_is_refused(text):
    with pytest.raises(UnreadableState):
        read_state(text)


def test_a_v1_state_keeps_its_marks_and_dates_and_the_v2_columns_count_as_never_written():
    empty = "cec7ea"  # blake2b of "" in 3 bytes: v1 hashed empty values too
    # v1's columns: ask, why, next step, intro path, intro via, follow up on, stale, strength.
    state = read_state(f"w1:0123456789:1a2b3c,{empty},u,{empty},{empty},ffffff,{empty},00ff00:s20261203")
    assert dict(zip(MARKED, state.marks)) == {
        "suggested_ask": "Gis8", "why": "", "next_step": "u", "draft": None, "intro_path": "", "mail_link": None,
        "intro_via": "", "follow_up_on": "____", "stale": "", "strength": "AP8A", "intros_made": None,
    }
    assert state.counted_for("Replied") == date(2026, 12, 3)  # v1 kept it while the Status stayed
    assert read_state(f"w1:0123456789:{','.join([empty] * 8)}:p20261127").planned == date(2026, 11, 27)
