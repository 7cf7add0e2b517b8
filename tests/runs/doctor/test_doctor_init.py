"""`outreach-worker init --parent-page PAGE`: a whole, correct Outreach List in one command, never two by accident."""

from __future__ import annotations

import json

from tests.fakes import compact_id, normalize_id

TEMPLATE_TYPES = {
    "Name": "title", "Company": "select", "Role": "select", "Closeness": "select", "Last contacted": "date",
    "Status": "select", "Knows": "relation", "Introduced by": "relation", "Shared interests": "multi_select",
    "Paused": "checkbox", "Meeting on": "date", "Email": "email", "LinkedIn": "url",
    "Suggested ask": "select", "Why": "rich_text", "Next step": "rich_text", "Draft": "rich_text",
    "Intro path": "rich_text", "Mail link": "url", "Intro via": "relation", "Follow up on": "date", "Stale": "checkbox",
    "Strength": "number", "Intros made": "number", "Worker state": "rich_text",
}
SELF_RELATIONS = ("Knows", "Introduced by", "Intro via")


def page_url(page_id: str) -> str:
    return f"https://www.notion.so/myspace/Job-search-{compact_id(page_id)}?pvs=4"


def source_of(fake, database_id: str) -> str:
    return fake.databases[normalize_id(database_id)].data_source_ids[0]


def options(prop: dict) -> list[tuple[str, str]]:
    return [(o["name"], o["color"]) for o in prop[prop["type"]]["options"]]


def test_init_creates_every_template_property_under_the_page(fake, cli):
    page = fake.add_page()
    run = cli("init", "--parent-page", page_url(page))
    assert run.code == 0, run.err
    database_id = run.database_id()
    ds_id = source_of(fake, database_id)
    schema = fake.data_source_object(ds_id)["properties"]
    assert {name: prop["type"] for name, prop in schema.items()} == TEMPLATE_TYPES
    assert options(schema["Closeness"]) == [("Close", "green"), ("Warm", "yellow"), ("Acquaintance", "orange"),
                                            ("Cold", "blue")]
    assert [name for name, _ in options(schema["Status"])] == [
        "Not contacted", "Reached out", "Replied", "Meeting scheduled", "Interviewing", "Referred", "In touch", "Not interested"]
    assert [name for name, _ in options(schema["Role"])] == [
        "Engineer", "Engineering Manager", "Recruiter", "Founder", "Other"]
    assert len(options(schema["Suggested ask"])) == 4
    for name in SELF_RELATIONS:
        relation = schema[name]["relation"]
        assert (relation["type"], relation["data_source_id"]) == ("single_property", ds_id)
    assert fake.databases_under(page) == [normalize_id(database_id)]
    assert f"Created \"Outreach List\" with the whole template: https://app.notion.com/p/{database_id}" in run.out
    assert f"\nOUTREACH_DATABASE_ID={database_id}\n" in run.out


def test_init_sends_one_create_then_one_patch_adding_the_self_relations(fake, cli):
    page = fake.add_page()
    assert cli("init", "--parent-page", page).code == 0
    [create] = fake.matching("POST", r"^/v1/databases$")
    sent = create.body["initial_data_source"]["properties"]
    assert set(sent) == set(TEMPLATE_TYPES) - set(SELF_RELATIONS)
    assert sent["Status"] == {"select": {"options": [
        {"name": "Not contacted", "color": "default"}, {"name": "Reached out", "color": "blue"},
        {"name": "Replied", "color": "purple"}, {"name": "Meeting scheduled", "color": "yellow"},
        {"name": "Interviewing", "color": "orange"}, {"name": "Referred", "color": "green"},
        {"name": "In touch", "color": "brown"}, {"name": "Not interested", "color": "red"}]}}
    assert create.body["parent"] == {"type": "page_id", "page_id": compact_id(page)}
    [patch] = fake.matching("PATCH", r"^/v1/data_sources/")
    assert set(patch.body["properties"]) == set(SELF_RELATIONS)


def test_init_says_status_is_a_select_and_why(fake, cli):
    run = cli("init", "--parent-page", fake.add_page())
    assert "Notion's API cannot set a status property's options" in run.out


