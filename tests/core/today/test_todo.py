"""The ranked to-do (SPEC §7): one line per message, the groups in their order, the whole list."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from worker.core.models import Action
from worker.core.today.todo import TodoGroup, compute_todo, message_lines, todo_json
from tests.core.today.builders import TODAY, day, outcome, pid, row


def names(items) -> list[str]:
    return [item.person.name for item in items]


def test_the_groups_come_in_the_order_replies_meetings_follow_ups_parked_check_ins_new():
    todo = compute_todo(outcome(
        row(1, "New", due=TODAY, action=Action.NEW, rank=0),
        row(2, "Check", due=TODAY, action=Action.CHECK_IN, status="Interviewing"),
        row(3, "Parked", due=TODAY, action=Action.PARKED, status="Reached out"),
        row(4, "Follow", due=TODAY, action=Action.FOLLOW_UP, status="Reached out"),
        row(5, "Thanks", due=TODAY, action=Action.THANK_YOU, status="Meeting scheduled"),
        row(6, "Meet", due=TODAY, action=Action.MEETING, status="Meeting scheduled"),
        row(7, "Reply", due=TODAY, action=Action.REPLY, status="Replied"),
    ), TODAY)
    assert [item.group for item in todo] == [
        TodoGroup.REPLIES, TodoGroup.MEETINGS, TodoGroup.MEETINGS, TodoGroup.FOLLOW_UPS, TodoGroup.PARKED,
        TodoGroup.CHECK_INS, TodoGroup.NEW]
    assert names(todo)[:3] == ["Reply", "Meet", "Thanks"]  # same group, same date: by name


def test_within_a_group_the_older_date_comes_first_then_plan_order_then_name():
    todo = compute_todo(outcome(
        row(1, "Ana", due=TODAY, action=Action.NEW, rank=3),
        row(2, "Bo", due=TODAY, action=Action.NEW, rank=1),
        row(3, "Cy", due=day(-3), action=Action.NEW, rank=7),  # overdue: before today's, whatever its place
        row(4, "Di", due=TODAY, action=Action.NEW, rank=None),  # no plan place: after those with one
        row(5, "Ed", due=day(-1), action=Action.FOLLOW_UP),
        row(6, "Al", due=day(-1), action=Action.FOLLOW_UP),
    ), TODAY)
    assert names(todo) == ["Al", "Ed", "Cy", "Bo", "Ana", "Di"]


def test_only_rows_due_today_or_earlier_are_listed():
    todo = compute_todo(outcome(
        row(1, "Due", due=TODAY, action=Action.NEW, rank=0),
        row(2, "Late", due=day(-30), action=Action.REPLY),
        row(3, "Tomorrow", due=day(1), action=Action.NEW, rank=1),
        row(4, "Undated", action=Action.NONE),
    ), TODAY)
    assert names(todo) == ["Late", "Due"]
    assert [item.overdue(TODAY) for item in todo] == [True, False]


def test_a_paused_row_is_off_the_to_do_whatever_date_it_holds():
    todo = compute_todo(outcome(
        row(1, "Paused Pia", due=day(-2), action=Action.NONE, status="Reached out", paused=True),
        row(2, "Active Al", due=TODAY, action=Action.FOLLOW_UP, status="Reached out"),
    ), TODAY)
    assert names(todo) == ["Active Al"]


def test_a_target_sharing_its_first_hops_date_is_folded_under_that_line_in_the_connectors_order():
    todo = compute_todo(outcome(
        row(1, "Connie", due=TODAY, action=Action.NEW, rank=0, targets=(3, 2), company="Acme"),
        row(2, "Bob Li", due=TODAY, action=Action.VIA_INTRO, first_hop=1, company="Stripe"),
        row(3, "Cy Wu", due=TODAY, action=Action.VIA_INTRO, first_hop=1, company="Figma"),
    ), TODAY)
    assert names(todo) == ["Connie"]
    assert [(t.name, t.company) for t in todo[0].also_ask_about] == [("Cy Wu", "Figma"), ("Bob Li", "Stripe")]


def test_a_first_hop_past_not_contacted_carries_its_targets_too():
    todo = compute_todo(outcome(
        row(1, "Connie", due=day(-1), action=Action.FOLLOW_UP, status="Reached out", targets=(2,)),
        row(2, "Bob", due=day(-1), action=Action.VIA_INTRO, first_hop=1),
    ), TODAY)
    assert [(item.group, item.person.name, [t.name for t in item.also_ask_about]) for item in todo] == [
        (TodoGroup.FOLLOW_UPS, "Connie", ["Bob"])]


def test_a_target_whose_date_the_user_moved_stands_on_its_own_line():
    todo = compute_todo(outcome(
        row(1, "Connie", due=TODAY, action=Action.NEW, rank=0, targets=(2,)),
        row(2, "Bob", due=day(-2), action=Action.VIA_INTRO, first_hop=1),  # the user's own date
    ), TODAY)
    assert names(todo) == ["Bob", "Connie"]
    assert todo[1].also_ask_about == ()
    assert todo[0].group is TodoGroup.NEW


def test_a_target_whose_first_hop_has_no_date_or_is_not_in_the_list_stands_alone():
    todo = compute_todo(outcome(
        row(1, "Undated hop", action=Action.NONE, targets=(2,)),
        row(2, "Bob", due=TODAY, action=Action.VIA_INTRO, first_hop=1),
        row(3, "Cy", due=TODAY, action=Action.VIA_INTRO, first_hop=99),  # a Paused first hop: not in the outcome
    ), TODAY)
    assert names(todo) == ["Bob", "Cy"]


def test_a_date_the_user_set_on_a_row_with_no_action_goes_by_its_status():
    todo = compute_todo(outcome(
        row(1, "Ping", due=TODAY, status="Replied"),
        row(2, "Nope", due=TODAY, status="Not interested"),
        row(3, "Fresh", due=TODAY, status="Not contacted"),
    ), TODAY)
    assert [(item.person.name, item.group) for item in todo] == [
        ("Ping", TodoGroup.REPLIES), ("Nope", TodoGroup.CHECK_INS), ("Fresh", TodoGroup.NEW)]


def test_rules_that_name_no_status_fall_back_on_the_rows_own_status_label():
    from tests.core.today.builders import person
    from worker.core.models import Decision, RowOutcome, WorkerFields

    waiting = RowOutcome(person(1, "Wes", status="Reached out"), WorkerFields(follow_up_on=TODAY), (), Decision())
    [item] = compute_todo(outcome(waiting), TODAY)
    assert (item.group, item.status) == (TodoGroup.FOLLOW_UPS, "Reached out")


def test_the_whole_list_is_returned_never_cut():
    rows = [row(n, f"Person {n:03d}", due=day(-(n % 7)), action=Action.NEW, rank=n) for n in range(1, 301)]
    assert len(compute_todo(outcome(*rows), TODAY)) == 300


def test_the_json_to_do_has_a_line_per_message_with_links_and_the_folded_targets():
    todo = compute_todo(outcome(
        row(1, "Connie", due=TODAY, action=Action.NEW, rank=0, targets=(2,), ask="Request introductions"),
        row(2, "Bob", due=TODAY, action=Action.VIA_INTRO, first_hop=1, company="Stripe"),
    ), TODAY)
    assert todo_json(todo) == [{
        "group": "new outreach", "name": "Connie", "company": "", "url": f"https://app.notion.com/p/{pid(1)}",
        "page_id": pid(1), "due": "2026-11-26", "action": "new outreach", "status": "Not contacted",
        "ask": "Request introductions", "next_step": "Next step for Connie", "draft": "", "mail_link": "",
        "also_ask_about": [{"name": "Bob", "company": "Stripe", "url": f"https://app.notion.com/p/{pid(2)}",
                            "page_id": pid(2)}],
    }]


ACTIONS = list(Action)


@st.composite
def lists(draw):
    """Random lists: any action, dates around today, intro targets pointing at any row."""
    size = draw(st.integers(1, 25))
    rows = []
    for n in range(size):
        action = draw(st.sampled_from(ACTIONS))
        due = draw(st.one_of(st.none(), st.integers(-5, 5).map(day)))
        hop = draw(st.integers(0, size - 1)) if action is Action.VIA_INTRO else None
        rank = draw(st.one_of(st.none(), st.integers(0, 50)))
        rows.append(row(n, f"N{draw(st.integers(0, 9))}", due=due, action=action, first_hop=hop, rank=rank))
    return outcome(*rows)


@settings(max_examples=150, deadline=None)
@given(lists())
def test_every_due_row_is_listed_exactly_once_as_a_line_or_under_its_first_hop(listed):
    todo = compute_todo(listed, TODAY)
    shown = [item.person.page_id for item in todo] + [t.page_id for item in todo for t in item.also_ask_about]
    due = [r.person.page_id for r in listed.rows if r.fields.follow_up_on and r.fields.follow_up_on <= TODAY]
    assert sorted(shown) == sorted(due)


@settings(max_examples=150, deadline=None)
@given(lists())
def test_lines_are_in_group_order_then_date_order_and_folded_targets_share_their_lines_date(listed):
    todo = compute_todo(listed, TODAY)
    order = list(TodoGroup)
    keys = [(order.index(item.group), item.due) for item in todo]
    assert keys == sorted(keys)
    dates = {r.person.page_id: r.fields.follow_up_on for r in listed.rows}
    assert all(dates[t.page_id] == item.due for item in todo for t in item.also_ask_about)


@settings(max_examples=100, deadline=None)
@given(lists())
def test_message_lines_count_each_message_once_whatever_the_day(listed):
    lines = message_lines(listed)
    dated = [r for r in listed.rows if r.fields.follow_up_on is not None]
    assert len(lines) + sum(len(line.also_ask_about) for line in lines) == len(dated)
