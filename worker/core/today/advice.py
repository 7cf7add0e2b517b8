"""The fixes the faces give, in words: a schema check, a capability, the Today page's states.

The Today page shows a failed sync's problems with their fixes; the terminal (the CLI) and `run`'s
log say the same sentences, so they are written once, here, from values: PropertyCheck and its
SchemaProblem, a SchemaError's facts, a PageProblem. Below the faces nothing is worded: the Notion
layer and the runs return these values and raise typed errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from worker.core.codes import PageProblem
from worker.core.columns import BY_KEY, SELF_RELATIONS
from worker.core.configuration import PropertyNames
from worker.core.lookalike import mapping_line
from worker.core.property_check import PropertyCheck, SchemaProblem

# Notion's types as a person reads them in Notion's menus; the others read as they are (select, date ...).
TYPE_WORDS = {"rich_text": "text", "multi_select": "multi-select"}
TEMPLATE_NAMES = PropertyNames()  # the template's own column names, for rename notes
HOW_TO_ADD = (
    "No Today page is set up, so today's list and the sync's problems are not shown in Notion. "
    "Run `outreach-worker check --fix` to create one beside the list, then put the "
    "OUTREACH_TODAY_PAGE=... line it prints in .env."
)


class SchemaFacts(Protocol):
    """What a SchemaError holds (worker.notion.errors): the list, the checks that failed, the config file."""

    url: str
    checks: tuple[PropertyCheck, ...]
    config_file: str
    sources: tuple[tuple[str, str], ...]  # several data sources: (name, id) of each


def capability_fix(capability: str) -> str:
    """How to give the integration a content capability it lacks ("Update content" to write rows,
    "Insert content" to add them), as a sentence to end with the command to run again."""
    return (f'Give the integration the "{capability}" capability (https://www.notion.so/profile/integrations '
            "→ your integration → Capabilities), and make sure it may edit the list")


def describe_check(check: PropertyCheck, config_file: str) -> str:
    """What a check found, with the fix: `ok`, `missing: …`, `wrong type (is X, should be Y): …`,
    `relates to another database: …`, `two-way relation: …`."""
    renamed = _renamed(check)
    if check.absent:
        return f"optional, not in the list{renamed}: {_how_to_add(check, config_file)}"
    if check.ok:
        return f"ok{renamed}"
    if check.problem == SchemaProblem.MISSING:
        return f"missing{renamed}: {_how_to_add(check, config_file)}"
    if check.problem == SchemaProblem.WRONG_TYPE:
        should = " or ".join(check.expected)
        return f"wrong type (is {check.found}, should be {should}){renamed}: {_how_to_retype(check, config_file)}"
    if check.problem == SchemaProblem.TWO_WAY:
        return f"two-way relation{renamed}: {_how_to_make_one_way(check)}"
    return (
        f"relates to another database{renamed}: it must relate to this Outreach List itself. "
        f'Point "{check.name}" at this database in Notion, or {_map_hint(check, config_file, "relation")}.'
    )


def schema_problem_lines(error: SchemaFacts) -> list[str]:
    """One line per thing to fix: a property and its fix, or a data source to choose from."""
    if error.sources:
        return [f'"{name or "(untitled)"}": OUTREACH_DATABASE_ID={source_id}' for name, source_id in error.sources]
    return [f'"{check.name}" {describe_check(check, error.config_file)}' for check in error.checks]


def schema_headline(error: SchemaFacts, rows_written: int = 0) -> str:
    """The sentence above the lines: what is wrong with the list, and what was written before it."""
    if error.sources:
        return (f"The database {error.url} has {len(error.sources)} data sources. Set OUTREACH_DATABASE_ID "
                "to the id of the one that holds your Outreach List. Nothing was written.")
    what = f"The Outreach List {error.url} does not match the template." if error.checks else f"{error}."
    if rows_written:
        rows = "row was" if rows_written == 1 else "rows were"
        return f"{what} It changed during the sync: {rows_written} {rows} written before; the rest wait for the fix."
    return f"{what} Nothing was written."


def page_message(problem: PageProblem | None, detail: str = "") -> str:
    """Why the Today page was left alone or not written, with the fix; "" when nothing went wrong."""
    if problem is None:
        return ""
    return _PAGE_MESSAGES[problem].format(detail=detail)


_CREATE_BESIDE = "`outreach-worker check --fix`"
_MAKE_ONE = ("create a page in Notion, share it with the integration (••• → Connections) and put its link in "
             ".env as OUTREACH_TODAY_PAGE=...")
_PAGE_MESSAGES = {
    PageProblem.IS_THE_LIST: ("OUTREACH_TODAY_PAGE is the Outreach List or the page that holds it; the worker will "
                              f"not replace it. Run {_CREATE_BESIDE} to create a Today page beside the list."),
    PageProblem.TOO_LARGE: "OUTREACH_TODAY_PAGE is a page too large to be the Today page; the worker left it alone.",
    PageProblem.HOLDS_SUB_PAGES: ("The Today page holds a sub-page or a database, which replacing it would delete; "
                                  "move them elsewhere (or point OUTREACH_TODAY_PAGE at another page) and the next "
                                  "sync writes it."),
    PageProblem.NOT_OURS: ("OUTREACH_TODAY_PAGE points at a page with content the worker did not write; it left it "
                           f"alone. Point it at an empty page, or run {_CREATE_BESIDE} to create one."),
    PageProblem.NOT_SHARED: ("Notion refused the Today page ({detail}). Share it with the integration "
                             f"(••• → Connections), or run {_CREATE_BESIDE} to create one beside the list."),
    PageProblem.NOTION_FAILED: "The Today page could not be updated: {detail}",
    PageProblem.NO_PARENT_PAGE: f"the list is not on a page, so check --fix cannot put one beside it; {_MAKE_ONE}",
    PageProblem.PARENT_NOT_SHARED: ("the page that holds the list is not shared with the integration ({detail}). "
                                    f"Share it (••• → Connections) and run {_CREATE_BESIDE} again, or "
                                    f"{_MAKE_ONE}"),
    PageProblem.NOT_MADE: f"Notion did not make it ({{detail}}); run {_CREATE_BESIDE} again later, or {_MAKE_ONE}",
}


def _how_to_add(check: PropertyCheck, config_file: str) -> str:
    kind = column_type_words(check.key)
    if check.optional:
        return f"`outreach-worker check --fix` adds it (a {kind} property) if you want it."
    if check.worker_owned:
        return f"run `outreach-worker check --fix` to add it (a {kind} property)."
    options = BY_KEY[check.key].options
    with_options = f" with the options {', '.join(options)}" if options else ""
    return f'add a {kind} property named "{check.name}" in Notion{with_options}, or {_map_hint(check, config_file, kind)}.'


def _how_to_retype(check: PropertyCheck, config_file: str) -> str:
    kind = column_type_words(check.key)
    if check.worker_owned:
        return (
            f"the worker never changes a column's type. Rename or delete \"{check.name}\" in Notion "
            f"(then `outreach-worker check --fix` adds a new {kind} column), or {_map_hint(check, config_file, kind)}."
        )
    return f'change the type of "{check.name}" to {kind} in Notion, or {_map_hint(check, config_file, kind)}.'


def _how_to_make_one_way(check: PropertyCheck) -> str:
    twin = f'"{check.synced}"' if check.synced else "its synced column"
    return (
        f"writing it would also fill {twin} in the row of the person it links to, a column the worker does "
        f'not own. In Notion, open the settings of "{check.name}" and turn off its two-way setting '
        f"(\"Show on\" this database), which removes {twin}; then run `outreach-worker check` again."
    )


def _map_hint(check: PropertyCheck, config_file: str, kind: str) -> str:
    line = mapping_line(check.key, "Your column")
    return f"point the worker at another {kind} column with `{line}` under [properties] in {config_file}"


def column_type_words(key: str) -> str:
    """The types template column `key` may have, in words: "select or text", "relation (to this same database)"."""
    if key in SELF_RELATIONS:
        return "relation (to this same database)"
    return type_words(BY_KEY[key].types)


def type_words(kinds: Iterable[str]) -> str:
    """Notion types in words, joined with "or": ("rich_text",) → "text"."""
    return " or ".join(TYPE_WORDS.get(kind, kind) for kind in kinds)


def quoted(names: Iterable[str]) -> str:
    """Column names (or a dict's keys) as "A", "B"."""
    return ", ".join(f'"{name}"' for name in names)


def _renamed(check: PropertyCheck) -> str:
    default = getattr(TEMPLATE_NAMES, check.key)
    return f', renamed via config → "{check.name}"' if check.name != default else ""


def problem_names(checks: Sequence[PropertyCheck]) -> str:
    """`"Status" missing; "Why" is number, should be rich_text`: the problems of a check, named."""
    return "; ".join(f'"{check.name}" {_kind(check)}' for check in checks)


def _kind(check: PropertyCheck) -> str:
    if check.problem == SchemaProblem.WRONG_TYPE:
        return f"is {check.found}, should be {' or '.join(check.expected)}"
    return str(check.problem)
