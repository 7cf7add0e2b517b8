"""Every way a command can fail, as one tree, and the exit code of each branch (SPEC §5).

The exceptions live beside what raises them; this module only sorts them. `classify` is the one
place that decides what kind of failure an exception is, for the CLI (its sentence and exit code),
the `run` log (a known failure in one line, a bug with its traceback) and the Today page (whether
Notion would answer a page request at all). Anything the tree does not name is a bug of ours and
keeps its traceback: a KeyError or TypeError is never taken for an outage.

    BaseException
    ├── KeyboardInterrupt ................................ 1  STOPPED
    └── Exception
        ├── ConfigError (settings) ....................... 2  CONFIG
        ├── CsvExportError (files.export) ................ 2  EXPORT_UNREADABLE
        ├── ImportFileError (files.linkedin) ............. 2  IMPORT_FILE
        │   └── NotLinkedInExport ........................ 2  IMPORT_FILE
        ├── SchemaError (notion.errors) .................. 2  SCHEMA
        │   └── SeveralDataSources ....................... 2  SCHEMA
        ├── NotionError (notion.errors)
        │   ├── TokenRejected ........ 401 ............... 3  TOKEN_REJECTED
        │   ├── AccessDenied ......... 403, 404 .......... 3  ACCESS_DENIED
        │   │   ├── CannotUpdate ......................... 3  CANNOT_UPDATE
        │   │   ├── CannotInsert ......................... 3  CANNOT_INSERT
        │   │   └── ParentPageRefused .................... 3  PARENT_PAGE_REFUSED
        │   ├── RequestRejected ...... 400, other 4xx .... 2  REJECTED
        │   │   └── UnsendableValue ...................... 2  REJECTED
        │   ├── NotionUnavailable .... 429, 5xx, time-out  4  UNREACHABLE
        │   ├── UnreadableAnswer ..... 2xx, unreadable ... 4  UNREADABLE
        │   └── RetryLater ........... Retry-After > cap . 4  RETRY_LATER
        ├── Interrupted (notion.errors) .................. 1  STOPPED
        ├── LockWaitStopped (runs.locking) ............... 1  STOPPED
        ├── CsvWriteStopped (files.export) ............... 1  CSV_STOPPED
        ├── SyncBusy (runs.locking) ...................... 1  BUSY
        ├── StoppedAfterWrites (runs.stopped) ............ the branch of its cause, with the rows
        │                                                  written before; after a write, Notion
        │                                                  unreachable or unreadable is 1, not 4
        └── anything else: KeyError, TypeError … ......... 70 BUG (its traceback is shown)

A finished run's outcome maps to an exit code too (OUTCOME_EXITS): ok 0, partial 1, schema 2,
refused 3, unreachable 4.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from worker.core.codes import RowFailureKind, RunOutcome
from worker.files.export import CsvExportError, CsvWriteStopped
from worker.files.linkedin.connections import ImportFileError
from worker.notion.errors import (
    AccessDenied,
    CannotInsert,
    CannotUpdate,
    Interrupted,
    NotionError,
    NotionUnavailable,
    ParentPageRefused,
    RequestRejected,
    RetryLater,
    SchemaError,
    TokenRejected,
    UnreadableAnswer,
)
from worker.runs.locking import LockWaitStopped, SyncBusy
from worker.runs.stopped import unwrap
from worker.settings import ConfigError


class ExitCode(IntEnum):
    """The documented exit codes of every command (SPEC §5)."""

    OK = 0
    """All written."""
    ROWS_FAILED = 1
    """Some rows failed, or the run stopped before finishing (`health`: unhealthy)."""
    CONFIG = 2
    """A configuration or schema error: something for the person to fix first."""
    REFUSED = 3
    """Notion refused the token, the list, or a capability the command needs."""
    UNREACHABLE = 4
    """Notion could not be reached, or answered with something unreadable."""
    BUG = 70
    """A bug in the worker itself (sysexits' EX_SOFTWARE): the traceback says where."""


class FailureKind(StrEnum):
    """Which branch of the tree above a failure is on."""

    CONFIG = "config"
    """A setting is missing or wrong (the environment, .env, the config file, an option)."""
    EXPORT_UNREADABLE = "export unreadable"
    """The Notion CSV export cannot be read or trusted."""
    IMPORT_FILE = "import file"
    """The LinkedIn connections file cannot be read."""
    SCHEMA = "schema"
    """The list does not match the template (or the database holds several data sources)."""
    TOKEN_REJECTED = "token rejected"
    """401: the integration token is wrong or revoked."""
    ACCESS_DENIED = "access denied"
    """403 or 404 on the list: missing, or not shared with the integration."""
    CANNOT_UPDATE = "cannot update"
    """The integration lacks the "Update content" capability for the list."""
    CANNOT_INSERT = "cannot insert"
    """The integration lacks the "Insert content" capability for the list."""
    PARENT_PAGE_REFUSED = "parent page refused"
    """init's --parent-page is not shared with the integration."""
    REJECTED = "rejected"
    """Notion refused what was sent (400): a retry would be refused alike."""
    UNREACHABLE = "unreachable"
    """Rate limits, server faults, time-outs or dropped connections outlasted every retry."""
    UNREADABLE = "unreadable"
    """Notion answered, with something the worker cannot read (not JSON, a field missing)."""
    RETRY_LATER = "retry later"
    """Notion asked to wait longer than the worker may wait."""
    STOPPED = "stopped"
    """A stop was requested (SIGTERM, Ctrl-C) before the run finished."""
    CSV_STOPPED = "csv stopped"
    """Writing the offline output was stopped; the partial file was removed."""
    BUSY = "busy"
    """Another sync of the same list holds its lock."""
    BUG = "bug"
    """None of the above: a bug in the worker."""


EXITS: dict[FailureKind, ExitCode] = {
    FailureKind.CONFIG: ExitCode.CONFIG,
    FailureKind.EXPORT_UNREADABLE: ExitCode.CONFIG,
    FailureKind.IMPORT_FILE: ExitCode.CONFIG,
    FailureKind.SCHEMA: ExitCode.CONFIG,
    FailureKind.TOKEN_REJECTED: ExitCode.REFUSED,
    FailureKind.ACCESS_DENIED: ExitCode.REFUSED,
    FailureKind.CANNOT_UPDATE: ExitCode.REFUSED,
    FailureKind.CANNOT_INSERT: ExitCode.REFUSED,
    FailureKind.PARENT_PAGE_REFUSED: ExitCode.REFUSED,
    FailureKind.REJECTED: ExitCode.CONFIG,
    FailureKind.UNREACHABLE: ExitCode.UNREACHABLE,
    FailureKind.UNREADABLE: ExitCode.UNREACHABLE,
    FailureKind.RETRY_LATER: ExitCode.UNREACHABLE,
    FailureKind.STOPPED: ExitCode.ROWS_FAILED,
    FailureKind.CSV_STOPPED: ExitCode.ROWS_FAILED,
    FailureKind.BUSY: ExitCode.ROWS_FAILED,
    FailureKind.BUG: ExitCode.BUG,
}
OUTCOME_EXITS: dict[RunOutcome, ExitCode] = {
    RunOutcome.OK: ExitCode.OK,
    RunOutcome.PARTIAL: ExitCode.ROWS_FAILED,
    RunOutcome.SCHEMA: ExitCode.CONFIG,
    RunOutcome.REFUSED: ExitCode.REFUSED,
    RunOutcome.UNREACHABLE: ExitCode.UNREACHABLE,
}
# Most specific first: a subclass before the class it refines.
_BRANCHES: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], FailureKind], ...] = (
    (ConfigError, FailureKind.CONFIG),
    (CsvExportError, FailureKind.EXPORT_UNREADABLE),
    (ImportFileError, FailureKind.IMPORT_FILE),
    (SchemaError, FailureKind.SCHEMA),
    (TokenRejected, FailureKind.TOKEN_REJECTED),
    (CannotUpdate, FailureKind.CANNOT_UPDATE),
    (CannotInsert, FailureKind.CANNOT_INSERT),
    (ParentPageRefused, FailureKind.PARENT_PAGE_REFUSED),
    (AccessDenied, FailureKind.ACCESS_DENIED),
    (RequestRejected, FailureKind.REJECTED),
    (NotionUnavailable, FailureKind.UNREACHABLE),
    (UnreadableAnswer, FailureKind.UNREADABLE),
    (RetryLater, FailureKind.RETRY_LATER),
    ((Interrupted, LockWaitStopped, KeyboardInterrupt), FailureKind.STOPPED),
    (CsvWriteStopped, FailureKind.CSV_STOPPED),
    (SyncBusy, FailureKind.BUSY),
)
# Failures after which Notion would not answer a Today page request either: nothing reached it, it
# refused the token or every update, it asked for quiet, a stop was asked for, or nothing was asked.
_PAGE_UNANSWERED = frozenset({
    FailureKind.CONFIG, FailureKind.TOKEN_REJECTED, FailureKind.CANNOT_UPDATE, FailureKind.UNREACHABLE,
    FailureKind.RETRY_LATER, FailureKind.STOPPED,
})
_ROW_KINDS = {
    FailureKind.REJECTED: RowFailureKind.REJECTED,
    FailureKind.UNREACHABLE: RowFailureKind.UNREACHABLE,
    FailureKind.RETRY_LATER: RowFailureKind.UNREACHABLE,
    FailureKind.UNREADABLE: RowFailureKind.UNREADABLE,
    FailureKind.STOPPED: RowFailureKind.STOPPED,
}


