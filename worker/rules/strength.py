"""Row facts: option labels, strength with decay, staleness, target companies, row warnings."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, partial

from worker.models import Closeness, Person, RowWarning, Status
from worker.configuration import ClosenessRule, RuleBook

NO_NAME = "(no name)"
STATUSES = frozenset(Status)
_EPSILON = 1e-9  # float noise: 17.4999999 must still round half up to 20
_COLD_FALLBACK = ClosenessRule(base_strength=0)


@dataclass(slots=True, eq=False)
class Row:
    """One non-Paused person with the facts the rules derive from their own columns."""

    person: Person
    pid: str
    name: str
    label: str  # the name as written in text (disambiguated when duplicated)
    company: str  # trimmed
    closeness: str
    status: str
    target: bool
    strength: int | None
    stale: bool
    in_network: bool
    edge_length: float | None  # from You; None = out of network
    links: tuple[str, ...] = ()
    kind: str = ""
    path: tuple[str, ...] = ()  # intro path: page ids after You, ending at this row
    targets: list[Row] | tuple[()] = ()  # rows this connector opens (a list only for connectors)
    rank: tuple = ()


def round_half_up(value: float, step: int) -> int:
    """`value` rounded half up to the nearest multiple of `step`."""
    return int(math.floor(value / step + 0.5 + _EPSILON)) * step


def compute_strength(base: int, days: int, half_life: float, step: int) -> int:
    """Strength today, 0..100: base × 0.5^(days / half_life), in steps of `step`."""
    return round_half_up(base * 0.5 ** (days / half_life), step)


def compute_stale(rule: ClosenessRule, days: int | None) -> bool:
    """In network and more than the Closeness's stale-after days since Last contacted."""
    if days is None or rule.edge_length is None or rule.stale_after_days is None:
        return False
    return days > rule.stale_after_days


def normalise_closeness(raw: str, rules: RuleBook) -> tuple[str, bool]:
    """The template Closeness label for a typed one, and whether it was understood."""
    label = raw.strip()
    if not label:
        return Closeness.COLD.value, True
    label = rules.closeness_labels.get(label, label)
    if label in rules.closeness:
        return label, True
    return Closeness.COLD.value, False


def normalise_status(raw: str, rules: RuleBook) -> tuple[str, bool]:
    """The template Status label for a typed one, and whether it was understood."""
    label = raw.strip()
    if not label:
        return Status.NOT_CONTACTED.value, True
    label = rules.status_labels.get(label, label)
    if label in STATUSES:
        return label, True
    return Status.NOT_CONTACTED.value, False


def company_key(company: str) -> str:
    """A Company as matched against the targets: trimmed, case-insensitive."""
    return company.strip().casefold()


def read_rows(
    people: Sequence[Person], rules: RuleBook, today: date
) -> tuple[list[Row], list[RowWarning]]:
    """Facts for each person (already sorted, none Paused), and warnings about their labels."""
    names = [person.name.strip() for person in people]
    reader = _RowReader(rules, today, _duplicates(names))
    rows = list(map(reader.read, people, names))
    return rows, reader.warnings


class _RowReader:
    """Reads rows one by one; labels, rules and strengths repeat, so each is worked out once."""

    def __init__(self, rules: RuleBook, today: date, duplicates: frozenset[str]) -> None:
        self.rules, self.today, self.duplicates = rules, today, duplicates
        self.targets = frozenset(company_key(c) for c in rules.target_companies if c.strip())
        self.closeness = cache(partial(normalise_closeness, rules=rules))
        self.status = cache(partial(normalise_status, rules=rules))
        self.facts = cache(self._facts)
        self.warnings: list[RowWarning] = []

    def read(self, person: Person, name: str) -> Row:
        """The facts of one row (`name`: its Name trimmed); a label problem adds a warning."""
        closeness, known = self.closeness(person.closeness)
        if not known:
            self.warnings.append(_warn(person, f"Closeness {person.closeness!r} is not a known option; counted as Cold"))
        status, known = self.status(person.status)
        if not known:
            self.warnings.append(_warn(person, f"Status {person.status!r} is not a known option; counted as Not contacted"))
        if not name:
            self.warnings.append(_warn(person, "Name is empty"))
        elif name in self.duplicates:
            self.warnings.append(_warn(person, f"another row has the same Name {name!r}"))
        company = person.company.strip()
        # Two rows called "Alex Kim" read the same in a Next step; the company tells them apart.
        label = (f"{name} ({company})" if company and name in self.duplicates else name) if name else NO_NAME
        strength, stale, in_network, edge = self.facts(closeness, person.last_contacted)
        return Row(
            person, person.page_id, name, label, company, closeness, status,
            company.casefold() in self.targets, strength, stale, in_network, edge,
        )

    def _facts(self, closeness: str, last: date | None) -> tuple[int | None, bool, bool, float | None]:
        """(Strength, Stale, in network, edge length from You) for a Closeness and Last contacted."""
        rules = self.rules
        rule = rules.closeness.get(closeness, _COLD_FALLBACK)
        days = None if last is None else max(0, (self.today - last).days)
        strength = None if days is None else compute_strength(rule.base_strength, days, rules.half_life_days, rules.strength_step)
        stale = compute_stale(rule, days)
        edge = rule.edge_length
        if edge is not None and stale:
            edge = edge * rules.stale_edge_factor
        return strength, stale, edge is not None, edge


def _duplicates(names: list[str]) -> frozenset[str]:
    """The non-empty names that appear more than once."""
    return frozenset(name for name, count in Counter(names).items() if count > 1 and name)


def _warn(person: Person, message: str, linked: str = "") -> RowWarning:
    return RowWarning(page_id=person.page_id, name=person.name, url=person.url, message=message, linked=linked)
