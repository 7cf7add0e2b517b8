"""The template: find the list's data source, read its schema, check every expected property."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from worker.configuration import PropertyNames
from worker.notion.client import NotionGateway
from worker.notion.codec import plain_id
from worker.notion.errors import AccessDenied, RequestRejected, SchemaError
from worker.template import ALL_KEYS, BY_KEY, COLUMNS, SELF_RELATIONS, USER_KEYS, WORKER_KEYS

USER_OWNED = USER_KEYS
WORKER_OWNED = WORKER_KEYS
# Accepted Notion types per template property; the first is what init and --fix create.
EXPECTED_TYPES: dict[str, tuple[str, ...]] = {column.key: column.types for column in COLUMNS}
# What a check can find wrong with a property.
MISSING, WRONG_TYPE, OTHER_DATABASE = "missing", "wrong type", "relates to another database"
TEMPLATE_NAMES = PropertyNames()  # the template's own column names, for rename notes
_NEW_TYPE_WORDS = {"rich_text": "text", "multi_select": "multi-select", "title": "title"}


@dataclass(frozen=True)
class DataSource:
    """The Outreach List as Notion describes it: ids, URL, title and property schema by name."""

    database_id: str
    data_source_id: str
    url: str
    title: str
    properties: dict[str, dict[str, Any]]
    parent_page_id: str = ""  # the page that holds the database, when a page does

    def property_id(self, name: str) -> str:
        return self.properties[name]["id"]


@dataclass(frozen=True)
class PropertyCheck:
    """One expected property: what the template wants and what the list has."""

    key: str  # PropertyNames field, e.g. "last_contacted"
    name: str  # the column name configured for it
    expected: tuple[str, ...]
    found: str | None  # the Notion type found, None when missing
    problem: str  # "" when fine, else MISSING, WRONG_TYPE or OTHER_DATABASE

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def worker_owned(self) -> bool:
        return self.key in WORKER_OWNED

    @property
    def optional(self) -> bool:
        return BY_KEY[self.key].optional

    @property
    def absent(self) -> bool:
        """An optional property the list does not have: fine, the worker works without it."""
        return self.found is None and not self.problem


def fetch_data_source(gateway: NotionGateway, ref: str) -> DataSource:
    """Resolve a database id or data source id to the list's one data source, schema included."""
    api = gateway.api
    try:
        database = gateway.call(api.databases.retrieve, "databases.retrieve", database_id=ref)
    except (AccessDenied, RequestRejected) as not_a_database:
        try:
            return fetch_data_source_by_id(gateway, ref)
        except (AccessDenied, RequestRejected):
            raise not_a_database from None
    sources = database.get("data_sources") or []
    if len(sources) != 1:
        listed = ", ".join(f"{s.get('name') or '(untitled)'} ({s['id']})" for s in sources) or "none"
        raise SchemaError(
            f"The database {database.get('url', ref)} has {len(sources)} data sources ({listed}). "
            "Set OUTREACH_DATABASE_ID to the id of the one that holds your Outreach List."
        )
    return fetch_data_source_by_id(gateway, sources[0]["id"])


def data_source_from(source: dict[str, Any]) -> DataSource:
    parent = source.get("parent") or {}
    return DataSource(
        database_id=plain_id(parent.get("database_id") or source["id"]),
        data_source_id=plain_id(source["id"]),
        url=source.get("url") or "",
        title="".join(part.get("plain_text", "") for part in source.get("title") or []),
        properties=dict(source.get("properties") or {}),
        parent_page_id=plain_id((source.get("database_parent") or {}).get("page_id") or ""),
    )


def check_schema(source: DataSource, names: PropertyNames) -> list[PropertyCheck]:
    """One check per template property, in template order."""
    return [_check(source, key, getattr(names, key)) for key in ALL_KEYS]


