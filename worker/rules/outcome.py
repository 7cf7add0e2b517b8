"""compute_outcome: rows + rules + today → the worker fields each row should hold, and warnings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from worker.models import Outcome, Person, RowOutcome, RowWarning, RuleBook, Status, WorkerFields

from . import asks
from .followup import assign_plan, status_date
from .network import assign_connectors, build_graph, find_intro_loops, find_intro_paths, hop_key, read_links
from .ownership import FROM_TODAY, PLANNED, Marks, State, format_state, inputs_hash, parse_state, rules_digest, settle_fields
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
        row.rank = rank_key(row)
    for row in rows:
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
    graph = build_graph(rows, rules)
    targets = [row.pid for row in rows if is_target(row)]
    for pid, path in find_intro_paths(graph, targets, by_id, rules.max_path_edges).items():
        by_id[pid].path = path


def _in_plan(row: Row) -> bool:
    return row.status == Status.NOT_CONTACTED and row.kind != asks.NO_ASK


def _settle_rows(rows: list[Row], by_id: dict[str, Row], rules: RuleBook, today: date) -> list[RowOutcome]:
    rules_hash = rules_digest(rules)
    states = {row.pid: parse_state(row.person.current.worker_state) for row in rows}
    inputs = {row.pid: inputs_hash(row, by_id, rules_hash) for row in rows}
    kept = {}
    for row in rows:
        state = states[row.pid]
        if _in_plan(row) and _holds(state, inputs[row.pid], PLANNED):
            kept[row.pid] = state.day
    ranked = [row.pid for row in sorted((r for r in rows if _in_plan(r)), key=lambda r: r.rank)]
    plan = assign_plan(ranked, kept, today, rules)
    marks = Marks()
    return [_settle(row, by_id, rules, today, states[row.pid], inputs[row.pid], plan, marks) for row in rows]


def _holds(state: State | None, inputs: str, kind: str) -> bool:
    return state is not None and state.inputs == inputs and state.date_kind == kind


def _follow_up(row: Row, state: State | None, inputs: str, plan: dict, today: date, rules: RuleBook) -> tuple[str, date | None]:
    if row.status == Status.NOT_CONTACTED:
        day = plan.get(row.pid)
        return (PLANNED if day else ""), day
    if row.person.last_contacted is None and rules.status_business_days.get(row.status) is not None:
        # Counted from today, then remembered: otherwise the date would slide forward every day.
        if _holds(state, inputs, FROM_TODAY):
            return FROM_TODAY, state.day
        return FROM_TODAY, status_date(row.status, None, today, rules)
    return "", status_date(row.status, row.person.last_contacted, today, rules)


def _settle(row, by_id, rules, today, state, inputs, plan, marks) -> RowOutcome:
    date_kind, follow = _follow_up(row, state, inputs, plan, today, rules)
    limit = rules.max_text
    has_path = bool(row.path) and row.kind == asks.INTRO_PITCH
    desired = (
        asks.ASK_OF_KIND.get(row.kind),
        truncate(asks.write_why(row, by_id, rules), limit),
        truncate(asks.write_next_step(row, by_id), limit),
        truncate(intro_path_text([by_id[pid].label for pid in row.path]), limit) if has_path else "",
        (row.path[0],) if has_path else (),
        follow,
        row.stale,
        row.strength,
    )
    current = row.person.current
    values, markers, changed = settle_fields(desired, current, state, inputs, marks)
    state_text = format_state(inputs, markers, date_kind, follow if date_kind else None)
    if state_text != current.worker_state:
        changed.append("worker_state")
    fields = WorkerFields(*values, worker_state=state_text)
    return RowOutcome(person=row.person, fields=fields, changed=tuple(changed))
