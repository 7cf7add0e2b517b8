"""Read every row of the list (relations completed), find rows edited meanwhile, write worker fields back.

The page JSON ↔ model translation itself lives in codec.py; this module does the requests.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Any, Iterator
from zoneinfo import ZoneInfo

from worker.core.configuration import PropertyNames
from worker.core.codes import WarningCode
from worker.core.models import Person, RowWarning
from worker.notion.client import NotionGateway
from worker.notion.codec import (
    created_time,
    last_editor,
    local_day,
    page_id_of,
    page_title,
    patch_properties,
    person_from_page,
    relation_item_ids,
    truncated_relations,
)
from worker.notion.errors import AccessDenied, SchemaError
from worker.notion.schema import DataSource
from worker.core.columns import ALL_KEYS, SELF_RELATIONS

log = logging.getLogger("worker.notion")

PAGE_SIZE = 100
QUERY_RESULT_LIMIT = 10_000  # Notion stops one query's pagination here
LINKS_IN_A_PAGE = 25  # a page object shows at most this many links of a relation


@dataclass(frozen=True)
class ListRead:
    """The list as one read found it: its people, when each row was created, and rows it skipped."""

    people: list[Person]
    created: dict[str, str] = field(default_factory=dict)  # page id → Notion's created_time
    warnings: list[RowWarning] = field(default_factory=list)
    # page id → (who edited it last, the day of that edit in the list's time zone): dates introductions
    edits: dict[str, tuple[str, date | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class Edit:
    """A row a person changed (or added) since a moment, read again whole."""

    person: Person
    created: str
    edited: str = ""  # Notion's last_edited_time of the row (ISO, rounded down to the minute)


class SchemaDrift(SchemaError):
    """A row came back with a column missing or of another type than the schema the caller holds
    (the list's schema changed since it was read; run again, or read the whole list)."""


def read_list(gateway: NotionGateway, source: DataSource, names: PropertyNames, zone: ZoneInfo) -> ListRead:
    """Every row of the list, oldest first, with relations longer than 25 links completed.

    A row that disappears between the query and the completion of its links is skipped with a
    warning naming it (it is gone; the others are still right).
    """
    people, created, warnings, edits = [], {}, [], {}
    for page in fetch_pages(gateway, source, names):
        complete = _complete_relations(gateway, page, source, names)
        if complete is None:
            warnings.append(_gone(page))
            continue
        person = person_from_page(complete, names, zone)
        people.append(person)
        created[person.page_id] = created_time(page)
        edits[person.page_id] = (last_editor(page), local_day(page.get("last_edited_time"), zone))
    return ListRead(people, created, warnings, edits)


def with_person_edits(read: ListRead, bot: str) -> list[Person]:
    """The people with the day of their row's last edit when a person (not `bot`) made it (SPEC §4.3)."""
    people = []
    for person in read.people:
        editor, day = read.edits.get(person.page_id, ("", None))
        by_person = bool(bot) and bool(editor) and editor != bot
        people.append(replace(person, edited_by_person_on=day if by_person else None))
    return people


def fetch_pages(
    gateway: NotionGateway,
    source: DataSource,
    names: PropertyNames,
    keys: tuple[str, ...] = ALL_KEYS,
    narrowing: dict[str, Any] | None = None,
) -> Iterator[dict[str, Any]]:
    """Raw page objects holding the `keys` columns, 100 a request, sorted by created_time, in windows
    past 10,000 results. `narrowing` is a filter every window must also match (the looks for edits)."""
    seen: set[str] = set()
    since: str | None = None
    while True:
        window, last_created, status = 0, since, None
        for response in gateway.query_data_source(
            source.data_source_id,
            filter_properties=_wanted_properties(source, names, keys),
            page_size=PAGE_SIZE,
            sorts=[{"timestamp": "created_time", "direction": "ascending"}],
            **_filter(since, narrowing),
        ):
            for page in response.get("results") or []:
                window += 1
                last_created = created_time(page) or last_created
                if isinstance(page, Mapping) and page.get("object") == "page" and page_id_of(page) not in seen:
                    seen.add(page_id_of(page))
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


def _wanted_properties(source: DataSource, names: PropertyNames, keys: tuple[str, ...]) -> list[str]:
    columns = (getattr(names, key) for key in keys)
    return [source.property_id(name) for name in columns if name in source.properties]


def _filter(since: str | None, narrowing: dict[str, Any] | None) -> dict[str, Any]:
    parts = ([_created_since(since)] if since else []) + ([narrowing] if narrowing else [])
    if not parts:
        return {}
    return {"filter": parts[0] if len(parts) == 1 else {"and": parts}}


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
) -> dict[str, Any] | None:
    """The page with every relation past 25 links read whole; None when the page is gone meanwhile."""
    cut = truncated_relations(page, names, SELF_RELATIONS)
    if not cut:
        return page
    properties = dict(page["properties"])  # truncated_relations found them
    for key in cut:
        name = getattr(names, key)
        try:
            ids = [
                link_id
                for response in gateway.retrieve_page_property(
                    page_id_of(page), source.property_id(name), page_size=PAGE_SIZE
                )
                for link_id in relation_item_ids(response)
            ]
        except AccessDenied as gone:  # 404 (deleted, or trashed) or 403 on this one page
            log.info("page %s could not be read whole (%s); skipped", page.get("url") or page_id_of(page), gone)
            return None
        properties[name] = {**properties[name], "relation": [{"id": i} for i in ids], "has_more": False}
    return {**page, "properties": properties}


