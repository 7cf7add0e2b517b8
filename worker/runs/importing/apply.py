"""`import linkedin` as a short story: read the export, resolve the list, fetch who is in it,
plan, create the missing people one paced, counted request each, report.

The file is read and checked before any request; the list's columns before any create.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from worker.core.configuration import RuleBook
from worker.files.linkedin.connections import ConnectionsFile, ImportFileError, read_connections
from worker.files.linkedin.new_rows import ImportPlan, ListShape, NewRow, plan_import
from worker.runs.importing.report import Created, ImportReport
from worker.runs.clock import SYSTEM_CLOCK, Clock
from worker.runs.locking import DEFAULT_LOCK_WAIT_SECONDS
from worker.runs.setup import open_run
from worker.runs.stopped import StoppedAfterWrites
from worker.core.codes import RowFailureKind
from worker.core.models import Closeness, Person, RowFailure
from worker.notion.client import NotionGateway
from worker.notion.codec import create_properties, person_from_page
from worker.notion.errors import (
    AccessDenied,
    CannotInsert,
    Interrupted,
    NotionUnavailable,
    RequestRejected,
    SchemaError,
    UnreadableAnswer,
)
from worker.notion.pages import fetch_pages
from worker.notion.schema import DataSource, check_schema
from worker.settings import ConfigError, Settings
from worker.runs.failures import row_failure_kind
from worker.runs.sync.writeback import UNREACHABLE_STREAK_LIMIT
from worker.files.textfile import NotUtf8, read_utf8

# The columns an import writes (LinkedIn and Email only when the list has them) and reads to dedupe.
WRITTEN_KEYS = ("name", "company", "role", "closeness", "last_contacted", "linkedin", "email")
DEDUPE_KEYS = ("name", "company", "linkedin")
DEFAULT_CLOSENESS = Closeness.COLD  # SPEC §8 v3: a connection is not yet a relationship
MAYBE_CREATED = " It may have been created anyway: run the import again, it adds only who is missing."

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportResult:
    report: ImportReport
    plan: ImportPlan


def run_import(
    settings: Settings,
    parsed: ConnectionsFile,
    *,
    source_name: str,
    closeness: str,
    dry_run: bool = False,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
    gateway: NotionGateway | None = None,
    lock_wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS,
    clock: Clock = SYSTEM_CLOCK,
) -> ImportResult:
    """Add the export's connections that are not in the list yet, as `closeness`; `dry_run` only plans.

    `parsed` comes from `fetch_connections` and `closeness` from `resolve_closeness`, both checked
    before this opens the list. An import that writes holds the list's lock, like a sync.
    """
    report = ImportReport(source=source_name, dry_run=dry_run, closeness=closeness)
    report.connections_read = len(parsed.connections)
    report.warnings = list(parsed.warnings)
    with open_run(settings, command="import", dry_run=dry_run, stop=stop, gateway=gateway,
                  lock_wait_seconds=lock_wait_seconds, clock=clock) as run:
        types = require_import_columns(run.source, settings)
        existing = fetch_existing_people(run.gateway, run.source, settings)
        plan = plan_import(parsed.connections, existing, closeness, list_shape(types))
        report.planned, report.matches = list(plan.creates), list(plan.matches)
        if not dry_run:
            apply_creates(run.gateway, plan, run.source, types, settings, report, progress)
        cost = run.cost()
    report.api_requests, report.retries, report.rate_limited = cost.api_requests, cost.retries, cost.rate_limited
    report.seconds = cost.seconds
    return ImportResult(report, plan)


def resolve_closeness(given: str | None, rules: RuleBook) -> str:
    """The Closeness option new rows get: a template level or one of the config's own labels."""
    if given is None:
        return DEFAULT_CLOSENESS.value
    known = [level.value for level in Closeness] + list(rules.closeness_labels)
    for option in known:
        if option.casefold() == given.strip().casefold():
            return option
    raise ConfigError(
        f"--closeness {given!r} is not a Closeness option. Use one of {', '.join(known)} "
        "(your own labels go under [labels.closeness] in the config file)."
    )


