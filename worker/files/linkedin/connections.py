"""LinkedIn's Connections.csv → connections (SPEC §8). Pure: text in, values out; no I/O, no clock.

LinkedIn writes a "Notes:" preamble, then the header `First Name,Last Name,URL,Email Address,
Company,Position,Connected On`, then one line per connection with dates like `15 Mar 2024`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from worker.core.controls import one_line
from worker.core.names import normalise_profile_url  # noqa: F401 (the import's dedupe uses it from here)
from worker.files.export.csvtext import CsvTextError, detect_delimiter, read_records
from worker.core.codes import WarningCode
from worker.core.models import RowWarning
from worker.files.export.cells import AmbiguousDates, DateOrder, numeric_date_order, parse_date

FIRST_NAME, LAST_NAME, URL, EMAIL = "First Name", "Last Name", "URL", "Email Address"
COMPANY, POSITION, CONNECTED_ON = "Company", "Position", "Connected On"
HEADER = (FIRST_NAME, LAST_NAME, URL, EMAIL, COMPANY, POSITION, CONNECTED_ON)
# Older exports have no URL column and many connections hide their email: those two may be absent.
REQUIRED = (FIRST_NAME, LAST_NAME, COMPANY, POSITION, CONNECTED_ON)
HOW_TO_EXPORT = (
    "Download it from LinkedIn (Settings → Data privacy → Get a copy of your data → Connections) "
    "and give the Connections.csv inside as it is."
)

# Role from Position, first match wins (SPEC §8). Words are matched at their start, so
# "Engineering" counts as "engineer" and "Recruiting" as "recruit".
_ROLE_RULES: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    ("Recruiter", re.compile(r"\b(recruit|talent)"), None),
    ("Founder", re.compile(r"founder|\bceo\b"), None),
    ("Engineering Manager", re.compile(r"\b(manager|head|director|vp|vice president)\b"),
     re.compile(r"\b(engineering|software|platform)\b")),
    ("Engineer", re.compile(r"\b(engineer|developer|sre|programmer)"), None),
)
OTHER_ROLE = "Other"


class ImportFileError(Exception):
    """The export cannot be read or is not LinkedIn's; nothing was sent to Notion."""


class NotLinkedInExport(ImportFileError):
    """The file is not LinkedIn's connections export; the message says why and how to get one."""


@dataclass(frozen=True)
class Connection:
    """One person from the export, as LinkedIn wrote them (trimmed)."""

    line: int  # the record's number in the file, header included, for messages
    name: str
    company: str
    position: str
    url: str
    email: str
    connected_on: date | None


@dataclass(frozen=True)
class ConnectionsFile:
    """The connections of an export, in file order, and a warning per line not read in full."""

    connections: tuple[Connection, ...]
    warnings: tuple[RowWarning, ...]


def read_connections(text: str, source: str) -> ConnectionsFile:
    """Parse a Connections.csv text; NotLinkedInExport when it is not one."""
    lines = text.splitlines()
    at = next((i for i, line in enumerate(lines) if _looks_like_header(line)), None)
    if at is None:
        raise NotLinkedInExport(
            f"{source} is not LinkedIn's connections export: no header line "
            f"\"{','.join(HEADER)}\" in it. {HOW_TO_EXPORT}"
        )
    delimiter = detect_delimiter(lines[at])
    try:
        header, *records = read_records("\n".join(lines[at:]), delimiter)
    except CsvTextError as error:
        raise NotLinkedInExport(f"{source} cannot be read as CSV ({error}). {HOW_TO_EXPORT}") from None
    columns = _columns(header, source)
    order = _date_order(records, columns, source)
    connections: list[Connection] = []
    warnings: list[RowWarning] = []
    for number, record in enumerate(records, start=at + 2):
        # Every field is one line: a quoted field may hold CR, LF or ESC, none of them part of a name.
        cells = {column: one_line(record[position]) if position < len(record) else ""
                 for column, position in columns.items()}
        if not any(cells.values()):
            continue
        made = _connection(number, cells, order, warnings)
        if made is not None:
            connections.append(made)
    return ConnectionsFile(tuple(connections), tuple(warnings))


def looks_like_linkedin_export(text: str) -> bool:
    """Whether a file's first lines hold LinkedIn's connections header (a preamble may come first)."""
    return any(_looks_like_header(line) for line in text.splitlines()[:10])


def _looks_like_header(line: str) -> bool:
    folded = line.casefold()
    return FIRST_NAME.casefold() in folded and LAST_NAME.casefold() in folded


def _columns(header: list[str], source: str) -> dict[str, int]:
    folded = [cell.strip().casefold() for cell in header]
    doubled = sorted({cell for cell in header if folded.count(cell.strip().casefold()) > 1})
    if doubled:
        raise NotLinkedInExport(f"{source} has the column {doubled[0].strip()!r} twice. {HOW_TO_EXPORT}")
    columns = {name: folded.index(name.casefold()) for name in HEADER if name.casefold() in folded}
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise NotLinkedInExport(
            f"{source} looks like LinkedIn's export but has no {', '.join(repr(m) for m in missing)} "
            f"column. {HOW_TO_EXPORT}"
        )
    return columns


def _date_order(records: list[list[str]], columns: dict[str, int], source: str) -> DateOrder | None:
    position = columns[CONNECTED_ON]
    try:
        return numeric_date_order(record[position] for record in records if position < len(record))
    except AmbiguousDates as error:
        raise NotLinkedInExport(
            f"{source}: the dates in {CONNECTED_ON!r} cannot be read safely: {error}. LinkedIn writes them "
            f"like \"15 Mar 2024\"; give the file as downloaded, not saved again from a spreadsheet."
        ) from None


def _connection(
    number: int, cells: dict[str, str], order: DateOrder | None, warnings: list[RowWarning]
) -> Connection | None:
    name = " ".join(part for part in (cells[FIRST_NAME], cells[LAST_NAME]) if part)
    if not name:
        warnings.append(_line_warning("", f"line {number}: no first or last name; not imported"))
        return None
    try:
        connected_on = parse_date(cells[CONNECTED_ON], order)
    except ValueError as error:
        message = f"line {number}: {CONNECTED_ON}: {error}; Last contacted left empty"
        warnings.append(_line_warning(name, message))
        connected_on = None
    return Connection(
        line=number,
        name=name,
        company=cells[COMPANY],
        position=cells[POSITION],
        url=cells.get(URL, ""),
        email=cells.get(EMAIL, ""),
        connected_on=connected_on,
    )


def _line_warning(name: str, message: str) -> RowWarning:
    return RowWarning(page_id="", name=name, url="", code=WarningCode.IMPORT_LINE, facts=(("problem", message),))


def role_from_position(position: str) -> str:
    """The template's Role for a LinkedIn Position, first match wins; "Other" when none does."""
    text = position.casefold()
    for role, words, along in _ROLE_RULES:
        if words.search(text) and (along is None or along.search(text)):
            return role
    return OTHER_ROLE
