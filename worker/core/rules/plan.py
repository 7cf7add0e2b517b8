"""The plan (SPEC §4.4): new outreach paced at `plan_per_day` places a business day, best first.

Only Not contacted rows with a message of their own take places; a target reached through an
intro shares its first hop's. The rows the plan has dated are a queue (v3): each run lays it out
again from today, so no day's list holds more than `plan_per_day` new messages, overdue included,
and while every day's messages are sent no date moves.
"""

from __future__ import annotations

from collections import Counter
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
    ranked: Sequence[str], queued: Mapping[str, date], fixed: Mapping[str, date | None], today: date,
    rules: RuleBook, sent: Iterable[date] = (),
) -> Plan:
    """Dates for the rows in `ranked` (best first): the queue laid out from today, and new rows.

    `queued` holds the dates the plan gave earlier: those rows go first, by that date then plan
    order, at most `plan_per_day` a business day from today, so a skipped day moves them on instead
    of piling up. A queued row keeps its date while there is room on it; rows new to the plan take
    the first free places, and only places none of them take pull the queue forward (a higher
    pace, a row that left). `fixed` holds the dates users set themselves on planned rows: the worker
    gives those rows none, and each takes a place on its day (an overdue one on the first). `sent`
    holds the plan days of messages already sent from the plan: their places stay taken, so
    sending a day's messages never pulls the next day's forward.
    """
    days = business_days_from(today, rules.plan_business_days, rules.days_off)
    free = {day: rules.plan_per_day for day in days}
    for day in [*sent, *(max(day, days[0]) for day in _dates(fixed.values()))]:
        if day in free:
            free[day] -= 1
    rank = {pid: place for place, pid in enumerate(ranked)}
    queue = sorted((pid for pid in ranked if pid in queued and pid not in fixed), key=lambda pid: (queued[pid], rank[pid]))
    newcomers = [pid for pid in ranked if pid not in queued and pid not in fixed]
    dates = _lay_out(queue, newcomers, queued, days, dict(free))
    if _room_before(dates, queue, days, free):  # a place nobody new took: the queue moves up into it
        dates = _lay_out(queue + newcomers, [], {}, days, dict(free))
    return Plan(rank, dates)


def _lay_out(
    queue: Sequence[str], newcomers: Sequence[str], given: Mapping[str, date], days: Sequence[date],
    free: dict[date, int],
) -> dict[str, date | None]:
    """The queue in its order, each row on the first day with room from the date it was given (or
    today) on; then each newcomer on the first day with room. `free` is used up."""
    dates: dict[str, date | None] = {}
    floor: date | None = days[0]
    for pid in queue:
        if floor is not None:
            floor = next((day for day in days if day >= max(floor, given.get(pid, floor)) and free[day] > 0), None)
        dates[pid] = floor
        if floor is not None:
            free[floor] -= 1
    for pid in newcomers:
        day = next((day for day in days if free[day] > 0), None)
        dates[pid] = day
        if day is not None:
            free[day] -= 1
    return dates


def _room_before(dates: Mapping[str, date | None], queue: Sequence[str], days: Sequence[date], free: Mapping[date, int]) -> bool:
    """Whether a day before the queue's last one still has a free place once every row has one."""
    last = max((dates[pid] for pid in queue if dates[pid] is not None), default=None)
    if last is None:
        return False
    used = Counter(day for day in dates.values() if day is not None)
    return any(day < last and used[day] < free[day] for day in days)


def _dates(*groups: Iterable[date | None]) -> Iterable[date]:
    return (day for group in groups for day in group if day is not None)


def plan_outreach(
    new: Sequence[Facts], kinds: Mapping[str, str], reach: Mapping[str, int], today: date, rules: RuleBook,
    sent: Iterable[date] = (),
) -> Plan:
    """The plan for the rows with a new message of their own (Action NEW), of kind `kinds`.

    Rows whose Follow up on the user set keep it (it counts on its day); the others, in the queue
    by the plan date their Worker state remembers, or new to it, get a place (SPEC §4.4).
    """
    def key(facts: Facts) -> tuple:
        pid = facts.pid
        return rank_key(kinds[pid], reach.get(pid, 0), facts.standing.strength, facts.row.name, pid)

    ranked = sorted(new, key=key)
    set_by_user = {f.pid: f.row.person.current.follow_up_on for f in new if "follow_up_on" in f.held}
    queued = {f.pid: f.state.planned for f in new if f.pid not in set_by_user and f.state.planned is not None}
    return make_plan([f.pid for f in ranked], queued, set_by_user, today, rules, sent)
