"""One sync, as a short story: open the run, read, compute, write in rounds, report.

The story is here, for a list in Notion and for a CSV export; writeback.py is its write phase (rounds
of a look and a batch of PATCHes, never over an edit made meanwhile), tally.py sums the rounds into
the report, publish.py refreshes the Today page.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from worker.core.codes import WarningCode
from worker.core.models import Outcome, Person, Reuse, RowWarning, SyncReport
from worker.core.rules import compute_outcome
from worker.files.export import default_output_path, fetch_people_from_csv, write_csv_with_suggestions
from worker.notion.client import NotionGateway
from worker.notion.errors import RequestRejected, UnreadableAnswer
from worker.core.rules.introductions import links_to_date
from worker.notion.pages import ListRead, read_list, with_person_edits
from worker.notion.schema import DataSource, recheck_template, require_template
from worker.notion.users import fetch_bot_id
from worker.runs.clock import SYSTEM_CLOCK, Clock
from worker.runs.locking import DEFAULT_LOCK_WAIT_SECONDS
from worker.runs.setup import RunSetup, open_run
from worker.runs.stopped import stopped_after
from worker.runs.sync.link_titles import linked_page_titles
from worker.runs.sync.publish import PageRefresh, publish_failure, publish_sync
from worker.runs.sync.tally import Read, tally, with_cost, written
from worker.runs.sync.plan import Compute
from worker.runs.sync.writeback import Plan, Ports, Progress, RoundResult, start_plan, write_all
from worker.settings import Settings

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
    clock: Clock = SYSTEM_CLOCK,
    previous: Outcome | None = None,
) -> SyncResult:
    """Pull the list from Notion, compute, and write back the changed worker fields only.

    A sync that writes holds the list's lock (keyed on its resolved data source) from before the
    read to its last write, waiting up to `lock_wait_seconds` for another sync of the same list.
    `previous`: this process's last outcome, whose work the computation takes where rows are unchanged.
    """
    with open_run(settings, command=command, dry_run=dry_run, stop=stop, gateway=gateway,
                  lock_wait_seconds=lock_wait_seconds, clock=clock,
                  on_failure=None if dry_run else failure_publisher(settings, today)) as run:
        return full_sync(run, today=today, dry_run=dry_run, progress=progress, previous=previous)


def full_sync(run: RunSetup, *, today: date, dry_run: bool = False, progress: Progress | None = None,
              previous: Outcome | None = None) -> SyncResult:
    """Read every row, compute, write in rounds, refresh the Today page (on an opened run)."""
    settings, gateway = run.settings, run.gateway
    checks = require_template(run.source, settings.names, settings.config_file)  # before the first write, every run
    read_started = run.clock.now()  # Notion's clock, as far as this machine's agrees
    read = _with_edit_days(gateway, _read_rows(gateway, run.source, settings))
    absent = frozenset(check.key for check in checks if check.absent and check.worker_owned)
    rules = rules_for(settings, today, absent)
    outcome = rules(read.people, previous.reuse if previous else None)
    facts = Read("notion", today, len(read.people), (*list_warnings(settings), *read.warnings),
                 linked_page_titles(gateway, settings, (w.linked for w in outcome.warnings if w.linked), today,
                                    remember=not dry_run))
    if dry_run:
        return SyncResult(with_cost(tally(facts, outcome, outcome, None), run.cost()), outcome)
    plan = start_plan(outcome, read.people, read.created, read_started)
    return finish(run, facts, plan, rules, progress)


def finish(run: RunSetup, facts: Read, plan: Plan, rules: Compute, progress: Progress | None) -> SyncResult:
    """Write the plan in rounds, sum them into the report, refresh the Today page."""
    ports = Ports(run.gateway, run.source, run.settings, run.clock, rules, progress)
    planned = plan.outcome
    plan, rounds = write_all(plan, ports)
    raise_if_stopped(rounds)
    report = tally(facts, planned, plan.outcome, rounds)
    page = publish_sync(run.gateway, run.settings, run.source, plan.people, plan.outcome, report)
    remember(run, plan)
    return SyncResult(with_cost(report, run.cost()), plan.outcome, page)


def remember(run: RunSetup, plan: Plan) -> None:
    """After a write phase: the snapshot of what Notion now holds, for the next look (SPEC §10)."""
    from worker.runs.live.snapshot import save_snapshot

    save_snapshot(run.settings, run.source, plan.people, plan.created, plan.next_since)


def raise_if_stopped(rounds: Sequence[RoundResult]) -> None:
    """The fault a round stopped on, with the rows the rounds wrote before it."""
    stopped = rounds[-1].stopped if rounds else None
    if stopped is not None:
        raise stopped_after(stopped, written(rounds)) from stopped


def failure_publisher(settings: Settings, today: date) -> Callable[[NotionGateway, DataSource | None, BaseException], None]:
    """What a sync that stopped does: the Today page says so, and why, when Notion answers at all."""
    def publish(gateway: NotionGateway, source: DataSource | None, error: BaseException) -> None:
        publish_failure(gateway, settings, today, error, source)
    return publish


def _read_rows(gateway: NotionGateway, source: DataSource, settings: Settings) -> ListRead:
    """Every row; if Notion refuses the read or answers oddly, first see whether the schema changed."""
    try:
        return read_list(gateway, source, settings.names, settings.timezone)
    except (RequestRejected, UnreadableAnswer):
        recheck_template(gateway, source, settings.names, settings.config_file)  # SchemaError if it did
        raise


def rules_for(settings: Settings, today: date, absent: frozenset[str] = frozenset()) -> Compute:
    """The rules over a list, as of `today`, in the user's rules and drafting voice (pure)."""
    return lambda people, reuse=None: compute(settings, list(people), today, absent, reuse)


