"""What a person reads: errors, the dry-run plan, the closing summary, write progress (stderr)."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from worker import schema_advice
from worker.models import Outcome, RowOutcome, SyncReport
from worker.configuration import PropertyNames
from worker.notion.errors import SchemaError

TODAY_ACTIONS_SHOWN = 10


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def error(message: str) -> None:
    """One clear sentence on stderr (the message is text, never markup: it may hold "[properties]")."""
    if sys.stderr.isatty():
        _stderr().print(Text.assemble(("error:", "bold red"), " ", message))
    else:
        print(f"error: {message}", file=sys.stderr)


def schema_error(problem: SchemaError) -> None:
    """The schema problem, what was written, and a line per property to fix."""
    error(schema_advice.headline(problem))
    for line in schema_advice.problem_lines(problem):
        print(f"  - {line}", file=sys.stderr)


def schema_problems(problem: SchemaError) -> list[str]:
    """The schema problem's lines, for a machine (--json) as a person reads them."""
    return schema_advice.problem_lines(problem)


def plan(outcome: Outcome, names: PropertyNames) -> None:
    """The dry run's plan on stdout: each row that would change and its new values, by column name."""
    rows = outcome.changed_rows
    people = {row.person.page_id: row.person.name for row in outcome.rows}
    print(f"Would update {len(rows)} of {len(outcome.rows)} rows:")
    for row in rows:
        where = f" <{row.person.url}>" if row.person.url else ""
        print(f"~ {row.person.name or '(no name)'}{where}")
        for field in row.changed:
            if field == "worker_state":
                continue
            before, after = getattr(row.person.current, field), getattr(row.fields, field)
            print(f"    {getattr(names, field)}: {_show(before, people)} → {_show(after, people)}")


def _show(value: Any, people: dict[str, str]) -> str:
    if isinstance(value, tuple):  # Intro via: page ids, shown as names
        return ", ".join(people.get(i, i) for i in value) or "(empty)"
    if value is None or value == "":
        return "(empty)"
    return str(value)


def due_today(outcome: Outcome, today: Any) -> list[RowOutcome]:
    """Rows whose Follow up on is today or overdue, earliest first."""
    due = [r for r in outcome.rows if r.fields.follow_up_on is not None and r.fields.follow_up_on <= today]
    return sorted(due, key=lambda r: (r.fields.follow_up_on, -(r.fields.strength or 0), r.person.name))


def summary(report: SyncReport, outcome: Outcome) -> None:
    """The closing summary on stderr: counts, failures, warnings, today's actions."""
    console = _stderr()
    written = "nothing written (dry run)" if report.dry_run else f"{report.writes_sent} written"
    console.print(
        f"{report.rows_read} rows read, {report.rows_changed} to change, {written}, "
        f"{len(report.failures)} failed, {len(report.warnings)} warnings "
        f"({report.api_requests} API requests, {report.retries} retries, {report.seconds:.1f} s)."
        + (f" Output: {report.output}" if report.output else ""),
        markup=False,
    )
    for failure in report.failures:
        console.print(f"  failed: {failure.name} <{failure.page_url}>: {failure.reason}", markup=False)
    for warning in report.warnings:
        who = warning.name or "(row with no name)"
        where = f" <{warning.url}>" if warning.url else ""
        console.print(f"  warning: {who}{where}: {warning.describe(report.link_labels)}", markup=False)
    due = due_today(outcome, report.today)
    if not due:
        console.print(f"Nothing due on {report.today.isoformat()}.", markup=False)
        return
    table = Table(title=f"To do on {report.today.isoformat()} ({len(due)} due)", title_justify="left")
    for column in ("Follow up on", "Person", "Ask", "Next step"):
        table.add_column(column, overflow="fold")
    for row in due[:TODAY_ACTIONS_SHOWN]:
        f = row.fields
        table.add_row(f.follow_up_on.isoformat(), row.person.name, f.suggested_ask or "-", f.next_step)
    console.print(table)
    if len(due) > TODAY_ACTIONS_SHOWN:
        console.print(f"… and {len(due) - TODAY_ACTIONS_SHOWN} more: sort by Follow up on in Notion.", markup=False)


@contextmanager
def write_progress(enabled: bool = True) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar for the writes, only when stderr is a terminal."""
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    with Progress(
        TextColumn("writing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=_stderr(), transient=True
    ) as bar:
        task = bar.add_task("writing", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance
