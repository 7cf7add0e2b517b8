"""Notion page JSON ↔ the project's models, and worker fields → PATCH bodies. No I/O.

Reading turns a page object (a query result or a PATCH answer) into a Person: user columns as
typed but for control characters (a title, an option, a URL or an email on one line; other text
keeps its line breaks and tabs and nothing else: see core/controls.py), worker columns as the plain
values the diff compares (text as plain text, dates as dates in the configured time zone, page ids
without dashes). The shape is checked as it is read: an answer
without a field the worker needs raises UnreadableAnswer, a fault of the wire, so that a bug in our
own code (a KeyError, a TypeError) is never mistaken for one and shows its traceback.

Writing turns changed worker fields into the `properties` body of one PATCH that Notion accepts
(its documented request limits, SPEC §6):
- a text object holds at most 2,000 UTF-16 units: a longer text is cut at a word and ends in "…"
  (a cut text still reads right); an empty text is cleared with `[]`, never with "";
- a select value holds no comma (Notion refuses one in an option name: commas are dropped) and at
  most 100 characters;
- a relation holds at most 100 pages, a URL at most 2,000 characters, a number is finite, and the
  whole body stays under 500 KB. Past these the codec refuses with UnsendableValue, naming the
  column: cutting a link or a number would change its meaning. Nothing is sent for that row, which
  is reported like a row Notion refused; the other rows are written.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from worker.core.configuration import PropertyNames
from worker.core.models import Person, WorkerFields
from worker.notion.errors import UnreadableAnswer, UnsendableValue
from worker.core.columns import BY_KEY, USER
from worker.core.controls import one_line, without_controls
from worker.core.textcut import NOTION_TEXT_LIMIT, cut_at_word

# Notion's documented request limits (developers.notion.com/reference/request-limits).
MAX_RELATION_PAGES = 100
MAX_URL_LENGTH = 2000
MAX_EMAIL_LENGTH = 200
MAX_SELECT_NAME = 100
MAX_PAYLOAD_BYTES = 500_000  # "500 KB overall", counted in bytes as sent
_HEX32 = re.compile(r"^[0-9a-f]{32}$")


def plain_id(value: str) -> str:
    """A Notion id as the worker compares ids: 32 lowercase hex, no dashes."""
    return value.replace("-", "").lower()


# --- reading -------------------------------------------------------------------------------------


def person_from_page(page: Any, names: PropertyNames, zone: ZoneInfo) -> Person:
    """A page object as the rules see it; dates are read in the configured time zone.

    Relations hold what the page shows: at most 25 links each (see `truncated_relations`).
    """
    page_id = page_id_of(page)
    props = page.get("properties")
    _require(isinstance(props, Mapping), f"page {page_id} without its properties")

    def value(key: str) -> Any:
        name = getattr(names, key)
        return _read_value(props.get(name), key, name, page_id, zone)

    return Person(
        page_id=page_id,
        name=value("name") or "",
        company=value("company") or "",
        role=value("role") or "",
        closeness=value("closeness") or "",
        last_contacted=value("last_contacted"),
        status=value("status") or "",
        knows=value("knows") or (),
        introduced_by=value("introduced_by") or (),
        shared_interests=value("shared_interests") or (),
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
            intro_via=value("intro_via") or (),
            follow_up_on=value("follow_up_on"),
            stale=bool(value("stale")),
            strength=value("strength"),
            intros_made=value("intros_made"),
            worker_state=value("worker_state") or "",
        ),
    )


def page_id_of(page: Any) -> str:
    """The page's id as 32 lowercase hex; UnreadableAnswer when the answer has none."""
    _require(isinstance(page, Mapping), "something that is not a page object")
    raw = page.get("id")
    _require(isinstance(raw, str) and bool(_HEX32.match(plain_id(raw))), "a page without a valid id")
    return plain_id(raw)


def last_editor(page: Any) -> str:
    """Who edited the page last (a user or bot id, no dashes), "" when the answer does not say."""
    editor = page.get("last_edited_by") if isinstance(page, Mapping) else None
    raw = editor.get("id") if isinstance(editor, Mapping) else None
    return plain_id(raw) if isinstance(raw, str) else ""


