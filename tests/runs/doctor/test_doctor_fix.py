"""`check --fix` on a list you already have: every missing column added as an empty one of the right type,
never a twin of a column you have under another name (it prints the config line instead)."""

from __future__ import annotations

import json

from tests.fakes.template import USER_OWNED

OPTIONAL = ("Meeting on", "Email", "LinkedIn", "Mail link")


def schema_of(fake, ds_id: str) -> dict:
    return fake.data_source_object(ds_id)["properties"]


def schema_patches(fake) -> list:
    """The schema changes sent (check's no-op update proving the list takes updates changes nothing)."""
    return [r for r in fake.matching("PATCH", r"^/v1/data_sources/") if r.body != {"properties": {}}]


def proposal(run, label: str) -> str:
    """The ↳ line under a property's line."""
    lines = run.out.splitlines()
    at = max(i for i, line in enumerate(lines) if line.strip().startswith(label + "  "))
    follow = lines[at + 1].strip()
    assert follow.startswith("↳ "), run.out
    return follow[2:]


def test_fix_adds_the_six_columns_of_yours_a_list_lacks_and_the_list_then_passes(fake, cli):
    missing = ("Role", "Closeness", "Last contacted", "Knows", "Introduced by", "Shared interests")
    db_id, ds_id = fake.create_outreach_list(properties={name: None for name in missing})
    run = cli("check", "--fix", database=db_id)
    assert run.code == 0, run.out
    schema = schema_of(fake, ds_id)
    assert {name: schema[name]["type"] for name in missing} == {
        "Role": "select", "Closeness": "select", "Last contacted": "date", "Knows": "relation",
        "Introduced by": "relation", "Shared interests": "multi_select"}
    assert schema["Knows"]["relation"]["data_source_id"].replace("-", "") == ds_id.replace("-", "")
    assert [o["name"] for o in schema["Role"]["select"]["options"]] == [
        "Engineer", "Engineering Manager", "Recruiter", "Founder", "Other"]
    assert "are empty: fill them in for each person in Notion." in run.out


def test_check_lists_absent_optional_columns_as_fine_and_fix_adds_them(fake, cli):
    db_id, ds_id = fake.create_outreach_list(properties={name: None for name in OPTIONAL})
    check = cli("check", database=db_id)
    assert check.code == 0
    assert check.verdict("Email").startswith("optional, not in the list")
    assert "`outreach-worker check --fix` adds the optional" in check.out
    fixed = cli("check", "--fix", database=db_id)
    assert fixed.code == 0
    schema = schema_of(fake, ds_id)
    assert {name: schema[name]["type"] for name in OPTIONAL} == {
        "Meeting on": "date", "Email": "email", "LinkedIn": "url", "Mail link": "url"}


def test_a_column_of_the_right_type_under_a_similar_name_gets_the_config_line_not_a_twin(fake, cli, tmp_path):
    db_id, ds_id = fake.create_outreach_list(properties={"Closeness": {"name": "How close"},
                                                          "LinkedIn": {"name": "Linkedin URL"}})
    run = cli("check", "--fix", database=db_id)
    assert run.code == 2
    assert proposal(run, "Closeness") == ('"How close" looks like it: map it with `closeness = "How close"` '
                                          "(see below); --fix adds no twin.")
    assert proposal(run, "LinkedIn").startswith('"Linkedin URL" looks like it: map it with `linkedin = "Linkedin URL"`')
    assert run.out.rstrip().splitlines()[-4:-1] == [
        f"To use the columns that look like missing ones, put these lines under [properties] in {tmp_path / 'outreach.toml'}:",
        '  closeness = "How close"', '  linkedin = "Linkedin URL"']
    assert "Closeness" not in schema_of(fake, ds_id) and "LinkedIn" not in schema_of(fake, ds_id)
    assert schema_patches(fake) == []
    mapped = cli("check", database=db_id,
                 config_text='[properties]\ncloseness = "How close"\nlinkedin = "Linkedin URL"\n')
    assert mapped.code == 0, mapped.out


def test_a_lookalike_of_the_wrong_type_says_to_retype_it_and_gets_no_twin(fake, cli):
    db_id, ds_id = fake.create_outreach_list(properties={"Closeness": None, "How close": {"rich_text": {}}})
    run = cli("check", "--fix", database=db_id)
    assert proposal(run, "Closeness").startswith(
        '"How close" looks like it but is text: change its type to select in Notion, then map it with '
        '`closeness = "How close"` under [properties] in ')
    assert "Closeness" not in schema_of(fake, ds_id)


def test_a_renamed_title_is_proposed_and_never_added(fake, cli):
    db_id, ds_id = fake.create_outreach_list(properties={"Name": {"name": "Person"}})
    run = cli("check", "--fix", database=db_id)
    assert proposal(run, "Name").startswith('"Person" looks like it: map it with `name = "Person"`')
    assert [name for name, prop in schema_of(fake, ds_id).items() if prop["type"] == "title"] == ["Person"]


def test_a_worker_column_maps_only_to_the_same_letters_and_is_added_beside_a_column_of_yours(fake, cli):
    db_id, ds_id = fake.create_outreach_list(properties={
        "Follow up on": None, "Follow up date": {"date": {}},  # yours: the worker must not write into it
        "Next step": {"name": "next-step"},                    # the worker's own, renamed by case and dash
    })
    run = cli("check", "--fix", database=db_id)
    assert proposal(run, "Next step").startswith('"next-step" looks like it: map it with `next_step = "next-step"`')
    schema = schema_of(fake, ds_id)
    assert schema["Follow up on"]["type"] == "date" and "Next step" not in schema


def test_a_self_relation_lookalike_must_relate_to_this_list(fake, cli):
    _, other = fake.create_database("Companies", {"Name": {"title": {}}})
    db_id, _ = fake.create_outreach_list(properties={
        "Knows": None,
        "Connections": {"relation": {"data_source_id": other, "type": "single_property", "single_property": {}}}})
    run = cli("check", database=db_id)
    assert proposal(run, "Knows").startswith(
        '"Connections" looks like it but is a relation to another database: point it at this list in Notion, '
        'then map it with `knows = "Connections"`')


def test_fix_only_ever_adds(fake, cli):
    db_id, _ = fake.create_outreach_list(properties={
        "Closeness": None, "Paused": None, "Why": None, "Strength": {"rich_text": {}}, "Company": {"name": "Employer"}})
    cli("check", "--fix", database=db_id)
    [patch] = schema_patches(fake)
    for name, spec in patch.body["properties"].items():
        assert spec is not None and "name" not in spec, name  # no removal, no rename
    assert set(patch.body["properties"]) == {"Closeness", "Paused", "Why"}
    assert set(patch.body["properties"]).isdisjoint(USER_OWNED[1:2])  # Company is proposed, not added


def test_check_json_lists_the_lookalikes_of_each_missing_column(fake, cli):
    db_id, _ = fake.create_outreach_list(properties={"Closeness": {"name": "How close"}})
    run = cli("check", "--json", database=db_id)
    closeness = next(p for p in json.loads(run.out)["properties"] if p["key"] == "closeness")
    assert closeness["lookalikes"] == [{"column": "How close", "type": "select", "fits": True}]
