"""Views for the fake (mixed into PagesFakeNotion): `POST /v1/views`, a table view of a data source.

Shapes from the recording (views_create.yaml) and notion-sdk-js's CreateViewRequest: the body holds
data_source_id, name, type and optionally database_id, filter and sorts (the shapes of a data source
query's); the answer is the view object. Unknown data sources or databases → 404; a filter or sort on
a property the data source lacks, or a database that does not hold the data source → 400.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .common import compact_id, millis_iso, normalize_id, validation
from .query import Matcher

VIEW_TYPES = ("table", "board", "list", "calendar", "timeline", "gallery", "form", "chart", "map", "dashboard")
VIEW_KEYS = {"data_source_id", "name", "type", "database_id", "view_id", "filter", "sorts", "quick_filters",
             "create_database", "configuration", "position", "placement"}


@dataclass
class View:
    id: str
    database_id: str
    data_source_id: str
    name: str
    type: str
    filter: Any
    sorts: Any
    created: datetime


class Views:
    """The views route; `self` is a PagesFakeNotion."""

    def views_of(self, database_id: str) -> list[View]:
        """The views made through the API on a database, oldest first."""
        dashed = normalize_id(database_id)
        with self._lock:
            return [view for view in self.views.values() if view.database_id == dashed]

    def _h_create_view(self, body: dict[str, Any]) -> dict[str, Any]:
        extra = sorted(set(body) - VIEW_KEYS)
        if extra:
            raise validation(f"body failed validation: body.{extra[0]} should be not present.")
        if not isinstance(body.get("name"), str) or body.get("type") not in VIEW_TYPES:
            raise validation("body failed validation: body.name should be a string and body.type a view type.")
        with self._lock:
            ds = self._lookup(self.sources, str(body.get("data_source_id", "")), "data_source", "data_source_id")
            database_id = ds.database_id
            if "database_id" in body:
                database_id = self._lookup(self.databases, str(body["database_id"]), "database", "database_id").id
                if database_id != ds.database_id:
                    raise validation("The data source is not in that database.")
            Matcher(ds, body.get("filter"))
            for sort in body.get("sorts") or []:
                if "property" in sort and ds.find(sort["property"]) is None:
                    raise validation(f"Could not find sort property with name or id: {sort['property']}")
            view = View(self.ids.uuid(), database_id, ds.id, body["name"], body["type"], body.get("filter"),
                        body.get("sorts"), self.clock.now())
            self.views[view.id] = view
            return self._view_json(view)

    def _view_json(self, view: View) -> dict[str, Any]:
        """Keys in the recorded order (views_create.yaml)."""
        return {
            "object": "view", "id": view.id, "parent": {"type": "database_id", "database_id": view.database_id},
            "data_source_id": view.data_source_id, "name": view.name, "type": view.type,
            "created_time": millis_iso(view.created), "created_by": self.bot.ref(),
            "last_edited_time": millis_iso(view.created), "last_edited_by": self.bot.ref(),
            "url": f"{self.url_base}{compact_id(view.database_id)}?v={compact_id(view.id)}",
            "filter": view.filter, "sorts": view.sorts, "quick_filters": None, "configuration": {"type": view.type},
        }
