"""The Today page's figures (SPEC §7): the days ahead, connectors, target companies, growth.

Pure: the outcome (and, for growth, every row, Paused ones too) and `today` in, plain values out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Container, Mapping, Sequence

from worker.core.models import Closeness, Outcome, Person, RowOutcome, Status
from worker.core.rules.asks import WARM_PITCH
from worker.core.configuration import DEFAULT_PLAN_PER_DAY
from worker.core.dates import NO_DAYS_OFF, is_business_day
from worker.core.today.growth import Growth, TidyUp, compute_growth, compute_tidy_up
from worker.core.today.pace import DayCount, RunningLow, compute_running_low, count_days_ahead
from worker.core.today.todo import Mention, TodoItem, compute_todo, mention, message_lines, status_of

UPCOMING_BUSINESS_DAYS = 5
TOP_CONNECTORS = 5


def compute_upcoming(lines: Sequence[TodoItem], today: date, days: int = UPCOMING_BUSINESS_DAYS,
                     days_off: Container[date] = NO_DAYS_OFF) -> tuple[DayCount, ...]:
    """Messages due on each of the next `days` business days, today first when it is one (one per
    line, as in the to-do); what is overdue counts on the first of them (v3)."""
    return count_days_ahead(lines, today, days, days_off)


@dataclass(frozen=True)
class Connector:
    """A person who is the Intro via of others: the targets they can introduce you to."""

    who: Mention
    strength: float | None
    targets: tuple[Mention, ...]

    @property
    def reach(self) -> int:
        return len(self.targets)


def compute_connectors(outcome: Outcome, limit: int = TOP_CONNECTORS) -> tuple[Connector, ...]:
    """The connectors with the most reach (rows whose Intro via names them), strongest first on a tie."""
    rows = {row.person.page_id: row for row in outcome.rows}
    targets: dict[str, list[RowOutcome]] = defaultdict(list)
    for row in outcome.rows:
        if row.person.paused:  # not a target while Paused, whatever Intro via it still holds
            continue
        for hop in row.fields.intro_via:
            if hop in rows and hop != row.person.page_id:
                targets[hop].append(row)
    connectors = [
        Connector(mention(rows[hop]), rows[hop].fields.strength, tuple(mention(t) for t in sorted(found, key=_plan_key)))
        for hop, found in targets.items()
    ]
    connectors.sort(key=lambda c: (-c.reach, -(c.strength or -1), c.who.name.casefold(), c.who.page_id))
    return tuple(connectors[:limit])


def _plan_key(row: RowOutcome) -> tuple[object, ...]:
    due, rank = row.fields.follow_up_on, row.decision.plan_rank
    return (due is None, due or date.min, rank is None, rank or 0, row.person.name.casefold(), row.person.page_id)


@dataclass(frozen=True)
class WarmContact:
    who: Mention
    strength: float | None


@dataclass(frozen=True)
class CompanyView:
    """One target company: who you know there, the best way in, and how far each person has got."""

    name: str
    people: int
    warm: tuple[WarmContact, ...]  # strongest first; Paused people are off the list
    pitch_to: Mention | None  # the strongest warm contact there the rules say to pitch, if any
    path: tuple[Mention, ...]  # else the best intro path in, after You: its first hop … the person there
    statuses: tuple[tuple[str, int], ...]  # Status counts in the Status order, only those present


def compute_companies(outcome: Outcome, companies: Sequence[str]) -> tuple[CompanyView, ...]:
    """A view per target company, in the configured order (then any other the rules matched)."""
    at: dict[str, list[RowOutcome]] = defaultdict(list)
    for row in outcome.rows:
        if row.decision.target_company:
            at[row.decision.target_company].append(row)
    names = list(dict.fromkeys(companies)) + sorted(set(at) - set(companies))
    by_id = {row.person.page_id: row for row in outcome.rows}
    return tuple(_company(name, at.get(name, []), by_id) for name in names)


def _company(name: str, rows: list[RowOutcome], by_id: Mapping[str, RowOutcome]) -> CompanyView:
    warm = sorted((r for r in rows if _warm(r)), key=_strongest_first)
    pitched = [r for r in warm if r.decision.ask_kind == WARM_PITCH]  # not Paused, closed or said no
    paths = sorted((r for r in rows if r.decision.intro_path), key=_best_path_first)
    counts = Counter(status_of(r) for r in rows)
    return CompanyView(
        name=name,
        people=len(rows),
        warm=tuple(WarmContact(mention(r), r.fields.strength) for r in warm),
        pitch_to=mention(pitched[0]) if pitched else None,
        path=tuple(mention(by_id[pid]) for pid in paths[0].decision.intro_path) if paths else (),
        statuses=tuple((status.value, counts[status]) for status in Status if counts[status]),
    )


def _warm(row: RowOutcome) -> bool:
    # A Paused row's Stale was cleared when it was paused, so it says nothing of them now.
    return row.decision.in_network and not row.fields.stale and not row.person.paused


def _strongest_first(row: RowOutcome) -> tuple[object, ...]:
    return (-(row.fields.strength or -1), row.person.name.casefold(), row.person.page_id)


def _best_path_first(row: RowOutcome) -> tuple[object, ...]:
    # Fewer introductions first, then the plan's own order of the targets.
    return (len(row.decision.intro_path), *_plan_key(row))


@dataclass(frozen=True)
class TodayFigures:
    """Everything the Today page shows below its problems, as computed for one day."""

    today: date
    todo: tuple[TodoItem, ...]
    upcoming: tuple[DayCount, ...]
    connectors: tuple[Connector, ...]
    companies: tuple[CompanyView, ...]
    growth: Growth
    day_off: bool = False  # today is a weekend day or one of the configured days off (v3)
    running_low: RunningLow | None = None
    tidy_up: tuple[TidyUp, ...] = ()  # v3: rows whose effective closeness is above their Closeness


def compute_today_figures(
    people: Sequence[Person], outcome: Outcome, companies: Sequence[str], today: date, *,
    days_off: Container[date] = NO_DAYS_OFF, plan_per_day: int = DEFAULT_PLAN_PER_DAY,
) -> TodayFigures:
    """The to-do and every figure of the Today page for `today`."""
    views = compute_companies(outcome, companies)
    outlook = _outlook(outcome, views, companies, today, days_off, plan_per_day)
    return TodayFigures(
        today=today,
        todo=compute_todo(outcome, today),
        upcoming=outlook.upcoming,
        connectors=compute_connectors(outcome),
        companies=views,
        growth=compute_growth(people, outcome, today),
        day_off=outlook.day_off,
        running_low=outlook.running_low,
        tidy_up=compute_tidy_up(outcome),
    )


@dataclass(frozen=True)
class Outlook:
    """What the terminal adds under the to-do: whether today is off, the days ahead, the pace."""

    day_off: bool
    upcoming: tuple[DayCount, ...]
    running_low: RunningLow


def compute_outlook(outcome: Outcome, companies: Sequence[str], today: date, *, days_off: Container[date] = NO_DAYS_OFF,
                    plan_per_day: int = DEFAULT_PLAN_PER_DAY) -> Outlook:
    """The Today page's day-off line, days ahead and Running low, for the terminal (only those:
    the page's other figures are not computed for it)."""
    return _outlook(outcome, compute_companies(outcome, companies), companies, today, days_off, plan_per_day)


def _outlook(outcome: Outcome, views: Sequence[CompanyView], companies: Sequence[str], today: date,
             days_off: Container[date], plan_per_day: int) -> Outlook:
    targets = [(view.name, view.people) for view in views if view.name in companies]
    return Outlook(
        day_off=not is_business_day(today, days_off),
        upcoming=compute_upcoming(message_lines(outcome), today, days_off=days_off),
        running_low=compute_running_low(outcome, targets, today, plan_per_day, days_off),
    )
