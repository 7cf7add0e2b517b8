"""The exit codes (SPEC §5), and every failure a command can meet in one sentence with its fix.

The one table of exit codes and the one place that words a failure for a person; a failure it does
not know is a bug in the worker (None: the caller prints the traceback and exits 70).
"""

from __future__ import annotations

from datetime import datetime

from worker.runs import schema_advice
from worker.runs.doctor import ParentPageRefused
from worker.files.linkedin.connections import ImportFileError
from worker.runs.locking import LockWaitStopped, SyncBusy
from worker.notion.errors import (
    AccessDenied,
    CannotInsert,
    CannotUpdate,
    Interrupted,
    NotionError,
    RequestRejected,
    RetryLater,
    SchemaError,
    TokenRejected,
    UnreadableAnswer,
)
from worker.files.export import CsvExportError, CsvWriteStopped
from worker.runs.schema_advice import capability_fix
from worker.runs.stopped import unwrap
from worker.settings import ConfigError

EXIT_OK = 0
EXIT_ROWS_FAILED = 1
EXIT_CONFIG = 2
EXIT_REFUSED = 3
EXIT_UNREACHABLE = 4
EXIT_BUG = 70  # a bug in the worker itself (sysexits' EX_SOFTWARE): the traceback says where
MEANINGS = {
    EXIT_OK: "all written",
    EXIT_ROWS_FAILED: "some rows failed",
    EXIT_CONFIG: "configuration or schema error",
    EXIT_REFUSED: "Notion refused the token or the database",
    EXIT_UNREACHABLE: "Notion unreachable",
    EXIT_BUG: "a bug in the worker",
}
# A finished run's outcome (a sync's or an import's report, check's or init's verdict) → its exit code.
OUTCOMES = {"ok": EXIT_OK, "partial": EXIT_ROWS_FAILED, "schema": EXIT_CONFIG,
            "refused": EXIT_REFUSED, "unreachable": EXIT_UNREACHABLE}


def exit_code(outcome: str) -> int:
    """The documented exit code of a command that finished: "ok", "partial", "refused" ..."""
    return OUTCOMES[outcome]


def explain(error: BaseException) -> tuple[int, str] | None:
    """The documented exit code and one clear sentence for a failure, or None for a bug.

    A run that stopped after writing rows carries the count beside its fault: the sentence says how
    many were written, and Notion going away then is exit 1 (some rows not written), not exit 4,
    which SPEC §5 keeps for "unreachable before any row was written".
    """
    error, written = unwrap(error)
    if isinstance(error, SchemaError):
        return EXIT_CONFIG, schema_advice.headline(error, written)
    if isinstance(error, CsvExportError) and error.problems:
        return EXIT_CONFIG, f"{error} Nothing was written."
    if isinstance(error, (ConfigError, CsvExportError, ImportFileError)):
        return EXIT_CONFIG, str(error)
    if isinstance(error, NotionError):
        return _notion_failure(error, written)
    if isinstance(error, (Interrupted, LockWaitStopped, KeyboardInterrupt)):
        return EXIT_ROWS_FAILED, "Stopped before finishing; rows not yet written will be written by the next run."
    if isinstance(error, (CsvWriteStopped, SyncBusy)):
        return EXIT_ROWS_FAILED, str(error)
    return None


def problem_lines(error: BaseException) -> list[str]:
    """The lines under the sentence: a line per property or column to fix, or none."""
    error, _ = unwrap(error)
    if isinstance(error, SchemaError):
        return schema_advice.problem_lines(error)
    return list(getattr(error, "problems", None) or [])  # an export that cannot be trusted: a line per column


def _notion_failure(error: NotionError, written: int) -> tuple[int, str]:
    if isinstance(error, TokenRejected):
        return EXIT_REFUSED, f"Notion refused the token: {error}. Check NOTION_TOKEN (the integration's secret)."
    if isinstance(error, CannotInsert):
        added = ("Nobody was added." if not written else
                 f"{written} {'person was' if written == 1 else 'people were'} added before.")
        return EXIT_REFUSED, (f"Notion refused to let the integration add people to the Outreach List: {error}. "
                              f"{added} {capability_fix('Insert content')}, then run the import again: it adds only who is "
                              "missing.")
    if isinstance(error, CannotUpdate):
        return EXIT_REFUSED, (f"Notion refused to let the integration change the Outreach List: {error}. "
                              f"{_written_before(written)} {capability_fix('Update content')}, then run the sync again.")
    if isinstance(error, RetryLater):
        return EXIT_UNREACHABLE, (f"Notion asked to wait {error.wait_seconds:.0f} s; run again after "
                                  f"{_clock(error.retry_at)}. {_written_before(written)}")
    if isinstance(error, UnreadableAnswer):
        return (EXIT_ROWS_FAILED if written else EXIT_UNREACHABLE), (
            f"Notion's answer could not be read: {error}. {_written_before(written)}"
            + ("" if written else " The next run tries again."))
    if isinstance(error, ParentPageRefused):
        return EXIT_REFUSED, (f"Notion refused access to the page {error.page}: {error}. Share that page with your "
                              "integration (open it in Notion, ••• → Connections → add the integration), then run "
                              "init again.")
    if isinstance(error, AccessDenied):
        return EXIT_REFUSED, (f"Notion refused access to the Outreach List: {error}. Share the database with your "
                              "integration (••• menu → Connections) and check OUTREACH_DATABASE_ID.")
    if isinstance(error, RequestRejected):
        return EXIT_CONFIG, (f"Notion refused a request: {error}. {_written_before(written)} `outreach-worker "
                             "check` shows whether the list still matches the template.")
    if written:  # some rows landed: the run is partial, not "unreachable before any row was written"
        return EXIT_ROWS_FAILED, (f"Notion could not be reached: {error}. {_written_before(written)}")
    return EXIT_UNREACHABLE, f"Notion could not be reached: {error}. Nothing was written; the next run tries again."


def _clock(moment: datetime) -> str:
    """A time later today as 14:05, on another day as 14:05 on 27 Nov (in the moment's own time zone)."""
    today = datetime.now(moment.tzinfo).date()
    return moment.strftime("%H:%M" if moment.date() == today else "%H:%M on %d %b")


def _written_before(written: int) -> str:
    if not written:
        return "Nothing was written."
    rows = "row was" if written == 1 else "rows were"
    return f"{written} {rows} written before; the rest are written by the next run."
