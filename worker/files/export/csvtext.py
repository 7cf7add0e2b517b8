"""CSV text a person hands us: which delimiter it uses, and its records. Pure text in, lists out.

Notion and LinkedIn write commas, but a file opened and saved again in a spreadsheet may come back
with semicolons (locales that write decimal commas) or tabs.
"""

from __future__ import annotations

import csv
import io

DELIMITERS = (",", ";", "\t")


class CsvTextError(ValueError):
    """The text is not CSV the csv module can read (the message says where)."""


def detect_delimiter(header_line: str) -> str:
    """The delimiter that splits the header line into the most cells (comma on a tie or one cell)."""
    counts = {delimiter: len(_split_line(header_line, delimiter)) for delimiter in DELIMITERS}
    best = max(counts.values())
    return next(delimiter for delimiter in DELIMITERS if counts[delimiter] == best)


def read_records(text: str, delimiter: str) -> list[list[str]]:
    """Every non-empty record of the text; line breaks inside quoted cells are kept."""
    try:
        return [record for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if record]
    except csv.Error as error:
        raise CsvTextError(str(error)) from None


def _split_line(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []
