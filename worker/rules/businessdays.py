"""Business days (Monday to Friday) and the status dates counted in them (SPEC §4.4)."""

from __future__ import annotations

from datetime import date, timedelta

SATURDAY = 5  # date.weekday(): Monday 0 … Friday 4


def is_business_day(day: date) -> bool:
    """Monday to Friday."""
    return day.weekday() < SATURDAY


def add_business_days(day: date, n: int) -> date:
    """The n-th Monday-to-Friday day strictly after `day` (n = 0 gives `day`)."""
    if n == 0:
        return day
    while not is_business_day(day):  # counting from a weekend day is counting from its Friday
        day -= timedelta(days=1)
    whole_weeks, rest = divmod(n, 5)
    day += timedelta(weeks=whole_weeks)
    while rest:
        day += timedelta(days=1)
        if is_business_day(day):
            rest -= 1
    return day


def business_days_from(today: date, count: int) -> list[date]:
    """The next `count` business days, today first when today is one."""
    first = today if is_business_day(today) else add_business_days(today, 1)
    return [first] + [add_business_days(first, n) for n in range(1, count)]