def fetch_connections(export: Path) -> ConnectionsFile:
    """Read and parse the export; ImportFileError when it cannot be or is not LinkedIn's."""
    try:
        text = read_utf8(export)
    except FileNotFoundError:
        raise ImportFileError(
            f"{export} does not exist. Download your connections from LinkedIn (Settings → Data privacy → "
            "Get a copy of your data → Connections) and give the path of Connections.csv."
        ) from None
    except NotUtf8 as error:
        raise ImportFileError(f"{error}. Give LinkedIn's Connections.csv as downloaded.") from None
    except OSError as error:
        raise ImportFileError(f"Cannot read {export}: {error.strerror}.") from None
    return read_connections(text, str(export))


def require_import_columns(source: DataSource, settings: Settings) -> dict[str, str]:
    """The Notion type of each column the import writes (template key → type); SchemaError when a
    required one is missing or mistyped. Optional columns the list lacks are left out."""
    checks = [check for check in check_schema(source, settings.names) if check.key in WRITTEN_KEYS]
    problems = [check for check in checks if not check.ok]
    if problems:
        raise SchemaError(f"The Outreach List {source.url} cannot take new people yet", url=source.url,
                          checks=problems, config_file=settings.config_file)
    return {check.key: check.found for check in checks if check.found is not None}


def list_shape(types: dict[str, str]) -> ListShape:
    return ListShape(company_is_select=types.get("company") == "select",
                     has_linkedin="linkedin" in types, has_email="email" in types)


def fetch_existing_people(gateway: NotionGateway, source: DataSource, settings: Settings) -> list[Person]:
    """Every row's name, company and LinkedIn URL: all the dedupe needs (no relations)."""
    return [person_from_page(page, settings.names, settings.timezone)
            for page in fetch_pages(gateway, source, settings.names, DEDUPE_KEYS)]


def apply_creates(
    gateway: NotionGateway,
    plan: ImportPlan,
    source: DataSource,
    types: dict[str, str],
    settings: Settings,
    report: ImportReport,
    progress: Progress | None = None,
) -> None:
    """One create per new row; a row that fails is reported and the others still go, but a 403 stops
    them all (CannotInsert): the integration may not add pages to this list."""
    parent = {"type": "data_source_id", "data_source_id": source.data_source_id}
    streak = 0
    for done, row in enumerate(plan.creates, start=1):
        if streak >= UNREACHABLE_STREAK_LIMIT:
            report.failures.append(_failure(row, "not tried: Notion could not be reached", RowFailureKind.SKIPPED))
            continue
        try:
            page = gateway.create_page(repeatable=False, parent=parent,
                                       properties=create_properties(row.values, settings.names, types))
        except Interrupted:
            report.failures.extend(_failure(left, "not tried: stopped", RowFailureKind.STOPPED)
                                   for left in plan.creates[done - 1:])
            return
        except (RequestRejected, AccessDenied, NotionUnavailable, UnreadableAnswer) as error:
            if isinstance(error, AccessDenied) and error.status == 403:
                # One parent for every create: the rest would be refused alike.
                refused = CannotInsert.restating(error, url=source.url)
                if report.created:
                    raise StoppedAfterWrites(refused, len(report.created)) from error
                raise refused from None
            kind = row_failure_kind(error)
            streak = streak + 1 if kind.transient else 0
            maybe = kind in (RowFailureKind.UNREACHABLE, RowFailureKind.UNREADABLE)  # Notion may have acted
            report.failures.append(_failure(row, error.reason + (MAYBE_CREATED if maybe else ""), kind, error.code,
                                            error.request_id or ""))
        else:
            streak = 0
            report.created.append(Created(row, page.get("url") or ""))
        if progress:
            progress(done, len(plan.creates))


def _failure(row: NewRow, reason: str, kind: RowFailureKind, code: str | None = None,
             request_id: str = "") -> RowFailure:
    """`code`: Notion's own; a row not tried carries its kind ("skipped", "stopped") instead."""
    return RowFailure(page_url="", name=row.connection.name, reason=reason,
                      code=kind.value if code is None else code, kind=kind, request_id=request_id)