def _gone(page: dict[str, Any]) -> RowWarning:
    return RowWarning(page_id=page_id_of(page), name=page_title(page), url=page.get("url") or "",
                      code=WarningCode.ROW_GONE)


def fetch_page_titles(gateway: NotionGateway, page_ids: Iterable[str]) -> dict[str, str]:
    """The titles of pages outside the list that rows link to (one GET each), so a warning can name
    them; a page Notion will not show (deleted, not shared) is left out and named by its id."""
    titles = {}
    for page_id in sorted(set(page_ids)):
        try:
            page = gateway.retrieve_page(page_id)
        except AccessDenied:
            continue
        if title := page_title(page):
            titles[page_id] = title
    return titles


# --- rows edited while the worker writes -----------------------------------------------------------


def fetch_edits(
    gateway: NotionGateway,
    source: DataSource,
    names: PropertyNames,
    zone: ZoneInfo,
    *,
    since: datetime,
    created_from: str,
    known: Mapping[str, Person],
) -> list[Edit]:
    """Rows edited on or after `since` (and created on or after `created_from`) whose values now
    differ from `known`, or that `known` lacks (new rows), read again whole; oldest first.

    `since` is floored to the minute, as Notion rounds last_edited_time down. Rows that read exactly
    as known are left out: the worker's own writes (known holds what it wrote), an edit before the
    read, an edit of a column the worker does not read. `last_edited_by` is not used to skip a row:
    it names only the last editor, so a person's edit followed by the worker's write would be lost.
    Relations past 25 links are only completed for rows that did change. SchemaDrift when a row
    shows a column missing or retyped against `source` (the caller checks the schema again).
    """
    moment = since.astimezone(timezone.utc).replace(second=0, microsecond=0)
    edited_since = {"timestamp": "last_edited_time", "last_edited_time": {"on_or_after": _iso(moment)}}
    narrowing = edited_since
    if created_from:
        created = {"timestamp": "created_time", "created_time": {"on_or_after": created_from}}
        narrowing = {"and": [edited_since, created]}
    edits = []
    for page in fetch_pages(gateway, source, names, narrowing=narrowing):
        _require_same_shape(page, source, names)
        shown = person_from_page(page, names, zone)
        before = known.get(shown.page_id)
        if before is not None and shown == _as_shown(before, truncated_relations(page, names, SELF_RELATIONS)):
            continue
        complete = _complete_relations(gateway, page, source, names)
        if complete is not None:
            person = person_from_page(complete, names, zone)
            # It reads otherwise than the worker knows it: a person edited it, so its day dates a new
            # introduction on it (SPEC §4.3); the worker's own writes read as known and stop above.
            person = replace(person, edited_by_person_on=local_day(page.get("last_edited_time"), zone))
            edits.append(Edit(person, created_time(page), last_edited_time(page)))
    return edits


def _require_same_shape(page: Mapping[str, Any], source: DataSource, names: PropertyNames) -> None:
    """SchemaDrift when a column the worker reads is missing from the row or has another type."""
    shown = page.get("properties") if isinstance(page.get("properties"), Mapping) else {}
    for key in ALL_KEYS:
        name = getattr(names, key)
        expected = source.properties.get(name)
        if expected is None:
            continue
        value = shown.get(name)
        if not isinstance(value, Mapping) or value.get("type") != expected.get("type"):
            raise SchemaDrift(f'The column "{name}" of the Outreach List changed while the worker read it',
                              url=source.url)


def last_edited_time(page: Any) -> str:
    """Notion's last_edited_time of the page (ISO, rounded down to the minute), "" when not said."""
    raw = page.get("last_edited_time") if isinstance(page, Mapping) else None
    return raw if isinstance(raw, str) else ""


def _as_shown(person: Person, cut: tuple[str, ...]) -> Person:
    """`person` as a page object would show it: the relations in `cut` at their first 25 links, and
    without the day of a person's edit (the worker's own reading of last_edited_by, not a value)."""
    person = replace(person, edited_by_person_on=None)
    if not cut:
        return person
    changes = {key: getattr(person, key)[:LINKS_IN_A_PAGE] for key in cut if key != "intro_via"}
    if "intro_via" in cut:
        current = replace(person.current, intro_via=person.current.intro_via[:LINKS_IN_A_PAGE])
        changes["current"] = current
    return replace(person, **changes)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


# --- writing --------------------------------------------------------------------------------------


def apply_changes(gateway: NotionGateway, page_id: str, changes: dict[str, Any], names: PropertyNames) -> str:
    """Write one row's changed worker fields in a single PATCH; returns who Notion says edited it
    (the integration's bot user id, no dashes; "" if the answer does not say)."""
    answer = gateway.update_page(page_id, patch_properties(changes, names))
    return last_editor(answer)
