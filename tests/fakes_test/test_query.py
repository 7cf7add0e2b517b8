"""Querying a data source: pagination, page_size limits, created_time sorts and filters, the result cap."""

from __future__ import annotations

import pytest
from notion_client import APIResponseError, collect_paginated_api

from tests.fakes import FakeNotion

ASCENDING = [{"timestamp": "created_time", "direction": "ascending"}]


def _names(results: list[dict]) -> list[str]:
    return [r["properties"]["Name"]["title"][0]["plain_text"] for r in results]


@pytest.fixture
def people_250(fake: FakeNotion, outreach) -> list[str]:
    return fake.add_people(outreach[1], [{"Name": f"Person {i:03}"} for i in range(250)])


def test_250_rows_come_back_in_three_pages_of_at_most_100(fake, notion, outreach, people_250):
    sizes, cursor = [], None
    while True:
        kwargs = {"start_cursor": cursor} if cursor else {}
        answer = notion.data_sources.query(data_source_id=outreach[1], sorts=ASCENDING, **kwargs)
        sizes.append(len(answer["results"]))
        if not answer["has_more"]:
            assert answer["next_cursor"] is None
            break
        cursor = answer["next_cursor"]
    assert sizes == [100, 100, 50]
    assert fake.count("POST", r"/query$") == 3


def test_collect_paginated_api_reads_every_row_once_in_created_order(notion, outreach, people_250):
    rows = collect_paginated_api(notion.data_sources.query, data_source_id=outreach[1], sorts=ASCENDING)
    assert _names(rows) == [f"Person {i:03}" for i in range(250)]


def test_page_size_above_100_is_a_validation_error(notion, outreach):
    with pytest.raises(APIResponseError) as caught:
        notion.data_sources.query(data_source_id=outreach[1], page_size=101)
    assert caught.value.code == "validation_error" and caught.value.status == 400


def test_an_unknown_body_key_is_a_validation_error(notion, outreach):
    with pytest.raises(APIResponseError) as caught:
        notion.request(path=f"data_sources/{outreach[1]}/query", method="POST", body={"limit": 3})
    assert caught.value.code == "validation_error"


def test_created_time_windows_filter_with_and(fake, notion, outreach):
    ids = fake.add_people(outreach[1], [{"Name": n} for n in ("A", "B", "C", "D")])
    created = [fake.page_object(i)["created_time"] for i in ids]
    assert created == sorted(set(created))   # distinct and increasing
    window = {"and": [
        {"timestamp": "created_time", "created_time": {"on_or_after": created[1]}},
        {"timestamp": "created_time", "created_time": {"before": created[3]}},
    ]}
    answer = notion.data_sources.query(data_source_id=outreach[1], filter=window, sorts=ASCENDING)
    assert _names(answer["results"]) == ["B", "C"]
    after = {"timestamp": "created_time", "created_time": {"after": created[2]}}
    assert _names(notion.data_sources.query(data_source_id=outreach[1], filter=after)["results"]) == ["D"]


def test_the_query_stops_at_the_result_cap(fake, notion, outreach):
    fake.query_result_cap = 5
    fake.add_people(outreach[1], [{"Name": f"P{i}"} for i in range(8)])
    rows = collect_paginated_api(notion.data_sources.query, data_source_id=outreach[1], sorts=ASCENDING,
                                 page_size=2)
    assert _names(rows) == ["P0", "P1", "P2", "P3", "P4"]


def test_filter_properties_limits_the_returned_properties(fake, notion, outreach):
    fake.add_people(outreach[1], [{"Name": "Alice", "Company": "Stripe"}])
    schema = notion.data_sources.retrieve(data_source_id=outreach[1])["properties"]
    answer = notion.data_sources.query(data_source_id=outreach[1],
                                       filter_properties=["title", schema["Company"]["id"]])
    assert set(answer["results"][0]["properties"]) == {"Name", "Company"}


def test_property_filters_and_sorts_work_for_common_types(fake, notion, outreach):
    fake.add_people(outreach[1], [{"Name": "Cy", "Paused": True, "Closeness": "Warm"},
                                  {"Name": "Al", "Closeness": "Close"}, {"Name": "Bo", "Closeness": "Warm"}])
    warm = {"and": [{"property": "Closeness", "select": {"equals": "Warm"}},
                    {"property": "Paused", "checkbox": {"equals": False}}]}
    assert _names(notion.data_sources.query(data_source_id=outreach[1], filter=warm)["results"]) == ["Bo"]
    by_name = notion.data_sources.query(data_source_id=outreach[1],
                                        sorts=[{"property": "Name", "direction": "descending"}])
    assert _names(by_name["results"]) == ["Cy", "Bo", "Al"]


def test_trashed_pages_are_not_returned(fake, notion, outreach):
    ids = fake.add_people(outreach[1], [{"Name": "Kept"}, {"Name": "Trashed"}])
    fake.trash_page(ids[1])
    assert _names(notion.data_sources.query(data_source_id=outreach[1])["results"]) == ["Kept"]


def test_a_database_id_is_not_a_data_source_id(notion, outreach):
    with pytest.raises(APIResponseError) as caught:
        notion.data_sources.query(data_source_id=outreach[0])
    assert caught.value.code == "object_not_found"
