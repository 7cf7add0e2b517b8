"""Reuse (SPEC §10): a computation given the last one's work gives exactly what a fresh one gives.

A look computes the whole list again with a row or two changed, taking the last computation's
per-row results where their inputs are unchanged (worker/core/rules/reuse.py). These tests walk a
list through the edits a person makes between two looks, and through the worker's own writes, and
compare every step with a computation from nothing: rows, decisions, warnings, to the byte.
"""

import dataclasses
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from rules_helpers import RULES, TODAY, edit, fields, person, pid, run, written
from test_properties import networks
from worker.core.configuration import DraftTemplates, Me
from worker.core.models import NO_REUSE

ME = Me(name="Sam Rivera")


def same(outcome, fresh) -> None:
    assert outcome == fresh
    assert repr(outcome) == repr(fresh)  # Decision, the draft's words, the warnings' facts too


def _edits(n: int):
    """One change a person (or the worker's write) makes to a list of n rows between two looks."""
    row = st.integers(1, n)
    some_row = st.integers(1, n + 2)  # a link may name a row that is not (or no longer) in the list
    day = st.one_of(st.none(), st.integers(-60, 5).map(lambda d: TODAY + timedelta(days=d)))
    return st.one_of(
        st.tuples(st.just("status"), row, st.sampled_from(
            ("", "Not contacted", "Reached out", "Replied", "Meeting scheduled", "Interviewing", "Referred",
             "Not interested", "In touch", "Ghosted?"))),
        st.tuples(st.just("closeness"), row, st.sampled_from(("Close", "Warm", "Acquaintance", "Cold", "", "Best"))),
        st.tuples(st.just("name"), row, st.sampled_from(("Ana", "Bo", "Zed Quinn", "", "=Ana"))),
        st.tuples(st.just("company"), row, st.sampled_from(("Stripe", "Figma", "Acme", ""))),
        st.tuples(st.just("last_contacted"), row, day),
        st.tuples(st.just("meeting_on"), row, day),
        st.tuples(st.just("knows"), row, st.lists(some_row, max_size=3).map(lambda ks: tuple(pid(k) for k in ks))),
        st.tuples(st.just("introduced_by"), row, st.lists(some_row, max_size=2).map(lambda ks: tuple(pid(k) for k in ks))),
        st.tuples(st.just("paused"), row, st.booleans()),
        st.tuples(st.just("next_step"), row, st.sampled_from(("my own words", ""))),
        st.tuples(st.just("worker_state"), row, st.sampled_from(("", "not the worker's"))),
        st.tuples(st.just("remove"), row, st.none()),
        st.tuples(st.just("add"), st.just(n + 1), st.sampled_from(("Bo", "Cara"))),
        st.tuples(st.just("write"), st.just(0), st.none()),  # the worker's own writes land
        st.tuples(st.just("next day"), st.just(0), st.none()),
    )


def _apply(people, outcome, today, change):
    kind, n, value = change
    if kind == "write":
        return written(outcome), today
    if kind == "next day":
        return people, today + timedelta(days=1)
    if kind == "remove":
        return [p for p in people if p.page_id != pid(n)], today
    if kind == "add":
        return [*people, person(n, value, company="Stripe", knows=(1,))], today
    if kind in ("next_step", "worker_state"):
        return [dataclasses.replace(p, current=dataclasses.replace(p.current, **{kind: value}))
                if p.page_id == pid(n) else p for p in people], today
    return edit(people, n, **{kind: value}), today


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_computation_taking_the_last_ones_work_gives_what_a_fresh_one_gives(data):
    people = data.draw(networks(max_people=7))
    # One or two messages a day: a row leaving the plan moves the others' days and ranks.
    rules = RULES.model_copy(update={"plan_per_day": data.draw(st.sampled_from((1, 2, 5)))})
    today = TODAY
    last = run(people, rules, me=ME)
    for _ in range(data.draw(st.integers(1, 6))):
        change = data.draw(_edits(len(people)))
        people, today = _apply(people, last, today, change)
        fresh = run(people, rules, today=today, me=ME)
        taken = run(people, rules, today=today, me=ME, reuse=last.reuse)
        same(taken, fresh)
        last = taken


def test_a_first_hops_new_name_reaches_the_targets_words_though_the_target_row_is_unchanged():
    people = [
        person(1, "Ana Lima", closeness="Close", last_contacted=TODAY - timedelta(days=10), knows=(2,)),
        person(2, "Ben Ode", company="Stripe", closeness="Cold"),
    ]
    last = run(written(run(people)))
    assert "Ana Lima" in fields(last, 2).intro_path
    renamed = edit(written(last), 1, name="Ana Costa")
    taken = run(renamed, reuse=last.reuse)
    same(taken, run(renamed))
    assert "Ana Costa" in fields(taken, 2).intro_path and "Ana Costa" in fields(taken, 2).next_step


def test_work_done_under_other_rules_another_day_or_another_voice_is_not_taken():
    people = written(run([person(1, "Ana", closeness="Warm", last_contacted=TODAY - timedelta(days=40)),
                          person(2, "Ben", company="Stripe", knows=(1,))]))
    last = run(people, me=ME)
    for options in (dict(today=TODAY + timedelta(days=3)), dict(rules=RULES.model_copy(update={"plan_per_day": 1})),
                    dict(templates=DraftTemplates(blurb="I build payment systems.")), dict(me=Me(name="Kim"))):
        kwargs = {"me": ME, **options}
        same(run(people, reuse=last.reuse, **kwargs), run(people, **kwargs))


def test_an_outcome_without_reuse_and_one_with_it_are_equal_and_print_alike():
    people = [person(1, "Ana", closeness="Warm"), person(2, "Ben", company="Stripe", knows=(1,))]
    outcome = run(people)
    assert outcome.reuse is not NO_REUSE  # kept for the next computation
    stripped = dataclasses.replace(outcome, reuse=NO_REUSE)
    assert stripped == outcome and repr(stripped) == repr(outcome)
