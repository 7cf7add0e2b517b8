"""One sync, as a short story: resolve, fetch, compute, diff, apply, report.

The story is here, for a list in Notion and for a CSV export; writeback.py is its write phase (a
PATCH per changed row, never over an edit made meanwhile), publish.py refreshes the Today page.
"""

from __future__ import annotations

import logging
import threading
import time
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Protocol

from worker.runs.locking import DEFAULT_LOCK_WAIT_SECONDS, require_state_dir, sync_lock
from worker.core.models import Outcome, Person, RowWarning, SyncReport
from worker.notion.client import NotionGateway
from worker.notion.errors import RequestRejected, UnreadableAnswer
from worker.notion.pages import ListRead, fetch_bot_id, fetch_page_titles, read_list, with_person_edits
from worker.core.rules.introductions import links_to_date
from worker.notion.schema import DataSource, fetch_data_source, recheck_template, require_template
from worker.files.export import default_output_path, fetch_people_from_csv, write_csv_with_suggestions
from worker.core.rules import compute_outcome
from worker.settings import Settings
from worker.runs.sync import writeback
from worker.runs.sync.publish import PageRefresh, publish_failure, publish_sync
from worker.runs.sync.writeback import Progress, WriteBack

log = logging.getLogger("worker.runs.sync")


@dataclass(frozen=True)
class SyncResult:
    report: SyncReport
    outcome: Outcome
    today_page: PageRefresh | None = None  # None: no Today page set up, or a run that writes nothing


def sync_notion(
    settings: Settings,
    *,
    today: date,
    dry_run: bool = False,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
    gateway: NotionGateway | None = None,
    lock_wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS,
    command: str = "sync",
) -> SyncResult:
    """Pull the list from Notion, compute, and write back the changed worker fields only.

    A sync that writes holds the list's lock (keyed on its resolved data source) from before the
    read to its last write, waiting up to `lock_wait_seconds` for another sync of the same list.
    """
    started = time.monotonic()
    if not dry_run:
        require_state_dir(settings)  # the lock lives there: a bad folder is exit 2 before any request
    owned = gateway is None  # a gateway we open here, we close here (its connections too)
    gateway = gateway or NotionGateway.from_settings(settings, stop)
    report = SyncReport(source="notion", today=today, dry_run=dry_run)
    source = page = None
    try:
        source = fetch_data_source(gateway, settings.require_database())
        lock = nullcontext() if dry_run else sync_lock(
            settings, source.data_source_id, lock_wait_seconds, stop=stop, command=command)
        with lock:
            checks = require_template(source, settings.names, settings.config_file)  # before the first write, every run
            read_started = writeback.utc_now()  # Notion's clock, as far as this machine's agrees
            read = _read_rows(gateway, source, settings)
            read = _with_edit_days(gateway, read)
            absent = frozenset(check.key for check in checks if check.absent and check.worker_owned)
            outcome = compute(settings, read.people, today, absent)
            earlier = [*list_warnings(settings), *read.warnings]  # the list's, and rows the read had to skip
            _fill_counts(report, outcome, len(read.people), earlier)
            report.link_labels = fetch_page_titles(gateway, (w.linked for w in outcome.warnings if w.linked))
            if not dry_run:
                phase = WriteBack(
                    gateway=gateway, source=source, settings=settings, report=report, read=read,
                    read_started=read_started, progress=progress, earlier_warnings=earlier,
                    compute=lambda people: compute(settings, people, today, absent),
                )
                outcome = phase.run(outcome)
                page = publish_sync(gateway, settings, source, phase.people, outcome, report)
    except Exception as error:
        if not dry_run:  # the Today page says the sync failed, and why, when Notion answers at all
            publish_failure(gateway, settings, today, error, source)
        raise
    finally:
        close_run(report, gateway, started, owned)
    return SyncResult(report, outcome, page)


class RunCost(Protocol):
    """Where a run (a sync, an import) keeps what it cost."""

    api_requests: int
    retries: int
    rate_limited: int
    seconds: float


def close_run(report: RunCost, gateway: NotionGateway, started: float, owned: bool) -> None:
    """What a run cost (requests, retries, 429s, seconds) into its report; a gateway it opened, closed."""
    report.api_requests = gateway.stats.requests
    report.retries = gateway.stats.retries
    report.rate_limited = gateway.stats.rate_limited
    report.seconds = time.monotonic() - started
    if owned:
        gateway.close()


def _read_rows(gateway: NotionGateway, source: DataSource, settings: Settings) -> ListRead:
    """Every row; if Notion refuses the read or answers oddly, first see whether the schema changed."""
    try:
        return read_list(gateway, source, settings.names, settings.timezone)
    except (RequestRejected, UnreadableAnswer):
        recheck_template(gateway, source, settings.names, settings.config_file)  # SchemaError if it did
        raise


def _with_edit_days(gateway: NotionGateway, read: ListRead) -> ListRead:
    """When an introduction must be dated by its row's last edit (SPEC §4.3), who edited each row:
    one request for the worker's own bot id, made only when some link needs it."""
    if not links_to_date(read.people):
        return read
    return replace(read, people=with_person_edits(read, fetch_bot_id(gateway)))


def compute(settings: Settings, people: list[Person], today: date, absent: frozenset[str] = frozenset()) -> Outcome:
    """The rules over the list, in the user's rules and drafting voice (pure; see worker.core.rules)."""
    return compute_outcome(
        people, settings.rules, today, absent=absent, me=settings.me, templates=settings.drafts
    )


def _fill_counts(report: SyncReport, outcome: Outcome, rows_read: int, earlier: list[RowWarning]) -> None:
    report.rows_read = rows_read
    report.rows_changed = len(outcome.changed_rows)
    report.memory_writes = sum(1 for row in outcome.changed_rows if row.memory_only)
    report.warnings = [*earlier, *outcome.warnings]


def list_warnings(settings: Settings) -> list[RowWarning]:
    """Warnings about the whole list rather than a row (no page id, no name), in both modes."""
    if settings.rules.target_companies:
        return []
    return [RowWarning(page_id="", name="", url="", message=(
        'No target companies are set, so no one gets "Pitch for interview". Set OUTREACH_TARGET_COMPANIES '
        f"(e.g. OUTREACH_TARGET_COMPANIES=Stripe, Figma in .env) or target_companies in {settings.config_file}."))]


def sync_csv(
    settings: Settings, export: Path, *, today: date, out: Path | None = None, dry_run: bool = False,
    stop: threading.Event | None = None,
) -> SyncResult:
    """Offline: read a Notion CSV export, compute, write a copy with the worker columns filled."""
    started = time.monotonic()
    report = SyncReport(source=str(export), today=today, dry_run=dry_run)
    read_warnings: list[RowWarning] = []  # every cell that could not be read reaches the report
    people, table = fetch_people_from_csv(export, settings.names, read_warnings.append, settings.config_file)
    outcome = compute(settings, people, today)  # the writer adds any missing column
    _fill_counts(report, outcome, len(people), list_warnings(settings) + read_warnings)
    report.link_labels = dict(table.labels)  # an export names the pages its links point at
    if not dry_run:
        target = out or default_output_path(export)
        write_csv_with_suggestions(table, outcome, settings.names, target, stop=stop)
        report.output = str(target)
        report.writes_sent = report.rows_changed
    report.seconds = time.monotonic() - started
    return SyncResult(report, outcome)

