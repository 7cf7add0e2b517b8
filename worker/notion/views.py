"""The views `init` adds to a new list (POST /v1/views, API 2025-09-03 and later): a nicety, never a need.

A view's filter and sorts take the same shapes as a data source query's. The list works without
its views, so a view Notion refuses is the caller's warning, not an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from worker.core.configuration import PropertyNames
from worker.notion.client import NotionGateway
from worker.notion.errors import NotionError
from worker.notion.schema import DataSource


@dataclass(frozen=True)
class ViewSpec:
    name: str
    filter: dict[str, Any]
    sorts: list[dict[str, str]]


def template_views(names: PropertyNames) -> tuple[ViewSpec, ...]:
    """Next up (dated rows, soonest first), Waiting for a reply (Reached out), Connectors (by Strength)."""
    soonest = [{"property": names.follow_up_on, "direction": "ascending"}]
    return (
        ViewSpec("Next up", {"property": names.follow_up_on, "date": {"is_not_empty": True}}, soonest),
        # init creates Status as a select (the API cannot set a status property's options)
        ViewSpec("Waiting for a reply", {"property": names.status, "select": {"equals": "Reached out"}}, soonest),
        ViewSpec("Connectors", {"property": names.suggested_ask, "select": {"equals": "Request introductions"}},
                 [{"property": names.strength, "direction": "descending"}]),
    )


def apply_views(gateway: NotionGateway, source: DataSource, names: PropertyNames) -> tuple[list[str], str]:
    """Add the template's table views to the list: (the names added, why the rest were not, or "")."""
    added: list[str] = []
    for view in template_views(names):
        try:
            gateway.create_view(
                view.name,
                data_source_id=source.data_source_id, database_id=source.database_id,
                type="table", filter=view.filter, sorts=view.sorts,
            )
        except NotionError as error:  # views are new in the API: not everywhere yet, and never required
            return added, str(error)
        added.append(view.name)
    return added, ""
