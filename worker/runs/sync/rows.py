"""One row of a write phase: its PATCH, or why it did not land (a row's fault, or the run's)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from worker.core.models import RowFailure, RowOutcome, RowWarning
from worker.notion.errors import AccessDenied, NotionError, NotionUnavailable, RequestRejected, SchemaError
from worker.notion.pages import apply_changes
from worker.notion.schema import probe_updates, recheck_template
from worker.runs.sync.plan import Plan, Ports, RoundResult

log = logging.getLogger("worker.runs.sync")

# After this many rows in a row fail with retries exhausted, Notion is down: stop trying the rest.
UNREACHABLE_STREAK_LIMIT = 3
TRASHED = "was moved to the trash; the worker dropped it (the next full sync leaves it out)"


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
        return _failed(plan, batch, row, "not tried: Notion could not be reached", "skipped", transient=True)
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
        return _failed(plan, batch, row, str(refused), refused.code, transient=False)
    except RequestRejected as rejected:
        if _trashed(rejected):
            log.warning("%s %s", row.person.url or row.person.name, TRASHED)
            batch.dropped.append(RowWarning(row.person.page_id, row.person.name, row.person.url, TRASHED))
            return replace(plan, streak=0)
        _stop_if_schema_changed(ports, rejected, row)
        return _failed(plan, batch, row, str(rejected), rejected.code, transient=False)
    except NotionUnavailable as unreachable:  # several rows in a row: Notion is down, not refusing one row
        plan = _failed(plan, batch, row, str(unreachable), unreachable.code, transient=True)
        return replace(plan, streak=plan.streak + 1)
    batch.written += 1
    log.info("wrote %s <%s>: %s", row.person.name or "(no name)", row.person.url,
             ", ".join(getattr(names, key) for key in row.changed))
    known = {**plan.known, row.person.page_id: replace(row.person, current=row.fields)}
    return replace(plan, known=known, streak=0)


def _failed(plan: Plan, batch: Batch, row: RowOutcome, reason: str, code: str, transient: bool) -> Plan:
    batch.failures.append(failure(row, reason, code, transient))
    if code != "skipped":
        log.warning("could not write %s: %s", row.person.url or row.person.name, reason)
    return replace(plan, failed=plan.failed | {row.person.page_id}, streak=0 if not transient else plan.streak)


def failure(row: RowOutcome, reason: str, code: str, transient: bool) -> RowFailure:
    return RowFailure(row.person.url, row.person.name, reason, code, transient)


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


