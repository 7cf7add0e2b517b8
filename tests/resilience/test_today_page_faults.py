"""A sync that stops on a fault of the whole run, and its Today page: no request inside a wait Notion
asked for, no update a list that refuses updates would refuse too, and the schema problem in words."""

from __future__ import annotations

import pytest

from tests.fakes import READ

TODAY = "2026-11-26"
PATCH, MARKDOWN = r"^/v1/pages/[^/]+$", r"/markdown$"
ROWS = [{"Name": "Ada Byron", "Company": "Elsewhere", "Closeness": "Warm", "Last contacted": "2026-11-02"},
        {"Name": "Bob Li", "Company": "Elsewhere", "Closeness": "Close", "Last contacted": "2026-10-01"}]


@pytest.fixture
def sync(fake, cli, monkeypatch):
    holder = fake.add_page("Job search")
    database, source = fake.create_outreach_list(parent_page_id=holder)
    fake.add_people(source, ROWS)
    page = fake.add_page("Outreach Today", parent_id=holder)
    monkeypatch.setenv("OUTREACH_TODAY_PAGE", page)

    def run():
        return cli("sync", "--today", TODAY, database=database)

    run.source, run.page = source, page
    return run


def test_after_notion_asks_for_a_wait_past_the_cap_not_even_the_today_page_is_asked(fake, sync):
    fake.add_fault("PATCH", PATCH, status=429, retry_after=600)
    run = sync()
    assert run.code == 4, run.err
    assert fake.requests[-1].status == 429
    assert fake.count(None, MARKDOWN) == 0


def test_without_the_update_capability_the_today_page_is_not_tried_either(fake, sync):
    fake.capabilities = {READ}
    run = sync()
    assert run.code == 3, run.err
    assert fake.count("PATCH", MARKDOWN) == 0


def test_a_column_deleted_mid_run_is_on_the_today_page_in_the_words_check_uses(fake, sync):
    fake.after("PATCH", PATCH, lambda f: f.change_schema(sync.source, {"Why": None}))
    run = sync()
    assert run.code == 2, run.err
    page = fake.page_markdown(sync.page)
    assert "does not match the template" in page and "1 row was written before" in page
    assert '"Why" missing' in page
