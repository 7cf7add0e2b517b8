"""POST /v1/views through the real client: the recorded shape, and filters checked like a query's."""

from __future__ import annotations

import pytest
from notion_client import APIResponseError, Client

from tests.fakes import DEFAULT_TOKEN
from tests.fakes.workspace import PagesFakeNotion
from tests.fakes_test.conftest import QUIET

VIEW_KEYS = ["object", "id", "parent", "data_source_id", "name", "type", "created_time", "created_by",
             "last_edited_time", "last_edited_by", "url", "filter", "sorts", "quick_filters", "configuration",
             "request_id"]


@pytest.fixture
def fake():
    return PagesFakeNotion()


@pytest.fixture
def client(fake):
    with fake.respx():
        yield Client(auth=DEFAULT_TOKEN, retry=False, logger=QUIET)


def test_a_table_view_has_the_recorded_shape(fake, client):
    db_id, ds_id = fake.create_outreach_list()
    view = client.views.create(data_source_id=ds_id, database_id=db_id, name="Next up", type="table",
                               filter={"property": "Follow up on", "date": {"is_not_empty": True}},
                               sorts=[{"property": "Follow up on", "direction": "ascending"}])
    assert list(view) == VIEW_KEYS
    assert view["parent"] == {"type": "database_id", "database_id": db_id}
    assert view["url"].endswith(f"?v={view['id'].replace('-', '')}")
    assert [v.name for v in fake.views_of(db_id)] == ["Next up"]


def test_a_view_on_a_missing_property_or_another_database_is_refused(fake, client):
    db_id, ds_id = fake.create_outreach_list()
    other_db, _ = fake.create_outreach_list(title="Other")
    for bad in ({"filter": {"property": "Nope", "date": {"is_not_empty": True}}},
                {"sorts": [{"property": "Nope", "direction": "ascending"}]},
                {"database_id": other_db}):
        with pytest.raises(APIResponseError) as caught:
            client.views.create(data_source_id=ds_id, name="V", type="table", **bad)
        assert caught.value.code == "validation_error"
    with pytest.raises(APIResponseError) as missing:
        client.views.create(data_source_id="0" * 32, name="V", type="table")
    assert missing.value.status == 404
