"""A person edits rows while a sync runs: their edit is neither overwritten nor lost (SPEC §4.5).

The fake runs an action right after a chosen request is answered, as a person editing in Notion
between two of the worker's requests would.
"""

from __future__ import annotations

import pytest

from tests.fakes import FakeNotion
from worker.runs.sync import writeback

from .conftest import new_list

QUERY, PATCH = r"/query$", r"^/v1/pages/[^/]+$"
READ_QUERY = r"/query$"


def rows() -> list[dict]:
    return [
        {"Name": "Ada Byron", "Company": "Elsewhere", "Closeness": "Warm", "Status": "Reached out",
         "Last contacted": "2026-11-20"},  # a Friday: Reached out → + 5 business days = 27 Nov
        {"Name": "Bob Li", "Company": "Elsewhere", "Closeness": "Close", "Last contacted": "2026-10-01"},
        {"Name": "Cy Young", "Company": "Elsewhere", "Closeness": "Warm", "Status": "Reached out",
         "Last contacted": "2026-11-20"},
    ]


def looks(fake: FakeNotion) -> list:
    """The edit checks: queries that ask for rows edited since a moment."""
    return [q for q in fake.matching("POST", QUERY) if "last_edited_time" in str(q.body)]


def patched_fields(fake: FakeNotion, page_id: str) -> list[set[str]]:
    compact = page_id.replace("-", "")
    return [set(body["properties"]) for pid, body in fake.patches(include_failed=True) if pid.replace("-", "") == compact]


def test_a_follow_up_date_typed_after_the_read_is_not_overwritten_and_stays_on_later_runs(sync_cli):
    fake = FakeNotion()
    db_id, _, (ada, _, _) = new_list(fake, rows())
    fake.after("POST", READ_QUERY, lambda f: f.set_values(ada, {"Follow up on": "2026-12-15"}))

    run = sync_cli(fake, db_id)
    assert run.code == 0, run.err
    assert fake.page_values(ada)["Follow up on"] == "2026-12-15"  # not the worker's 27 Nov
    assert all("Follow up on" not in fields for fields in patched_fields(fake, ada))
    assert fake.page_values(ada)["Worker state"]  # the rest of the row was written
    assert len(looks(fake)) == 1

    fake.reset_requests()
    again = sync_cli(fake, db_id)  # a person's value before the worker wrote it is theirs: it stays
    assert again.code == 0, again.err
    assert again.report["writes_sent"] == 0
    assert fake.page_values(ada)["Follow up on"] == "2026-12-15"


def test_a_status_changed_after_the_read_is_used_in_the_same_run(sync_cli):
    fake = FakeNotion()
    db_id, _, (ada, _, _) = new_list(fake, rows())
    fake.after("POST", READ_QUERY, lambda f: f.set_values(ada, {"Status": "Replied"}))

    run = sync_cli(fake, db_id)
    assert run.code == 0, run.err
    assert fake.page_values(ada)["Follow up on"] == "2026-11-26"  # Replied, first read today: owed today
    assert fake.page_values(ada)["Status"] == "Replied"
    assert len(patched_fields(fake, ada)) == 1  # computed again before its one write, not written twice
    assert run.report["rows_changed"] == run.report["writes_sent"] == 3

    fake.reset_requests()
    assert sync_cli(fake, db_id).report["writes_sent"] == 0  # what was written matches its inputs


def test_an_edit_made_while_the_worker_writes_is_caught_by_the_next_look(sync_cli, monkeypatch):
    monkeypatch.setattr(writeback, "EDIT_CHECK_SECONDS", 0.0)  # look before every write
    fake = FakeNotion()
    db_id, _, (ada, bob, cy) = new_list(fake, rows())
    fake.after("PATCH", PATCH, lambda f: f.set_values(cy, {"Next step": "Wait: she is on leave until January"}))

    run = sync_cli(fake, db_id)
    assert run.code == 0, run.err
    assert fake.page_values(cy)["Next step"] == "Wait: she is on leave until January"
    assert all("Next step" not in fields for fields in patched_fields(fake, cy))
    assert len(fake.patches()) == 3  # every row written once
    assert len(looks(fake)) == 3  # one look before each write


def test_the_workers_own_writes_are_not_taken_for_a_persons_edits(sync_cli, monkeypatch):
    monkeypatch.setattr(writeback, "EDIT_CHECK_SECONDS", 0.0)
    fake = FakeNotion()
    people = [{"Name": f"Person {n:02d}", "Company": "Elsewhere", "Closeness": "Warm", "Last contacted": "2026-11-02"}
              for n in range(12)]
    db_id, _, ids = new_list(fake, people)
    fake.clock.advance(minutes=5)  # the rows were made a while ago; the sync writes within one minute

    run = sync_cli(fake, db_id)
    assert run.code == 0, run.err
    assert len(fake.patches()) == 12  # no row recomputed and written twice
    # Each look asks only for rows from the oldest still to write on, and the bot's rows are skipped:
    # one request each, however many rows the worker has already written.
    assert len(looks(fake)) == 12
    assert run.report["api_requests"] == len(fake.requests) == 2 + 1 + 12 + 12


def test_a_row_a_person_adds_during_the_sync_is_computed_and_written_in_it(sync_cli):
    fake = FakeNotion()
    db_id, ds_id, _ = new_list(fake, rows())
    added: list[str] = []
    fake.after("POST", READ_QUERY, lambda f: added.extend(f.add_people(ds_id, [
        {"Name": "Dee New", "Company": "Elsewhere", "Closeness": "Warm", "Last contacted": "2026-11-02"}])))

    run = sync_cli(fake, db_id)
    assert run.code == 0, run.err
    assert fake.page_values(added[0])["Strength"] is not None
    assert run.report["writes_sent"] == 4


@pytest.mark.parametrize("minutes_late", [0, 1])
def test_an_edit_in_the_same_minute_as_the_read_or_the_next_is_still_found(sync_cli, minutes_late):
    fake = FakeNotion()
    db_id, _, (ada, _, _) = new_list(fake, rows())

    def edit(f: FakeNotion) -> None:
        f.clock.advance(minutes=minutes_late, seconds=30)
        f.set_values(ada, {"Why": "Met at RustConf"})

    fake.after("POST", READ_QUERY, edit)
    assert sync_cli(fake, db_id).code == 0
    assert fake.page_values(ada)["Why"] == "Met at RustConf"
