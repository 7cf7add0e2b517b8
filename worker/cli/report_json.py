"""What `--json` prints: one JSON object on stdout per command, for scripts and monitors."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from worker.core.codes import PageState, RunOutcome
from worker.core.configuration import PropertyNames
from worker.core.models import Outcome
from worker.core.property_check import PropertyCheck
from worker.core.today.advice import page_message
from worker.core.today.warnings import describe_warning

if TYPE_CHECKING:
    from worker.notion.schema import DataSource
    from worker.runs.doctor.findings import DoctorResult
    from worker.runs.sync import SyncResult
    from worker.runs.sync.publish import PageRefresh
    from worker.core.today.figures import Outlook
    from worker.core.today.todo import TodoItem


def emit(payload: dict[str, Any]) -> None:
    """The command's one object on stdout."""
    json.dump(payload, sys.stdout, indent=2, ensure_ascii=False, default=_plain)
    sys.stdout.write("\n")


def sync_json(result: SyncResult, todo: Sequence[TodoItem], names: PropertyNames, outlook: Outlook) -> dict[str, Any]:
    """The sync report, the to-do and its outlook, the Today page and, for a dry run, every row's changes."""
    from worker.core.today.todo import todo_json

    payload = result.report.as_json(describe_warning)
    payload["todo"] = todo_json(todo)
    payload["outlook"] = outlook_json(outlook)
    payload["today_page"] = page_json(result.today_page) if result.today_page else None
    if result.report.dry_run:
        payload["changes"] = changes_json(result.outcome, names)
    return payload


def today_json(result: SyncResult, todo: Sequence[TodoItem], outlook: Outlook) -> dict[str, Any]:
    """`today`: the day, what was read, the warnings, the to-do and its outlook."""
    from worker.core.today.todo import todo_json

    report = result.report.as_json(describe_warning)
    keep = ("source", "today", "rows_read", "warnings", "api_requests", "seconds")
    return {**{key: report[key] for key in keep}, "todo": todo_json(todo), "outlook": outlook_json(outlook)}


def outlook_json(outlook: Outlook) -> dict[str, Any]:
    """What the terminal prints under the to-do, as values: a day off, the days ahead, the pace."""
    low = outlook.running_low
    return {
        "day_off": outlook.day_off,
        "days_ahead": [{"day": d.day, "messages": d.messages, "overdue": d.overdue} for d in outlook.upcoming],
        "running_low": {
            "new_messages_left": low.people_left, "per_day": low.per_day, "last_day": low.last_day,
            "fewest_people": [{"company": company, "people": count} for company, count in low.fewest],
        },
    }


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


def page_json(page: PageRefresh) -> dict[str, str]:
    """What became of the Today page, for machines: its state, its URL, and why, in words."""
    return {"state": page.state.value, "url": page.url, "message": page_message(page.problem, page.detail)}


def doctor_json(result: DoctorResult) -> dict[str, Any]:
    """check's or init's findings for machines: the same keys whichever way they were reached."""
    from worker.runs.doctor.findings import FindingCode

    created = result.last(FindingCode.CREATED)
    return _init_json(result, created.facts) if created is not None else _check_json(result)


def _check_json(result: DoctorResult) -> dict[str, Any]:
    from worker.cli.printed_doctor import token_line
    from worker.runs.doctor.findings import FindingCode

    token, database = result.last(FindingCode.TOKEN), result.last(FindingCode.DATABASE)
    updates, checks = result.last(FindingCode.UPDATES), result.last(FindingCode.CHECKS)
    page = result.last(FindingCode.TODAY_PAGE)
    in_touch = result.last(FindingCode.IN_TOUCH)
    proposals = checks.facts["proposals"] if checks else {}
    return {"ok": result.outcome == RunOutcome.OK, "token": token_line(token.facts) if token else None,
            "updates": updates.facts["allowed"] if updates else True,
            "database": database_json(database.facts["source"]) if database else None,
            "properties": [_property_json(check, proposals) for check in (checks.facts["checks"] if checks else [])],
            "today_page": _doctor_page_json(page.facts) if page else None,
            "status_option": in_touch.facts["state"] if in_touch else "n/a"}


def _init_json(result: DoctorResult, created: Mapping[str, Any]) -> dict[str, Any]:
    from worker.runs.doctor.findings import FindingCode

    source, page = created["source"], created["today_page"]
    views = result.last(FindingCode.VIEWS)
    env = {"OUTREACH_DATABASE_ID": source.database_id} | ({"OUTREACH_TODAY_PAGE": page.page_id} if page else {})
    return {"database": database_json(source), "views": views.facts["added"] if views else [],
            "today_page": {"page_id": page.page_id, "url": page.url} if page else None, "env": env}


def database_json(source: DataSource) -> dict[str, str]:
    return {"title": source.title, "url": source.url, "database_id": source.database_id,
            "data_source_id": source.data_source_id}


def _property_json(check: PropertyCheck, proposals: Mapping[str, Any]) -> dict[str, Any]:
    lookalike = [{"column": found.column, "type": found.found, "fits": found.fits}
                 for found in proposals.get(check.key, [])]
    return {"key": check.key, "name": check.name, "owner": "worker" if check.worker_owned else "you",
            "expected": list(check.expected), "found": check.found, "optional": check.optional,
            "ok": check.ok, "problem": str(check.problem), "lookalikes": lookalike}


def _doctor_page_json(facts: Mapping[str, Any]) -> dict[str, Any]:
    state, message = facts["state"], page_message(facts["problem"], facts["detail"])
    answer: dict[str, Any] = {"state": state.value, "usable": facts["usable"]}
    if facts["page_id"]:
        answer |= {"url": facts["url"], "page_id": facts["page_id"]}
    if state is PageState.CREATED:
        answer["env"] = {"OUTREACH_TODAY_PAGE": facts["page_id"]}
    elif message or state is not PageState.NOT_SET_UP:
        answer["message"] = message
    return answer
