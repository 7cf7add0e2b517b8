"""Titles of pages outside the list, asked for once and remembered (issue 20, defect 13).

A row linking to a page that is not in the list gets a warning naming that page; its title was read
with one GET per link at every sync, and a page the integration cannot see answered 404 each time.
They are remembered in the state folder, per list, for a week.
"""

from __future__ import annotations

import pytest

from tests.fakes import compact_id

TODAY = "2026-11-26"
PAGE_GET = r"^/v1/pages/[0-9a-f]{32}$"


@pytest.fixture
def linking(fake):
    _, source = fake.create_outreach_list()
    ids = fake.add_people(source, [
        {"Name": "Selfie", "Closeness": "Warm", "Last contacted": "2026-11-20", "Knows": ["Gone Person", "Hidden"]},
        {"Name": "Gone Person", "Closeness": "Warm"},
        {"Name": "Hidden", "Closeness": "Cold"},
    ])
    fake.trash_page(ids[1])  # still readable: its title names it
    fake.add_fault("GET", rf"^/v1/pages/{compact_id(ids[2])}$", status=404, times=100)  # not shared
    fake.trash_page(ids[2])
    return source, ids


def sync(cli, source, day=TODAY):
    return cli("sync", "--today", day, database=source)


def test_a_second_sync_asks_for_no_title_it_was_given_or_refused(fake, cli, linking):
    source, ids = linking
    first = sync(cli, source)
    assert first.code == 0, first.err
    assert 'not in the list ("Gone Person")' in first.err
    assert f"not in the list ({compact_id(ids[2])})" in first.err  # a page it cannot see: by its id
    assert fake.count("GET", PAGE_GET) == 2
    fake.reset_requests()
    second = sync(cli, source)
    assert second.code == 0, second.err
    assert fake.count("GET", PAGE_GET) == 0
    assert 'not in the list ("Gone Person")' in second.err  # still named


def test_titles_are_asked_for_again_after_a_week(fake, cli, linking):
    source, _ = linking
    assert sync(cli, source).code == 0
    fake.reset_requests()
    assert sync(cli, source, day="2026-12-04").code == 0
    assert fake.count("GET", PAGE_GET) == 2
