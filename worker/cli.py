"""The command line: parse, run, print for people or machines, map errors to exit codes.

This is the only module that formats errors for a person. Data goes to stdout, talk to stderr.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import sys
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

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
from worker.offline import CsvExportError, CsvWriteStopped
from worker.settings import ConfigError, Settings, load_settings
from worker import report as printed
from worker import schema_advice
from worker.schema_advice import CAPABILITY_FIX

EXIT_OK = 0
EXIT_ROWS_FAILED = 1
EXIT_CONFIG = 2
EXIT_REFUSED = 3
EXIT_UNREACHABLE = 4

log = logging.getLogger("worker.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outreach-worker",
        description="Suggests the next ask, intro path and follow-up date for every person in your Notion Outreach List.",
        epilog="Exit codes: 0 all written, 1 some rows failed, 2 configuration or schema error, "
        "3 Notion refused the token or the database, 4 Notion unreachable.",
    )
    _add_common_options(parser, defaults=True)
    # The same options after the command too (`outreach-worker sync -v`), without clobbering them.
    common = argparse.ArgumentParser(add_help=False)
    _add_common_options(common, defaults=False)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add = functools.partial(commands.add_parser, parents=[common])

    sync = add("sync", help="one run: pull, compute, write back the changed worker fields only")
    sync.add_argument("--dry-run", action="store_true", help="write nothing; print what would change")
    sync.add_argument("--today", type=_iso_date, help="compute as of this date, YYYY-MM-DD (reproducible runs)")
    sync.add_argument("--json", action="store_true", help="print a machine-readable report on stdout")
    sync.add_argument("--csv", type=Path, metavar="EXPORT.csv", help="offline: read a Notion CSV export instead of Notion")
    sync.add_argument("--out", type=Path, metavar="FILE.csv", help="with --csv: where to write (default: '<name> with suggestions.csv' beside it)")

    run = add("run", help="the scheduler: a sync at start, then on SYNC_SCHEDULE")
    run.add_argument("--today", type=_iso_date, help=argparse.SUPPRESS)

    add("health", help="exit 0 if the last successful sync is recent enough, 1 otherwise")

    check = add("check", help="token, database access and schema, a line per property")
    check.add_argument("--fix", action="store_true", help="add missing worker-owned properties")

    init = add("init", help="create a new Outreach List database under a page")
    init.add_argument("--parent-page", required=True, metavar="PAGE", help="id or URL of a page shared with the integration")
    init.add_argument("--title", default="Outreach List", help="the new database's title")
    return parser


def _add_common_options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    default = (lambda value: value) if defaults else (lambda value: argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, default=default(None),
                        help="rules and property-name file (default: OUTREACH_CONFIG or config/outreach.toml)")
    parser.add_argument("-v", "--verbose", action="count", default=default(0), help="more log output (-vv for debug)")
    parser.add_argument("-q", "--quiet", action="store_true", default=default(False), help="only errors")


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
        setup_logging(-1 if args.quiet else args.verbose, settings.log_format, secret)
        return _dispatch(args, settings)
    except (Exception, KeyboardInterrupt) as error:
        failure = explain(error)
        if failure is None:
            raise  # a bug: let the traceback show it
        code, message = failure
        if isinstance(error, SchemaError):
            printed.schema_error(error)
        else:
            printed.error(message)
        if getattr(args, "json", False):  # a machine reading stdout gets an answer too
            problems = printed.schema_problems(error) if isinstance(error, SchemaError) else []
            json.dump({"error": message, "problems": problems, "exit_code": code}, sys.stdout, indent=2)
            sys.stdout.write("\n")
        return code


def explain(error: BaseException) -> tuple[int, str] | None:
    """The documented exit code and one clear sentence for a failure, or None for a bug."""
    if isinstance(error, SchemaError):
        return EXIT_CONFIG, schema_advice.headline(error)
    if isinstance(error, (ConfigError, CsvExportError)):
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
    if args.command == "run":
        from worker.scheduler import run_scheduler

        return run_scheduler(settings, today=args.today)
    if args.command == "health":
        from worker.scheduler import check_health

        return check_health(settings)
    if args.command == "check":
        from worker.doctor import run_check

        return run_check(settings, fix=args.fix)
    from worker.doctor import run_init

    return run_init(settings, parent_page=args.parent_page, title=args.title)


def _sync(args: argparse.Namespace, settings: Settings) -> int:
    from worker.sync import sync_csv, sync_notion

    today = args.today or today_in(settings)
    if args.out and not args.csv:
        raise ConfigError("--out only goes with --csv.")
    from worker.stopping import stop_on_signals

    stop = threading.Event()  # SIGTERM (a CronJob's deadline) or Ctrl-C: finish the write in flight, then stop
    if args.csv:
        if not args.csv.exists():
            raise ConfigError(f"{args.csv} does not exist. Export your Outreach List from Notion as CSV first.")
        with stop_on_signals(stop):  # a stop mid-file removes the partial output
            result = sync_csv(settings, args.csv, today=today, out=args.out, dry_run=args.dry_run, stop=stop)
    else:
        with stop_on_signals(stop):  # the sync takes the list's lock once Notion has resolved its id
            with printed.write_progress(enabled=not args.json) as progress:
                result = sync_notion(settings, today=today, dry_run=args.dry_run, stop=stop, progress=progress)
    if args.json:
        json.dump(result.report.as_json(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        if args.dry_run:
            printed.plan(result.outcome, settings.names)
        printed.summary(result.report, result.outcome)
    return exit_code(result.report)


def exit_code(report: SyncReport) -> int:
    """The documented exit code of a finished sync."""
    return {"ok": EXIT_OK, "partial": EXIT_ROWS_FAILED, "unreachable": EXIT_UNREACHABLE}[report.outcome]


def today_in(settings: Settings) -> date:
    """Today in the configured time zone; taken once per run."""
    return datetime.now(settings.timezone).date()
