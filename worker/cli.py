"""The command line: parse, run, print for people or machines, map errors to exit codes.

This is the only module that formats errors for a person. Data goes to stdout, talk to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import logging
import os
import sys
import threading
import traceback
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from worker.notion.errors import (
    AccessDenied,
    CannotUpdate,
    Interrupted,
    NotionError,
    RequestRejected,
    RetryLater,
    SchemaError,
    TokenRejected,
    UnreadableAnswer,
)
from worker.locking import LockWaitStopped, SyncBusy
from worker.models import SyncReport
from worker.importing.linkedin import ImportFileError
from worker.offline import CsvExportError, CsvWriteStopped
from worker.settings import ConfigError, Settings, ensure_user_config, load_settings, unread_legacy_config
from worker import report as printed
from worker import schema_advice
from worker.report_json import emit, error_json
from worker.schema_advice import CAPABILITY_FIX

if TYPE_CHECKING:
    from worker.importing.report import ImportReport
    from worker.publish import PageRefresh
    from worker.sync import SyncResult

# SPEC §5: the one table of exit codes.
EXIT_OK = 0
EXIT_ROWS_FAILED = 1
EXIT_CONFIG = 2
EXIT_REFUSED = 3
EXIT_UNREACHABLE = 4
EXIT_BUG = 70  # a bug in the worker itself (sysexits' EX_SOFTWARE): the traceback says where

log = logging.getLogger("worker.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outreach-worker",
        description="Suggests the next ask, intro path and follow-up date for every person in your Notion Outreach List.",
        epilog="Exit codes: 0 all written, 1 some rows failed, 2 configuration or schema error, "
        "3 Notion refused the token or the database, 4 Notion unreachable, 70 a bug in the worker.",
    )
    _add_common_options(parser, defaults=True)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sync = _command(commands, "sync", "one run: pull, compute, write back the changed worker fields only, refresh "
                    "the Today page")
    sync.add_argument("--dry-run", action="store_true", help="write nothing; print what would change")
    sync.add_argument("--today", type=_iso_date, metavar="DATE", help="compute as of this date, YYYY-MM-DD "
                      "(reproducible runs)")
    sync.add_argument("--csv", type=Path, metavar="EXPORT.csv", help="offline: read a Notion CSV export instead of Notion")
    sync.add_argument("--out", type=Path, metavar="FILE.csv", help="with --csv: where to write (default: "
                      "'<name> with suggestions.csv' beside it)")

    today = _command(commands, "today", "the whole to-do list for today, ranked, from the list as it is now; "
                     "writes nothing")
    today.add_argument("--today", type=_iso_date, metavar="DATE", help="as of this date, YYYY-MM-DD")
    today.add_argument("--csv", type=Path, metavar="EXPORT.csv", help="offline: read a Notion CSV export instead of Notion")

    importing = _command(commands, "import", "add people to the list from an export of another service")
    sources = importing.add_subparsers(dest="source", required=True, metavar="SOURCE")
    linkedin = _command(sources, "linkedin", "add your LinkedIn connections (Connections.csv) that are not in "
                        "the list yet")
    linkedin.add_argument("export", type=Path, metavar="Connections.csv", help="the file from LinkedIn's data export")
    linkedin.add_argument("--dry-run", action="store_true", help="create nothing; list who would be added")
    linkedin.add_argument("--closeness", metavar="LEVEL", help="the Closeness of the people added (default "
                          "Acquaintance)")

    run = _command(commands, "run", "the scheduler: a sync at start, then on SYNC_SCHEDULE, until SIGTERM or Ctrl-C")
    run.add_argument("--today", type=_iso_date, help=argparse.SUPPRESS)

    health = _command(commands, "health", "exit 0 if the last successful sync is recent enough for SYNC_SCHEDULE, 1 otherwise")

    check = _command(commands, "check", "token, database access and schema, a line per property, and the Today page")
    check.add_argument("--fix", action="store_true",
                       help="add every missing column (never a twin of one you have) and the Today page")

    init = _command(commands, "init", "create a new Outreach List database, its views and its Today page under a page")
    init.add_argument("--parent-page", required=True, metavar="PAGE", help="id or URL of a page shared with the integration")
    init.add_argument("--title", default="Outreach List", help="the new database's title (default: Outreach List)")
    for command in (sync, today, importing, linkedin, run, health, check, init):
        _add_common_options(command, defaults=False)  # the same options after the command too, listed last
    return parser


def _command(commands: argparse._SubParsersAction, name: str, summary: str) -> argparse.ArgumentParser:
    """A subcommand whose --help starts with the same line the command list shows."""
    return commands.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".")


def _add_common_options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    """--config, -v, -q and --json, before the command or (defaults=False: not clobbering those) after it."""
    default = (lambda value: value) if defaults else (lambda value: argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, metavar="FILE", default=default(None),
                        help="rules and column-name file (default: OUTREACH_CONFIG, else "
                        "~/.config/outreach-worker/outreach.toml)")
    parser.add_argument("-v", "--verbose", action="count", default=default(0),
                        help="a line per request and per written row (-vv for debug)")
    parser.add_argument("-q", "--quiet", action="store_true", default=default(False), help="print errors only")
    parser.add_argument("--json", action="store_true", default=default(False),
                        help="one machine-readable JSON object on stdout; talk stays on stderr")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-26") from None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
        from worker.logs import setup_logging

        secret = settings.token.get_secret_value() if settings.token else None
        log_format = "json" if args.json and args.command == "run" else settings.log_format  # run's data is its log
        setup_logging(-1 if args.quiet else args.verbose, log_format, secret)
        settings = _own_config_file(settings, quiet=args.quiet)
        return _dispatch(args, settings)
    except (Exception, KeyboardInterrupt) as error:
        failure = explain(error)
        if failure is None:
            return _bug(error, args)
        code, message = failure
        if isinstance(error, SchemaError):
            problems = schema_advice.problem_lines(error)
            printed.schema_error(error)
        else:
            problems = getattr(error, "problems", None) or []  # an export that cannot be trusted: a line per column
            if problems:
                printed.error_lines(f"{message} Nothing was written.", problems)
            else:
                printed.error(message)
        if args.json:  # a machine reading stdout gets an answer too
            emit(error_json(message, code, problems))
        return code


def _own_config_file(settings: Settings, quiet: bool) -> Settings:
    """On first need (no config file in use yet), make the user's own; say where, once."""
    settings, created = ensure_user_config(settings)
    if created and not quiet:
        print(f"Created your config file {created}: your target companies, rules and column names go "
              "there (every default is in it, commented out).", file=sys.stderr)
    legacy = unread_legacy_config(settings)
    if legacy is not None:
        log.warning("%s in this folder is not read any more (it holds the defaults only). Move your changes "
                    "to %s, or set OUTREACH_CONFIG=%s.", legacy, settings.config_file, legacy)
    return settings


