"""`init --parent-page PAGE`: a new Outreach List with the whole template, its views and its Today page,
under a page shared with the integration; then the lines for `.env`."""

from __future__ import annotations

import sys

from worker.core.configuration import PropertyNames
from worker.runs.doctor import ParentPageRefused
from worker.runs.doctor.findings import DoctorResult, database_json, fetch_token_line, print_checks, quoted
from worker.runs.doctor.today_page_check import new_today_page
from worker.notion.bootstrap import (
    ChildDatabase,
    apply_new_database,
    apply_new_properties,
    fetch_child_databases,
    template_properties,
)
from worker.notion.client import NotionGateway
from worker.notion.errors import AccessDenied, NotionError
from worker.notion.schema import SELF_RELATIONS, DataSource, check_schema
from worker.notion.today_page import CreatedPage
from worker.notion.views import apply_views
from worker.settings import ConfigError, Settings, notion_id_setting


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
        created = _new_database(gateway, page_id, parent_page, title, settings.names)
        source = _add_self_relations(gateway, created, settings.names)
        views = add_views(gateway, source, settings.names)
        today_page = new_today_page(gateway, page_id, source)
    finally:
        gateway.close()
    outcome = _report_created(source, settings, today_page)
    env = {"OUTREACH_DATABASE_ID": source.database_id}
    if today_page is not None:
        env["OUTREACH_TODAY_PAGE"] = today_page.page_id
    facts = {"database": database_json(source), "views": views,
             "today_page": {"page_id": today_page.page_id, "url": today_page.url} if today_page else None, "env": env}
    return DoctorResult(outcome, facts)


def _new_database(gateway: NotionGateway, page_id: str, parent_page: str, title: str,
                  names: PropertyNames) -> DataSource:
    """The new list under the page; ConfigError when the page holds one by that title already."""
    try:
        existing = [d for d in fetch_child_databases(gateway, page_id) if _same_title(d.title, title)]
        if existing:
            raise ConfigError(_already_there(gateway, existing[0], title))
        return apply_new_database(gateway, page_id, title, names)
    except AccessDenied as refused:
        raise ParentPageRefused(parent_page, refused) from None


def _add_self_relations(gateway: NotionGateway, created: DataSource, names: PropertyNames) -> DataSource:
    relations = template_properties(names, SELF_RELATIONS, created.data_source_id)
    try:
        return apply_new_properties(gateway, created.data_source_id, relations)
    except NotionError:
        print(
            f"Created {created.url} but could not add {quoted(relations)} to it. Add them in Notion as "
            "relations to this same database, or delete it and run init again.",
            file=sys.stderr,
        )
        raise


def add_views(gateway: NotionGateway, source: DataSource, names: PropertyNames) -> list[str]:
    """The list's handy views; one Notion refuses is a warning, the list works without it."""
    added, refused = apply_views(gateway, source, names)
    if added:
        print(f"Added the views {', '.join(added)}.")
    if refused:
        print(f"warning: Notion did not add {'the other ' if added else 'the '}views ({refused}); the list works "
              "without them, and you can make them in Notion.", file=sys.stderr)
    return added


def _report_created(source: DataSource, settings: Settings, today_page: CreatedPage | None) -> str:
    """What was made and the lines for .env; "schema" if the new list does not match (never expected)."""
    print(f'Created "{source.title}" with the whole template: {source.url}')
    if settings.names.status in source.properties and source.properties[settings.names.status]["type"] == "select":
        print(
            f'  "{settings.names.status}" is a select (Notion\'s API cannot set a status property\'s options); '
            "you may change it to a Status in Notion, the worker reads both."
        )
    problems = [check for check in check_schema(source, settings.names) if not check.ok]
    if problems:  # never expected: the list was made from the same template check reads
        print_checks(problems, settings)
        return "schema"
    if today_page is not None:
        print(f"Created its Today page beside it: {today_page.url}")
    lines = "these lines" if today_page is not None else "this line"
    print(f"Put {lines} in .env (or your environment), add people, then run `outreach-worker sync`:")
    print(f"OUTREACH_DATABASE_ID={source.database_id}")
    if today_page is not None:
        print(f"OUTREACH_TODAY_PAGE={today_page.page_id}")
    return "ok"


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
    fallback = f"https://www.notion.so/{database_id}"
    try:
        found = gateway.retrieve_database(database_id)
    except NotionError:  # the block is visible but the database is not shared: still say where
        return fallback
    return found.get("url") or fallback
