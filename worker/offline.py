"""The offline source: a database exported from Notion as CSV ↔ the project's models.

Reading gives every row a stable page id (an export carries none), resolves relation cells to
those ids and reads the worker columns already present into `Person.current`. Writing copies the
export unchanged and fills the worker columns from an `Outcome`. No rules here, no clock.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, TypeVar

from worker.models import WORKER_FIELD_NAMES, Outcome, Person, WorkerFields
from worker.configuration import PropertyNames
from worker.offline_cells import (
    format_checkbox,
    format_date,
    format_number,
    parse_checkbox,
    parse_date,
    parse_number,
    split_multi_select,
    split_relation,
)
from worker.offline_ids import LinkResolver, assign_page_ids, notion_url

RELATION_FIELDS = ("knows", "introduced_by", "intro_via")
OUTPUT_SUFFIX = " with suggestions"

Warn = Callable[[str], None]
T = TypeVar("T")


class CsvExportError(Exception):
    """The export cannot be read, or the output cannot be written; the message says what to do."""


class CsvWriteStopped(Exception):
    """A stop (SIGTERM, Ctrl-C) came before the output was complete; the partial file is removed."""


@dataclass(frozen=True, slots=True)
class CsvTable:
    """The export as read: header and cells untouched, and the page id given to each row."""

    source: Path | None
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    page_ids: tuple[str, ...]  # one per row, 32 lowercase hex
    labels: Mapping[str, str]  # page id → name, for every row and every page a link names


def fetch_people_from_csv(
    path: Path, names: PropertyNames, warn: Warn | None = None
) -> tuple[list[Person], CsvTable]:
    """Read a Notion CSV export: one Person per row, in file order, and the table to write back."""
    warn = warn or _ignore
    header, rows = _read_rows(path, warn)
    columns = _columns(header, names)
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
        reader = _RowReader(row, header, columns, row_names[index], index, warn)
        relations = {field: resolve(links[field][index]) for field in RELATION_FIELDS}
        url = notion_url(page_ids[index]) if page_ids[index] in linked_ids else ""
        people.append(_person(reader, page_ids[index], url, relations))
    table = CsvTable(Path(path), tuple(header), tuple(map(tuple, rows)), tuple(page_ids), labels)
    return people, table


def write_csv_with_suggestions(
    table: CsvTable, outcome: Outcome, names: PropertyNames, out: Path | TextIO, stop: threading.Event | None = None
) -> None:
    """Write the export with the worker columns filled from `outcome` (a file gets a UTF-8 BOM).

    A file is written whole or not at all: beside it as `<name>.partial`, renamed when complete. When
    `stop` is set (a signal) before that, the partial file is removed and CsvWriteStopped raised.
    """
    header = list(table.header)
    positions = {}
    for field in WORKER_FIELD_NAMES:
        position = _find_column(header, getattr(names, field))
        if position is None:
            header.append(getattr(names, field))
            position = len(header) - 1
        positions[field] = position
    decided = {row.person.page_id: row.fields for row in outcome.rows}
    lines = [header]
    for page_id, cells in zip(table.page_ids, table.rows):
        line = list(cells) + [""] * (len(header) - len(cells))
        if (fields := decided.get(page_id)) is not None:  # Paused rows keep what they hold
            for field, position in positions.items():
                line[position] = _format_field(fields, field, table.labels)
        lines.append(line)
    if isinstance(out, Path):
        _write_file(lines, out, table.source, stop or threading.Event())
    else:
        csv.writer(out, lineterminator="\n").writerows(lines)


def default_output_path(export: Path) -> Path:
    """Where the output goes without --out: "<stem> with suggestions.csv" beside the export."""
    return export.with_name(f"{export.stem}{OUTPUT_SUFFIX}.csv")


# --- reading ---------------------------------------------------------------------------------


def _ignore(_message: str) -> None:
    pass


def _read_rows(path: Path, warn: Warn) -> tuple[list[str], list[list[str]]]:
    try:
        # newline="" keeps line breaks inside quoted cells as they are (the csv module's advice).
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise CsvExportError(
            f"no file at {path}; give the path of the CSV exported from Notion"
        ) from None
    except UnicodeDecodeError:
        raise CsvExportError(
            f"{path} is not UTF-8; export it from Notion again, or save it as \"CSV UTF-8\""
        ) from None
    except OSError as error:
        raise CsvExportError(f"cannot read {path}: {error.strerror}") from None
    try:
        records = [record for record in csv.reader(io.StringIO(text, newline="")) if record]
    except csv.Error as error:
        raise CsvExportError(f"{path} is not a CSV file Notion could have written ({error})") from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise CsvExportError(f"{path} has no header row; export the database from Notion as CSV")
    header = [cell.strip() for cell in records[0]]
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if len(record) > len(header):
            extra = len(record) - len(header)
            warn(f"CSV row {number}: {extra} cell(s) beyond the last column ignored")
        rows.append((record + [""] * len(header))[: len(header)])
    return header, rows


def _find_column(header: Sequence[str], name: str) -> int | None:
    if name in header:
        return header.index(name)
    folded = [column.casefold() for column in header]
    return folded.index(name.casefold()) if name.casefold() in folded else None


def _columns(header: Sequence[str], names: PropertyNames) -> dict[str, int]:
    """Property field → position of its column, if present; the title defaults to the first."""
    found = {field: _find_column(header, column) for field, column in names.model_dump().items()}
    columns = {field: position for field, position in found.items() if position is not None}
    columns.setdefault("name", 0)
    return columns


def _cell(row: Sequence[str], position: int | None) -> str:
    return "" if position is None else row[position]


@dataclass(frozen=True, slots=True)
class _RowReader:
    """One row's cells by property field, parsing with a warning that names the row."""

    row: Sequence[str]
    header: Sequence[str]
    columns: Mapping[str, int]
    name: str
    index: int
    warn: Warn

    def text(self, field: str) -> str:
        return _cell(self.row, self.columns.get(field))

    def parsed(self, field: str, parse: Callable[[str], T], fallback: T) -> T:
        try:
            return parse(self.text(field))
        except ValueError as error:
            who = self.name or "(row with no name)"
            column = self.header[self.columns[field]]
            self.warn(f"{who} (CSV row {self.index + 2}): {column}: {error}; read as empty")
            return fallback


def _person(
    reader: _RowReader, page_id: str, url: str, relations: Mapping[str, tuple[str, ...]]
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
        follow_up_on=reader.parsed("follow_up_on", parse_date, None),
        stale=reader.parsed("stale", parse_checkbox, False),
        strength=reader.parsed("strength", parse_number, None),
        intros_made=reader.parsed("intros_made", parse_number, None),
        worker_state=text("worker_state"),
    )
    return Person(
        page_id=page_id,
        name=reader.name,
        company=text("company").strip(),
        role=text("role").strip(),
        closeness=text("closeness").strip(),
        last_contacted=reader.parsed("last_contacted", parse_date, None),
        status=text("status").strip(),
        knows=relations["knows"],
        introduced_by=relations["introduced_by"],
        shared_interests=split_multi_select(text("shared_interests")),
        paused=reader.parsed("paused", parse_checkbox, False),
        meeting_on=reader.parsed("meeting_on", parse_date, None),
        email=text("email").strip(),
        linkedin=text("linkedin").strip(),
        url=url,
        current=current,
    )


# --- writing ---------------------------------------------------------------------------------


def _format_field(fields: WorkerFields, field: str, labels: Mapping[str, str]) -> str:
    value = getattr(fields, field)
    if field == "intro_via":
        return ", ".join(labels.get(page_id, page_id) for page_id in value)
    if field == "follow_up_on":
        return format_date(value)
    if field == "stale":
        return format_checkbox(value)
    if field in ("strength", "intros_made"):
        return format_number(value)
    return value or ""


def _write_file(lines: list[list[str]], out: Path, source: Path | None, stop: threading.Event) -> None:
    if source is not None and _same_file(out, source):
        raise CsvExportError(f"will not write over the export {source}; choose another --out file")
    partial = out.with_name(out.name + ".partial")
    try:
        # newline="" lets csv write its own \r\n; the BOM makes Excel read UTF-8.
        with partial.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            for line in lines:
                if stop.is_set():
                    raise CsvWriteStopped(
                        f"Stopped before {out} was complete: nothing was written (the partial file was "
                        "removed). Run the same command again."
                    )
                writer.writerow(line)
        partial.replace(out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CsvExportError(f"cannot write {out}: {error.strerror}") from None
    except BaseException:  # a stop, or anything else: never leave half a file behind
        partial.unlink(missing_ok=True)
        raise


def _same_file(out: Path, source: Path) -> bool:
    if out.resolve() == source.resolve():
        return True
    return out.exists() and source.exists() and out.samefile(source)
