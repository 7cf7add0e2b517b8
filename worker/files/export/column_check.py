"""An offline export is checked like the Notion schema before a row is read. Pure.

It must hold every required column of yours (the title, Company, Role, Closeness, Last contacted,
Status, Knows, Introduced by, Shared interests, Paused), each once: without one, the rules would
read everyone as Cold or unlinked and the output, merged back, would wipe the list. The optional
columns (Meeting on, Email, LinkedIn) and the worker's own may be absent: the output adds the
worker's. Headers match the configured names ignoring case; a column under another name is
proposed with the config line that maps it.
"""

from __future__ import annotations

from collections.abc import Sequence

from worker.core.configuration import PropertyNames
from worker.core.lookalike import lookalikes, mapping_line
from worker.core.columns import ALL_KEYS, OPTIONAL_KEYS, USER_KEYS

REQUIRED_KEYS: tuple[str, ...] = tuple(key for key in USER_KEYS if key not in OPTIONAL_KEYS)


class ExportColumnsError(ValueError):
    """The export's columns cannot be trusted; `problems` names each column and its fix."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems


def require_export_columns(
    header: Sequence[str], names: PropertyNames, config_file: str, source: str
) -> dict[str, int]:
    """Template key → column position for every column present; ExportColumnsError when a
    required column is missing or any template column is there twice."""
    folded = [cell.casefold() for cell in header]
    positions = {key: [i for i, cell in enumerate(folded) if cell == getattr(names, key).casefold()]
                 for key in ALL_KEYS}
    used = {header[found[0]] for found in positions.values() if found}
    problems = [_twice(getattr(names, key), found) for key, found in positions.items() if len(found) > 1]
    problems += [_missing(key, names, header, used, config_file) for key in REQUIRED_KEYS if not positions[key]]
    if problems:
        raise ExportColumnsError(f"{source} does not match the template.", problems)
    return {key: found[0] for key, found in positions.items() if found}


def _twice(name: str, found: list[int]) -> str:
    where = " and ".join(str(position + 1) for position in found)
    return f'"{name}" is there {len(found)} times (columns {where}): keep one and rename or remove the others.'


def _missing(key: str, names: PropertyNames, header: Sequence[str], used: set[str], config_file: str) -> str:
    name = getattr(names, key)
    free = [cell for cell in header if cell and cell not in used]
    similar = lookalikes(key, free)
    if similar:
        return (f'"{name}" is missing; the column "{similar[0]}" looks like it: put {_line(key, similar[0])} '
                f"under [properties] in {config_file}.")
    if key == "name" and free and header and header[0] in free:
        return (f'"{name}" (the title) is missing; Notion exports the title first, here "{header[0]}": put '
                f"{_line(key, header[0])} under [properties] in {config_file}.")
    return (f'"{name}" is missing: export the list with its {name} column, or if another column holds it, '
            f'put {_line(key, "Your column")} under [properties] in {config_file}.')


def _line(key: str, column: str) -> str:
    return f"`{mapping_line(key, column)}`"
