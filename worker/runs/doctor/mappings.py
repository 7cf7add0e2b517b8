"""Columns under another name: which of the list's columns looks like a missing template column, and
the config line that maps it (--fix adds no twin of a column the person already keeps)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from worker.core.lookalike import lookalikes, mapping_line
from worker.notion.schema import SELF_RELATIONS, DataSource, PropertyCheck
from worker.runs.schema_advice import column_type_words, type_words
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


def proposal_lines(key: str, found: list[Lookalike], settings: Settings) -> list[str]:
    """What to do with the columns that look like missing column `key`: map it, or retype it then map it."""
    if not found:
        return []
    fitting = [lookalike for lookalike in found if lookalike.fits]
    if fitting:
        named = " or ".join(f'"{lookalike.column}"' for lookalike in fitting)
        return [f"{named} looks like it: map it with {_config_line(key, fitting[0].column)} (see below); "
                "--fix adds no twin."]
    first = found[0]
    if first.found == "relation" and key in SELF_RELATIONS:
        change = "is a relation to another database: point it at this list in Notion"
    else:
        change = f"is {type_words([first.found])}: change its type to {column_type_words(key)} in Notion"
    return [f'"{first.column}" looks like it but {change}, then map it with {_config_line(key, first.column)} '
            f"under [properties] in {settings.config_file}; --fix adds no twin."]


def _config_line(key: str, column: str) -> str:
    return f"`{mapping_line(key, column)}`"


def print_mapping_lines(proposals: dict[str, list[Lookalike]], settings: Settings) -> None:
    """The config lines that map each missing column to the column of the right type that looks like it."""
    fitting = {key: [lookalike for lookalike in found if lookalike.fits] for key, found in proposals.items()}
    lines = [mapping_line(key, found[0].column) for key, found in fitting.items() if found]
    if lines:
        print(f"To use the columns that look like missing ones, put {'this line' if len(lines) == 1 else 'these lines'} "
              f"under [properties] in {settings.config_file}:")
        for line in lines:
            print(f"  {line}")
