"""A write phase's values: what the rounds talk to (Ports), where they stand (Plan), what each did."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from worker.core.models import Outcome, Person, Reuse, RowFailure, RowOutcome, RowWarning
from worker.notion.client import NotionGateway
from worker.notion.schema import DataSource
from worker.runs.clock import Clock
from worker.settings import Settings

Progress = Callable[[int, int], None]


class Compute(Protocol):
    """The rules over a list (pure). `reuse`, an earlier outcome's, makes it faster, never different."""

    def __call__(self, people: Sequence[Person], reuse: Reuse | None = None) -> Outcome: ...


@dataclass(frozen=True)
class Ports:
    """What the rounds talk to: Notion, the settings, the clock, the rules and the progress bar."""

    gateway: NotionGateway
    source: DataSource
    settings: Settings
    clock: Clock
    compute: Compute
    progress: Progress | None = None


@dataclass(frozen=True)
class Plan:
    """Where a write phase stands between two rounds."""

    outcome: Outcome  # what the pending rows come from; before any, the last computation's (its work is reused)
    known: Mapping[str, Person]  # each row as Notion holds it now, as far as the worker knows
    created: Mapping[str, str]  # page id → created_time
    pending: tuple[RowOutcome, ...]  # still to write, oldest row first
    since: datetime  # when the last look (or the read) began
    looked: float | None = None  # clock.monotonic() when the last look began; None: none yet
    held: Mapping[str, str] = field(default_factory=dict)  # page id → last_edited_time of an unsettled edit
    failed: frozenset[str] = frozenset()
    capability_confirmed: bool = False
    streak: int = 0  # rows in a row that Notion could not be reached for
    done: int = 0  # rows tried, for the progress bar

    @property
    def people(self) -> list[Person]:
        """The rows as Notion holds them, a person's settled edits meanwhile included."""
        return list(self.known.values())

    @property
    def next_since(self) -> datetime:
        """Where the next look must reach back to: the last look, or an unsettled edit before it."""
        held = [datetime.fromisoformat(edited) for edited in self.held.values() if edited]
        return min([self.since, *held])


@dataclass(frozen=True)
class RoundResult:
    """What one round did."""

    written: int = 0
    memory_only_tried: int = 0  # rows tried whose write only updates Worker state
    failures: tuple[RowFailure, ...] = ()
    recomputed: int = 0  # rows a person edited meanwhile, read again and computed with
    held: int = 0  # rows left to a later look: their edit is under 2 minutes old
    dropped: tuple[RowWarning, ...] = ()  # rows moved to the trash
    stopped: BaseException | None = None  # the fault that stopped the run in this round


def start_plan(outcome: Outcome, people: Sequence[Person], created: Mapping[str, str], since: datetime,
               held: Mapping[str, str] | None = None) -> Plan:
    """The write phase before its first round: every changed row pending, oldest first."""
    held = dict(held or {})
    plan = Plan(outcome, {p.page_id: p for p in people}, dict(created), (), since, held=held)
    return replace(plan, pending=in_created_order(plan, outcome.changed_rows))


def ids_of(rows: Sequence[RowOutcome]) -> frozenset[str]:
    return frozenset(row.person.page_id for row in rows)


def in_created_order(plan: Plan, rows: Sequence[RowOutcome]) -> tuple[RowOutcome, ...]:
    """Oldest row first: the order a list is read in, so a look need only ask for rows from there on."""
    wanted = [row for row in rows if row.person.page_id not in plan.held]
    return tuple(sorted(wanted, key=lambda row: (plan.created.get(row.person.page_id, "\uffff"), row.person.page_id)))
