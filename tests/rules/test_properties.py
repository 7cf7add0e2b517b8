"""Hypothesis properties on random small networks (equal lengths and duplicate names included)."""

import random
from collections import Counter
from datetime import timedelta

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from rules_helpers import RULES, TODAY, pid, rerun, run
from worker.models import Person

NAMES = ("Ana", "Bo", "Cy", "Ana")  # "Ana" twice: duplicate names are common
CLOSENESS = ("Close", "Warm", "Acquaintance", "Cold", "")
EDGE = {"Close": 1, "Warm": 2, "Acquaintance": 4}
STALE_AFTER = {"Close": 180, "Warm": 90, "Acquaintance": 45}
STATUSES = ("", "", "Reached out", "Not interested", "Interviewing")


@st.composite
def networks(draw, max_people=8):
    n = draw(st.integers(2, max_people))
    people = []
    for i in range(1, n + 1):
        offset = draw(st.one_of(st.none(), st.integers(0, 400)))
        people.append(Person(
            page_id=pid(i),
            name=draw(st.sampled_from(NAMES)),
            company=draw(st.sampled_from(("Stripe", "stripe ", "Acme"))),
            closeness=draw(st.sampled_from(CLOSENESS)),
            last_contacted=None if offset is None else TODAY - timedelta(days=offset),
            status=draw(st.sampled_from(STATUSES)),
            knows=tuple(pid(k) for k in draw(st.lists(st.integers(1, n), max_size=3))),
            shared_interests=draw(st.sampled_from(((), ("jazz",)))),
            paused=draw(st.booleans()) and draw(st.booleans()),
        ))
    return people


def _strength(p, today):
    """Strength by SPEC §4, worked out here: base × 0.5^(days/180), half up to a step of 5."""
    if p.last_contacted is None:
        return None
    days = max(0, (today - p.last_contacted).days)
    base = {"Close": 100, "Warm": 70, "Acquaintance": 40}.get(p.closeness, 0)
    return int(base * 0.5 ** (days / 180) / 5 + 0.5 + 1e-9) * 5


def _stale(p, today):
    """In network and more than the Closeness's stale-after days since Last contacted."""
    return p.closeness in EDGE and p.last_contacted is not None and (today - p.last_contacted).days > STALE_AFTER[p.closeness]


def _brute_force(people, today):
    """Every simple path of at most 3 edges from You to each target, lightest then tie-breaks.

    The chosen path per target as page ids after You, () when there is none.
    """
    rows = {p.page_id: p for p in people if not p.paused and p.status != "Not interested"}
    graph = nx.Graph()
    graph.add_nodes_from(["You", *rows])
    for p in rows.values():
        if p.closeness in EDGE:
            graph.add_edge("You", p.page_id, w=EDGE[p.closeness] * (2 if _stale(p, today) else 1))
        for other in p.knows:
            if other in rows and other != p.page_id:
                graph.add_edge(p.page_id, other, w=3)
    answer = {}
    for t, p in rows.items():
        if p.closeness in EDGE or p.company.strip().lower() != "stripe" or p.status == "Interviewing":
            continue
        best = None
        for path in nx.all_simple_paths(graph, "You", t, cutoff=3):
            weight = sum(graph[a][b]["w"] for a, b in zip(path, path[1:]))
            s = _strength(rows[path[1]], today)
            key = (weight, len(path) - 1, (1, 0) if s is None else (0, -s), tuple(rows[x].name for x in path[1:]), tuple(path[1:]))
            best = key if best is None or key < best else best
        answer[t] = best[4] if best else ()
    return answer


@settings(max_examples=150, deadline=None)
@given(networks(), st.randoms(use_true_random=False))
def test_the_same_rows_in_any_order_give_byte_identical_outcomes(people, rnd):
    shuffled = people[:]
    rnd.shuffle(shuffled)
    assert repr(run(people)) == repr(run(shuffled))


@settings(max_examples=300, deadline=None)
@given(networks())
def test_the_chosen_intro_via_is_the_brute_force_best_path_of_at_most_three_edges(people):
    out = run(people)
    chosen = {r.person.page_id: r.fields.intro_via for r in out.rows}
    for target, path in _brute_force(people, TODAY).items():
        assert chosen[target] == path[:1]


@settings(max_examples=150, deadline=None)
@given(networks(max_people=14))
def test_a_second_run_the_same_day_changes_nothing(people):
    assert all(r.changed == () for r in rerun(run(people)).rows)


