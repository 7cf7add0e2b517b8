"""Follow up on by where the conversation stands (SPEC §4.4), for rows whose date is not the plan's.

A date counted from today (Last contacted empty) is remembered in Worker state while the Status
stays, so it does not slide forward a day every day. Every date counted here lands on a business
day (days off skipped); a Meeting on ahead is the user's own date and stays as typed.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from worker.core.configuration import RuleBook
from worker.core.dates import add_business_days, next_business_day
from worker.core.models import Action, Status

from .introductions import INTRODUCTION_ACTIONS, introduction_follow_up
from .plan import Plan
from .per_row import Facts


@dataclass(frozen=True, slots=True)
class FollowUp:
    """The worker's Follow up on for a row, and whether it was counted from today."""

    day: date | None
    counted_from_today: bool = False


def status_follow_up(f: Facts, action: Action, rules: RuleBook, today: date) -> FollowUp:
    """Follow up on from where the conversation stands, for every action but NEW and VIA_INTRO."""
    person, status, off = f.row.person, f.row.status, rules.days_off
    if action in INTRODUCTION_ACTIONS:
        return FollowUp(*introduction_follow_up(f, action, rules, today))
    if action == Action.PARKED:
        return FollowUp(f.talk.parked_until)
    if action == Action.MEETING:
        return FollowUp(person.meeting_on)
    n = rules.status_business_days.get(status)
    if action == Action.NONE or n is None:
        return FollowUp(None)
    if action == Action.REPLY:
        return FollowUp(add_business_days(reply_owed_from(f, today, off), n, off))
    if action == Action.THANK_YOU and person.meeting_on is not None:
        return FollowUp(add_business_days(person.meeting_on, n, off))
    start = f.talk.last_message if action == Action.FOLLOW_UP else person.last_contacted
    if start is not None:
        return FollowUp(add_business_days(start, n, off))
    counted = f.state.counted_for(status) or add_business_days(today, n, off)
    return FollowUp(counted, counted_from_today=True)


def replied_seen(f: Facts, today: date) -> date | None:
    """The day the worker first read Replied on the row (remembered), while it is Replied."""
    if f.row.status != Status.REPLIED:
        return None
    return f.state.replied_on or today


def reply_owed_from(f: Facts, today: date, days_off: Container[date]) -> date:
    """The reply is owed from the day it came (v3): the later of Last contacted and the day the
    worker first read Replied, on a business day."""
    seen = replied_seen(f, today) or today
    last = f.row.person.last_contacted
    return next_business_day(max(seen, last) if last is not None else seen, days_off)


def date_follow_ups(
    active: Sequence[Facts], actions: Mapping[str, Action], plan: Plan, first_hops: Mapping[str, str],
    rules: RuleBook, today: date,
) -> dict[str, FollowUp]:
    """Every row's Follow up on: the plan's, the Status's, or (one message, one to-do) the first hop's.

    A target reached through an intro shares the date its first hop's row will hold, the user's
    own date there included, so the two are one line on the day's list.
    """
    dates: dict[str, FollowUp] = {}
    for f in active:
        action = actions[f.pid]
        if action == Action.NEW:
            dates[f.pid] = FollowUp(plan.dates.get(f.pid))
        elif action != Action.VIA_INTRO:
            dates[f.pid] = status_follow_up(f, action, rules, today)
    by_id = {f.pid: f for f in active}
    for f in active:
        if actions[f.pid] == Action.VIA_INTRO:
            hop = by_id[first_hops[f.pid]]
            shown = hop.row.person.current.follow_up_on if "follow_up_on" in hop.held else dates[hop.pid].day
            dates[f.pid] = FollowUp(shown)
    return dates
