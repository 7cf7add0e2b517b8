"""Page JSON ↔ models: read every row (relations completed), and turn changes into PATCH bodies."""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any, Iterator
from zoneinfo import ZoneInfo

from worker.models import Person, PropertyNames, WorkerFields
from worker.notion.client import NotionGateway
from worker.notion.errors import NotionUnavailable
from worker.notion.schema import SELF_RELATIONS, USER_OWNED, WORKER_OWNED, DataSource, plain_id

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


def fetch_pages(gateway: NotionGateway, source: DataSource, names: PropertyNames) -> Iterator[dict[str, Any]]:
    """Raw page objects, 100 a request, sorted by created_time, in windows past 10,000 results."""
    wanted = [source.property_id(getattr(names, key)) for key in USER_OWNED + WORKER_OWNED]
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


def person_from_page(page: dict[str, Any], names: PropertyNames, zone: ZoneInfo) -> Person:
    """A page object as the rules see it; dates are read in the configured time zone."""
    props = page.get("properties") or {}

    def value(key: str) -> Any:
        return _plain(props.get(getattr(names, key)), zone)

    return Person(
        page_id=plain_id(page["id"]),
        name=value("name") or "",
        company=value("company") or "",
        role=value("role") or "",
        closeness=value("closeness") or "",
        last_contacted=value("last_contacted"),
        status=value("status") or "",
        knows=tuple(value("knows") or ()),
        introduced_by=tuple(value("introduced_by") or ()),
        shared_interests=tuple(value("shared_interests") or ()),
        paused=bool(value("paused")),
        url=page.get("url") or "",
        current=WorkerFields(
            suggested_ask=value("suggested_ask") or None,
            why=value("why") or "",
            next_step=value("next_step") or "",
            intro_path=value("intro_path") or "",
            intro_via=tuple(value("intro_via") or ()),
            follow_up_on=value("follow_up_on"),
            stale=bool(value("stale")),
            strength=value("strength"),
            worker_state=value("worker_state") or "",
        ),
    )


def _plain(prop: dict[str, Any] | None, zone: ZoneInfo) -> Any:
    """A property value as a plain, comparable value (text, name, date, ids, number, bool)."""
    if not prop:
        return None
    kind = prop.get("type")
    raw = prop.get(kind)
    if kind in ("title", "rich_text"):
        return "".join(part.get("plain_text", "") for part in raw or [])
    if kind in ("select", "status"):
        return (raw or {}).get("name")
    if kind == "multi_select":
        return [option["name"] for option in raw or []]
    if kind == "relation":
        return [plain_id(link["id"]) for link in raw or []]
    if kind == "date":
        return _local_date(raw.get("start"), zone) if raw else None
    if kind == "number":
        return None if raw is None else (int(raw) if float(raw).is_integer() else raw)
    if kind in ("checkbox", "url", "email", "phone_number"):
        return raw
    return None


def _local_date(start: str | None, zone: ZoneInfo) -> date | None:
    if not start:
        return None
    if len(start) == 10:
        return date.fromisoformat(start)
    moment = datetime.fromisoformat(start.replace("Z", "+00:00"))
    return (moment.astimezone(zone) if moment.tzinfo else moment).date()



def patch_properties(changes: dict[str, Any], names: PropertyNames) -> dict[str, Any]:
    """The `properties` body of one PATCH: worker-owned fields only, keyed by column name."""
    body: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in WORKER_OWNED:
            raise ValueError(f"{key} is not a worker-owned property")
        body[getattr(names, key)] = _write_value(key, value)
    return body


def _write_value(key: str, value: Any) -> dict[str, Any]:
    if key == "suggested_ask":
        return {"select": {"name": value} if value else None}
    if key in ("why", "next_step", "intro_path", "worker_state"):
        # An empty text is cleared with [], never with an empty string (Notion rejects those).
        return {"rich_text": [{"type": "text", "text": {"content": value}}] if value else []}
    if key == "intro_via":
        return {"relation": [{"id": page_id} for page_id in value]}
    if key == "follow_up_on":
        return {"date": {"start": value.isoformat()} if value else None}
    if key == "stale":
        return {"checkbox": bool(value)}
    return {"number": value}  # strength


def apply_changes(gateway: NotionGateway, page_id: str, changes: dict[str, Any], names: PropertyNames) -> None:
    """Write one row's changed worker fields in a single PATCH."""
    gateway.call(
        gateway.api.pages.update, "pages.update", page_id=page_id, properties=patch_properties(changes, names)
    )
