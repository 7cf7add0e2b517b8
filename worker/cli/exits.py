"""Every failure a command can meet in one sentence with its fix, and the exit codes (SPEC §5) by name.

The one place that words a failure for a person. Which failure an exception is, and its exit code,
is worker.runs.failures.classify's to say (the tree is drawn there); a failure it places on no
branch is a bug in the worker (None here: the caller prints the traceback and exits 70).
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from worker.core.codes import RunOutcome
from worker.notion.errors import RetryLater
from worker.settings import ConfigHint
from worker.runs.failures import ExitCode, Failure, FailureKind, classify
from worker.runs.failures import exit_code as outcome_exit
from worker.core.today.advice import capability_fix, schema_headline, schema_problem_lines

EXIT_OK = ExitCode.OK
EXIT_ROWS_FAILED = ExitCode.ROWS_FAILED
EXIT_CONFIG = ExitCode.CONFIG
EXIT_REFUSED = ExitCode.REFUSED
EXIT_UNREACHABLE = ExitCode.UNREACHABLE
EXIT_BUG = ExitCode.BUG  # a bug in the worker itself (sysexits' EX_SOFTWARE): the traceback says where
MEANINGS = {
    EXIT_OK: "all written",
    EXIT_ROWS_FAILED: "some rows failed",
    EXIT_CONFIG: "configuration or schema error",
    EXIT_REFUSED: "Notion refused the token or the database",
    EXIT_UNREACHABLE: "Notion unreachable",
    EXIT_BUG: "a bug in the worker",
}
STOPPED = "Stopped before finishing; rows not yet written will be written by the next run."
# The command that helps with a setting (ConfigError.hint), said after the settings' own sentence.
CONFIG_HINTS = {
    ConfigHint.OFFLINE: " (or run offline on a CSV export with `outreach-worker sync --csv EXPORT.csv`).",
    ConfigHint.TODAY_PAGE_LINE: (" Use the line `outreach-worker check --fix` or `init` printed, or the link copied "
                                 "from the page in Notion."),
}


def exit_code(outcome: RunOutcome | str) -> int:
    """The documented exit code of a command that finished: "ok", "partial", "refused" ..."""
    return int(outcome_exit(outcome))


def explain(error: BaseException) -> tuple[int, str] | None:
    """The documented exit code and one clear sentence for a failure, or None for a bug."""
    failure = classify(error)
    if failure.is_bug:
        return None
    return int(failure.exit_code), _SENTENCES[failure.kind](failure)


def problem_lines(error: BaseException) -> list[str]:
    """The lines under the sentence: a line per property or column to fix, or none."""
    failure = classify(error)
    if failure.kind is FailureKind.SCHEMA:
        return schema_problem_lines(failure.error)  # type: ignore[arg-type]
    return list(getattr(failure.error, "problems", None) or [])  # an export that cannot be trusted: a line per column


def _config(error: BaseException) -> str:
    """A setting to fix, as the settings word it, with the command that helps where one does."""
    from worker.runs.doctor import ListAlreadyThere

    if isinstance(error, ListAlreadyThere):
        return (f'That page already holds a database titled "{error.title}": {error.url}. init does not make a '
                f"second one. To use it, put OUTREACH_DATABASE_ID={error.database_id} in .env and run "
                "`outreach-worker check`; to make another list anyway, pass a different --title than "
                f'"{error.wanted}".')
    hint = getattr(error, "hint", None)
    return f"{error}{CONFIG_HINTS[hint]}" if hint else str(error)


def _export(failure: Failure) -> str:
    problems = getattr(failure.error, "problems", None)
    return f"{failure.error} Nothing was written." if problems else str(failure.error)


def _cannot_insert(failure: Failure) -> str:
    written = failure.rows_written
    added = ("Nobody was added." if not written else
             f"{written} {'person was' if written == 1 else 'people were'} added before.")
    return (f"Notion refused to let the integration add people to the Outreach List: {failure.error}. "
            f"{added} {capability_fix('Insert content')}, then run the import again: it adds only who is missing.")


def _retry_later(failure: Failure) -> str:
    error = failure.error
    assert isinstance(error, RetryLater)  # the only exception on that branch
    return (f"Notion asked to wait {error.wait_seconds:.0f} s; run again after "
            f"{_clock(error.retry_at)}. {_written_before(failure)}")


_SENTENCES: dict[FailureKind, Callable[[Failure], str]] = {
    FailureKind.CONFIG: lambda f: _config(f.error),
    FailureKind.EXPORT_UNREADABLE: _export,
    FailureKind.IMPORT_FILE: lambda f: str(f.error),
    FailureKind.SCHEMA: lambda f: schema_headline(f.error, f.rows_written),  # type: ignore[arg-type]
    FailureKind.TOKEN_REJECTED: lambda f: (
        f"Notion refused the token: {f.error}. Check NOTION_TOKEN (the integration's secret)."),
    FailureKind.CANNOT_INSERT: _cannot_insert,
    FailureKind.CANNOT_UPDATE: lambda f: (
        f"Notion refused to let the integration change the Outreach List: {f.error}. "
        f"{_written_before(f)} {capability_fix('Update content')}, then run the sync again."),
    FailureKind.RETRY_LATER: _retry_later,
    FailureKind.UNREADABLE: lambda f: (
        f"Notion's answer could not be read: {f.error}. {_written_before(f)}"
        + ("" if f.rows_written else " The next run tries again.")),
    FailureKind.PARENT_PAGE_REFUSED: lambda f: (
        f"Notion refused access to the page {getattr(f.error, 'page', '')}: {f.error}. Share that page with your "
        "integration (open it in Notion, ••• → Connections → add the integration), then run init again."),
    FailureKind.ACCESS_DENIED: lambda f: (
        f"Notion refused access to the Outreach List: {f.error}. Share the database with your "
        "integration (••• menu → Connections) and check OUTREACH_DATABASE_ID."),
    FailureKind.REJECTED: lambda f: (
        f"Notion refused a request: {f.error}. {_written_before(f)} `outreach-worker check` "
        "shows whether the list still matches the template."),
    FailureKind.UNREACHABLE: lambda f: (
        f"Notion could not be reached: {f.error}. {_written_before(f)}"
        + ("" if f.rows_written else " The next run tries again.")),
    FailureKind.STOPPED: lambda f: STOPPED,
    FailureKind.CSV_STOPPED: lambda f: str(f.error),
    FailureKind.BUSY: lambda f: str(f.error),
}


def _clock(moment: datetime) -> str:
    """A time later today as 14:05, on another day as 14:05 on 27 Nov (in the moment's own time zone)."""
    today = datetime.now(moment.tzinfo).date()
    return moment.strftime("%H:%M" if moment.date() == today else "%H:%M on %d %b")


def _written_before(failure: Failure) -> str:
    if not failure.rows_written:
        return "Nothing was written."
    rows = "row was" if failure.rows_written == 1 else "rows were"
    return f"{failure.rows_written} {rows} written before; the rest are written by the next run."
