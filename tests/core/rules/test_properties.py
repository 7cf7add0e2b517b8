"""Hypothesis properties on random small networks (equal lengths and duplicate names included)."""

import dataclasses
import random
from collections import Counter
from datetime import timedelta

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from rules_helpers import RULES, TODAY, edit_worker, pid, rerun, run, written
from worker.core.configuration import RuleBook
from worker.core.dates import add_business_days
from worker.core.models import Action, Person
from worker.core.rules.state import read_state

NAMES = ("Ana", "Bo", "Cy", "Ana")  # "Ana" twice: duplicate names are common
CLOSENESS = ("Close", "Warm", "Acquaintance", "Cold", "")
EDGE = {"Close": 1, "Warm": 2, "Acquaintance": 4}
STALE_AFTER = {"Close": 180, "Warm": 90, "Acquaintance": 45}
STATUSES = ("", "", "Reached out", "Replied", "Not interested", "Interviewing", "Meeting scheduled")
TARGET_STATUSES = ("", "Not contacted", "Reached out", "Replied")


@st.composite
def networks(draw, max_people=8):
    n = draw(st.integers(2, max_people))
    people = []
    for i in range(1, n + 1):
        offset = draw(st.one_of(st.none(), st.integers(0, 400)))
        people.append(Person(
            page_id=pid(i),
            name=draw(st.sampled_from(NAMES)),
            company=draw(st.sampled_from(("Stripe", "stripe, Inc.", "Stripes", "Acme"))),
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
    base = {"Close": 100, "Warm": 70, "Acquaintance": 40}.get(_effective(p, today), 0)
    return int(base * 0.5 ** (days / 180) / 5 + 0.5 + 1e-9) * 5


def _effective(p, today):
    """SPEC §4.2 v3, worked out here: an answer makes an Acquaintance, a past meeting (Meeting
    scheduled from the business day after Last contacted) a Warm contact; the higher wins."""
    levels = ["Cold", "Acquaintance", "Warm", "Close"]
    found = [p.closeness if p.closeness in levels else "Cold"]
    if p.status in ("Replied", "Meeting scheduled", "Interviewing"):
        found.append("Acquaintance")
    if p.status == "Meeting scheduled" and p.last_contacted and add_business_days(p.last_contacted, 1) <= today:
        found.append("Warm")
    return max(found, key=levels.index)


def _stale(p, today):
    """In network and more than the Closeness's stale-after days since Last contacted (Not interested never)."""
    closeness = _effective(p, today)
    return (closeness in EDGE and p.last_contacted is not None and p.status != "Not interested"
            and (today - p.last_contacted).days > STALE_AFTER[closeness])


def _at_stripe(p):
    return p.company.lower().replace(", inc.", "").strip() == "stripe"


def _brute_force(people, today):
    """Every simple path of at most 3 edges from You to each target, lightest then tie-breaks.

    The chosen path per target as page ids after You, () when there is none. (With no Worker
    state, a Reached out row has sent one message: nobody is parked.)
    """
    rows = {p.page_id: p for p in people if not p.paused and p.status != "Not interested"}
    graph = nx.Graph()
    graph.add_nodes_from(["You", *rows])
    for p in rows.values():
        if _effective(p, today) in EDGE:
            graph.add_edge("You", p.page_id, w=EDGE[_effective(p, today)] * (2 if _stale(p, today) else 1))
        for other in p.knows:
            if other in rows and other != p.page_id:
                graph.add_edge(p.page_id, other, w=3)
    answer = {}
    for t, p in rows.items():
        # Out-of-network targets only: a stale in-network one (v3) has its own tables.
        if _effective(p, today) in EDGE or not _at_stripe(p) or p.status not in TARGET_STATUSES:
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
    paths = {r.person.page_id: r.decision.intro_path for r in out.rows}
    for target, path in _brute_force(people, TODAY).items():
        assert chosen[target] == path[:1]
        assert paths[target] == path


@settings(max_examples=150, deadline=None)
@given(networks(max_people=14))
def test_a_second_run_the_same_day_changes_nothing(people):
    assert all(r.changed == () for r in rerun(run(people)).rows)


@settings(max_examples=100, deadline=None)
@given(networks(max_people=14), st.lists(st.integers(1, 30), min_size=1, max_size=4))
def test_day_after_day_with_nothing_done_the_queue_moves_on_in_order_and_each_second_run_changes_nothing(people, gaps):
    out, today = run(people), TODAY
    for gap in gaps:
        planned = {r.person.page_id: (r.fields.follow_up_on, r.decision.plan_rank) for r in out.rows
                   if r.decision.action == Action.NEW and r.fields.follow_up_on}
        today += timedelta(days=gap)
        out = rerun(out, today=today)
        assert all(r.changed == () for r in rerun(out, today=today).rows)
        moved = sorted((planned[r.person.page_id], r.fields.follow_up_on) for r in out.rows
                       if r.person.page_id in planned and r.decision.action == Action.NEW)
        new_days = [day for _, day in moved if day is not None]
        assert new_days == sorted(new_days)  # the queue keeps its order
        assert all(day >= today for day in new_days)  # nothing left overdue: it moved on
        assert max(Counter(new_days).values(), default=0) <= RULES.plan_per_day


EDITABLE = {
    "why": "mine", "next_step": "my step", "suggested_ask": "Ask for advice", "follow_up_on": TODAY + timedelta(days=40),
    "stale": True, "strength": 42, "intro_path": "my path",
}


@settings(max_examples=100, deadline=None)
@given(networks(max_people=10), st.data())
def test_no_users_edit_is_undone_by_other_rows_the_rules_or_time(people, data):
    out = run(people)
    active = [r.person for r in out.rows if not r.person.paused]
    if not active:
        return
    chosen = data.draw(st.sampled_from(active))
    key = data.draw(st.sampled_from(sorted(EDITABLE)))
    n = int(chosen.page_id, 16)
    before = next(r.fields for r in out.rows if r.person.page_id == chosen.page_id)
    if getattr(before, key) == EDITABLE[key]:  # typing the value the worker wrote is no edit to keep
        return
    edited = run(edit_worker(written(out), n, **{key: EDITABLE[key]}))
    others = [p for p in written(edited) if p.page_id != chosen.page_id]
    mine = next(p for p in written(edited) if p.page_id == chosen.page_id)
    rnd = random.Random(data.draw(st.integers(0, 1000)))
    others = [dataclasses.replace(p, closeness=rnd.choice(CLOSENESS)) for p in others]
    rules = RuleBook(target_companies=("Acme",), follow_ups_max=1, plan_per_day=2)
    later = run(others + [mine], rules=rules, today=TODAY + timedelta(days=data.draw(st.integers(0, 200))))
    f = next(r.fields for r in later.rows if r.person.page_id == chosen.page_id)
    assert getattr(f, key) == EDITABLE[key]


@settings(max_examples=100, deadline=None)
@given(st.integers(6, 40), st.integers(0, 10_000), st.integers(0, 6))
def test_no_business_day_gets_more_than_plan_per_day_new_outreaches(n, seed, step):
    rnd = random.Random(seed)
    people = [
        Person(page_id=pid(i), name=f"P{i}", closeness=rnd.choice(CLOSENESS), shared_interests=("jazz",),
               last_contacted=TODAY - timedelta(days=rnd.randrange(300)), company=rnd.choice(("Stripe", "Acme")),
               knows=(pid(rnd.randrange(1, n + 1)),))
        for i in range(1, n + 1)
    ]
    out = run(people)
    for day in range(step + 1):
        out = rerun(out, extra=[Person(page_id=pid(1000 + day), name="New", closeness="Warm", last_contacted=TODAY)],
                    today=TODAY + timedelta(days=day))
        planned = Counter(
            r.fields.follow_up_on for r in out.rows
            if r.decision.action == Action.NEW and read_state(r.fields.worker_state).planned == r.fields.follow_up_on
        )
        assert max(planned.values(), default=0) <= RULES.plan_per_day
