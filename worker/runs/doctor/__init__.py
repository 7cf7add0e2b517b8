"""`check [--fix]` and `init`: is the Outreach List what the worker expects, and make one if not.

Both only ever add to Notion: `--fix` adds every missing column, yours or the worker's, optional
ones too, as an empty column of the template's type; `init` adds a new database. Neither renames,
retypes or removes a column a person made. Where a column under another name looks like a missing
one ("How close" for Closeness), --fix adds no twin: it prints the config line that maps it.
Findings go to stdout (they are the command's output); errors leave as typed exceptions for the
command line to word and map.

check.py runs check and --fix, init.py init, findings.py prints what they found, mappings.py
proposes the config line for a column kept under another name, today_page.py checks or makes the
Today page.
"""

from __future__ import annotations

from worker.notion.errors import ParentPageRefused

__all__ = ["ParentPageRefused"]
