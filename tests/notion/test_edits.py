"""fetch_edits: which rows changed since a moment, told apart from the worker's own writes by value."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import SecretStr

from tests.fakes import DEFAULT_TOKEN, FakeNotion
from worker.core.configuration import NotionOptions, PropertyNames
from worker.notion.client import NotionGateway
from worker.notion.pages import SchemaDrift, fetch_edits, read_list
from worker.notion.schema import fetch_data_source

BASE_URL = "http://notion.fake"
NAMES = PropertyNames()
UTC = ZoneInfo("UTC")


@pytest.fixture
def world() -> Iterator[tuple[FakeNotion, NotionGateway]]:
    fake = FakeNotion()
    gateway = NotionGateway(SecretStr(DEFAULT_TOKEN), base_url=BASE_URL, options=NotionOptions(requests_per_second=1e6))
    with fake.respx(BASE_URL):
        yield fake, gateway
    gateway.close()


def edits_since_now(fake: FakeNotion, gateway: NotionGateway, ds_id: str) -> Callable[[], list]:
    source = fetch_data_source(gateway, ds_id)
    known = {person.page_id: person for person in read_list(gateway, source, NAMES, UTC).people}
    moment = fake.clock.now()
    fake.clock.advance(minutes=3)
    return lambda: fetch_edits(gateway, source, NAMES, UTC, since=moment, created_from="", known=known)


def test_a_row_a_person_edited_is_found_and_read_whole(world):
    fake, gateway = world
    _, ds_id = fake.create_outreach_list()
    ids = fake.add_people(ds_id, [{"Name": "Ada"}, {"Name": "Bob"}] + [{"Name": f"T{n}"} for n in range(30)])
    look = edits_since_now(fake, gateway, ds_id)
    fake.set_values(ids[0], {"Knows": ids[2:]})  # 30 links: the page shows 25
    [edit] = look()
    assert edit.person.name == "Ada" and len(edit.person.knows) == 30
    assert edit.created.endswith(":00.000Z")


def test_an_edit_that_changes_nothing_the_worker_reads_is_not_an_edit(world):
    fake, gateway = world
    _, ds_id = fake.create_outreach_list(properties={"Notes": {"rich_text": {}}})
    ids = fake.add_people(ds_id, [{"Name": "Ada"}])
    look = edits_since_now(fake, gateway, ds_id)
    fake.set_values(ids[0], {"Notes": "birthday in May"})  # a column of the user's that the worker never reads
    assert look() == []


def test_a_persons_edit_is_found_even_when_the_workers_bot_edited_the_row_last(world):
    # last_edited_by names only the last editor: a person's edit, then the worker's write, reads as the bot's.
    fake, gateway = world
    _, ds_id = fake.create_outreach_list()
    ids = fake.add_people(ds_id, [{"Name": "Ada"}])
    look = edits_since_now(fake, gateway, ds_id)
    fake.set_values(ids[0], {"Status": "Replied"})
    fake.pages[ids[0]].last_edited_by = fake.bot.id  # as if the worker's PATCH came after the person's edit
    assert [edit.person.status for edit in look()] == ["Replied"]


def test_a_row_retyped_under_the_look_is_schema_drift_not_an_edit(world):
    fake, gateway = world
    _, ds_id = fake.create_outreach_list()
    ids = fake.add_people(ds_id, [{"Name": "Ada"}])
    look = edits_since_now(fake, gateway, ds_id)
    fake.change_schema(ds_id, {"Why": {"number": {}}})
    fake.set_values(ids[0], {"Name": "Ada Byron"})
    with pytest.raises(SchemaDrift):
        look()


def test_edits_before_the_moment_less_a_minute_are_not_asked_for(world):
    fake, gateway = world
    _, ds_id = fake.create_outreach_list()
    ids = fake.add_people(ds_id, [{"Name": "Ada"}])
    fake.clock.advance(minutes=10)
    source = fetch_data_source(gateway, ds_id)
    fake.set_values(ids[0], {"Name": "Ada Byron"})
    fake.clock.advance(minutes=2)
    found = fetch_edits(gateway, source, NAMES, UTC, since=fake.clock.now() - timedelta(minutes=1),
                        created_from="", known={})
    assert found == []
    [query] = [q for q in fake.matching("POST", r"/query$")]
    assert query.body["filter"]["last_edited_time"]["on_or_after"].endswith(":00.000Z")  # floored to the minute
