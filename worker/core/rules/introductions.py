"""Introductions, once made (SPEC §4.3 v3): each Introduced by link dated, and what it owes.

The user records an introduction by setting the new person's Introduced by. Each link gets its
introduced-on day, remembered in the introduced row's Worker state: the day the worker first
reads it when it has read the row's links before; else the day of the row's last edit, when a
person made it; else the row's creation day; else (a CSV export without a Created time column)
the row's Last contacted; else the introduction is undated: made, but owing nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from worker.core.configuration import RuleBook
from worker.core.dates import add_days, next_business_day
from worker.core.models import Action, Person

from .rows import Row
from .state import INTRODUCER_KEY, State, UnreadableState, read_state

if TYPE_CHECKING:
    from .per_row import Facts

INTRODUCTION_ACTIONS = frozenset({Action.ANSWER_INTRO, Action.THANK_CONNECTOR, Action.IN_TOUCH})


@dataclass(frozen=True, slots=True)
class Introduced:
    """One row's introductions: who introduced you to them, and whom they introduced you to."""

    introducers: tuple[str, ...] = ()  # page ids (valid Introduced by links), sorted
    days: tuple[date | None, ...] = ()  # each introducer's introduced-on day (None: undated)
    made: tuple[tuple[str, date | None], ...] = ()  # (introduced row, its day) for rows naming this one

    @property
    def introduced_on(self) -> date | None:
        """The earliest dated link (Growth and the first message go by it); None when all are undated."""
        dated = [day for day in self.days if day is not None]
        return min(dated) if dated else None

    @property
    def latest_made(self) -> date | None:
        """The latest introduced-on day among the people this person introduced (their answer, §4.1)."""
        dated = [day for _, day in self.made if day is not None]
        return max(dated) if dated else None

    def made_since(self, last_contacted: date | None) -> tuple[str, ...]:
        """The people they introduced after your last contact with them: the thank-you owed."""
        if not self.made:  # most people introduced no one; asked of every row several times a run
            return ()
        return tuple(pid for pid, day in self.made if day is not None and (last_contacted is None or day > last_contacted))

    def introductions_made(self, last_contacted: date | None) -> tuple[str, ...]:
        """The introductions this person made since your last contact, as values of their own row
        (SPEC §4.3, §4.5): a new one hands their columns back, and older ones (or none) leave the
        row's fingerprint as it was before v3, so an upgrade releases no edit."""
        made = dict(self.made)
        return tuple(f"{pid}{made[pid]:%Y%m%d}" for pid in self.made_since(last_contacted))

    def memory(self) -> tuple[tuple[str, date | None], ...]:
        """What the introduced row's Worker state keeps (`i`)."""
        if not self.introducers:
            return ()
        return tuple((pid[-INTRODUCER_KEY:], day) for pid, day in zip(self.introducers, self.days))


NOT_INTRODUCED = Introduced()


def introducers_of(row: Row, listed: Mapping[str, Row]) -> tuple[str, ...]:
    """The row's Introduced by links to other rows of the list (the rest are warned about in rows.py)."""
    return tuple(sorted({pid for pid in row.person.introduced_by if pid in listed and pid != row.pid}))


def date_link(row: Row, state: State, introducer: str, today: date) -> date | None:
    """The introduced-on day of one link (SPEC §4.3); None when it cannot be dated."""
    known, day = state.introduced_on(introducer)
    if known:
        return day
    if state.links_read:  # the worker read this row's links before, and this one was not among them
        return today
    person = row.person
    day = person.edited_by_person_on or person.created_on or person.last_contacted
    return min(day, today) if day else None  # a run `--today` in the past dates nothing after it


def read_introductions(rows: Sequence[Row], states: Mapping[str, State], today: date) -> dict[str, Introduced]:
    """Every row's introductions, Paused rows included (their links are dated and remembered too)."""
    listed = {row.pid: row for row in rows}
    own: dict[str, tuple[tuple[str, ...], tuple[date | None, ...]]] = {}
    made: dict[str, list[tuple[str, date | None]]] = defaultdict(list)
    for row in rows:
        introducers = introducers_of(row, listed)
        days = tuple(date_link(row, states[row.pid], pid, today) for pid in introducers)
        own[row.pid] = (introducers, days)
        for introducer, day in zip(introducers, days):
            made[introducer].append((row.pid, day))
    def in_order(pair: tuple[str, date | None]) -> tuple:  # by day, then name: as a person would list them
        return (pair[1] or date.max, listed[pair[0]].name, pair[0])

    return {
        pid: Introduced(introducers, days, tuple(sorted(made.get(pid, ()), key=in_order)))
        for pid, (introducers, days) in own.items()
    }


def introduction_follow_up(f: Facts, action: Action, rules: RuleBook, today: date) -> tuple[date | None, bool]:
    """Follow up on for the v3 actions, and whether it was counted from today: the introduced-on day
    of the introduction to answer, the latest one of those to thank for, or for In touch the two-way
    date + "stale after" days (from today, remembered, when there is no two-way date)."""
    if action == Action.ANSWER_INTRO:
        day = f.intro.introduced_on
    elif action == Action.THANK_CONNECTOR:
        made = dict(f.intro.made)
        day = max(d for pid in f.intro.made_since(f.row.person.last_contacted) if (d := made[pid]) is not None)
    else:
        rule = rules.closeness.get(f.closeness.closeness)
        if rule is None or rule.stale_after_days is None:
            return None, False
        if f.talk.contact is None:  # counted from today once, then kept while the Status stays
            counted = f.state.counted_for(f.row.status)
            return counted or next_business_day(add_days(today, rule.stale_after_days), rules.days_off), True
        day = add_days(f.talk.contact, rule.stale_after_days)
    # Nothing is made due on a day off: a computed date moves to the next business day (SPEC §4.4).
    return (next_business_day(day, rules.days_off) if day is not None else None), False


def links_to_date(people: Sequence[Person]) -> bool:
    """Whether some Introduced by link is new to a row that has no v3 memory: dating it needs the
    row's last editor (SPEC §4.3), which only the Notion API tells."""
    listed = {person.page_id for person in people}
    for person in people:
        links = [pid for pid in person.introduced_by if pid in listed and pid != person.page_id]
        if not links:
            continue
        try:
            state = read_state(person.current.worker_state)
        except UnreadableState:
            return True
        if not state.links_read:
            return True
    return False
