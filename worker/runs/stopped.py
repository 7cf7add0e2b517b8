"""A run that stopped part-way: the fault that stopped it, and how many rows it had written before.

The count travels as a value beside the fault, never added to the fault itself, so the command line
can word it ("3 rows were written before …") and pick the exit code SPEC §5 gives: a run that had
written a row is not "unreachable before any row was written".
"""

from __future__ import annotations


class StoppedAfterWrites(Exception):
    """`cause` stopped the run after `rows_written` (> 0) rows had been written."""

    def __init__(self, cause: BaseException, rows_written: int) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.rows_written = rows_written

    def __str__(self) -> str:
        return str(self.cause) or type(self.cause).__name__


def stopped_after(cause: BaseException, rows_written: int) -> BaseException:
    """What a run raises when `cause` stops it: the cause itself before any write, else the pair."""
    return StoppedAfterWrites(cause, rows_written) if rows_written else cause


def unwrap(error: BaseException) -> tuple[BaseException, int]:
    """The fault that stopped a run and the rows written before it (0 when none were)."""
    if isinstance(error, StoppedAfterWrites):
        return error.cause, error.rows_written
    return error, 0
