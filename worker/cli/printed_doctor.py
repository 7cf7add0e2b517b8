"""What check and init found, as a person reads it: a renderer per finding code (see runs/doctor/findings.py).

Findings are the commands' output (stdout); with --json they are talk (stderr) beside the JSON, and
with -q they are not shown. Warnings (a view or a Today page init could not make) go to stderr always.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Mapping

from worker.core.codes import PageState
from worker.core.lookalike import mapping_line
from worker.core.property_check import PropertyCheck
from worker.core.columns import SELF_RELATIONS, USER_KEYS, WORKER_KEYS
from worker.core.today.advice import (
    TEMPLATE_NAMES,
    capability_fix,
    column_type_words,
    describe_check,
    page_message,
    problem_names,
    quoted,
    type_words,
)
from worker.runs.doctor.findings import Finding, FindingCode
from worker.runs.doctor.mappings import Lookalike, addable_keys

Say = Callable[[str], None]
Facts = Mapping[str, Any]
_LABEL_WIDTH = max(len(getattr(TEMPLATE_NAMES, key)) for key in USER_KEYS + WORKER_KEYS)


def renderer(json: bool, quiet: bool) -> Callable[[Finding], None]:
    """The note the doctor hands its findings to: shown on stdout, on stderr beside --json, or not at all (-q)."""
    def nowhere(line: str) -> None:
        return None

    def stdout(line: str) -> None:
        print(line, flush=True)

    def stderr(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    say = nowhere if quiet else stderr if json else stdout

    def show(finding: Finding) -> None:
        _RENDER[finding.code](finding.facts, say, stderr)

    return show


def _token(facts: Facts, say: Say, warn: Say) -> None:
    say(token_line(facts))


def token_line(facts: Facts) -> str:
    where = f' in workspace "{facts["workspace"]}"' if facts["workspace"] else ""
    return f'Token: ok (integration "{facts["name"]}"{where}).'


def _database(facts: Facts, say: Say, warn: Say) -> None:
    source = facts["source"]
    say(f'Database: "{source.title}" <{source.url}> is shared with the integration.')


def _drafts(facts: Facts, say: Say, warn: Say) -> None:
    say(drafts_line(facts))


def drafts_line(facts: Facts) -> str:
    """Whether the worker writes drafts, and how to turn them on when it does not (SPEC §9)."""
    name, config_file = facts["name"], facts["config_file"]
    if not name:
        return (f"Drafts: off, because [me] has no name. Under [me] in {config_file}, set "
                'name = "Your Name" and pitch = "a backend engineer with six years on payments" (the line after '
                '"I\'m"); the next sync writes a Draft for every row with a next step.')
    if not facts["pitch"]:
        return f'Drafts: on, signed {name}. Add pitch = "..." under [me] in {config_file}.'
    return f"Drafts: on, signed {name}."


def _updates(facts: Facts, say: Say, warn: Say) -> None:
    if facts["allowed"]:
        say("Updates: ok (the integration may change the list).")
    else:
        say(f"Updates: refused ({facts['refused']}): every write of a sync would fail. "
            f"{capability_fix('Update content')}, then run `outreach-worker check` again.")


def _checks(facts: Facts, say: Say, warn: Say) -> None:
    """A line per expected property, user-owned first: `  Label   verdict[: what to do]`, and under
    a missing one, the column that looks like it."""
    if facts["after_fix"]:
        say("The list now:")
    groups = (
        ("Your columns (the worker reads them, never writes them):", USER_KEYS),
        ("Worker columns (the worker writes them):", WORKER_KEYS),
    )
    proposals, config_file = facts["proposals"], facts["config_file"]
    for heading, keys in groups:
        chosen = [check for check in facts["checks"] if check.key in keys]
        if chosen:
            say(heading)
        for check in chosen:
            label = getattr(TEMPLATE_NAMES, check.key)
            say(f"  {label:<{_LABEL_WIDTH}}  {describe_check(check, config_file)}")
            for line in proposal_lines(check.key, proposals.get(check.key, []), config_file):
                say(f"  {'':<{_LABEL_WIDTH}}  ↳ {line}")


def proposal_lines(key: str, found: list[Lookalike], config_file: str) -> list[str]:
    """What to do with the columns that look like missing column `key`: map it, or retype it then map it."""
    if not found:
        return []
    fitting = [lookalike for lookalike in found if lookalike.fits]
    if fitting:
        named = " or ".join(f'"{lookalike.column}"' for lookalike in fitting)
        return [f"{named} looks like it: map it with {_config_line(key, fitting[0].column)} (see below); "
                "--fix adds no twin."]
    first = found[0]
    if first.found == "relation" and key in SELF_RELATIONS:
        change = "is a relation to another database: point it at this list in Notion"
    else:
        change = f"is {type_words([first.found])}: change its type to {column_type_words(key)} in Notion"
    return [f'"{first.column}" looks like it but {change}, then map it with {_config_line(key, first.column)} '
            f"under [properties] in {config_file}; --fix adds no twin."]


def _config_line(key: str, column: str) -> str:
    return f"`{mapping_line(key, column)}`"


def _mapping_lines(proposals: dict[str, list[Lookalike]], config_file: str, say: Say) -> None:
    """The config lines that map each missing column to the column of the right type that looks like it."""
    fitting = {key: [lookalike for lookalike in found if lookalike.fits] for key, found in proposals.items()}
    lines = [mapping_line(key, found[0].column) for key, found in fitting.items() if found]
    if lines:
        say(f"To use the columns that look like missing ones, put {'this line' if len(lines) == 1 else 'these lines'} "
            f"under [properties] in {config_file}:")
        for line in lines:
            say(f"  {line}")


def _fix_nothing(facts: Facts, say: Say, warn: Say) -> None:
    say("\nFix: no column is missing" + (" that a column of yours could not stand for" if facts["lookalikes"] else "")
        + "; nothing to add.")


def _fix_adding(facts: Facts, say: Say, warn: Say) -> None:
    say(f"\nFix: adding {quoted(facts['names'])} to the list in one change.")


def _fix_yours_empty(facts: Facts, say: Say, warn: Say) -> None:
    names = facts["names"]
    one = len(names) == 1
    say(f"{quoted(names)} {'is' if one else 'are'} empty: fill {'it' if one else 'them'} in for each person in Notion.")


def _in_touch(facts: Facts, say: Say, warn: Say) -> None:
    name = facts["name"]
    if facts["state"] == "found":
        say(f'"{name}": has the In touch option.')
    elif facts["state"] == "added":
        say(f'Fix: added the "In touch" option to "{name}".')
    elif facts["kind"] == "status":
        say(f'"{name}" is a Notion status property without an "In touch" option, which Notion\'s API cannot add: '
            f'open the list, click the "{name}" column\'s name → Edit property → "+" beside a group (Complete fits), '
            'and add "In touch". Until then no row can say a conversation is done for now.')
    else:
        say(f'"{name}" has no "In touch" option: `outreach-worker check --fix` adds it (Notion adds it too the first '
            "time you type it into a row).")


def _today_page(facts: Facts, say: Say, warn: Say) -> None:
    state, message = facts["state"], page_message(facts["problem"], facts["detail"])
    if state is PageState.CREATED:
        say(f"Today page: ready beside the list: {facts['url']}")
        say("Put this line in .env (or your environment); the next sync fills the page:")
        say(f"OUTREACH_TODAY_PAGE={facts['page_id']}")
    elif state is PageState.NOT_SET_UP:
        say(f"Today page: {message}" if message else
            "Today page: not set up (optional). `outreach-worker check --fix` creates one beside the list.")
    else:
        say(f"Today page <{facts['url']}>: " + ("a sync can write it." if facts["usable"] else message))


def _verdict(facts: Facts, say: Say, warn: Say) -> None:
    """The closing line: all well, or the problems by name and what to run or write next."""
    checks: list[PropertyCheck] = facts["checks"]
    proposals, fixed, config_file = facts["proposals"], facts["fixed"], facts["config_file"]
    bad = [check for check in checks if not check.ok]
    addable = addable_keys(checks, proposals)
    if not bad:
        say(f"\nAll {len(checks)} properties match the template.")
        if addable and not fixed:
            say(f"`outreach-worker check --fix` adds the optional {_names(checks, addable)} if you want them.")
        _mapping_lines(proposals, config_file, say)
        return
    say(f"\n{len(bad)} problem{'s' if len(bad) > 1 else ''}: {problem_names(bad)}.")
    if addable and not fixed:
        kind = "an empty column" if len(addable) == 1 else "empty columns"
        say(f"Run `outreach-worker check --fix` to add {_names(checks, addable)} as {kind} of the right type.")
    _mapping_lines(proposals, config_file, say)
    if fixed:
        say("--fix only adds missing columns; it never renames, retypes or removes one. "
            "Fix the rest as described above, then run `outreach-worker check` again.")


def _names(checks: list[PropertyCheck], keys: tuple[str, ...]) -> str:
    return ", ".join(f'"{check.name}"' for check in checks if check.key in keys)


def _created(facts: Facts, say: Say, warn: Say) -> None:
    source = facts["source"]
    say(f'Created "{source.title}" with the whole template: {source.url}')


def _status_is_select(facts: Facts, say: Say, warn: Say) -> None:
    say(f'  "{facts["name"]}" is a select (Notion\'s API cannot set a status property\'s options); '
        "you may change it to a Status in Notion, the worker reads both.")


def _views(facts: Facts, say: Say, warn: Say) -> None:
    added, refused = facts["added"], facts["refused"]
    if added:
        say(f"Added the views {', '.join(added)}.")
    if refused:
        warn(f"warning: Notion did not add {'the other ' if added else 'the '}views ({refused}); the list works "
             "without them, and you can make them in Notion.")


def _relations_not_added(facts: Facts, say: Say, warn: Say) -> None:
    warn(f"Created {facts['url']} but could not add {quoted(facts['names'])} to it. Add them in Notion as "
         "relations to this same database, or delete it and run init again.")


def _today_page_not_made(facts: Facts, say: Say, warn: Say) -> None:
    warn(f"warning: the list is made, but its Today page could not be: {facts['detail']}. Run "
         "`outreach-worker check --fix` to try again.")


def _env_lines(facts: Facts, say: Say, warn: Say) -> None:
    page_id = facts["today_page_id"]
    if page_id:
        say(f"Created its Today page beside it: {facts['today_page_url']}")
    lines = "these lines" if page_id else "this line"
    say(f"Put {lines} in .env (or your environment), add people, then run `outreach-worker sync`:")
    say(f"OUTREACH_DATABASE_ID={facts['database_id']}")
    if page_id:
        say(f"OUTREACH_TODAY_PAGE={page_id}")


_RENDER: dict[FindingCode, Callable[[Facts, Say, Say], None]] = {
    FindingCode.TOKEN: _token,
    FindingCode.DATABASE: _database,
    FindingCode.DRAFTS: _drafts,
    FindingCode.UPDATES: _updates,
    FindingCode.CHECKS: _checks,
    FindingCode.FIX_NOTHING: _fix_nothing,
    FindingCode.FIX_ADDING: _fix_adding,
    FindingCode.FIX_YOURS_EMPTY: _fix_yours_empty,
    FindingCode.IN_TOUCH: _in_touch,
    FindingCode.TODAY_PAGE: _today_page,
    FindingCode.VERDICT: _verdict,
    FindingCode.CREATED: _created,
    FindingCode.STATUS_IS_SELECT: _status_is_select,
    FindingCode.VIEWS: _views,
    FindingCode.RELATIONS_NOT_ADDED: _relations_not_added,
    FindingCode.TODAY_PAGE_NOT_MADE: _today_page_not_made,
    FindingCode.ENV_LINES: _env_lines,
}
