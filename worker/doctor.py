"""`check [--fix]` and `init`: is the Outreach List what the worker expects, and make one if not.

Both only ever add to Notion: `--fix` adds missing worker-owned columns, `init` adds a new database.
Neither renames, retypes or removes a column a person made. Findings go to stdout (they are the
command's output); errors leave as typed exceptions for the command line to word and map.
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
from worker.schema_advice import CAPABILITY_FIX, describe_check
from worker.settings import ConfigError, Settings, parse_notion_id

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
    add missing worker columns and the Today page."""
    ref = settings.require_database()
    gateway = NotionGateway.from_settings(settings)
    try:
        token = fetch_token_line(gateway)
        print(token)
        source = fetch_data_source(gateway, ref)
        print(f'Database: "{source.title}" <{source.url}> is shared with the integration.')
        print(drafts_line(settings))
        checks = check_schema(source, settings.names)
        adding = fix and any(_addable(check) for check in checks)
        updates = True if adding else _updates_line(gateway, source)  # --fix's own change proves it
        print_checks(checks, settings)
        if adding:
            checks, updates = _fix(gateway, source, checks, settings)
        elif fix:
            print("\nFix: no worker column is missing; nothing to add.")
        page = check_today_page(gateway, settings, source, fix)
        print_verdict(checks, fixed=fix)
    finally:
        gateway.close()
    ok = updates and all(check.ok for check in checks) and page.get("usable", True)
    facts = {"ok": ok, "token": token, "updates": updates, "database": _database_json(source),
             "properties": [_check_json(check) for check in checks], "today_page": page}
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


def _addable(check: PropertyCheck) -> bool:
    return check.worker_owned and check.found is None


def _fix(
    gateway: NotionGateway, source: DataSource, checks: list[PropertyCheck], settings: Settings
) -> tuple[list[PropertyCheck], bool]:
    """Add the missing worker columns in one change: (the checks after it, whether Notion took it)."""
    addable = tuple(check.key for check in checks if _addable(check))
    added = template_properties(settings.names, addable, source.data_source_id)
    print(f"\nFix: adding {_quoted(added)} to the list in one change.")
    try:
        apply_new_properties(gateway, source.data_source_id, added)
    except AccessDenied as refused:
        if refused.status != 403:
            raise
        print(_refused_line(CannotUpdate(refused.message, code=refused.code, status=refused.status)))
        return checks, False
    source = fetch_data_source_by_id(gateway, source.data_source_id)
    checks = check_schema(source, settings.names)
    print("The list now:")
    print_checks(checks, settings)
    return checks, True


def run_init(settings: Settings, parent_page: str, title: str) -> DoctorResult:
    """Create a new Outreach List and its Today page under a page, unless the page already has a
    list by that title."""
    page_id = parse_notion_id(parent_page)
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


def _check_json(check: PropertyCheck) -> dict[str, Any]:
    return {"key": check.key, "name": check.name, "owner": "worker" if check.worker_owned else "you",
            "expected": list(check.expected), "found": check.found, "optional": check.optional,
            "ok": check.ok, "problem": check.problem}


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
            f"Drafts: off, because [me] has no name. Add to {settings.config_file}: [me] with "
            'name = "Your Name" and pitch = "a backend engineer with six years on payments" (the line after '
            '"I\'m"); the next sync writes a Draft for every row with a next step.'
        )
    if not me.pitch.strip():
        return f'Drafts: on, signed {me.name.strip()}. Add pitch = "..." under [me] in {settings.config_file}.'
    return f"Drafts: on, signed {me.name.strip()}."


def print_checks(checks: list[PropertyCheck], settings: Settings) -> None:
    """A line per expected property, user-owned first: `  Label   verdict[: what to do]`."""
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


def print_verdict(checks: list[PropertyCheck], fixed: bool) -> None:
    """The closing line: all well, or the problems by name and what to run next."""
    bad = [check for check in checks if not check.ok]
    if not bad:
        print(f"\nAll {len(checks)} properties match the template.")
        return
    named = "; ".join(f'"{check.name}" {_kind(check)}' for check in bad)
    print(f"\n{len(bad)} problem{'s' if len(bad) > 1 else ''}: {named}.")
    addable = [check for check in bad if check.worker_owned and check.found is None]
    if addable and not fixed:
        print("Run `outreach-worker check --fix` to add the missing worker columns.")
    if fixed and any(check.found is not None or not check.worker_owned for check in bad):
        print("--fix only adds missing worker columns; it never changes a type or a column you made. "
              "Fix the rest as described above, then run `outreach-worker check` again.")


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

