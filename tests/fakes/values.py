"""Property values: validate write bodies, store them, render page-object JSON, and plain values for tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .common import ApiError, compact_id, minute_iso, normalize_id, plain_text, text_item, validation
from .schema import READ_ONLY_TYPES, Prop, new_option

if TYPE_CHECKING:
    from .common import IdMaker

MAX_TEXT = 2000
MAX_ARRAY = 100
MAX_RELATION = 100
RELATION_SHOWN = 25
EMPTY = {"title": [], "rich_text": [], "multi_select": [], "relation": [], "people": [], "files": [],
         "checkbox": False}
TEXT_LIKE = ("url", "email", "phone_number")
TEXT_LIMITS = {"url": 2000, "email": 200, "phone_number": 200}

Finalize = Callable[[], Any]


def empty_value(prop_type: str) -> Any:
    value = EMPTY.get(prop_type)
    return list(value) if isinstance(value, list) else value


class ValueParser:
    """Turns one write value (`{"select": {...}}`) into a stored value, or raises a 400 ApiError."""

    def __init__(self, ids: IdMaker, page_exists: Callable[[str, str], bool]) -> None:
        self._ids = ids
        self._page_exists = page_exists   # (page id, data source id) -> bool

    def parse(self, prop: Prop, value: Any) -> Finalize:
        """Validate now; the returned callable stores it (and creates select options) at commit time."""
        if not isinstance(value, dict):
            raise validation(f"body failed validation: body.properties.{prop.name} should be an object.")
        if prop.type in READ_ONLY_TYPES:
            raise validation(f"{prop.name} is a {prop.type} property and cannot be edited. "
                             "body failed validation: property is read-only.")
        given = [k for k in value if k not in ("type", "id")]
        declared = value.get("type")
        if (declared is not None and declared != prop.type) or given != [prop.type]:
            raise validation(f"{prop.name} is expected to be {prop.type}.")
        handler = getattr(self, f"_parse_{prop.type}", None)
        if handler is None:
            raise validation(f"fake: writing {prop.type} properties is not modelled.")
        return handler(prop, value[prop.type])

    def _parse_title(self, prop: Prop, items: Any) -> Finalize:
        stored = self._rich_text(prop, items)
        return lambda: stored

    _parse_rich_text = _parse_title

    def _rich_text(self, prop: Prop, items: Any) -> list[dict]:
        if not isinstance(items, list):
            raise validation(f"body failed validation: body.properties.{prop.name}.{prop.type} should be an array.")
        if len(items) > MAX_ARRAY:
            raise validation(f"body failed validation: body.properties.{prop.name}.{prop.type}.length should be "
                             f"≤ `{MAX_ARRAY}`, instead was `{len(items)}`.")
        return [self._text_item(prop, i, item) for i, item in enumerate(items)]

    @staticmethod
    def _text_item(prop: Prop, i: int, item: Any) -> dict:
        where = f"body.properties.{prop.name}.{prop.type}[{i}]"
        if not isinstance(item, dict) or item.get("type", "text") != "text" or not isinstance(item.get("text"), dict):
            raise validation(f"body failed validation: {where}.text should be defined (fake models text items only).")
        content = item["text"].get("content")
        if not isinstance(content, str):
            raise validation(f"body failed validation: {where}.text.content should be a string.")
        if len(content) > MAX_TEXT:
            raise validation(f"body failed validation: {where}.text.content.length should be ≤ `{MAX_TEXT}`, "
                             f"instead was `{len(content)}`.")
        link = item["text"].get("link")
        return text_item(content, link if isinstance(link, dict) else None, item.get("annotations"))

    def _parse_number(self, prop: Prop, value: Any) -> Finalize:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise validation(f"body failed validation: body.properties.{prop.name}.number should be a number "
                             f"or `null`, instead was `{value!r}`.")
        return lambda: value

    def _parse_checkbox(self, prop: Prop, value: Any) -> Finalize:
        if not isinstance(value, bool):
            raise validation(f"body failed validation: body.properties.{prop.name}.checkbox should be a boolean, "
                             f"instead was `{value!r}`.")
        return lambda: value

    def _parse_select(self, prop: Prop, value: Any) -> Finalize:
        if value is None:
            return lambda: None
        return self._option(prop, value, allow_create=True)

    def _parse_status(self, prop: Prop, value: Any) -> Finalize:
        if value is None:
            return lambda: None
        return self._option(prop, value, allow_create=False)

    def _parse_multi_select(self, prop: Prop, values: Any) -> Finalize:
        if not isinstance(values, list):
            raise validation(f"body failed validation: body.properties.{prop.name}.multi_select should be an array.")
        if len(values) > MAX_ARRAY:
            raise validation(f"body failed validation: body.properties.{prop.name}.multi_select.length should be "
                             f"≤ `{MAX_ARRAY}`, instead was `{len(values)}`.")
        parts = [self._option(prop, v, allow_create=True) for v in values]
        return lambda: list(dict.fromkeys(p() for p in parts))

    def _option(self, prop: Prop, value: Any, allow_create: bool) -> Finalize:
        if not isinstance(value, dict) or not ({"name", "id"} & set(value)):
            raise validation(f"body failed validation: body.properties.{prop.name}.{prop.type} should have a "
                             "name or an id.")
        name, option_id = value.get("name"), value.get("id")
        found = prop.option(name=name) if name is not None else prop.option(option_id=option_id)
        if found is not None:
            return lambda: found["id"]
        if option_id is not None and name is None:
            raise validation(f"body failed validation: option id {option_id} does not exist on {prop.name}.")
        if not allow_create:
            raise validation(f"Invalid status option. Status option \"{name}\" does not exist\".")
        if not isinstance(name, str) or "," in name or len(name) > 100 or not name.strip():
            raise validation(f"Invalid select option name {name!r}: no commas, 1 to 100 characters.")
        return lambda: self._create_option(prop, name)

    def _create_option(self, prop: Prop, name: str) -> str:
        existing = prop.option(name=name)
        if existing is None:
            existing = new_option(self._ids, name, None, len(prop.config["options"]))
            prop.config["options"].append(existing)
        return existing["id"]

    def _parse_date(self, prop: Prop, value: Any) -> Finalize:
        if value is None:
            return lambda: None
        if not isinstance(value, dict) or not isinstance(value.get("start"), str):
            raise validation(f"body failed validation: body.properties.{prop.name}.date.start should be defined.")
        for key in ("start", "end"):
            if value.get(key) is not None and not _is_iso(value[key]):
                raise validation(f"body failed validation: body.properties.{prop.name}.date.{key} should be a valid "
                                 f"ISO 8601 date string, instead was `\"{value[key]}\"`.")
        stored = {"start": value["start"], "end": value.get("end"), "time_zone": value.get("time_zone")}
        return lambda: stored

    def _parse_text_like(self, prop: Prop, value: Any) -> Finalize:
        if value is not None and not isinstance(value, str):
            raise validation(f"body failed validation: body.properties.{prop.name}.{prop.type} should be a string "
                             "or `null`.")
        if value is not None and len(value) > TEXT_LIMITS[prop.type]:
            raise validation(f"body failed validation: body.properties.{prop.name}.{prop.type}.length should be "
                             f"≤ `{TEXT_LIMITS[prop.type]}`, instead was `{len(value)}`.")
        return lambda: value

    _parse_url = _parse_email = _parse_phone_number = _parse_text_like

    def _parse_relation(self, prop: Prop, values: Any) -> Finalize:
        if not isinstance(values, list):
            raise validation(f"body failed validation: body.properties.{prop.name}.relation should be an array.")
        if len(values) > MAX_RELATION:
            raise validation(f"body failed validation: body.properties.{prop.name}.relation.length should be "
                             f"≤ `{MAX_RELATION}`, instead was `{len(values)}`.")
        ids = []
        for i, ref in enumerate(values):
            raw = ref.get("id") if isinstance(ref, dict) else None
            page_id = normalize_id(raw) if isinstance(raw, str) else None
            if page_id is None:
                raise validation(f"body failed validation: body.properties.{prop.name}.relation[{i}].id should be a "
                                 "valid uuid.")
            if not self._page_exists(page_id, prop.config["data_source_id"]):
                raise validation(f"Relation {prop.name}: page {page_id} is not in the related data source.")
            ids.append(page_id)
        unique = list(dict.fromkeys(ids))
        return lambda: unique

    def _parse_people(self, prop: Prop, values: Any) -> Finalize:
        if not isinstance(values, list) or len(values) > MAX_ARRAY:
            raise validation(f"body failed validation: body.properties.{prop.name}.people should be an array of "
                             f"at most {MAX_ARRAY} users.")
        ids = [normalize_id(v.get("id", "")) if isinstance(v, dict) else None for v in values]
        if None in ids:
            raise validation(f"body failed validation: body.properties.{prop.name}.people[].id should be a uuid.")
        return lambda: ids

    def _parse_files(self, prop: Prop, values: Any) -> Finalize:
        if not isinstance(values, list):
            raise validation(f"body failed validation: body.properties.{prop.name}.files should be an array.")
        return lambda: list(values)


def _is_iso(text: str) -> bool:
    try:
        if len(text) == 10:
            date.fromisoformat(text)
        else:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def render_value(prop: Prop, stored: Any, page) -> dict[str, Any]:
    """The page-object property value (relations truncated at 25 with `has_more`)."""
    kind = prop.type
    out: dict[str, Any] = {"id": prop.id, "type": kind}
    if kind in ("select", "status"):
        opt = prop.option(option_id=stored) if stored else None
        out[kind] = {"id": opt["id"], "name": opt["name"], "color": opt["color"]} if opt else None
    elif kind == "multi_select":
        opts = [prop.option(option_id=o) for o in stored or []]
        out[kind] = [{"id": o["id"], "name": o["name"], "color": o["color"]} for o in opts if o]
    elif kind == "relation":
        refs = stored or []
        out[kind] = [{"id": r} for r in refs[:RELATION_SHOWN]]
        out["has_more"] = len(refs) > RELATION_SHOWN
    elif kind == "people":
        out[kind] = [{"object": "user", "id": u} for u in stored or []]
    elif kind in READ_ONLY_TYPES:
        out[kind] = _computed(prop, page)
    else:
        out[kind] = stored if stored is not None or kind not in EMPTY else empty_value(kind)
    return out


def _computed(prop: Prop, page) -> Any:
    kind = prop.type
    if kind == "created_time":
        return minute_iso(page.created)
    if kind == "last_edited_time":
        return minute_iso(page.last_edited)
    if kind in ("created_by", "last_edited_by"):
        return {"object": "user", "id": page.created_by if kind == "created_by" else page.last_edited_by}
    if kind == "unique_id":
        return {"prefix": prop.config.get("prefix"), "number": page.number}
    if kind == "formula":
        return {"type": "string", "string": None}
    if kind == "rollup":
        return {"type": "number", "number": None, "function": prop.config.get("function", "count")}
    return {}


def plain_value(prop: Prop, stored: Any, page) -> Any:
    """A plain Python value for assertions: text, option name, date start, ids without dashes, ..."""
    kind = prop.type
    if kind in ("title", "rich_text"):
        return plain_text(stored or [])
    if kind in ("select", "status"):
        opt = prop.option(option_id=stored) if stored else None
        return opt["name"] if opt else None
    if kind == "multi_select":
        return [o["name"] for o in (prop.option(option_id=i) for i in stored or []) if o]
    if kind == "date":
        return stored["start"] if stored else None
    if kind in ("relation", "people"):
        return [compact_id(i) for i in stored or []]
    if kind in READ_ONLY_TYPES:
        return _computed(prop, page)
    return stored if stored is not None or kind not in EMPTY else empty_value(kind)


def write_body(prop: Prop, plain: Any, resolve_relation: Callable[[Any], str] | None = None) -> dict[str, Any]:
    """Turn a plain value (as in `add_people` rows) into an API write value for `prop`."""
    kind = prop.type
    if kind in ("title", "rich_text"):
        return {kind: [{"text": {"content": str(plain)}}] if plain else []}
    if kind in ("select", "status"):
        return {kind: {"name": plain} if plain else None}
    if kind == "multi_select":
        return {kind: [{"name": n} for n in plain or []]}
    if kind == "date":
        if plain is None or isinstance(plain, dict):
            return {kind: plain}
        return {kind: {"start": plain.isoformat() if isinstance(plain, date) else str(plain)}}
    if kind == "relation":
        resolve = resolve_relation or (lambda ref: ref)
        return {kind: [{"id": resolve(ref)} for ref in plain or []]}
    if kind == "people":
        return {kind: [{"object": "user", "id": u} for u in plain or []]}
    return {kind: plain}


def error_if_trashed(page) -> None:
    if page.in_trash:
        raise ApiError(400, "validation_error",
                       "Can't edit block that is archived. You must unarchive the block before editing.")