def test_init_twice_on_the_same_page_refuses_the_second_time_with_the_first_lists_url(fake, cli):
    page = fake.add_page()
    first = cli("init", "--parent-page", page)
    second = cli("init", "--parent-page", page)
    assert second.code == 2
    database_id = first.database_id()
    assert f'already holds a database titled "Outreach List": https://app.notion.com/p/{database_id}' in second.err
    assert f"OUTREACH_DATABASE_ID={database_id}" in second.err
    assert "pass a different --title" in second.err
    assert len(fake.databases_under(page)) == 1
    assert fake.count("POST", r"^/v1/databases$") == 1


def test_init_with_a_different_title_makes_a_second_list(fake, cli):
    page = fake.add_page()
    cli("init", "--parent-page", page)
    run = cli("init", "--parent-page", page, "--title", "Outreach List 2027")
    assert run.code == 0, run.err
    assert len(fake.databases_under(page)) == 2


def test_init_uses_the_configured_property_names(fake, cli):
    renamed = '[properties]\ncloseness = "How close"\nintro_via = "Ask first"\n'
    run = cli("init", "--parent-page", fake.add_page(), config_text=renamed)
    assert run.code == 0, run.err
    schema = fake.data_source_object(source_of(fake, run.database_id()))["properties"]
    assert {"How close", "Ask first"} <= set(schema) and not {"Closeness", "Intro via"} & set(schema)


def test_init_under_a_page_not_shared_with_the_integration_exits_3_and_creates_nothing(fake, cli):
    run = cli("init", "--parent-page", "0123456789abcdef0123456789abcdef")
    assert run.code == 3
    assert "Share that page with your integration" in run.err
    assert fake.databases == {}


def test_init_under_a_page_not_shared_says_so_as_json_too(fake, cli):
    run = cli("init", "--json", "--parent-page", "0123456789abcdef0123456789abcdef")
    answer = json.loads(run.out)
    assert (run.code, answer["exit_code"]) == (3, 3)
    assert "Notion refused access to the page 0123456789abcdef0123456789abcdef" in answer["error"]
    assert answer["error"] in run.err


def test_init_with_a_wrong_token_exits_3(fake, cli):
    run = cli("init", "--parent-page", fake.add_page(), token="secret_nope")
    assert run.code == 3
    assert fake.databases == {}


def test_init_with_something_that_is_not_a_page_exits_2(fake, cli):
    run = cli("init", "--parent-page", "my job search page")
    assert run.code == 2
    assert fake.requests == []


def test_init_then_rows_then_sync_writes_their_worker_fields_with_no_other_step(fake, cli):
    run = cli("init", "--parent-page", fake.add_page())
    database_id = run.database_id()
    ds_id = source_of(fake, database_id)
    alice, bob, carol = fake.add_people(ds_id, [
        {"Name": "Alice Chen", "Company": "Acme", "Closeness": "Warm", "Last contacted": "2026-11-02",
         "Status": "Not contacted"},
        {"Name": "Bob Li", "Company": "Stripe", "Closeness": "Cold", "Status": "Not contacted"},
        {"Name": "Carol Diaz", "Company": "Stripe", "Closeness": "Close", "Last contacted": "2026-10-01",
         "Status": "Not contacted", "Knows": ["Alice Chen"]},
    ])
    synced = cli("sync", "--today", "2026-11-26", database=database_id, targets="Stripe")
    assert synced.code == 0, synced.err
    values = {page: fake.page_values(page) for page in (alice, bob, carol)}
    assert values[carol]["Suggested ask"] == "Pitch for interview"
    assert values[alice]["Suggested ask"] == "Request introductions"
    assert values[bob]["Suggested ask"] == "Pitch for interview"
    for page in (alice, carol):
        assert isinstance(values[page]["Strength"], (int, float))
        assert values[page]["Why"] and values[page]["Worker state"]
    assert values[carol]["Follow up on"] == "2026-11-26"
    writes = len(fake.patches())
    assert cli("sync", "--today", "2026-11-26", database=database_id, targets="Stripe").code == 0
    assert len(fake.patches()) == writes  # nothing changed, nothing sent
    assert cli("check", database=database_id).code == 0
