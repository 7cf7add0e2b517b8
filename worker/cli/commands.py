"""Each command run, and its result printed for a person (stderr, or stdout for data) or a machine (--json).

The modules that compute load when a command needs them, not with `health` (a container's health
check runs it every few minutes).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from worker.cli import printed
from worker.cli.exits import EXIT_OK, EXIT_ROWS_FAILED, exit_code
from worker.cli.report_json import emit, sync_json, today_json
from worker.settings import ConfigError, Settings
from worker.runs.clock import SYSTEM_CLOCK, Clock
from worker.runs.stopping import stop_on_signals

if TYPE_CHECKING:
    from worker.core.today.figures import Outlook
    from worker.runs.sync import SyncResult


def run_command(args: argparse.Namespace, settings: Settings, clock: Clock = SYSTEM_CLOCK) -> int:
    """Run the command the arguments name; its exit code."""
    commands = {"sync": _sync, "today": _today, "import": _import, "run": _run, "serve": _serve,
                "health": _health, "check": _doctor, "init": _doctor}
    return commands[args.command](args, settings, clock)


def _sync(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from worker.core.today.todo import compute_todo

    if args.out and not args.csv:
        raise ConfigError("--out only goes with --csv.")
    if args.since_last and (args.csv or args.dry_run):
        raise ConfigError("--since-last looks at the list in Notion and writes: not with --csv or --dry-run.")
    today = args.today or today_in(settings)
    result = _sync_csv(args, settings, today, clock) if args.csv else _sync_notion(args, settings, today, clock)
    todo = compute_todo(result.outcome, today)
    if args.json:
        emit(sync_json(result, todo, settings.names, _outlook(result, settings, today)))
    elif args.quiet:
        printed.failures(result.report)
    else:
        if args.dry_run:
            printed.plan(result.outcome, settings.names)
        printed.summary(result.report, todo, result.today_page, _outlook(result, settings, today))
    if not (args.quiet or args.csv or args.dry_run):
        _hint_today_page(settings, result)
    return exit_code(result.report.outcome)


def _outlook(result: SyncResult, settings: Settings, today: date) -> Outlook:
    """The day-off line, the days ahead and Running low, for under the to-do."""
    from worker.core.today.figures import compute_outlook

    rules = settings.rules
    return compute_outlook(result.outcome, rules.target_companies, today, days_off=rules.days_off,
                           plan_per_day=rules.plan_per_day)


def _sync_csv(args: argparse.Namespace, settings: Settings, today: date, clock: Clock) -> SyncResult:
    from worker.runs.sync import sync_csv

    stop = threading.Event()  # SIGTERM or Ctrl-C mid-file: the partial output is removed, exit 1
    with stop_on_signals(stop), _pointing_linkedin_to_import(args.csv):
        return sync_csv(settings, _export(args.csv), today=today, out=args.out, dry_run=args.dry_run, stop=stop,
                        clock=clock)


def _sync_notion(args: argparse.Namespace, settings: Settings, today: date, clock: Clock) -> SyncResult:
    from worker.runs.heartbeat import record_failure, record_sync
    from worker.runs.live.look import look_notion
    from worker.runs.locking import DEFAULT_LOCK_WAIT_SECONDS
    from worker.runs.sync import sync_notion

    settings.require_token()  # asked for in the order of set-up, before the state folder is made
    settings.require_database()
    stop = threading.Event()  # SIGTERM (a CronJob's deadline) or Ctrl-C: finish the write in flight, then stop
    with stop_on_signals(stop):  # the sync takes the list's lock once Notion has resolved its id
        try:
            with printed.write_progress(enabled=not (args.json or args.quiet)) as progress:
                if args.since_last:
                    result = look_notion(settings, today=today, stop=stop, progress=progress, clock=clock,
                                         command="sync --since-last", lock_wait_seconds=DEFAULT_LOCK_WAIT_SECONDS)
                else:
                    result = sync_notion(settings, today=today, dry_run=args.dry_run, stop=stop, progress=progress,
                                         clock=clock)
        except ConfigError:
            raise  # a setting to fix (the list, the token, the state folder itself): no sync ran to record
        except Exception as error:
            if not args.dry_run:  # `health` judges every sync that writes, whoever started it
                record_failure(settings, str(error) or type(error).__name__)
            raise
    if not args.dry_run:
        record_sync(settings, result.report)
    return result


def _hint_today_page(settings: Settings, result: SyncResult) -> None:
    """Once per list and state folder: how to get the Today page, when there is none."""
    from worker.core.today.advice import HOW_TO_ADD
    from worker.runs.sync.publish import owes_today_page_hint

    if owes_today_page_hint(settings, result.today_page):
        print(f"note: {HOW_TO_ADD}", file=sys.stderr)


def _today(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    """Read the list, compute, print today's whole to-do; nothing is written anywhere."""
    from worker.runs.sync import sync_csv, sync_notion
    from worker.core.today.todo import compute_todo

    today = args.today or today_in(settings)
    if args.csv:
        with _pointing_linkedin_to_import(args.csv):
            result = sync_csv(settings, _export(args.csv), today=today, dry_run=True, clock=clock)
    else:
        result = sync_notion(settings, today=today, dry_run=True, clock=clock)
    todo = compute_todo(result.outcome, today)
    if args.json:
        emit(today_json(result, todo, _outlook(result, settings, today)))
    elif not args.quiet:
        printed.todo_list(todo, today, outlook=_outlook(result, settings, today), drafts=args.drafts)
        if result.report.warnings:
            print(f"{len(result.report.warnings)} rows have warnings; `outreach-worker sync --dry-run` lists them.",
                  file=sys.stderr)
    return EXIT_OK


