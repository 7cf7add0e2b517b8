"""Hand-made outcomes for the Today tests: rows with the rules' Decision filled as the rules would."""

from __future__ import annotations

from datetime import date, timedelta

from worker.core.models import Action, Decision, Outcome, Person, RowOutcome, RowWarning, WorkerFields

TODAY = date(2026, 11, 26)  # a Thursday


def pid(n: int) -> str:
    """A page id (32 hex) from a small number, so tests read `pid(3)`."""
    return f"{n:032x}"


def url(n: int) -> str:
    return f"https://app.notion.com/p/{pid(n)}"


def day(offset: int) -> date:
    """A date relative to TODAY: day(-2) is two days ago."""
    return TODAY + timedelta(days=offset)


def person(n: int, name: str = "", **fields: object) -> Person:
    for key in ("knows", "introduced_by"):
        if key in fields:
            fields[key] = tuple(pid(x) if isinstance(x, int) else x for x in fields[key])  # type: ignore[union-attr]
    return Person(page_id=pid(n), name=name or f"P{n}", url=url(n), **fields)  # type: ignore[arg-type]


def row(
    n: int,
    name: str = "",
    *,
    due: date | None = None,
    action: Action = Action.NONE,
    status: str = "Not contacted",
    rank: int | None = None,
    first_hop: int | None = None,
    targets: tuple[int, ...] = (),
    next_step: str = "",
    ask: str | None = None,
    strength: float | None = None,
    intro_via: tuple[int, ...] = (),
    intro_path: str = "",
    path: tuple[int, ...] = (),
    ask_kind: str = "",
    target_company: str = "",
    in_network: bool = False,
    stale: bool = False,
    **person_fields: object,
) -> RowOutcome:
    """One row as the rules would leave it: its final fields and the Decision behind them."""
    fields = WorkerFields(
        suggested_ask=ask,
        next_step=next_step or f"Next step for {name or f'P{n}'}",
        follow_up_on=due,
        strength=strength,
        intro_via=tuple(pid(i) for i in intro_via),
        intro_path=intro_path,
        stale=stale,
    )
    decision = Decision(
        status=status,
        action=action,
        ask_kind=ask_kind,
        plan_rank=rank,
        first_hop=pid(first_hop) if first_hop is not None else "",
        targets=tuple(pid(t) for t in targets),
        intro_path=tuple(pid(hop) for hop in path),
        target_company=target_company,
        in_network=in_network,
    )
    return RowOutcome(person(n, name, **person_fields), fields, (), decision)


def outcome(*rows: RowOutcome, warnings: tuple[RowWarning, ...] = ()) -> Outcome:
    return Outcome(rows=tuple(rows), warnings=warnings)
