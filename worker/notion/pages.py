"""Read every row of the list (relations completed) and write changed worker fields back.

The page JSON ↔ model translation itself lives in codec.py; this module does the requests.
"""

from __future__ import annotations

import logging
from typing import Any, Iterator
from zoneinfo import ZoneInfo

from worker.configuration import PropertyNames
from worker.models import Person
from worker.notion.client import NotionGateway
from worker.notion.codec import patch_properties, person_from_page
from worker.notion.errors import NotionUnavailable
from worker.notion.schema import DataSource
from worker.template import ALL_KEYS, SELF_RELATIONS

log = logging.getLogger("worker.notion")

PAGE_SIZE = 100
QUERY_RESULT_LIMIT = 10_000  # Notion stops one query's pagination here


def fetch_people(gateway: NotionGateway, source: DataSource, names: PropertyNames, zone: ZoneInfo) -> list[Person]:
    """Every row of the list, oldest first, with relations longer than 25 links completed."""
    people: list[Person] = []
    for page in fetch_pages(gateway, source, names):
        try:
            page = _complete_relations(gateway, page, source, names)
            people.append(person_from_page(page, names, zone))
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise NotionUnavailable(
                f"Notion answered with a page the worker cannot read ({type(error).__name__}: {error}); "
                "nothing was written",
                code="bad_answer", url=page.get("url", "") if isinstance(page, dict) else "",
            ) from None
    return people


def fetch_pages(
    gateway: NotionGateway, source: DataSource, names: PropertyNames, keys: tuple[str, ...] = ALL_KEYS
) -> Iterator[dict[str, Any]]:
    """Raw page objects holding the `keys` columns, 100 a request, sorted by created_time, in windows
    past 10,000 results."""
    wanted = [source.property_id(name) for name in (getattr(names, key) for key in keys) if name in source.properties]
    seen: set[str] = set()
    since: str | None = None
    while True:
        window, last_created, status = 0, since, None
        for response in gateway.paginate(
            gateway.api.data_sources.query,
            "data_sources.query",
            data_source_id=source.data_source_id,
            filter_properties=wanted,
            page_size=PAGE_SIZE,
            sorts=[{"timestamp": "created_time", "direction": "ascending"}],
            **({"filter": _created_since(since)} if since else {}),
        ):
            for page in response.get("results") or []:
                window += 1
                last_created = page.get("created_time") or last_created
                if page["id"] not in seen and page.get("object") == "page":
                    seen.add(page["id"])
                    yield page
            status = response.get("request_status")
        if not _was_cut(status, window):
            return
        if last_created == since:
            # 10,000 rows created within one minute: created_time cannot tell them apart.
            log.warning("more than %d rows share the created time %s; rows past them were not read",
                        QUERY_RESULT_LIMIT, since)
            return
        since = last_created


def _was_cut(status: dict[str, Any] | None, results: int) -> bool:
    """Whether a query stopped at Notion's 10,000-result limit with rows left to read.

    Newer answers say so in `request_status`; without it, a full 10,000 may have been cut and one
    more query (from the last minute seen) finds out.
    """
    if isinstance(status, dict) and status.get("type") in ("complete", "incomplete"):
        return status["type"] == "incomplete"
    return results >= QUERY_RESULT_LIMIT


def _created_since(moment: str) -> dict[str, Any]:
    return {"timestamp": "created_time", "created_time": {"on_or_after": moment}}


def _complete_relations(
    gateway: NotionGateway, page: dict[str, Any], source: DataSource, names: PropertyNames
) -> dict[str, Any]:
    properties = page["properties"]
    for key in SELF_RELATIONS:
        name = getattr(names, key)
        value = properties.get(name)
        if not value or not value.get("has_more"):
            continue
        ids = [
            item["relation"]["id"]
            for response in gateway.paginate(
                gateway.api.pages.properties.retrieve,
                "pages.properties.retrieve",
                page_id=page["id"],
                property_id=source.property_id(name),
                page_size=PAGE_SIZE,
            )
            for item in response.get("results") or []
        ]
        properties = {**properties, name: {**value, "relation": [{"id": i} for i in ids], "has_more": False}}
    return page if properties is page["properties"] else {**page, "properties": properties}


def apply_changes(gateway: NotionGateway, page_id: str, changes: dict[str, Any], names: PropertyNames) -> None:
    """Write one row's changed worker fields in a single PATCH."""
    gateway.call(
        gateway.api.pages.update, "pages.update", page_id=page_id, properties=patch_properties(changes, names)
    )
