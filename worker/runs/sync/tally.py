"""One pure function from a run's rounds to its report: nothing else fills a SyncReport in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from worker.core.models import Outcome, RowWarning, SyncReport
from worker.runs.setup import RunCost
from worker.runs.sync.writeback import RoundResult


@dataclass(frozen=True)
class Read:
    """What the read (a full read, or a look on the snapshot) gave the rounds to start from."""

    source: str
    today: date
    rows_read: int
    warnings: tuple[RowWarning, ...] = ()  # the list's own, and rows the read had to skip
    link_labels: Mapping[str, str] | None = None
    kind: str = "full"


def tally(read: Read, planned: Outcome, final: Outcome, rounds: Sequence[RoundResult] | None) -> SyncReport:
    """The report of a run: `rounds` None for a run that writes nothing (a dry run: the plan's counts)."""
    base = SyncReport(source=read.source, today=read.today, dry_run=rounds is None, rows_read=read.rows_read,
                      link_labels=dict(read.link_labels or {}), kind=read.kind)
    if rounds is None:
        return replace(base, rows_changed=len(planned.changed_rows),
                       memory_writes=sum(1 for row in planned.changed_rows if row.memory_only),
                       warnings=(*read.warnings, *planned.warnings))
    failures = tuple(failure for done in rounds for failure in done.failures)
    written = sum(done.written for done in rounds)
    dropped = tuple(warning for done in rounds for warning in done.dropped)
    return replace(base, rows_changed=written + len(failures), writes_sent=written, failures=failures,
                   memory_writes=sum(done.memory_only_tried for done in rounds),
                   warnings=(*read.warnings, *final.warnings, *dropped))


def written(rounds: Sequence[RoundResult]) -> int:
    """Rows the rounds wrote."""
    return sum(done.written for done in rounds)


def with_cost(report: SyncReport, cost: RunCost) -> SyncReport:
    """The report with what the run cost (requests, retries, 429s, seconds)."""
    return replace(report, api_requests=cost.api_requests, retries=cost.retries,
                   rate_limited=cost.rate_limited, seconds=cost.seconds)
