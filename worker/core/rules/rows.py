"""The first stage: each Person as the rules read it (option labels, names, links, target company).

Problems with a row (an unknown option, an empty or repeated Name, a link to a page outside the
list) become warnings that name the row; the row is still read, with the default the SPEC gives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import networkx as nx

from worker.core.configuration import RuleBook
from worker.core.codes import WarningCode
from worker.core.models import Closeness, Person, RowWarning, Status
from worker.core.names import normalise_profile_url

from .targets import TargetCompanies

if TYPE_CHECKING:
    from .reuse import Reusing

NO_NAME = "(no name)"
# What a spreadsheet reads as the start of a formula (OWASP, CSV injection); tab and CR never reach a name.
FORMULA_START = ("=", "+", "-", "@")
STATUSES = frozenset(Status)


@dataclass(frozen=True, slots=True)
class Row:
    """One person with their own columns read: labels mapped, links checked, target company found."""

    person: Person
    pid: str  # the page id
    name: str  # the Name, trimmed
    label: str  # the name as written in sentences: "Jane Doe (Google, #2)" when another row has the Name
    tell_apart: str  # what besides the Company tells it from a namesake there (its Role, or "#2"), else ""
    company: str  # trimmed
    target_company: str  # the listed target this Company matches, or ""
    closeness: str  # a key of RuleBook.closeness (unknown labels read as Cold)
    status: str  # a Status value (empty and unknown read as Not contacted)
    links: tuple[str, ...]  # page ids of the rows this one knows or was introduced by (valid, sorted)

    @property
    def paused(self) -> bool:
        return self.person.paused


def read_rows(
    people: Sequence[Person], rules: RuleBook, reused: Reusing,
) -> tuple[tuple[Row, ...], list[RowWarning]]:
    """Every person read (Paused ones too, without warnings: they are off the to-do list).

    A person read the last time with the same namesakes and the same list of page ids is taken as
    read then (`reused`): the Row is the same object, so later stages compare it at no cost."""
    targets = TargetCompanies(rules.target_companies, rules.target_aliases)
    listed = reused.same("listed", frozenset(person.page_id for person in people))
    namesakes = _namesakes(person for person in people if not person.paused)
    doubtful = _maybe_duplicates([person for person in people if person.page_id in namesakes])
    rows, warnings = [], []
    for person in people:
        pid = person.page_id
        row, problems = reused.take("read", pid, (person, namesakes.get(pid), pid in doubtful, listed),
                                    lambda: _read(person, rules, targets, listed, namesakes, doubtful))
        rows.append(row)
        if not person.paused:
            warnings += problems
    warnings += _intro_loops([row for row in rows if not row.paused])
    return tuple(rows), warnings


def _read(
    person: Person, rules: RuleBook, targets: TargetCompanies, listed: frozenset[str],
    namesakes: dict[str, str], doubtful: frozenset[str],
) -> tuple[Row, list[RowWarning]]:
    warnings: list[RowWarning] = []
    closeness = _closeness(person.closeness, rules)
    if closeness is None:
        warnings.append(warn(person, WarningCode.UNKNOWN_CLOSENESS, value=person.closeness))
    status = _status(person.status, rules)
    if status is None:
        warnings.append(warn(person, WarningCode.UNKNOWN_STATUS, value=person.status))
    name, company = person.name.strip(), person.company.strip()
    if not name:
        warnings.append(warn(person, WarningCode.NO_NAME))
    extra = namesakes.get(person.page_id, "")
    label = _label(name, company, extra, person.page_id in namesakes)
    if person.page_id in doubtful:
        warnings.append(warn(person, WarningCode.NAMESAKE, name=name, label=label))
    links, link_warnings = _links(person, listed)
    row = Row(
        person, person.page_id, name, label, extra, company, targets.match(company),
        closeness or Closeness.COLD.value, status or Status.NOT_CONTACTED.value, links,
    )
    return row, warnings + link_warnings


def _label(name: str, company: str, extra: str, namesake: bool) -> str:
    """The name in sentences; two rows called "Alex Kim" would read the same, so a namesake's says
    what tells it apart: "Alex Kim (Stripe)", "Alex Kim (Stripe, Recruiter)", "Alex Kim (#2)". A name
    that starts like a spreadsheet formula ("=…", "@…") is quoted, so Why, which starts with it,
    never runs in the offline output, and Notion reads the name inside as typed."""
    if not name:
        return NO_NAME
    if name.startswith(FORMULA_START):  # a sentence never starts with a name a spreadsheet would run
        name = f'"{name}"'
    if not namesake:
        return name
    return f"{name} ({', '.join(part for part in (company, extra) if part)})"


def _closeness(raw: str, rules: RuleBook) -> str | None:
    """The Closeness label the rules know for a typed one (empty is Cold), None when unknown."""
    label = raw.strip()
    if not label:
        return Closeness.COLD.value
    label = rules.closeness_labels.get(label, label)
    return label if label in rules.closeness else None


def _status(raw: str, rules: RuleBook) -> str | None:
    """The Status for a typed one (empty is Not contacted), None when unknown."""
    label = raw.strip()
    if not label:
        return Status.NOT_CONTACTED.value
    label = rules.status_labels.get(label, label)
    return label if label in STATUSES else None


def _links(person: Person, listed: frozenset[str]) -> tuple[tuple[str, ...], list[RowWarning]]:
    """The row's Knows and Introduced by links to other rows of the list; the rest are warnings."""
    valid: set[str] = set()
    warnings = []
    for column, ids in (("Knows", person.knows), ("Introduced by", person.introduced_by)):
        for pid in ids:
            if pid == person.page_id:
                warnings.append(warn(person, WarningCode.LINKS_ITSELF, column=column))
            elif pid not in listed:
                warnings.append(warn(person, WarningCode.LINKS_OUTSIDE, linked=pid, column=column))
            else:
                valid.add(pid)
    return tuple(sorted(valid)), warnings


