"""SYNC_SCHEDULE is read as cron reads it: 0 and 7 are Sunday, either day field may match."""

from __future__ import annotations

from datetime import datetime
from itertools import islice
from zoneinfo import ZoneInfo

import pytest

from worker.runs.cronspec import fire_times_after, parse_crontab
from worker.settings import ConfigError

BERLIN = ZoneInfo("Europe/Berlin")
THURSDAY = datetime(2026, 11, 26, 10, 5, tzinfo=BERLIN)


def next_fires(expression: str, count: int = 4) -> list[str]:
    trigger = parse_crontab(expression, BERLIN)
    return [f.strftime("%a %d %H:%M") for f in islice(fire_times_after(trigger, THURSDAY), count)]


@pytest.mark.parametrize(
    ("expression", "fires"),
    [
        ("*/30 * * * *", ["Thu 26 10:30", "Thu 26 11:00", "Thu 26 11:30", "Thu 26 12:00"]),
        ("0,30 9 * * *", ["Fri 27 09:00", "Fri 27 09:30", "Sat 28 09:00", "Sat 28 09:30"]),
        ("0 9 * * 1-5", ["Fri 27 09:00", "Mon 30 09:00", "Tue 01 09:00", "Wed 02 09:00"]),
        ("0 9 * * mon-fri", ["Fri 27 09:00", "Mon 30 09:00", "Tue 01 09:00", "Wed 02 09:00"]),
        ("0 9 * * 0", ["Sun 29 09:00", "Sun 06 09:00", "Sun 13 09:00", "Sun 20 09:00"]),
        ("0 9 * * 7", ["Sun 29 09:00", "Sun 06 09:00", "Sun 13 09:00", "Sun 20 09:00"]),
        ("0 9 * * 5-7", ["Fri 27 09:00", "Sat 28 09:00", "Sun 29 09:00", "Fri 04 09:00"]),
        ("0 9 * * */2", ["Sat 28 09:00", "Sun 29 09:00", "Tue 01 09:00", "Thu 03 09:00"]),
        ("0 9 * * SUN,Wed", ["Sun 29 09:00", "Wed 02 09:00", "Sun 06 09:00", "Wed 09 09:00"]),
        ("0 9 1 * mon", ["Mon 30 09:00", "Tue 01 09:00", "Mon 07 09:00", "Mon 14 09:00"]),  # either day field
        ("5/20 * * * *", ["Thu 26 10:25", "Thu 26 10:45", "Thu 26 11:05", "Thu 26 11:25"]),
        ("@daily", ["Fri 27 00:00", "Sat 28 00:00", "Sun 29 00:00", "Mon 30 00:00"]),
    ],
)
def test_a_crontab_line_fires_when_cron_would_fire_it(expression: str, fires: list[str]) -> None:
    assert next_fires(expression) == fires


def test_the_schedule_follows_the_time_zone_across_a_daylight_saving_change() -> None:
    trigger = parse_crontab("0 9 * * *", BERLIN)
    march = list(islice(fire_times_after(trigger, datetime(2026, 3, 27, 12, 0, tzinfo=BERLIN)), 2))
    assert [f.utcoffset().total_seconds() / 3600 for f in march] == [1.0, 2.0]
    assert [f.hour for f in march] == [9, 9]


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ("", "it has 0 field(s)"),
        ("*/30 * * *", "it has 4 field(s)"),
        ("0 9 * * * *", "it has 6 field(s)"),
        ("60 * * * *", "higher than the maximum value (59)"),
        ("0 24 * * *", "higher than the maximum value (23)"),
        ("0 0 32 * *", "higher than the maximum value (31)"),
        ("0 0 * 13 *", "higher than the maximum value (12)"),
        ("0 9 * * 8", "day of week 8 is out of range"),
        ("0 9 * * monday", "'monday' is not a day of week"),
        ("0 9 * * fri-mon", "runs backwards"),
        ("*/0 * * * *", "Increment must be higher than 0"),
        ("0 0 L * *", "is not cron syntax"),
        ("every 30 minutes", "it has 3 field(s)"),
    ],
)
def test_a_bad_schedule_is_a_config_error_with_the_reason(expression: str, reason: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_crontab(expression, BERLIN)
    assert f"SYNC_SCHEDULE={expression!r}" in str(raised.value) and reason in str(raised.value)
