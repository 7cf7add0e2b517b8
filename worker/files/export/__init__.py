"""The offline source: a Notion CSV export ↔ the project's models (`sync --csv`, `today --csv`).

reading.py reads an export into people (refusing one it cannot trust: columns.py checks its
columns, cells.py reads its cells, ids.py gives its rows page ids); writing.py writes it back with
the worker columns filled. csvtext.py splits CSV text in any delimiter, for LinkedIn's file too.
"""

from worker.files.export.reading import CsvExportError, CsvTable, fetch_people_from_csv
from worker.files.export.writing import CsvWriteStopped, default_output_path, write_csv_with_suggestions

__all__ = ["CsvExportError", "CsvTable", "CsvWriteStopped", "default_output_path", "fetch_people_from_csv",
           "write_csv_with_suggestions"]
