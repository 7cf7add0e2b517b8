"""A database exported from Notion as CSV → the project's models.

Reading gives every row a stable page id (an export carries none), resolves relation cells to
those ids and reads the worker columns already present into `Person.current`. An export that
cannot be trusted is refused before a row is read. No rules here, no clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

from worker.core.configuration import PropertyNames
from worker.core.codes import WarningCode
from worker.core.models import Person, RowWarning, WorkerFields
from worker.files.export.cells import (
    AmbiguousDates,
    DateOrder,
    numeric_date_order,
    parse_checkbox,
    parse_date,
    parse_number,
    split_multi_select,
    split_relation,
)
from worker.files.export.column_check import ExportColumnsError, require_export_columns
from worker.files.export.csvtext import CsvTextError, detect_delimiter, read_records
from worker.files.export.ids import LinkResolver, assign_page_ids, notion_url
from worker.files.textfile import NotUtf8, read_utf8

RELATION_FIELDS = ("knows", "introduced_by", "intro_via")
DATE_FIELDS = ("last_contacted", "meeting_on", "follow_up_on")

Warn = Callable[[RowWarning], None]
T = TypeVar("T")


class CsvExportError(Exception):
    """The export cannot be read or trusted, or the output cannot be written; the message says
    what to do, and `problems` names each column to fix."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True, slots=True)
class CsvTable:
    """The export as read: header and cells untouched, and the page id given to each row."""

    source: Path | None
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    page_ids: tuple[str, ...]  # one per row, 32 lowercase hex
    labels: Mapping[str, str]  # page id → name, for every row and every page a link names


def fetch_people_from_csv(
    path: Path, names: PropertyNames, warn: Warn | None = None, config_file: str = "your config file"
) -> tuple[list[Person], CsvTable]:
    """Read a Notion CSV export: one Person per row, in file order, and the table to write back.

    An export that cannot be trusted is refused (CsvExportError naming each column and the config
    line that fixes it): a required column missing, a column twice, dates that read two ways.
    A cell that cannot be read is a warning naming its row, and reads as empty.
    """
    warn = warn or _ignore
    header, rows, overflow = _read_rows(path)
    try:
        columns = require_export_columns(header, names, config_file, str(path))
    except ExportColumnsError as error:
        raise CsvExportError(str(error), error.problems) from None
    orders = _date_orders(header, rows, columns, path)
    created_at = _created_time_column(header)
    row_names = [row[columns["name"]].strip() for row in rows]
    known = frozenset(row_names)
    links = {
        field: [split_relation(_cell(row, columns.get(field)), known) for row in rows]
        for field in RELATION_FIELDS
    }
    every_link = [link for cells in links.values() for cell in cells for link in cell]
    page_ids = assign_page_ids(row_names, every_link)
    labels = dict(zip(page_ids, row_names))
    resolve = LinkResolver(row_names, page_ids, every_link, labels)
    linked_ids = {link.page_id for link in every_link}
    people = []
    for index, row in enumerate(rows):
        url = notion_url(page_ids[index]) if page_ids[index] in linked_ids else ""
        say = partial(_row_warning, warn, page_ids[index], row_names[index], url, index)
        if overflow.get(index):
            say(f"{overflow[index]} cell(s) beyond the last column ignored")
        reader = _RowReader(row, header, columns, orders, say)
        relations = {field: resolve(links[field][index]) for field in RELATION_FIELDS}
        created = _created_on(row, created_at)
        people.append(replace(_person(reader, page_ids[index], row_names[index], url, relations), created_on=created))
    table = CsvTable(Path(path), tuple(header), tuple(map(tuple, rows)), tuple(page_ids), labels)
    return people, table


# --- reading ---------------------------------------------------------------------------------


def _ignore(_warning: RowWarning) -> None:
    pass


def _row_warning(warn: Warn, page_id: str, name: str, url: str, index: int, message: str) -> None:
    warn(RowWarning(page_id=page_id, name=name, url=url, code=WarningCode.CSV_CELL,
                    facts=(("line", str(index + 2)), ("problem", message))))


