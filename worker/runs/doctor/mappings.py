"""Columns under another name: which of the list's columns looks like a missing template column
(--fix adds no twin of a column the person already keeps; the CLI shows the config line that maps it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from worker.core.lookalike import lookalikes
from worker.notion.schema import SELF_RELATIONS, DataSource, PropertyCheck
from worker.settings import Settings


@dataclass(frozen=True)
class Lookalike:
    """A column of the list that looks like a missing template column."""

    column: str
    found: str  # its Notion type
    fits: bool  # of a type the template accepts there: mapping it is enough


def propose_mappings(
    source: DataSource, checks: list[PropertyCheck], settings: Settings
) -> dict[str, list[Lookalike]]:
    """Template key → the list's columns that look like it, for every template column not found."""
    taken = {check.name for check in checks if check.found is not None}
    free = {name: prop for name, prop in source.properties.items() if name not in taken}
    proposals: dict[str, list[Lookalike]] = {}
    for check in checks:
        if check.found is not None:
            continue
        candidates = _title_columns(free) if check.key == "name" else lookalikes(check.key, free)
        found = [Lookalike(name, free[name].get("type", ""), _fits(check, free[name], source)) for name in candidates]
        if found:
            proposals[check.key] = found
    return proposals


def addable_keys(checks: list[PropertyCheck], proposals: dict[str, list[Lookalike]]) -> tuple[str, ...]:
    """The template columns --fix adds: missing (optional ones too) and no column looks like them."""
    return tuple(check.key for check in checks if check.found is None and check.key not in proposals)


def _title_columns(properties: dict[str, dict[str, Any]]) -> list[str]:
    return [name for name, prop in properties.items() if prop.get("type") == "title"]


def _fits(check: PropertyCheck, prop: dict[str, Any], source: DataSource) -> bool:
    if prop.get("type") not in check.expected:
        return False
    if check.key in SELF_RELATIONS:
        return (prop.get("relation") or {}).get("data_source_id", "").replace("-", "") == source.data_source_id
    return True