def _namesakes(people: Iterable[Person]) -> dict[str, str]:
    """The rows whose Name another row has too, each with what tells it apart besides its Company
    ("" when the Company does): see _tell_apart. Deterministic: page ids break the ties."""
    by_name: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        if person.name.strip():
            by_name[person.name.strip()].append(person)
    found: dict[str, str] = {}
    for namesakes in (group for group in by_name.values() if len(group) > 1):
        by_company: dict[str, list[Person]] = defaultdict(list)
        for person in namesakes:
            by_company[person.company.strip().casefold()].append(person)
        for same in by_company.values():
            found.update(_tell_apart(same) if len(same) > 1 else {same[0].page_id: ""})
    return found


def _maybe_duplicates(namesakes: list[Person]) -> frozenset[str]:
    """The namesakes that could be one person entered twice: those with another row of the same Name
    that their LinkedIn profiles do not tell apart (either has none, or both the same one). Two
    distinct profiles are two people, so their rows get a label but no warning."""
    by_name: dict[str, list[Person]] = defaultdict(list)
    for person in namesakes:
        by_name[person.name.strip()].append(person)
    doubtful = set()
    for same in by_name.values():
        profiles = [normalise_profile_url(person.linkedin) for person in same]
        for n, person in enumerate(same):
            others = profiles[:n] + profiles[n + 1:]
            if any(not profiles[n] or not other or other == profiles[n] for other in others):
                doubtful.add(person.page_id)
    return frozenset(doubtful)


def _tell_apart(same: list[Person]) -> dict[str, str]:
    """Namesakes at one company: their Roles when each has a different one, else their places
    among them ("#2"), the earliest added first."""
    roles = [person.role.strip() for person in same]
    if all(roles) and len({role.casefold() for role in roles}) == len(roles):
        return {person.page_id: role for person, role in zip(same, roles)}
    oldest_first = sorted(same, key=lambda person: (person.created_on or date.max, person.page_id))
    return {person.page_id: f"#{n}" for n, person in enumerate(oldest_first, start=1)}


def _intro_loops(rows: list[Row]) -> list[RowWarning]:
    """One warning per group of rows whose Introduced by links go round in a circle."""
    by_id = {row.pid: row for row in rows}
    edges = [(pid, row.pid) for row in rows for pid in row.person.introduced_by if pid in by_id and pid != row.pid]
    warnings = []
    for group in nx.strongly_connected_components(nx.DiGraph(edges)):
        if len(group) > 1:
            members = [by_id[pid] for pid in sorted(group)]
            names = ", ".join(member.label for member in members)
            warnings.append(warn(members[0].person, WarningCode.INTRO_LOOP, names=names))
    return warnings


def warn(person: Person, code: WarningCode, linked: str = "", **facts: str) -> RowWarning:
    """A warning about `person`'s row (`linked`: the page id outside the list it is about)."""
    return RowWarning(page_id=person.page_id, name=person.name, url=person.url, code=code,
                      facts=tuple(facts.items()), linked=linked)
