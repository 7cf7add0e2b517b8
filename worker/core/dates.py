"""The calendar as the worker speaks it: business days, and dates written as people write them.

One place for month names and date formats (the rules' sentences, the drafts, the Today page and
the terminal all say dates the same way), and for business-day arithmetic (SPEC §4.4). Pure.
"""

from __future__ import annotations

from datetime import date, timedelta

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
MONTHS = tuple(name[:3] for name in MONTH_NAMES)  # "Jan" … "Dec"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SATURDAY = 5  # date.weekday(): Monday 0 … Friday 4


def is_business_day(day: date) -> bool:
    """Monday to Friday."""
    return day.weekday() < SATURDAY


def add_business_days(day: date, n: int) -> date:
    """The n-th Monday-to-Friday day strictly after `day` (n = 0 gives `day`); past the end of the
    calendar, its last day (9999-12-31, which people use to mean "never"), never an overflow."""
    if n == 0:
        return day
    while not is_business_day(day):  # counting from a weekend day is counting from its Friday
        day -= timedelta(days=1)
    whole_weeks, rest = divmod(n, 5)
    weekend = 2 if day.weekday() + rest > SATURDAY - 1 else 0  # the rest runs over a Saturday and Sunday
    return _at_most_last_day(day.toordinal() + 7 * whole_weeks + rest + weekend)


def add_days(day: date, n: int) -> date:
    """`day` plus n calendar days, the calendar's last day when that is past it."""
    return _at_most_last_day(day.toordinal() + n)


def _at_most_last_day(ordinal: int) -> date:
    return date.fromordinal(min(ordinal, date.max.toordinal()))


def business_days_from(today: date, count: int) -> list[date]:
    """The next `count` business days, today first when today is one (fewer at the end of the calendar)."""
    first = today if is_business_day(today) else add_business_days(today, 1)
    return list(dict.fromkeys([first] + [add_business_days(first, n) for n in range(1, count)]))


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
