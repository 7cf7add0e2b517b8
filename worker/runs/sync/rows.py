"""One row of a write phase: its PATCH, or why it did not land (a row's fault, or the run's)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from worker.core.codes import RowFailureKind, WarningCode
from worker.core.models import RowFailure, RowOutcome, RowWarning
from worker.notion.errors import (
    AccessDenied,
    NotionError,
    NotionUnavailable,
    RequestRejected,
    SchemaError,
    UnreadableAnswer,
)
from worker.notion.pages import apply_changes
from worker.notion.schema import probe_updates, recheck_template
from worker.runs.failures import row_failure_kind
from worker.runs.sync.plan import Plan, Ports, RoundResult

log = logging.getLogger("worker.runs.sync")

# After this many rows in a row fail with retries exhausted, Notion is down: stop trying the rest.
UNREACHABLE_STREAK_LIMIT = 3


@dataclass
class Batch:
    """What a round's writes did so far (local to one round; the round returns it as a value)."""

    tried: int = 0
    written: int = 0
    memory_only: int = 0
    failures: list[RowFailure] = field(default_factory=list)
    dropped: list[RowWarning] = field(default_factory=list)
    stopped: BaseException | None = None

    def result(self, looked: RoundResult) -> RoundResult:
        return replace(looked, written=self.written, memory_only_tried=self.memory_only,
                       failures=tuple(self.failures), dropped=tuple(self.dropped), stopped=self.stopped)


def write_next(plan: Plan, ports: Ports, batch: Batch) -> Plan:
    """Try the next pending row; the plan after it."""
    row, rest = plan.pending[0], plan.pending[1:]
    plan = replace(plan, pending=rest)
    if plan.streak >= UNREACHABLE_STREAK_LIMIT:
        return _failed(plan, batch, row, "not tried: Notion could not be reached", "skipped", RowFailureKind.SKIPPED)
    try:
        plan = _write(plan, ports, batch, row)
    except (NotionError, SchemaError) as stopped:  # a fault of the whole run, not of this row
        batch.stopped = stopped
        return plan
    if ports.progress:
        ports.progress(plan.done, plan.done + len(plan.pending))
    return plan


def _write(plan: Plan, ports: Ports, batch: Batch, row: RowOutcome) -> Plan:
    """PATCH one row, or note why it did not land."""
    names = ports.settings.names
    batch.tried += 1
    batch.memory_only += row.memory_only
    plan = replace(plan, done=plan.done + 1)
    try:
        apply_changes(ports.gateway, row.person.page_id, row.changes(), names)
    except AccessDenied as refused:
        plan = _confirm_updates_allowed(plan, ports, refused)
        return _failed(plan, batch, row, refused.reason, refused.code, row_failure_kind(refused), refused.request_id)
    except RequestRejected as rejected:
        if _trashed(rejected):
            log.warning("%s was moved to the trash; dropped from this run", row.person.url or row.person.name)
            batch.dropped.append(RowWarning(row.person.page_id, row.person.name, row.person.url, WarningCode.TRASHED))
            return replace(plan, streak=0)
        _stop_if_schema_changed(ports, rejected, row)
        return _failed(plan, batch, row, rejected.reason, rejected.code, row_failure_kind(rejected),
                       rejected.request_id)
    except (NotionUnavailable, UnreadableAnswer) as unanswered:
        # Retries exhausted on several rows in a row: Notion is down, not refusing one row. An
        # unreadable answer came from Notion: no sign of an outage, so it breaks the streak.
        kind = row_failure_kind(unanswered)
        plan = _failed(plan, batch, row, unanswered.reason, unanswered.code, kind, unanswered.request_id)
        return replace(plan, streak=plan.streak + 1) if kind.transient else plan
    batch.written += 1
    log.info("wrote %s <%s>: %s", row.person.name or "(no name)", row.person.url,
             ", ".join(getattr(names, key) for key in row.changed))
    known = {**plan.known, row.person.page_id: replace(row.person, current=row.fields)}
    return replace(plan, known=known, streak=0)


def _failed(plan: Plan, batch: Batch, row: RowOutcome, reason: str, code: str, kind: RowFailureKind,
            request_id: str | None = None) -> Plan:
    batch.failures.append(failure(row, reason, code, kind, request_id or ""))
    if kind is not RowFailureKind.SKIPPED:
        log.warning("could not write %s: %s", row.person.url or row.person.name, reason)
    if request_id:
        log.info("Notion's request id for %s: request id %s", row.person.url or row.person.name, request_id)
    return replace(plan, failed=plan.failed | {row.person.page_id}, streak=plan.streak if kind.transient else 0)


def failure(row: RowOutcome, reason: str, code: str, kind: RowFailureKind, request_id: str = "") -> RowFailure:
    return RowFailure(row.person.url, row.person.name, reason, code, kind, request_id)


def _confirm_updates_allowed(plan: Plan, ports: Ports, refused: AccessDenied) -> Plan:
    """A 403 on a row: if the list itself refuses a no-op update, no row can be written (CannotUpdate)."""
    if refused.status != 403 or plan.capability_confirmed:
        return plan
    probe_updates(ports.gateway, ports.source)
    return replace(plan, capability_confirmed=True)  # the list takes updates: this 403 is the row's own


def _stop_if_schema_changed(ports: Ports, rejected: RequestRejected, row: RowOutcome) -> None:
    """A 400 naming a column the PATCH wrote: read the schema again; SchemaError if it changed."""
    settings = ports.settings
    columns = [getattr(settings.names, key) for key in row.changed]
    if rejected.status == 400 and any(column in rejected.message for column in columns):
        recheck_template(ports.gateway, ports.source, settings.names, settings.config_file)


def _trashed(rejected: RequestRejected) -> bool:
    """Notion's answer to a PATCH of a page in the trash ("Can't edit block that is archived")."""
    return rejected.status == 400 and "archived" in rejected.message


