"""The command line: parse, run a command, print for people or machines, map failures to exit codes.

The only place that words a failure for a person. Data goes to stdout, talk to stderr.
parser.py holds the commands and options, exits.py a sentence per failure (which failure it is, and
its exit code, is worker.runs.failures.classify's to say), commands.py runs each command; printed.py,
printed_import.py and printed_doctor.py are what a person reads, report_json.py what --json prints,
logs.py what -v and -q show. Sentences the Today page and the run log say too live with the Today
page renderer (worker/core/today/advice.py, warnings.py).
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from typing import Sequence

from worker.cli import printed
from worker.cli.commands import run_command
from worker.cli.exits import EXIT_BUG, explain, problem_lines
from worker.cli.parser import build_parser
from worker.cli.report_json import emit, error_json
from worker.runs.clock import SYSTEM_CLOCK, Clock
from worker.settings import Settings, ensure_user_config, load_settings, unread_legacy_config

log = logging.getLogger("worker.cli")


def main(argv: Sequence[str] | None = None, clock: Clock = SYSTEM_CLOCK) -> int:
    """`outreach-worker ARGS`: run one command; its documented exit code. `clock`: what the run reads
    the time from (tests give a fake one)."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
        from worker.cli.logs import setup_logging

        secret = settings.token.get_secret_value() if settings.token else None
        log_format = "json" if args.json and args.command in ("run", "serve") else settings.log_format  # run's data is its log
        setup_logging(-1 if args.quiet else args.verbose, log_format, secret)
        settings = _own_config_file(settings, quiet=args.quiet)
        return run_command(args, settings, clock)
    except (Exception, KeyboardInterrupt) as error:
        return _failed(error, args)


def _failed(error: BaseException, args: argparse.Namespace) -> int:
    """A command that stopped: its sentence (and a line per thing to fix) on stderr; its exit code."""
    failure = explain(error)
    if failure is None:
        return _bug(error, args)
    code, message = failure
    problems = problem_lines(error)
    printed.error_lines(message, problems)
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
