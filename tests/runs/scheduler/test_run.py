"""`outreach-worker run` as a real process: the schedule, a clean stop, a bad schedule."""

from __future__ import annotations

import json
import time

import pytest

from tests.runs.scheduler.conftest import PAGE_PATCH, Launcher, Notion, people, wait_until

ROWS = 12


def test_run_syncs_at_start_and_again_on_its_schedule(notion: Notion, launcher: Launcher) -> None:
    notion.fake.add_people(notion.source_id, people(ROWS))
    worker = launcher.start("run", SYNC_INTERVAL_SECONDS="1")

    syncs = wait_until(lambda: len(worker.events("sync")) >= 3 and worker.events("sync"), 15, "three syncs")
    worker.terminate()
    code, _ = worker.wait(timeout=10)

    assert code == 0
    first, second = syncs[0], syncs[1]
    assert (first["outcome"], first["rows_read"], first["rows_changed"]) == ("ok", ROWS, ROWS)
    assert first["rows_written"] == ROWS
    assert (second["outcome"], second["rows_changed"], second["rows_written"]) == ("ok", 0, 0)
    for line in syncs:
        counts = {"rows_read", "rows_changed", "rows_written", "rows_failed", "requests", "retries", "seconds"}
        assert counts <= set(line)
        assert line["today"] == first["today"]
    assert notion.fake.count("POST", r"/query$") >= 3  # each sync read the list again
    assert len(notion.fake.matching("PATCH", PAGE_PATCH)) == ROWS  # and only the first one had anything to write
    beat = json.loads(next((launcher.tmp_path / "state").glob("heartbeat-*.json")).read_text())
    assert beat["last_success"] and beat["started_at"] and beat["last_counts"]["rows_read"] == ROWS


def test_a_failing_sync_is_logged_and_the_next_tick_tries_again(notion: Notion, launcher: Launcher) -> None:
    notion.fake.add_people(notion.source_id, people(ROWS))
    notion.fake.add_fault("GET", r"^/v1/databases/", status=503, times=3)  # one sync's worth: 1 try + 2 retries
    worker = launcher.start("run", SYNC_INTERVAL_SECONDS="1")

    syncs = wait_until(lambda: len(worker.events("sync")) >= 2 and worker.events("sync"), 15, "two syncs")
    worker.terminate()
    assert worker.wait(timeout=10)[0] == 0

    failed, recovered = syncs[0], syncs[1]
    assert failed["outcome"] == "error" and failed["level"] == "error"
    assert "Notion kept answering 503" in failed["error"] and failed["error_type"] == "NotionUnavailable"
    assert (recovered["outcome"], recovered["rows_written"]) == ("ok", ROWS)


def test_sigterm_mid_sync_lets_the_write_in_flight_finish_and_starts_no_new_one(
    notion: Notion, launcher: Launcher
) -> None:
    notion.fake.add_people(notion.source_id, people(ROWS))
    notion.fake.slow(0.6)  # the worker is mostly mid-request, and still syncing while `health` starts up
    worker = launcher.start("run")
    wait_until(lambda: len(notion.patches()) >= 3, 15, "three PATCHes")

    health = launcher.run("health")  # a long first sync is running: healthy
    assert (health.returncode, health.stdout.count("\n")) == (0, 1), health.stdout + health.stderr
    assert "first sync" in health.stdout

    worker.terminate()
    code, waited = worker.wait(timeout=10)

    assert code == 0 and waited < 10
    stop = worker.events("stop")[0]
    assert stop["signal"] == "SIGTERM" and stop["signal_monotonic"] >= worker.signalled_at
    patches = notion.patches()
    # The request the worker had already cleared to send may reach the fake just after the signal
    # (on a loaded machine, by a few ms); no other may start: each takes 0.6 s, so ignoring the
    # stop would show several.
    late = [p for p in patches if p.started > stop["signal_monotonic"]]
    assert len(late) <= 1 and all(p is patches[-1] for p in late), "a PATCH started after SIGTERM"
    assert all(p.status == 200 for p in patches)  # the write in flight finished
    assert 3 <= len(patches) < ROWS
    assert worker.events("sync")[-1]["outcome"] == "interrupted"


def test_sigterm_during_a_30_second_retry_after_wait_exits_0_within_10_s(notion: Notion, launcher: Launcher) -> None:
    notion.fake.add_people(notion.source_id, people(ROWS))
    notion.fake.add_fault("PATCH", PAGE_PATCH, status=429, retry_after=30, times=1)
    worker = launcher.start("run")
    wait_until(lambda: notion.fake.count("PATCH", PAGE_PATCH, status=429), 15, "the 429 answer")
    time.sleep(0.5)  # well into the 30-second wait
    assert worker.process.poll() is None and notion.patches()[-1].status == 429

    worker.terminate()
    code, waited = worker.wait(timeout=10)

    assert code == 0 and waited < 10
    stop = worker.events("stop")[0]
    patches = notion.patches()
    assert [p.status for p in patches] == [429]  # the retry never went out
    assert all(p.started <= stop["signal_monotonic"] for p in patches)


@pytest.mark.parametrize(
    ("schedule", "reason"),
    [
        ("*/30 * * *", "it has 4 field(s)"),
        ("0 9 * * 8", "day of week 8 is out of range"),
        ("61 * * * *", "higher than the maximum value (59)"),
        ("0 9 * * fri-mon", "runs backwards"),
    ],
)
def test_a_bad_cron_expression_exits_2_with_the_reason(
    notion: Notion, launcher: Launcher, schedule: str, reason: str
) -> None:
    result = launcher.run("run", SYNC_SCHEDULE=schedule, timeout=10)

    assert result.returncode == 2
    assert f"SYNC_SCHEDULE={schedule!r}" in result.stderr and reason in result.stderr
    assert notion.fake.requests == []  # nothing was even read
