"""What `--json` prints: one JSON object on stdout per command, for scripts and monitors."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Any, Sequence

from worker.core.configuration import PropertyNames
from worker.core.models import Outcome

if TYPE_CHECKING:
    from worker.runs.sync import SyncResult
    from worker.core.today.todo import TodoItem


def emit(payload: dict[str, Any]) -> None:
    """The command's one object on stdout."""
    json.dump(payload, sys.stdout, indent=2, ensure_ascii=False, default=_plain)
    sys.stdout.write("\n")


def sync_json(result: SyncResult, todo: Sequence[TodoItem], names: PropertyNames) -> dict[str, Any]:
    """The sync report, the to-do, the Today page and, for a dry run, every row's changes."""
    from worker.core.today.todo import todo_json

    payload = result.report.as_json()
    payload["todo"] = todo_json(todo)
    payload["today_page"] = result.today_page.as_json() if result.today_page else None
    if result.report.dry_run:
        payload["changes"] = changes_json(result.outcome, names)
    return payload


def today_json(result: SyncResult, todo: Sequence[TodoItem]) -> dict[str, Any]:
    """`today`: the day, what was read, the warnings and the to-do."""
    from worker.core.today.todo import todo_json

    report = result.report.as_json()
    keep = ("source", "today", "rows_read", "warnings", "api_requests", "seconds")
    return {**{key: report[key] for key in keep}, "todo": todo_json(todo)}


def changes_json(outcome: Outcome, names: PropertyNames) -> list[dict[str, Any]]:
    """Every row that would change: each changed column (by its name in the list) before and after."""
    return [
        {
            "name": row.person.name,
            "url": row.person.url,
            "page_id": row.person.page_id,
            "changes": {
                getattr(names, field): {"before": getattr(row.person.current, field), "after": getattr(row.fields, field)}
                for field in row.changed
            },
        }
        for row in outcome.changed_rows
    ]


def error_json(message: str, code: int, problems: Sequence[str] = ()) -> dict[str, Any]:
    """A command that stopped: the sentence a person reads, the problems and the exit code."""
    return {"error": message, "problems": list(problems), "exit_code": code}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON")
