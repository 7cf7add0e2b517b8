"""One sync, as a short story: resolve, fetch, compute, diff, apply, report."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from worker.models import Outcome, RowFailure, RowOutcome, SyncReport
from worker.notion.client import NotionGateway
from worker.notion.errors import AccessDenied, NotionUnavailable, RequestRejected
from worker.notion.pages import apply_changes, read_list
from worker.notion.schema import fetch_data_source, require_template
from worker.offline import default_output_path, fetch_people_from_csv, write_csv_with_suggestions
from worker.rules import compute_outcome
from worker.settings import Settings

log = logging.getLogger("worker.sync")

# After this many rows in a row fail with retries exhausted, Notion is down: stop trying the rest.
UNREACHABLE_STREAK_LIMIT = 3


@dataclass(frozen=True)
class SyncResult:
    report: SyncReport
    outcome: Outcome


Progress = Callable[[int, int], None]


def sync_notion(
    settings: Settings,
    *,
    today: date,
    dry_run: bool = False,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
    gateway: NotionGateway | None = None,
) -> SyncResult:
    """Pull the list from Notion, compute, and write back the changed worker fields only."""
    started = time.monotonic()
    owned = gateway is None  # a gateway we open here, we close here (its connections too)
    gateway = gateway or NotionGateway.from_settings(settings, stop)
    report = SyncReport(source="notion", today=today, dry_run=dry_run)
    try:
        source = fetch_data_source(gateway, settings.require_database())
        require_template(source, settings.names, settings.config_file)  # before the first write, every run
        read = read_list(gateway, source, settings.names, settings.timezone)
        outcome = compute_outcome(read.people, settings.rules, today)
        _fill_counts(report, outcome, len(read.people))
        report.warnings[:0] = read.warnings  # rows the read had to skip
        if not dry_run:
            apply_outcome(gateway, outcome, settings, report, progress)
    finally:
        report.api_requests = gateway.stats.requests
        report.retries = gateway.stats.retries
        report.rate_limited = gateway.stats.rate_limited
        report.seconds = time.monotonic() - started
        if owned:
            gateway.close()
    return SyncResult(report, outcome)


def apply_outcome(
    gateway: NotionGateway,
    outcome: Outcome,
    settings: Settings,
    report: SyncReport,
    progress: Progress | None = None,
) -> None:
    """One PATCH per changed row; a row that fails is reported and the others still go."""
    rows = outcome.changed_rows
    unreachable_streak = 0
    for done, row in enumerate(rows, start=1):
        if unreachable_streak >= UNREACHABLE_STREAK_LIMIT:
            report.failures.append(_failure(row, "not tried: Notion could not be reached", "skipped", True))
            continue
        try:
            apply_changes(gateway, row.person.page_id, row.changes(), settings.names)
        except (RequestRejected, AccessDenied, NotionUnavailable) as error:
            # Retries exhausted on several rows in a row: Notion is down, not refusing one row.
            transient = isinstance(error, NotionUnavailable)
            unreachable_streak = unreachable_streak + 1 if transient else 0
            report.failures.append(_failure(row, str(error), error.code, transient))
            log.warning("could not write %s: %s", row.person.url or row.person.name, error)
        else:
            unreachable_streak = 0
            report.writes_sent += 1
        if progress:
            progress(done, len(rows))


def _failure(row: RowOutcome, reason: str, code: str, transient: bool) -> RowFailure:
    return RowFailure(row.person.url, row.person.name, reason, code, transient)


def _fill_counts(report: SyncReport, outcome: Outcome, rows_read: int) -> None:
    report.rows_read = rows_read
    report.rows_changed = len(outcome.changed_rows)
    report.warnings = list(outcome.warnings)


def sync_csv(
    settings: Settings, export: Path, *, today: date, out: Path | None = None, dry_run: bool = False
) -> SyncResult:
    """Offline: read a Notion CSV export, compute, write a copy with the worker columns filled."""
    started = time.monotonic()
    report = SyncReport(source=str(export), today=today, dry_run=dry_run)
    people, table = fetch_people_from_csv(export, settings.names)
    outcome = compute_outcome(people, settings.rules, today)
    _fill_counts(report, outcome, len(people))
    report.link_labels = dict(table.labels)  # an export names the pages its links point at
    if not dry_run:
        target = out or default_output_path(export)
        write_csv_with_suggestions(table, outcome, settings.names, target)
        report.output = str(target)
        report.writes_sent = report.rows_changed
    report.seconds = time.monotonic() - started
    return SyncResult(report, outcome)

