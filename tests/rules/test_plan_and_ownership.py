"""SPEC §4: the paced plan, plan memory, a user's edit wins, and a second sync writes nothing."""

import dataclasses
import random
from datetime import date, timedelta

from rules_helpers import TODAY, fields, person, pid, rerun, row, run, written
from worker.models import WorkerFields
from worker.configuration import RuleBook

RECENT = TODAY - timedelta(days=10)


def warm(n, name=None, **kw):
    return person(n, name=name or f"W{n:02d}", closeness="Warm", last_contacted=RECENT, **kw)


def test_the_plan_gives_at_most_plan_per_day_places_per_business_day_and_none_past_the_window():
    rules = RuleBook(plan_per_day=5, plan_business_days=2)
    out = run([warm(n) for n in range(1, 13)], rules=rules)
    dates = [fields(out, n).follow_up_on for n in range(1, 13)]
    assert dates == [date(2026, 11, 26)] * 5 + [date(2026, 11, 27)] * 5 + [None, None]


def test_a_plan_made_on_a_weekend_starts_on_monday():
    out = run([warm(1)], today=date(2026, 11, 28))
    assert fields(out, 1).follow_up_on == date(2026, 11, 30)


def test_the_plan_goes_tier_by_tier():
    people = [
        person(1, name="Shared", shared_interests=("jazz",)),
        person(2, name="Cold pitch", company="Figma"),
        person(3, name="Advice", closeness="Warm", last_contacted=TODAY - timedelta(days=200)),
        warm(4, name="Reach 0"),
        warm(5, name="Connector", knows=[6]),
        person(6, name="Intro pitch", company="Stripe"),
        warm(7, name="Warm pitch", company="Stripe"),
    ]
    out = run(people, rules=RuleBook(target_companies=("Stripe", "Figma"), plan_per_day=1))
    order = {n: fields(out, n).follow_up_on for n in range(1, 8)}
    assert order == {
        7: date(2026, 11, 26), 6: date(2026, 11, 27), 5: date(2026, 11, 30), 4: date(2026, 12, 1),
        3: date(2026, 12, 2), 2: date(2026, 12, 3), 1: date(2026, 12, 4),
    }


def test_within_a_tier_the_plan_goes_by_strength_then_name_then_page_id():
    people = [
        warm(1, name="Zed"), warm(2, name="Amy"),
        person(3, name="Mo", closeness="Close", last_contacted=RECENT),
        warm(5, name="Amy"),
    ]
    out = run(people, rules=RuleBook(plan_per_day=1))
    assert [fields(out, n).follow_up_on for n in (3, 2, 5, 1)] == [date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 30), date(2026, 12, 1)]


def test_planned_dates_stay_put_the_next_day_and_new_rows_fill_free_places():
    first = run([warm(n) for n in range(1, 8)])
    assert [fields(first, n).follow_up_on for n in range(1, 8)] == [date(2026, 11, 26)] * 5 + [date(2026, 11, 27)] * 2
    second = rerun(first, extra=[warm(8, name="A newcomer")], today=date(2026, 11, 27))
    assert [fields(second, n).follow_up_on for n in range(1, 8)] == [date(2026, 11, 26)] * 5 + [date(2026, 11, 27)] * 2
    assert fields(second, 8).follow_up_on == date(2026, 11, 27)
    assert [r.changed for r in second.rows if r.person.page_id != pid(8)] == [()] * 7


def test_a_row_whose_inputs_change_leaves_its_kept_place():
    first = run([warm(n) for n in range(1, 7)])
    people = written(first)
    people[0] = dataclasses.replace(people[0], last_contacted=TODAY - timedelta(days=1))
    second = run(people, today=date(2026, 11, 27))
    assert fields(second, 1).follow_up_on == date(2026, 11, 27)  # re-planned from the 27th
    assert fields(second, 2).follow_up_on == date(2026, 11, 26)  # kept, overdue


def test_a_second_run_with_nothing_changed_writes_nothing():
    people = [warm(1, knows=[2]), person(2, company="Stripe"), person(3, status="Reached out", closeness="Close")]
    first = run(people)
    assert all(r.changed for r in first.rows)
    assert [r.changed for r in rerun(first).rows] == [(), (), ()]


def test_a_value_present_before_the_worker_ever_wrote_is_the_users():
    mine = WorkerFields(suggested_ask="Ask for advice", next_step="Call her on Friday")
    out = run([warm(1, current=mine)])
    f = fields(out, 1)
    assert (f.suggested_ask, f.next_step, f.why) == ("Ask for advice", "Call her on Friday", "W01 is a warm contact, and you last spoke on 16 Nov 2026.")
    assert "suggested_ask" not in row(out, 1).changed and "next_step" not in row(out, 1).changed
    assert [r.changed for r in rerun(out, today=date(2026, 11, 27)).rows] == [()]


def test_a_users_edit_wins_until_the_rows_inputs_change():
    first = run([warm(1)])
    edited = dataclasses.replace(written(first)[0], current=dataclasses.replace(first.rows[0].fields, next_step="Lunch", suggested_ask=None))
    second = run([edited])
    assert (fields(second, 1).next_step, fields(second, 1).suggested_ask, row(second, 1).changed) == ("Lunch", None, ("worker_state",))
    third = rerun(second, today=date(2026, 11, 30))
    assert fields(third, 1).next_step == "Lunch"
    moved = dataclasses.replace(written(third)[0], last_contacted=date(2026, 11, 25))
    fourth = run([moved])
    assert fields(fourth, 1).next_step == "Ask W01 for three introductions to people they think you should meet."
    assert fields(fourth, 1).suggested_ask == "Request introductions"


def test_a_target_list_change_is_an_input_change():
    first = run([warm(1)])
    edited = dataclasses.replace(written(first)[0], current=dataclasses.replace(first.rows[0].fields, why="mine"))
    assert fields(run([edited]), 1).why == "mine"
    assert fields(run([edited], rules=RuleBook(target_companies=("Acme",))), 1).why != "mine"


def test_the_same_rows_in_any_order_give_the_same_outcome():
    people = [warm(1, knows=[2, 4]), person(2, company="Stripe"), person(3, name="P2", shared_interests=("jazz",)), person(4, name="P2", company="Figma")]
    shuffled = people[:]
    random.Random(3).shuffle(shuffled)
    assert repr(run(people)) == repr(run(shuffled))


def test_row_problems_are_warnings_and_the_other_rows_are_still_right():
    people = [
        person(1, name="Ana", closeness="Close", last_contacted=RECENT, knows=[1, 77], introduced_by=[2]),
        person(2, name="Ana", company="Acme", introduced_by=[1]),
        Person_without_name := person(3, name=" "),
    ]
    out = run(people)
    assert [(w.page_id, w.describe()) for w in out.warnings] == [
        (pid(3), "Name is empty"),
        (pid(1), "Introduced by goes round in a circle (Ana, Ana (Acme)); harmless, but worth checking"),
        (pid(1), "Knows links the row to itself; that link is ignored"),
        (pid(1), f"Knows links to a page that is not in the list ({pid(77)}); that link is ignored"),
        (pid(1), "another row has the same Name 'Ana'"),
        (pid(2), "another row has the same Name 'Ana'"),
    ]
    assert fields(out, 1).suggested_ask == "Request introductions"
    assert Person_without_name.page_id == pid(3)