def _with_edit_days(gateway: NotionGateway, read: ListRead) -> ListRead:
    """When an introduction must be dated by its row's last edit (SPEC §4.3), who edited each row:
    one request for the worker's own bot id, made only when some link needs it."""
    if not links_to_date(read.people):
        return read
    return replace(read, people=with_person_edits(read, fetch_bot_id(gateway)))


def compute(settings: Settings, people: list[Person], today: date, absent: frozenset[str] = frozenset(),
            reuse: Reuse | None = None) -> Outcome:
    """The rules over the list, in the user's rules and drafting voice (pure; see worker.core.rules)."""
    with cycle_collector_paused():
        return compute_outcome(
            people, settings.rules, today, absent=absent, me=settings.me, templates=settings.drafts, reuse=reuse,
        )


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """A computation makes hundreds of thousands of small values that live to its end and form no
    cycles; Python's cycle collector would walk them all over and over (a fifth of the time at
    10,000 rows, more at 100,000). Reference counting frees everything as usual meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def list_warnings(settings: Settings) -> list[RowWarning]:
    """Warnings about the whole list rather than a row (no page id, no name), in both modes."""
    if settings.rules.target_companies:
        return []
    return [RowWarning(page_id="", name="", url="", code=WarningCode.NO_TARGETS,
                       facts=(("config_file", settings.config_file),))]


def sync_csv(
    settings: Settings, export: Path, *, today: date, out: Path | None = None, dry_run: bool = False,
    stop: threading.Event | None = None, clock: Clock = SYSTEM_CLOCK,
) -> SyncResult:
    """Offline: read a Notion CSV export, compute, write a copy with the worker columns filled."""
    started = clock.monotonic()
    read_warnings: list[RowWarning] = []  # every cell that could not be read reaches the report
    people, table = fetch_people_from_csv(export, settings.names, read_warnings.append, settings.config_file)
    outcome = compute(settings, people, today)  # the writer adds any missing column
    facts = Read(str(export), today, len(people), (*list_warnings(settings), *read_warnings), dict(table.labels))
    report = tally(facts, outcome, outcome, None)
    if not dry_run:
        target = out or default_output_path(export)
        write_csv_with_suggestions(table, outcome, settings.names, target, stop=stop)
        report = replace(report, dry_run=False, output=str(target), writes_sent=report.rows_changed)
    return SyncResult(replace(report, seconds=clock.monotonic() - started), outcome)
