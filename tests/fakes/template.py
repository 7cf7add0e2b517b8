"""Direct state builders (no HTTP, no faults, not recorded): databases, the SPEC §3 template, people rows."""

from __future__ import annotations

import copy
from typing import Any

from .common import ApiError, floor_minute, normalize_id, plain_text
from .handlers import Page
from .schema import Database, DataSource
from .values import plain_value, write_body

SELF = "self"   # placeholder data_source_id: "a relation to this same data source"
ROLE_OPTIONS = ("Engineer", "Engineering Manager", "Recruiter", "Founder", "Other")
CLOSENESS_OPTIONS = ("Close", "Warm", "Acquaintance", "Cold")
STATUS_OPTIONS = (
    ("Not contacted", "default", "To-do"),
    ("Reached out", "blue", "In progress"),
    ("Replied", "purple", "In progress"),
    ("Meeting scheduled", "yellow", "In progress"),
    ("Interviewing", "orange", "In progress"),
    ("Referred", "green", "Complete"),
    ("Not interested", "gray", "Complete"),
)
ASK_OPTIONS = ("Pitch for interview", "Request introductions", "Ask for advice", "Connect over shared interest")
USER_OWNED = ("Name", "Company", "Role", "Closeness", "Last contacted", "Status", "Knows", "Introduced by",
              "Shared interests", "Paused", "Meeting on", "Email", "LinkedIn")
WORKER_OWNED = ("Suggested ask", "Why", "Next step", "Draft", "Intro path", "Mail link", "Intro via", "Follow up on",
                "Stale", "Strength", "Intros made", "Worker state")


def _select(names: tuple[str, ...]) -> dict:
    return {"select": {"options": [{"name": n} for n in names]}}


def _self_relation() -> dict:
    return {"relation": {"data_source_id": SELF, "type": "single_property", "single_property": {}}}


def outreach_template() -> dict[str, dict]:
    """The SPEC §3 schema in request form (a fresh copy; `"self"` marks self-relations)."""
    return {
        "Name": {"title": {}},
        "Company": {"select": {"options": []}},
        "Role": _select(ROLE_OPTIONS),
        "Closeness": _select(CLOSENESS_OPTIONS),
        "Last contacted": {"date": {}},
        "Status": {"status": {"options": [{"name": n, "color": c, "group": g} for n, c, g in STATUS_OPTIONS]}},
        "Knows": _self_relation(),
        "Introduced by": _self_relation(),
        "Shared interests": {"multi_select": {"options": []}},
        "Paused": {"checkbox": {}},
        "Meeting on": {"date": {}},
        "Email": {"email": {}},
        "LinkedIn": {"url": {}},
        "Suggested ask": _select(ASK_OPTIONS),
        "Why": {"rich_text": {}},
        "Next step": {"rich_text": {}},
        "Draft": {"rich_text": {}},
        "Intro path": {"rich_text": {}},
        "Mail link": {"url": {}},
        "Intro via": _self_relation(),
        "Follow up on": {"date": {}},
        "Stale": {"checkbox": {}},
        "Strength": {"number": {"format": "number"}},
        "Intros made": {"number": {"format": "number"}},
        "Worker state": {"rich_text": {}},
    }


def merge_properties(base: dict[str, dict], overrides: dict[str, Any] | None) -> dict[str, dict]:
    """Apply overrides: `None` drops, `{"name": new}` renames in place, anything else replaces or adds."""
    merged = dict(base)
    for key, spec in (overrides or {}).items():
        if spec is None:
            merged.pop(key, None)
        elif isinstance(spec, dict) and set(spec) == {"name"} and key in merged:
            merged = {(spec["name"] if k == key else k): v for k, v in merged.items()}
        else:
            merged[key] = spec
    return merged


def _resolve_self(properties: dict[str, Any], ds_id: str) -> dict[str, Any]:
    resolved = copy.deepcopy(properties)
    for spec in resolved.values():
        relation = spec.get("relation") if isinstance(spec, dict) else None
        if isinstance(relation, dict) and relation.get("data_source_id") == SELF:
            relation["data_source_id"] = ds_id
    return resolved


