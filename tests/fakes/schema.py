"""Databases, data sources and their property schemas: state, schema edits, and the JSON they render to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .common import compact_id, millis_iso, minute_iso, title_array, validation

if TYPE_CHECKING:
    from .common import IdMaker

OPTION_TYPES = ("select", "multi_select", "status")
READ_ONLY_TYPES = frozenset(
    {"formula", "rollup", "created_time", "created_by", "last_edited_time", "last_edited_by",
     "unique_id", "button", "verification"}
)
KNOWN_TYPES = frozenset(
    {"title", "rich_text", "number", "select", "multi_select", "status", "date", "checkbox", "url",
     "email", "phone_number", "relation", "people", "files", "place"}
) | READ_ONLY_TYPES
COLORS = ("default", "gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red")
DEFAULT_STATUS = (("Not started", "default", "To-do"), ("In progress", "blue", "In progress"),
                  ("Done", "green", "Complete"))
GROUP_COLORS = {"To-do": "gray", "In progress": "blue", "Complete": "green"}


@dataclass
class Prop:
    """One property of a data source schema. `config` is the value under the type key."""

    id: str
    name: str
    type: str
    config: dict[str, Any]
    description: str | None = None

    def render(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "description": self.description,
                "type": self.type, self.type: _render_config(self)}

    def option(self, name: str | None = None, option_id: str | None = None) -> dict | None:
        for opt in self.config.get("options", []):
            if (option_id is not None and opt["id"] == option_id) or (name is not None and opt["name"] == name):
                return opt
        return None


def _render_config(prop: Prop) -> dict[str, Any]:
    if prop.type in ("select", "multi_select"):
        return {"options": [dict(o) for o in prop.config["options"]]}
    if prop.type == "status":
        return {"options": [dict(o) for o in prop.config["options"]],
                "groups": [dict(g, option_ids=list(g["option_ids"])) for g in prop.config["groups"]]}
    return dict(prop.config)


@dataclass
class Database:
    id: str
    title: str
    parent: dict[str, Any]
    created: datetime
    last_edited: datetime
    data_source_ids: list[str] = field(default_factory=list)
    description: list = field(default_factory=list)
    is_inline: bool = False
    in_trash: bool = False
    is_locked: bool = False
    icon: Any = None
    cover: Any = None


@dataclass
class DataSource:
    id: str
    database_id: str
    title: str
    created: datetime
    last_edited: datetime
    props: dict[str, Prop] = field(default_factory=dict)   # by property id, in schema order
    in_trash: bool = False
    icon: Any = None

    def find(self, key: str) -> Prop | None:
        """A property by name or id (encoded or not)."""
        from urllib.parse import unquote

        for prop in self.props.values():
            if prop.name == key:
                return prop
        for prop in self.props.values():
            if prop.id == key or unquote(prop.id) == unquote(key):
                return prop
        return None

    def title_prop(self) -> Prop:
        return next(p for p in self.props.values() if p.type == "title")


def database_json(db: Database, url_base: str, bot_ref: dict, sources: list[DataSource]) -> dict:
    """The database object, keys in the recorded order."""
    return {
        "object": "database", "id": db.id, "title": title_array(db.title), "description": db.description,
        "parent": db.parent, "is_inline": db.is_inline, "in_trash": db.in_trash, "is_locked": db.is_locked,
        "created_time": millis_iso(db.created), "last_edited_time": millis_iso(db.last_edited),
        "data_sources": [{"id": s.id, "name": s.title} for s in sources],
        "icon": db.icon, "cover": db.cover, "url": f"{url_base}{compact_id(db.id)}", "public_url": None,
        "archived": db.in_trash,
    }


def data_source_json(ds: DataSource, db: Database, url_base: str, bot_ref: dict) -> dict:
    """The data source object, keys in the recorded order."""
    return {
        "object": "data_source", "id": ds.id, "cover": None, "icon": ds.icon,
        "created_time": minute_iso(ds.created), "created_by": bot_ref, "last_edited_by": bot_ref,
        "last_edited_time": minute_iso(ds.last_edited), "title": title_array(ds.title), "description": [],
        "is_inline": db.is_inline, "properties": {p.name: p.render() for p in ds.props.values()},
        "parent": {"type": "database_id", "database_id": db.id}, "database_parent": db.parent,
        "url": f"{url_base}{compact_id(db.id)}", "public_url": None,
        "in_trash": ds.in_trash, "archived": ds.in_trash,
    }


class SchemaEditor:
    """Applies the `properties` of create-database / update-data-source bodies to a DataSource."""

    def __init__(self, ids: IdMaker, lookup_source) -> None:
        self._ids = ids
        self._lookup_source = lookup_source   # data source id -> DataSource | None
        self._trusted = False

    def apply(self, ds: DataSource, changes: Any, creating: bool = False, trusted: bool = False) -> None:
        """Validate and apply every change; nothing changes if one entry is invalid.

        `trusted` (test builders only) lets a status property be created with options, which the API refuses.
        """
        self._trusted = trusted
        if not isinstance(changes, dict):
            raise validation("body failed validation: body.properties should be an object.")
        staged = {pid: Prop(p.id, p.name, p.type, _deep_copy(p.config), p.description) for pid, p in ds.props.items()}
        work = DataSource(ds.id, ds.database_id, ds.title, ds.created, ds.last_edited, staged)
        for key, spec in changes.items():
            self._apply_one(work, key, spec, creating)
        titles = [p for p in work.props.values() if p.type == "title"]
        if len(titles) != 1:
            raise validation("body failed validation: a data source must have exactly one title property.")
        ds.props = work.props

    def _apply_one(self, ds: DataSource, key: str, spec: Any, creating: bool) -> None:
        existing = None if creating else ds.find(key)
        if spec is None:
            if existing is None:
                raise validation(f"{key} is not a property that exists.")
            if existing.type == "title":
                raise validation("Cannot delete the title property.")
            del ds.props[existing.id]
            return
        if not isinstance(spec, dict):
            raise validation(f"body failed validation: body.properties.{key} should be an object or `null`.")
        new_name = spec.get("name", key if existing is None else existing.name)
        type_key = self._type_of(spec, key, required=existing is None)
        if existing is None:
            self._add(ds, new_name, type_key, spec.get(type_key), spec.get("description"))
            return
        self._rename(ds, existing, new_name)
        if "description" in spec:
            existing.description = spec["description"]
        if type_key is not None:
            self._retype(ds, existing, type_key, spec.get(type_key))

    @staticmethod
    def _type_of(spec: dict, key: str, required: bool) -> str | None:
        types = [k for k in spec if k in KNOWN_TYPES]
        if "type" in spec and spec["type"] not in types and spec["type"] in KNOWN_TYPES:
            types.append(spec["type"])
        unknown = [k for k in spec if k not in KNOWN_TYPES and k not in ("name", "type", "description")]
        if unknown:
            raise validation(f"body failed validation: body.properties.{key}.{unknown[0]} "
                             "is not a known property type.")
        if len(set(types)) > 1:
            raise validation(f"body failed validation: body.properties.{key} has more than one type.")
        if not types and required:
            raise validation(f"body failed validation: body.properties.{key} should define a property type.")
        return types[0] if types else None

    def _add(self, ds: DataSource, name: str, type_key: str, config: Any, description: str | None) -> None:
        if ds.find(name) is not None and ds.find(name).name == name:
            raise validation(f"A property named {name} already exists.")
        if type_key == "title" and any(p.type == "title" for p in ds.props.values()):
            raise validation("A data source can only have one title property.")
        pid = "title" if type_key == "title" else self._ids.property_id(set(ds.props))
        prop = Prop(pid, name, type_key, {}, description)
        prop.config = self._config(ds, prop, type_key, config, fresh=True)
        ds.props[pid] = prop

    def _rename(self, ds: DataSource, prop: Prop, new_name: str) -> None:
        if new_name == prop.name:
            return
        if not isinstance(new_name, str) or not new_name.strip():
            raise validation("body failed validation: property name should be a non-empty string.")
        clash = ds.find(new_name)
        if clash is not None and clash is not prop and clash.name == new_name:
            raise validation(f"A property named {new_name} already exists.")
        prop.name = new_name

    def _retype(self, ds: DataSource, prop: Prop, type_key: str, config: Any) -> None:
        if (type_key == "title") != (prop.type == "title"):
            raise validation("Cannot change a property to or from the title type.")
        fresh = type_key != prop.type
        if prop.type == "status" and not fresh and config and ("options" in config or "groups" in config):
            raise validation("Cannot update status options via the API. Edit them in Notion.")
        prop.config = self._config(ds, prop, type_key, config, fresh=fresh)
        prop.type = type_key

    def _config(self, ds: DataSource, prop: Prop, type_key: str, config: Any, fresh: bool) -> dict:
        config = {} if config is None else config
        if not isinstance(config, dict):
            raise validation(f"body failed validation: body.properties.{prop.name}.{type_key} should be an object.")
        if type_key in ("select", "multi_select"):
            kept = [] if fresh else prop.config.get("options", [])
            return {"options": self._merge_options(kept, config.get("options"))}
        if type_key == "status":
            if self._trusted and config.get("options"):
                return status_config(self._ids, [(o["name"], o.get("color", "default"), o.get("group", "To-do"))
                                                 for o in config["options"]])
            if config.get("options") or config.get("groups"):
                raise validation("Cannot set status options via the API. Edit them in Notion.")
            return default_status_config(self._ids) if fresh else prop.config
        if type_key == "relation":
            return self._relation_config(ds, prop, config)
        if type_key == "number":
            return {"format": config.get("format", "number")}
        if type_key in READ_ONLY_TYPES and type_key not in ("formula", "rollup"):
            return {}
        return dict(config)

    def _merge_options(self, kept: list[dict], given: Any) -> list[dict]:
        options = [dict(o) for o in kept]
        for i, opt in enumerate(given or []):
            if not isinstance(opt, dict) or not ({"name", "id"} & set(opt)):
                raise validation(f"body failed validation: options[{i}] should have a name or an id.")
            name = opt.get("name")
            if name is not None and ("," in name or len(name) > 100):
                raise validation(f"Invalid select option name: {name!r} (no commas, at most 100 characters).")
            match = next((o for o in options if o["id"] == opt.get("id") or (name and o["name"] == name)), None)
            if match is None:
                options.append(new_option(self._ids, name, opt.get("color"), len(options), opt.get("description")))
            else:
                match.update({k: opt[k] for k in ("name", "color", "description") if k in opt})
        return options

    def _relation_config(self, ds: DataSource, prop: Prop, config: dict) -> dict:
        if "database_id" in config:
            raise validation("body failed validation: relation.database_id is not supported; use data_source_id.")
        target_id = config.get("data_source_id")
        target = self._lookup_source(target_id) if isinstance(target_id, str) else None
        if target is None and target_id is not None and str(target_id).replace("-", "") == ds.id.replace("-", ""):
            target = ds
        if target is None:
            raise validation(f"body failed validation: relation.data_source_id `{target_id}` is not a data source.")
        kind = config.get("type", "single_property" if "dual_property" not in config else "dual_property")
        if kind not in ("single_property", "dual_property"):
            raise validation("body failed validation: relation.type should be single_property or dual_property.")
        out = {"database_id": target.database_id, "data_source_id": target.id, "type": kind}
        if kind == "single_property":
            out["single_property"] = {}
        else:
            out["dual_property"] = {"synced_property_name": f"Related to {ds.title} ({prop.name})",
                                    "synced_property_id": self._ids.property_id(set())}
        return out


def new_option(ids: IdMaker, name: str | None, color: str | None, index: int, description: str | None = None) -> dict:
    return {"id": ids.uuid(), "name": name, "color": color or COLORS[(index + 1) % len(COLORS)],
            "description": description}


def status_config(ids: IdMaker, options: list[tuple[str, str, str]]) -> dict:
    """A status config from (name, color, group) triples; groups in To-do / In progress / Complete order."""
    opts = [{"id": ids.uuid(), "name": n, "color": c, "description": None} for n, c, _ in options]
    groups = []
    for group in ("To-do", "In progress", "Complete"):
        members = [o["id"] for o, (_, _, g) in zip(opts, options, strict=True) if g == group]
        groups.append({"id": ids.uuid(), "name": group, "color": GROUP_COLORS[group], "option_ids": members})
    return {"options": opts, "groups": groups}


def default_status_config(ids: IdMaker) -> dict:
    return status_config(ids, list(DEFAULT_STATUS))


def _deep_copy(config: dict) -> dict:
    import copy

    return copy.deepcopy(config)


