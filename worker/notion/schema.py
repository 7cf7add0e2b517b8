"""The template: find the list's data source, read its schema, check every expected property."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from worker.core.configuration import PropertyNames
from worker.notion.client import NotionGateway
from worker.notion.codec import plain_id
from worker.notion.errors import (
    AccessDenied,
    CannotUpdate,
    RequestRejected,
    SchemaError,
    SeveralDataSources,
    UnreadableAnswer,
)
from worker.core.property_check import PropertyCheck, SchemaProblem
from worker.core.columns import ALL_KEYS, BY_KEY, COLUMNS, SELF_RELATIONS, USER_KEYS, WORKER_KEYS

USER_OWNED = USER_KEYS
WORKER_OWNED = WORKER_KEYS
# Accepted Notion types per template property; the first is what init and --fix create.
EXPECTED_TYPES: dict[str, tuple[str, ...]] = {column.key: column.types for column in COLUMNS}
# What a check can find wrong with a property (a relation the worker writes must be one-way, SPEC §3).
MISSING, WRONG_TYPE = SchemaProblem.MISSING, SchemaProblem.WRONG_TYPE
OTHER_DATABASE, TWO_WAY = SchemaProblem.OTHER_DATABASE, SchemaProblem.TWO_WAY
TEMPLATE_NAMES = PropertyNames()  # the template's own column names, for rename notes


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


def fetch_data_source(gateway: NotionGateway, ref: str) -> DataSource:
    """Resolve a database id or data source id to the list's one data source, schema included."""
    try:
        database = gateway.retrieve_database(ref)
    except (AccessDenied, RequestRejected) as not_a_database:
        try:
            return fetch_data_source_by_id(gateway, ref)
        except (AccessDenied, RequestRejected):
            raise not_a_database from None
    sources = [s for s in database.get("data_sources") or [] if isinstance(s, dict) and isinstance(s.get("id"), str)]
    if len(sources) != 1:
        named = [(s.get("name") or "", s["id"]) for s in sources]
        raise SeveralDataSources(database.get("url") or ref, named)
    return fetch_data_source_by_id(gateway, sources[0]["id"])


def data_source_from(source: dict[str, Any]) -> DataSource:
    """A data source object as the worker uses it; UnreadableAnswer when it lacks what the worker needs."""
    properties = source.get("properties") or {}
    readable = isinstance(source.get("id"), str) and isinstance(properties, dict) and all(
        isinstance(prop, dict) and isinstance(prop.get("id"), str) and isinstance(prop.get("type"), str)
        for prop in properties.values()
    )
    if not readable:
        raise UnreadableAnswer("Notion answered with a data source without its id or property ids", code="bad_answer")
    parent = source.get("parent") or {}
    return DataSource(
        database_id=plain_id(parent.get("database_id") or source["id"]),
        data_source_id=plain_id(source["id"]),
        url=source.get("url") or "",
        title="".join(part.get("plain_text", "") for part in source.get("title") or [] if isinstance(part, dict)),
        properties=dict(properties),
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
        relation = prop.get("relation") or {}
        target = plain_id(relation.get("data_source_id") or "")
        if target != source.data_source_id:
            return PropertyCheck(key, name, expected, found, OTHER_DATABASE)
        if BY_KEY[key].worker_owned and _two_way(relation):
            # Writing it would also fill its synced twin in the linked row: a column the worker does not own.
            synced = (relation.get("dual_property") or {}).get("synced_property_name") or ""
            return PropertyCheck(key, name, expected, found, TWO_WAY, synced)
    return PropertyCheck(key, name, expected, found, "")


def _two_way(relation: dict[str, Any]) -> bool:
    return relation.get("type") == "dual_property" or "dual_property" in relation


def require_template(source: DataSource, names: PropertyNames, config_file: str) -> list[PropertyCheck]:
    """The checks, or SchemaError holding every check that failed (missing, mistyped, two-way...)."""
    checks = check_schema(source, names)
    problems = [check for check in checks if not check.ok]
    if problems:
        raise SchemaError(f"The Outreach List {source.url} does not match the template",
                          url=source.url, checks=problems, config_file=config_file)
    return checks


# Option labels and colours per select-like template property; others start with no options.
TEMPLATE_OPTIONS: dict[str, dict[str, str]] = {column.key: dict(column.options) for column in COLUMNS if column.options}


def probe_updates(gateway: NotionGateway, source: DataSource) -> None:
    """Prove the integration may update the list with an update that changes nothing.

    Notion offers no way to read an integration's capabilities (users.me's bot object names the
    owner and workspace only), and enforces them per endpoint: without "Update content" every update
    answers 403 (developers.notion.com/reference/capabilities). So the cheapest proof is one PATCH
    of the data source with an empty `properties` object: the schema stays exactly as it was, no
    row is touched, and it needs no row to exist. Raises CannotUpdate when Notion refuses it.
    """
    try:
        gateway.update_data_source(source.data_source_id, {})
    except AccessDenied as refused:
        raise CannotUpdate.restating(refused, url=source.url) from None


def recheck_template(gateway: NotionGateway, source: DataSource, names: PropertyNames, config_file: str) -> None:
    """Read the schema again (after Notion refused a request mid-run) and raise SchemaError if the
    list no longer matches the template; return quietly if it still does."""
    require_template(fetch_data_source_by_id(gateway, source.data_source_id), names, config_file)


def fetch_data_source_by_id(gateway: NotionGateway, data_source_id: str) -> DataSource:
    """Re-read one data source's schema by its own id (after a change)."""
    return data_source_from(gateway.retrieve_data_source(data_source_id))