def _read_rows(path: Path) -> tuple[list[str], list[list[str]], dict[int, int]]:
    """(header, rows padded to the header, extra cells per row index) of a CSV file in any delimiter."""
    try:
        text = read_utf8(path)
    except FileNotFoundError:
        raise CsvExportError(f"no file at {path}; give the path of the CSV exported from Notion") from None
    except NotUtf8 as error:
        raise CsvExportError(f"{error}; export it from Notion again, or save it as \"CSV UTF-8\"") from None
    except OSError as error:
        raise CsvExportError(f"cannot read {path}: {error.strerror}") from None
    first_line = text.split("\n", 1)[0]
    try:
        records = read_records(text, detect_delimiter(first_line))
    except CsvTextError as error:
        raise CsvExportError(f"{path} is not a CSV file Notion could have written ({error})") from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise CsvExportError(f"{path} has no header row; export the database from Notion as CSV")
    header = [cell.strip() for cell in records[0]]
    rows, overflow = [], {}
    for index, record in enumerate(records[1:]):
        if len(record) > len(header):
            overflow[index] = len(record) - len(header)
        rows.append((record + [""] * len(header))[: len(header)])
    return header, rows, overflow


def _date_orders(
    header: Sequence[str], rows: Sequence[Sequence[str]], columns: Mapping[str, int], path: Path
) -> dict[str, DateOrder | None]:
    """How each date column writes numeric dates; refused when the column cannot say."""
    orders, problems = {}, []
    for field in DATE_FIELDS:
        if field not in columns:
            continue
        try:
            orders[field] = numeric_date_order(row[columns[field]] for row in rows)
        except AmbiguousDates as error:
            problems.append(
                f'"{header[columns[field]]}": {error}. Export dates as YYYY-MM-DD or as "November 2, 2026" '
                "(in Notion: the property's ••• → Date format → Full date), then export again."
            )
    if problems:
        raise CsvExportError(f"{path} has dates the worker cannot read safely.", problems)
    return orders


# A Notion "Created time" property, exported as a column: the day each row was added (SPEC §4.3 v3
# dates an introduction by it offline). Notion's default name first, then the usual renamings.
CREATED_TIME_HEADERS = ("created time", "created", "created at", "created on")


def _created_time_column(header: Sequence[str]) -> int | None:
    folded = [cell.strip().casefold() for cell in header]
    return next((folded.index(name) for name in CREATED_TIME_HEADERS if name in folded), None)


def _created_on(row: Sequence[str], position: int | None) -> date | None:
    """The row's creation day from the Created time column; None without one or when it does not read."""
    try:
        return parse_date(_cell(row, position))
    except ValueError:
        return None


def _cell(row: Sequence[str], position: int | None) -> str:
    return "" if position is None else row[position]


@dataclass(frozen=True, slots=True)
class _RowReader:
    """One row's cells by property field, parsing with a warning that names the row."""

    row: Sequence[str]
    header: Sequence[str]
    columns: Mapping[str, int]
    date_orders: Mapping[str, DateOrder | None]
    say: Callable[[str], None]

    def text(self, field: str) -> str:
        return _cell(self.row, self.columns.get(field))

    def parsed(self, field: str, parse: Callable[[str], T], fallback: T) -> T:
        try:
            return parse(self.text(field))
        except ValueError as error:
            self.say(f"{self.header[self.columns[field]]}: {error}; read as empty")
            return fallback

    def date_of(self, field: str) -> date | None:
        return self.parsed(field, partial(parse_date, order=self.date_orders.get(field)), None)


def _person(
    reader: _RowReader, page_id: str, name: str, url: str, relations: Mapping[str, tuple[str, ...]]
) -> Person:
    text = reader.text
    current = WorkerFields(
        suggested_ask=text("suggested_ask").strip() or None,
        why=text("why"),
        next_step=text("next_step"),
        draft=text("draft"),
        intro_path=text("intro_path"),
        mail_link=text("mail_link").strip(),
        intro_via=relations["intro_via"],
        follow_up_on=reader.date_of("follow_up_on"),
        stale=reader.parsed("stale", parse_checkbox, False),
        strength=reader.parsed("strength", parse_number, None),
        intros_made=reader.parsed("intros_made", parse_number, None),
        worker_state=text("worker_state"),
    )
    return Person(
        page_id=page_id,
        name=name,
        company=text("company").strip(),
        role=text("role").strip(),
        closeness=text("closeness").strip(),
        last_contacted=reader.date_of("last_contacted"),
        status=text("status").strip(),
        knows=relations["knows"],
        introduced_by=relations["introduced_by"],
        shared_interests=split_multi_select(text("shared_interests")),
        paused=reader.parsed("paused", parse_checkbox, False),
        meeting_on=reader.date_of("meeting_on"),
        email=text("email").strip(),
        linkedin=text("linkedin").strip(),
        url=url,
        current=current,
    )
