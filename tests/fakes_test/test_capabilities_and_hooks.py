"""Integration capabilities (403 per endpoint), actions between requests, and schema changes as a person makes them."""

from __future__ import annotations

import pytest
from notion_client import APIResponseError

from tests.fakes import INSERT, READ, UPDATE


def test_without_update_content_every_update_answers_403_and_reads_still_work(fake, notion, outreach):
    db_id, ds_id = outreach
    page_id = fake.add_people(ds_id, [{"Name": "Ada"}])[0]
    fake.capabilities = {READ, INSERT}
    assert notion.pages.retrieve(page_id=page_id)["id"] == page_id
    for update in (lambda: notion.pages.update(page_id=page_id, properties={}),
                   lambda: notion.data_sources.update(data_source_id=ds_id, properties={})):
        with pytest.raises(APIResponseError) as refused:
            update()
        assert (refused.value.status, refused.value.code) == (403, "restricted_resource")
    assert notion.pages.create(parent={"data_source_id": ds_id}, properties={})["object"] == "page"


def test_without_read_content_a_query_answers_403_but_users_me_works(fake, notion, outreach):
    fake.capabilities = {UPDATE}
    assert notion.users.me()["type"] == "bot"
    with pytest.raises(APIResponseError) as refused:
        notion.data_sources.query(data_source_id=outreach[1])
    assert refused.value.status == 403


def test_an_action_runs_after_the_matching_request_is_answered_and_only_as_often_as_asked(fake, notion, outreach):
    page_id = fake.add_people(outreach[1], [{"Name": "Ada"}])[0]
    fake.after("POST", r"/query$", lambda f: f.set_values(page_id, {"Name": "Ada Byron"}))
    first = notion.data_sources.query(data_source_id=outreach[1])["results"][0]
    assert first["properties"]["Name"]["title"][0]["plain_text"] == "Ada"  # the answer came before the edit
    second = notion.data_sources.query(data_source_id=outreach[1])["results"][0]
    assert second["properties"]["Name"]["title"][0]["plain_text"] == "Ada Byron"
    assert second["last_edited_by"]["id"] == fake.person.id


def test_a_schema_changed_by_a_person_refuses_writes_to_the_deleted_column(fake, notion, outreach):
    page_id = fake.add_people(outreach[1], [{"Name": "Ada"}])[0]
    fake.change_schema(outreach[1], {"Why": None})
    with pytest.raises(APIResponseError) as refused:
        notion.pages.update(page_id=page_id, properties={"Why": {"rich_text": []}})
    assert refused.value.code == "validation_error" and "Why" in str(refused.value)