@dataclass(frozen=True)
class Failure:
    """An exception placed on the tree: its kind and exit code; the exception keeps its facts."""

    kind: FailureKind
    error: BaseException
    rows_written: int = 0  # rows the run had written before it stopped on this failure

    @property
    def exit_code(self) -> ExitCode:
        """SPEC §5 keeps 4 for "unreachable before any row was written": after a write, it is 1."""
        if self.rows_written and self.kind in (FailureKind.UNREACHABLE, FailureKind.UNREADABLE):
            return ExitCode.ROWS_FAILED
        return EXITS[self.kind]

    @property
    def is_bug(self) -> bool:
        """A bug of ours: show the traceback, exit 70."""
        return self.kind is FailureKind.BUG

    @property
    def page_answers(self) -> bool:
        """Whether Notion would still answer a request for the Today page after this failure."""
        return self.kind not in _PAGE_UNANSWERED


def classify(error: BaseException) -> Failure:
    """Where an exception sits on the failure tree; BUG for anything the tree does not name.
    A run stopped after writing is classified by its cause, the count of rows written kept beside it."""
    cause, written = unwrap(error)
    for types, kind in _BRANCHES:
        if isinstance(cause, types):
            return Failure(kind, cause, written)
    return Failure(FailureKind.BUG, cause, written)


def row_failure_kind(error: NotionError) -> RowFailureKind:
    """Why a row did not land, from what Notion answered for it: refused, rejected, unreachable …"""
    return _ROW_KINDS.get(classify(error).kind, RowFailureKind.REFUSED)


def exit_code(outcome: RunOutcome | str) -> ExitCode:
    """The exit code of a command that finished with this outcome."""
    return OUTCOME_EXITS[RunOutcome(outcome)]
