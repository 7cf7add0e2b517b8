"""A schema check in words: what each template property's check found and how to fix it.

The Notion layer (notion/schema.py) returns structured checks and raises structured SchemaErrors;
this module is the one place that words them: for `check`, for a sync that stops (on the terminal,
on the Today page, in run's log), and for the config line and Notion types those sentences name.
"""

from __future__ import annotations

from collections.abc import Iterable

from worker.core.lookalike import mapping_line
from worker.notion.errors import SchemaError, SeveralDataSources
from worker.notion.schema import (
    EXPECTED_TYPES,
    MISSING,
    SELF_RELATIONS,
    TEMPLATE_NAMES,
    TEMPLATE_OPTIONS,
    TWO_WAY,
    WRONG_TYPE,
    PropertyCheck,
)

# Notion's types as a person reads them in Notion's menus; the others read as they are (select, date ...).
TYPE_WORDS = {"rich_text": "text", "multi_select": "multi-select"}


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
    if check.problem == MISSING:
        return f"missing{renamed}: {_how_to_add(check, config_file)}"
    if check.problem == WRONG_TYPE:
        should = " or ".join(check.expected)
        return f"wrong type (is {check.found}, should be {should}){renamed}: {_how_to_retype(check, config_file)}"
    if check.problem == TWO_WAY:
        return f"two-way relation{renamed}: {_how_to_make_one_way(check)}"
    return (
        f"relates to another database{renamed}: it must relate to this Outreach List itself. "
        f'Point "{check.name}" at this database in Notion, or {_map_hint(check, config_file, "relation")}.'
    )


def problem_lines(error: SchemaError) -> list[str]:
    """One line per thing to fix: a property and its fix, or a data source to choose from."""
    if isinstance(error, SeveralDataSources):
        return [f'"{name or "(untitled)"}": OUTREACH_DATABASE_ID={source_id}' for name, source_id in error.sources]
    return [f'"{check.name}" {describe_check(check, error.config_file)}' for check in error.checks]


def headline(error: SchemaError, rows_written: int = 0) -> str:
    """The sentence above the lines: what is wrong with the list, and what was written before it."""
    if isinstance(error, SeveralDataSources):
        return (f"The database {error.url} has {len(error.sources)} data sources. Set OUTREACH_DATABASE_ID "
                "to the id of the one that holds your Outreach List. Nothing was written.")
    if error.checks:
        what = f"The Outreach List {error.url} does not match the template."
    else:
        what = f"{error}."
    if rows_written:
        rows = "row was" if rows_written == 1 else "rows were"
        return f"{what} It changed during the sync: {rows_written} {rows} written before; the rest wait for the fix."
    return f"{what} Nothing was written."


def _how_to_add(check: PropertyCheck, config_file: str) -> str:
    kind = column_type_words(check.key)
    if check.optional:
        return f"`outreach-worker check --fix` adds it (a {kind} property) if you want it."
    if check.worker_owned:
        return f"run `outreach-worker check --fix` to add it (a {kind} property)."
    options = TEMPLATE_OPTIONS.get(check.key)
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
    return type_words(EXPECTED_TYPES[key])


def type_words(kinds: Iterable[str]) -> str:
    """Notion types in words, joined with "or": ("rich_text",) → "text"."""
    return " or ".join(TYPE_WORDS.get(kind, kind) for kind in kinds)


def _renamed(check: PropertyCheck) -> str:
    default = getattr(TEMPLATE_NAMES, check.key)
    return f', renamed via config → "{check.name}"' if check.name != default else ""
