"""compute_outcome: rows + rules + today → the worker fields each row should hold, and warnings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress
from datetime import date

from worker.models import Outcome, Person, RowOutcome, RowWarning, RuleBook, Status, WorkerFields

from . import asks
from .followup import assign_plan, status_date
from .network import assign_connectors, build_graph, find_intro_loops, find_intro_paths, hop_key, read_links
from .ownership import (
    FROM_TODAY, OWNED_FIELDS, PLANNED, Marks, State, encode_fields, format_state, inputs_hash, is_blank,
    parse_state, row_inputs, rules_digest, settle_fields,
)
from .strength import Row, read_rows
from .text import intro_path_text, truncate

TIERS = {
    asks.WARM_PITCH: 0, asks.INTRO_PITCH: 1, asks.INTRODUCTIONS: 2,
    asks.ADVICE: 3, asks.COLD_PITCH: 4, asks.SHARED: 5, asks.NO_ASK: 6,
}


def compute_outcome(people: Sequence[Person], rules: RuleBook, today: date) -> Outcome:
    """The worker fields for every non-Paused row as of `today`; pure, deterministic."""
    ordered = sorted(people, key=lambda p: p.page_id)
    rows, warnings = read_rows([p for p in ordered if not p.paused], rules, today)
    warnings += read_links(rows, frozenset(p.page_id for p in ordered))
    warnings += find_intro_loops(rows)
    by_id = {row.pid: row for row in rows}
    _find_paths(rows, by_id, rules)
    for row in rows:
        row.kind = asks.choose_kind(row)
    assign_connectors(rows, by_id)
    for row in rows:
        if row.path or _in_plan(row):  # the plan order, and a connector's list of targets
            row.rank = rank_key(row)
    for row in rows:
        if row.targets:
            row.targets.sort(key=lambda t: t.rank)
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
    graph = build_graph(rows, rules, targets)
    for pid, path in find_intro_paths(graph, targets, by_id, rules.max_path_edges).items():
        by_id[pid].path = path


def _in_plan(row: Row) -> bool:
    return row.status == Status.NOT_CONTACTED and row.kind != asks.NO_ASK


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
        if key not in self.status_dates:
            self.status_dates[key] = status_date(status, last, self.today, self.rules)
        return self.status_dates[key]


def _settle_rows(rows: list[Row], by_id: dict[str, Row], rules: RuleBook, today: date) -> list[RowOutcome]:
    rules_hash = rules_digest(rules)
    own = {row.pid: row_inputs(row) for row in rows}  # once per row: path rows reuse theirs
    states = [parse_state(row.person.current.worker_state) for row in rows]
    inputs = [inputs_hash(row, own, rules_hash) for row in rows]
    kept = {
        row.pid: state.day for row, state, key in zip(rows, states, inputs)
        if _in_plan(row) and _holds(state, key, PLANNED)
    }
    ranked = [row.pid for row in sorted((r for r in rows if _in_plan(r)), key=lambda r: r.rank)]
    run = _Run(rules, today, by_id, plan=assign_plan(ranked, kept, today, rules))
    return [_settle(row, state, key, run) for row, state, key in zip(rows, states, inputs)]


def _holds(state: State | None, inputs: str, kind: str) -> bool:
    return state is not None and state.inputs == inputs and state.date_kind == kind


def _follow_up(row: Row, state: State | None, inputs: str, run: _Run) -> tuple[str, date | None]:
    if row.status == Status.NOT_CONTACTED:
        day = run.plan.get(row.pid)
        return (PLANNED if day else ""), day
    if row.person.last_contacted is None and run.rules.status_business_days.get(row.status) is not None:
        # Counted from today, then remembered: otherwise the date would slide forward every day.
        if _holds(state, inputs, FROM_TODAY):
            return FROM_TODAY, state.day
        return FROM_TODAY, run.status_date(row.status, None)
    return "", run.status_date(row.status, row.person.last_contacted)


def _settle(row: Row, state: State | None, inputs: str, run: _Run) -> RowOutcome:
    date_kind, follow = _follow_up(row, state, inputs, run)
    desired = _desired(row, follow, run)
    current = row.person.current
    if state is None and is_blank(current):  # a first write: every field is the worker's, and new
        texts = encode_fields(desired)
        values, markers, changed = desired, list(map(run.marks.__getitem__, texts)), tuple(compress(OWNED_FIELDS, texts))
    else:
        values, markers, changed = settle_fields(desired, current, state, inputs, run.marks)
    state_text = format_state(inputs, markers, date_kind, follow if date_kind else None)
    if state_text != current.worker_state:
        changed += ("worker_state",)
    return RowOutcome(row.person, WorkerFields(*values, state_text), changed)


def _desired(row: Row, follow: date | None, run: _Run) -> tuple:
    """The worker's value of each owned field, in OWNED_FIELDS order."""
    limit = run.rules.max_text
    why = truncate(asks.write_why(row, run.by_id, run.rules), limit)
    next_step = truncate(asks.write_next_step(row, run.by_id), limit)
    if row.path and row.kind == asks.INTRO_PITCH:
        intro_path = truncate(intro_path_text([run.by_id[pid].label for pid in row.path]), limit)
        return (asks.ASK_OF_KIND[row.kind], why, next_step, intro_path, row.path[:1], follow, row.stale, row.strength)
    return (asks.ASK_OF_KIND.get(row.kind), why, next_step, "", (), follow, row.stale, row.strength)
