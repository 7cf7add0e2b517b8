"""Page content as markdown and pages under pages, through the real client (content.py, workspace.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from notion_client import APIResponseError, Client

from tests.fakes.workspace import PagesFakeNotion

PAGE_KEYS = ["object", "id", "created_time", "last_edited_time", "created_by", "last_edited_by", "cover", "icon",
             "parent", "in_trash", "is_archived", "is_locked", "properties", "url", "public_url", "archived",
             "request_id"]


@pytest.fixture
def fake() -> Iterator[PagesFakeNotion]:
    """The conftest's `notion` client, in front of the fake with pages (both adapters)."""
    fake = PagesFakeNotion()
    yield fake
    assert fake.internal_errors == []


@pytest.fixture
def pages(fake: PagesFakeNotion) -> PagesFakeNotion:
    return fake


@pytest.fixture
def client(notion: Client) -> Client:
    return notion


def _error(call) -> APIResponseError:
    with pytest.raises(APIResponseError) as caught:
        call()
    return caught.value


def test_a_page_created_under_a_page_with_markdown_has_the_recorded_shape(pages, client):
    parent = pages.add_page("Job search")
    made = client.pages.create(parent={"type": "page_id", "page_id": parent},
                               properties={"title": [{"type": "text", "text": {"content": "Outreach Today"}}]},
                               markdown="# Today\n\nNothing yet.")
    assert list(made) == PAGE_KEYS
    assert made["parent"] == {"type": "page_id", "page_id": parent}
    assert made["properties"]["title"]["title"][0]["plain_text"] == "Outreach Today"
    assert made["url"].startswith("https://app.notion.com/p/Outreach-Today-")
    assert pages.pages_under(parent) == [made["id"]]
    children = client.blocks.children.list(block_id=parent)["results"]
    assert [(b["type"], b["child_page"]["title"]) for b in children] == [("child_page", "Outreach Today")]


def test_without_a_title_the_first_heading_names_the_page_and_markdown_excludes_children(pages, client):
    parent = pages.add_page()
    made = client.pages.create(parent={"page_id": parent}, markdown="# Weekly notes\n\ntext")
    assert made["properties"]["title"]["title"][0]["plain_text"] == "Weekly notes"
    both = _error(lambda: client.pages.create(parent={"page_id": parent}, markdown="x", children=[]))
    assert (both.status, both.code) == (400, "validation_error")
    unshared = _error(lambda: client.pages.create(parent={"page_id": "0" * 32}, markdown="x"))
    assert (unshared.status, unshared.code) == (404, "object_not_found")


def test_markdown_is_read_back_as_notions_rendering_not_the_bytes_sent(pages, client):
    page = pages.add_page("Today", markdown="# Title   \n\n\n\nline\n")
    answer = client.pages.retrieve_markdown(page_id=page)
    assert answer == {"object": "page_markdown", "id": page, "markdown": "# Title\n\nline", "truncated": False,
                      "unknown_block_ids": [], "request_id": answer["request_id"]}


def test_replace_content_replaces_the_whole_page_and_answers_with_the_new_content(pages, client):
    page = pages.add_page("Today", markdown="old")
    answer = client.pages.update_markdown(page_id=page, type="replace_content", replace_content={"new_str": "new\n"})
    assert answer["object"] == "page_markdown" and answer["markdown"] == "new"
    assert pages.page_markdown(page) == "new\n"


def test_a_replace_that_would_delete_a_database_or_sub_page_is_refused_unless_allowed(pages, client):
    holder = pages.add_page("Job search", markdown="intro")
    pages.create_outreach_list(parent_page_id=holder)
    pages.add_page("Ideas", parent_id=holder)
    shown = client.pages.retrieve_markdown(page_id=holder)["markdown"]
    assert "<database url=" in shown and ">Outreach List</database>" in shown and ">Ideas</page>" in shown
    refused = _error(lambda: client.pages.update_markdown(page_id=holder, type="replace_content",
                                                          replace_content={"new_str": "gone"}))
    assert (refused.status, refused.code) == (400, "validation_error")
    assert "Outreach List" in str(refused) and pages.page_markdown(holder) == "intro"
    client.pages.update_markdown(page_id=holder, type="replace_content",
                                 replace_content={"new_str": "gone", "allow_deleting_content": True})
    assert pages.databases_under(holder) == [] and pages.pages_under(holder) == []


def test_update_content_searches_and_replaces_exactly_once_unless_told(pages, client):
    page = pages.add_page(markdown="a b a")
    once = _error(lambda: client.pages.update_markdown(
        page_id=page, type="update_content", update_content={"content_updates": [{"old_str": "a", "new_str": "c"}]}))
    assert once.code == "validation_error"
    client.pages.update_markdown(page_id=page, type="update_content", update_content={
        "content_updates": [{"old_str": "a", "new_str": "c", "replace_all_matches": True}]})
    assert pages.page_markdown(page) == "c b c"
    missing = _error(lambda: client.pages.update_markdown(
        page_id=page, type="update_content", update_content={"content_updates": [{"old_str": "zz", "new_str": ""}]}))
    assert missing.code == "validation_error"


def test_markdown_routes_answer_404_for_unknown_pages_and_400_for_databases_and_bad_bodies(pages, client):
    db_id, _ = pages.create_outreach_list()
    unknown = _error(lambda: client.pages.retrieve_markdown(page_id="0" * 32))
    assert (unknown.status, unknown.code) == (404, "object_not_found")
    database = _error(lambda: client.pages.retrieve_markdown(page_id=db_id))
    assert (database.status, database.code) == (400, "validation_error")
    page = pages.add_page()
    wrong = _error(lambda: client.pages.update_markdown(page_id=page, type="rewrite", rewrite={}))
    assert wrong.code == "validation_error"
    lacking = _error(lambda: client.pages.update_markdown(page_id=page, type="replace_content"))
    assert lacking.code == "validation_error"


def test_a_row_of_the_list_has_content_too(pages, client):
    _, ds_id = pages.create_outreach_list()
    [row] = pages.add_people(ds_id, [{"Name": "Ana"}])
    assert client.pages.retrieve_markdown(page_id=row)["markdown"] == ""
    client.pages.update_markdown(page_id=row, type="insert_content", insert_content={"content": "met at a meetup"})
    assert client.pages.retrieve_markdown(page_id=row)["markdown"] == "met at a meetup"


def test_a_fault_on_the_markdown_route_answers_like_notion(pages, client):
    page = pages.add_page()
    pages.add_fault("GET", r"/markdown$", status=403, body_code="restricted_resource")
    denied = _error(lambda: client.pages.retrieve_markdown(page_id=page))
    assert (denied.status, denied.code) == (403, "restricted_resource")
    assert [r.path for r in pages.requests] == [f"/v1/pages/{page}/markdown"]
