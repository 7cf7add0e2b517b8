"""The pace of new outreach (SPEC §7, v3): the days ahead, and when the people to write to run out.

Pure: the to-do's lines (or the outcome), today and the calendar in, plain values out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass
from datetime import date

from worker.core.dates import NO_DAYS_OFF, add_business_days, business_days_from, next_business_day, weekday_day_month_year
from worker.core.models import Action, Outcome
from worker.core.today.todo import TodoItem

SHOWN_COMPANIES = 3  # "Running low" names this many target companies, those with the fewest people first


@dataclass(frozen=True)
class DayCount:
    """Messages due on one business day; on the first, those overdue are counted too (`overdue` of them)."""

    day: date
    messages: int
    overdue: int = 0


def count_days_ahead(lines: Sequence[TodoItem], today: date, count: int, days_off: Container[date] = NO_DAYS_OFF
                     ) -> tuple[DayCount, ...]:
    """Messages due on each of the next `count` business days, today first when it is one.

    What is overdue is still to do, so it counts on the first of them; a line dated on a day off
    counts on the business day after it.
    """
    days = business_days_from(today, count, days_off)
    on_day = Counter(next_business_day(max(line.due, days[0]), days_off) for line in lines)
    overdue = sum(1 for line in lines if line.due < today)
    return tuple(DayCount(day, on_day[day], overdue if n == 0 else 0) for n, day in enumerate(days))


@dataclass(frozen=True)
class RunningLow:
    """When new outreach runs out at the current pace, and where the list is thinnest."""

    people_left: int  # new messages still to send (rows with a first message of their own to write)
    per_day: int
    last_day: date | None  # the business day the last of them falls on at `per_day`; None when none are left
    fewest: tuple[tuple[str, int], ...]  # target companies with the fewest people in the list, none first


def compute_running_low(outcome: Outcome, companies: Sequence[tuple[str, int]], today: date, per_day: int,
                        days_off: Container[date] = NO_DAYS_OFF) -> RunningLow:
    """The pace figure: how many new messages are left, the business day they run out, and the
    target companies (name, people in the list) to add people at, fewest first (ties in the given order)."""
    left = sum(1 for row in outcome.rows if row.decision.action is Action.NEW and not row.person.paused)
    last = None
    if left:
        first = next_business_day(today, days_off)
        last = add_business_days(first, (left - 1) // per_day, days_off)
    order = {name: place for place, (name, _) in enumerate(companies)}
    fewest = sorted(companies, key=lambda company: (company[1], order[company[0]]))
    return RunningLow(left, per_day, last, tuple(fewest[:SHOWN_COMPANIES]))


# --- words (the Today page and the terminal say these alike) ---------------------------------------

DAY_OFF_NOTE = "The worker dates nothing on a day off: below is only what was due before, and dates you set yourself."


def running_low_pace(low: RunningLow) -> str:
    """When new outreach runs out, as a sentence."""
    if low.last_day is None:
        return ("New outreach has run out: nobody in your list is waiting for a first message. Add people, "
                "or link who knows whom in Knows.")
    messages = "new message" if low.people_left == 1 else "new messages"
    return (f"At {low.per_day} a business day, your {low.people_left} {messages} still to send last until "
            f"{weekday_day_month_year(low.last_day)}.")


def running_low_companies(low: RunningLow) -> str:
    """The target companies to add people at, as a sentence."""
    if not low.fewest:
        return "No target companies set: add them to see where your list is thinnest."
    named = ", ".join(f"{name} ({_people(count)})" for name, count in low.fewest)
    return f"Fewest people in your list: {named}."


def _people(count: int) -> str:
    return "none" if count == 0 else ("1 person" if count == 1 else f"{count} people")
