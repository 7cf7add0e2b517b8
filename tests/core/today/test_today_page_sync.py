"""The Today page in Notion after each `sync`: what lands there, what it costs, and when it is left alone.

Written loosely enough to hold whatever words the rules use: the sections, a line per to-do item with
a link to its row, the problems with links, the number of requests.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest

from tests.fakes import compact_id

TODAY = "2026-11-26"  # a Thursday
MARKDOWN = r"^/v1/pages/[^/]+/markdown$"
ROWS = [
    {"Name": "Connie Park", "Company": "Acme", "Role": "Engineer", "Closeness": "Warm",
     "Last contacted": "2026-11-02", "Status": "Not contacted", "Knows": ["Bob Li"]},
    {"Name": "Bob Li", "Company": "Stripe", "Role": "Engineer", "Closeness": "Cold"},
    {"Name": "Amara Nwosu", "Company": "Intercom", "Closeness": "Warm", "Last contacted": "2026-11-20",
     "Status": "Replied"},
    {"Name": "Zoe Turner", "Company": "Notion", "Closeness": "Acquaintance", "Last contacted": "2026-11-10",
     "Status": "Reached out"},
    {"Name": "Dana Fox", "Company": "Stripe", "Closeness": "Close", "Last contacted": "2026-10-01",
     "Status": "Not contacted"},
    {"Name": "Noah Friedman", "Company": "Figma", "Closeness": "Best friend"},  # a warning
]


@dataclass
class Listed:
    holder: str  # the page that holds the list
    database: str
    source: str
    ids: dict[str, str]
    page: str  # the Today page


@pytest.fixture
def listed(fake) -> Listed:
    holder = fake.add_page("Job search")
    database, source = fake.create_outreach_list(parent_page_id=holder)
    ids = fake.add_people(source, ROWS)
    page = fake.add_page("Outreach Today", parent_id=holder)
    return Listed(holder, database, source, dict(zip([r["Name"] for r in ROWS], ids)), page)


@pytest.fixture
def sync(cli, monkeypatch, listed):
    """`sync("--json", today_page=..., day=...)`: one sync of the list with a Today page set (or not)."""

    def run(*args: str, today_page: str | None = "", day: str = TODAY):
        page = listed.page if today_page == "" else today_page
        if page is None:
            monkeypatch.delenv("OUTREACH_TODAY_PAGE", raising=False)
        else:
            monkeypatch.setenv("OUTREACH_TODAY_PAGE", page)
        return cli("sync", "--today", day, *args, database=listed.database, targets="Stripe, Figma")

    return run


def section(markdown: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}.*?$(.*?)(?=^## |\Z)", markdown, re.MULTILINE | re.DOTALL)
    assert match, f"no section {heading!r} in:\n{markdown}"
    return match.group(1)


def link(fake, page_id: str) -> str:
    """How the page links a row: its name in brackets, then its URL."""
    return f"]({fake.page_url(page_id)})"


def test_a_sync_writes_every_section_and_one_linked_line_per_to_do_item(fake, sync, listed):
    run = sync("--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    page = fake.page_markdown(listed.page)
    headings = [h.split(" on ")[0].split(" (")[0] for h in re.findall(r"^## (.*)$", page, re.MULTILINE)]
    assert headings == ["Problems", "To do", "Next 5 business days", "Running low", "Top connectors", "Target companies", "Growth"]
    assert page.startswith("**Last sync: 26 Nov 2026**")
    todo = section(page, "To do")
    assert report["todo"], "the sample list has work due today"
    assert len(re.findall(r"^\d+\. ", todo, re.MULTILINE)) == len(report["todo"])
    for item in report["todo"]:
        assert f"]({item['url']})" in todo, item["name"]
    assert report["today_page"]["state"] == "written"


def test_warnings_are_problems_that_link_their_row(fake, sync, listed):
    assert sync().code == 0
    problems = section(fake.page_markdown(listed.page), "Problems")
    line = next(line for line in problems.splitlines() if "Best friend" in line)
    assert line.startswith(f"- [Noah Friedman{link(fake, listed.ids['Noah Friedman'])}: ")


def test_a_row_that_could_not_be_written_is_a_problem_linking_it_and_the_sync_exits_1(fake, sync, listed):
    amara = compact_id(listed.ids["Amara Nwosu"])
    fake.add_fault("PATCH", rf"^/v1/pages/{amara}$", status=400, body_code="validation_error")
    run = sync()
    assert run.code == 1
    page = fake.page_markdown(listed.page)
    assert "could not be written; see Problems" in page.splitlines()[0]
    problems = section(page, "Problems")
    assert f"- [Amara Nwosu{link(fake, listed.ids['Amara Nwosu'])}: not written: " in problems


def test_an_unchanged_list_costs_one_request_for_the_page_and_the_next_day_two(fake, sync, listed):
    assert sync().code == 0
    assert fake.count("PATCH", MARKDOWN) == 1
    fake.reset_requests()
    again = sync("--json")
    assert json.loads(again.out)["today_page"]["state"] == "unchanged"
    assert (fake.count("GET", MARKDOWN), fake.count("PATCH", MARKDOWN)) == (1, 0)
    fake.reset_requests()
    assert sync(day="2026-11-27").code == 0  # the date on the page moved
    assert (fake.count("GET", MARKDOWN), fake.count("PATCH", MARKDOWN)) == (1, 1)


def test_a_change_in_the_list_rewrites_the_page_the_same_day(fake, sync, listed):
    assert sync().code == 0
    fake.set_values(listed.ids["Zoe Turner"], {"Status": "Replied", "Last contacted": "2026-11-25"})
    fake.reset_requests()
    assert sync().code == 0
    assert fake.count("PATCH", MARKDOWN) == 1


def test_a_failed_sync_says_when_and_why_on_the_page_and_keeps_the_list_below(fake, sync, listed):
    assert sync().code == 0
    before = section(fake.page_markdown(listed.page), "To do")
    fake.schema_editor.apply(fake.sources[listed.source], {"Closeness": None})
    run = sync()
    assert run.code == 2
    page = fake.page_markdown(listed.page)
    first = page.splitlines()[0]
    assert re.match(r"^\*\*Last sync failed on \d+ \w{3} \d{4} at \d\d:\d\d UTC:\*\* ", first), first
    assert "Closeness" in section(page, "Problems")
    assert section(page, "To do").strip() == before.strip()  # yesterday's list is still there, marked as such
    assert "as the last sync that went through left it" in page


@pytest.mark.parametrize("target", ["holder", "database", "source"])
def test_the_list_and_the_page_holding_it_are_never_replaced(fake, sync, listed, target):
    run = sync("--json", today_page=getattr(listed, target))
    assert run.code == 0
    assert fake.count("PATCH", MARKDOWN) == 0
    report = json.loads(run.out)
    assert report["today_page"]["state"] == "refused"
    assert fake.page_markdown(listed.holder) == ""


def test_a_page_with_content_the_worker_did_not_write_is_left_alone(fake, sync, listed):
    notes = fake.add_page("My notes", markdown="# Ideas\n\nCall mum.")
    run = sync(today_page=notes)
    assert run.code == 0
    assert fake.page_markdown(notes) == "# Ideas\n\nCall mum."
    assert "content the worker did not write" in run.err


def test_a_today_page_with_a_sub_page_on_it_is_left_alone(fake, sync, listed):
    assert sync().code == 0
    fake.add_page("Kept", parent_id=listed.page)
    fake.set_values(listed.ids["Zoe Turner"], {"Status": "Replied"})  # the page would change
    fake.reset_requests()
    run = sync()
    assert run.code == 0
    assert fake.count("PATCH", MARKDOWN) == 0
    assert "holds a sub-page or a database" in run.err


def test_a_today_page_notion_refuses_is_reported_and_the_sync_still_succeeds(fake, sync, listed):
    run = sync(today_page="0123456789abcdef0123456789abcdef")
    assert run.code == 0
    assert "Share it with the integration" in run.err


def test_a_dry_run_never_touches_the_page(fake, sync, listed):
    assert sync("--dry-run").code == 0
    assert fake.count(None, MARKDOWN) == 0


def test_without_a_today_page_the_sync_says_once_how_to_add_one(fake, sync):
    first = sync(today_page=None)
    assert first.code == 0
    assert "No Today page is set up" in first.err and "check --fix" in first.err
    assert "No Today page" not in sync(today_page=None).err
    assert fake.count(None, MARKDOWN) == 0


def test_the_page_links_rows_with_notions_own_urls(fake, sync, listed):
    assert sync().code == 0
    page = fake.page_markdown(listed.page)
    connie = compact_id(listed.ids["Connie Park"])
    assert re.search(rf"\[Connie Park\]\(https://app\.notion\.com/p/Connie-Park-{connie}\)", page)


def test_a_warning_about_the_whole_list_is_a_problem_without_a_row_link(fake, cli, monkeypatch, listed):
    monkeypatch.setenv("OUTREACH_TODAY_PAGE", listed.page)
    assert cli("sync", "--today", TODAY, database=listed.database).code == 0  # no target companies
    problems = section(fake.page_markdown(listed.page), "Problems")
    line = next(line for line in problems.splitlines() if "No target companies are set" in line)
    assert line.startswith("- No target companies are set") and "](" not in line
