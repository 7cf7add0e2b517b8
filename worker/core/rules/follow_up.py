"""Follow up on by where the conversation stands (SPEC §4.4), for rows whose date is not the plan's.

A date counted from today (Last contacted empty) is remembered in Worker state while the Status
stays, so it does not slide forward a day every day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from worker.core.configuration import RuleBook
from worker.core.dates import add_business_days
from worker.core.models import Action

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
    person, status = f.row.person, f.row.status
    if action in INTRODUCTION_ACTIONS:
        return FollowUp(*introduction_follow_up(f, action, rules, today))
    if action == Action.PARKED:
        return FollowUp(f.talk.parked_until)
    if action == Action.MEETING:
        return FollowUp(person.meeting_on)
    n = rules.status_business_days.get(status)
    if action == Action.NONE or n is None:
        return FollowUp(None)
    if action == Action.THANK_YOU and person.meeting_on is not None:
        return FollowUp(add_business_days(person.meeting_on, n))
    start = f.talk.last_message if action == Action.FOLLOW_UP else person.last_contacted
    if start is not None:
        return FollowUp(add_business_days(start, n))
    return FollowUp(f.state.counted_for(status) or add_business_days(today, n), counted_from_today=True)


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
