"""Endpoint handlers of FakeNotion (mixed into it); each returns the response JSON or raises ApiError."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import unquote

from .common import API_HOST, ApiError, compact_id, minute_iso, normalize_id, not_found, plain_text, validation
from .query import Matcher, creation_order, sort_pages
from .schema import Database, DataSource, database_json, data_source_json
from .values import error_if_trashed, render_value

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 100
PAGINATED_ITEMS = ("title", "rich_text", "relation", "people")
QUERY_KEYS = {"filter", "sorts", "start_cursor", "page_size", "archived", "in_trash", "result_type"}
PAGE_UPDATE_KEYS = {"properties", "icon", "cover", "is_locked", "template", "erase_content", "archived", "in_trash"}
PAGE_CREATE_KEYS = {"parent", "properties", "icon", "cover", "content", "children", "markdown", "template", "position"}
DB_UPDATE_KEYS = {"parent", "title", "description", "is_inline", "icon", "cover", "in_trash", "is_locked", "archived"}
DS_UPDATE_KEYS = {"title", "icon", "properties", "in_trash", "archived", "parent"}


@dataclass
class Page:
    id: str
    ds_id: str
    created: datetime
    last_edited: datetime
    created_by: str
    last_edited_by: str
    number: int
    values: dict[str, Any] = field(default_factory=dict)   # by property id
    in_trash: bool = False
    is_locked: bool = False
    icon: Any = None
    cover: Any = None


def _only(body: dict, allowed: set[str], where: str = "body") -> None:
    extra = sorted(set(body) - allowed)
    if extra:
        raise validation(f"body failed validation: {where}.{extra[0]} should be not present, instead was "
                         f"`{body[extra[0]]!r}`.")


def _page_size(raw: Any, where: str) -> int:
    if raw is None:
        return DEFAULT_PAGE_SIZE
    if isinstance(raw, str) and raw.isdigit():
        raw = int(raw)
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 1:
        raise validation(f"body failed validation: {where} should be a positive integer, instead was `{raw!r}`.")
    if raw > MAX_PAGE_SIZE:
        raise validation(f"body failed validation: {where} should be ≤ `{MAX_PAGE_SIZE}`, instead was `{raw}`.")
    return raw


def _bad_cursor(cursor: Any) -> ApiError:
    return validation(f"body failed validation: body.start_cursor `{cursor}` is not a valid cursor for this query.")


def _rich_title(raw: Any) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, list):
        raise validation("body failed validation: body.title should be an array.")
    return "".join((i.get("text") or {}).get("content", "") if isinstance(i, dict) else "" for i in raw)


class Handlers:
    """Route handlers; `self` is a FakeNotion and every handler runs under its lock."""

    # ---- users / databases ----------------------------------------------------------------------

    def _h_users_me(self, *, query, body) -> dict:
        return {"object": "user", "id": self.bot.id, "name": self.bot.name, "avatar_url": None, "type": "bot",
                "bot": {"owner": {"type": "workspace", "workspace": True}, "workspace_name": "Fake workspace",
                        "workspace_id": self.workspace_id,
                        "workspace_limits": {"max_file_upload_size_in_bytes": 5242880}}}

    def _db_json(self, db: Database) -> dict:
        return database_json(db, self.url_base, self.bot.ref(), [self.sources[s] for s in db.data_source_ids])

    def _h_get_database(self, raw_id, *, query, body) -> dict:
        with self._lock:
            return self._db_json(self._lookup(self.databases, raw_id, "database", "database_id"))

    def _h_create_database(self, *, query, body) -> dict:
        _only(body, {"parent", "title", "description", "is_inline", "initial_data_source", "icon", "cover"})
        parent = body.get("parent")
        page_parent = isinstance(parent, dict) and normalize_id(str(parent.get("page_id", "")))
        if not (page_parent or (isinstance(parent, dict) and parent.get("workspace"))):
            raise validation("body failed validation: body.parent should be a page_id or workspace parent.")
        initial = body.get("initial_data_source") or {}
        props = initial.get("properties") or {"Name": {"title": {}}}
        with self._lock:
            db_id, _ = self.create_database(_rich_title(body.get("title")), props, parent_page_id=parent.get("page_id"),
                                            is_inline=bool(body.get("is_inline", False)))
            db = self.databases[db_id]
            db.icon, db.cover = body.get("icon"), body.get("cover")
            return self._db_json(db)

    def _h_update_database(self, raw_id, *, query, body) -> dict:
        _only(body, DB_UPDATE_KEYS)
        with self._lock:
            db = self._lookup(self.databases, raw_id, "database", "database_id")
            if "title" in body:
                db.title = _rich_title(body["title"])
            for key in ("is_inline", "is_locked", "icon", "cover", "description"):
                if key in body:
                    setattr(db, key, body[key])
            if "in_trash" in body or "archived" in body:
                db.in_trash = bool(body.get("in_trash", body.get("archived")))
            db.last_edited = self.clock.now()
            return self._db_json(db)

    # ---- data sources ---------------------------------------------------------------------------

    def _ds_json(self, ds: DataSource) -> dict:
        return data_source_json(ds, self.databases[ds.database_id], self.url_base, self.bot.ref())

    def _h_get_data_source(self, raw_id, *, query, body) -> dict:
        with self._lock:
            return self._ds_json(self._lookup(self.sources, raw_id, "data_source", "data_source_id"))

    def _h_create_data_source(self, *, query, body) -> dict:
        _only(body, {"parent", "properties", "title", "icon"})
        parent = body.get("parent") or {}
        with self._lock:
            db = self._lookup(self.databases, str(parent.get("database_id", "")), "database", "database_id")
            ds_id = self.add_data_source(db.id, _rich_title(body.get("title")), body.get("properties") or {})
            self.sources[ds_id].icon = body.get("icon")
            return self._ds_json(self.sources[ds_id])

    def _h_update_data_source(self, raw_id, *, query, body) -> dict:
        _only(body, DS_UPDATE_KEYS)
        with self._lock:
            ds = self._lookup(self.sources, raw_id, "data_source", "data_source_id")
            if "properties" in body:
                before = {pid: p.type for pid, p in ds.props.items()}
                self.schema_editor.apply(ds, body["properties"])
                self._drop_stale_values(ds, before)
            if "title" in body:
                ds.title = _rich_title(body["title"])
            if "icon" in body:
                ds.icon = body["icon"]
            if "in_trash" in body or "archived" in body:
                ds.in_trash = bool(body.get("in_trash", body.get("archived")))
            ds.last_edited = self.clock.now()
            return self._ds_json(ds)

    def _drop_stale_values(self, ds: DataSource, before: dict[str, str]) -> None:
        """Deleted properties lose their values; a retyped property starts empty."""
        for page in self.source_pages(ds.id):
            page.values = {pid: v for pid, v in page.values.items()
                           if pid in ds.props and ds.props[pid].type == before.get(pid)}

    def _h_query_data_source(self, raw_id, *, query, body) -> dict:
        _only(body, QUERY_KEYS)
        size = _page_size(body.get("page_size"), "body.page_size")
        with self._lock:
            ds = self._lookup(self.sources, raw_id, "data_source", "data_source_id")
            shown = self._shown_props(ds, query.get("filter_properties", []))
            trash = bool(body.get("in_trash", body.get("archived", False)))
            matcher = Matcher(ds, body.get("filter"))
            pages = self.source_pages(ds.id)   # creation order
            matching = None
            if body.get("filter") is not None:   # every candidate is evaluated, as before (and its errors)
                matching = [p for p in pages if p.in_trash == trash and matcher.matches(p)]
            direction = creation_order(ds, body.get("sorts"))
            if direction is None:   # another order: sort the matching pages
                if matching is None:
                    matching = [p for p in pages if p.in_trash == trash]
                ordered = sort_pages(ds, matching, body.get("sorts"))[: self.query_result_cap]
                start = self._cursor_index(ordered, body.get("start_cursor"))
                chunk, end = ordered[start: start + size], start + size
                following = ordered[end] if end < len(ordered) else None
            elif matching is not None:   # filtered, in creation order: no sort needed
                ordered = (matching[::-1] if direction == "descending" else matching)[: self.query_result_cap]
                start = self._cursor_index(ordered, body.get("start_cursor"))
                chunk, end = ordered[start: start + size], start + size
                following = ordered[end] if end < len(ordered) else None
            else:   # the common case: no filter, creation order; only the answer's pages are touched
                chunk, following = self._creation_order_slice(ds, pages, trash, direction == "descending",
                                                              body.get("start_cursor"), size)
            return {"object": "list", "results": [self.page_json(p, shown) for p in chunk],
                    "next_cursor": following.id if following is not None else None,
                    "has_more": following is not None,
                    "type": "page_or_data_source", "page_or_data_source": {}}

    def _creation_order_slice(self, ds: DataSource, pages: list[Page], trash: bool, descending: bool,
                              cursor: Any, size: int) -> tuple[list[Page], Page | None]:
        """(the `size` pages from the cursor on, the page after them or None) of the unfiltered query in
        creation order (reversed when descending), capped at `query_result_cap` results.

        The cursor (a page id) is found by its index in the data source's list, not by a scan; the
        rank among the matching pages is only counted when the cap could be in reach.
        """
        total = len(pages)
        at = (lambda i: pages[total - 1 - i]) if descending else pages.__getitem__
        cap = self.query_result_cap
        position = 0
        if cursor is not None:
            dashed = normalize_id(cursor) if isinstance(cursor, str) else None
            target = self.pages.get(dashed) if dashed else None
            index = self.source_index(target.id) if target is not None and target.ds_id == ds.id else None
            if index is None or target.in_trash != trash:
                raise _bad_cursor(cursor)
            position = total - 1 - index if descending else index
        rank = position   # an upper bound of the cursor's rank among the matching pages
        if rank + size >= cap:   # near the cap: count exactly
            rank = sum(1 for i in range(position) if at(i).in_trash == trash)
            if rank >= cap:
                raise _bad_cursor(cursor)
        chunk: list[Page] = []
        room = min(size, cap - rank)
        following = None
        for i in range(position, total):
            page = at(i)
            if page.in_trash != trash:
                continue
            if len(chunk) < room:
                chunk.append(page)
            else:
                following = page if rank + size < cap else None
                break
        return chunk, following

    @staticmethod
    def _cursor_index(ordered: list[Page], cursor: Any) -> int:
        if cursor is None:
            return 0
        dashed = normalize_id(cursor) if isinstance(cursor, str) else None
        for i, page in enumerate(ordered):
            if page.id == dashed:
                return i
        raise _bad_cursor(cursor)

    @staticmethod
    def _shown_props(ds: DataSource, wanted: list[str]) -> set[str] | None:
        if not wanted:
            return None
        shown = set()
        for key in wanted:
            prop = ds.find(key)
            if prop is None:
                raise validation(f"filter_properties: property `{key}` does not exist.")
            shown.add(prop.id)
        return shown

    # ---- pages ----------------------------------------------------------------------------------

    def page_json(self, page: Page, shown: set[str] | None = None) -> dict:
        """The page object with keys in the recorded order."""
        ds = self.sources[page.ds_id]
        props = {p.name: render_value(p, page.values.get(p.id), page) for p in ds.props.values()
                 if shown is None or p.id in shown}
        title = plain_text(page.values.get(ds.title_prop().id) or [])
        slug = re.sub(r"[\W_]+", "-", title).strip("-")
        return {
            "object": "page", "id": page.id, "created_time": minute_iso(page.created),
            "last_edited_time": minute_iso(page.last_edited), "created_by": {"object": "user", "id": page.created_by},
            "last_edited_by": {"object": "user", "id": page.last_edited_by}, "cover": page.cover, "icon": page.icon,
            "parent": {"type": "data_source_id", "data_source_id": ds.id, "database_id": ds.database_id},
            "in_trash": page.in_trash, "is_archived": page.in_trash, "is_locked": page.is_locked,
            "properties": props, "url": f"{self.url_base}{slug + '-' if slug else ''}{compact_id(page.id)}",
            "public_url": None, "archived": page.in_trash,
        }

    def _h_get_page(self, raw_id, *, query, body) -> dict:
        with self._lock:
            page = self._lookup(self.pages, raw_id, "page", "page_id")
            return self.page_json(page, self._shown_props(self.sources[page.ds_id], query.get("filter_properties", [])))

    def _h_create_page(self, *, query, body) -> dict:
        _only(body, PAGE_CREATE_KEYS)
        parent = body.get("parent")
        if not isinstance(parent, dict):
            raise validation("body failed validation: body.parent should be defined, instead was `undefined`.")
        with self._lock:
            ds = self._parent_source(parent)
            finals = self._parse_properties(ds, body.get("properties") or {})
            page = self.new_page(ds.id, by=self.bot.id)
            self._commit(page, finals)
            page.icon, page.cover = body.get("icon"), body.get("cover")
            return self.page_json(page)

    def _parent_source(self, parent: dict) -> DataSource:
        if "data_source_id" in parent:
            return self._lookup(self.sources, str(parent["data_source_id"]), "data_source", "data_source_id")
        if "database_id" in parent:
            db = self._lookup(self.databases, str(parent["database_id"]), "database", "database_id")
            if len(db.data_source_ids) != 1:
                raise validation("Databases with multiple data sources are not supported in this API version.")
            return self.sources[db.data_source_ids[0]]
        raise validation("fake: only data_source_id / database_id page parents are modelled.")

    def _h_update_page(self, raw_id, *, query, body) -> dict:
        _only(body, PAGE_UPDATE_KEYS)
        with self._lock:
            page = self._lookup(self.pages, raw_id, "page", "page_id")
            restoring = body.get("in_trash", body.get("archived")) is False
            if page.in_trash and not restoring:
                error_if_trashed(page)
            ds = self.sources[page.ds_id]
            finals = self._parse_properties(ds, body.get("properties") or {})
            if "in_trash" in body or "archived" in body:
                page.in_trash = bool(body.get("in_trash", body.get("archived")))
            for key in ("icon", "cover", "is_locked"):
                if key in body:
                    setattr(page, key, body[key])
            self._commit(page, finals)
            self.touch(page, self.bot.id)
            return self.page_json(page)

    def _parse_properties(self, ds: DataSource, properties: Any) -> dict[str, Any]:
        if not isinstance(properties, dict):
            raise validation("body failed validation: body.properties should be an object.")
        finals = {}
        for key, value in properties.items():
            prop = ds.find(key)
            if prop is None:
                raise validation(f"{key} is not a property that exists.")
            finals[prop.id] = self.value_parser.parse(prop, value)
        return finals

    @staticmethod
    def _commit(page: Page, finals: dict[str, Any]) -> None:
        for prop_id, finalize in finals.items():
            page.values[prop_id] = finalize()

    def _h_get_page_property(self, raw_id, raw_prop, *, query, body) -> dict:
        with self._lock:
            page = self._lookup(self.pages, raw_id, "page", "page_id")
            ds = self.sources[page.ds_id]
            prop = next((p for p in ds.props.values() if unquote(p.id) == unquote(raw_prop)), None)
            if prop is None:
                raise not_found("property", unquote(raw_prop))
            if prop.type not in PAGINATED_ITEMS:
                value = render_value(prop, page.values.get(prop.id), page)
                return {"object": "property_item", "type": prop.type, "id": prop.id, prop.type: value[prop.type]}
            return self._property_list(page, prop, query)

    def _property_list(self, page: Page, prop, query: dict) -> dict:
        size = _page_size((query.get("page_size") or [None])[0], "query.page_size")
        cursor = (query.get("start_cursor") or [None])[0]
        start = 0
        if cursor is not None:
            saved = self._cursors.get(cursor)
            if saved is None or saved[:2] != (page.id, prop.id):
                raise validation(f"query failed validation: start_cursor `{cursor}` is invalid.")
            start = saved[2]
        items = _property_items(prop.type, page.values.get(prop.id) or [])
        end = start + size
        next_cursor = None
        if end < len(items):
            next_cursor = self._request_ids.uuid()
            self._cursors[next_cursor] = (page.id, prop.id, end)
        next_url = (f"{API_HOST}/v1/pages/{page.id}/properties/{prop.id}?start_cursor={next_cursor}&page_size={size}"
                    if next_cursor else None)
        return {"object": "list",
                "results": [{"object": "property_item", "type": prop.type, "id": prop.id, prop.type: item}
                            for item in items[start:end]],
                "next_cursor": next_cursor, "has_more": next_cursor is not None, "type": "property_item",
                "property_item": {"id": prop.id, "next_url": next_url, "type": prop.type, prop.type: {}}}


def _property_items(kind: str, stored: list) -> list:
    if kind == "relation":
        return [{"id": page_id} for page_id in stored]
    if kind == "people":
        return [{"object": "user", "id": user_id} for user_id in stored]
    return list(stored)


__all__ = ["Handlers", "Page", "ApiError"]
