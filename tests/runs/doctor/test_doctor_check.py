"""`outreach-worker check [--fix]`: token, access, a line per template property, and what --fix may add."""

from __future__ import annotations

import pytest

from tests.fakes import compact_id

WORKER_COLUMNS = ("Suggested ask", "Why", "Next step", "Intro path", "Intro via", "Follow up on", "Stale",
                  "Strength", "Worker state")


def schema_of(fake, ds_id: str) -> dict:
    return fake.data_source_object(ds_id)["properties"]


NO_OP = {"properties": {}}  # check's proof that the integration may update the list


def schema_patches(fake) -> list:
    """The schema changes sent (the no-op update that proves the capability changes nothing)."""
    return [r for r in fake.matching("PATCH", r"^/v1/data_sources/") if r.body != NO_OP]


def test_the_template_as_created_passes_with_a_line_per_property(fake, cli):
    db_id, _ = fake.create_outreach_list()
    run = cli("check", database=db_id)
    assert run.code == 0, run.err
    assert run.out.startswith('Token: ok (integration "outreach-worker fake" in workspace "Fake workspace").')
    assert '"Outreach List" <https://app.notion.com/p/' in run.out
    assert "is shared with the integration." in run.out
    for label in ("Name", "Company", "Closeness", "Status", "Knows", "Paused", *WORKER_COLUMNS):
        assert run.verdict(label) == "ok"
    assert run.out.rstrip().endswith("All 25 properties match the template.")


def test_a_database_missing_closeness_with_text_strength_exits_2_naming_both(fake, cli):
    db_id, _ = fake.create_outreach_list(properties={"Closeness": None, "Strength": {"rich_text": {}}})
    run = cli("check", database=db_id)
    assert run.code == 2
    assert run.verdict("Closeness").startswith(
        'missing: add a select property named "Closeness" in Notion with the options Close, Warm, Acquaintance, '
        "Cold, or point the worker at another select column with `closeness = \"Your column\"` under [properties]")
    assert "wrong type (is rich_text, should be number)" in run.line("Strength")
    assert '2 problems: "Closeness" missing; "Strength" is rich_text, should be number.' in run.out
    assert schema_patches(fake) == []  # check alone never changes the list


def test_check_suggests_fix_when_only_worker_columns_are_missing(fake, cli):
    db_id, _ = fake.create_outreach_list(properties={"Why": None})
    run = cli("check", database=db_id)
    assert run.code == 2
    assert "missing: run `outreach-worker check --fix` to add it (a text property)." in run.line("Why")
    assert 'Run `outreach-worker check --fix` to add "Why" as an empty column of the right type.' in run.out


def test_fix_adds_missing_columns_of_either_side_in_one_change_and_leaves_text_strength_alone(fake, cli):
    db_id, ds_id = fake.create_outreach_list(properties={
        "Closeness": None, "Strength": {"rich_text": {}}, "Suggested ask": None, "Intro via": None, "Why": None,
    })
    run = cli("check", "--fix", database=db_id)
    assert run.code == 2
    [patch] = schema_patches(fake)
    assert set(patch.body["properties"]) == {"Closeness", "Suggested ask", "Why", "Intro via"}
    schema = schema_of(fake, ds_id)
    assert [(o["name"], o["color"]) for o in schema["Suggested ask"]["select"]["options"]] == [
        ("Pitch for interview", "green"), ("Request introductions", "blue"), ("Ask for advice", "yellow"),
        ("Connect over shared interest", "purple")]
    relation = schema["Intro via"]["relation"]
    assert (relation["type"], compact_id(relation["data_source_id"])) == ("single_property", compact_id(ds_id))
    assert schema["Why"]["type"] == "rich_text"
    assert schema["Strength"]["type"] == "rich_text"  # a column the user has is never retyped
    assert [o["name"] for o in schema["Closeness"]["select"]["options"]] == ["Close", "Warm", "Acquaintance", "Cold"]
    assert 'Fix: adding "Closeness", "Suggested ask", "Why", "Intro via" to the list in one change.' in run.out
    assert '"Closeness" is empty: fill it in for each person in Notion.' in run.out
    assert run.line("Suggested ask").endswith("ok")
    assert run.line("Intro via").endswith("ok")
    strength = run.line("Strength")
    assert "wrong type (is rich_text, should be number)" in strength
    assert "the worker never changes a column's type. Rename or delete \"Strength\" in Notion" in strength
    assert "or point the worker at another number column with `strength = \"Your column\"`" in strength
    assert "--fix only adds missing columns; it never renames, retypes or removes one." in run.out


