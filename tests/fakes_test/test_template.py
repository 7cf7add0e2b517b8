"""The SPEC §3 template builder and the plain-value helpers everybody's tests use."""

from __future__ import annotations

import pytest

from tests.fakes import STATUS_OPTIONS, FakeNotion

EXPECTED_TYPES = {
    "Name": "title", "Company": "select", "Role": "select", "Closeness": "select", "Last contacted": "date",
    "Status": "status", "Knows": "relation", "Introduced by": "relation", "Shared interests": "multi_select",
    "Paused": "checkbox", "Meeting on": "date", "Email": "email", "LinkedIn": "url",
    "Suggested ask": "select", "Why": "rich_text", "Next step": "rich_text", "Draft": "rich_text",
    "Intro path": "rich_text", "Mail link": "url", "Intro via": "relation", "Follow up on": "date", "Stale": "checkbox",
    "Strength": "number", "Intros made": "number", "Worker state": "rich_text",
}


def test_the_template_has_every_spec_property_with_its_type(fake: FakeNotion, outreach):
    props = fake.data_source_object(outreach[1])["properties"]
    assert {name: p["type"] for name, p in props.items()} == EXPECTED_TYPES
    assert [o["name"] for o in props["Status"]["status"]["options"]] == [n for n, _, _ in STATUS_OPTIONS]
    assert len(props["Suggested ask"]["select"]["options"]) == 4
    for name in ("Knows", "Introduced by", "Intro via"):
        assert props[name]["relation"]["data_source_id"] == outreach[1]
        assert props[name]["relation"]["type"] == "single_property"


def test_overrides_drop_rename_and_retype(fake: FakeNotion):
    _, ds_id = fake.create_outreach_list(properties={
        "Stale": None, "Company": {"name": "Employer"}, "Status": {"select": {"options": [{"name": "Replied"}]}}})
    props = fake.data_source_object(ds_id)["properties"]
    assert "Stale" not in props and "Company" not in props and props["Employer"]["type"] == "select"
    assert props["Status"]["type"] == "select"


def test_add_people_resolves_relations_by_name_and_returns_ids_in_order(fake: FakeNotion, outreach):
    alice, bob = fake.add_people(outreach[1], [
        {"Name": "Alice Chen", "Company": "Stripe", "Role": "Engineer", "Closeness": "Warm",
         "Last contacted": "2026-09-03", "Status": "Not contacted", "Knows": ["Bob Li"], "Introduced by": [],
         "Shared interests": ["Rust"], "Paused": False},
        {"Name": "Bob Li", "Introduced by": ["Alice Chen"], "Strength": 55},
    ])
    assert fake.page_values(alice)["Knows"] == [bob.replace("-", "")]
    assert fake.page_values(bob)["Introduced by"] == [alice.replace("-", "")]
    values = fake.page_values(alice)
    assert (values["Company"], values["Status"], values["Last contacted"], values["Shared interests"]) == (
        "Stripe", "Not contacted", "2026-09-03", ["Rust"])
    assert fake.pages_of(outreach[1]) == [alice, bob]


def test_add_people_refuses_unknown_names_and_status_options(fake: FakeNotion, outreach):
    with pytest.raises(ValueError, match="Nobody"):
        fake.add_people(outreach[1], [{"Name": "A", "Knows": ["Nobody"]}])
    with pytest.raises(ValueError, match="Ghosted"):
        fake.add_people(outreach[1], [{"Name": "A", "Status": "Ghosted"}])


def test_set_values_is_a_user_edit_that_bumps_last_edited(fake: FakeNotion, outreach):
    page_id = fake.add_people(outreach[1], [{"Name": "A"}])[0]
    before = fake.page_object(page_id)
    fake.clock.advance(minutes=10)
    fake.set_values(page_id, {"Follow up on": "2026-12-01"})
    after = fake.page_object(page_id)
    assert fake.page_values(page_id)["Follow up on"] == "2026-12-01"
    assert after["last_edited_time"] > before["last_edited_time"]
    assert after["last_edited_by"]["id"] == fake.person.id
    assert fake.requests == []   # builders are not API traffic


def test_the_same_seed_gives_the_same_ids():
    first, second = FakeNotion(seed=7), FakeNotion(seed=7)
    assert first.create_outreach_list() == second.create_outreach_list()
