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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from worker.core.models import Outcome, Person, RowFailure, RowOutcome, RowWarning
from worker.notion.client import NotionGateway
from worker.notion.errors import AccessDenied, NotionError, NotionUnavailable, RequestRejected, SchemaError
from worker.notion.pages import Edit, SchemaDrift, apply_changes, fetch_edits
from worker.notion.schema import DataSource, probe_updates, recheck_template
from worker.runs.clock import Clock
from worker.settings import Settings

log = logging.getLogger("worker.runs.sync")

# After this many rows in a row fail with retries exhausted, Notion is down: stop trying the rest.
UNREACHABLE_STREAK_LIMIT = 3
# A round writes for at most this long before the next look (seconds): with the look's own request
# (a second at most at three a second) an edit made 10 s before its row's PATCH is always seen.
WRITE_LOOK_SECONDS = 8.0
# Notion rounds last_edited_time down to the minute: each look reaches a minute before the last.
EDIT_OVERLAP = timedelta(minutes=1)
# An edit is left alone until it is 2 minutes old; the rounded time may be up to a minute early.
SETTLE = timedelta(minutes=3)
TRASHED = "was moved to the trash; the worker dropped it (the next full sync leaves it out)"

Progress = Callable[[int, int], None]
Compute = Callable[[Sequence[Person]], Outcome]


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

    outcome: Outcome
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
    return replace(plan, pending=_in_created_order(plan, outcome.changed_rows))


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
            reason = f"not tried: Notion could not be asked for edits made meanwhile ({unreachable})"
            failures = tuple(_failure(row, reason, "skipped", True) for row in plan.pending)
            return replace(plan, pending=(), failed=plan.failed | _ids(plan.pending)), RoundResult(failures=failures)
        except (NotionError, SchemaError) as stopped:
            return plan, RoundResult(stopped=stopped)
    batch = Batch()
    while plan.pending and (batch.tried == 0 or not _look_due(plan, ports)):
        plan = _write_next(plan, ports, batch)
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
    outcome = ports.compute(plan.people)
    still = [row for row in outcome.changed_rows if row.person.page_id not in plan.failed | set(held)]
    plan = replace(plan, outcome=outcome, pending=_in_created_order(plan, still))
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


# --- one row --------------------------------------------------------------------------------------


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


def _write_next(plan: Plan, ports: Ports, batch: Batch) -> Plan:
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
    batch.failures.append(_failure(row, reason, code, transient))
    if code != "skipped":
        log.warning("could not write %s: %s", row.person.url or row.person.name, reason)
    return replace(plan, failed=plan.failed | {row.person.page_id}, streak=0 if not transient else plan.streak)


def _failure(row: RowOutcome, reason: str, code: str, transient: bool) -> RowFailure:
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


def _ids(rows: Sequence[RowOutcome]) -> frozenset[str]:
    return frozenset(row.person.page_id for row in rows)


def _in_created_order(plan: Plan, rows: Sequence[RowOutcome]) -> tuple[RowOutcome, ...]:
    """Oldest row first: the order a list is read in, so a look need only ask for rows from there on."""
    wanted = [row for row in rows if row.person.page_id not in plan.held]
    return tuple(sorted(wanted, key=lambda row: (plan.created.get(row.person.page_id, "\uffff"), row.person.page_id)))
