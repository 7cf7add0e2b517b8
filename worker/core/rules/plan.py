"""The plan (SPEC §4.4): new outreach paced at `plan_per_day` places a business day, best first.

Only Not contacted rows with a message of their own take places; a target reached through an
intro shares its first hop's. A date once given is kept while the row stays in the plan, and
counts on its own day: an overdue row does not take one of today's places.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from worker.core.configuration import RuleBook
from worker.core.dates import business_days_from

from .asks import ADVICE, COLD_PITCH, INTRODUCED_ADVICE, INTRODUCED_PITCH, INTRODUCTIONS, SHARED, WARM_PITCH
from .per_row import Facts
from .standing import strength_order

TIERS = {WARM_PITCH: 0, INTRODUCTIONS: 1, ADVICE: 2, COLD_PITCH: 3, SHARED: 4}
TIERS.update({INTRODUCED_PITCH: TIERS[WARM_PITCH], INTRODUCED_ADVICE: TIERS[ADVICE]})  # v3: undated introductions


def rank_key(kind: str, reach: int, strength: int | None, name: str, pid: str) -> tuple:
    """Plan order: the tier; Request introductions by reach (0 last), Ask for advice with reach
    first; then Strength high to low (empty lowest), Name, page id."""
    if kind == INTRODUCTIONS:
        within = -reach
    elif kind == ADVICE:
        within = 0 if reach else 1
    else:
        within = 0
    return (TIERS[kind], within, strength_order(strength), name, pid)


@dataclass(frozen=True, slots=True)
class Plan:
    """Each planned row's place in the plan order, and the date the worker gives it."""

    ranks: Mapping[str, int]  # 0 is best
    dates: Mapping[str, date | None]  # None: past the plan's window until its turn comes


def make_plan(
    ranked: Sequence[str], kept: Mapping[str, date], fixed: Mapping[str, date | None], today: date, rules: RuleBook
) -> Plan:
    """Dates for the rows in `ranked` (best first): kept dates stay, the rest fill the free places.

    `fixed` holds the dates users set themselves on planned rows: they count on their day and the
    worker gives those rows none.
    """
    days = business_days_from(today, rules.plan_business_days)
    free = {day: rules.plan_per_day for day in days}
    for day in _dates(kept.values(), fixed.values()):
        if day in free:
            free[day] -= 1
    open_days = iter(day for day in days if free[day] > 0)
    day = next(open_days, None)
    dates: dict[str, date | None] = {}
    for pid in ranked:
        if pid in fixed:
            continue
        if pid in kept:
            dates[pid] = kept[pid]
            continue
        while day is not None and free[day] <= 0:
            day = next(open_days, None)
        dates[pid] = day
        if day is not None:
            free[day] -= 1
    return Plan({pid: rank for rank, pid in enumerate(ranked)}, dates)


def _dates(*groups: Iterable[date | None]) -> Iterable[date]:
    return (day for group in groups for day in group if day is not None)


def plan_outreach(new: Sequence[Facts], kinds: Mapping[str, str], reach: Mapping[str, int], today: date, rules: RuleBook) -> Plan:
    """The plan for the rows with a new message of their own (Action NEW), of kind `kinds`.

    Rows whose Follow up on the user set keep it (it counts on its day); the others keep the plan
    date their Worker state remembers, or get a free place.
    """
    def key(facts: Facts) -> tuple:
        pid = facts.pid
        return rank_key(kinds[pid], reach.get(pid, 0), facts.standing.strength, facts.row.name, pid)

    ranked = sorted(new, key=key)
    set_by_user = {f.pid: f.row.person.current.follow_up_on for f in new if "follow_up_on" in f.held}
    kept = {f.pid: f.state.planned for f in new if f.pid not in set_by_user and f.state.planned is not None}
    return make_plan([f.pid for f in ranked], kept, set_by_user, today, rules)
