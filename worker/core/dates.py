"""The calendar as the worker speaks it: business days, and dates written as people write them.

One place for month names and date formats (the rules' sentences, the drafts, the Today page and
the terminal all say dates the same way), and for business-day arithmetic (SPEC §4.4): weekends,
and the days off the configuration lists (its own dates and ranges, and a country's public
holidays), which the settings layer turns into a set of dates, so the core asks no holiday
library anything. Pure.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
MONTHS = tuple(name[:3] for name in MONTH_NAMES)  # "Jan" … "Dec"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SATURDAY = 5  # date.weekday(): Monday 0 … Friday 4
ONE_DAY = timedelta(days=1)
# Days off besides weekends: dates from the config's [calendar] (settings builds the set, §4.4).
NO_DAYS_OFF: frozenset[date] = frozenset()


def is_business_day(day: date, days_off: Container[date] = NO_DAYS_OFF) -> bool:
    """Monday to Friday, and not one of `days_off` (SPEC §4.4)."""
    return day.weekday() < SATURDAY and day not in days_off


def add_business_days(day: date, n: int, days_off: Container[date] = NO_DAYS_OFF) -> date:
    """The n-th business day strictly after `day` (n = 0 gives `day`), weekends and `days_off` skipped;
    past the end of the calendar, its last day (9999-12-31, which people use to mean "never"), never
    an overflow."""
    if n == 0:
        return day
    if not days_off:
        return _add_weekdays(day, n)
    while n and day < date.max:
        day += ONE_DAY
        if is_business_day(day, days_off):
            n -= 1
    return day


def _add_weekdays(day: date, n: int) -> date:
    while not is_business_day(day):  # counting from a weekend day is counting from its Friday
        day -= ONE_DAY
    whole_weeks, rest = divmod(n, 5)
    weekend = 2 if day.weekday() + rest > SATURDAY - 1 else 0  # the rest runs over a Saturday and Sunday
    return _at_most_last_day(day.toordinal() + 7 * whole_weeks + rest + weekend)


def add_days(day: date, n: int) -> date:
    """`day` plus n calendar days, the calendar's last day when that is past it."""
    return _at_most_last_day(day.toordinal() + n)


def _at_most_last_day(ordinal: int) -> date:
    return date.fromordinal(min(ordinal, date.max.toordinal()))


def next_business_day(day: date, days_off: Container[date] = NO_DAYS_OFF) -> date:
    """`day` when it is a business day, else the first business day after it (a computed date moved off
    a day off); the calendar's last day when none is left."""
    while not is_business_day(day, days_off) and day < date.max:
        day += ONE_DAY
    return day


def business_days_from(today: date, count: int, days_off: Container[date] = NO_DAYS_OFF) -> list[date]:
    """The next `count` business days, today first when today is one (fewer at the end of the calendar)."""
    first = next_business_day(today, days_off)
    return list(dict.fromkeys([first] + [add_business_days(first, n, days_off) for n in range(1, count)]))


def day_month_year(day: date) -> str:
    """3 Sep 2026: how Why, Next step and the Today page write a date."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day_month(day: date | None) -> str:
    """3 Sep: how a message writes a recent date; "" for no date."""
    return f"{day.day} {MONTHS[day.month - 1]}" if day else ""


def weekday_day_month_year(day: date) -> str:
    """Thu 26 Nov 2026: a day someone plans around."""
    return f"{WEEKDAYS[day.weekday()]} {day_month_year(day)}"


def month_year(day: date) -> str:
    """Nov 2026."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def span(first: date, last: date) -> str:
    """Two dates as one span: "20 to 27 Nov 2026", "20 Nov to 4 Dec 2026", "20 Dec 2026 to 4 Jan 2027"."""
    if first == last:
        return day_month_year(last)
    if first.year != last.year:
        return f"{day_month_year(first)} to {day_month_year(last)}"
    if first.month != last.month:
        return f"{day_month(first)} to {day_month_year(last)}"
    return f"{first.day} to {day_month_year(last)}"
