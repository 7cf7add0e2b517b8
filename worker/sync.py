"""One sync, as a short story: resolve, fetch, compute, diff, apply, report."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from worker.models import Outcome, Person, RowFailure, RowOutcome, RowWarning, SyncReport
from worker.notion.client import NotionGateway
from worker.notion.errors import AccessDenied, NotionUnavailable, RequestRejected
from worker.notion.pages import apply_changes, fetch_people
from worker.notion.schema import fetch_data_source, require_template
from worker.offline import default_output_path, fetch_people_from_csv, write_csv_with_suggestions
from worker.publish import PageRefresh, publish_failure, publish_sync
from worker.rules import compute_outcome
from worker.settings import Settings

log = logging.getLogger("worker.sync")

# After this many rows in a row fail with retries exhausted, Notion is down: stop trying the rest.
UNREACHABLE_STREAK_LIMIT = 3


@dataclass(frozen=True)
class SyncResult:
    report: SyncReport
    outcome: Outcome
    today_page: PageRefresh | None = None  # None: no Today page set up, or a run that writes nothing


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
    source = page = None
    try:
        source = fetch_data_source(gateway, settings.require_database())
        checks = require_template(source, settings.names, settings.config_file)  # before the first write, every run
        people = fetch_people(gateway, source, settings.names, settings.timezone)
        absent = frozenset(check.key for check in checks if check.absent and check.worker_owned)
        outcome = compute(settings, people, today, absent)
        _fill_counts(report, outcome, len(people), list_warnings(settings))
        if not dry_run:
            apply_outcome(gateway, outcome, settings, report, progress)
            page = publish_sync(gateway, settings, source, people, outcome, report)
    except Exception as error:
        if not dry_run:  # the Today page says the sync failed, and why, when Notion answers at all
            publish_failure(gateway, settings, today, error, source)
        raise
    finally:
        report.api_requests = gateway.stats.requests
        report.retries = gateway.stats.retries
        report.rate_limited = gateway.stats.rate_limited
        report.seconds = time.monotonic() - started
        if owned:
            gateway.close()
    return SyncResult(report, outcome, page)


def compute(settings: Settings, people: list[Person], today: date, absent: frozenset[str] = frozenset()) -> Outcome:
    """The rules over the list, in the user's rules and drafting voice (pure; see worker.rules)."""
    return compute_outcome(
        people, settings.rules, today, absent=absent, me=settings.me, templates=settings.drafts
    )


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
            log.info("wrote %s <%s>: %s", row.person.name or "(no name)", row.person.url,
                     ", ".join(getattr(settings.names, field) for field in row.changed))
        if progress:
            progress(done, len(rows))


def _failure(row: RowOutcome, reason: str, code: str, transient: bool) -> RowFailure:
    return RowFailure(row.person.url, row.person.name, reason, code, transient)


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
    settings: Settings, export: Path, *, today: date, out: Path | None = None, dry_run: bool = False
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
        write_csv_with_suggestions(table, outcome, settings.names, target)
        report.output = str(target)
        report.writes_sent = report.rows_changed
    report.seconds = time.monotonic() - started
    return SyncResult(report, outcome)