def _export(path: Path) -> Path:
    try:
        path.stat()
    except FileNotFoundError:
        raise ConfigError(f"{path} does not exist. Export your Outreach List from Notion as CSV first.") from None
    except OSError as error:  # a folder that may not be entered refuses even the question
        raise ConfigError(f"{path} cannot be read ({error.strerror}).") from None
    return path


@contextlib.contextmanager
def _pointing_linkedin_to_import(export: Path) -> Iterator[None]:
    """An export refused because it is LinkedIn's connections file: say which command takes it."""
    from worker.files.export import CsvExportError

    try:
        yield
    except CsvExportError:
        if _is_linkedin_export(export):
            raise ConfigError(f"{export} is LinkedIn's connections export, not a Notion export of your list: add "
                              f'those people to the list with `outreach-worker import linkedin "{export}"`.') from None
        raise


def _is_linkedin_export(path: Path) -> bool:
    from worker.files.linkedin.connections import looks_like_linkedin_export
    from worker.files.textfile import NotUtf8, read_utf8

    try:
        return looks_like_linkedin_export(read_utf8(path))
    except (OSError, NotUtf8):
        return False


def _import(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from worker.cli import printed_import
    from worker.runs.importing.apply import fetch_connections, resolve_closeness, run_import

    closeness = resolve_closeness(args.closeness, settings.rules)
    parsed = fetch_connections(args.export)  # a wrong file is refused before Notion is asked anything
    stop = threading.Event()
    with stop_on_signals(stop):  # the import takes the list's lock once Notion has resolved its id
        with printed.write_progress(enabled=not (args.json or args.quiet)) as progress:
            result = run_import(settings, parsed, source_name=str(args.export), closeness=closeness,
                                dry_run=args.dry_run, stop=stop, progress=progress, clock=clock)
    if args.json:
        from worker.core.today.warnings import describe_warning

        emit(result.report.as_json(describe_warning))
    elif args.quiet:
        printed_import.failures(result.report)
    else:
        printed_import.listing(result.report)
        printed_import.summary(result.report)
    return exit_code(result.report.outcome)


def _run(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from worker.runs.scheduler import run_scheduler

    return run_scheduler(settings, today=args.today, clock=clock)


def _serve(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from worker.runs.live.serve import serve_webhooks

    return serve_webhooks(settings, port=args.port, clock=clock, today=args.today)


def _health(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    from worker.runs.scheduler import fetch_health

    verdict = fetch_health(settings)
    if args.json:
        emit({"healthy": verdict.healthy, "reason": verdict.reason})
    elif verdict.healthy is False or not args.quiet:
        print(verdict.reason, flush=True)
    return EXIT_OK if verdict.healthy else EXIT_ROWS_FAILED  # SPEC §5: health exits 0 or 1


def _doctor(args: argparse.Namespace, settings: Settings, clock: Clock) -> int:
    """check and init: their findings are their output (stdout); --json prints the facts instead,
    with the findings beside it on stderr; -q shows only warnings."""
    from worker.cli.printed_doctor import renderer
    from worker.cli.report_json import doctor_json

    note = renderer(json=args.json, quiet=args.quiet)
    if args.command == "check":
        from worker.runs.doctor.check import run_check

        result = run_check(settings, fix=args.fix, note=note)
    else:
        from worker.runs.doctor.init import run_init

        result = run_init(settings, parent_page=args.parent_page, title=args.title, note=note)
    if args.json:
        emit(doctor_json(result))
    return exit_code(result.outcome)


def today_in(settings: Settings) -> date:
    """Today in the configured time zone; taken once per run."""
    return datetime.now(settings.timezone).date()
