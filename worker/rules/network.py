"""The intro graph (networkx): links between rows, hop-limited intro paths, connectors and reach."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from worker.models import RowWarning, RuleBook, Status

from .strength import Row, _warn

YOU = "You"
WEIGHT = "weight"


def read_links(rows: list[Row], all_ids: frozenset[str]) -> list[RowWarning]:
    """Set each row's valid links (Knows and Introduced by), warning about broken and self links."""
    warnings: list[RowWarning] = []
    for row in rows:
        person = row.person
        valid: set[str] = set()
        for column, ids in (("Knows", person.knows), ("Introduced by", person.introduced_by)):
            for pid in ids:
                if pid == row.pid:
                    warnings.append(_warn(person, f"{column} links the row to itself; that link is ignored"))
                elif pid not in all_ids:
                    warnings.append(_warn(person, f"{column} links to a page that is not in the list ({pid}); that link is ignored"))
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
    """Nodes You and every row that can be a hop; You–C and C–D edges with their lengths."""
    hops = {row.pid for row in rows if is_hop(row)}
    graph = nx.Graph()
    graph.add_node(YOU)
    graph.add_nodes_from(sorted(hops))
    graph.add_weighted_edges_from(
        (YOU, row.pid, row.edge_length) for row in rows if row.pid in hops and row.edge_length is not None
    )
    # Every link has the same length: one shared attribute is cheaper than a dict per edge.
    graph.add_edges_from(
        ((row.pid, other) for row in rows if row.pid in hops for other in row.links if other in hops),
        weight=rules.link_length,
    )
    return graph


def hop_key(row: Row) -> tuple:
    """Sort key of a first hop: higher Strength first, an empty Strength last."""
    return (1, 0) if row.strength is None else (0, -row.strength)


def path_key(path: tuple[str, ...], by_id: dict[str, Row]) -> tuple:
    """Tie-break of two equally light paths with as many edges: first hop, then names, then ids."""
    return (hop_key(by_id[path[0]]), tuple(by_id[p].name for p in path), path)


def find_intro_paths(graph: nx.Graph, targets: Iterable[str], by_id: dict[str, Row], max_edges: int) -> dict[str, tuple[str, ...]]:
    """For each target, the lightest path from You of at most `max_edges` edges (page ids after You).

    Layer n holds, per node, the best walk of exactly n edges (weight, then tie-break); with
    positive lengths the overall best is always a simple path. Each layer is only pulled into the
    nodes within reach of a target, so the work is the edges around targets, not the whole graph.
    """
    adj = dict(graph.adjacency())  # the plain neighbour dicts: much faster than the views
    targets = [t for t in sorted(targets) if t in adj]
    layers: list[dict[str, tuple[float, str | None]]] = [{v: (d[WEIGHT], None) for v, d in adj[YOU].items()}]
    wanted = _wanted(targets, adj, max_edges)
    best: dict[str, tuple[float, tuple[str, ...]]] = {}
    for n in range(2, max_edges + 1):
        layers.append(_relax(((v, adj[v]) for v in wanted[n]), layers, by_id))
        for target in targets:
            entry = layers[-1].get(target)
            if entry is not None and (target not in best or entry[0] < best[target][0]):
                best[target] = (entry[0], _walk(layers, len(layers) - 1, target))
    return {target: path for target, (_, path) in best.items()}


def _wanted(targets: list[str], adj: dict, max_edges: int) -> dict[int, list[str]]:
    """Per layer, the nodes whose best walk can matter: a target, or a step towards one."""
    wanted = {max_edges: targets}
    near = set(targets)
    for n in range(max_edges - 1, 1, -1):
        near |= {u for v in near for u in adj[v]}
        near.discard(YOU)
        wanted[n] = sorted(near)
    return wanted


def _relax(pairs, layers: list[dict], by_id: dict[str, Row]) -> dict:
    """The next layer for each (node, neighbours) pair, pulled from the previous layer."""
    previous = layers[-1]
    layer: dict[str, tuple[float, str]] = {}
    for v, neighbours in pairs:
        chosen = None
        for u, data in neighbours.items():
            entry = previous.get(u)
            if entry is None:
                continue
            weight = entry[0] + data[WEIGHT]
            if chosen is None or weight < chosen[0]:
                chosen = (weight, u)
            elif weight == chosen[0] and _better(layers, u, chosen[1], v, by_id):
                chosen = (weight, u)
        if chosen is not None:
            layer[v] = chosen
    return layer


def _better(layers: list[dict], u: str, other: str, v: str, by_id: dict[str, Row]) -> bool:
    n = len(layers) - 1
    mine = _walk(layers, n, u) + (v,)
    theirs = _walk(layers, n, other) + (v,)
    return path_key(mine, by_id) < path_key(theirs, by_id)


def _walk(layers, n: int, node: str) -> tuple[str, ...]:
    """The best walk of n+1 edges ending at `node`, as page ids after You."""
    path = [node]
    while n > 0:
        node = layers[n][node][1]
        path.append(node)
        n -= 1
    return tuple(reversed(path))


def assign_connectors(rows: list[Row], by_id: dict[str, Row]) -> None:
    """Each target with a path counts towards its first hop's reach (targets listed by plan rank)."""
    for row in rows:
        if row.path:
            by_id[row.path[0]].targets.append(row)