def _bug(error: BaseException, args: argparse.Namespace) -> int:
    """Not Notion, not the list: a bug in the worker. Its traceback, one sentence, exit 70."""
    traceback.print_exception(error, file=sys.stderr)
    message = (f"outreach-worker hit a bug ({type(error).__name__}: {error}). Nothing about your list or "
               "Notion caused it; please report it with the traceback above.")
    printed.error(message)
    if args.json:
        emit(error_json(message, EXIT_BUG))
    return EXIT_BUG


def explain(error: BaseException) -> tuple[int, str] | None:
    """The documented exit code and one clear sentence for a failure, or None for a bug."""
    if isinstance(error, SchemaError):
        return EXIT_CONFIG, schema_advice.headline(error)
    if isinstance(error, (ConfigError, CsvExportError, ImportFileError)):
        return EXIT_CONFIG, str(error)
    if isinstance(error, CsvWriteStopped):
        return EXIT_ROWS_FAILED, str(error)
    if isinstance(error, TokenRejected):
        return EXIT_REFUSED, f"Notion refused the token: {error}. Check NOTION_TOKEN (the integration's secret)."
    if isinstance(error, CannotUpdate):
        return EXIT_REFUSED, (
            f"Notion refused to let the integration change the Outreach List: {error}. {_written_before(error)} "
            f"{CAPABILITY_FIX}, then run the sync again."
        )
    if isinstance(error, RetryLater):
        today = datetime.now(error.retry_at.tzinfo).date()  # in the configured time zone, as retry_at is
        at = error.retry_at.strftime("%H:%M" if error.retry_at.date() == today else "%H:%M on %d %b")
        return EXIT_UNREACHABLE, (
            f"Notion asked to wait {error.wait_seconds:.0f} s; run again after {at}. {_written_before(error)}"
        )
    if isinstance(error, UnreadableAnswer):
        return EXIT_UNREACHABLE, f"Notion's answer could not be read: {error}. Nothing was written; the next run tries again."
    if isinstance(error, AccessDenied):
        return EXIT_REFUSED, (
            f"Notion refused access to the Outreach List: {error}. Share the database with your "
            "integration (••• menu → Connections) and check OUTREACH_DATABASE_ID."
        )
    if isinstance(error, RequestRejected):
        return EXIT_CONFIG, (
            f"Notion refused a request: {error}. Nothing was written; `outreach-worker check` shows "
            "whether the list still matches the template."
        )
    if isinstance(error, NotionError):
        return EXIT_UNREACHABLE, f"Notion could not be reached: {error}. Nothing was written; the next run tries again."
    if isinstance(error, (Interrupted, LockWaitStopped, KeyboardInterrupt)):
        return EXIT_ROWS_FAILED, "Stopped before finishing; rows not yet written will be written by the next run."
    if isinstance(error, SyncBusy):
        return EXIT_ROWS_FAILED, str(error)
    return None


