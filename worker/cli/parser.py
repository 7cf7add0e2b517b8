"""The commands, their options and their help: what `outreach-worker --help` and each command's --help say."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from worker.cli.exits import MEANINGS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="outreach-worker",
        description="Suggests the next ask, intro path and follow-up date for every person in your Notion Outreach List.",
        epilog="Exit codes: " + ", ".join(f"{code} {meaning}" for code, meaning in MEANINGS.items()) + ".",
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
    sync.add_argument("--since-last", action="store_true", help="one look: only the rows edited since the last "
                      "look or sync (a full sync when there is no snapshot of the list yet)")

    today = _command(commands, "today", "the whole to-do list for today, ranked, from the list as it is now; "
                     "writes nothing")
    today.add_argument("--today", type=_iso_date, metavar="DATE", help="as of this date, YYYY-MM-DD")
    today.add_argument("--csv", type=Path, metavar="EXPORT.csv", help="offline: read a Notion CSV export instead of Notion")
    today.add_argument("--drafts", action="store_true", help="print each line's Draft under it")

    importing = _command(commands, "import", "add people to the list from an export of another service")
    sources = importing.add_subparsers(dest="source", required=True, metavar="SOURCE")
    linkedin = _command(sources, "linkedin", "add your LinkedIn connections (Connections.csv) that are not in "
                        "the list yet")
    linkedin.add_argument("export", type=Path, metavar="Connections.csv", help="the file from LinkedIn's data export")
    linkedin.add_argument("--dry-run", action="store_true", help="create nothing; list who would be added")
    linkedin.add_argument("--closeness", metavar="LEVEL", help="the Closeness of the people added (default "
                          "Cold: a connection is not yet a relationship; raise the people you know in Notion)")

    run = _command(commands, "run", "the scheduler: a sync at start, then on SYNC_SCHEDULE, until SIGTERM or Ctrl-C")
    run.add_argument("--today", type=_iso_date, help=argparse.SUPPRESS)

    serve = _command(commands, "serve", "receive Notion's webhooks (behind your HTTPS proxy) and look at the "
                     "list within seconds of an edit")
    serve.add_argument("--port", type=int, default=8080, help="the port to listen on (default 8080)")
    serve.add_argument("--today", type=_iso_date, help=argparse.SUPPRESS)

    health = _command(commands, "health", "exit 0 if the last successful sync is recent enough for SYNC_SCHEDULE, 1 otherwise")

    check = _command(commands, "check", "token, database access and schema, a line per property, and the Today page")
    check.add_argument("--fix", action="store_true",
                       help="add every missing column (never a twin of one you have) and the Today page")

    init = _command(commands, "init", "create a new Outreach List database, its views and its Today page under a page")
    init.add_argument("--parent-page", required=True, metavar="PAGE", help="id or URL of a page shared with the integration")
    init.add_argument("--title", default="Outreach List", help="the new database's title (default: Outreach List)")
    for command in (sync, today, importing, linkedin, run, serve, health, check, init):
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
