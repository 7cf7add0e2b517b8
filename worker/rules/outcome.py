"""compute_outcome: rows + rules + today → the worker fields each row should hold, and warnings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from worker.models import Outcome, Person, RowOutcome, Status, WorkerFields
from worker.configuration import RuleBook

from . import asks
from .followup import assign_plan, status_date
from .network import assign_connectors, find_intro_loops, find_intro_paths, hop_key, read_links
from .ownership import FROM_TODAY, OWNED_FIELDS, PLANNED, Marks, State, format_state, read_states, settle_fields
from .strength import Row, read_rows
from .text import intro_path_text, truncate

_NOT_CONTACTED = Status.NOT_CONTACTED.value
_page_id = attrgetter("page_id")
_rank_of = attrgetter("rank")
TIERS = {
    asks.WARM_PITCH: 0, asks.INTRO_PITCH: 1, asks.INTRODUCTIONS: 2,
    asks.ADVICE: 3, asks.COLD_PITCH: 4, asks.SHARED: 5, asks.NO_ASK: 6,
}


def compute_outcome(people: Sequence[Person], rules: RuleBook, today: date) -> Outcome:
    """The worker fields for every non-Paused row as of `today`; pure, deterministic."""
    ordered = sorted(people, key=_page_id)
    rows, warnings = read_rows([p for p in ordered if not p.paused], rules, today)
    warnings += read_links(rows, frozenset(map(_page_id, ordered)))
    warnings += find_intro_loops(rows)
    by_id = {row.pid: row for row in rows}
    _find_paths(rows, by_id, rules)
    assign_connectors(rows, by_id)  # from the paths alone; a connector's reach feeds its rank
    for row in rows:
        row.kind = asks.choose_kind(row)
        if row.path or _in_plan(row):  # the plan order, and a connector's list of targets
            row.rank = rank_key(row)
    for row in rows:
        if row.targets:
            row.targets.sort(key=_rank_of)
    outcomes = _settle_rows(rows, by_id, rules, today)
    warnings.sort(key=lambda w: (w.name.casefold(), w.page_id, w.message))
    return Outcome(rows=tuple(outcomes), warnings=tuple(warnings))


def is_target(row: Row) -> bool:
    """Out of network, at a target company, and still open to an ask."""
    return row.target and not row.in_network and row.status not in asks.CLOSED


def rank_key(row: Row) -> tuple:
    """Plan order: tier, then reach (for Request introductions), Strength, Name, page id."""
    reach = -len(row.targets) if row.kind == asks.INTRODUCTIONS else 0
    return (TIERS[row.kind], reach, hop_key(row), row.name, row.pid)


def _find_paths(rows: list[Row], by_id: dict[str, Row], rules: RuleBook) -> None:
    targets = [row.pid for row in rows if is_target(row)]
    for pid, path in find_intro_paths(rows, targets, by_id, rules).items():
        by_id[pid].path = path


def _in_plan(row: Row) -> bool:
    return row.status == _NOT_CONTACTED and row.kind != asks.NO_ASK


@dataclass(slots=True)
class _Run:
    """What every row of one run settles against."""

    rules: RuleBook
    today: date
    by_id: dict[str, Row]
    plan: dict[str, date] = field(default_factory=dict)
    marks: Marks = field(default_factory=Marks)
    status_dates: dict[tuple[str, date | None], date | None] = field(default_factory=dict)

    def status_date(self, status: str, last: date | None) -> date | None:
        """status_date(), remembered: most rows share a Status and a Last contacted."""
        key = (status, last)
        if key in self.status_dates:
            return self.status_dates[key]
        found = self.status_dates[key] = status_date(status, last, self.today, self.rules)
        return found

    def settle(self, row: Row, state: State | None, inputs: str) -> RowOutcome:
        """The row's final fields and what changed, against what it holds now."""
        if row.status == _NOT_CONTACTED:
            follow = self.plan.get(row.pid)
            date_kind = PLANNED if follow else ""
        else:
            date_kind, follow = _follow_up(row, state, inputs, self)
        desired = (*_words(row, self), follow, row.stale, row.strength)
        current = row.person.current
        values, markers, changed = settle_fields(desired, current, state, inputs, self.marks)
        state_text = format_state(inputs, markers, date_kind, follow if date_kind else None)
        if state_text != current.worker_state:
            changed += ("worker_state",)
        fields = WorkerFields(**dict(zip(OWNED_FIELDS, values)), worker_state=state_text)
        return RowOutcome(row.person, fields, changed)


def _settle_rows(rows: list[Row], by_id: dict[str, Row], rules: RuleBook, today: date) -> list[RowOutcome]:
    states, inputs = read_states(rows, rules)
    planned = [row for row in rows if _in_plan(row)]
    kept = {
        row.pid: state.day for row, state, key in zip(rows, states, inputs)
        if state is not None and _in_plan(row) and _holds(state, key, PLANNED)
    }
    planned.sort(key=_rank_of)
    run = _Run(rules, today, by_id, plan=assign_plan([row.pid for row in planned], kept, today, rules))
    return list(map(run.settle, rows, states, inputs))


def _holds(state: State | None, inputs: str, kind: str) -> bool:
    return state is not None and state.inputs == inputs and state.date_kind == kind


def _follow_up(row: Row, state: State | None, inputs: str, run: _Run) -> tuple[str, date | None]:
    if row.person.last_contacted is None and run.rules.status_business_days.get(row.status) is not None:
        # Counted from today, then remembered: otherwise the date would slide forward every day.
        if _holds(state, inputs, FROM_TODAY):
            return FROM_TODAY, state.day
        return FROM_TODAY, run.status_date(row.status, None)
    return "", run.status_date(row.status, row.person.last_contacted)


def _words(row: Row, run: _Run) -> tuple[str | None, str, str, str, tuple[str, ...]]:
    """Suggested ask, Why, Next step, Intro path and Intro via: the worker's text fields."""
    limit = run.rules.max_text
    why = asks.write_why(row, run.by_id, run.rules)
    if len(why) > limit:
        why = truncate(why, limit)
    next_step = asks.write_next_step(row, run.by_id)
    if len(next_step) > limit:
        next_step = truncate(next_step, limit)
    if row.path and row.kind == asks.INTRO_PITCH:
        intro_path = truncate(intro_path_text([run.by_id[pid].label for pid in row.path]), limit)
        return asks.ASK_OF_KIND[row.kind], why, next_step, intro_path, row.path[:1]
    return asks.ASK_OF_KIND.get(row.kind), why, next_step, "", ()
