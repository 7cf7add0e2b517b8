"""The intro graph: links between rows, hop-limited intro paths, connectors and reach.

The network is a networkx graph: You, the rows, You–C and C–D edges with their lengths
(build_graph). The intro paths are searched on the part of it that can carry one, the rows
near a target (intro_graph), which on a long list is a small part of the whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from itertools import chain

import networkx as nx

from worker.models import RowWarning, Status
from worker.configuration import RuleBook

from .strength import Row, _warn

YOU = "You"
WEIGHT = "weight"


def read_links(rows: list[Row], all_ids: frozenset[str]) -> list[RowWarning]:
    """Set each row's valid links (Knows and Introduced by), warning about broken and self links."""
    warnings: list[RowWarning] = []
    for row in rows:
        person = row.person
        linked = person.knows + person.introduced_by
        if row.pid not in linked and all_ids.issuperset(linked):  # the usual case: nothing to report
            row.links = linked  # a repeated link is one edge all the same
            continue
        valid: set[str] = set()
        for column, ids in (("Knows", person.knows), ("Introduced by", person.introduced_by)):
            for pid in ids:
                if pid == row.pid:
                    warnings.append(_warn(person, f"{column} links the row to itself; that link is ignored"))
                elif pid not in all_ids:
                    warnings.append(_warn(person, f"{column} links to a page that is not in the list ({{linked}}); that link is ignored", pid))
                else:
                    valid.add(pid)
        row.links = tuple(sorted(valid))
    return warnings


def find_intro_loops(rows: list[Row]) -> list[RowWarning]:
    """One warning per group of rows whose Introduced by links go round in a circle."""
    edges = [(pid, row.pid) for row in rows for pid in row.person.introduced_by if pid != row.pid]
    if not edges:
        return []
    by_id = {row.pid: row for row in rows}
    graph = nx.DiGraph(e for e in edges if e[0] in by_id)
    warnings = []
    for group in nx.strongly_connected_components(graph):
        if len(group) > 1:
            members = [by_id[pid] for pid in sorted(group)]
            names = ", ".join(m.label for m in members)
            warnings.append(_warn(members[0].person, f"Introduced by goes round in a circle ({names}); harmless, but worth checking"))
    return warnings


def is_hop(row: Row) -> bool:
    """Whether a row takes part in the intro graph (Paused rows are never in `rows`)."""
    return row.status != Status.NOT_INTERESTED


def build_graph(rows: list[Row], rules: RuleBook) -> nx.Graph:
    """You and every row that can be a hop, with the You–C and C–D edges and their lengths."""
    hops = [row for row in rows if is_hop(row)]
    hop_ids = {row.pid for row in hops}
    link = {WEIGHT: rules.link_length}  # networkx copies it into each edge's own dict
    graph = nx.Graph()
    graph.add_node(YOU)
    graph.add_nodes_from(row.pid for row in hops)  # rows come sorted by page id
    # One pass over plain tuples, streamed: a list of them would only feed the garbage collector.
    graph.add_edges_from(chain(
        ((YOU, row.pid, {WEIGHT: row.edge_length}) for row in hops if row.edge_length is not None),
        ((row.pid, other, link) for row in hops for other in row.links if other in hop_ids),
    ))
    return graph


def near_targets(rows: list[Row], targets: Iterable[str], by_id: dict[str, Row], max_edges: int) -> tuple[dict[str, set[str]], list[set[str]]]:
    """The hops within max_edges − 2 links of a target, by distance (targets first), and the link
    neighbours of each that an intro path of at most max_edges edges can come through.

    Such a path runs You → first hop → … → target, so only these lists can carry one; on a long list
    they are a small part of the graph. The outermost ring is only reached from a first hop, so
    its lists keep only the rows with an edge from You.
    """
    hops = [row for row in rows if is_hop(row)]
    hop_ids = {row.pid for row in hops}
    rings = [set(targets) & hop_ids]
    neighbours: dict[str, set[str]] = {}
    for _ in range(max_edges - 2):
        found = _link_neighbours(rings[-1], by_id, hops, hop_ids)
        neighbours.update(found)
        rings.append(set().union(*found.values()).difference(neighbours))
    first_hops = [row for row in hops if row.edge_length is not None]
    neighbours.update(_link_neighbours(rings[-1], by_id, first_hops, {row.pid for row in first_hops}))
    return neighbours, rings


def intro_graph(rows: list[Row], targets: Iterable[str], by_id: dict[str, Row], rules: RuleBook) -> tuple[nx.Graph, list[set[str]]]:
    """The subgraph that can carry an intro path of at most `max_path_edges` edges, and the rings
    of hops around the targets (targets first)."""
    neighbours, rings = near_targets(rows, targets, by_id, rules.max_path_edges)
    first_hops = sorted({u for us in neighbours.values() for u in us if by_id[u].edge_length is not None})
    link = {WEIGHT: rules.link_length}
    graph = nx.Graph()
    graph.add_node(YOU)
    graph.add_nodes_from(neighbours)  # every ring member, linked or not
    graph.add_edges_from(chain(
        ((YOU, pid, {WEIGHT: by_id[pid].edge_length}) for pid in first_hops),
        ((v, u, link) for v, us in neighbours.items() for u in us),
    ))
    return graph, rings


