"""Databases and data source schemas: create, add, rename, delete, self-relations, status limits."""

from __future__ import annotations

import pytest
from notion_client import APIResponseError

PARENT = {"type": "page_id", "page_id": "29399f72-bada-817a-8f1a-c8993ed79d4f"}


def _error(call) -> APIResponseError:
    with pytest.raises(APIResponseError) as caught:
        call()
    return caught.value


def test_create_database_then_add_a_self_relation(fake, notion):
    database = notion.databases.create(parent=PARENT, title=[{"type": "text", "text": {"content": "Contacts"}}],
                                       initial_data_source={"properties": {
                                           "Name": {"title": {}}, "Closeness": {"select": {"options": [
                                               {"name": "Close", "color": "red"}]}}}})
    assert database["object"] == "database" and database["data_sources"][0]["name"] == "Contacts"
    ds_id = database["data_sources"][0]["id"]
    assert ds_id != database["id"]
    source = notion.data_sources.update(data_source_id=ds_id, properties={
        "Intro via": {"relation": {"data_source_id": ds_id, "type": "single_property", "single_property": {}}}})
    relation = source["properties"]["Intro via"]["relation"]
    assert relation == {"database_id": database["id"], "data_source_id": ds_id, "type": "single_property",
                        "single_property": {}}
    close = source["properties"]["Closeness"]["select"]["options"][0]
    assert list(close) == ["id", "name", "color", "description"] and close["color"] == "red"


def test_update_data_source_adds_renames_and_deletes(fake, notion, outreach):
    ds_id = outreach[1]
    page_id = fake.add_people(ds_id, [{"Name": "A", "Why": "because"}])[0]
    source = notion.data_sources.update(data_source_id=ds_id, properties={
        "Notes": {"rich_text": {}}, "Why": {"name": "Reason"}, "Stale": None})
    props = source["properties"]
    assert props["Notes"]["type"] == "rich_text" and "Stale" not in props and "Why" not in props
    assert fake.page_values(page_id)["Reason"] == "because"
    assert "Stale" not in notion.pages.retrieve(page_id=page_id)["properties"]


def test_status_options_cannot_be_set_through_the_api(notion, outreach):
    error = _error(lambda: notion.data_sources.update(data_source_id=outreach[1], properties={
        "Status": {"status": {"options": [{"name": "Ghosted"}]}}}))
    assert error.code == "validation_error"


def test_a_relation_must_name_a_data_source_not_a_database(notion, outreach):
    db_id, ds_id = outreach
    error = _error(lambda: notion.data_sources.update(data_source_id=ds_id, properties={
        "Link": {"relation": {"database_id": db_id, "type": "single_property", "single_property": {}}}}))
    assert error.code == "validation_error"


def test_the_title_property_cannot_be_deleted_and_names_must_stay_unique(notion, outreach):
    assert _error(lambda: notion.data_sources.update(
        data_source_id=outreach[1], properties={"Name": None})).code == "validation_error"
    assert _error(lambda: notion.data_sources.update(
        data_source_id=outreach[1], properties={"Why": {"name": "Next step"}})).code == "validation_error"


def test_a_second_data_source_shows_in_the_database(fake, notion, outreach):
    db_id, _ = outreach
    fake.add_data_source(db_id, "Companies", {"Name": {"title": {}}})
    assert len(notion.databases.retrieve(database_id=db_id)["data_sources"]) == 2
