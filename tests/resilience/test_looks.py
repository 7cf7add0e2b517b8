"""Looks (SPEC §10): `sync --since-last` asks only for rows edited since the snapshot, against the fake's
minute-rounded last_edited_time and last_edited_by, and answers a person's edit as a full sync would."""

from __future__ import annotations

from pathlib import Path

from tests.fakes import FakeNotion

from .conftest import new_list

QUERY, PATCH = r"/query$", r"^/v1/pages/[^/]+$"


def rows() -> list[dict]:
    return [
        {"Name": "Ada Byron", "Company": "Elsewhere", "Closeness": "Warm", "Status": "Reached out",
         "Last contacted": "2026-11-20"},
        {"Name": "Bob Li", "Company": "Elsewhere", "Closeness": "Close", "Last contacted": "2026-10-01"},
        {"Name": "Cy Young", "Company": "Elsewhere", "Closeness": "Warm", "Status": "Reached out",
         "Last contacted": "2026-11-20"},
    ]


def synced(sync_cli, fake: FakeNotion) -> tuple[str, str, list[str]]:
    """A list after its first full sync, three minutes later (the worker's writes long settled)."""
    db_id, ds_id, ids = new_list(fake, rows())
    assert sync_cli(fake, db_id).code == 0
    fake.clock.advance(minutes=3)
    fake.reset_requests()
    return db_id, ds_id, ids


def snapshot_file(tmp_path: Path) -> Path:
    [path] = [path for path in (tmp_path / "state").glob("snapshot-*.json") if not path.name.endswith(".since.json")]
    return path


def test_an_unchanged_list_costs_one_request_a_look(sync_cli):
    fake = FakeNotion()
    db_id, _, _ = synced(sync_cli, fake)
    look = sync_cli(fake, db_id, "--since-last")
    assert look.code == 0, look.err
    assert look.report["kind"] == "look" and look.report["writes_sent"] == 0
    assert look.report["api_requests"] == len(fake.requests) == 1


def test_a_persons_status_change_is_answered_by_a_look_once_settled(sync_cli):
    fake = FakeNotion()
    db_id, _, (ada, _, _) = synced(sync_cli, fake)
    fake.set_values(ada, {"Status": "Replied"})

    early = sync_cli(fake, db_id, "--since-last")  # seconds after the edit: the person may go on editing
    assert early.code == 0 and early.report["writes_sent"] == 0
    fake.clock.advance(minutes=3)
    fake.reset_requests()
    look = sync_cli(fake, db_id, "--since-last")
    assert look.code == 0, look.err
    assert fake.page_values(ada)["Follow up on"] == "2026-11-26"  # Replied: due the day the reply was first read (v3)
    assert look.report["kind"] == "look" and look.report["writes_sent"] == 1
    assert len(fake.matching("POST", QUERY)) == 1 and len(fake.patches()) == 1  # one look, one PATCH

    fake.reset_requests()
    assert sync_cli(fake, db_id, "--since-last").report["writes_sent"] == 0  # its own write causes nothing
    assert len(fake.requests) == 1


def test_the_workers_own_writes_come_back_from_a_look_and_cause_nothing(sync_cli):
    fake = FakeNotion()
    db_id, _, _ = new_list(fake, rows())
    assert sync_cli(fake, db_id).code == 0  # every row written by the worker's bot this very minute
    fake.reset_requests()
    look = sync_cli(fake, db_id, "--since-last")
    [query] = fake.matching("POST", QUERY)
    assert "last_edited_time" in str(query.body["filter"])
    assert look.report["writes_sent"] == 0 and len(fake.requests) == 1


def test_a_row_trashed_before_its_write_drops_with_a_warning_and_the_next_full_sync_leaves_it_out(sync_cli):
    fake = FakeNotion()
    db_id, _, (ada, _, _) = synced(sync_cli, fake)
    fake.set_values(ada, {"Status": "Replied"})
    fake.clock.advance(minutes=3)
    fake.after("POST", QUERY, lambda f: f.trash_page(ada))  # right after the look found the edit

    look = sync_cli(fake, db_id, "--since-last")
    assert look.code == 0, look.err  # a warning, not a failure
    assert look.report["failures"] == []
    assert any("was moved to the trash" in warning["message"] for warning in look.report["warnings"])

    full = sync_cli(fake, db_id)
    assert full.code == 0 and full.report["rows_read"] == 2


def test_a_corrupt_or_foreign_snapshot_means_a_full_read_with_the_same_outputs(sync_cli, tmp_path, monkeypatch):
    fake = FakeNotion()
    db_id, ds_id, ids = synced(sync_cli, fake)
    fake.set_values(ids[1], {"Closeness": "Warm"})
    expected = FakeNotion.page_values
    snapshot_file(tmp_path).write_text('{"format": 1, "people": [', encoding="utf-8")
    look = sync_cli(fake, db_id, "--since-last")
    assert look.code == 0, look.err
    assert look.report["kind"] == "full" and look.report["rows_read"] == 3
    after_corrupt = {page_id: expected(fake, page_id) for page_id in ids}

    # The same list named by its data source id is another configuration: the snapshot is not its own.
    monkeypatch.setenv("OUTREACH_DATABASE_ID", ds_id)
    fake.reset_requests()
    other = sync_cli(fake, ds_id.replace("-", ""), "--since-last")
    assert other.code == 0 and other.report["kind"] == "full"
    assert {page_id: expected(fake, page_id) for page_id in ids} == after_corrupt


def test_an_older_snapshot_format_means_a_full_read(sync_cli, tmp_path):
    fake = FakeNotion()
    db_id, _, _ = synced(sync_cli, fake)
    path = snapshot_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('"format":1', '"format":0'), encoding="utf-8")
    assert sync_cli(fake, db_id, "--since-last").report["kind"] == "full"


def test_the_snapshot_is_private_to_its_owner(sync_cli, tmp_path):
    fake = FakeNotion()
    synced(sync_cli, fake)
    assert snapshot_file(tmp_path).stat().st_mode & 0o777 == 0o600
    assert all(path.stat().st_mode & 0o777 == 0o600 for path in (tmp_path / "state").glob("snapshot-*"))
    assert (tmp_path / "state").stat().st_mode & 0o777 == 0o700


def test_a_column_retyped_under_a_look_stops_it_with_exit_2_and_the_schema_message(sync_cli):
    fake = FakeNotion()
    db_id, ds_id, (ada, _, _) = synced(sync_cli, fake)
    fake.change_schema(ds_id, {"Why": {"number": {}}})
    fake.set_values(ada, {"Name": "Ada King"})
    fake.clock.advance(minutes=3)
    look = sync_cli(fake, db_id, "--since-last")
    assert look.code == 2, look.err
    assert "does not match the template" in look.err and '"Why"' in look.err
    assert fake.patches() == []
