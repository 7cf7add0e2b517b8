"""What a person reads: errors, the dry-run plan, the closing summary, write progress (stderr)."""

from __future__ import annotations

import sys
import textwrap
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.style import Style
from rich.text import Text

from worker.core.codes import PageState
from worker.core.controls import one_line, without_controls
from worker.core.dates import day_month_year, weekday_day_month_year
from worker.core.models import Outcome, SyncReport
from worker.core.today.advice import page_message
from worker.core.today.warnings import describe_warning
from worker.core.configuration import PropertyNames

if TYPE_CHECKING:
    from worker.runs.sync.publish import PageRefresh
    from worker.core.today.figures import Outlook
    from worker.core.today.todo import TodoItem


# Every value from the list is printed through one_line (or without_controls where a Draft keeps its
# lines): a name may hold ESC (clear the screen, write the clipboard) or a line break that would
# forge a to-do line of its own. Rich's Text drops only some control characters, and print() none.


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def error(message: str) -> None:
    """One clear sentence on stderr (the message is text, never markup: it may hold "[properties]")."""
    message = one_line(message)  # it may quote a column's name or a value as typed
    if sys.stderr.isatty():
        _stderr().print(Text.assemble(("error:", "bold red"), " ", message))
    else:
        print(f"error: {message}", file=sys.stderr)


def error_lines(message: str, lines: Sequence[str]) -> None:
    """One sentence on stderr, then a line per thing to fix (a property, a column), if any."""
    error(message)
    for line in lines:
        print(f"  - {one_line(line)}", file=sys.stderr)


def plan(outcome: Outcome, names: PropertyNames) -> None:
    """The dry run's plan on stdout: each row that would change and its new values, by column name."""
    rows = outcome.changed_rows
    people = {row.person.page_id: row.person.name for row in outcome.rows}
    print(f"Would update {len(rows)} of {len(outcome.rows)} rows:")
    for row in rows:
        where = f" <{row.person.url}>" if row.person.url else ""
        print("~ " + one_line(f"{row.person.name or '(no name)'}{where}"))
        if row.memory_only:
            print("    (Worker state only: what the next run must remember)")
        for field in row.changed:
            if field == "worker_state":
                continue
            before, after = getattr(row.person.current, field), getattr(row.fields, field)
            print(f"    {one_line(getattr(names, field))}: {_show(before, people)} → {_show(after, people)}")


def _show(value: Any, people: dict[str, str]) -> str:
    if isinstance(value, tuple):  # Intro via: page ids, shown as names
        return one_line(", ".join(people.get(i, i) for i in value)) or "(empty)"
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, float):
        return f"{value:g}"  # 60.0 read back from Notion is the 60 the worker wrote
    first, *rest = without_controls(str(value)).split("\n")  # a Draft's later lines stay under its column
    return "\n".join([first, *(f"      {line}" if line else "" for line in rest)])


def summary(report: SyncReport, todo: Sequence[TodoItem], page: PageRefresh | None = None,
            outlook: Outlook | None = None) -> None:
    """The closing summary on stderr: counts, failures, warnings, the Today page, today's whole to-do."""
    console = _stderr()
    written = "nothing written (dry run)" if report.dry_run else f"{report.writes_sent} written"
    cost = f"{report.api_requests} API requests, {report.retries} retries, " if report.source == "notion" else ""
    console.print(
        f"{report.rows_read} rows read, {report.rows_changed} to change"
        + (f" ({report.memory_writes} Worker state only)" if report.memory_writes else "")
        + f", {written}, "
        f"{len(report.failures)} failed, {len(report.warnings)} warnings ({cost}{report.seconds:.1f} s)."
        + (f" Output: {report.output}" if report.output else ""),
        markup=False,
    )
    failures(report)
    for warning in report.warnings:
        who = warning.name or "(row with no name)"
        where = f" <{warning.url}>" if warning.url else ""
        about = f"{who}{where}: " if warning.page_id else ""  # no page id: about the whole list
        console.print("  warning: " + one_line(f"{about}{describe_warning(warning, report.link_labels)}"), markup=False)
    if page is not None:
        message = page_message(page.problem, page.detail)
        console.print(one_line(f"Today page <{page.url}>: {PAGE_STATES.get(page.state, page.state)}"
                               + (f": {message}" if message else "")), markup=False)
    todo_list(todo, report.today, console, outlook)


