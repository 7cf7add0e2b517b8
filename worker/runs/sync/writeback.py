"""The write phase: one PATCH per changed row, never over an edit a person made meanwhile.

Notion has no conditional write: a PATCH lands whatever happened to the row since it was read, and
Worker state then records the worker's value as its own, so a person's edit made between the read
and that row's PATCH would be overwritten and lost for good (on a first sync of 1,000 rows at three
requests a second, that window is minutes long). So before the first write, and again every
EDIT_CHECK_SECONDS while writing, one query asks Notion for rows edited since the last look:
`last_edited_time` on or after that moment less a minute (Notion rounds the time down to the
minute), created on or after the oldest row still to write (rows behind it are written or need no
write). Edits by the worker's own bot are left out: its user id is the `last_edited_by` of the first
PATCH answer, so knowing it costs no request (before that answer nothing of this run's is there to
leave out). A row whose values changed is read again whole and the list is computed again with it:
the person's values are what the worker builds on (a worker field they typed is theirs, SPEC §4.5;
new inputs give new suggestions), in this same run. A check that finds nothing costs one request.

Faults here are the run's, not a row's: a 403 on a PATCH that a no-op update of the list confirms
(no "Update content" capability) stops the run (CannotUpdate, exit 3) instead of failing every row;
a 400 naming a column sends the worker to read the schema again, and a column deleted or retyped
mid-run stops it with the schema's message (SchemaError, exit 2); a Retry-After past the cap stops
it at once (RetryLater, exit 4). Each says how many rows were written before.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone

from worker.core.codes import RowFailureKind
from worker.core.models import Outcome, Person, RowFailure, RowOutcome, RowWarning, SyncReport
from worker.notion.client import NotionGateway
from worker.notion.errors import (
    AccessDenied,
    NotionError,
    NotionUnavailable,
    RequestRejected,
    SchemaError,
    UnreadableAnswer,
)
from worker.notion.pages import ListRead, apply_changes, fetch_edits
from worker.notion.schema import DataSource, probe_updates, recheck_template
from worker.runs.failures import row_failure_kind
from worker.settings import Settings

log = logging.getLogger("worker.runs.sync")

# After this many rows in a row fail with retries exhausted, Notion is down: stop trying the rest.
UNREACHABLE_STREAK_LIMIT = 3
# How often a long write phase looks again for rows a person edited (seconds of writing).
EDIT_CHECK_SECONDS = 60.0
# Notion rounds last_edited_time down to the minute: each look reaches a minute before the last.
EDIT_OVERLAP = timedelta(minutes=1)

Progress = Callable[[int, int], None]
Compute = Callable[[Sequence[Person]], Outcome]


def utc_now() -> datetime:
    """Now, as Notion's timestamps count it (the machine's clock, kept right by NTP)."""
    return datetime.now(timezone.utc)


@dataclass
class WriteBack:
    """One sync's write phase; `run` returns the outcome finally written (recomputed after edits)."""

    gateway: NotionGateway
    source: DataSource
    settings: Settings
    report: SyncReport
    compute: Compute
    read: ListRead
    read_started: datetime  # when the read began, by `clock`
    progress: Progress | None = None
    earlier_warnings: list[RowWarning] = field(default_factory=list)  # the list's own, and the read's
    known: dict[str, Person] = field(init=False)  # each row as Notion holds it now, as far as we know
    failed: set[str] = field(default_factory=set)
    bot: str = ""  # the integration's user id, from the first PATCH answer
    recomputed: bool = False
    memory_only_tried: int = 0  # rows tried whose write only updates Worker state
    _last_look: datetime = field(init=False)
    _next_look: float = 0.0  # time.monotonic() when the next look is due; 0: before the first write
    _capability_confirmed: bool = False

    def __post_init__(self) -> None:
        self.known = {person.page_id: person for person in self.read.people}
        self._last_look = self.read_started

    @property
    def people(self) -> list[Person]:
        """The rows as Notion holds them after the write phase, a person's edits meanwhile included."""
        return list(self.known.values())

    def run(self, outcome: Outcome) -> Outcome:
        """Write every changed row, looking for edits first and every EDIT_CHECK_SECONDS.

        A fault of the whole run (RetryLater, CannotUpdate, SchemaError, Notion down while looking)
        leaves here carrying how many rows were written before it.
        """
        try:
            return self._write_all(outcome)
        except (NotionError, SchemaError) as stopped:
            stopped.rows_written = self.report.writes_sent
            raise

    def _write_all(self, outcome: Outcome) -> Outcome:
        pending = self._in_created_order(outcome.changed_rows)
        total, done, streak = len(pending), 0, 0
        while pending:
            if time.monotonic() >= self._next_look:
                outcome, pending = self._look_for_edits(outcome, pending)
                total = done + len(pending)
                if not pending:
                    break
            row = pending.pop(0)
            self.memory_only_tried += row.memory_only
            if streak >= UNREACHABLE_STREAK_LIMIT:
                self._fail(row, "not tried: Notion could not be reached", "skipped", RowFailureKind.SKIPPED)
            else:
                streak = self._write(row, streak)
            done += 1
            if self.progress:
                self.progress(done, total)
        if self.recomputed:  # the counts of what was tried, not of either plan
            self.report.rows_changed = self.report.writes_sent + len(self.report.failures)
            self.report.memory_writes = self.memory_only_tried
            self.report.warnings = [*self.earlier_warnings, *outcome.warnings]
        return outcome

    # --- one row --------------------------------------------------------------------------------

    def _write(self, row: RowOutcome, streak: int) -> int:
        """PATCH one row; returns the new count of rows in a row that Notion could not be reached for."""
        try:
            editor = apply_changes(self.gateway, row.person.page_id, row.changes(), self.settings.names)
        except AccessDenied as refused:
            self._stop_if_updates_refused(refused)
            self._fail(row, refused.reason, refused.code, row_failure_kind(refused), refused.request_id)
            return 0
        except RequestRejected as rejected:
            self._stop_if_schema_changed(rejected, row)
            self._fail(row, rejected.reason, rejected.code, row_failure_kind(rejected), rejected.request_id)
            return 0
        except (NotionUnavailable, UnreadableAnswer) as unanswered:
            # Retries exhausted on several rows in a row: Notion is down, not refusing one row.
            # An unreadable answer came from Notion: it is no sign of an outage, and breaks the streak.
            kind = row_failure_kind(unanswered)
            self._fail(row, unanswered.reason, unanswered.code, kind, unanswered.request_id)
            return streak + 1 if kind.transient else 0
        self.report.writes_sent += 1
        self.bot = self.bot or editor
        self.known[row.person.page_id] = replace(row.person, current=row.fields)
        log.info("wrote %s <%s>: %s", row.person.name or "(no name)", row.person.url,
                 ", ".join(getattr(self.settings.names, field) for field in row.changed))
        return 0

    def _fail(self, row: RowOutcome, reason: str, code: str, kind: RowFailureKind,
              request_id: str | None = None) -> None:
        self.failed.add(row.person.page_id)
        self.report.failures.append(RowFailure(row.person.url, row.person.name, reason, code, kind,
                                               request_id or ""))
        if kind is not RowFailureKind.SKIPPED:
            log.warning("could not write %s: %s", row.person.url or row.person.name, reason)
        if request_id:
            log.info("Notion's request id for %s: request id %s", row.person.url or row.person.name, request_id)

    def _stop_if_updates_refused(self, refused: AccessDenied) -> None:
        """A 403 on a row: if the list itself refuses a no-op update, no row can be written."""
        if refused.status != 403 or self._capability_confirmed:
            return
        probe_updates(self.gateway, self.source)  # CannotUpdate stops the run
        self._capability_confirmed = True  # the list takes updates: this 403 is the row's own

    def _stop_if_schema_changed(self, rejected: RequestRejected, row: RowOutcome) -> None:
        """A 400 naming a column the PATCH wrote: read the schema again; stop if it changed."""
        columns = [getattr(self.settings.names, key) for key in row.changed]
        if rejected.status != 400 or not any(column in rejected.message for column in columns):
            return
        self._recheck_template()

    def _recheck_template(self) -> None:
        """Read the schema again; SchemaError if the list no longer matches the template."""
        recheck_template(self.gateway, self.source, self.settings.names, self.settings.config_file)

    # --- edits made meanwhile -------------------------------------------------------------------

    def _look_for_edits(self, outcome: Outcome, pending: list[RowOutcome]) -> tuple[Outcome, list[RowOutcome]]:
        """Ask Notion for rows edited since the last look; compute again if a person changed any."""
        started = utc_now()
        oldest = min((self.read.created.get(row.person.page_id, "") for row in pending), default="")
        try:
            edits = fetch_edits(
                self.gateway, self.source, self.settings.names, self.settings.timezone,
                since=self._last_look - EDIT_OVERLAP, created_from=oldest, known=self.known, bot=self.bot,
            )
        except RequestRejected:  # a column deleted under the query, say
            self._recheck_template()
            raise
        except NotionUnavailable as unreachable:  # no look, no write: it could overwrite a person's edit
            for row in pending:
                self._fail(row, f"not tried: Notion could not be asked for edits made meanwhile ({unreachable.reason})",
                           "skipped", RowFailureKind.SKIPPED)
            return outcome, []
        self._last_look, self._next_look = started, time.monotonic() + EDIT_CHECK_SECONDS
        if not edits:
            return outcome, pending
        for edit in edits:
            self.known[edit.person.page_id] = edit.person
            self.read.created.setdefault(edit.person.page_id, edit.created)
        log.info("%d rows were edited in Notion during this sync; computing again with their new values",
                 len(edits), extra={"event": "edited_meanwhile", "rows": len(edits)})
        self.recomputed = True
        outcome = self.compute(self.people)
        still = [row for row in outcome.changed_rows if row.person.page_id not in self.failed]
        return outcome, self._in_created_order(still)

    def _in_created_order(self, rows: Sequence[RowOutcome]) -> list[RowOutcome]:
        """Oldest row first: the order a list is read in, so a look need only ask for rows from there on."""
        created = self.read.created
        return sorted(rows, key=lambda row: (created.get(row.person.page_id, "\uffff"), row.person.page_id))