def test_fix_re_reads_the_schema_and_ends_at_exit_0_when_only_worker_columns_were_missing(fake, cli):
    db_id, ds_id = fake.create_outreach_list(properties={name: None for name in WORKER_COLUMNS})
    run = cli("check", "--fix", database=db_id)
    assert run.code == 0, run.out
    assert set(schema_of(fake, ds_id)) >= set(WORKER_COLUMNS)
    assert fake.count("GET", r"^/v1/data_sources/") == 2  # before and after the change
    assert run.out.count("Worker columns (the worker writes them):") == 2
    assert run.out.rstrip().endswith("All 25 properties match the template.")


def test_fix_with_nothing_missing_changes_nothing(fake, cli):
    db_id, _ = fake.create_outreach_list(properties={"Strength": {"rich_text": {}}})
    run = cli("check", "--fix", database=db_id)
    assert run.code == 2
    assert schema_patches(fake) == []
    assert "Fix: no column is missing; nothing to add." in run.out


def test_fix_uses_the_configured_names_for_the_columns_it_adds(fake, cli):
    db_id, ds_id = fake.create_outreach_list(properties={"Follow up on": None})
    run = cli("check", "--fix", database=db_id, config_text='[properties]\nfollow_up_on = "Next touch"\n')
    assert run.code == 0, run.out
    assert schema_of(fake, ds_id)["Next touch"]["type"] == "date"
    assert run.line("Follow up on").endswith('ok, renamed via config → "Next touch"')


def test_a_renamed_column_mapped_in_the_config_passes(fake, cli):
    db_id, _ = fake.create_outreach_list(properties={"Closeness": {"name": "How close"}})
    run = cli("check", database=db_id, config_text='[properties]\ncloseness = "How close"\n')
    assert run.code == 0, run.out
    assert run.line("Closeness").endswith('ok, renamed via config → "How close"')


def test_a_renamed_column_not_yet_mapped_is_reported_missing_with_the_mapping_to_add(fake, cli):
    db_id, _ = fake.create_outreach_list(properties={"Closeness": {"name": "How close"}})
    run = cli("check", database=db_id)
    assert run.code == 2
    assert '`closeness = "Your column"` under [properties] in ' in run.line("Closeness")


@pytest.mark.parametrize("override", [
    {"Status": {"select": {"options": [{"name": "Not contacted"}, {"name": "Reached out"}]}}},
    {"Company": {"rich_text": {}}},
], ids=["status as a select", "company as text"])
def test_the_accepted_alternative_types_pass(fake, cli, override):
    db_id, _ = fake.create_outreach_list(properties=override)
    assert cli("check", database=db_id).code == 0


def test_a_user_column_of_the_wrong_type_says_to_change_it_in_notion(fake, cli):
    db_id, _ = fake.create_outreach_list(properties={"Last contacted": {"rich_text": {}}})
    run = cli("check", "--fix", database=db_id)
    assert run.code == 2
    assert 'wrong type (is rich_text, should be date): change the type of "Last contacted" to date in Notion' \
        in run.line("Last contacted")
    assert schema_patches(fake) == []


def test_a_self_relation_pointing_at_another_database_is_a_problem(fake, cli):
    _, other = fake.create_database("Companies", {"Name": {"title": {}}})
    db_id, _ = fake.create_outreach_list(properties={
        "Knows": {"relation": {"data_source_id": other, "type": "single_property", "single_property": {}}}})
    run = cli("check", database=db_id)
    assert run.code == 2
    assert "relates to another database: it must relate to this Outreach List itself." in run.line("Knows")


