"""1,000 rows under 10% seeded faults on every request, five rows whose writes never land."""

from __future__ import annotations

import random

from tests.fakes import FakeNotion

from .conftest import new_list, state_of, user_columns_in_patches

ROWS = 1_000
STICKY = 5
STATUSES = (409, 429, 500, 502, 503, 504, 529)


def thousand_rows() -> list[dict]:
    rnd = random.Random(4)
    rows = []
    for n in range(ROWS):
        row = {"Name": f"Person {n:04d}", "Company": rnd.choice(("Stripe", "Acme", "Globex", "Initech")),
               "Closeness": rnd.choice(("Close", "Warm", "Acquaintance", "Cold", "")),
               "Status": rnd.choice(("Not contacted", "Reached out", "Replied", "Interviewing")),
               "Last contacted": f"2026-{rnd.randint(1, 11):02d}-{rnd.randint(1, 28):02d}"}
        if n > 0:
            row["Knows"] = [f"Person {rnd.randrange(n):04d}"]
        rows.append({k: v for k, v in row.items() if v})
    return rows


def test_chaos_fails_exactly_the_sticky_rows_a_rerun_completes_them_and_notion_ends_as_after_a_clean_run(sync_cli):
    rows = thousand_rows()
    fake = FakeNotion()
    db_id, ds_id, ids = new_list(fake, rows)
    sticky = set(random.Random(9).sample(ids, STICKY))
    fake.chaos(rate=0.1, seed=11, statuses=STATUSES, sticky_pages=sticky)

    first = sync_cli(fake, db_id)
    assert first.code == 1, first.err
    assert first.failed_urls == {fake.page_url(page_id) for page_id in sticky}
    assert first.report["retries"] > 100  # the chaos was real, and every retry was counted
    assert first.report["api_requests"] == len(fake.requests)
    assert first.report["writes_sent"] == first.report["rows_changed"] - STICKY

    fake.chaos(rate=0.1, seed=12, statuses=STATUSES)  # the sticky rows now land
    second = sync_cli(fake, db_id)
    assert second.code == 0, second.err
    assert second.report["writes_sent"] == STICKY
    assert {page_id.replace("-", "") for page_id, _ in fake.patches()[-STICKY:]} == \
        {page_id.replace("-", "") for page_id in sticky}

    clean = FakeNotion()
    _, clean_ds, clean_ids = new_list(clean, rows)
    assert clean_ids == ids
    assert sync_cli(clean, db_id).code == 0
    assert state_of(fake, ds_id) == state_of(clean, clean_ds)
    assert user_columns_in_patches(fake) == set()
    assert not fake.internal_errors
