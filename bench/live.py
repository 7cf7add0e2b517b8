"""bench/live.py: what a look costs on a 10,000-row list (SPEC §10), in-process against the fake.

Prints: the full sync's requests; an unchanged list's requests per look; one Status change answered
by a look (its requests: the look, the changed rows' PATCHes, the Today page's; the row's new Next
step and the Today page checked); the compute seconds of a look, with the last computation's work
(as `run` and `serve` hold it) and without; the snapshot's size and load time.
Run: python bench/live.py [ROWS]   (default 10,000)
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sync import make_rows  # noqa: E402
from tests.fakes import DEFAULT_TOKEN  # noqa: E402
from tests.fakes.workspace import PagesFakeNotion  # noqa: E402
from worker.runs.live.look import look_notion  # noqa: E402
from worker.runs.live.snapshot import load_snapshot, snapshot_path  # noqa: E402
from worker.runs.sync import rules_for, sync_notion  # noqa: E402
from worker.settings import load_settings  # noqa: E402

BASE_URL = "http://notion.fake"
TODAY = date(2026, 11, 26)


def settings_for(folder: Path, db_id: str, today_page: str):  # noqa: ANN201
    import os

    config = folder / "outreach.toml"
    config.write_text("[notion]\nrequests_per_second = 1000000\nmax_retries = 1\nretry_backoff_seconds = 0\n")
    os.environ.update(NOTION_TOKEN=DEFAULT_TOKEN, OUTREACH_DATABASE_ID=db_id, NOTION_API_BASE_URL=BASE_URL,
                      OUTREACH_TODAY_PAGE=today_page, OUTREACH_STATE_DIR=str(folder / "state"),
                      OUTREACH_CONFIG=str(config), OUTREACH_TARGET_COMPANIES="Stripe, Figma")
    return load_settings()


def main(argv: list[str]) -> int:
    rows = int(argv[0]) if argv else 10_000
    fake = PagesFakeNotion()
    holder = fake.add_page("Job search")
    db_id, ds_id = fake.create_outreach_list(parent_page_id=holder)
    today_page = fake.add_page("Outreach Today", parent_id=holder)
    ids = fake.add_people(ds_id, make_rows(rows))
    # Notion's pace: three requests a second, so the fake's clock moves a third of a second a write
    # (the write rounds then look every 8 s, and the first look after the sync sees its last minute).
    fake.after("PATCH", r"^/v1/pages/[^/]+$", lambda f: f.clock.advance(seconds=1 / 3), times=10 ** 9)
    with TemporaryDirectory() as folder, fake.respx(BASE_URL):
        settings = settings_for(Path(folder), db_id, today_page)
        full = sync_notion(settings, today=TODAY, clock=fake.clock).report
        looks = len([r for r in fake.requests if r.method == "POST" and "last_edited_time" in str(r.body)])
        print(f"full sync of {rows} rows: {full.api_requests} requests ({looks} of them looks while writing), "
              f"{full.writes_sent} written")
        # As `run` does: its next scheduled sync (nothing to write), and each look handed the last
        # computation's outcome, whose work it reuses for every row that is as it was.
        fake.clock.advance(minutes=30)
        steady = sync_notion(settings, today=TODAY, clock=fake.clock)
        last = steady.outcome
        print(f"the next scheduled sync: {steady.report.api_requests} requests, {steady.report.writes_sent} written")
        fake.clock.advance(minutes=3)
        first = look_notion(settings, today=TODAY, clock=fake.clock, outcome_when_unchanged=False,
                            previous=last).report  # the sync's own last writes return
        fake.clock.advance(minutes=1)
        started = time.perf_counter()
        idle = look_notion(settings, today=TODAY, clock=fake.clock, outcome_when_unchanged=False,
                           previous=last).report
        idle_seconds = time.perf_counter() - started
        print(f"unchanged list: the first look after the sync {first.api_requests} request(s) (the rows it wrote "
              f"in its last minute come back, unchanged), then {idle.api_requests} request(s) per look ({idle.kind}, {idle_seconds:.2f} s in all, as `run` makes it)")

        target = next(page_id for page_id in ids if fake.page_values(page_id)["Status"] == "Reached out")
        before = fake.page_values(target)["Next step"]
        fake.set_values(target, {"Status": "Replied"})
        edited_at = fake.clock.now()
        fake.reset_requests()
        early = look_notion(settings, today=TODAY, clock=fake.clock, outcome_when_unchanged=False,
                            previous=last).report  # under 2 minutes: left for later
        fake.clock.advance(minutes=3)
        started = time.perf_counter()
        answered_look = look_notion(settings, today=TODAY, clock=fake.clock, outcome_when_unchanged=False,
                                    previous=last)
        answered_seconds = time.perf_counter() - started
        answered = answered_look.report
        after = fake.page_values(target)["Next step"]
        page_requests = len(fake.matching(None, r"/markdown$"))
        patches = len(fake.matching("PATCH", r"^/v1/pages/[^/]+$"))
        print(f"one Status change: the look at +0 min wrote {early.writes_sent}; the look at "
              f"+{(fake.clock.now() - edited_at) / timedelta(minutes=1):.0f} min wrote {answered.writes_sent} "
              f"row(s) with {answered.api_requests} requests ({patches} row PATCHes, {page_requests} Today page "
              f"requests over both looks); Next step changed: {before != after}; "
              f"Today page mentions it: {fake.page_values(target)['Name'] in fake.page_markdown(today_page)}")

        print(f"the answering look took {answered_seconds:.2f} s in all (its requests to the in-process fake included)")

        # The look's computation again, timed alone: the list as the look knew it (the changed row
        # included), with the work of the computation before the change, as `run` holds it.
        snapshot = load_snapshot(settings)
        assert snapshot is not None
        people = list(snapshot.people)
        rules = rules_for(settings, TODAY)
        seconds = []
        for _ in range(3):
            started = time.perf_counter()
            again = rules(people, last.reuse)
            seconds.append(time.perf_counter() - started)
        compute = sorted(seconds)[1]
        started = time.perf_counter()
        fresh = rules(people)
        cold = time.perf_counter() - started
        assert again == fresh, "a computation reusing work must give what a fresh one gives"
        from worker.runs.live import snapshot as module

        module._held.clear()  # noqa: SLF001 - time the parse, not what this process holds
        started = time.perf_counter()
        load_snapshot(settings)
        load = time.perf_counter() - started
        size = snapshot_path(settings).stat().st_size
        print(f"compute per look: {compute:.2f} s (median of 3), reusing the last computation's work as `run` "
              f"and `serve` do; {cold:.2f} s without it (the first look after a start, or `sync --since-last` "
              f"from cron); snapshot: {size / 1e6:.1f} MB on disk, loaded in {load:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
