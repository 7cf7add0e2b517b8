"""`run`'s looks (SPEC §10): the job between scheduled syncs, on the fake's clock, in-process."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.fakes import DEFAULT_TOKEN, FakeNotion
from worker.runs.scheduler import SyncRunner
from worker.settings import load_settings

BASE_URL = "http://notion.fake"
FAST = "[notion]\nrequests_per_second = 100000\nmax_retries = 1\nretry_backoff_seconds = 0\n"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    fake = FakeNotion()
    db_id, ds_id = fake.create_outreach_list()
    ids = fake.add_people(ds_id, [
        {"Name": "Ada Byron", "Company": "Elsewhere", "Closeness": "Warm", "Status": "Reached out",
         "Last contacted": "2026-11-20"},
        {"Name": "Bob Li", "Company": "Elsewhere", "Closeness": "Close", "Last contacted": "2026-10-01"}])
    (tmp_path / "outreach.toml").write_text(FAST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for key, value in {"NOTION_TOKEN": DEFAULT_TOKEN, "OUTREACH_DATABASE_ID": db_id, "NOTION_API_BASE_URL": BASE_URL,
                       "OUTREACH_STATE_DIR": str(tmp_path / "state"), "OUTREACH_CONFIG": str(tmp_path / "outreach.toml"),
                       "OUTREACH_TARGET_COMPANIES": "Stripe"}.items():
        monkeypatch.setenv(key, value)
    import threading
    from datetime import date

    runner = SyncRunner(load_settings(), date(2026, 11, 26), threading.Event(), fake.clock)
    with fake.respx(BASE_URL):
        yield fake, ds_id, ids, runner


def test_a_look_answers_a_settled_edit_between_two_scheduled_syncs(world, caplog):
    fake, _, (ada, _), runner = world
    runner("sync")
    fake.set_values(ada, {"Status": "Replied"})
    fake.clock.advance(minutes=3)
    fake.reset_requests()
    with caplog.at_level(logging.INFO, logger="worker.runs.scheduler"):
        runner("look")
    assert fake.page_values(ada)["Follow up on"] == "2026-11-26"  # Replied: due the day the reply was first read (v3)
    assert len(fake.matching("POST", r"/query$")) == 1
    assert any(r.message.startswith("look ok: 2 rows read, 1 changed, 1 written") for r in caplog.records)


def test_a_schema_change_met_by_a_look_stops_that_look_with_a_logged_reason(world, caplog):
    fake, ds_id, (ada, _), runner = world
    runner("sync")
    fake.change_schema(ds_id, {"Why": {"number": {}}})
    fake.set_values(ada, {"Name": "Ada King"})
    fake.clock.advance(minutes=3)
    fake.reset_requests()
    with caplog.at_level(logging.INFO, logger="worker.runs.scheduler"):
        runner("look")
    [stopped] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert stopped.message.startswith("look failed: The Outreach List") and '"Why"' in stopped.message
    assert fake.patches() == []


@pytest.mark.parametrize(("seconds", "jobs"), [("60", ["look", "sync"]), ("15", ["look", "sync"]), ("0", ["sync"])])
def test_run_looks_every_sync_live_seconds_and_not_at_all_with_0(world, monkeypatch, seconds, jobs):
    from apscheduler.schedulers.background import BackgroundScheduler

    from worker.runs.cronspec import build_trigger
    from worker.runs.scheduler import schedule_jobs

    monkeypatch.setenv("SYNC_LIVE_SECONDS", seconds)
    settings = load_settings()
    scheduler = BackgroundScheduler(timezone=settings.timezone)
    schedule_jobs(scheduler, build_trigger(settings), settings, world[3])
    assert sorted(job.id for job in scheduler.get_jobs()) == jobs
    looks = [job for job in scheduler.get_jobs() if job.id == "look"]
    assert all(job.trigger.interval.total_seconds() == float(seconds) and job.args == ("look",) for job in looks)


def test_run_hands_each_look_the_last_computation_so_unchanged_rows_are_not_worked_out_again(world):
    fake, _, (ada, bob), runner = world
    runner("sync")
    runner("sync")  # the next scheduled sync: nothing to write; its computation saw the rows as written
    before = runner.last
    fake.clock.advance(minutes=3)
    runner("look")  # nothing edited: the look computes nothing and keeps what run holds
    assert runner.last is before
    fake.set_values(ada, {"Status": "Replied"})
    fake.clock.advance(minutes=3)
    runner("look")
    after = runner.last
    assert after is not before and fake.page_values(ada)["Follow up on"] == "2026-11-26"
    [bob_row] = [key for key in after.reuse.work if key[0] == "row" and key[1].replace("-", "") == bob.replace("-", "")]
    assert after.reuse.work[bob_row] is before.reuse.work[bob_row]  # Bob's words and marks taken, not redone
    [ada_row] = [key for key in after.reuse.work if key[0] == "row" and key[1].replace("-", "") == ada.replace("-", "")]
    assert after.reuse.work[ada_row] is not before.reuse.work[ada_row]