class TemplateBuilders:
    """Mixed into FakeNotion: build state directly, read plain values back for assertions."""

    def create_database(self, title: str, properties: dict[str, Any], parent_page_id: str | None = None,
                        is_inline: bool = False, trusted: bool = False) -> tuple[str, str]:
        """Create a database with one data source; returns (database id, data source id), dashed."""
        with self._lock:
            now = self.clock.now()
            parent = ({"type": "page_id", "page_id": normalize_id(parent_page_id) or parent_page_id}
                      if parent_page_id else {"type": "workspace", "workspace": True})
            db = Database(self.ids.uuid(), title, parent, now, now, is_inline=is_inline)
            self.databases[db.id] = db
            try:
                self.add_data_source(db.id, title, properties, trusted=trusted)
            except ApiError:
                del self.databases[db.id]
                raise
            return db.id, db.data_source_ids[0]

    def add_data_source(self, db_id: str, title: str, properties: dict[str, Any], trusted: bool = False) -> str:
        """Add a data source (schema in request form) to a database; returns its dashed id."""
        with self._lock:
            db = self.databases[normalize_id(db_id)]
            now = self.clock.now()
            ds = DataSource(self.ids.uuid(), db.id, title, now, now)
            self.schema_editor.apply(ds, _resolve_self(properties, ds.id), creating=True, trusted=trusted)
            self.sources[ds.id] = ds
            db.data_source_ids.append(ds.id)
            return ds.id

    def create_outreach_list(self, title: str = "Outreach List", properties: dict[str, Any] | None = None,
                             parent_page_id: str | None = None) -> tuple[str, str]:
        """The full SPEC §3 template (Status a real status with 7 options); `properties` drop/rename/retype."""
        return self.create_database(title, merge_properties(outreach_template(), properties),
                                    parent_page_id=parent_page_id, trusted=True)

    def new_page(self, ds_id: str, by: str) -> Page:
        """An empty page in the data source, created a distinct minute after the previous one."""
        with self._lock:
            created = self.next_created()
            page = Page(self.ids.uuid(), normalize_id(ds_id), created, created, by, by, self._unique.next())
            self._register_page(page)
            return page

    def touch(self, page: Page, user_id: str) -> None:
        """Bump last_edited_time (to the minute, never before created_time) and last_edited_by."""
        page.last_edited = max(page.created, floor_minute(self.clock.now()))
        page.last_edited_by = user_id

    def change_schema(self, ds_id: str, properties: dict[str, Any]) -> None:
        """Change a data source's schema as a person would in Notion (same rules as PATCH data_sources:
        add, rename, delete with None, retype; values of deleted or retyped properties are dropped)."""
        with self._lock:
            ds = self.sources[normalize_id(ds_id)]
            before = {pid: p.type for pid, p in ds.props.items()}
            self.schema_editor.apply(ds, _resolve_self(properties, ds.id))
            self._drop_stale_values(ds, before)
            ds.last_edited = self.clock.now()

    def add_people(self, ds_id: str, rows: list[dict[str, Any]]) -> list[str]:
        """Add rows given as plain values by property name; relations by Name or page id. Returns dashed ids."""
        with self._lock:
            ds = self.sources[normalize_id(ds_id)]
            pages = []
            for row in rows:
                page = self.new_page(ds.id, by=self.person.id)
                self._write_plain(ds, page, {k: v for k, v in row.items() if not self._is_relation(ds, k)})
                pages.append((page, row))
            for page, row in pages:
                self._write_plain(ds, page, {k: v for k, v in row.items() if self._is_relation(ds, k)})
            return [page.id for page, _ in pages]

    def set_values(self, page_id: str, values: dict[str, Any]) -> None:
        """Simulate a person editing the row in Notion: plain values by name; bumps last_edited_time/by."""
        with self._lock:
            page = self.pages[normalize_id(page_id)]
            self._write_plain(self.sources[page.ds_id], page, values)
            self.touch(page, self.person.id)

    def page_values(self, page_id: str) -> dict[str, Any]:
        """Plain values by property name (text, option names, date start, relation ids without dashes, ...)."""
        with self._lock:
            page = self.pages[normalize_id(page_id)]
            ds = self.sources[page.ds_id]
            return {p.name: plain_value(p, page.values.get(p.id), page) for p in ds.props.values()}

    def trash_page(self, page_id: str) -> None:
        """Move a page to the trash as a person would (queries stop returning it)."""
        with self._lock:
            page = self.pages[normalize_id(page_id)]
            page.in_trash = True
            self.touch(page, self.person.id)

    def find_page(self, ds_id: str, name: str) -> str:
        """The dashed id of the first page (by creation) whose title is `name`."""
        with self._lock:
            ds = self.sources[normalize_id(ds_id)]
            for pid in self.pages_of(ds.id):
                if plain_text(self.pages[pid].values.get(ds.title_prop().id) or []) == name:
                    return pid
        raise KeyError(name)

    @staticmethod
    def _is_relation(ds: DataSource, key: str) -> bool:
        prop = ds.find(key)
        return prop is not None and prop.type == "relation"

    def _write_plain(self, ds: DataSource, page: Page, values: dict[str, Any]) -> None:
        finals = {}
        for key, plain in values.items():
            prop = ds.find(key)
            if prop is None:
                raise KeyError(f"{key!r} is not a property of the data source")
            resolve = (lambda ref, target=prop.config.get("data_source_id"): self._resolve_ref(target, ref))
            try:
                finals[prop.id] = self.value_parser.parse(prop, write_body(prop, plain, resolve))
            except ApiError as err:
                raise ValueError(f"{key}={plain!r}: {err.message}") from None
        for prop_id, finalize in finals.items():
            page.values[prop_id] = finalize()

    def _resolve_ref(self, ds_id: str, ref: str) -> str:
        dashed = normalize_id(ref)
        if dashed is not None and dashed in self.pages:
            return dashed
        try:
            return self.find_page(ds_id, ref)
        except KeyError:
            raise ValueError(f"no row named {ref!r} in the related data source") from None

    def advance_minutes(self, minutes: float = 1) -> None:
        """Move the fake clock forward (so later edits get a later last_edited_time)."""
        self.clock.advance(minutes=minutes)


__all__ = ["TemplateBuilders", "outreach_template", "merge_properties"]