def _check(source: DataSource, key: str, name: str) -> PropertyCheck:
    expected = EXPECTED_TYPES[key]
    prop = source.properties.get(name)
    if prop is None:
        return PropertyCheck(key, name, expected, None, "" if BY_KEY[key].optional else MISSING)
    found = prop.get("type")
    if found not in expected:
        return PropertyCheck(key, name, expected, found, WRONG_TYPE)
    if key in SELF_RELATIONS:
        target = plain_id((prop.get("relation") or {}).get("data_source_id") or "")
        if target != source.data_source_id:
            return PropertyCheck(key, name, expected, found, OTHER_DATABASE)
    return PropertyCheck(key, name, expected, found, "")


def describe_check(check: PropertyCheck, config_file: str) -> str:
    """What a check found, with the fix: `ok`, `missing: …`, `wrong type (is X, should be Y): …`,
    `relates to another database: …`. One wording for `check` and for a sync that stops."""
    renamed = _renamed(check)
    if check.absent:
        return f"optional, not in the list{renamed}: {_how_to_add(check, config_file)}"
    if check.ok:
        return f"ok{renamed}"
    if check.problem == MISSING:
        return f"missing{renamed}: {_how_to_add(check, config_file)}"
    if check.problem == WRONG_TYPE:
        should = " or ".join(check.expected)
        return f"wrong type (is {check.found}, should be {should}){renamed}: {_how_to_retype(check, config_file)}"
    return (
        f"relates to another database{renamed}: it must relate to this Outreach List itself. "
        f'Point "{check.name}" at this database in Notion, or {_map_hint(check, config_file, "relation")}.'
    )


def _how_to_add(check: PropertyCheck, config_file: str) -> str:
    kind = _type_words(check)
    if check.optional:
        return f"`outreach-worker check --fix` adds it (a {kind} property) if you want it."
    if check.worker_owned:
        return f"run `outreach-worker check --fix` to add it (a {kind} property)."
    options = TEMPLATE_OPTIONS.get(check.key)
    with_options = f" with the options {', '.join(options)}" if options else ""
    return f'add a {kind} property named "{check.name}" in Notion{with_options}, or {_map_hint(check, config_file, kind)}.'


def _how_to_retype(check: PropertyCheck, config_file: str) -> str:
    kind = _type_words(check)
    if check.worker_owned:
        return (
            f"the worker never changes a column's type. Rename or delete \"{check.name}\" in Notion "
            f"(then `outreach-worker check --fix` adds a new {kind} column), or {_map_hint(check, config_file, kind)}."
        )
    return f'change the type of "{check.name}" to {kind} in Notion, or {_map_hint(check, config_file, kind)}.'


def _map_hint(check: PropertyCheck, config_file: str, kind: str) -> str:
    return f'point the worker at another {kind} column with `{check.key} = "Your column"` under [properties] in {config_file}'


def _type_words(check: PropertyCheck) -> str:
    if check.key in SELF_RELATIONS:
        return "relation (to this same database)"
    return " or ".join(_NEW_TYPE_WORDS.get(kind, kind) for kind in check.expected)


def _renamed(check: PropertyCheck) -> str:
    default = getattr(TEMPLATE_NAMES, check.key)
    return f', renamed via config → "{check.name}"' if check.name != default else ""


def require_template(source: DataSource, names: PropertyNames, config_file: str) -> list[PropertyCheck]:
    """The checks, or SchemaError naming every problem when any property is missing or mistyped."""
    checks = check_schema(source, names)
    problems = [f'"{check.name}" {describe_check(check, config_file)}' for check in checks if not check.ok]
    if problems:
        raise SchemaError(f"The Outreach List {source.url} does not match the template.", problems)
    return checks


# Option labels and colours per select-like template property; others start with no options.
TEMPLATE_OPTIONS: dict[str, dict[str, str]] = {column.key: dict(column.options) for column in COLUMNS if column.options}


def fetch_data_source_by_id(gateway: NotionGateway, data_source_id: str) -> DataSource:
    """Re-read one data source's schema by its own id (after a change)."""
    api = gateway.api
    return data_source_from(gateway.call(api.data_sources.retrieve, "data_sources.retrieve", data_source_id=data_source_id))
