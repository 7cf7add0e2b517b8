"""`outreach-worker health`: stale means "the schedule fired twice with no success since", by its own fire times."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from worker.runs.heartbeat import heartbeat_path, update_heartbeat
from worker.runs.scheduler import fetch_health
from worker.settings import Settings, load_settings
from tests.runs.scheduler.conftest import Launcher

UTC = timezone.utc
WEEKDAYS_AT_NINE = "0 9 * * 1-5"
# 2026-11-27 is a Friday; the 29th a Sunday, the 30th a Monday.
FRIDAY_AFTER_RUN = datetime(2026, 11, 27, 9, 0, 40, tzinfo=UTC)


def settings_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schedule: str, zone: str = "UTC") -> Settings:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SYNC_SCHEDULE", schedule)
    monkeypatch.setenv("OUTREACH_TIMEZONE", zone)
    monkeypatch.setenv("OUTREACH_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("OUTREACH_DATABASE_ID", "0123456789abcdef0123456789abcdef")
    monkeypatch.delenv("SYNC_INTERVAL_SECONDS", raising=False)
    return load_settings(env_file=None)


def verdict(settings: Settings, now: datetime) -> tuple[int, str]:
    """(the exit code `health` gives, its one line) as of `now`."""
    found = fetch_health(settings, now=now)
    assert "\n" not in found.reason  # one line, always
    return (0 if found.healthy else 1), found.reason + "\n"


@pytest.mark.parametrize(
    ("now", "healthy"),
    [
        (datetime(2026, 11, 27, 12, 0, tzinfo=UTC), True),   # Friday noon
        (datetime(2026, 11, 29, 20, 0, tzinfo=UTC), True),   # Sunday evening: the schedule has not fired since
        (datetime(2026, 11, 30, 12, 0, tzinfo=UTC), True),   # Monday: fired once, that run may have failed
        (datetime(2026, 12, 1, 9, 2, tzinfo=UTC), True),     # Tuesday's run is still allowed to finish
        (datetime(2026, 12, 1, 9, 6, tzinfo=UTC), False),    # fired Monday and Tuesday, no success
    ],
)
def test_a_monday_to_friday_schedule_is_stale_only_after_two_of_its_own_fire_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, now: datetime, healthy: bool
) -> None:
    settings = settings_for(tmp_path, monkeypatch, WEEKDAYS_AT_NINE)
    beat = heartbeat_path(settings)
    update_heartbeat(beat, started_at=FRIDAY_AFTER_RUN - timedelta(days=3), last_success=FRIDAY_AFTER_RUN)

    code, out = verdict(settings, now)

    assert (code == 0) is healthy
    assert out.startswith("healthy: last successful sync 2026-11-27T09:00:40" if healthy else "unhealthy: ")


def test_the_stale_reason_names_the_last_success_and_the_missed_fire_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_for(tmp_path, monkeypatch, "*/30 * * * *")
    success = datetime(2026, 11, 26, 10, 0, 20, tzinfo=UTC)
    update_heartbeat(heartbeat_path(settings), started_at=success - timedelta(hours=1), last_success=success)

    assert verdict(settings, datetime(2026, 11, 26, 11, 0, 30, tzinfo=UTC))[0] == 0
    code, out = verdict(settings, datetime(2026, 11, 26, 11, 5, 0, tzinfo=UTC))

    assert code == 1
    assert out == (
        "unhealthy: last successful sync 2026-11-26T10:00:20+00:00 (64 min ago); the schedule fired at "
        "2026-11-26T10:30:00+00:00 and 2026-11-26T11:00:00+00:00 without a success\n"
    )


def test_fire_times_are_those_of_the_configured_time_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 09:00 in New York is 14:00 UTC in November: the fires are Monday and Tuesday at 14:00 UTC.
    settings = settings_for(tmp_path, monkeypatch, WEEKDAYS_AT_NINE, "America/New_York")
    friday_run = datetime(2026, 11, 27, 14, 0, 40, tzinfo=UTC)
    update_heartbeat(heartbeat_path(settings), started_at=friday_run, last_success=friday_run)

    assert verdict(settings, datetime(2026, 12, 1, 9, 30, tzinfo=UTC))[0] == 0
    code, out = verdict(settings, datetime(2026, 12, 1, 14, 6, tzinfo=UTC))
    assert code == 1 and "2026-11-30T09:00:00-05:00 and 2026-12-01T09:00:00-05:00" in out


def test_a_long_first_sync_stays_healthy_within_two_fire_times_of_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_for(tmp_path, monkeypatch, "*/30 * * * *")
    started = datetime(2026, 11, 26, 10, 1, tzinfo=UTC)
    update_heartbeat(heartbeat_path(settings), started_at=started, sync_started_at=started)

    code, out = verdict(settings, started + timedelta(minutes=50))
    assert code == 0 and out.startswith("healthy: first sync since start at 2026-11-26T10:01:00+00:00")

    code, out = verdict(settings, started + timedelta(minutes=65))
    assert code == 1 and "no successful sync yet since the start at 2026-11-26T10:01:00+00:00" in out


def test_a_restart_is_healthy_though_the_previous_process_last_succeeded_days_ago(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_for(tmp_path, monkeypatch, "*/30 * * * *")
    now = datetime(2026, 11, 26, 10, 10, tzinfo=UTC)
    beat = heartbeat_path(settings)
    update_heartbeat(beat, last_success=now - timedelta(days=3), started_at=now - timedelta(minutes=5))

    code, out = verdict(settings, now)
    assert code == 0 and "first sync since start" in out


def test_no_heartbeat_at_all_is_unhealthy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_for(tmp_path, monkeypatch, "*/30 * * * *")

    code, out = verdict(settings, datetime(2026, 11, 26, 10, 0, tzinfo=UTC))
    assert code == 1 and out.startswith("unhealthy: no successful sync recorded yet")


def test_the_health_command_exits_1_on_a_stale_heartbeat_and_0_on_a_fresh_one(
    launcher: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in launcher.environment(SYNC_SCHEDULE="*/30 * * * *").items():
        monkeypatch.setenv(key, value)
    beat = heartbeat_path(load_settings(env_file=None))
    now = datetime.now(UTC)
    results = []
    for last_success in (now - timedelta(hours=2), now - timedelta(minutes=1)):
        update_heartbeat(beat, started_at=now - timedelta(days=2), last_success=last_success)
        results.append(launcher.run("health"))

    assert [r.returncode for r in results] == [1, 0]
    assert results[0].stdout.startswith("unhealthy: last successful sync") and results[0].stdout.count("\n") == 1
    assert results[1].stdout.startswith("healthy: last successful sync")
