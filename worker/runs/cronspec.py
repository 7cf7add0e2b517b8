"""SYNC_SCHEDULE as a standard 5-field crontab, turned into an APScheduler 3.x trigger.

APScheduler numbers weekdays from Monday = 0 and ANDs day-of-month with day-of-week; cron numbers
them from Sunday = 0 (7 is Sunday too) and ORs the two day fields when both are restricted. So the
weekday field is parsed here into a set of days and handed over by name, and a line with both day
fields restricted becomes an OrTrigger of two cron triggers.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Iterator

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from worker.settings import ConfigError, Settings

CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # cron numbering: 0 (and 7) = Sunday
FIELDS = ("minute", "hour", "day of month", "month", "day of week")
MACROS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
_NUMERIC_ITEM = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?$")
_NAMED_ITEM = re.compile(r"^(\*|[a-z0-9]+(-[a-z0-9]+)?)(/\d+)?$")
_MICROSECOND = timedelta(microseconds=1)


def build_trigger(settings: Settings, start: datetime | None = None) -> BaseTrigger:
    """The trigger of the scheduled syncs: SYNC_INTERVAL_SECONDS if set, else SYNC_SCHEDULE."""
    if settings.sync_interval_seconds:
        first = start or datetime.now(settings.timezone)
        return IntervalTrigger(
            seconds=settings.sync_interval_seconds,
            start_date=first + timedelta(seconds=settings.sync_interval_seconds),
            timezone=settings.timezone,
        )
    return parse_crontab(settings.schedule, settings.timezone)


def describe_schedule(settings: Settings) -> str:
    """The schedule as a person wrote it, for log lines."""
    if settings.sync_interval_seconds:
        return f"every {settings.sync_interval_seconds:g} s (SYNC_INTERVAL_SECONDS)"
    return f"{settings.schedule!r} in {settings.timezone.key}"


def parse_crontab(expression: str, zone: tzinfo) -> BaseTrigger:
    """A trigger for a 5-field crontab line evaluated in `zone`; ConfigError says what is wrong."""
    text = MACROS.get(expression.strip().lower(), expression.strip())
    fields = text.lower().split()
    if len(fields) != 5:
        raise _bad(
            expression,
            f"it has {len(fields)} field(s); a crontab line has 5: minute hour day-of-month month day-of-week",
        )
    minute, hour, day, month, weekday = fields
    for name, value in zip(FIELDS[:4], fields[:4]):
        _check_syntax(expression, name, value, named=(name == "month"))
    days = _cron_weekdays(expression, weekday)
    common = dict(minute=minute, hour=hour, month=month, timezone=zone)
    try:
        if not day.startswith("*") and not weekday.startswith("*"):
            # cron runs when either day field matches; APScheduler would require both
            trigger: BaseTrigger = OrTrigger([CronTrigger(day=day, **common), CronTrigger(day_of_week=days, **common)])
        else:
            trigger = CronTrigger(day=day, day_of_week=days, **common)
    except ValueError as error:
        raise _bad(expression, str(error)) from None
    if trigger.get_next_fire_time(None, datetime.now(zone)) is None:
        # e.g. '0 0 31 2 *': no month has that day, so `run` would sync once and `health` never judge
        raise _bad(expression, "no date ever matches it (check the day of month against the month)")
    return trigger


def fire_times_after(trigger: BaseTrigger, after: datetime) -> Iterator[datetime]:
    """The trigger's fire times strictly after `after`, in order (endless unless the trigger ends).

    All arithmetic is in UTC: adding to a zoned datetime drops `fold`, so in the hour an autumn change
    repeats, "01:25 (second pass) + 1 µs" would be an hour earlier. The trigger itself builds wall
    times with fold 0, so a fire it gives that is not after the last one is passed over, not yielded.
    """
    last = after.astimezone(timezone.utc)
    fire = trigger.get_next_fire_time(None, last + _MICROSECOND)
    while fire is not None:
        moment = fire.astimezone(timezone.utc)
        if moment > last:
            yield moment.astimezone(fire.tzinfo)  # its zone, with the fold that UTC moment has there
            last = moment
        fire = trigger.get_next_fire_time(moment, moment + _MICROSECOND)


def _check_syntax(expression: str, name: str, value: str, *, named: bool) -> None:
    pattern = _NAMED_ITEM if named else _NUMERIC_ITEM
    for item in value.split(","):
        if not pattern.match(item):
            raise _bad(expression, f"the {name} field {value!r} is not cron syntax (use *, 5, 1-5, */15 or 0,30)")


def _cron_weekdays(expression: str, field: str) -> str:
    """The day-of-week field with cron numbering → APScheduler's weekday names, e.g. '1-5' → 'mon,...,fri'."""
    if field == "*":
        return "*"
    chosen: set[int] = set()
    for item in field.split(","):
        if not _NAMED_ITEM.match(item):
            raise _bad(expression, f"the day of week field {field!r} is not cron syntax (use *, 1-5, mon-fri or 0,6)")
        base, _, step_text = item.partition("/")
        step = int(step_text) if step_text else 1
        if step < 1:
            raise _bad(expression, f"the step in {item!r} must be at least 1")
        first, _, last = base.partition("-")
        low = 0 if first == "*" else _weekday(expression, first)
        high = 7 if first == "*" or (step_text and not last) else _weekday(expression, last or first)
        if low > high:
            raise _bad(expression, f"the day of week range {base!r} runs backwards; write it low-high, or as a list")
        chosen.update(day % 7 for day in range(low, high + 1, step))
    return ",".join(CRON_DAYS[day] for day in sorted(chosen))


def _weekday(expression: str, token: str) -> int:
    if token.isdigit():
        number = int(token)
        if number > 7:
            raise _bad(expression, f"day of week {number} is out of range (0-7, where 0 and 7 are Sunday)")
        return number
    if token in CRON_DAYS:
        return CRON_DAYS.index(token)
    raise _bad(expression, f"{token!r} is not a day of week (sun, mon, tue, wed, thu, fri, sat or 0-7)")


def _bad(expression: str, reason: str) -> ConfigError:
    return ConfigError(
        f"SYNC_SCHEDULE={expression!r} is not a valid crontab schedule: {reason}. "
        "Example: '*/30 * * * *' (every 30 minutes) or '0 9 * * 1-5' (09:00 Monday to Friday)."
    )
