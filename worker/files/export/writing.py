"""The export written back: a copy of it, unchanged but for the worker columns filled from an Outcome.

Intro via is written as names (an export links by name), dates as Notion's CSV writes them. The
output is written whole or not at all, and never over the export it came from.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from worker.core.configuration import PropertyNames
from worker.core.models import WORKER_FIELD_NAMES, Outcome, WorkerFields
from worker.core.rules.rows import FORMULA_START
from worker.files.export.cells import format_checkbox, format_date, format_number
from worker.files.export.reading import CsvExportError, CsvTable

OUTPUT_SUFFIX = " with suggestions"


class CsvWriteStopped(Exception):
    """A stop (SIGTERM, Ctrl-C) came before the output was complete; the partial file is removed."""


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
    decided = {row.person.page_id: row for row in outcome.rows}
    lines = [header]
    for page_id, cells in zip(table.page_ids, table.rows):
        line = list(cells) + [""] * (len(header) - len(cells))
        if (row := decided.get(page_id)) is not None:
            # A Paused row keeps what it holds, but for what the worker clears there, once.
            fields = row.changed if row.person.paused else positions
            for field in fields:
                line[positions[field]] = _format_field(row.fields, field, table.labels)
        lines.append(line)
    if isinstance(out, Path):
        _write_file(lines, out, table.source, stop or threading.Event())
    else:
        csv.writer(out, lineterminator="\n").writerows(lines)


def default_output_path(export: Path) -> Path:
    """Where the output goes without --out: "<stem> with suggestions.csv" beside the export."""
    return export.with_name(f"{export.stem}{OUTPUT_SUFFIX}.csv")




def _find_column(header: Sequence[str], name: str) -> int | None:
    if name in header:
        return header.index(name)
    folded = [column.casefold() for column in header]
    return folded.index(name.casefold()) if name.casefold() in folded else None


def _format_field(fields: WorkerFields, field: str, labels: Mapping[str, str]) -> str:
    return _not_a_formula(_field_text(fields, field, labels))


def _not_a_formula(cell: str) -> str:
    """A worker cell a spreadsheet shows as text. The rules never start a sentence with a name that
    looks like a formula (they quote it) and Intro via puts such names last; what still starts like
    one (a draft template of your own starting with {name}, or links to such names only) gets the
    quote OWASP recommends: Notion then reads it with that quote, better than a formula that runs."""
    return f"'{cell}" if cell.startswith(FORMULA_START + ("\t", "\r")) else cell


def _field_text(fields: WorkerFields, field: str, labels: Mapping[str, str]) -> str:
    value = getattr(fields, field)
    if field == "intro_via":
        names = [labels.get(page_id, page_id) for page_id in value]
        return ", ".join(sorted(names, key=lambda name: name.startswith(FORMULA_START)))  # stable: order kept
    if field == "follow_up_on":
        return format_date(value)
    if field == "stale":
        return format_checkbox(value)
    if field in ("strength", "intros_made"):
        return format_number(value)
    return value or ""


def _write_file(lines: list[list[str]], out: Path, source: Path | None, stop: threading.Event) -> None:
    partial = out.with_name(out.name + ".partial")
    try:  # even asking whether `out` exists fails in a folder that may not be entered
        if source is not None and _same_file(out, source):
            raise CsvExportError(f"will not write over the export {source}; choose another --out file")
    except OSError as error:
        raise CsvExportError(f"cannot write {out}: {error.strerror}") from None
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
        _discard(partial)
        raise CsvExportError(f"cannot write {out}: {error.strerror}") from None
    except BaseException:  # a stop, or anything else: never leave half a file behind
        _discard(partial)
        raise


def _discard(partial: Path) -> None:
    """Remove the partial file if there is one; a folder that refuses even that has none to remove."""
    try:
        partial.unlink(missing_ok=True)
    except OSError:
        pass


def _same_file(out: Path, source: Path) -> bool:
    if out.resolve() == source.resolve():
        return True
    return out.exists() and source.exists() and out.samefile(source)