def failures(report: SyncReport) -> None:
    """The rows that could not be written, on stderr (shown even with -q: they are errors)."""
    console = _stderr()
    for failure in report.failures:
        console.print("  failed: " + one_line(f"{failure.name} <{failure.page_url}>: {failure.reason}"), markup=False)


PAGE_STATES = {PageState.WRITTEN: "updated", PageState.UNCHANGED: "unchanged", PageState.REFUSED: "left alone",
               PageState.FAILED: "not updated"}


def todo_list(items: Sequence[TodoItem], today: date, console: Console | None = None,
              outlook: Outlook | None = None, drafts: bool = False) -> None:
    """The whole ranked to-do, by group, numbered; names are printed as typed, never read as markup.

    With an `outlook`: a day off says so above the list, and the days ahead and the pace follow it.
    With `drafts`, each line's Draft follows it, indented, as the list holds it.
    """
    from worker.core.today.pace import DAY_OFF_NOTE

    console = console or Console(highlight=False, soft_wrap=True)
    if outlook is not None and outlook.day_off:
        console.print(Text(f"{weekday_day_month_year(today)} is a day off. {DAY_OFF_NOTE}", style="bold"))
    _todo_items(items, today, console, drafts)
    if outlook is not None:
        _outlook(outlook, today, console)


def _todo_items(items: Sequence[TodoItem], today: date, console: Console, drafts: bool = False) -> None:
    from worker.core.today.todo import GROUP_TITLES, TodoGroup  # with the rules, at the first sync, not with `health`

    if not items:
        console.print(Text(f"Nothing due on {weekday_day_month_year(today)}."))
        return
    console.print(Text(f"To do on {weekday_day_month_year(today)}: {len(items)} message{'s' if len(items) != 1 else ''}", style="bold"))
    number = 0
    for group in TodoGroup:
        chosen = [item for item in items if item.group is group]
        if chosen:
            console.print(Text(f"{GROUP_TITLES[group]} ({len(chosen)})", style="bold underline"))
        for item in chosen:
            number += 1
            _print_entry(console, number, item, today)
            if drafts:
                _print_draft(console, item)


def _outlook(outlook: Outlook, today: date, console: Console) -> None:
    """`Next 5 business days: …` on one line, then Running low."""
    from worker.core.today.pace import running_low_companies, running_low_pace

    days = []
    for d in outlook.upcoming:
        overdue = f" ({d.overdue} overdue)" if d.overdue else ""
        days.append(f"{weekday_day_month_year(d.day)}{' (today)' if d.day == today else ''}: {d.messages}{overdue}")
    console.print(Text(f"Next {len(days)} business days: " + " · ".join(days)))
    low = outlook.running_low
    console.print(Text(f"Running low: {running_low_pace(low)} {running_low_companies(low)}"))


def _print_entry(console: Console, number: int, item: TodoItem, today: date) -> None:
    """`  3. Name · Company · due since …` and, folded under it, the next step and the targets."""
    from worker.core.today.todo import GROUP_VERBS

    head = Text(f"{number:>3}. ")
    head.append(one_line(item.person.name), style=Style(bold=True, link=one_line(item.person.url) or None))
    if item.person.company:
        head.append(f" · {one_line(item.person.company)}")
    if item.due < today:
        head.append(f" · due since {day_month_year(item.due)}", style="yellow")
    console.print(head)
    body = [one_line(item.next_step or GROUP_VERBS[item.group])]
    if item.also_ask_about:
        body.append(one_line("also ask about: " + "; ".join(f"{t.name}, {t.company}" if t.company else t.name
                                                            for t in item.also_ask_about)))
    width = max(console.width, 40)
    for text in body:
        for line in textwrap.wrap(text, width, initial_indent=" " * 5, subsequent_indent=" " * 5):
            console.print(Text(line))


def _print_draft(console: Console, item: TodoItem) -> None:
    """The Draft under its line, each of its lines indented; a line saying there is none otherwise."""
    if not item.draft.strip():
        console.print(Text("       (no draft: set [me] name in your config file, or the row has none)"))
        return
    console.print(Text("       Draft:"))
    for line in without_controls(item.draft).splitlines():
        console.print(Text("       | " + line if line else "       |"))


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