def _written_before(error: NotionError) -> str:
    if not error.rows_written:
        return "Nothing was written."
    rows = "row was" if error.rows_written == 1 else "rows were"
    return f"{error.rows_written} {rows} written before; the rest are written by the next run."


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "sync":
        return _sync(args, settings)
    if args.command == "today":
        return _today(args, settings)
    if args.command == "run":
        from worker.scheduler import run_scheduler

        return run_scheduler(settings, today=args.today)
    if args.command == "health":
        return _health(args, settings)
    if args.command == "import":
        return _import(args, settings)
    from worker import doctor

    with _findings_to(args):
        if args.command == "check":
            result = doctor.run_check(settings, fix=args.fix)
        else:
            result = doctor.run_init(settings, parent_page=args.parent_page, title=args.title)
    if args.json:
        emit(result.facts)
    return result.code


@contextlib.contextmanager
def _findings_to(args: argparse.Namespace) -> Iterator[None]:
    """check and init print their findings on stdout; with --json they go to stderr, with -q nowhere."""
    if not (args.json or args.quiet):
        yield
        return
    with contextlib.ExitStack() as stack:
        target = sys.stderr if not args.quiet else stack.enter_context(open(os.devnull, "w", encoding="utf-8"))
        stack.enter_context(contextlib.redirect_stdout(target))
        yield


def _health(args: argparse.Namespace, settings: Settings) -> int:
    from worker.scheduler import fetch_health

    verdict = fetch_health(settings)
    if args.json:
        emit({"healthy": verdict.healthy, "reason": verdict.reason})
    elif verdict.healthy is False or not args.quiet:
        print(verdict.reason, flush=True)
    return EXIT_OK if verdict.healthy else EXIT_ROWS_FAILED


def _sync(args: argparse.Namespace, settings: Settings) -> int:
    from worker.sync import sync_csv
    from worker.today.todo import compute_todo

    today = args.today or today_in(settings)
    if args.out and not args.csv:
        raise ConfigError("--out only goes with --csv.")
    if args.csv:
        from worker.stopping import stop_on_signals

        stop = threading.Event()
        with stop_on_signals(stop):  # SIGTERM or Ctrl-C mid-file: the partial output is removed, exit 1
            result = sync_csv(settings, _export(args.csv), today=today, out=args.out, dry_run=args.dry_run, stop=stop)
    else:
        result = _sync_notion(args, settings, today)
    todo = compute_todo(result.outcome, today)
    if args.json:
        from worker.report_json import sync_json

        emit(sync_json(result, todo, settings.names))
    elif args.quiet:
        printed.failures(result.report)
    else:
        if args.dry_run:
            printed.plan(result.outcome, settings.names)
        printed.summary(result.report, todo, result.today_page)
    if not (args.quiet or args.csv or args.dry_run):
        _hint_today_page(settings, result.today_page)
    return exit_code(result.report)


