"""Workspace pages for FakeNotion: parent pages shared (or not) with the integration, and their
child_database blocks (`GET /v1/blocks/{page_id}/children`), so `init` can be tested end to end.

An addition beside the core fake, not an edit of it: `PagesFakeNotion` answers the two routes below
itself and hands every other request to FakeNotion.

- `GET /v1/blocks/{id}/children`: the page's databases as child_database blocks in creation order
  (paginated like Notion); 404 object_not_found when the page is unknown (not shared).
- `POST /v1/databases` with a page parent: 404 unless the page was added with `add_page`, like
  Notion when the page is not shared with the integration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .common import ApiError, minute_iso, normalize_id, not_found
from .handlers import _page_size
from .notion import FakeNotion

_CHILDREN = re.compile(r"^/v1/blocks/([^/]+)/children$")


@dataclass
class WorkspacePage:
    id: str
    title: str


class PagesFakeNotion(FakeNotion):
    """FakeNotion plus workspace pages that can parent databases."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workspace_pages: dict[str, WorkspacePage] = {}

    def add_page(self, title: str = "Job search") -> str:
        """A page shared with the integration; returns its dashed id."""
        with self._lock:
            page = WorkspacePage(self.ids.uuid(), title)
            self.workspace_pages[page.id] = page
            return page.id

    def databases_under(self, page_id: str) -> list[str]:
        """Dashed ids of the databases (not in the trash) whose parent is the page, oldest first."""
        dashed = normalize_id(page_id)
        with self._lock:
            found = [db for db in self.databases.values()
                     if db.parent.get("page_id") == dashed and not db.in_trash]
            return [db.id for db in sorted(found, key=lambda db: (db.created, db.id))]

    def _route(self, method: str, path: str, query: dict, body: bytes) -> dict[str, Any]:
        match = _CHILDREN.match(path)
        if method == "GET" and match:
            return self._h_block_children(match.group(1), query)
        if method == "POST" and path == "/v1/databases":
            parent = (self._body(method, body).get("parent") or {})
            if "page_id" in parent:
                self._shared_page(str(parent["page_id"]))
        return super()._route(method, path, query, body)

    def _shared_page(self, raw_id: str) -> WorkspacePage:
        dashed = normalize_id(raw_id)
        if dashed is None:
            raise ApiError(400, "validation_error",
                           f"path failed validation: path.block_id should be a valid uuid, instead was `\"{raw_id}\"`.")
        if dashed not in self.workspace_pages:
            raise not_found("block", dashed)
        return self.workspace_pages[dashed]

    def _h_block_children(self, raw_id: str, query: dict) -> dict[str, Any]:
        size = _page_size((query.get("page_size") or [None])[0], "query.page_size")
        with self._lock:
            page = self._shared_page(raw_id)
            blocks = [self._child_database_block(page, db_id) for db_id in self.databases_under(page.id)]
        start = 0
        cursor = (query.get("start_cursor") or [None])[0]
        if cursor is not None:
            ids = [block["id"] for block in blocks]
            if normalize_id(cursor) not in ids:
                raise ApiError(400, "validation_error", f"start_cursor `{cursor}` is invalid.")
            start = ids.index(normalize_id(cursor))
        chunk, end = blocks[start:start + size], start + size
        has_more = end < len(blocks)
        return {"object": "list", "results": chunk, "next_cursor": blocks[end]["id"] if has_more else None,
                "has_more": has_more, "type": "block", "block": {}}

    def _child_database_block(self, page: WorkspacePage, db_id: str) -> dict[str, Any]:
        db = self.databases[db_id]
        return {
            "object": "block", "id": db.id, "parent": {"type": "page_id", "page_id": page.id},
            "created_time": minute_iso(db.created), "last_edited_time": minute_iso(db.last_edited),
            "created_by": self.bot.ref(), "last_edited_by": self.bot.ref(), "has_children": False,
            "archived": False, "in_trash": False, "type": "child_database",
            "child_database": {"title": db.title},
        }
