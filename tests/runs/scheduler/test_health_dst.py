"""`health` and the schedule's fire times across the autumn change of clocks (issue 20, defect 2).

In America/New_York on 1 Nov 2026 the hour 01:00-02:00 happens twice; a success in its second pass
must not be judged against fire times an hour in its past.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from itertools import islice
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from tests.runs.scheduler.test_health import settings_for, verdict
from worker.runs.cronspec import fire_times_after, parse_crontab
from worker.runs.heartbeat import heartbeat_path, update_heartbeat

UTC = timezone.utc
NEW_YORK = ZoneInfo("America/New_York")
SECOND_PASS = datetime(2026, 11, 1, 6, 25, tzinfo=UTC)  # 01:25 EST, the repeated hour's second pass


@pytest.mark.parametrize("minutes_later", [1, 5, 9])
def test_a_success_in_the_repeated_hour_is_healthy_minutes_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, minutes_later: int
) -> None:
    settings = settings_for(tmp_path, monkeypatch, "*/10 * * * *", zone="America/New_York")
    update_heartbeat(heartbeat_path(settings), started_at=SECOND_PASS - timedelta(hours=3), last_success=SECOND_PASS)

    code, out = verdict(settings, SECOND_PASS + timedelta(minutes=minutes_later))

    assert code == 0, out
    assert out.startswith("healthy: last successful sync 2026-11-01T01:25:00-05:00 ")


def test_the_repeated_hour_still_goes_stale_after_two_missed_fires(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_for(tmp_path, monkeypatch, "*/10 * * * *", zone="America/New_York")
    update_heartbeat(heartbeat_path(settings), started_at=SECOND_PASS - timedelta(hours=3), last_success=SECOND_PASS)

    code, out = verdict(settings, SECOND_PASS + timedelta(hours=2))

    assert code == 1 and out.startswith("unhealthy: "), out


@hsettings(max_examples=60, deadline=None)
@given(
    st.datetimes(min_value=datetime(2026, 10, 31), max_value=datetime(2026, 11, 2), timezones=st.just(UTC)),
    st.sampled_from(["*/10 * * * *", "*/15 * * * *", "30 * * * *", "0 1 * * *", "*/7 1-2 * * *"]),
)
def test_fire_times_run_forwards_from_any_moment_through_the_autumn_change(after: datetime, schedule: str) -> None:
    fires = [fire.astimezone(UTC) for fire in islice(fire_times_after(parse_crontab(schedule, NEW_YORK), after), 6)]
    assert fires[0] > after
    assert all(earlier < later for earlier, later in zip(fires, fires[1:]))
