"""Data source query filters and sorts (the subset the worker uses, plus common property filters)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from .common import normalize_id, validation
from .values import plain_value

DATE_OPS = ("equals", "before", "after", "on_or_before", "on_or_after")
MAX_COMPOUND = 100


def parse_when(value: Any, where: str) -> tuple[datetime, bool]:
    """An ISO date or datetime → (aware datetime, is_date_only)."""
    if isinstance(value, str):
        return _parse_when(value, where)   # a filter's bound is parsed once, not once per page
    raise validation(f"body failed validation: {where} should be a valid ISO 8601 date string.")


@lru_cache(maxsize=4096)
def _parse_when(value: str, where: str) -> tuple[datetime, bool]:
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), datetime.min.time(), UTC), True
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise validation(f"body failed validation: {where} should be a valid ISO 8601 date string, "
                         f"instead was `\"{value}\"`.") from None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)), False


def _date_match(actual: datetime | None, condition: dict, where: str) -> bool:
    if not isinstance(condition, dict) or len(condition) != 1:
        raise validation(f"body failed validation: {where} should have exactly one condition.")
    (op, value), = condition.items()
    if op == "is_empty":
        return actual is None
    if op == "is_not_empty":
        return actual is not None
    if op not in DATE_OPS:
        raise validation(f"fake: date filter condition {op!r} is not modelled ({where}).")
    if actual is None:
        return False
    bound, date_only = parse_when(value, f"{where}.{op}")
    day_end = bound + timedelta(days=1) if date_only else bound
    return {
        "equals": bound <= actual < day_end if date_only else actual == bound,
        "before": actual < bound,
        "after": actual >= day_end if date_only else actual > bound,
        "on_or_before": actual < day_end if date_only else actual <= bound,
        "on_or_after": actual >= bound,
    }[op]


class Matcher:
    """Evaluates a filter object against pages of one data source."""

    def __init__(self, ds, filter_: Any) -> None:
        self.ds = ds
        self.filter = filter_
        if filter_ is not None:
            self._check(filter_, "body.filter", depth=0)

    def _check(self, node: Any, where: str, depth: int) -> None:
        if not isinstance(node, dict):
            raise validation(f"body failed validation: {where} should be an object.")
        for key in ("and", "or"):
            if key in node:
                if depth >= 2 or not isinstance(node[key], list) or len(node[key]) > MAX_COMPOUND:
                    raise validation(f"body failed validation: {where}.{key} should be an array of at most "
                                     f"{MAX_COMPOUND} filters, nested at most 2 deep.")
                for i, child in enumerate(node[key]):
                    self._check(child, f"{where}.{key}[{i}]", depth + 1)
                return
        if "timestamp" in node:
            if node["timestamp"] not in ("created_time", "last_edited_time") or node["timestamp"] not in node:
                raise validation(f"body failed validation: {where}.timestamp should be created_time or "
                                 "last_edited_time with a matching condition.")
            return
        if "property" not in node:
            raise validation(f"body failed validation: {where} should be a property, timestamp or compound filter.")
        if self.ds.find(node["property"]) is None:
            raise validation(f"Could not find property with name or id: {node['property']}")

    def matches(self, page) -> bool:
        return self.filter is None or self._eval(self.filter, page, "body.filter")

    def _eval(self, node: dict, page, where: str) -> bool:
        if "and" in node:
            return all(self._eval(c, page, where) for c in node["and"])
        if "or" in node:
            return any(self._eval(c, page, where) for c in node["or"])
        if "timestamp" in node:
            kind = node["timestamp"]
            actual = page.created if kind == "created_time" else page.last_edited
            return _date_match(actual.replace(second=0, microsecond=0), node[kind], f"{where}.{kind}")
        prop = self.ds.find(node["property"])
        conditions = {k: v for k, v in node.items() if k not in ("property", "type")}
        if len(conditions) != 1:
            raise validation(f"body failed validation: {where} should have one type key.")
        (kind, condition), = conditions.items()
        plain = plain_value(prop, page.values.get(prop.id), page)
        return _property_match(kind, condition, plain, f"{where}.{kind}")


def _property_match(kind: str, condition: Any, plain: Any, where: str) -> bool:
    if not isinstance(condition, dict) or len(condition) != 1:
        raise validation(f"body failed validation: {where} should have exactly one condition.")
    (op, value), = condition.items()
    if op == "is_empty":
        return plain in (None, "", [])
    if op == "is_not_empty":
        return plain not in (None, "", [])
    if kind == "date":
        actual = parse_when(plain, where)[0] if plain else None
        return _date_match(actual, condition, where)
    if kind in ("relation", "people", "multi_select") and op in ("contains", "does_not_contain"):
        needle = (normalize_id(value) or "").replace("-", "") if kind != "multi_select" else value
        return (needle in plain) == (op == "contains")
    text_ops = {
        "equals": lambda a, b: a == b, "does_not_equal": lambda a, b: a != b,
        "contains": lambda a, b: b in (a or ""), "does_not_contain": lambda a, b: b not in (a or ""),
        "starts_with": lambda a, b: (a or "").startswith(b), "ends_with": lambda a, b: (a or "").endswith(b),
        "greater_than": lambda a, b: a is not None and a > b, "less_than": lambda a, b: a is not None and a < b,
        "greater_than_or_equal_to": lambda a, b: a is not None and a >= b,
        "less_than_or_equal_to": lambda a, b: a is not None and a <= b,
    }
    if op not in text_ops:
        raise validation(f"fake: filter condition {op!r} for {kind} is not modelled ({where}).")
    return text_ops[op](plain, value)


def sort_pages(ds, pages: list, sorts: Any) -> list:
    """Apply `sorts`; without sorts, most recently edited first (Notion leaves the order unspecified)."""
    if sorts is None or sorts == []:
        return sorted(pages, key=lambda p: (p.last_edited, p.created, p.id), reverse=True)
    checked = check_sorts(ds, sorts)
    ordered = sorted(pages, key=lambda p: (p.created, p.id))
    for key, reverse in reversed(checked):
        ordered = _sort_once(ordered, key, reverse)
    return ordered


def check_sorts(ds, sorts: Any) -> list[tuple[Any, bool]]:
    """Validate a non-empty `sorts` array (last entry first, as they are applied) → [(key, descending)]."""
    if not isinstance(sorts, list) or len(sorts) > MAX_COMPOUND:
        raise validation("body failed validation: body.sorts should be an array.")
    checked: list[tuple[Any, bool]] = [None] * len(sorts)   # type: ignore[list-item]
    for i, sort in reversed(list(enumerate(sorts))):
        checked[i] = _check_sort(ds, sort, f"body.sorts[{i}]")
    return checked


def creation_order(ds, sorts: Any) -> str | None:
    """"ascending"/"descending" when `sorts` (validated here) put pages in creation order or its reverse.

    The first sort decides: created_time is distinct for every page (a minute apart), so later sorts
    never reorder. None when another order applies (no sorts: last edited first; a property sort; ...).
    """
    if sorts is None or sorts == []:
        return None
    checked = check_sorts(ds, sorts)
    key, reverse = checked[0]
    if key != ("timestamp", "created"):
        return None
    return "descending" if reverse else "ascending"


def _check_sort(ds, sort: Any, where: str) -> tuple[Any, bool]:
    if not isinstance(sort, dict) or sort.get("direction") not in ("ascending", "descending"):
        raise validation(f"body failed validation: {where}.direction should be `ascending` or `descending`.")
    reverse = sort["direction"] == "descending"
    if "timestamp" in sort:
        if sort["timestamp"] not in ("created_time", "last_edited_time"):
            raise validation(f"body failed validation: {where}.timestamp should be created_time or last_edited_time.")
        return ("timestamp", "created" if sort["timestamp"] == "created_time" else "last_edited"), reverse
    prop = ds.find(sort.get("property", "")) if isinstance(sort.get("property"), str) else None
    if prop is None:
        raise validation(f"Could not find sort property with name or id: {sort.get('property')}")
    return ("property", prop), reverse


def _sort_once(pages: list, key: tuple[str, Any], reverse: bool) -> list:
    kind, what = key
    if kind == "timestamp":
        return sorted(pages, key=lambda p: getattr(p, what).replace(second=0, microsecond=0), reverse=reverse)
    prop = what
    values = {p.id: plain_value(prop, p.values.get(prop.id), p) for p in pages}
    present = [p for p in pages if values[p.id] not in (None, "", [])]
    missing = [p for p in pages if values[p.id] in (None, "", [])]
    present.sort(key=lambda p: _sort_key(values[p.id]), reverse=reverse)
    return present + missing   # empty values last in either direction


def _sort_key(value: Any) -> Any:
    if isinstance(value, list):
        return ",".join(map(str, value)).lower()
    if isinstance(value, str):
        return value.lower()
    return value
