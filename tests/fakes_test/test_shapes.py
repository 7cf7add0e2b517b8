"""The fake answers with the shapes real Notion answered with (key names, order, nulls, timestamps, urls)."""

from __future__ import annotations

import json
import re

import pytest
from notion_client import APIResponseError, Client

MINUTE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$")
DASHED = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def test_a_page_object_has_the_recorded_keys_in_the_recorded_order(fake, notion, outreach, recorded):
    page_id = fake.add_people(outreach[1], [{"Name": "Alice Chen"}])[0]
    page = notion.pages.retrieve(page_id=page_id)
    assert list(page) == list(recorded["page"])
    assert list(page["created_by"]) == list(recorded["page"]["created_by"])
    assert list(page["properties"]["Name"]) == list(recorded["page"]["properties"]["title"])
    assert list(page["properties"]["Name"]["title"][0]) == list(recorded["page"]["properties"]["title"]["title"][0])
    recorded_text = recorded["page"]["properties"]["title"]["title"][0]
    assert page["properties"]["Name"]["title"][0]["annotations"] == recorded_text["annotations"]


def test_a_page_has_minute_timestamps_dashed_ids_both_parents_and_a_slug_url(fake, notion, outreach):
    db_id, ds_id = outreach
    page_id = fake.add_people(ds_id, [{"Name": "Zoë O'Brien-Smith"}])[0]
    page = notion.pages.retrieve(page_id=page_id)
    assert MINUTE.match(page["created_time"]) and MINUTE.match(page["last_edited_time"])
    assert DASHED.match(page["id"]) and DASHED.match(page["request_id"])
    assert page["parent"] == {"type": "data_source_id", "data_source_id": ds_id, "database_id": db_id}
    assert page["url"] == f"https://app.notion.com/p/Zoë-O-Brien-Smith-{page_id.replace('-', '')}"
    assert (page["archived"], page["in_trash"], page["is_archived"], page["public_url"]) == (False, False, False, None)


def test_empty_values_are_null_or_empty_lists_as_in_notion(fake, notion, outreach):
    page_id = fake.add_people(outreach[1], [{"Name": "Bob Li"}])[0]
    props = notion.pages.retrieve(page_id=page_id)["properties"]
    assert props["Company"] == {"id": props["Company"]["id"], "type": "select", "select": None}
    assert props["Why"]["rich_text"] == [] and props["Shared interests"]["multi_select"] == []
    assert props["Knows"] == {"id": props["Knows"]["id"], "type": "relation", "relation": [], "has_more": False}
    assert props["Last contacted"]["date"] is None and props["Strength"]["number"] is None
    assert props["Paused"]["checkbox"] is False and props["Name"]["id"] == "title"


def test_property_ids_are_short_url_encoded_strings(fake, notion, outreach):
    schema = notion.data_sources.retrieve(data_source_id=outreach[1])["properties"]
    ids = [p["id"] for p in schema.values()]
    assert len(set(ids)) == len(ids)
    for prop_id in ids:
        assert prop_id == "title" or re.fullmatch(r"([A-Za-z_~]|%[0-9A-F]{2}){4}", prop_id), prop_id


def test_the_query_list_has_the_recorded_keys(fake, notion, outreach, recorded):
    answer = notion.data_sources.query(data_source_id=outreach[1])
    assert list(answer) == list(recorded["query_list"])
    assert {k: v for k, v in answer.items() if k != "request_id"} == {
        k: v for k, v in recorded["query_list"].items() if k != "request_id"}


def test_database_and_data_source_objects_match_the_recorded_keys(notion, outreach, recorded):
    db_id, ds_id = outreach
    database = notion.databases.retrieve(database_id=db_id)
    assert list(database) == list(recorded["database"])
    assert database["data_sources"] == [{"id": ds_id, "name": "Outreach List"}]
    source = notion.data_sources.retrieve(data_source_id=ds_id)
    assert list(source) == list(recorded["data_source"])
    assert list(source["properties"]["Name"]) == list(recorded["data_source"]["properties"]["Name"])
    assert source["parent"] == {"type": "database_id", "database_id": db_id}


def test_the_title_property_item_list_matches_the_recorded_one(fake, notion, outreach, recorded):
    page_id = fake.add_people(outreach[1], [{"Name": "Alice Chen"}])[0]
    answer = notion.pages.properties.retrieve(page_id=page_id, property_id="title")
    sample = recorded["property_item_list"]
    assert list(answer) == list(sample)
    assert list(answer["results"][0]) == list(sample["results"][0])
    assert answer["property_item"] == sample["property_item"]


def test_users_me_and_errors_have_the_recorded_keys(notion: Client, recorded):
    assert list(notion.users.me()) == list(recorded["users_me"])
    with pytest.raises(APIResponseError) as caught:
        notion.request(path="invalid", method="GET")
    error = json.loads(caught.value.body)
    assert list(error) == list(recorded["error_invalid_request_url"])
    assert (error["code"], error["message"]) == ("invalid_request_url", "Invalid request URL.")
    assert caught.value.request_id == error["request_id"]


def test_a_page_create_in_a_data_source_answers_with_the_recorded_page_shape(fake, notion, outreach, recorded):
    db_id, ds_id = outreach
    page = notion.pages.create(parent={"type": "data_source_id", "data_source_id": ds_id},
                               properties={"Name": {"title": [{"text": {"content": "Test Page"}}]}})
    created = recorded["page_create"]
    assert list(page) == list(created)
    assert list(page["properties"]["Name"]["title"][0]) == list(created["properties"]["title"]["title"][0])
    assert page["parent"] == {"type": "data_source_id", "data_source_id": ds_id, "database_id": db_id}
    assert MINUTE.match(page["created_time"]) and DASHED.match(page["request_id"])
    assert page["url"] == f"https://app.notion.com/p/Test-Page-{page['id'].replace('-', '')}"
