"""An answer that says "more" but gives no way to ask for it (issue 20, defect 10).

A query answer with `has_more: true` and a null `next_cursor` was taken as the end of the list: 100
of 150 rows read and written, exit 0. The worker cannot know the rest, so it is an unreadable answer
(exit 4, nothing written), never a silent half-list.
"""

from __future__ import annotations

import pytest

QUERY = r"^/v1/data_sources/[^/]+/query$"


def no_cursor(answer: dict) -> None:
    assert answer["has_more"] is True  # the fake would have given a cursor
    answer["next_cursor"] = None


@pytest.fixture
def long_list(fake):
    _, source = fake.create_outreach_list()
    ids = fake.add_people(source, [{"Name": f"Person {n:03d}", "Company": "Stripe", "Closeness": "Cold"}
                                   for n in range(150)])
    return source, ids


def test_more_rows_without_a_cursor_is_an_unreadable_answer_and_nothing_is_written(fake, cli, long_list):
    source, ids = long_list
    fake.alter("POST", QUERY, no_cursor)
    run = cli("sync", "--today", "2026-11-26", database=source, targets="Stripe")
    assert run.code == 4, run.err
    assert "no next_cursor" in run.err and "Nothing was written" in run.err
    assert fake.patches() == []
    assert all(not fake.page_values(page)["Why"] for page in ids)


def test_today_stops_the_same_way(fake, cli, long_list):
    source, _ = long_list
    fake.alter("POST", QUERY, no_cursor)
    run = cli("today", "--today", "2026-11-26", database=source, targets="Stripe")
    assert run.code == 4, run.err
