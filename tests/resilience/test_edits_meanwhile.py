"""A person edits rows while a sync runs: their edit is neither overwritten nor lost (SPEC §4.5).

The fake runs an action right after a chosen request is answered, as a person editing in Notion
between two of the worker's requests would.
"""

from __future__ import annotations

import pytest

from tests.fakes import FakeNotion

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


def edit_then_wait(page_id: str, values: dict, minutes: float = 3) -> object:
    """A person's edit, then a slow read: the edit has settled (SPEC §10: 2 minutes) when the look comes."""
    def edit(f: FakeNotion) -> None:
        f.set_values(page_id, values)
        f.clock.advance(minutes=minutes)
    return edit


def test_a_follow_up_date_typed_after_the_read_is_not_overwritten_and_stays_on_later_runs(sync_cli):
    fake = FakeNotion()
    db_id, _, (ada, _, _) = new_list(fake, rows())
    fake.after("POST", READ_QUERY, edit_then_wait(ada, {"Follow up on": "2026-12-15"}))

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
    fake.after("POST", READ_QUERY, edit_then_wait(ada, {"Status": "Replied"}))

    run = sync_cli(fake, db_id)
    assert run.code == 0, run.err
    assert fake.page_values(ada)["Follow up on"] == "2026-11-26"  # Replied, first read today: owed today
    assert fake.page_values(ada)["Status"] == "Replied"
    assert len(patched_fields(fake, ada)) == 1  # computed again before its one write, not written twice
    assert run.report["rows_changed"] == run.report["writes_sent"] == 3

    fake.reset_requests()
    assert sync_cli(fake, db_id).report["writes_sent"] == 0  # what was written matches its inputs


def test_a_status_set_seconds_after_the_read_waits_for_the_next_sync_and_is_answered_there(sync_cli):
    fake = FakeNotion()
    db_id, _, (ada, _, _) = new_list(fake, rows())
    fake.after("POST", READ_QUERY, lambda f: f.set_values(ada, {"Status": "Replied"}))

    run = sync_cli(fake, db_id)  # the edit is seconds old: the person may go on, so the row waits
    assert run.code == 0, run.err
    assert patched_fields(fake, ada) == []
    assert run.report["writes_sent"] == 2

    fake.clock.advance(minutes=3)
    fake.reset_requests()
    again = sync_cli(fake, db_id)
    assert again.code == 0, again.err
    assert fake.page_values(ada)["Follow up on"] == "2026-11-26"  # Replied: due the day the reply was first read (v3)
    assert fake.page_values(ada)["Status"] == "Replied"


def test_an_edit_made_10_seconds_before_its_rows_write_is_kept(sync_cli):
    fake = FakeNotion()
    db_id, _, (ada, bob, cy) = new_list(fake, rows())
    fake.after("PATCH", PATCH, lambda f: f.clock.advance(seconds=10), times=99)  # a slow write phase: 10 s a row
    fake.after("PATCH", PATCH, lambda f: f.set_values(cy, {"Next step": "Wait: she is on leave until January"}),
               )

    run = sync_cli(fake, db_id)
    assert run.code == 0, run.err
    assert fake.page_values(cy)["Next step"] == "Wait: she is on leave until January"
    assert all("Next step" not in fields for fields in patched_fields(fake, cy))
    assert len(looks(fake)) == 2  # one before each write (a round writes for 8 s at most); Cy's row waits

    fake.clock.advance(minutes=3)
    assert sync_cli(fake, db_id).code == 0  # settled: written around the person's Next step
    assert fake.page_values(cy)["Next step"] == "Wait: she is on leave until January"
    assert fake.page_values(cy)["Worker state"]


def test_the_workers_own_writes_are_not_taken_for_a_persons_edits(sync_cli):
    fake = FakeNotion()
    people = [{"Name": f"Person {n:02d}", "Company": "Elsewhere", "Closeness": "Warm", "Last contacted": "2026-11-02"}
              for n in range(12)]
    db_id, _, ids = new_list(fake, people)
    fake.clock.advance(minutes=5)  # the rows were made a while ago; the sync writes within one minute
    fake.after("PATCH", PATCH, lambda f: f.clock.advance(seconds=8), times=99)  # a look before every write

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
    fake.after("POST", READ_QUERY, lambda f: f.clock.advance(minutes=3))  # a slow read: the new row has settled

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
