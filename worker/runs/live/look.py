"""One look (SPEC §10): the rows edited since the snapshot, and the whole list computed again with them.

A look costs one query when nothing changed. When a person changed a row, the list is computed from
the snapshot with that row replaced and written in rounds exactly as a full sync would write it,
rows and Today page; the snapshot then moves on. Without a usable snapshot the look is a full sync.
A column missing or retyped under the look runs the schema check: a list that no longer fits the
template stops with its SchemaError; one that still fits is read whole (a full sync).
"""

from __future__ import annotations

import logging
import threading
from datetime import date

from worker.core.models import Outcome
from worker.notion.client import NotionGateway
from worker.notion.pages import SchemaDrift
from worker.notion.schema import require_template
from worker.runs.clock import SYSTEM_CLOCK, Clock
from worker.runs.live.snapshot import Snapshot, load_snapshot, move_cursor
from worker.runs.setup import RunSetup, open_run
from worker.runs.sync import SyncResult, failure_publisher, finish, list_warnings, rules_for, sync_notion
from worker.runs.sync.tally import Read, tally, with_cost
from worker.runs.sync.writeback import Plan, Ports, Progress, look
from worker.settings import Settings

log = logging.getLogger("worker.runs.live")

# A look never waits for another sync of the list: the next look comes within a minute anyway.
LOOK_LOCK_WAIT_SECONDS = 0.0


def look_notion(
    settings: Settings,
    *,
    today: date,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
    gateway: NotionGateway | None = None,
    lock_wait_seconds: float = LOOK_LOCK_WAIT_SECONDS,
    command: str = "look",
    clock: Clock = SYSTEM_CLOCK,
    outcome_when_unchanged: bool = True,
    previous: Outcome | None = None,
) -> SyncResult:
    """One look at the list; a full sync when there is no snapshot it can trust or the schema moved.

    `outcome_when_unchanged` False: a look that finds nothing to answer computes nothing either (its
    result's outcome is empty); `run` and `serve` look every minute and print no to-do list.
    `previous`: this process's last outcome; the look's computation takes its work for every row
    that is as it was, so it costs a fraction of a full computation.
    """
    snapshot = load_snapshot(settings)
    full = dict(today=today, stop=stop, progress=progress, gateway=gateway, lock_wait_seconds=lock_wait_seconds,
                command=command, clock=clock, previous=previous)
    if snapshot is None:
        log.info("no snapshot of this list to look from: reading the whole list", extra={"event": "full_read"})
        return sync_notion(settings, **full)
    try:
        with open_run(settings, command=command, stop=stop, gateway=gateway, lock_wait_seconds=lock_wait_seconds,
                      clock=clock, source=snapshot.source, on_failure=failure_publisher(settings, today)) as run:
            return look_from(run, snapshot, today, progress, outcome_when_unchanged, previous)
    except SchemaDrift:  # the list still fits the template, not the schema the snapshot was read with
        log.info("the list's columns changed since the last read: reading the whole list", extra={"event": "full_read"})
        return sync_notion(settings, **full)


def look_from(run: RunSetup, snapshot: Snapshot, today: date, progress: Progress | None,
              outcome_when_unchanged: bool = True, previous: Outcome | None = None) -> SyncResult:
    """The look on an opened run: one query, and when a person changed a row, rounds of writes."""
    settings = run.settings
    checks = require_template(snapshot.source, settings.names, settings.config_file)
    absent = frozenset(check.key for check in checks if check.absent and check.worker_owned)
    rules = rules_for(settings, today, absent)
    last = previous or Outcome(rows=())
    plan = Plan(last, {p.page_id: p for p in snapshot.people}, snapshot.created, (), snapshot.since)
    plan, looked = look(plan, Ports(run.gateway, run.source, settings, run.clock, rules, progress))
    facts = Read("notion", today, len(plan.known), tuple(list_warnings(settings)), kind="look")
    if not looked.recomputed:  # nothing a person changed (or nothing settled yet): no write, no page
        move_cursor(settings, plan.next_since)
        outcome = rules(plan.people, last.reuse) if outcome_when_unchanged else Outcome(rows=())
        return SyncResult(with_cost(tally(facts, outcome, outcome, [looked]), run.cost()), outcome)
    result = finish(run, facts, plan, rules, progress)
    return result
