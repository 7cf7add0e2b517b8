"""Growth on the Today page (SPEC §7 v3): introductions by their introduced-on day, the network's
generations, the introduction trees against the method's 3 → 9 → 27, and "Tidy up".

Pure: the outcome (every row, Paused ones too) and `today` in, plain values out. Deep or wide
introduction chains are folded into a bounded number of figures, so no line of the page grows
with the list (a chain of 500 introductions is still one short line).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Mapping, Sequence

from worker.core.models import Closeness, Outcome, Person, RowOutcome
from worker.core.today.todo import Mention, mention

# The method's growth model: each well-handled connection yields about 3 introductions (1 → 3 → 9 → 27).
METHOD_PACE = 3
SHOWN_GENERATIONS = 3  # met directly, introduced by them, introduced by those (more when the list has them)
MAX_GENERATIONS = 6  # past this many, the rest are summed into one "deeper" figure
TOP_TREES = 5
IN_NETWORK_LABELS = frozenset({Closeness.CLOSE, Closeness.WARM, Closeness.ACQUAINTANCE})


@dataclass(frozen=True)
class Tree:
    """One introduction tree: its root (someone who introduced you to others, introduced by no one)
    and the number of people per generation below it."""

    root: Mention
    generations: tuple[int, ...]  # introduced by the root, by those, ... (MAX_GENERATIONS at most)
    deeper: int = 0  # people further down than the generations shown

    @property
    def size(self) -> int:
        return sum(self.generations) + self.deeper


@dataclass(frozen=True)
class TidyUp:
    """A row whose effective closeness is above its Closeness column: the user may raise it."""

    who: Mention
    column: str
    effective: str
    because: str  # "met", "answered", "introduced" or "remembered"


@dataclass(frozen=True)
class Growth:
    """Introductions made this month, and the generations of the network against the method's pace."""

    month: date  # the first day of the month counted
    introduced: int  # people whose (earliest) introduced-on day falls in this month
    by_introducer: tuple[tuple[Mention, int], ...]
    generations: tuple[int, ...]  # met directly, introduced by them, introduced by those, ...
    trees: tuple[Tree, ...] = ()
    deeper: int = 0  # people in generations past MAX_GENERATIONS

    @property
    def pace(self) -> tuple[int, ...]:
        """The method's pace from the people met directly: ×3 a generation (1 → 3 → 9 → 27)."""
        first = self.generations[0] if self.generations else 0
        return tuple(first * METHOD_PACE**n for n in range(len(self.generations)))


def compute_growth(people: Sequence[Person], outcome: Outcome, today: date) -> Growth:
    """Intros made this month by introduced-on day (SPEC §4.3); the generations from the people met
    directly (in network, introduced by nobody in the list); the biggest introduction trees."""
    rows = {row.person.page_id: row for row in outcome.rows}
    parent = {pid: _earliest_introducer(row) for pid, row in rows.items()}
    month = today.replace(day=1)
    new = [row for row in rows.values() if row.decision.introduced_on and month <= row.decision.introduced_on <= today]
    per_introducer = Counter(i for row in new for i in row.decision.introducers if i in rows)
    ranked = sorted(per_introducer.items(), key=lambda item: (-item[1], rows[item[0]].person.name.casefold(), item[0]))
    children: dict[str, list[str]] = defaultdict(list)
    for pid, by in parent.items():
        if by:
            children[by].append(pid)
    met = {pid for pid in _in_network(people, outcome) if pid in rows and not parent.get(pid)}
    counts = _levels(met, children)
    shown, deeper = _bounded(counts, max(len(counts), SHOWN_GENERATIONS))
    return Growth(
        month=month, introduced=len(new), by_introducer=tuple((mention(rows[i]), n) for i, n in ranked),
        generations=shown, trees=_trees(rows, parent, children), deeper=deeper,
    )


def _earliest_introducer(row: RowOutcome) -> str:
    """The introducer whose link is the earliest (Growth places a person by it); "" when none."""
    decision = row.decision
    if not decision.introducers:
        return ""
    days = decision.introduced_days or (None,) * len(decision.introducers)
    ranked = sorted(zip(days, decision.introducers), key=lambda pair: (pair[0] is None, pair[0] or date.min, pair[1]))
    return ranked[0][1]


def _levels(frontier: set[str], children: Mapping[str, list[str]]) -> list[int]:
    """People per generation from `frontier` down the introductions, each person once (loops cut)."""
    seen: set[str] = set()
    counts: list[int] = []
    while frontier:
        counts.append(len(frontier))
        seen |= frontier
        frontier = {child for parent in frontier for child in children.get(parent, ())} - seen
    return counts


def _bounded(counts: list[int], shown: int) -> tuple[tuple[int, ...], int]:
    """At most MAX_GENERATIONS figures (padded with 0 up to `shown`), and the people past them."""
    kept = (counts + [0] * max(0, shown - len(counts)))[:max(MAX_GENERATIONS, 1)]
    return tuple(kept), sum(counts[MAX_GENERATIONS:])


def _trees(rows: Mapping[str, RowOutcome], parent: Mapping[str, str], children: Mapping[str, list[str]]) -> tuple[Tree, ...]:
    """The biggest introduction trees, at most TOP_TREES: roots introduced by no one in the list."""
    trees = []
    for root in (pid for pid in children if pid in rows and not parent.get(pid)):
        levels = _levels(set(children[root]), children)
        shown, deeper = _bounded(levels, len(levels))
        trees.append(Tree(mention(rows[root]), shown, deeper))
    trees.sort(key=lambda t: (-t.size, t.root.name.casefold(), t.root.page_id))
    return tuple(trees[:TOP_TREES])


def _in_network(people: Sequence[Person], outcome: Outcome) -> set[str]:
    decided = {row.person.page_id for row in outcome.rows if row.decision.in_network}
    # Paused rows have no decision: their Closeness label says it.
    return decided | {p.page_id for p in people if p.closeness.strip() in IN_NETWORK_LABELS}


def compute_tidy_up(outcome: Outcome) -> tuple[TidyUp, ...]:
    """Rows whose effective closeness is above their Closeness (SPEC §4.2), by name."""
    found = [
        TidyUp(mention(row), row.person.closeness.strip() or Closeness.COLD.value, row.decision.closeness, row.decision.raised_by)
        for row in outcome.rows
        if row.decision.raised_by and not row.person.paused
    ]
    return tuple(sorted(found, key=lambda t: (t.who.name.casefold(), t.who.page_id)))