def _sync_notion(args: argparse.Namespace, settings: Settings, today: date) -> SyncResult:
    from worker.heartbeat import record_failure, record_sync
    from worker.stopping import stop_on_signals
    from worker.sync import sync_notion

    settings.require_token()  # a setting missing is exit 2 before anything runs, not a sync that failed
    settings.require_database()
    stop = threading.Event()  # SIGTERM (a CronJob's deadline) or Ctrl-C: finish the write in flight, then stop
    with stop_on_signals(stop):  # the sync takes the list's lock once Notion has resolved its id
        try:
            with printed.write_progress(enabled=not (args.json or args.quiet)) as progress:
                result = sync_notion(settings, today=today, dry_run=args.dry_run, stop=stop, progress=progress)
        except Exception as error:
            if not args.dry_run:  # `health` judges every sync that writes, whoever started it
                record_failure(settings, str(error) or type(error).__name__)
            raise
    if not args.dry_run:
        record_sync(settings, result.report)
    return result


def _hint_today_page(settings: Settings, page: PageRefresh | None) -> None:
    """Once per list and state folder: how to get the Today page, when there is none."""
    from worker.heartbeat import first_notice
    from worker.publish import HOW_TO_ADD, TODAY_PAGE_HINT

    if page is None and settings.today_page_id is None and first_notice(settings, TODAY_PAGE_HINT):
        print(f"note: {HOW_TO_ADD}", file=sys.stderr)


def _today(args: argparse.Namespace, settings: Settings) -> int:
    """Read the list, compute, print today's whole to-do; nothing is written anywhere."""
    from worker.report_json import today_json
    from worker.sync import sync_csv, sync_notion
    from worker.today.todo import compute_todo

    today = args.today or today_in(settings)
    if args.csv:
        result = sync_csv(settings, _export(args.csv), today=today, dry_run=True)
    else:
        result = sync_notion(settings, today=today, dry_run=True)
    todo = compute_todo(result.outcome, today)
    if args.json:
        emit(today_json(result, todo))
    elif not args.quiet:
        printed.todo_list(todo, today)
        if result.report.warnings:
            print(f"{len(result.report.warnings)} rows have warnings; `outreach-worker sync --dry-run` lists them.",
                  file=sys.stderr)
    return EXIT_OK


def _export(path: Path) -> Path:
    if not path.exists():
        raise ConfigError(f"{path} does not exist. Export your Outreach List from Notion as CSV first.")
    return path


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from worker.importing import printed as import_printed
    from worker.importing.apply import fetch_connections, resolve_closeness, run_import
    from worker.stopping import stop_on_signals

    closeness = resolve_closeness(args.closeness, settings.rules)
    parsed = fetch_connections(args.export)  # a wrong file is refused before Notion is asked anything
    stop = threading.Event()
    with stop_on_signals(stop):  # the import takes the list's lock once Notion has resolved its id
        with printed.write_progress(enabled=not (args.json or args.quiet)) as progress:
            result = run_import(settings, parsed, source_name=str(args.export), closeness=closeness,
                                dry_run=args.dry_run, stop=stop, progress=progress)
    if args.json:
        emit(result.report.as_json())
    elif args.quiet:
        import_printed.failures(result.report)
    else:
        import_printed.listing(result.report)
        import_printed.summary(result.report)
    return exit_code(result.report)


def exit_code(report: SyncReport | ImportReport) -> int:
    """The documented exit code of a finished sync or import."""
    return {"ok": EXIT_OK, "partial": EXIT_ROWS_FAILED, "unreachable": EXIT_UNREACHABLE}[report.outcome]


def today_in(settings: Settings) -> date:
    """Today in the configured time zone; taken once per run."""
    return datetime.now(settings.timezone).date()
