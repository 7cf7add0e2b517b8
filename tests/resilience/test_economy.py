"""Requests per run = schema reads + ceil(rows/100) queries + relation overflow fetches + changed rows,
plus one edit check (a query for rows edited meanwhile) when there is anything to write."""

from __future__ import annotations

import math

import pytest

from tests.fakes import FakeNotion
from worker.notion import pages

from .conftest import new_list, state_of

SCHEMA_READS = 2  # databases.retrieve + data_sources.retrieve
EDIT_CHECK = 1  # before the first write: which rows did a person edit since the read began?


def connector_list() -> list[dict]:
    """250 rows; the first knows 30 people (5 past the 25 a page object carries)."""
    targets = [f"Target {n:02d}" for n in range(1, 31)]
    rows = [{"Name": "Connie Park", "Company": "Acme", "Closeness": "Warm", "Last contacted": "2026-11-02",
             "Knows": targets}]
    rows += [{"Name": name, "Company": "Stripe", "Closeness": "Cold"} for name in targets]
    rows += [{"Name": "Pat Paused", "Closeness": "Warm", "Paused": True, "Last contacted": "2026-11-20"}]
    rows += [{"Name": f"Other {n:03d}", "Company": "Elsewhere",
              "Closeness": ("Close", "Warm", "Acquaintance", "Cold")[n % 4],
              "Last contacted": f"2026-{n % 11 + 1:02d}-{n % 27 + 1:02d}"} for n in range(218)]
    return rows


def by_endpoint(fake: FakeNotion) -> dict[str, int]:
    return {"databases.retrieve": fake.count("GET", r"^/v1/databases/"),
            "data_sources.retrieve": fake.count("GET", r"^/v1/data_sources/[^/]+$"),
            "data_sources.query": fake.count("POST", r"/query$"),
            "pages.properties.retrieve": fake.count("GET", r"/properties/"),
            "pages.update": fake.count("PATCH")}


def test_a_250_row_list_costs_exactly_the_formula_first_run_and_only_reads_the_second(sync_cli):
    rows = connector_list()
    assert len(rows) == 250
    fake = FakeNotion()
    db_id, ds_id, _ = new_list(fake, rows)
    before = state_of(fake, ds_id)

    first = sync_cli(fake, db_id)
    assert first.code == 0, first.err
    changed = sum(1 for page_id, values in state_of(fake, ds_id).items() if values != before[page_id])
    assert changed == first.report["rows_changed"] == first.report["writes_sent"] == 249  # all but Paused
    assert by_endpoint(fake) == {"databases.retrieve": 1, "data_sources.retrieve": 1,
                                 "data_sources.query": math.ceil(250 / 100) + EDIT_CHECK,
                                 "pages.properties.retrieve": 1, "pages.update": changed}
    assert first.report["api_requests"] == len(fake.requests) == SCHEMA_READS + 3 + EDIT_CHECK + 1 + changed
    [check] = [q for q in fake.matching("POST", r"/query$") if "filter" in (q.body or {})]
    assert "last_edited_time" in str(check.body["filter"])
    assert first.report["retries"] == 0

    fake.reset_requests()
    second = sync_cli(fake, db_id)
    assert second.code == 0, second.err
    # Nothing changed: the schema, the three pages of rows and the 30 links are read; nothing to write,
    # so no edit check either.
    assert by_endpoint(fake) == {"databases.retrieve": 1, "data_sources.retrieve": 1, "data_sources.query": 3,
                                 "pages.properties.retrieve": 1, "pages.update": 0}
    assert second.report["api_requests"] == len(fake.requests) == SCHEMA_READS + 3 + 1


def test_queries_ask_only_for_the_template_properties(sync_cli):
    fake = FakeNotion()
    db_id, ds_id, _ = new_list(fake, connector_list()[-5:])
    assert sync_cli(fake, db_id).code == 0
    read, check = fake.matching("POST", r"/query$")  # the read, then the edit check before writing
    for query in (read, check):
        asked = query.query.get("filter_properties", [])
        assert len(asked) == 25  # the 13 user-owned and 12 worker-owned properties, not every column
        assert query.body["page_size"] == 100


def test_a_data_source_id_costs_the_same_two_schema_reads(sync_cli):
    fake = FakeNotion()
    _, ds_id, _ = new_list(fake, connector_list()[-5:])
    run = sync_cli(fake, ds_id)
    assert run.code == 0, run.err
    assert fake.count("GET") == SCHEMA_READS  # a 404 on databases.retrieve, then the data source


@pytest.mark.parametrize("rows", [120, 150])
def test_a_list_longer_than_one_querys_result_limit_is_read_whole_in_created_time_windows(rows, sync_cli,
                                                                                         monkeypatch):
    monkeypatch.setattr(pages, "QUERY_RESULT_LIMIT", 50)
    fake = FakeNotion(query_result_cap=50)
    db_id, ds_id, _ = new_list(fake, [{"Name": f"P {n:03d}", "Closeness": "Warm",
                                       "Last contacted": "2026-11-01"} for n in range(rows)])
    run = sync_cli(fake, db_id)
    assert run.code == 0, run.err
    assert run.report["rows_read"] == rows
    assert run.report["writes_sent"] == rows
    assert all(values["Worker state"] for values in state_of(fake, ds_id).values())
