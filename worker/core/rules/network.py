"""The network (SPEC §4.3): intro paths to people at target companies, connectors, introductions made.

People are nodes; a Knows or Introduced by link joins two of them (length `link_length`, either
way); You reach an in-network person by an edge whose length comes from their Closeness (twice as
long when stale). Every link has the same length, so the lightest path through a first hop H
takes the fewest links from H to the target: a breadth-first search from each target, cut at
`max_path_edges - 1` links, finds every candidate, and the SPEC's tie-breaks pick one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from worker.core.configuration import RuleBook
from worker.core.models import Status

from .per_row import Facts
from .rows import Row
from .standing import strength_order

if TYPE_CHECKING:
    from .reuse import Reusing

TARGET_STATUSES = frozenset({Status.NOT_CONTACTED, Status.REACHED_OUT, Status.REPLIED})


@dataclass(frozen=True, slots=True)
class Network:
    """What the links between people make possible."""

    paths: Mapping[str, tuple[str, ...]]  # target → page ids from its first hop to it
    targets_of: Mapping[str, tuple[str, ...]]  # connector (first hop) → its targets, in plan order
    intros_made: Mapping[str, int]  # person → rows whose Introduced by names them (Paused included)


def map_network(rows: Sequence[Row], active: Sequence[Facts], rules: RuleBook, reused: Reusing) -> Network:
    """Intro paths for every target, the connectors they make, and the introductions each person made.

    `rows` is the whole list (Paused rows count for introductions made); `active` the rest. The
    graph of links is the last computation's (`reused`) while every hop and its links are the same.
    """
    # Paused and Not interested people are not hops at all; parked people only in the middle.
    hops = {f.pid: f for f in active if f.row.status != Status.NOT_INTERESTED}
    first_hops = {pid: f.standing.edge for pid, f in hops.items() if f.standing.edge is not None and _may_ask(f)}
    links = reused.take("links", "", (tuple((pid, f.row.links) for pid, f in hops.items()),), lambda: _graph(hops))
    order = _plan_order(hops)
    # Someone an introduction joins to you is never the person in between: asking a friend to
    # introduce you to a person already introduced to you, or to the one who introduced them,
    # asks for an introduction that has been made (§4.3 v3). They may still be the first hop.
    joined_by_introduction = frozenset(pid for pid, f in hops.items() if f.intro.introducers or f.intro.made)
    paths = {}
    for target in (pid for pid, f in hops.items() if _target(f) and not f.standing.in_network):
        path = _best_path(target, links, first_hops, order, rules, joined_by_introduction)
        if path:
            paths[target] = path
    # v3: a stale in-network person there is a target too when a friend's path is lighter than
    # their own edge (and they are not themselves the way in to someone else).
    connectors = {path[0] for path in paths.values()}
    for target, f in hops.items():
        if _target(f) and f.standing.stale and target not in connectors:
            path = _best_path(target, links, first_hops, order, rules, joined_by_introduction)
            if path and _weight(path, first_hops, rules) < (f.standing.edge or 0):
                paths[target] = path
    return Network(paths, _connectors(paths, order), _introductions(rows))


def _graph(hops: Mapping[str, Facts]) -> nx.Graph:
    """The hops joined by their links. Only read once built: a later computation may take it again."""
    links = nx.Graph()
    links.add_nodes_from(hops)
    links.add_edges_from((pid, other) for pid, f in hops.items() for other in f.row.links if other in hops)
    return links


def _may_ask(f: Facts) -> bool:
    """A first hop: in network, not parked, and (introduced to you) once they have answered (§4.3)."""
    return not f.talk.parked and (not f.intro.introducers or f.answered)


def _target(f: Facts) -> bool:
    """At a target company, still to reach, and not introduced already: that introduction is made."""
    return bool(f.row.target_company) and f.row.status in TARGET_STATUSES and not f.talk.parked and not f.intro.introducers


def _weight(path: tuple[str, ...], first_hops: Mapping[str, float], rules: RuleBook) -> float:
    return first_hops[path[0]] + rules.link_length * (len(path) - 1)


def _best_path(
    target: str,
    links: nx.Graph,
    first_hops: Mapping[str, float],
    order: Mapping[str, tuple],
    rules: RuleBook,
    not_between: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """The lightest path of at most `max_path_edges` edges from You to `target`, as page ids after You,
    never through a person in `not_between` (they may still be its first hop).

    Ties go to fewer edges, then the first hop's higher Strength, then the names along the path,
    then the page ids.
    """
    most_links = rules.max_path_edges - 1
    distance = _links_away(target, links, most_links, not_between)
    candidates = [
        (first_hops[hop] + rules.link_length * links_away, links_away, order[hop][0], hop)
        for hop, links_away in distance.items() if hop in first_hops and links_away > 0
    ]
    if not candidates:
        return ()
    best = min(candidates)[:3]
    tied = [hop for *key, hop in candidates if tuple(key) == best]
    paths = [path for hop in tied for path in _walks_down(hop, distance, links, not_between)]
    return min(paths, key=lambda path: (tuple(order[pid][1] for pid in path), path))


def _links_away(target: str, links: nx.Graph, cutoff: int, not_between: frozenset[str]) -> dict[str, int]:
    """Breadth-first from the target: each person's fewest links to it, never passing through a
    person in `not_between` (reached, so they can be a first hop, but not walked on from)."""
    distance = {target: 0}
    frontier = [target]
    for away in range(1, cutoff + 1):
        walkable = [node for node in frontier if node == target or node not in not_between]
        frontier = [step for node in walkable for step in links[node] if step not in distance]
        frontier = list(dict.fromkeys(frontier))
        distance.update((node, away) for node in frontier)
    return distance


def _walks_down(
    node: str, distance: Mapping[str, int], links: nx.Graph, not_between: frozenset[str]
) -> Iterator[tuple[str, ...]]:
    """Every shortest path from `node` to the target, each step one link closer to it."""
    if distance[node] == 0:
        yield (node,)
        return
    for step in links[node]:
        if distance.get(step) == distance[node] - 1 and (distance[step] == 0 or step not in not_between):
            for rest in _walks_down(step, distance, links, not_between):
                yield (node, *rest)


def _plan_order(hops: Mapping[str, Facts]) -> dict[str, tuple]:
    """Per person, the order within a plan tier: higher Strength first (empty last), then Name, then page id."""
    return {pid: (strength_order(f.standing.strength), f.row.name, pid) for pid, f in hops.items()}


def _connectors(paths: Mapping[str, tuple[str, ...]], order: Mapping[str, tuple]) -> dict[str, tuple[str, ...]]:
    """Each first hop's targets (its reach), in plan order."""
    found: dict[str, list[str]] = {}
    for target, path in paths.items():
        found.setdefault(path[0], []).append(target)
    return {hop: tuple(sorted(targets, key=order.__getitem__)) for hop, targets in found.items()}


def _introductions(rows: Sequence[Row]) -> Counter[str]:
    """How many rows (Paused included) name each person in Introduced by."""
    listed = {row.pid for row in rows}
    return Counter(
        pid for row in rows for pid in set(row.person.introduced_by) if pid in listed and pid != row.pid
    )