def _link_neighbours(ring: set[str], by_id: dict[str, Row], rows: list[Row], kept: set[str]) -> dict[str, set[str]]:
    """Each ring member's neighbours by Knows or Introduced by among `rows` (ids `kept`)."""
    found = {pid: kept.intersection(by_id[pid].links) for pid in ring}
    for row in rows:  # links are listed on one side only: look at the other side too
        if not ring.isdisjoint(row.links):
            for pid in ring.intersection(row.links):
                found[pid].add(row.pid)
    return found


def hop_key(row: Row) -> int:
    """Sort key of a first hop: higher Strength first, an empty Strength last (Strength is 0..100)."""
    return 1 if row.strength is None else -row.strength


def path_key(path: tuple[str, ...], by_id: dict[str, Row]) -> tuple:
    """Tie-break of two equally light paths with as many edges: first hop, then names, then ids."""
    return (hop_key(by_id[path[0]]), tuple(by_id[p].name for p in path), path)


def find_intro_paths(rows: list[Row], targets: Iterable[str], by_id: dict[str, Row], rules: RuleBook) -> dict[str, tuple[str, ...]]:
    """For each target, the lightest path from You of at most `max_path_edges` edges (page ids after You).

    Layer n holds, per node, the weight of the best walk of exactly n edges and the node before
    it (weight, then tie-break); with positive lengths the overall best is always a simple path.
    Each layer is only pulled into the nodes within reach of a target, so the work is the links
    around targets, not the whole graph.
    """
    max_edges = rules.max_path_edges
    graph, rings = intro_graph(rows, targets, by_id, rules)
    targets = sorted(rings[0])
    adjacency = graph.adj
    layers: list[tuple[dict[str, float], dict[str, str]]] = [
        ({pid: edge[WEIGHT] for pid, edge in adjacency[YOU].items()}, {})
    ]
    wanted: set[str] = set()  # layer n is pulled into the hops within max_edges − n links of a target
    pulled: dict[int, list[str]] = {}
    for ring, n in zip(rings, range(max_edges, 1, -1)):
        wanted |= ring
        pulled[n] = list(wanted)  # any order: see _relax
    best: dict[str, tuple[float, tuple[str, ...]]] = {}
    for n in range(2, max_edges + 1):
        layers.append(_relax(pulled[n], adjacency, layers, by_id))
        weights = layers[-1][0]
        for target in targets:
            weight = weights.get(target)
            if weight is not None and (target not in best or weight < best[target][0]):
                best[target] = (weight, _walk(layers, len(layers) - 1, target))
    return {target: path for target, (_, path) in best.items()}


def _relax(nodes: list[str], adjacency: Any, layers: list[tuple[dict, dict]], by_id: dict[str, Row]) -> tuple[dict, dict]:
    """The next layer at each of `nodes`, pulled over links from the previous layer."""
    previous = layers[-1][0]
    keys = _TieKeys(layers, by_id)
    weights: dict[str, float] = {}
    before: dict[str, str] = {}
    for v in nodes:
        chosen = None
        lightest = 0.0
        for u, edge in adjacency[v].items():  # any order: equal weights go to the lesser key, and keys differ
            weight = previous.get(u)  # None for You, and for nodes no walk of this length reaches
            if weight is None:
                continue
            weight += edge[WEIGHT]
            if chosen is None or weight < lightest or (weight == lightest and keys[u] < keys[chosen]):
                chosen, lightest = u, weight
        if chosen is not None:
            weights[v] = lightest
            before[v] = chosen
    return weights, before


class _TieKeys(dict):
    """path_key of the best walk to each node of the last layer, worked out on the first tie.

    Two walks to one node extended by the same step compare as the walks themselves do.
    """

    def __init__(self, layers: list[tuple[dict, dict]], by_id: dict[str, Row]) -> None:
        super().__init__()
        self.layers, self.by_id = layers, by_id

    def __missing__(self, node: str) -> tuple:
        key = self[node] = path_key(_walk(self.layers, len(self.layers) - 1, node), self.by_id)
        return key


def _walk(layers: list[tuple[dict, dict]], n: int, node: str) -> tuple[str, ...]:
    """The best walk of n+1 edges ending at `node`, as page ids after You."""
    path = [node]
    while n > 0:
        node = layers[n][1][node]
        path.append(node)
        n -= 1
    return tuple(reversed(path))


def assign_connectors(rows: list[Row], by_id: dict[str, Row]) -> None:
    """Each target with a path counts towards its first hop's reach (as a list of targets)."""
    for row in rows:
        if row.path:
            hop = by_id[row.path[0]]
            if hop.targets:
                hop.targets.append(row)
            else:
                hop.targets = [row]
