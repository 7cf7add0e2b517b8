"""Bootstrap and mend the template: the schema entries init and check --fix send, and the writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from worker.core.configuration import PropertyNames
from worker.notion.client import NotionGateway
from worker.notion.errors import SchemaError
from worker.core.columns import BY_KEY
from worker.notion.schema import (
    SELF_RELATIONS,
    TEMPLATE_OPTIONS,
    USER_OWNED,
    WORKER_OWNED,
    DataSource,
    data_source_from,
    plain_id,
)

_NUMBER_FORMAT = "number"


def property_spec(key: str, data_source_id: str | None = None) -> dict[str, Any]:
    """The schema entry init and --fix send for one template property (its first accepted type).

    Status is created as a select: the API cannot set a status property's options. Self-relations
    need the list's own data source id, so they can only be added once the list exists.
    """
    kind = BY_KEY[key].create_type
    if kind == "relation":
        if data_source_id is None:
            raise ValueError(f"{key} relates the list to itself: give the list's data source id")
        return {"relation": {"data_source_id": data_source_id, "type": "single_property", "single_property": {}}}
    if kind in ("select", "multi_select"):
        options = TEMPLATE_OPTIONS.get(key, {})
        return {kind: {"options": [{"name": name, "color": color} for name, color in options.items()]}}
    if kind == "number":
        return {"number": {"format": _NUMBER_FORMAT}}
    return {kind: {}}


def template_properties(
    names: PropertyNames, keys: tuple[str, ...], data_source_id: str | None = None
) -> dict[str, dict[str, Any]]:
    """Schema entries by configured column name for the given template keys, in template order."""
    order = USER_OWNED + WORKER_OWNED
    return {getattr(names, key): property_spec(key, data_source_id) for key in order if key in keys}


# --- init and --fix: the only schema writes, and they only ever add ------------------------------


def apply_new_properties(
    gateway: NotionGateway, data_source_id: str, properties: dict[str, dict[str, Any]]
) -> DataSource:
    """Add properties to a data source in one PATCH; the caller passes only names that do not exist."""
    updated = gateway.update_data_source(data_source_id, properties)
    return data_source_from(updated)


@dataclass(frozen=True)
class ChildDatabase:
    """A database placed directly on a page (a child_database block)."""

    database_id: str
    title: str


def fetch_child_databases(gateway: NotionGateway, page_id: str) -> list[ChildDatabase]:
    """The databases directly under a page, from its child_database blocks (consistent, unlike search)."""
    found = []
    for response in gateway.list_block_children(page_id):
        for block in response.get("results") or []:
            if block.get("type") == "child_database" and not block.get("in_trash", block.get("archived", False)):
                title = (block.get("child_database") or {}).get("title") or ""
                found.append(ChildDatabase(plain_id(block["id"]), title))
    return found


def apply_new_database(gateway: NotionGateway, page_id: str, title: str, names: PropertyNames) -> DataSource:
    """Create the Outreach List under a page with every template property but the self-relations.

    The self-relations need the new data source's id: add them next with `apply_new_properties`
    and `template_properties(names, SELF_RELATIONS, data_source_id)`. The result has no schema.
    """
    plain = tuple(key for key in USER_OWNED + WORKER_OWNED if key not in SELF_RELATIONS)
    database = gateway.create_database(
        parent={"type": "page_id", "page_id": page_id},
        title=[{"type": "text", "text": {"content": title}}],
        is_inline=False,
        initial_data_source={"properties": template_properties(names, plain)},
    )
    sources = database.get("data_sources") or []
    if not sources:  # never seen: a new database always has its initial data source
        raise SchemaError(f"Notion created {database.get('url', 'the database')} without a data source.")
    return DataSource(
        database_id=plain_id(database["id"]),
        data_source_id=plain_id(sources[0]["id"]),
        url=database.get("url") or "",
        title=title,
        properties={},
    )
