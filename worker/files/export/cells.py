"""The cell formats of a Notion CSV export: dates, checkboxes, multi-selects, relation links, ids.

Pure text ↔ value functions; reading.py and writing.py apply them to whole rows.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from urllib.parse import unquote, urlsplit

from worker.core.dates import MONTH_NAMES
from worker.core.models import split_comma_list

_MONTH_NUMBER = {name.casefold(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTH_NUMBER |= {name[:3].casefold(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTH_NUMBER["sept"] = 9

# Notion writes a date as its property's display format, a time and a time zone may follow,
# and a range is "start → end": only the start's calendar date matters here.
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.? (\d{1,2}), (\d{4})(?!\d)")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]+)\.? (\d{4})(?!\d)")
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")
# 02/11/2026, 02.11.2026 or 02-11-2026: a spreadsheet's dates, day-first or month-first by locale.
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)")

_TRUE = frozenset({"yes", "true", "checked", "x", "1", "✓", "✔"})
_FALSE = frozenset({"", "no", "false", "unchecked", "0"})

_HEX_ID = re.compile(
    r"([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$", re.IGNORECASE
)
# One relation item: "Name (link)", where the link is a URL or an exported page's file path.
_LINKED_ITEM = re.compile(
    r"\s*(?P<name>.*?)\s*\((?P<link>(?:https?://|[^()\s]*?[0-9a-fA-F]{32})[^()\s]*)\)\s*(?:,|$)"
)


class DateOrder(StrEnum):
    """How a column writes numeric dates: 26/11/2026 (day-first) or 11/26/2026 (month-first)."""

    DAY_FIRST = "day-first"
    MONTH_FIRST = "month-first"


class AmbiguousDates(ValueError):
    """A column's numeric dates can be read day-first or month-first; `example` is one of them."""

    def __init__(self, example: str, reason: str) -> None:
        super().__init__(reason)
        self.example = example


def parse_date(text: str, order: DateOrder | None = None) -> date | None:
    """A date cell → its (start) calendar date; empty → None; else ValueError.

    ISO dates, Notion's "November 26, 2026" and "Nov 26, 2026", and "26 Nov 2026" read alone. A
    numeric date (02/11/2026) reads in the column's `order`; without one, only when it cannot be
    read the other way round (26/11/2026).
    """
    text = text.split("→")[0].strip()
    if not text:
        return None
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _NUMERIC.match(text):
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        order = order or _order_of(first, second)
        if order is None and first != second:
            raise ValueError(f"{text!r} could be day-first or month-first")
        day, month = (second, first) if order == DateOrder.MONTH_FIRST else (first, second)
    elif match := _MONTH_DAY_YEAR.match(text):
        month, day, year = _month(match[1]), int(match[2]), int(match[3])
    elif match := _DAY_MONTH_YEAR.match(text):
        day, month, year = int(match[1]), _month(match[2]), int(match[3])
    else:
        raise ValueError(f"{text!r} is not a date")
    return date(year, month, day)


def numeric_date_order(cells: Iterable[str]) -> DateOrder | None:
    """How a whole column writes its numeric dates: None when it has none (or each reads both ways
    alike, 05/05/2026); AmbiguousDates when nothing in the column settles it, or it holds both."""
    day_first = month_first = ambiguous = None
    for cell in cells:
        match = _NUMERIC.match(cell.split("→")[0].strip())
        if match is None:
            continue
        first, second = int(match[1]), int(match[3])
        order = _order_of(first, second)
        if order == DateOrder.DAY_FIRST:
            day_first = day_first or match[0]
        elif order == DateOrder.MONTH_FIRST:
            month_first = month_first or match[0]
        elif first != second:
            ambiguous = ambiguous or match[0]
    if day_first and month_first:
        raise AmbiguousDates(day_first, f"{day_first!r} is day-first but {month_first!r} is month-first")
    if day_first or month_first:
        return DateOrder.DAY_FIRST if day_first else DateOrder.MONTH_FIRST
    if ambiguous:
        raise AmbiguousDates(ambiguous, f"{ambiguous!r} could be day-first or month-first, and no date in it says which")
    return None


def _order_of(first: int, second: int) -> DateOrder | None:
    """The only way a numeric date can be read, or None when both ways are dates."""
    if first > 12:
        return DateOrder.DAY_FIRST
    if second > 12:
        return DateOrder.MONTH_FIRST
    return None


def _month(word: str) -> int:
    try:
        return _MONTH_NUMBER[word.casefold()]
    except KeyError:
        raise ValueError(f"{word!r} is not a month") from None


def format_date(value: date | None) -> str:
    """A date as Notion's CSV writes it ("November 26, 2026"), independent of the locale."""
    return "" if value is None else f"{MONTH_NAMES[value.month - 1]} {value.day}, {value.year}"


def parse_checkbox(text: str) -> bool:
    """A checkbox cell ("Yes"/"No", also true/false) → bool; ValueError for anything else."""
    word = text.strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"{text.strip()!r} is not Yes or No")


def format_checkbox(value: bool) -> str:
    return "Yes" if value else "No"


def parse_number(text: str) -> float | None:
    """A number cell → float; empty → None; ValueError if unreadable."""
    text = text.strip().replace(",", "")
    return float(text) if text else None


def format_number(value: float | None) -> str:
    """A number without a needless ".0" (70.0 → "70")."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# A multi-select cell → its options: a plain comma list (Notion forbids commas inside an option).
split_multi_select = split_comma_list


@dataclass(frozen=True, slots=True)
class Link:
    """One item of a relation cell: the linked page's name and, when the export gave one, its id."""

    name: str
    page_id: str | None = None


def split_relation(text: str, known_names: Collection[str] = ()) -> tuple[Link, ...]:
    """A relation cell → its links, in order.

    Items with a link ("Name (https://…)") are split at the link, so a name may hold a comma;
    plain names are split at commas, except where the joined parts name a known row.
    """
    links: list[Link] = []
    position = 0
    while position < len(text):
        match = _LINKED_ITEM.match(text, position)
        if match is None:
            links.extend(Link(name) for name in _split_plain(text[position:], known_names))
            break
        *plain, name = _split_linked_name(match["name"], known_names)
        links.extend(Link(other) for other in plain)
        links.append(Link(name, page_id_from_link(match["link"])))
        position = match.end()
    return tuple(link for link in links if link.name or link.page_id)


def _split_linked_name(text: str, known_names: Collection[str]) -> list[str]:
    # Notion links every item or none, so a comma before a link is part of the name, unless
    # the cell mixes forms: plain names of known rows, then the linked one.
    parts = _split_plain(text, known_names)
    if len(parts) > 1 and all(part in known_names for part in parts):
        return parts
    return [text.strip()]


def _split_plain(text: str, known_names: Collection[str]) -> list[str]:
    if text.strip() in known_names:
        return [text.strip()]
    parts = [part.strip() for part in text.split(",")]
    names: list[str] = []
    start = 0
    while start < len(parts):
        # The longest run of parts that is a known name wins ("Smith, Jr." stays whole).
        end = next(
            (end for end in range(len(parts), start + 1, -1)
             if ", ".join(parts[start:end]) in known_names),
            start + 1,
        )
        names.append(", ".join(parts[start:end]))
        start = end
    return [name for name in names if name]


def page_id_from_link(link: str) -> str | None:
    """The 32-hex page id at the end of a Notion URL or exported file path, without dashes."""
    path = unquote(urlsplit(link).path).removesuffix(".md").removesuffix(".csv").rstrip("/")
    match = _HEX_ID.search(path)
    return match[1].replace("-", "").lower() if match else None
