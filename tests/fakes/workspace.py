"""Workspace pages for FakeNotion: pages shared (or not) with the integration, the databases and
sub-pages on them (`GET /v1/blocks/{page_id}/children`), and their content as markdown (content.py),
so `init`, `check --fix` and the Today page can be tested end to end.

An addition beside the core fake, not an edit of it: `PagesFakeNotion` answers the routes below
itself and hands every other request to FakeNotion.

- `GET /v1/blocks/{id}/children`: the page's databases and sub-pages as child_database and
  child_page blocks in creation order (paginated like Notion); 404 object_not_found when the page
  is unknown (not shared).
- `POST /v1/databases` with a page parent: 404 unless the page was added with `add_page` (or made
  through the API under one), like Notion when the page is not shared with the integration.
- `POST /v1/pages` with a page parent, `GET`/`PATCH /v1/pages/{id}/markdown`: see content.py.
- `POST /v1/views`: see views.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .common import ApiError, compact_id, minute_iso, normalize_id, not_found, title_array
from .content import MarkdownContent
from .views import View, Views
from .handlers import _page_size
from .notion import FakeNotion

_CHILDREN = re.compile(r"^/v1/blocks/([^/]+)/children$")
_MARKDOWN = re.compile(r"^/v1/pages/([^/]+)/markdown$")


@dataclass
class WorkspacePage:
    id: str
    title: str
    created: datetime
    last_edited: datetime
    parent_id: str | None = None  # None: a top-level page the user shared with the integration
    in_trash: bool = False


class PagesFakeNotion(MarkdownContent, Views, FakeNotion):
    """FakeNotion plus workspace pages that can parent databases and pages, with markdown content,
    and views of data sources."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workspace_pages: dict[str, WorkspacePage] = {}
        self.content: dict[str, str] = {}  # markdown by dashed page id (workspace pages and rows)
        self.views: dict[str, View] = {}

    def add_page(self, title: str = "Job search", *, parent_id: str | None = None, markdown: str = "",
                 by_request: bool = False) -> str:
        """A page shared with the integration (under `parent_id` if given); returns its dashed id."""
        with self._lock:
            now = self.next_created() if by_request else self.clock.now()
            page = WorkspacePage(self.ids.uuid(), title, now, now, normalize_id(parent_id) if parent_id else None)
            self.workspace_pages[page.id] = page
            self.content[page.id] = markdown
            return page.id

    def databases_under(self, page_id: str) -> list[str]:
        """Dashed ids of the databases (not in the trash) whose parent is the page, oldest first."""
        dashed = normalize_id(page_id)
        with self._lock:
            found = [db for db in self.databases.values()
                     if db.parent.get("page_id") == dashed and not db.in_trash]
            return [db.id for db in sorted(found, key=lambda db: (db.created, db.id))]

    def pages_under(self, page_id: str) -> list[str]:
        """Dashed ids of the workspace pages (not in the trash) under the page, oldest first."""
        dashed = normalize_id(page_id)
        with self._lock:
            found = [p for p in self.workspace_pages.values() if p.parent_id == dashed and not p.in_trash]
            return [p.id for p in sorted(found, key=lambda p: (p.created, p.id))]

    def children_of(self, page_id: str) -> list[tuple[str, str]]:
        """("database" | "page", dashed id) for everything directly on the page, oldest first."""
        with self._lock:
            dated = [(self.databases[d].created, "database", d) for d in self.databases_under(page_id)]
            dated += [(self.workspace_pages[p].created, "page", p) for p in self.pages_under(page_id)]
            return [(kind, child) for _, kind, child in sorted(dated)]

    def workspace_page_url(self, page_id: str) -> str:
        page = self.workspace_pages[normalize_id(page_id)]
        slug = re.sub(r"[\W_]+", "-", page.title).strip("-")
        return f"{self.url_base}{slug + '-' if slug else ''}{compact_id(page.id)}"

    def workspace_page_json(self, page_id: str) -> dict[str, Any]:
        """The page object of a page under a page, keys in the recorded order (pages_create.yaml)."""
        page = self.workspace_pages[normalize_id(page_id)]
        parent = ({"type": "page_id", "page_id": page.parent_id} if page.parent_id
                  else {"type": "workspace", "workspace": True})
        return {
            "object": "page", "id": page.id, "created_time": minute_iso(page.created),
            "last_edited_time": minute_iso(page.last_edited), "created_by": self.bot.ref(),
            "last_edited_by": self.bot.ref(), "cover": None, "icon": None, "parent": parent,
            "in_trash": page.in_trash, "is_archived": page.in_trash, "is_locked": False,
            "properties": {"title": {"id": "title", "type": "title", "title": title_array(page.title)}},
            "url": self.workspace_page_url(page.id), "public_url": None, "archived": page.in_trash,
        }

    def _route(self, method: str, path: str, query: dict, body: bytes) -> dict[str, Any]:
        match = _CHILDREN.match(path)
        if method == "GET" and match:
            return self._h_block_children(match.group(1), query)
        match = _MARKDOWN.match(path)
        if match and method == "GET":
            return self._h_get_markdown(match.group(1), query)
        if match and method == "PATCH":
            return self._h_update_markdown(match.group(1), self._body(method, body))
        if method == "POST" and path == "/v1/views":
            return self._h_create_view(self._body(method, body))
        if method == "POST" and path == "/v1/databases":
            parent = (self._body(method, body).get("parent") or {})
            if "page_id" in parent:
                self._shared_page(str(parent["page_id"]))
        if method == "POST" and path == "/v1/pages":
            parsed = self._body(method, body)
            if isinstance(parsed.get("parent"), dict) and "page_id" in parsed["parent"]:
                return self._h_create_child_page(parsed)
        return super()._route(method, path, query, body)

    def _shared_page(self, raw_id: str) -> WorkspacePage:
        dashed = normalize_id(raw_id)
        if dashed is None:
            raise ApiError(400, "validation_error",
                           f"path failed validation: path.block_id should be a valid uuid, instead was `\"{raw_id}\"`.")
        if dashed not in self.workspace_pages or self.workspace_pages[dashed].in_trash:
            raise not_found("block", dashed)
        return self.workspace_pages[dashed]

    def _h_block_children(self, raw_id: str, query: dict) -> dict[str, Any]:
        size = _page_size((query.get("page_size") or [None])[0], "query.page_size")
        with self._lock:
            page = self._shared_page(raw_id)
            blocks = [self._child_block(page, kind, child) for kind, child in self.children_of(page.id)]
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

    def _child_block(self, page: WorkspacePage, kind: str, child_id: str) -> dict[str, Any]:
        """A child_database or child_page block, keys as in the recordings (views_create.yaml)."""
        child = self.databases[child_id] if kind == "database" else self.workspace_pages[child_id]
        return {
            "object": "block", "id": child.id, "parent": {"type": "page_id", "page_id": page.id},
            "created_time": minute_iso(child.created), "last_edited_time": minute_iso(child.last_edited),
            "created_by": self.bot.ref(), "last_edited_by": self.bot.ref(), "has_children": False,
            "in_trash": False, "type": f"child_{kind}", f"child_{kind}": {"title": child.title},
            "archived": False,
        }