TEXTS = {"suggested_ask", "why", "next_step"}
PATH_FIELDS = {"intro_path", "intro_via", "why", "next_step", "follow_up_on"}


def _may_change(p, by_id, day1, day2, paths1, paths2, old_follow_up):
    """The fields of row p that may be rewritten between day1 and day2, worked out here alone."""
    pid = p.page_id
    may = set()
    if _strength(p, day1) != _strength(p, day2):
        may.add("strength")
    if _stale(p, day1) != _stale(p, day2):
        may |= {"stale"} | TEXTS  # warm → stale turns the ask into Ask for advice
    if paths1.get(pid) != paths2.get(pid):
        may |= PATH_FIELDS  # another lightest path: new words, new inputs, a new plan place
    path = paths2.get(pid, ())
    if path and _stale(by_id[path[0]], day1) != _stale(by_id[path[0]], day2):
        may.add("next_step")  # the target's step now says to warm that person up first
    opened1 = sorted(t for t, path in paths1.items() if path[:1] == (pid,))
    opened2 = sorted(t for t, path in paths2.items() if path[:1] == (pid,))
    if opened1 != opened2:
        may |= TEXTS  # a connector names the targets it opens
    if p.status in ("", "Not contacted") and old_follow_up is None:
        may.add("follow_up_on")  # the plan window moved on: a row past it may get its place
    return may


@settings(max_examples=150, deadline=None)
@given(networks(max_people=14), st.integers(1, 12))
def test_the_next_days_keep_planned_dates_and_rewrite_only_rows_that_really_changed(people, later):
    first = run(people)
    day2 = TODAY + timedelta(days=later)
    second = rerun(first, today=day2)
    before = {r.person.page_id: r.fields for r in first.rows}
    paths1, paths2 = _brute_force(people, TODAY), _brute_force(people, day2)
    by_id = {p.page_id: p for p in people}
    for r in second.rows:
        p, old, new = r.person, before[r.person.page_id], r.fields
        changed = set(r.changed) - {"worker_state"}
        assert ("worker_state" in r.changed) == bool(changed)  # the state moves only with a field
        may = _may_change(p, by_id, TODAY, day2, paths1, paths2, old.follow_up_on)
        assert changed <= may, (p.name, changed - may)
        assert ("strength" in changed) == (_strength(p, TODAY) != _strength(p, day2))
        assert ("stale" in changed) == (_stale(p, TODAY) != _stale(p, day2))
        if old.follow_up_on is not None and "follow_up_on" not in may:
            assert new.follow_up_on == old.follow_up_on  # planned and Status dates stay put


@settings(max_examples=100, deadline=None)
@given(st.integers(6, 40), st.integers(0, 10_000), st.integers(0, 6))
def test_no_business_day_gets_more_than_plan_per_day_new_outreaches(n, seed, step):
    rnd = random.Random(seed)
    people = [
        Person(page_id=pid(i), name=f"P{i}", closeness=rnd.choice(CLOSENESS), shared_interests=("jazz",),
               last_contacted=TODAY - timedelta(days=rnd.randrange(300)), company=rnd.choice(("Stripe", "Acme")))
        for i in range(1, n + 1)
    ]
    out = run(people)
    for day in range(step + 1):
        out = rerun(out, extra=[Person(page_id=pid(1000 + day), name="New", closeness="Warm", last_contacted=TODAY)],
                    today=TODAY + timedelta(days=day))
        planned = Counter(r.fields.follow_up_on for r in out.rows if "p" in r.fields.worker_state.split(":")[-1][:1])
        assert max(planned.values(), default=0) <= RULES.plan_per_day


@settings(max_examples=150, deadline=None)
@given(networks())
def test_the_searched_intro_graph_is_part_of_the_whole_network_graph(people):
    from worker.rules.network import build_graph, intro_graph, read_links
    from worker.rules.outcome import is_target
    from worker.rules.strength import read_rows

    rows, _ = read_rows(sorted((p for p in people if not p.paused), key=lambda p: p.page_id), RULES, TODAY)
    read_links(rows, frozenset(p.page_id for p in people))
    by_id = {r.pid: r for r in rows}
    whole = build_graph(rows, RULES)
    part, _ = intro_graph(rows, [r.pid for r in rows if is_target(r)], by_id, RULES)
    for a, b, edge in part.edges(data=True):
        assert whole.has_edge(a, b) and whole[a][b]["weight"] == edge["weight"]
