"""`check` finds what would make every write fail or write elsewhere: no "Update content" capability,
a two-way Intro via. And a sync refuses the same list before writing anything."""

from __future__ import annotations

from tests.fakes import READ, FakeNotion

DUAL = {"relation": {"data_source_id": "self", "type": "dual_property", "dual_property": {}}}
NO_OP = {"properties": {}}


def probes(fake: FakeNotion) -> list:
    return [r for r in fake.matching("PATCH", r"^/v1/data_sources/") if r.body == NO_OP]


def test_check_proves_the_integration_may_update_the_list_with_one_change_that_changes_nothing(fake, cli):
    db_id, ds_id = fake.create_outreach_list()
    before = fake.data_source_object(ds_id)["properties"]
    run = cli("check", database=db_id)
    assert run.code == 0, run.err
    assert "Updates: ok (the integration may change the list)." in run.out
    assert len(probes(fake)) == 1
    assert fake.data_source_object(ds_id)["properties"] == before


def test_check_without_the_update_capability_exits_3_with_the_fix_and_still_lists_the_columns(fake, cli):
    db_id, ds_id = fake.create_outreach_list()
    fake.capabilities = {READ}
    run = cli("check", database=db_id)
    assert run.code == 3
    assert "Updates: refused" in run.out and "every write of a sync would fail" in run.out
    assert 'the "Update content" capability' in run.out and "then run `outreach-worker check` again." in run.out
    assert run.verdict("Follow up on") == "ok"  # the columns are still checked and listed


def test_check_fix_without_the_update_capability_adds_nothing_and_exits_3(fake, cli):
    db_id, ds_id = fake.create_outreach_list(properties={"Why": None})
    fake.capabilities = {READ}
    run = cli("check", "--fix", database=db_id)
    assert run.code == 3
    assert "Updates: refused" in run.out
    assert "Why" not in fake.data_source_object(ds_id)["properties"]
    assert probes(fake) == []  # the fix's own change was the proof


def test_a_two_way_intro_via_is_a_problem_check_names_with_the_fix(fake, cli):
    db_id, ds_id = fake.create_outreach_list(properties={"Intro via": DUAL})
    run = cli("check", database=db_id)
    assert run.code == 2
    line = run.line("Intro via")
    assert "two-way relation: writing it would also fill" in line
    assert f'"Related to Outreach List (Intro via)"' in line  # the synced column Notion made
    assert "turn off its two-way setting" in line
    assert run.verdict("Knows") == "ok"  # a two-way Knows is the user's own business: the worker never writes it


def test_a_sync_refuses_a_two_way_intro_via_before_writing_anything(fake, cli):
    db_id, ds_id = fake.create_outreach_list(properties={"Intro via": DUAL, "Knows": DUAL})
    fake.add_people(ds_id, [{"Name": "Connie", "Closeness": "Warm", "Last contacted": "2026-11-02", "Knows": ["Tim"]},
                            {"Name": "Tim", "Company": "Stripe", "Closeness": "Cold"}])
    run = cli("sync", "--today", "2026-11-26", database=db_id, targets="Stripe")
    assert run.code == 2
    assert '"Intro via" two-way relation' in run.err and "Nothing was written." in run.err
    assert fake.patches(include_failed=True) == []
