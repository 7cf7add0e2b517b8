"""The typed codes a run's results carry: how a run ended, why a row failed, what became of the Today page.

`str` enums (as notion-sdk-py's APIErrorCode), so `--json` and the heartbeat print their values as
before, and each member says what it means. Nothing here is worded for a person: the faces (the
CLI, the run log, the Today page) say each in their own words.
"""

from __future__ import annotations

from enum import StrEnum


class RunOutcome(StrEnum):
    """How a finished run (a sync, an import, check, init) ended; each maps to one exit code."""

    OK = "ok"
    """Everything was written (or nothing needed to be)."""
    PARTIAL = "partial"
    """Some rows failed; the others were written."""
    SCHEMA = "schema"
    """The list does not match the template (check and init only: a sync raises SchemaError)."""
    REFUSED = "refused"
    """Notion refused the integration what the command needs (check: no updates allowed)."""
    UNREACHABLE = "unreachable"
    """Every write failed because Notion could not be reached, and none landed."""
    FAILED = "failed"
    """The run stopped on a failure (the Today page's last sync): the failure's kind gives the exit code."""


class RowFailureKind(StrEnum):
    """Why one row's write (or create) did not land."""

    REFUSED = "refused"
    """Notion refused this row: 403 or 404 (deleted, trashed, or not shared)."""
    REJECTED = "rejected"
    """Notion refused what was sent for this row (400): never retried."""
    UNREACHABLE = "unreachable"
    """Notion could not be reached for this row after every retry."""
    UNREADABLE = "unreadable"
    """Notion answered, but with something the worker cannot read; it may or may not have acted."""
    SKIPPED = "skipped"
    """Not tried: Notion could not be reached for the rows before it (or for the look for edits)."""
    STOPPED = "stopped"
    """Not tried: a stop was requested first."""

    @property
    def transient(self) -> bool:
        """Notion unreachable or overloaded, rather than refusing this row: the next run may succeed."""
        return self in (RowFailureKind.UNREACHABLE, RowFailureKind.SKIPPED)


class WarningCode(StrEnum):
    """What a warning a run survives is about; its facts are named under each, and the faces word it."""

    UNKNOWN_CLOSENESS = "unknown closeness"
    """Closeness holds `value`, not a known option: counted as Cold."""
    UNKNOWN_STATUS = "unknown status"
    """Status holds `value`, not a known option: counted as Not contacted."""
    NO_NAME = "no name"
    """The row's Name is empty."""
    NAMESAKE = "namesake"
    """Another row has the same `name`; the worker calls this one `label`."""
    LINKS_ITSELF = "links itself"
    """`column` links the row to itself; that link is ignored."""
    LINKS_OUTSIDE = "links outside"
    """`column` links to a page outside the list (the warning's `linked` id); that link is ignored."""
    INTRO_LOOP = "intro loop"
    """Introduced by goes round in a circle through `names`."""
    UNREADABLE_STATE = "unreadable state"
    """Worker state is not text the worker wrote: the worker columns' values count as the person's."""
    ROW_GONE = "row gone"
    """The row was deleted or trashed while the worker read it; left alone this run."""
    TRASHED = "trashed"
    """The row was moved to the trash before its write; dropped from this run (a full sync leaves it out)."""
    NO_TARGETS = "no targets"
    """No target companies are set (about the whole list): `config_file`."""
    CSV_CELL = "csv cell"
    """A cell of the CSV export on `line` could not be read: `problem` says how, in the reader's words."""
    IMPORT_LINE = "import line"
    """A line of LinkedIn's connections file: `problem` says what, in the reader's words."""


class PageState(StrEnum):
    """What became of the Today page (a sync), or whether a sync could write it (check, init)."""

    WRITTEN = "written"
    """Its content changed and was replaced."""
    UNCHANGED = "unchanged"
    """Its content was already today's: nothing sent."""
    REFUSED = "refused"
    """A guard of the worker's said no (see PageProblem): the page was left alone."""
    FAILED = "failed"
    """Notion said no to reading or replacing it."""
    READY = "ready"
    """check, init: a sync can write it."""
    NOT_SET_UP = "not set up"
    """No OUTREACH_TODAY_PAGE is set (optional)."""
    CREATED = "created"
    """check --fix made one beside the list."""


class PageProblem(StrEnum):
    """Why the Today page was left alone, or could not be made."""

    IS_THE_LIST = "is the list"
    """OUTREACH_TODAY_PAGE is the Outreach List, its data source, or the page that holds it."""
    TOO_LARGE = "too large"
    """Notion returned the page's content cut short: replacing it could lose what was not shown."""
    HOLDS_SUB_PAGES = "holds sub-pages"
    """The page holds a sub-page or a database, which replacing its content would delete."""
    NOT_OURS = "not ours"
    """The page has content the worker did not write."""
    NOT_SHARED = "not shared"
    """Notion answered 403 or 404 for the page."""
    NOTION_FAILED = "notion failed"
    """Notion refused or failed otherwise (detail: its answer)."""
    NO_PARENT_PAGE = "no parent page"
    """check --fix: the list is not on a page, so there is nowhere beside it to make one."""
    PARENT_NOT_SHARED = "parent not shared"
    """check --fix: the page holding the list is not shared with the integration."""
    NOT_MADE = "not made"
    """check --fix: Notion refused or failed to make the page (detail: its answer)."""
