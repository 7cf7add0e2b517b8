"""Notion page JSON ↔ the project's models, and worker fields → PATCH bodies. No I/O.

Reading turns a page object into a Person (user columns as typed, worker columns as plain
values); writing turns changed worker fields into the `properties` body of one PATCH.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from worker.configuration import PropertyNames
from worker.models import Person, WorkerFields
from worker.template import WORKER_KEYS
from worker.textcut import cut_at_word


def plain_id(value: str) -> str:
    """A Notion id as the worker compares ids: 32 lowercase hex, no dashes."""
    return value.replace("-", "").lower()


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
        meeting_on=value("meeting_on"),
        email=value("email") or "",
        linkedin=value("linkedin") or "",
        url=page.get("url") or "",
        created_on=_local_date(page.get("created_time"), zone),
        current=WorkerFields(
            suggested_ask=value("suggested_ask") or None,
            why=value("why") or "",
            next_step=value("next_step") or "",
            draft=value("draft") or "",
            intro_path=value("intro_path") or "",
            mail_link=value("mail_link") or "",
            intro_via=tuple(value("intro_via") or ()),
            follow_up_on=value("follow_up_on"),
            stale=bool(value("stale")),
            strength=value("strength"),
            intros_made=value("intros_made"),
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
        if key not in WORKER_KEYS:
            raise ValueError(f"{key} is not a worker-owned property")
        body[getattr(names, key)] = _write_value(key, value)
    return body


def _write_value(key: str, value: Any) -> dict[str, Any]:
    if key == "suggested_ask":
        return {"select": {"name": value} if value else None}
    if key in ("why", "next_step", "draft", "intro_path", "worker_state"):
        # An empty text is cleared with [], never with an empty string (Notion rejects those).
        return {"rich_text": [{"type": "text", "text": {"content": value}}] if value else []}
    if key == "intro_via":
        return {"relation": [{"id": page_id} for page_id in value]}
    if key == "follow_up_on":
        return {"date": {"start": value.isoformat()} if value else None}
    if key == "mail_link":
        return {"url": value or None}
    if key == "stale":
        return {"checkbox": bool(value)}
    return {"number": value}  # strength, intros_made


def create_properties(values: dict[str, Any], names: PropertyNames, types: dict[str, str]) -> dict[str, Any]:
    """The `properties` body of one page create: values by template key, each written as the list's
    column of that key is typed (`types`: template key → Notion type); text cut to Notion's limit."""
    return {getattr(names, key): _typed_value(types[key], value) for key, value in values.items()}


def _typed_value(kind: str, value: Any) -> dict[str, Any]:
    if kind in ("title", "rich_text"):
        return {kind: [{"type": "text", "text": {"content": cut_at_word(str(value))}}] if value else []}
    if kind in ("select", "status"):
        return {kind: {"name": value} if value else None}
    if kind == "date":
        return {"date": {"start": value.isoformat()} if value else None}
    if kind in ("url", "email"):
        return {kind: value or None}
    raise ValueError(f"page creates do not write {kind} properties")
