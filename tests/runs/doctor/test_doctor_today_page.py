"""`init` and `check --fix` make the Today page beside the list; `check` says whether a sync can write it."""

from __future__ import annotations

import re

import pytest

from tests.fakes import compact_id, normalize_id

PAGE_LINE = re.compile(r"^OUTREACH_TODAY_PAGE=([0-9a-f]{32})$", re.MULTILINE)


def today_page_of(run) -> str:
    match = PAGE_LINE.search(run.out)
    assert match, run.out + run.err
    return match.group(1)


def test_init_makes_the_today_page_beside_the_list_and_prints_its_line(fake, cli):
    holder = fake.add_page("Job search")
    run = cli("init", "--parent-page", holder)
    assert run.code == 0, run.err
    page = today_page_of(run)
    assert fake.pages_under(holder) == [normalize_id(page)]
    [create] = fake.matching("POST", r"^/v1/pages$")
    assert create.body["parent"] == {"type": "page_id", "page_id": compact_id(holder)}
    assert create.body["properties"]["title"][0]["text"]["content"] == "Outreach Today"
    assert "Written by outreach-worker" in create.body["markdown"]
    assert f"OUTREACH_DATABASE_ID={run.database_id()}" in run.out


def test_the_page_init_made_is_filled_by_the_first_sync(fake, cli, monkeypatch):
    run = cli("init", "--parent-page", fake.add_page())
    monkeypatch.setenv("OUTREACH_TODAY_PAGE", today_page_of(run))
    synced = cli("sync", "--today", "2026-11-26", database=run.database_id())
    assert synced.code == 0, synced.err
    assert fake.page_markdown(today_page_of(run)).startswith("**Last sync: 26 Nov 2026**")


def test_when_init_cannot_make_the_today_page_the_list_is_still_made(fake, cli):
    holder = fake.add_page()
    fake.add_fault("POST", r"^/v1/pages$", status=400, body_code="validation_error")
    run = cli("init", "--parent-page", holder)
    assert run.code == 0
    assert "could not be" in run.err and "check --fix" in run.err
    assert PAGE_LINE.search(run.out) is None and len(fake.databases_under(holder)) == 1


def test_check_says_the_today_page_is_optional_and_how_to_get_one(fake, cli):
    database, _ = fake.create_outreach_list(parent_page_id=fake.add_page())
    run = cli("check", database=database)
    assert run.code == 0
    assert "Today page: not set up (optional). `outreach-worker check --fix` creates one" in run.out
    assert fake.count("POST", r"^/v1/pages$") == 0


def test_check_fix_makes_the_today_page_for_an_existing_list_once(fake, cli):
    holder = fake.add_page()
    database, _ = fake.create_outreach_list(parent_page_id=holder)
    first = cli("check", "--fix", database=database)
    assert first.code == 0, first.err
    page = today_page_of(first)
    again = cli("check", "--fix", database=database)  # the line not yet in .env: the same page, not a second
    assert today_page_of(again) == page
    assert fake.pages_under(holder) == [normalize_id(page)]


def test_check_fix_says_how_when_the_page_holding_the_list_is_not_shared(fake, cli):
    database, _ = fake.create_outreach_list(parent_page_id="0123456789abcdef0123456789abcdef")
    run = cli("check", "--fix", database=database)
    assert run.code == 0  # the list itself is fine
    assert "the page that holds the list is not shared with the integration" in run.out
    assert "OUTREACH_TODAY_PAGE=..." in run.out and PAGE_LINE.search(run.out) is None


def test_check_fix_says_how_for_a_list_at_the_top_of_the_workspace(fake, cli):
    database, _ = fake.create_outreach_list()
    run = cli("check", "--fix", database=database)
    assert "the list is not on a page" in run.out and fake.count("POST", r"^/v1/pages$") == 0


@pytest.mark.parametrize(("which", "code", "said"), [
    ("page", 0, "a sync can write it."),
    ("holder", 2, "is the Outreach List or the page that holds it"),
    ("notes", 2, "content the worker did not write"),
    ("unknown", 2, "Share it with the integration"),
])
def test_check_says_whether_a_sync_can_write_the_configured_page(fake, cli, monkeypatch, which, code, said):
    holder = fake.add_page()
    database, _ = fake.create_outreach_list(parent_page_id=holder)
    pages = {"page": fake.add_page("Outreach Today", parent_id=holder), "holder": holder,
             "notes": fake.add_page("Notes", markdown="mine"), "unknown": "0123456789abcdef0123456789abcdef"}
    monkeypatch.setenv("OUTREACH_TODAY_PAGE", pages[which])
    run = cli("check", database=database)
    assert run.code == code
    assert said in run.out


def test_a_today_page_setting_that_is_not_an_id_is_a_configuration_error(fake, cli, monkeypatch):
    monkeypatch.setenv("OUTREACH_TODAY_PAGE", "my today page")
    run = cli("check", database="0123456789abcdef0123456789abcdef")
    assert run.code == 2 and "OUTREACH_TODAY_PAGE" in run.err
    assert fake.requests == []
