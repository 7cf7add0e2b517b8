"""Small builders for the rules tests: people with readable ids, one run, the next run."""

from __future__ import annotations

import dataclasses
from datetime import date

from worker.core.configuration import RuleBook
from worker.core.models import Outcome, Person, WorkerFields
from worker.core.rules import compute_outcome

TODAY = date(2026, 11, 26)  # a Thursday
RULES = RuleBook(target_companies=("Stripe", "Figma"))


def pid(n: int) -> str:
    """A page id (32 hex) from a small number, so tests read `pid(3)`."""
    return f"{n:032x}"


def person(n: int, name: str = "", **fields) -> Person:
    """A row with page id pid(n); links given as numbers are turned into page ids."""
    for key in ("knows", "introduced_by"):
        if key in fields:
            fields[key] = tuple(pid(x) if isinstance(x, int) else x for x in fields[key])
    return Person(page_id=pid(n), name=name or f"P{n}", **fields)


def run(people, rules: RuleBook = RULES, today: date = TODAY, **options) -> Outcome:
    return compute_outcome(people, rules, today, **options)


def row(outcome: Outcome, n: int):
    """The RowOutcome of pid(n)."""
    return next(r for r in outcome.rows if r.person.page_id == pid(n))


def fields(outcome: Outcome, n: int) -> WorkerFields:
    return row(outcome, n).fields


def decision(outcome: Outcome, n: int):
    return row(outcome, n).decision


def written(outcome: Outcome) -> list[Person]:
    """The people as Notion holds them after this outcome was written."""
    return [dataclasses.replace(r.person, current=r.fields) for r in outcome.rows]


def rerun(outcome: Outcome, extra=(), rules: RuleBook = RULES, today: date = TODAY) -> Outcome:
    """A later run fed what the first one wrote (plus any rows it never saw)."""
    return compute_outcome(written(outcome) + list(extra), rules, today)


def edit(people: list[Person], n: int, **values) -> list[Person]:
    """The list with row pid(n)'s own columns changed, as a user would in Notion."""
    return [dataclasses.replace(p, **values) if p.page_id == pid(n) else p for p in people]


def edit_worker(people: list[Person], n: int, **values) -> list[Person]:
    """The list with row pid(n)'s worker columns changed by the user."""
    return [
        dataclasses.replace(p, current=dataclasses.replace(p.current, **values)) if p.page_id == pid(n) else p
        for p in people
    ]
