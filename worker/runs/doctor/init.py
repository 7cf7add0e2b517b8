"""`init --parent-page PAGE`: a new Outreach List with the whole template, its views and its Today page,
under a page shared with the integration; then the lines for `.env`. Returns findings."""

from __future__ import annotations

from worker.core.codes import RunOutcome
from worker.core.configuration import PropertyNames
from worker.runs.doctor import ListAlreadyThere, ParentPageRefused
from worker.runs.doctor.findings import DoctorResult, FindingCode, Findings, Note, fetch_token, ignore
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


def run_init(settings: Settings, parent_page: str, title: str, note: Note = ignore) -> DoctorResult:
    """Create a new Outreach List and its Today page under a page, unless the page already has a
    list by that title. Each finding goes to `note` as it is made."""
    page_id = notion_id_setting("--parent-page", parent_page, "Give the link of a Notion page shared with the "
                                "integration (in Notion: Share → Copy link), or its 32-character id")
    title = title.strip()
    if not title:
        raise ConfigError('--title is empty. Give the new database a name, e.g. --title "Outreach List".')
    found = Findings(note)
    gateway = NotionGateway.from_settings(settings)
    try:
        fetch_token(gateway, found)
        created = _new_database(gateway, page_id, parent_page, title, settings.names)
        source = _add_self_relations(gateway, created, settings.names, found)
        add_views(gateway, source, settings.names, found)
        today_page = new_today_page(gateway, page_id, source, found)
    finally:
        gateway.close()
    outcome = _report_created(source, settings, today_page, found)
    return DoctorResult(outcome, tuple(found.found))


def _new_database(gateway: NotionGateway, page_id: str, parent_page: str, title: str,
                  names: PropertyNames) -> DataSource:
    """The new list under the page; ListAlreadyThere when the page holds one by that title already."""
    try:
        existing = [d for d in fetch_child_databases(gateway, page_id) if _same_title(d.title, title)]
        if existing:
            raise _already_there(gateway, existing[0], title)
        return apply_new_database(gateway, page_id, title, names)
    except AccessDenied as refused:
        raise ParentPageRefused(parent_page, refused) from None


def _add_self_relations(gateway: NotionGateway, created: DataSource, names: PropertyNames,
                        found: Findings) -> DataSource:
    relations = template_properties(names, SELF_RELATIONS, created.data_source_id)
    try:
        return apply_new_properties(gateway, created.data_source_id, relations)
    except NotionError:
        found.add(FindingCode.RELATIONS_NOT_ADDED, url=created.url, names=list(relations))
        raise


def add_views(gateway: NotionGateway, source: DataSource, names: PropertyNames, found: Findings) -> list[str]:
    """The list's handy views; one Notion refuses is a warning, the list works without it."""
    added, refused = apply_views(gateway, source, names)
    found.add(FindingCode.VIEWS, added=added, refused=refused)
    return added


def _report_created(source: DataSource, settings: Settings, today_page: CreatedPage | None,
                    found: Findings) -> RunOutcome:
    """What was made and the lines for .env; SCHEMA if the new list does not match (never expected)."""
    found.add(FindingCode.CREATED, source=source, today_page=today_page)
    status = settings.names.status
    if status in source.properties and source.properties[status]["type"] == "select":
        found.add(FindingCode.STATUS_IS_SELECT, name=status)
    problems = [check for check in check_schema(source, settings.names) if not check.ok]
    if problems:  # never expected: the list was made from the same template check reads
        found.add(FindingCode.CHECKS, checks=problems, proposals={}, config_file=settings.config_file,
                  after_fix=False)
        return RunOutcome.SCHEMA
    found.add(FindingCode.ENV_LINES, database_id=source.database_id,
              today_page_id=today_page.page_id if today_page is not None else "",
              today_page_url=today_page.url if today_page is not None else "")
    return RunOutcome.OK


def _same_title(found: str, wanted: str) -> bool:
    return found.strip().casefold() == wanted.casefold()


def _already_there(gateway: NotionGateway, existing: ChildDatabase, title: str) -> ListAlreadyThere:
    return ListAlreadyThere(existing.title, _database_url(gateway, existing.database_id), existing.database_id, title)


def _database_url(gateway: NotionGateway, database_id: str) -> str:
    fallback = f"https://www.notion.so/{database_id}"
    try:
        found = gateway.retrieve_database(database_id)
    except NotionError:  # the block is visible but the database is not shared: still say where
        return fallback
    return found.get("url") or fallback
