"""A user's edit wins (SPEC §4): the worker leaves an edited field alone until the row's inputs change."""

from __future__ import annotations

from tests.fakes import FakeNotion

from .conftest import new_list

FOLLOW_UP = "Follow up on"


def patched_fields(fake: FakeNotion, page_id: str) -> list[set[str]]:
    compact = page_id.replace("-", "")
    return [set(body["properties"]) for pid, body in fake.patches(include_failed=True)
            if pid.replace("-", "") == compact]


def test_the_users_follow_up_date_stays_until_the_user_changes_the_status(sync_cli):
    fake = FakeNotion()
    rows = [{"Name": "Ada Byron", "Company": "Elsewhere", "Closeness": "Warm", "Status": "Reached out",
             "Last contacted": "2026-11-20"},  # a Friday
            {"Name": "Bob Li", "Company": "Elsewhere", "Closeness": "Close", "Last contacted": "2026-10-01"}]
    db_id, _, (ada, _) = new_list(fake, rows)

    assert sync_cli(fake, db_id).code == 0
    assert fake.page_values(ada)[FOLLOW_UP] == "2026-11-27"  # Reached out: + 5 business days

    fake.set_values(ada, {FOLLOW_UP: "2026-12-15"})  # the user knows better
    fake.reset_requests()
    again = sync_cli(fake, db_id)
    assert again.code == 0, again.err
    assert fake.page_values(ada)[FOLLOW_UP] == "2026-12-15"
    assert all(FOLLOW_UP not in fields for fields in patched_fields(fake, ada))

    third = sync_cli(fake, db_id)  # nothing changed since: the date still stays, nothing is written
    assert third.report["writes_sent"] == 0
    assert fake.page_values(ada)[FOLLOW_UP] == "2026-12-15"

    fake.set_values(ada, {"Status": "Replied"})  # an input changed: the worker's new date is written
    fake.reset_requests()
    after = sync_cli(fake, db_id)
    assert after.code == 0, after.err
    assert fake.page_values(ada)[FOLLOW_UP] == "2026-11-26"  # Replied, read today: owed today
    assert any(FOLLOW_UP in fields for fields in patched_fields(fake, ada))
