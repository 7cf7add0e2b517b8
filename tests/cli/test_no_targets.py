"""With no target company set, a sync says so (in Notion and offline alike): no one would get a pitch."""

from __future__ import annotations

import json


def test_a_notion_sync_without_target_companies_warns_once_about_the_list(fake, cli):
    db_id, ds_id = fake.create_outreach_list()
    fake.add_people(ds_id, [{"Name": "Alice Chen", "Company": "Stripe", "Closeness": "Warm",
                             "Last contacted": "2026-11-01"}])
    run = cli("sync", "--json", "--today", "2026-11-26", database=db_id)
    assert run.code == 0, run.err
    about_the_list = [w for w in json.loads(run.out)["warnings"] if not w["name"]]
    assert len(about_the_list) == 1 and "OUTREACH_TARGET_COMPANIES" in about_the_list[0]["message"]
    with_targets = cli("sync", "--json", "--today", "2026-11-26", database=db_id, targets="Stripe")
    assert not [w for w in json.loads(with_targets.out)["warnings"] if not w["name"]]
