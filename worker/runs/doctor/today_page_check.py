"""The Today page for check and init: whether a sync can write the configured one; make one beside the
list (init, check --fix). Findings go to stdout like the rest of the doctor's."""

from __future__ import annotations

import sys
from typing import Any

from worker.notion.client import NotionGateway
from worker.notion.errors import AccessDenied, NotionError
from worker.notion.schema import DataSource
from worker.notion.today_page import CreatedPage
from worker.runs.sync.publish import READY, apply_today_page, inspect_today_page, list_ids
from worker.settings import Settings


def new_today_page(gateway: NotionGateway, parent_page_id: str, source: DataSource) -> CreatedPage | None:
    """init's Today page beside the new list; a failure is a warning: the list is made and works."""
    try:
        return apply_today_page(gateway, parent_page_id, list_ids(source))
    except NotionError as error:
        print(f"warning: the list is made, but its Today page could not be: {error}. Run "
              "`outreach-worker check --fix` to try again.", file=sys.stderr)
        return None


def check_today_page(gateway: NotionGateway, settings: Settings, source: DataSource, fix: bool) -> dict[str, Any]:
    """The Today page's line: whether a sync can write the configured one; with `fix`, make one."""
    if settings.today_page_id is not None:
        found = inspect_today_page(gateway, settings.today_page_id, list_ids(source, settings.require_database()))
        usable = found.state == READY
        print(f"Today page <{found.url}>: " + ("a sync can write it." if usable else found.message))
        return {"state": found.state, "url": found.url, "page_id": found.page_id, "usable": usable,
                "message": found.message}
    if not fix:
        print("Today page: not set up (optional). `outreach-worker check --fix` creates one beside the list.")
        return {"state": "not set up", "usable": True}
    return _fix_today_page(gateway, source)


def _fix_today_page(gateway: NotionGateway, source: DataSource) -> dict[str, Any]:
    how = ("create a page in Notion, share it with the integration (••• → Connections) and put its link in "
           ".env as OUTREACH_TODAY_PAGE=...")
    if not source.parent_page_id:
        print(f"Today page: the list is not on a page, so check --fix cannot put one beside it; {how}")
        return {"state": "not set up", "usable": True, "message": how}
    try:
        page = apply_today_page(gateway, source.parent_page_id, list_ids(source))
    except AccessDenied as error:
        message = (f"the page that holds the list is not shared with the integration ({error}). Share it "
                   f"(••• → Connections) and run `outreach-worker check --fix` again, or {how}")
        print(f"Today page: {message}")
        return {"state": "not set up", "usable": True, "message": message}
    except NotionError as error:
        message = f"Notion did not make it ({error}); run `outreach-worker check --fix` again later, or {how}"
        print(f"Today page: {message}")
        return {"state": "not set up", "usable": True, "message": message}
    print(f"Today page: ready beside the list: {page.url}")
    print("Put this line in .env (or your environment); the next sync fills the page:")
    print(f"OUTREACH_TODAY_PAGE={page.page_id}")
    return {"state": "created", "url": page.url, "page_id": page.page_id, "usable": True,
            "env": {"OUTREACH_TODAY_PAGE": page.page_id}}
