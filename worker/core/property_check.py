"""What a schema check found for one template column: a value the faces word (SPEC §3).

The Notion layer computes these from a data source (notion/schema.py); the CLI, the run log and the
Today page say what each means and how to fix it (core/today/advice.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from worker.core.columns import BY_KEY, WORKER_KEYS


class SchemaProblem(StrEnum):
    """What a check can find wrong with a template column."""

    MISSING = "missing"
    """The list has no column by the configured name (and the column is not optional)."""
    WRONG_TYPE = "wrong type"
    """The column exists with a Notion type the template does not accept there."""
    OTHER_DATABASE = "relates to another database"
    """A relation that must link the list to itself links to another database."""
    TWO_WAY = "two-way relation"
    """A relation the worker writes is two-way: writing it would fill its synced twin (SPEC §3)."""


@dataclass(frozen=True)
class PropertyCheck:
    """One expected property: what the template wants and what the list has."""

    key: str  # PropertyNames field, e.g. "last_contacted"
    name: str  # the column name configured for it
    expected: tuple[str, ...]
    found: str | None  # the Notion type found, None when missing
    problem: SchemaProblem | str  # "" when fine
    synced: str = ""  # TWO_WAY: the name of the column Notion keeps in sync with this one

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def worker_owned(self) -> bool:
        return self.key in WORKER_KEYS

    @property
    def optional(self) -> bool:
        return BY_KEY[self.key].optional

    @property
    def absent(self) -> bool:
        """An optional property the list does not have: fine, the worker works without it."""
        return self.found is None and not self.problem
