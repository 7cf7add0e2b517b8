"""Which connections become new rows and which are already in the list (SPEC §8). Pure.

A connection matches a row with the same LinkedIn URL (normalised); failing that, a row with the
same name and company (normalised as for targets), unless both carry URLs and they differ: two
Jane Does at one company are two people. A match is reported and never changed. Lines of the
export that repeat an earlier line match it too, so a re-run or a doubled file creates no twins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from worker.core.names import company_key, normalise_name
from worker.files.linkedin.connections import Connection, normalise_profile_url, role_from_position
from worker.core.models import Person

BY_URL = "LinkedIn URL"
BY_NAME = "name and company"
SELECT_NAME_LIMIT = 100  # characters in a select option's name


@dataclass(frozen=True)
class ListShape:
    """What the list can hold, from its schema: which optional columns exist, how Company is typed."""

    company_is_select: bool = True
    has_linkedin: bool = True
    has_email: bool = True


@dataclass(frozen=True)
class NewRow:
    """A row to create: the user columns it gets, by template key (only those with a value)."""

    connection: Connection
    values: dict[str, object]


@dataclass(frozen=True)
class Match:
    """A connection already in the list: the row it matched (or the earlier line of the file), and how."""

    connection: Connection
    by: str  # BY_URL or BY_NAME
    row: Person | None = None  # the list's row
    earlier: Connection | None = None  # an earlier line of the same export

    @property
    def where(self) -> str:
        if self.row is not None:
            return self.row.url or self.row.name
        return f"line {self.earlier.line} of the file" if self.earlier else ""


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do: new rows in file order, and the matches."""

    creates: tuple[NewRow, ...]
    matches: tuple[Match, ...]


@dataclass
class _Known:
    """Everyone seen so far, by normalised URL and by normalised name and company."""

    by_url: dict[str, Person | Connection] = field(default_factory=dict)
    by_name: dict[tuple[str, str], list[tuple[Person | Connection, str]]] = field(default_factory=dict)

    def add(self, who: Person | Connection, name: str, company: str, url: str) -> None:
        url = normalise_profile_url(url)
        if url:
            self.by_url.setdefault(url, who)
        key = (normalise_name(name), company_key(company))
        self.by_name.setdefault(key, []).append((who, url))

    def find(self, connection: Connection) -> tuple[Person | Connection, str] | None:
        url = normalise_profile_url(connection.url)
        if url and url in self.by_url:
            return self.by_url[url], BY_URL
        key = (normalise_name(connection.name), company_key(connection.company))
        for who, their_url in self.by_name.get(key, ()):
            if not (url and their_url and url != their_url):
                return who, BY_NAME
        return None


def plan_import(
    connections: Sequence[Connection], existing: Sequence[Person], closeness: str, shape: ListShape
) -> ImportPlan:
    """New rows for the connections not in the list yet, and a Match for each one that is."""
    known = _Known()
    for person in existing:
        known.add(person, person.name, person.company, person.linkedin)
    creates, matches = [], []
    for connection in connections:
        found = known.find(connection)
        if found is None:
            creates.append(NewRow(connection, new_row_values(connection, closeness, shape)))
            known.add(connection, connection.name, connection.company, connection.url)
            continue
        who, by = found
        if isinstance(who, Person):
            matches.append(Match(connection, by, row=who))
        else:
            matches.append(Match(connection, by, earlier=who))
    return ImportPlan(tuple(creates), tuple(matches))


def new_row_values(connection: Connection, closeness: str, shape: ListShape) -> dict[str, object]:
    """The user columns of a new row: Name, Company, Role, Closeness, Last contacted, LinkedIn, Email.

    Status stays empty: the person is not contacted yet in this search.
    """
    values: dict[str, object] = {
        "name": connection.name,
        "company": select_name(connection.company) if shape.company_is_select else connection.company,
        "role": role_from_position(connection.position),
        "closeness": closeness,
        "last_contacted": connection.connected_on,
        "linkedin": connection.url if shape.has_linkedin else "",
        "email": connection.email if shape.has_email else "",
    }
    return {key: value for key, value in values.items() if value not in ("", None)}


def select_name(text: str) -> str:
    """A select option name Notion accepts: no commas ("Acme, Inc." → "Acme Inc."), at most 100 characters."""
    return re.sub(r"\s+", " ", text.replace(",", " ")).strip()[:SELECT_NAME_LIMIT].strip()
