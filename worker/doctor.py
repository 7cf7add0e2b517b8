"""`check [--fix]` and `init`: is the Outreach List what the worker expects, and make one if not.

Both only ever add to Notion: `--fix` adds every missing column, yours or the worker's, optional
ones too, as an empty column of the template's type; `init` adds a new database. Neither renames,
retypes or removes a column a person made. Where a column under another name looks like a missing
one ("How close" for Closeness), --fix adds no twin: it prints the config line that maps it.
Findings go to stdout (they are the command's output); errors leave as typed exceptions for the
command line to word and map.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

from worker import report as printed
from worker.configuration import PropertyNames
from worker.notion.client import NotionGateway
from worker.notion.errors import AccessDenied, CannotUpdate, NotionError
from worker.notion.bootstrap import (
    ChildDatabase,
    apply_new_database,
    apply_new_properties,
    fetch_child_databases,
    template_properties,
)
from worker.notion.schema import (
    SELF_RELATIONS,
    TEMPLATE_NAMES,
    USER_OWNED,
    WORKER_OWNED,
    WRONG_TYPE,
    DataSource,
    PropertyCheck,
    check_schema,
    fetch_data_source,
    fetch_data_source_by_id,
    probe_updates,
)
from worker.doctor_today import add_views, check_today_page, new_today_page
from worker.notion.today_page import CreatedPage
from worker.lookalike import lookalikes
from worker.schema_advice import CAPABILITY_FIX, describe_check
from worker.settings import ConfigError, Settings, notion_id_setting
from worker.template import BY_KEY

# SPEC §5 exit codes, the same numbers worker.cli uses (the doctor must not import the CLI).
EXIT_OK = 0
EXIT_SCHEMA = 2
EXIT_REFUSED = 3

_LABEL_WIDTH = max(len(getattr(TEMPLATE_NAMES, key)) for key in USER_OWNED + WORKER_OWNED)


@dataclass(frozen=True)
class DoctorResult:
    """What check or init found or made: the exit code, and the facts `--json` prints."""

    code: int
    facts: dict[str, Any] = field(default_factory=dict)


def run_check(settings: Settings, fix: bool) -> DoctorResult:
    """Token, access and a line per template property on stdout, then the Today page; with `fix`,
    add the missing columns (yours or the worker's) and the Today page."""
    gateway = NotionGateway.from_settings(settings)  # NOTION_TOKEN first, then the list: the order of set-up
    try:
        ref = settings.require_database()
        token = fetch_token_line(gateway)
        print(token)
        source = fetch_data_source(gateway, ref)
        print(f'Database: "{source.title}" <{source.url}> is shared with the integration.')
        print(drafts_line(settings))
        checks = check_schema(source, settings.names)
        proposals = propose_mappings(source, checks, settings)
        adding = fix and bool(addable_keys(checks, proposals))
        updates = True if adding else _updates_line(gateway, source)  # --fix's own change proves it
        print_checks(checks, settings, proposals)
        if fix:
            checks, proposals, updates = _fix(gateway, source, checks, proposals, settings, updates)
        page = check_today_page(gateway, settings, source, fix)
        print_verdict(checks, proposals, settings, fixed=fix)
    finally:
        gateway.close()
    ok = updates and all(check.ok for check in checks) and page.get("usable", True)
    facts = {"ok": ok, "token": token, "updates": updates, "database": _database_json(source),
             "properties": [_check_json(check, proposals) for check in checks], "today_page": page}
    return DoctorResult(EXIT_REFUSED if not updates else EXIT_OK if ok else EXIT_SCHEMA, facts)


def _updates_line(gateway: NotionGateway, source: DataSource) -> bool:
    """Whether the integration may update the list (one no-op update), said in one line."""
    try:
        probe_updates(gateway, source)
    except CannotUpdate as refused:
        print(_refused_line(refused))
        return False
    print("Updates: ok (the integration may change the list).")
    return True


def _refused_line(refused: CannotUpdate) -> str:
    return (f"Updates: refused ({refused}): every write of a sync would fail. {CAPABILITY_FIX}, "
            "then run `outreach-worker check` again.")


def _fix(
    gateway: NotionGateway,
    source: DataSource,
    checks: list[PropertyCheck],
    proposals: dict[str, list[Lookalike]],
    settings: Settings,
    updates: bool,
) -> tuple[list[PropertyCheck], dict[str, list[Lookalike]], bool]:
    """Add the missing columns in one change: (the checks after it, the proposals, whether the list
    takes updates: a refused change says so like check's own proof does)."""
    addable = addable_keys(checks, proposals)
    if not addable:
        print("\nFix: no column is missing" + (" that a column of yours could not stand for" if proposals else "")
              + "; nothing to add.")
        return checks, proposals, updates
    added = template_properties(settings.names, addable, source.data_source_id)
    print(f"\nFix: adding {_quoted(added)} to the list in one change.")
    try:
        apply_new_properties(gateway, source.data_source_id, added)
    except AccessDenied as refused:
        if refused.status != 403:
            raise
        print(_refused_line(CannotUpdate(refused.message, code=refused.code, status=refused.status)))
        return checks, proposals, False
    yours = [getattr(settings.names, key) for key in addable if not BY_KEY[key].worker_owned]
    if yours:
        print(f"{_quoted(dict.fromkeys(yours))} {'is' if len(yours) == 1 else 'are'} empty: fill "
              f"{'it' if len(yours) == 1 else 'them'} in for each person in Notion.")
    source = fetch_data_source_by_id(gateway, source.data_source_id)
    checks = check_schema(source, settings.names)
    proposals = propose_mappings(source, checks, settings)
    print("The list now:")
    print_checks(checks, settings, proposals)
    return checks, proposals, True


def addable_keys(checks: list[PropertyCheck], proposals: dict[str, list[Lookalike]]) -> tuple[str, ...]:
    """The template columns --fix adds: missing (optional ones too) and no column looks like them."""
    return tuple(check.key for check in checks if check.found is None and check.key not in proposals)


# --- columns under another name -----------------------------------------------------------------


@dataclass(frozen=True)
class Lookalike:
    """A column of the list that looks like a missing template column."""

    column: str
    found: str  # its Notion type
    fits: bool  # of a type the template accepts there: mapping it is enough


def propose_mappings(
    source: DataSource, checks: list[PropertyCheck], settings: Settings
) -> dict[str, list[Lookalike]]:
    """Template key → the list's columns that look like it, for every template column not found."""
    taken = {check.name for check in checks if check.found is not None}
    free = {name: prop for name, prop in source.properties.items() if name not in taken}
    proposals: dict[str, list[Lookalike]] = {}
    for check in checks:
        if check.found is not None:
            continue
        candidates = _title_columns(free) if check.key == "name" else lookalikes(check.key, free)
        found = [Lookalike(name, free[name].get("type", ""), _fits(check, free[name], source)) for name in candidates]
        if found:
            proposals[check.key] = found
    return proposals


def _title_columns(properties: dict[str, dict[str, Any]]) -> list[str]:
    return [name for name, prop in properties.items() if prop.get("type") == "title"]


def _fits(check: PropertyCheck, prop: dict[str, Any], source: DataSource) -> bool:
    if prop.get("type") not in check.expected:
        return False
    if check.key in SELF_RELATIONS:
        return (prop.get("relation") or {}).get("data_source_id", "").replace("-", "") == source.data_source_id
    return True


def _proposal_lines(key: str, found: list[Lookalike], settings: Settings) -> list[str]:
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
        kinds = " or ".join(_TYPE_WORDS.get(kind, kind) for kind in BY_KEY[key].types)
        change = f"is {_TYPE_WORDS.get(first.found, first.found)}: change its type to {kinds} in Notion"
    return [f'"{first.column}" looks like it but {change}, then map it with {_config_line(key, first.column)} '
            f"under [properties] in {settings.config_file}; --fix adds no twin."]


def _config_line(key: str, column: str) -> str:
    return f'`{key} = "{column}"`'


def print_mapping_lines(proposals: dict[str, list[Lookalike]], settings: Settings) -> None:
    """The config lines that map each missing column to the column of the right type that looks like it."""
    fitting = {key: [lookalike for lookalike in found if lookalike.fits] for key, found in proposals.items()}
    lines = [f'{key} = "{found[0].column}"' for key, found in fitting.items() if found]
    if lines:
        print(f"To use the columns that look like missing ones, put {'this line' if len(lines) == 1 else 'these lines'} "
              f"under [properties] in {settings.config_file}:")
        for line in lines:
            print(f"  {line}")


_TYPE_WORDS = {"rich_text": "text", "multi_select": "multi-select", "relation": "a relation to this list"}


def run_init(settings: Settings, parent_page: str, title: str) -> DoctorResult:
    """Create a new Outreach List and its Today page under a page, unless the page already has a
    list by that title."""
    page_id = notion_id_setting("--parent-page", parent_page, "Give the link of a Notion page shared with the "
                                "integration (in Notion: Share → Copy link), or its 32-character id")
    title = title.strip()
    if not title:
        raise ConfigError('--title is empty. Give the new database a name, e.g. --title "Outreach List".')
    gateway = NotionGateway.from_settings(settings)
    try:
        print(fetch_token_line(gateway))
        try:
            existing = [d for d in fetch_child_databases(gateway, page_id) if _same_title(d.title, title)]
            if existing:
                raise ConfigError(_already_there(gateway, existing[0], title))
            created = apply_new_database(gateway, page_id, title, settings.names)
        except AccessDenied as error:
            return DoctorResult(_page_refused(parent_page, error))
        source = _add_self_relations(gateway, created, settings.names)
        views = add_views(gateway, source, settings.names)
        today_page = new_today_page(gateway, page_id, source)
    finally:
        gateway.close()
    code = _report_created(source, settings, today_page)
    env = {"OUTREACH_DATABASE_ID": source.database_id}
    if today_page is not None:
        env["OUTREACH_TODAY_PAGE"] = today_page.page_id
    facts = {"database": _database_json(source), "views": views,
             "today_page": {"page_id": today_page.page_id, "url": today_page.url} if today_page else None, "env": env}
    return DoctorResult(code, facts)


def _add_self_relations(gateway: NotionGateway, created: DataSource, names: PropertyNames) -> DataSource:
    relations = template_properties(names, SELF_RELATIONS, created.data_source_id)
    try:
        return apply_new_properties(gateway, created.data_source_id, relations)
    except NotionError:
        print(
            f"Created {created.url} but could not add {_quoted(relations)} to it. Add them in Notion as "
            "relations to this same database, or delete it and run init again.",
            file=sys.stderr,
        )
        raise


def _report_created(source: DataSource, settings: Settings, today_page: CreatedPage | None) -> int:
    print(f'Created "{source.title}" with the whole template: {source.url}')
    if settings.names.status in source.properties and source.properties[settings.names.status]["type"] == "select":
        print(
            f'  "{settings.names.status}" is a select (Notion\'s API cannot set a status property\'s options); '
            "you may change it to a Status in Notion, the worker reads both."
        )
    checks = check_schema(source, settings.names)
    problems = [check for check in checks if not check.ok]
    if problems:  # never expected: the list was made from the same template check reads
        print_checks(problems, settings)
        return EXIT_SCHEMA
    if today_page is not None:
        print(f"Created its Today page beside it: {today_page.url}")
    lines = "these lines" if today_page is not None else "this line"
    print(f"Put {lines} in .env (or your environment), add people, then run `outreach-worker sync`:")
    print(f"OUTREACH_DATABASE_ID={source.database_id}")
    if today_page is not None:
        print(f"OUTREACH_TODAY_PAGE={today_page.page_id}")
    return EXIT_OK


def _database_json(source: DataSource) -> dict[str, str]:
    return {"title": source.title, "url": source.url, "database_id": source.database_id,
            "data_source_id": source.data_source_id}


def _check_json(check: PropertyCheck, proposals: dict[str, list[Lookalike]] | None = None) -> dict[str, Any]:
    lookalike = [{"column": found.column, "type": found.found, "fits": found.fits}
                 for found in (proposals or {}).get(check.key, [])]
    return {"key": check.key, "name": check.name, "owner": "worker" if check.worker_owned else "you",
            "expected": list(check.expected), "found": check.found, "optional": check.optional,
            "ok": check.ok, "problem": check.problem, "lookalikes": lookalike}


# --- what a person reads -------------------------------------------------------------------------


def fetch_token_line(gateway: NotionGateway) -> str:
    """Prove the token works (GET /v1/users/me) and say whose it is."""
    me = gateway.call(gateway.api.users.me, "users.me")
    workspace = (me.get("bot") or {}).get("workspace_name")
    where = f' in workspace "{workspace}"' if workspace else ""
    return f'Token: ok (integration "{me.get("name") or me.get("id")}"{where}).'


def drafts_line(settings: Settings) -> str:
    """Whether the worker writes drafts, and how to turn them on when it does not (SPEC §9)."""
    me = settings.me
    if not me.name.strip():
        return (
            f"Drafts: off, because [me] has no name. Under [me] in {settings.config_file}, set "
            'name = "Your Name" and pitch = "a backend engineer with six years on payments" (the line after '
            '"I\'m"); the next sync writes a Draft for every row with a next step.'
        )
    if not me.pitch.strip():
        return f'Drafts: on, signed {me.name.strip()}. Add pitch = "..." under [me] in {settings.config_file}.'
    return f"Drafts: on, signed {me.name.strip()}."


def print_checks(
    checks: list[PropertyCheck], settings: Settings, proposals: dict[str, list[Lookalike]] | None = None
) -> None:
    """A line per expected property, user-owned first: `  Label   verdict[: what to do]`, and under
    a missing one, the column that looks like it."""
    groups = (
        ("Your columns (the worker reads them, never writes them):", USER_OWNED),
        ("Worker columns (the worker writes them):", WORKER_OWNED),
    )
    for heading, keys in groups:
        chosen = [check for check in checks if check.key in keys]
        if chosen:
            print(heading)
        for check in chosen:
            label = getattr(TEMPLATE_NAMES, check.key)
            print(f"  {label:<{_LABEL_WIDTH}}  {describe_check(check, settings.config_file)}")
            for line in _proposal_lines(check.key, (proposals or {}).get(check.key, []), settings):
                print(f"  {'':<{_LABEL_WIDTH}}  ↳ {line}")


def print_verdict(
    checks: list[PropertyCheck], proposals: dict[str, list[Lookalike]], settings: Settings, fixed: bool
) -> None:
    """The closing line: all well, or the problems by name and what to run or write next."""
    bad = [check for check in checks if not check.ok]
    addable = addable_keys(checks, proposals)
    if not bad:
        print(f"\nAll {len(checks)} properties match the template.")
        if addable and not fixed:
            print(f"`outreach-worker check --fix` adds the optional {_names(checks, addable)} if you want them.")
        print_mapping_lines(proposals, settings)
        return
    named = "; ".join(f'"{check.name}" {_kind(check)}' for check in bad)
    print(f"\n{len(bad)} problem{'s' if len(bad) > 1 else ''}: {named}.")
    if addable and not fixed:
        kind = "an empty column" if len(addable) == 1 else "empty columns"
        print(f"Run `outreach-worker check --fix` to add {_names(checks, addable)} as {kind} of the right type.")
    print_mapping_lines(proposals, settings)
    if fixed:
        print("--fix only adds missing columns; it never renames, retypes or removes one. "
              "Fix the rest as described above, then run `outreach-worker check` again.")


def _names(checks: list[PropertyCheck], keys: tuple[str, ...]) -> str:
    return ", ".join(f'"{check.name}"' for check in checks if check.key in keys)


def _kind(check: PropertyCheck) -> str:
    if check.problem == WRONG_TYPE:
        return f"is {check.found}, should be {' or '.join(check.expected)}"
    return check.problem


def _quoted(properties: dict[str, Any]) -> str:
    return ", ".join(f'"{name}"' for name in properties)


def _same_title(found: str, wanted: str) -> bool:
    return found.strip().casefold() == wanted.casefold()


def _already_there(gateway: NotionGateway, existing: ChildDatabase, title: str) -> str:
    url = _database_url(gateway, existing.database_id)
    return (
        f'That page already holds a database titled "{existing.title}": {url}. init does not make a second one. '
        f"To use it, put OUTREACH_DATABASE_ID={existing.database_id} in .env and run `outreach-worker check`; "
        f'to make another list anyway, pass a different --title than "{title}".'
    )


def _database_url(gateway: NotionGateway, database_id: str) -> str:
    try:
        return gateway.call(gateway.api.databases.retrieve, "databases.retrieve", database_id=database_id)["url"]
    except (NotionError, KeyError):  # the block is visible but the database is not shared: still say where
        return f"https://www.notion.so/{database_id}"


def _page_refused(parent_page: str, error: AccessDenied) -> int:
    printed.error(
        f"Notion refused access to the page {parent_page}: {error}. Share that page with your integration "
        "(open it in Notion, ••• → Connections → add the integration), then run init again."
    )
    return EXIT_REFUSED

