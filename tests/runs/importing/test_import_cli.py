"""`outreach-worker import linkedin Connections.csv` against the fake Notion: what lands in the list."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.fakes import INSERT, READ, UPDATE

EXPORT = Path(__file__).parent / "data" / "Connections.csv"
CREATE = r"^/v1/pages$"
EXISTING = [
    {"Name": "Robert Li", "Company": "Elsewhere", "Closeness": "Close", "LinkedIn": "http://linkedin.com/in/Bob-Li/?trk=x",
     "Status": "Replied", "Last contacted": "2026-10-01"},
    {"Name": "Dana Fox", "Company": "Figma", "Closeness": "Warm", "Status": "Reached out"},
    {"Name": "Jane Doe", "Company": "Google", "LinkedIn": "https://www.linkedin.com/in/jane-doe-123"},
]
NEW_PEOPLE = ["Alice Chen", "Erin O'Neil", "Farid Haddad", "Zoë Müller 🚀", "Gus Park", "Hana Sato", "Ivan Petrov",
              "Jane Doe", "Kim Ng"]


@pytest.fixture
def export(tmp_path) -> Path:
    path = tmp_path / "Connections.csv"
    shutil.copy(EXPORT, path)
    return path


@pytest.fixture
def listed(fake):
    db_id, ds_id = fake.create_outreach_list()
    ids = fake.add_people(ds_id, EXISTING)
    return db_id, ds_id, ids


def rows(fake, ds_id) -> list[dict]:
    return [fake.page_values(page_id) for page_id in fake.pages_of(ds_id)]


def by_name(fake, ds_id) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for values in rows(fake, ds_id):
        found.setdefault(values["Name"], values)
    return found


def test_the_import_creates_one_row_per_connection_not_yet_in_the_list(fake, cli, listed, export):
    db_id, ds_id, _ = listed
    run = cli("import", "linkedin", str(export), database=db_id)
    assert run.code == 0, run.err
    names = [values["Name"] for values in rows(fake, ds_id)]
    assert names == ["Robert Li", "Dana Fox", "Jane Doe", *NEW_PEOPLE]
    assert fake.count("POST", CREATE) == len(NEW_PEOPLE)
    assert "12 connections read, 3 already in the list, 9 created, 0 failed" in run.err


def test_a_new_row_holds_what_linkedin_knows_and_an_empty_status(fake, cli, listed, export):
    db_id, ds_id, _ = listed
    cli("import", "linkedin", str(export), database=db_id)
    erin = by_name(fake, ds_id)["Erin O'Neil"]
    assert erin["Company"] == "Acme Inc."  # a select option cannot hold a comma
    assert erin["Role"] == "Engineering Manager"
    assert erin["Closeness"] == "Cold"  # SPEC §8 v3: a connection is not yet a relationship
    assert erin["Last contacted"] == "2025-07-07"
    assert erin["LinkedIn"] == "https://www.linkedin.com/in/erin-oneil-91"
    assert erin["Email"] == "erin@oneil.dev"
    assert erin["Status"] is None
    assert erin["Suggested ask"] is None and erin["Worker state"] == ""  # the worker's columns wait for a sync


def test_a_matched_row_is_reported_and_never_changed(fake, cli, listed, export):
    db_id, ds_id, ids = listed
    before = {page_id: fake.page_values(page_id) for page_id in ids}
    run = cli("import", "linkedin", str(export), database=db_id)
    assert {page_id: fake.page_values(page_id) for page_id in ids} == before
    assert fake.count("PATCH") == 0
    assert "= Bob Li (line 6): matches https://app.notion.com/p/Robert-Li-" in run.out
    assert "by LinkedIn URL" in run.out
    assert "= Dana Fox (line 7): matches" in run.out and "by name and company" in run.out


def test_running_the_import_again_creates_nothing(fake, cli, listed, export):
    db_id, ds_id, _ = listed
    cli("import", "linkedin", str(export), database=db_id)
    fake.reset_requests()
    again = cli("import", "linkedin", str(export), database=db_id)
    assert again.code == 0
    assert fake.count("POST", CREATE) == 0
    assert "12 already in the list, 0 created" in again.err


def test_a_dry_run_lists_who_would_be_added_and_creates_nothing(fake, cli, listed, export):
    db_id, ds_id, _ = listed
    run = cli("import", "linkedin", str(export), "--dry-run", database=db_id)
    assert run.code == 0, run.err
    assert fake.count("POST", CREATE) == 0 and len(rows(fake, ds_id)) == 3
    assert run.out.startswith("Would add 9 of 12 connections as Cold:")
    assert "+ Erin O'Neil, Acme Inc. (Engineering Manager)" in run.out
    assert "nothing created (dry run)" in run.err


def test_closeness_can_be_chosen_and_an_unknown_level_is_refused_before_notion_is_asked(fake, cli, listed, export):
    db_id, ds_id, _ = listed
    assert cli("import", "linkedin", str(export), "--closeness", "warm", database=db_id).code == 0
    assert by_name(fake, ds_id)["Alice Chen"]["Closeness"] == "Warm"
    fake.reset_requests()
    wrong = cli("import", "linkedin", str(export), "--closeness", "Besties", database=db_id)
    assert wrong.code == 2
    assert "--closeness 'Besties' is not a Closeness option" in wrong.err and "Acquaintance" in wrong.err
    assert fake.requests == []


def test_a_label_of_your_own_is_a_known_closeness(fake, cli, listed, export):
    db_id, ds_id, _ = listed
    labels = '[labels.closeness]\n"Know a bit" = "Acquaintance"\n'
    assert cli("import", "linkedin", str(export), "--closeness", "know a bit", database=db_id,
               config_text=labels).code == 0
    assert by_name(fake, ds_id)["Kim Ng"]["Closeness"] == "Know a bit"


def test_a_failed_create_is_reported_the_rest_go_on_and_a_rerun_adds_only_the_missing(fake, cli, listed, export):
    db_id, ds_id, _ = listed
    fake.add_fault("POST", CREATE, 400, times=1)  # the first create (Alice Chen) is refused
    run = cli("import", "linkedin", str(export), database=db_id)
    assert run.code == 1
    assert "failed: Alice Chen:" in run.err and "8 created, 1 failed" in run.err
    assert "Alice Chen" not in by_name(fake, ds_id)
    rerun = cli("import", "linkedin", str(export), database=db_id)
    assert rerun.code == 0
    assert "11 already in the list, 1 created" in rerun.err
    assert [name for name in (v["Name"] for v in rows(fake, ds_id))].count("Erin O'Neil") == 1
    assert "Alice Chen" in by_name(fake, ds_id)


def test_a_create_notion_may_have_made_is_not_sent_twice(fake, cli, listed, export):
    db_id, _, _ = listed
    fake.add_fault("POST", CREATE, 502, times=1)
    run = cli("import", "linkedin", str(export), database=db_id)
    assert run.code == 1
    assert fake.count("POST", CREATE) == len(NEW_PEOPLE)  # the 502 was not retried
    assert "It may have been created anyway: run the import again" in run.err


def test_a_rate_limited_create_is_retried(fake, cli, listed, export):
    db_id, ds_id, _ = listed
    fake.add_fault("POST", CREATE, 429, times=1)
    run = cli("import", "linkedin", str(export), database=db_id)
    assert run.code == 0, run.err
    assert len(rows(fake, ds_id)) == 3 + len(NEW_PEOPLE)


def test_an_integration_that_may_not_add_pages_stops_at_the_first_create_with_exit_3(fake, cli, listed, export):
    db_id, ds_id, _ = listed
    fake.capabilities = {READ, UPDATE}  # no "Insert content"
    run = cli("import", "linkedin", str(export), database=db_id)
    assert run.code == 3
    assert fake.count("POST", CREATE) == 1  # not one refused create per connection
    assert len(rows(fake, ds_id)) == 3
    assert "Nobody was added." in run.err
    assert '"Insert content" capability' in run.err and "run the import again" in run.err


def test_losing_the_capability_midway_says_who_was_added(fake, cli, listed, export):
    db_id, ds_id, _ = listed
    created = []

    def revoke_after_two(fake_notion):
        created.append(1)
        if len(created) == 2:  # someone unticks "Insert content" in Notion
            fake_notion.capabilities = {READ, UPDATE}

    fake.after("POST", CREATE, revoke_after_two, times=2)
    run = cli("import", "linkedin", str(export), database=db_id)
    assert run.code == 3
    assert fake.count("POST", CREATE) == 3 and len(rows(fake, ds_id)) == 3 + 2
    assert "2 people were added before." in run.err
    fake.capabilities = {READ, UPDATE, INSERT}
    rerun = cli("import", "linkedin", str(export), database=db_id)
    assert rerun.code == 0 and len(rows(fake, ds_id)) == 3 + len(NEW_PEOPLE)


def test_notion_down_for_every_create_is_exit_4(fake, cli, listed, export):
    db_id, ds_id, _ = listed
    fake.add_fault("POST", CREATE, 503, times=100)
    run = cli("import", "linkedin", str(export), database=db_id)
    assert run.code == 4
    assert fake.count("POST", CREATE) == 3  # then it stops trying
    assert len(rows(fake, ds_id)) == 3


def test_a_file_that_is_not_a_linkedin_export_exits_2_before_any_request(fake, cli, listed, tmp_path):
    db_id, _, _ = listed
    notion_export = tmp_path / "Outreach List.csv"
    notion_export.write_text("Name,Company,Closeness\nAlice Chen,Stripe,Warm\n", encoding="utf-8")
    run = cli("import", "linkedin", str(notion_export), database=db_id)
    assert run.code == 2
    assert "is not LinkedIn's connections export" in run.err
    assert fake.requests == []


@pytest.mark.parametrize(("raw", "named"), [
    ("First Name,Last Name\n".encode("utf-16"), "UTF-16"),
    ("First Name,Last Name\nRené,Müller\n".encode("cp1252"), "cp1252"),
])
def test_an_export_that_is_not_utf8_exits_2_naming_the_encoding(fake, cli, listed, tmp_path, raw, named):
    db_id, _, _ = listed
    path = tmp_path / "Connections.csv"
    path.write_bytes(raw)
    run = cli("import", "linkedin", str(path), database=db_id)
    assert run.code == 2 and named in run.err and "Traceback" not in run.err


def test_a_missing_file_exits_2(cli, listed, tmp_path):
    run = cli("import", "linkedin", str(tmp_path / "nope.csv"), database=listed[0])
    assert run.code == 2 and "does not exist" in run.err


def test_a_list_without_a_column_the_import_writes_exits_2_naming_it_and_creates_nothing(fake, cli, export):
    db_id, ds_id = fake.create_outreach_list(properties={"Closeness": None})
    run = cli("import", "linkedin", str(export), database=db_id)
    assert run.code == 2
    assert '"Closeness" missing' in run.err
    assert fake.count("POST", CREATE) == 0


def test_a_list_without_the_optional_columns_gets_no_linkedin_or_email(fake, cli, export):
    db_id, ds_id = fake.create_outreach_list(properties={"LinkedIn": None, "Email": None, "Company": {"rich_text": {}}})
    run = cli("import", "linkedin", str(export), database=db_id)
    assert run.code == 0, run.err
    bodies = [request.body["properties"] for request in fake.matching("POST", CREATE)]
    assert all("LinkedIn" not in body and "Email" not in body for body in bodies)
    assert by_name(fake, ds_id)["Erin O'Neil"]["Company"] == "Acme, Inc."  # text keeps its commas


def test_creates_go_to_the_data_source_and_the_reads_ask_only_for_the_dedupe_columns(fake, cli, listed, export):
    db_id, ds_id, _ = listed
    cli("import", "linkedin", str(export), database=db_id)
    [create, *_] = fake.matching("POST", CREATE)
    assert create.body["parent"] == {"type": "data_source_id", "data_source_id": ds_id.replace("-", "")}
    [query] = fake.matching("POST", r"/query$")
    assert len(query.query["filter_properties"]) == 3


def test_requests_are_the_reads_and_one_create_per_new_person(fake, cli, listed, export):
    db_id, _, _ = listed
    run = cli("import", "linkedin", str(export), "--json", database=db_id)
    report = json.loads(run.out)
    reads = 3  # database, data source, one query page
    assert report["api_requests"] == len(fake.requests) == reads + len(NEW_PEOPLE)


def test_json_prints_one_object_with_the_counts_people_and_matches(fake, cli, listed, export):
    db_id, _, _ = listed
    run = cli("import", "linkedin", str(export), "--json", database=db_id)
    report = json.loads(run.out)
    assert (report["connections_read"], report["already_in_list"], report["created"]) == (12, 3, 9)
    assert report["outcome"] == "ok" and report["failures"] == [] and report["dry_run"] is False
    alice = report["people_created"][0]
    assert alice["name"] == "Alice Chen" and alice["page_url"].startswith("https://app.notion.com/p/Alice-Chen-")
    assert alice["last_contacted"] == date(2024, 3, 15).isoformat()
    assert {m["name"]: m["by"] for m in report["matches"]} == {
        "Bob Li": "LinkedIn URL", "Dana Fox": "name and company", "Jane Doe": "LinkedIn URL"}
    assert len(report["warnings"]) == 2


def test_json_of_a_dry_run_lists_the_people_to_create(fake, cli, listed, export):
    run = cli("import", "linkedin", str(export), "--dry-run", "--json", database=listed[0])
    report = json.loads(run.out)
    assert report["dry_run"] is True and report["created"] == 0 and report["to_create"] == 9
    assert [p["name"] for p in report["people_to_create"]] == NEW_PEOPLE