def test_a_data_source_id_works_as_the_database_id(fake, cli):
    _, ds_id = fake.create_outreach_list()
    assert cli("check", database=ds_id).code == 0


def test_a_wrong_token_exits_3_without_showing_it(fake, cli):
    db_id, _ = fake.create_outreach_list()
    run = cli("check", database=db_id, token="secret_wrong_token_456")
    assert run.code == 3
    assert "Notion refused the token" in run.err and "NOTION_TOKEN" in run.err
    assert "secret_wrong_token_456" not in run.out + run.err


def test_a_database_not_shared_with_the_integration_exits_3_saying_to_share_it(fake, cli):
    fake.create_outreach_list()
    run = cli("check", database="0123456789abcdef0123456789abcdef")
    assert run.code == 3
    assert run.out.startswith("Token: ok")
    assert "Share the database with your integration" in run.err


def test_check_without_a_database_id_exits_2_before_calling_notion(fake, cli):
    run = cli("check")
    assert run.code == 2
    assert "OUTREACH_DATABASE_ID is not set" in run.err
    assert fake.requests == []


def test_a_renamed_column_mapped_in_the_config_syncs_correctly(fake, cli):
    renamed = '[properties]\ncloseness = "How close"\n'
    db_id, ds_id = fake.create_outreach_list(properties={"Closeness": {"name": "How close"}})
    close, cold = fake.add_people(ds_id, [
        {"Name": "Dana Park", "Company": "Acme", "How close": "Close", "Last contacted": "2026-11-20",
         "Status": "Not contacted"},
        {"Name": "Eli Ross", "Company": "Acme", "How close": "Cold", "Last contacted": "2026-11-20",
         "Status": "Not contacted"},
    ])
    assert cli("check", database=db_id, config_text=renamed).code == 0
    run = cli("sync", "--today", "2026-11-26", database=db_id, config_text=renamed)
    assert run.code == 0, run.err
    assert fake.page_values(close)["Strength"] == 100
    assert fake.page_values(close)["Suggested ask"] == "Request introductions"
    assert fake.page_values(cold)["Strength"] == 0
    assert fake.page_values(close)["How close"] == "Close"  # the user's column is only read


# --- SPEC §4.1 v3: the In touch option of Status ------------------------------------------------------------

SELECT_WITHOUT_IN_TOUCH = {"Status": {"select": {"options": [
    {"name": name} for name in ("Not contacted", "Reached out", "Replied", "Meeting scheduled", "Interviewing",
                                "Referred", "Not interested")]}}}


def test_check_says_how_to_add_in_touch_by_hand_to_a_notion_status_property(fake, cli):
    db_id, _ = fake.create_outreach_list()  # Status as a real status property, without In touch
    run = cli("check", database=db_id)
    assert run.code == 0, run.err
    assert '"Status" is a Notion status property without an "In touch" option, which Notion\'s API cannot add' in run.out
    assert 'Edit property' in run.out


def test_check_reports_a_select_without_in_touch_and_fix_adds_it_keeping_the_other_options(fake, cli):
    db_id, ds_id = fake.create_outreach_list(properties=SELECT_WITHOUT_IN_TOUCH)
    run = cli("check", database=db_id)
    assert '"Status" has no "In touch" option: `outreach-worker check --fix` adds it' in run.out
    assert schema_patches(fake) == []
    fixed = cli("check", "--fix", "--json", database=db_id)
    assert fixed.code == 0, fixed.err
    options = [o["name"] for o in schema_of(fake, ds_id)["Status"]["select"]["options"]]
    assert options[-1] == "In touch" and options[:7] == [o["name"] for o in SELECT_WITHOUT_IN_TOUCH["Status"]["select"]["options"]]
    again = cli("check", database=db_id)
    assert '"Status": has the In touch option.' in again.out
