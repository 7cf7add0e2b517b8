"""`check [--fix]` and `init`: is the Outreach List what the worker expects, and make one if not.

Both only ever add to Notion: `--fix` adds every missing column, yours or the worker's, optional
ones too, as an empty column of the template's type; `init` adds a new database. Neither renames,
retypes or removes a column a person made. Where a column under another name looks like a missing
one ("How close" for Closeness), --fix adds no twin: the CLI shows the config line that maps it.
Nothing here prints: what they find are values (findings.py), handed to a `note` callable as they
are made and returned whole; the CLI words them. Errors leave as typed exceptions.

check.py runs check and --fix, init.py init, findings.py holds the findings' codes, mappings.py
proposes the config line for a column kept under another name, today_page_check.py checks or makes
the Today page.
"""

from __future__ import annotations

from worker.notion.errors import ParentPageRefused
from worker.settings import ConfigError

__all__ = ["ListAlreadyThere", "ParentPageRefused"]


class ListAlreadyThere(ConfigError):
    """init's page already holds a database by the title asked for: init does not make a second one."""

    def __init__(self, title: str, url: str, database_id: str, wanted: str) -> None:
        super().__init__(f'That page already holds a database titled "{title}": {url}.')
        self.title = title
        self.url = url
        self.database_id = database_id
        self.wanted = wanted
