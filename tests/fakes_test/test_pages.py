"""Pages: relation truncation and completion, PATCH semantics and validation, 404s."""

from __future__ import annotations

import pytest
from notion_client import APIResponseError, iterate_paginated_api

from tests.fakes import FakeNotion


@pytest.fixture
def hub(fake: FakeNotion, outreach) -> tuple[str, list[str]]:
    """A page that Knows 60 others."""
    friends = fake.add_people(outreach[1], [{"Name": f"Friend {i}"} for i in range(60)])
    hub_id = fake.add_people(outreach[1], [{"Name": "Hub", "Knows": friends}])[0]
    return hub_id, friends


def _error(call) -> APIResponseError:
    with pytest.raises(APIResponseError) as caught:
        call()
    return caught.value


def test_a_relation_shows_25_links_with_has_more_and_the_property_endpoint_completes_it(notion, hub):
    hub_id, friends = hub
    knows = notion.pages.retrieve(page_id=hub_id)["properties"]["Knows"]
    assert len(knows["relation"]) == 25 and knows["has_more"] is True
    items = list(iterate_paginated_api(notion.pages.properties.retrieve, page_id=hub_id,
                                       property_id=knows["id"], page_size=25))
    assert [i["relation"]["id"] for i in items] == friends
    assert {i["id"] for i in items} == {knows["id"]} and {i["object"] for i in items} == {"property_item"}


def test_the_property_list_pages_carry_next_url_and_reject_page_size_over_100(notion, hub):
    hub_id, _ = hub
    prop_id = notion.pages.retrieve(page_id=hub_id)["properties"]["Knows"]["id"]
    first = notion.pages.properties.retrieve(page_id=hub_id, property_id=prop_id, page_size=50)
    assert first["has_more"] and first["type"] == "property_item"
    assert first["property_item"]["next_url"].endswith(f"start_cursor={first['next_cursor']}&page_size=50")
    last = notion.pages.properties.retrieve(page_id=hub_id, property_id=prop_id, start_cursor=first["next_cursor"])
    assert (len(last["results"]), last["has_more"], last["property_item"]["next_url"]) == (10, False, None)
    error = _error(lambda: notion.pages.properties.retrieve(page_id=hub_id, property_id=prop_id, page_size=101))
    assert error.code == "validation_error"


def test_patch_replaces_lists_clears_with_null_and_creates_select_options(fake, notion, outreach):
    a, b, c = fake.add_people(outreach[1], [{"Name": "A", "Knows": ["B"]}, {"Name": "B"}, {"Name": "C"}])
    page = notion.pages.update(page_id=a.replace("-", ""), properties={
        "Knows": {"relation": [{"id": c}]},
        "Suggested ask": {"select": {"name": "Brand new ask"}},
        "Why": {"rich_text": [{"type": "text", "text": {"content": "Met at PyCon"}}]},
        "Strength": {"number": 70},
        "Follow up on": {"date": {"start": "2026-12-01"}},
    })
    assert page["properties"]["Knows"]["relation"] == [{"id": c}]
    assert fake.page_values(a)["Suggested ask"] == "Brand new ask"
    schema = notion.data_sources.retrieve(data_source_id=outreach[1])["properties"]
    assert "Brand new ask" in [o["name"] for o in schema["Suggested ask"]["select"]["options"]]
    notion.pages.update(page_id=a, properties={"Knows": {"relation": []}, "Strength": {"number": None},
                                               "Follow up on": {"date": None}, "Why": {"rich_text": []}})
    values = fake.page_values(a)
    assert (values["Knows"], values["Strength"], values["Follow up on"], values["Why"]) == ([], None, None, "")
    assert values["Name"] == "A" and b not in values["Knows"]


def test_patch_accepts_property_ids_as_keys_and_bumps_last_edited(fake, notion, outreach):
    page_id = fake.add_people(outreach[1], [{"Name": "A"}])[0]
    before = notion.pages.retrieve(page_id=page_id)
    fake.clock.advance(minutes=3)
    stale_id = before["properties"]["Stale"]["id"]
    after = notion.pages.update(page_id=page_id, properties={stale_id: {"checkbox": True}})
    assert after["properties"]["Stale"]["checkbox"] is True
    assert after["last_edited_time"] > before["last_edited_time"]
    assert after["last_edited_by"]["id"] == fake.bot.id != before["last_edited_by"]["id"]
    assert fake.patches() == [(page_id, {"properties": {stale_id: {"checkbox": True}}})]


@pytest.mark.parametrize("properties, fragment", [
    ({"Nope": {"rich_text": []}}, "Nope is not a property that exists."),
    ({"Strength": {"rich_text": []}}, "Strength is expected to be number."),
    ({"Strength": {"number": "high"}}, "number"),
    ({"Why": {"rich_text": [{"text": {"content": "x" * 2001}}]}}, "2001"),
    ({"Status": {"status": {"name": "Ghosted"}}}, "Ghosted"),
    ({"Stale": {"checkbox": None}}, "checkbox"),
    ({"Follow up on": {"date": {"start": "next tuesday"}}}, "ISO 8601"),
    ({"Suggested ask": {"select": {"name": "a, b"}}}, "comma"),
])
def test_invalid_patches_are_400_validation_errors_and_change_nothing(fake, notion, outreach, properties, fragment):
    page_id = fake.add_people(outreach[1], [{"Name": "A", "Strength": 10}])[0]
    before = fake.page_values(page_id)
    error = _error(lambda: notion.pages.update(page_id=page_id, properties={"Strength": {"number": 99}, **properties}))
    assert (error.code, error.status) == ("validation_error", 400)
    assert fragment in str(error)
    assert fake.page_values(page_id) == before


def test_read_only_types_and_over_100_relations_are_refused(fake, notion):
    _, ds_id = fake.create_outreach_list(properties={"Created": {"created_time": {}}})
    ids = fake.add_people(ds_id, [{"Name": f"P{i}"} for i in range(101)])
    error = _error(lambda: notion.pages.update(page_id=ids[0], properties={"Created": {"created_time": "2026-01-01"}}))
    assert error.code == "validation_error"
    error = _error(lambda: notion.pages.update(page_id=ids[0], properties={
        "Knows": {"relation": [{"id": i} for i in ids]}}))
    assert error.code == "validation_error" and "100" in str(error)


def test_an_empty_string_text_is_accepted(fake, notion, outreach):
    page_id = fake.add_people(outreach[1], [{"Name": "A", "Why": "old"}])[0]
    notion.pages.update(page_id=page_id, properties={"Why": {"rich_text": [{"text": {"content": ""}}]}})
    assert fake.page_values(page_id)["Why"] == ""


def test_unknown_and_malformed_ids(notion):
    missing = "00000000-0000-4000-8000-000000000000"
    error = _error(lambda: notion.pages.retrieve(page_id=missing))
    assert error.code == "object_not_found" and error.status == 404
    assert str(error) == (f"Could not find page with ID: {missing}. "
                          "Make sure the relevant pages and databases are shared with your integration.")
    assert _error(lambda: notion.pages.retrieve(page_id="not-an-id")).code == "validation_error"


def test_create_page_in_a_data_source_returns_the_page(fake, notion, outreach):
    page = notion.pages.create(parent={"type": "data_source_id", "data_source_id": outreach[1]},
                               properties={"Name": {"title": [{"text": {"content": "New Person"}}]},
                                           "Company": {"select": {"name": "Figma"}}})
    assert page["properties"]["Company"]["select"]["name"] == "Figma"
    assert fake.page_values(page["id"])["Name"] == "New Person"
    assert page["created_by"]["id"] == fake.bot.id