def created_time(page: Any) -> str:
    """Notion's created_time of the page (ISO, to the minute), "" when the answer does not say."""
    raw = page.get("created_time") if isinstance(page, Mapping) else None
    return raw if isinstance(raw, str) else ""


def truncated_relations(page: Any, names: PropertyNames, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The keys among `keys` whose relation value shows only its first 25 links (`has_more`)."""
    props = page.get("properties") if isinstance(page, Mapping) else None
    if not isinstance(props, Mapping):
        return ()
    cut = []
    for key in keys:
        value = props.get(getattr(names, key))
        if isinstance(value, Mapping) and value.get("has_more") is True:
            cut.append(key)
    return tuple(cut)


def relation_item_ids(response: Any) -> list[str]:
    """The linked page ids of one answer of the page-property endpoint for a relation (dashed as sent)."""
    _require(isinstance(response, Mapping) and isinstance(response.get("results"), list),
             "a property item list without results")
    ids = []
    for item in response["results"]:
        link = item.get("relation") if isinstance(item, Mapping) else None
        _require(isinstance(link, Mapping) and isinstance(link.get("id"), str), "a relation item without an id")
        ids.append(link["id"])
    return ids


def page_title(page: Any) -> str:
    """The page's title (its one title property, whatever its name) as plain text, "" when it cannot
    be read: for naming a page in a warning, the list's or any other."""
    props = page.get("properties") if isinstance(page, Mapping) else None
    for prop in props.values() if isinstance(props, Mapping) else ():
        if isinstance(prop, Mapping) and prop.get("type") == "title" and isinstance(prop.get("title"), list):
            return one_line("".join(item.get("plain_text", "") for item in prop["title"] if isinstance(item, Mapping)))
    return ""


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise UnreadableAnswer(f"Notion answered with {what}", code="bad_answer")


def _read_value(prop: Any, key: str, name: str, page_id: str, zone: ZoneInfo) -> Any:
    """One property value as a plain value; None when the page does not carry the property."""
    if prop is None:
        return None  # an optional column the list does not have
    where = f'"{name}" of page {page_id}'
    _require(isinstance(prop, Mapping), f"{where} that is not a property value")
    accepted = BY_KEY[key].types
    # `type` is optional in a property value (developers.notion.com/reference/property-value-object).
    kind = prop.get("type") or next((candidate for candidate in accepted if candidate in prop), None)
    _require(kind in accepted, f"{where} as a {kind} property, not {' or '.join(accepted)}")
    _require(kind in prop, f"{where} without its {kind} value")
    value = _READERS[kind](prop[kind], where, zone)
    return _as_typed(kind, value) if BY_KEY[key].owner == USER else value


def _as_typed(kind: str, value: Any) -> Any:
    """A person's value without the control characters pasted into it: text keeps its line breaks,
    the rest (a title, an option, a URL, an email) is one line. Worker columns are read as written,
    so reading back what was written gives the same values."""
    if isinstance(value, str):
        return without_controls(value) if kind == "rich_text" else one_line(value)
    if isinstance(value, tuple) and kind == "multi_select":
        return tuple(one_line(option) for option in value)
    return value


def _read_text(raw: Any, where: str, zone: ZoneInfo) -> str:
    _require(isinstance(raw, list), f"{where} whose text is not a list")
    parts = []
    for item in raw:
        _require(isinstance(item, Mapping), f"{where} with a text item that is not an object")
        text = item.get("plain_text")
        _require(isinstance(text, str), f"{where} with a text item without plain_text")
        parts.append(text)
    return "".join(parts)


def _read_option(raw: Any, where: str, zone: ZoneInfo) -> str | None:
    if raw is None:
        return None
    _require(isinstance(raw, Mapping) and isinstance(raw.get("name"), str), f"{where} with an option without a name")
    return raw["name"]


def _read_options(raw: Any, where: str, zone: ZoneInfo) -> tuple[str, ...]:
    _require(isinstance(raw, list), f"{where} whose options are not a list")
    return tuple(_read_option(option, where, zone) or "" for option in raw)


def _read_relation(raw: Any, where: str, zone: ZoneInfo) -> tuple[str, ...]:
    _require(isinstance(raw, list), f"{where} whose links are not a list")
    ids = []
    for link in raw:
        _require(isinstance(link, Mapping) and isinstance(link.get("id"), str), f"{where} with a link without an id")
        ids.append(plain_id(link["id"]))
    return tuple(ids)


def _read_date(raw: Any, where: str, zone: ZoneInfo) -> date | None:
    if raw is None:
        return None
    _require(isinstance(raw, Mapping), f"{where} whose date is not an object")
    start = raw.get("start")
    if start is None:
        return None
    _require(isinstance(start, str), f"{where} whose date start is not text")
    time_zone = raw.get("time_zone")
    try:
        return _local_date(start, zone, time_zone if isinstance(time_zone, str) else None)
    except ValueError:
        raise UnreadableAnswer(f"Notion answered with {where} whose date {start!r} is not ISO 8601",
                               code="bad_answer") from None


def _read_number(raw: Any, where: str, zone: ZoneInfo) -> int | float | None:
    if raw is None:
        return None
    _require(isinstance(raw, int | float) and not isinstance(raw, bool), f"{where} whose number is not a number")
    return int(raw) if float(raw).is_integer() else raw


def _read_checkbox(raw: Any, where: str, zone: ZoneInfo) -> bool:
    _require(isinstance(raw, bool), f"{where} whose checkbox is not true or false")
    return raw


def _read_string(raw: Any, where: str, zone: ZoneInfo) -> str | None:
    _require(raw is None or isinstance(raw, str), f"{where} that is not text")
    return raw


_READERS = {
    "title": _read_text, "rich_text": _read_text,
    "select": _read_option, "status": _read_option, "multi_select": _read_options,
    "relation": _read_relation, "date": _read_date, "number": _read_number, "checkbox": _read_checkbox,
    "url": _read_string, "email": _read_string, "phone_number": _read_string,
}


def local_day(moment: Any, zone: ZoneInfo) -> date | None:
    """The calendar day in `zone` of a Notion timestamp (created_time, last_edited_time); None when unreadable."""
    try:
        return _local_date(moment, zone)
    except ValueError:
        return None


def _local_date(start: Any, zone: ZoneInfo, time_zone: str | None = None) -> date | None:
    """The calendar day of a Notion date or timestamp in `zone` (a date alone is taken as it is)."""
    if not isinstance(start, str) or not start:
        return None
    if len(start) == 10:
        return date.fromisoformat(start)
    moment = datetime.fromisoformat(start.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        if not time_zone:
            return moment.date()  # a floating time: the day as written
        try:
            moment = moment.replace(tzinfo=ZoneInfo(time_zone))
        except (ZoneInfoNotFoundError, ValueError):
            return moment.date()
    return moment.astimezone(zone).date()


# --- writing -------------------------------------------------------------------------------------


def patch_properties(changes: Mapping[str, Any], names: PropertyNames) -> dict[str, Any]:
    """The `properties` body of one PATCH: worker-owned fields only, keyed by column name.

    Raises UnsendableValue when a value is past a limit it cannot be cut to (see the module doc).
    """
    body: dict[str, Any] = {}
    for key, value in changes.items():
        column = BY_KEY.get(key)
        if column is None or not column.worker_owned:
            raise ValueError(f"{key} is not a worker-owned property")  # a bug: never sent
        name = getattr(names, key)
        body[name] = _WRITERS[column.create_type](value, name)
    size = len(json.dumps({"properties": body}, ensure_ascii=False, separators=(",", ":")).encode())
    if size > MAX_PAYLOAD_BYTES:
        raise UnsendableValue(f"the update would be {size:,} bytes; Notion takes at most {MAX_PAYLOAD_BYTES:,}",
                              code="unsendable")
    return body


def fit_text(text: str) -> str:
    """`text` as one Notion text object holds it: at most 2,000 UTF-16 units, cut at a word with "…"."""
    return cut_at_word(text, NOTION_TEXT_LIMIT)


def fit_select(name: str) -> str:
    """A select option name Notion accepts: commas dropped, spaces tidied, at most 100 characters."""
    tidy = " ".join(name.replace(",", " ").split())
    return tidy[:MAX_SELECT_NAME].rstrip()


def _write_text(value: Any, name: str) -> dict[str, Any]:
    text = value or ""
    if not isinstance(text, str):
        raise TypeError(f"{name}: text expected, got {type(value).__name__}")
    # An empty text is cleared with [], never with an empty string (Notion rejects those).
    return {"rich_text": [{"type": "text", "text": {"content": fit_text(text)}}] if text else []}


def _write_select(value: Any, name: str) -> dict[str, Any]:
    option = fit_select(value) if value else ""
    return {"select": {"name": option} if option else None}


def _write_relation(value: Any, name: str) -> dict[str, Any]:
    ids = list(value or ())
    if len(ids) > MAX_RELATION_PAGES:
        raise UnsendableValue(f'"{name}" would link {len(ids)} pages; Notion takes at most {MAX_RELATION_PAGES}',
                              code="unsendable")
    for page_id in ids:
        if not _HEX32.match(plain_id(page_id)):
            raise ValueError(f"{name}: {page_id!r} is not a page id")  # a bug: never sent
    return {"relation": [{"id": page_id} for page_id in ids]}


def _write_date(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {"date": None}
    if not isinstance(value, date):
        raise TypeError(f"{name}: a date expected, got {type(value).__name__}")
    # A date with no time and no time zone (SPEC §3), even if a datetime slipped in.
    return {"date": {"start": date(value.year, value.month, value.day).isoformat()}}


def _write_checkbox(value: Any, name: str) -> dict[str, Any]:
    return {"checkbox": bool(value)}


def _write_number(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {"number": None}
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name}: a number expected, got {type(value).__name__}")
    if not math.isfinite(value):
        raise UnsendableValue(f'"{name}" would be {value}; Notion takes only finite numbers', code="unsendable")
    return {"number": value}


def _write_url(value: Any, name: str) -> dict[str, Any]:
    if not value:
        return {"url": None}
    if len(value) > MAX_URL_LENGTH:
        raise UnsendableValue(f'"{name}" would be {len(value):,} characters; Notion takes at most {MAX_URL_LENGTH:,}',
                              code="unsendable")
    return {"url": value}


_WRITERS = {
    "rich_text": _write_text, "select": _write_select, "relation": _write_relation, "date": _write_date,
    "checkbox": _write_checkbox, "number": _write_number, "url": _write_url,
}


# --- page creates (import) ------------------------------------------------------------------------


def create_properties(values: Mapping[str, Any], names: PropertyNames, types: Mapping[str, str]) -> dict[str, Any]:
    """The `properties` body of one page create: values by template key, each written as the list's
    column of that key is typed (`types`: template key → Notion type), inside the same limits as a PATCH."""
    return {getattr(names, key): _typed_value(types[key], value, getattr(names, key)) for key, value in values.items()}


def _typed_value(kind: str, value: Any, name: str) -> dict[str, Any]:
    if kind in ("title", "rich_text"):
        return {kind: [{"type": "text", "text": {"content": fit_text(str(value))}}] if value else []}
    if kind in ("select", "status"):
        option = fit_select(value) if value else ""
        return {kind: {"name": option} if option else None}
    if kind == "date":
        return _write_date(value, name)
    if kind == "url":
        return _write_url(value, name)
    if kind == "email":
        if value and len(value) > MAX_EMAIL_LENGTH:
            raise UnsendableValue(f'"{name}" would be {len(value)} characters; Notion takes at most {MAX_EMAIL_LENGTH}',
                                  code="unsendable")
        return {"email": value or None}
    raise ValueError(f"page creates do not write {kind} properties")
