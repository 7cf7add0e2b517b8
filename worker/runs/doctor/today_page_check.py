"""The Today page for check and init: whether a sync can write the configured one; make one beside the
list (init, check --fix). Returns findings, like the rest of the doctor."""

from __future__ import annotations

from worker.core.codes import PageProblem, PageState
from worker.runs.doctor.findings import Finding, FindingCode, Findings
from worker.notion.client import NotionGateway
from worker.notion.errors import AccessDenied, NotionError
from worker.notion.schema import DataSource
from worker.notion.today_page import CreatedPage
from worker.runs.sync.publish import READY, apply_today_page, inspect_today_page, list_ids
from worker.settings import Settings


def new_today_page(gateway: NotionGateway, parent_page_id: str, source: DataSource,
                   found: Findings) -> CreatedPage | None:
    """init's Today page beside the new list; a failure is a warning: the list is made and works."""
    try:
        return apply_today_page(gateway, parent_page_id, list_ids(source))
    except NotionError as error:
        found.add(FindingCode.TODAY_PAGE_NOT_MADE, detail=str(error))
        return None


def check_today_page(gateway: NotionGateway, settings: Settings, source: DataSource, fix: bool,
                     found: Findings) -> Finding:
    """The Today page's finding: whether a sync can write the configured one; with `fix`, make one."""
    if settings.today_page_id is not None:
        seen = inspect_today_page(gateway, settings.today_page_id, list_ids(source, settings.require_database()))
        return found.add(FindingCode.TODAY_PAGE, state=seen.state, page_id=seen.page_id, url=seen.url,
                         usable=seen.state == READY, problem=seen.problem, detail=seen.detail)
    if not fix:
        return _not_set_up(found, None)
    return _fix_today_page(gateway, source, found)


def _not_set_up(found: Findings, problem: PageProblem | None, detail: str = "") -> Finding:
    return found.add(FindingCode.TODAY_PAGE, state=PageState.NOT_SET_UP, page_id="", url="", usable=True,
                     problem=problem, detail=detail)


def _fix_today_page(gateway: NotionGateway, source: DataSource, found: Findings) -> Finding:
    if not source.parent_page_id:
        return _not_set_up(found, PageProblem.NO_PARENT_PAGE)
    try:
        page = apply_today_page(gateway, source.parent_page_id, list_ids(source))
    except AccessDenied as error:
        return _not_set_up(found, PageProblem.PARENT_NOT_SHARED, str(error))
    except NotionError as error:
        return _not_set_up(found, PageProblem.NOT_MADE, str(error))
    return found.add(FindingCode.TODAY_PAGE, state=PageState.CREATED, page_id=page.page_id, url=page.url,
                     usable=True, problem=None, detail="")
