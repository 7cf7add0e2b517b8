"""Follow up on: business days, the Status rule, and the paced plan of new outreaches."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from worker.configuration import RuleBook

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


def plan_days(today: date, count: int) -> list[date]:
    """The next `count` business days, today first when today is one."""
    first = today if is_business_day(today) else add_business_days(today, 1)
    return [first] + [add_business_days(first, n) for n in range(1, count)]


def status_date(status: str, last_contacted: date | None, today: date, rules: RuleBook) -> date | None:
    """Follow up on by Status: Last contacted (or today when it is empty) + N business days."""
    n = rules.status_business_days.get(status)
    if n is None:
        return None
    return add_business_days(last_contacted or today, n)


def assign_plan(
    ranked: Iterable[str], kept: dict[str, date], today: date, rules: RuleBook
) -> dict[str, date]:
    """Plan dates for rows in rank order: kept dates stay, the rest fill free places best first.

    `ranked` holds every row in the plan, best first; `kept` the dates from earlier runs that
    still hold. Kept dates from today on use up their day's places; past ones are overdue.
    """
    free = {day: rules.plan_per_day for day in plan_days(today, rules.plan_business_days)}
    for day in kept.values():
        if day in free:
            free[day] -= 1
    open_days = [day for day in sorted(free) if free[day] > 0]
    plan = dict(kept)
    position = 0
    for pid in ranked:
        if pid in kept:
            continue
        while position < len(open_days) and free[open_days[position]] <= 0:
            position += 1
        if position == len(open_days):
            break
        day = open_days[position]
        free[day] -= 1
        plan[pid] = day
    return plan
