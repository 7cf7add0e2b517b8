"""The write phase, in rounds: look → compute → write a batch; each round returns what it did.

Notion has no conditional write: a PATCH lands whatever happened to the row since it was read, and
Worker state then records the worker's value as its own, so a person's edit made between the read
and that row's PATCH would be overwritten and lost for good. So each round starts with a look: one
query for rows edited since the last look (`last_edited_time` on or after that moment less a
minute, as Notion rounds it down; created on or after the oldest row still to write, since rows
behind it are written or need no write). A row that reads as the worker knows it (its own writes
included) causes nothing; a row a person changed is taken whole and the list computed again with it,
before its write (SPEC §4.5, §10). A round then writes rows for at most WRITE_LOOK_SECONDS, so an
edit made 10 s or more before its row's PATCH is always seen by a look first.

A row whose last edit is under SETTLE old is not written in this write phase at all (the person may
be editing it in several steps); the next look, or the next sync, answers it once it has settled.

Faults of the whole run end the round with the fault as a value (`RoundResult.stopped`): a 403 that
a no-op update of the list confirms (CannotUpdate), a column deleted or retyped (SchemaError), a
Retry-After past the cap (RetryLater). The caller knows how many rows the rounds wrote before it.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

from worker.core.codes import RowFailureKind
from worker.notion.errors import NotionError, NotionUnavailable, RequestRejected, SchemaError
from worker.notion.pages import Edit, SchemaDrift, fetch_edits
from worker.notion.schema import recheck_template
from worker.runs.sync.plan import Plan, Ports, Progress, RoundResult, ids_of, in_created_order, start_plan
from worker.runs.sync.rows import UNREACHABLE_STREAK_LIMIT, Batch, failure, write_next

__all__ = ["Plan", "Ports", "Progress", "RoundResult", "UNREACHABLE_STREAK_LIMIT", "look",
           "start_plan", "write_all", "write_round"]

log = logging.getLogger("worker.runs.sync")

# A round writes for at most this long before the next look (seconds): with the look's own request
# (a second at most at three a second) an edit made 10 s before its row's PATCH is always seen.
WRITE_LOOK_SECONDS = 8.0
# Notion rounds last_edited_time down to the minute: each look reaches a minute before the last.
EDIT_OVERLAP = timedelta(minutes=1)
# An edit is left alone until it is 2 minutes old; the rounded time may be up to a minute early.
SETTLE = timedelta(minutes=3)


def write_all(plan: Plan, ports: Ports) -> tuple[Plan, list[RoundResult]]:
    """Rounds until nothing is left to write or a round stops the run."""
    rounds: list[RoundResult] = []
    while plan.pending:
        plan, result = write_round(plan, ports)
        rounds.append(result)
        if result.stopped is not None:
            break
    return plan, rounds


def write_round(plan: Plan, ports: Ports) -> tuple[Plan, RoundResult]:
    """A look (unless one just ran), then rows written until WRITE_LOOK_SECONDS after it."""
    looked = RoundResult()
    if _look_due(plan, ports):
        try:
            plan, looked = look(plan, ports)
        except NotionUnavailable as unreachable:  # no look, no write: it could overwrite a person's edit
            reason = f"not tried: Notion could not be asked for edits made meanwhile ({unreachable.reason})"
            failures = tuple(failure(row, reason, "skipped", RowFailureKind.SKIPPED) for row in plan.pending)
            return replace(plan, pending=(), failed=plan.failed | ids_of(plan.pending)), RoundResult(failures=failures)
        except (NotionError, SchemaError) as stopped:
            return plan, RoundResult(stopped=stopped)
    batch = Batch()
    while plan.pending and (batch.tried == 0 or not _look_due(plan, ports)):
        plan = write_next(plan, ports, batch)
        if batch.stopped is not None:
            break
    return plan, batch.result(looked)


def _look_due(plan: Plan, ports: Ports) -> bool:
    return plan.looked is None or ports.clock.monotonic() - plan.looked >= WRITE_LOOK_SECONDS


def look(plan: Plan, ports: Ports) -> tuple[Plan, RoundResult]:
    """Ask Notion for rows edited since the last look; compute again if a person changed any."""
    started, began = ports.clock.now(), ports.clock.monotonic()
    edits = _fetch_edits(plan, ports)
    plan = replace(plan, since=started, looked=began)
    settled = [e for e in edits if not _unsettled(e, started)]
    fresh = {e.person.page_id: e.edited for e in edits if _unsettled(e, started)}
    held = fresh  # the look reached back to every earlier unsettled edit: one not returned was undone
    plan = replace(plan, held=held)
    if fresh:
        log.info("%d rows were edited in Notion under 2 minutes ago; they wait for the next look", len(fresh),
                 extra={"event": "edits_settling", "rows": len(fresh)})
    if not settled:
        return replace(plan, pending=tuple(r for r in plan.pending if r.person.page_id not in held)), RoundResult(
            held=len(held))
    log.info("%d rows were edited in Notion meanwhile; computing again with their new values",
             len(settled), extra={"event": "edited_meanwhile", "rows": len(settled)})
    known = {**plan.known, **{e.person.page_id: e.person for e in settled}}
    created = {**{e.person.page_id: e.created for e in settled}, **plan.created}
    plan = replace(plan, known=known, created=created)
    outcome = ports.compute(plan.people, plan.outcome.reuse)
    still = [row for row in outcome.changed_rows if row.person.page_id not in plan.failed | set(held)]
    plan = replace(plan, outcome=outcome, pending=in_created_order(plan, still))
    return plan, RoundResult(recomputed=len(settled), held=len(held))


def _fetch_edits(plan: Plan, ports: Ports) -> list[Edit]:
    waiting = [row.person.page_id for row in plan.pending] + list(plan.held)
    oldest = min((plan.created.get(page_id, "") for page_id in waiting), default="")
    settings = ports.settings
    try:
        return fetch_edits(ports.gateway, ports.source, settings.names, settings.timezone,
                           since=plan.next_since - EDIT_OVERLAP, created_from=oldest, known=plan.known)
    except (RequestRejected, SchemaDrift):  # a column deleted or retyped under the query, say
        recheck_template(ports.gateway, ports.source, settings.names, settings.config_file)  # SchemaError if so
        raise  # the list still fits the template, but not the schema this run read it with


def _unsettled(edit: Edit, now: datetime) -> bool:
    """An edit under 2 minutes old (its rounded time less than SETTLE ago): the person may go on."""
    return bool(edit.edited) and now - datetime.fromisoformat(edit.edited) < SETTLE
