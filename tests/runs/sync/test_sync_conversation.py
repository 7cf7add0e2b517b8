"""What lands in Notion as the conversation moves on (SPEC §4.5): Paused, memory-only writes, optional columns."""

from __future__ import annotations

import json

TODAY = "2026-11-26"


def sync(cli, ds_id, *args, today=TODAY):
    return cli("sync", "--today", today, "--json", *args, database=ds_id, targets="Stripe")


def patched(fake):
    return [set(body["properties"]) for _, body in fake.patches(include_failed=True)]


def test_a_list_without_the_optional_mail_link_column_is_synced_and_never_sent_one(fake, cli):
    _, ds_id = fake.create_outreach_list(properties={"Mail link": None})
    fake.add_people(ds_id, [{"Name": "Ana Ruiz", "Closeness": "Warm", "Last contacted": "2026-11-02"}])
    run = sync(cli, ds_id)
    assert run.code == 0, run.err
    assert patched(fake) and all("Mail link" not in fields for fields in patched(fake))
    fake.reset_requests()
    assert json.loads(sync(cli, ds_id).out)["writes_sent"] == 0


def test_a_write_of_worker_state_alone_is_counted_apart(fake, cli):
    _, ds_id = fake.create_outreach_list()
    (bo,) = fake.add_people(ds_id, [{"Name": "Bo Li", "Company": "Stripe", "Last contacted": "2026-11-02"}])
    assert sync(cli, ds_id).code == 0
    fake.set_values(bo, {"Last contacted": "2026-11-03"})  # a cold pitch's words do not mention the date
    shown = cli("sync", "--today", TODAY, "--dry-run", database=ds_id, targets="Stripe")
    assert "1 rows read, 1 to change (1 Worker state only)" in shown.err
    fake.reset_requests()
    report = json.loads(sync(cli, ds_id).out)
    assert (report["rows_changed"], report["memory_writes"], report["writes_sent"]) == (1, 1, 1)
    assert patched(fake) == [{"Worker state"}]


def test_pausing_clears_follow_up_on_and_stale_once_and_then_the_row_is_left_alone(fake, cli):
    _, ds_id = fake.create_outreach_list()
    (ana,) = fake.add_people(ds_id, [{"Name": "Ana Ruiz", "Closeness": "Warm", "Last contacted": "2026-03-02"}])
    assert sync(cli, ds_id).code == 0
    assert (fake.page_values(ana)["Follow up on"], fake.page_values(ana)["Stale"]) == (TODAY, True)
    fake.set_values(ana, {"Paused": True})
    fake.reset_requests()
    assert sync(cli, ds_id).code == 0
    assert (fake.page_values(ana)["Follow up on"], fake.page_values(ana)["Stale"]) == (None, False)
    assert patched(fake) == [{"Follow up on", "Stale", "Worker state"}]
    fake.set_values(ana, {"Follow up on": "2027-01-04"})  # a reminder of the user's own, while Paused
    fake.reset_requests()
    assert json.loads(sync(cli, ds_id, today="2026-12-01").out)["writes_sent"] == 0
    assert fake.page_values(ana)["Follow up on"] == "2027-01-04"
