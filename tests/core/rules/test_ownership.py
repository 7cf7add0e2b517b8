"""SPEC §4.5: what the worker writes and what it leaves alone; Worker state, its format and its upgrade."""

from datetime import date, timedelta

import pytest

from rules_helpers import TODAY, decision, edit, edit_worker, fields, person, pid, rerun, row, run, written
from worker.core.today.warnings import describe_warning
from worker.core.configuration import RuleBook
from worker.core.models import Action, WorkerFields
from worker.core.rules.state import read_state

RECENT = TODAY - timedelta(days=10)


def warm(n, name=None, **kw):
    return person(n, name=name or f"W{n:02d}", closeness="Warm", last_contacted=RECENT, **kw)


def test_a_second_run_with_nothing_changed_writes_nothing():
    people = [warm(1, knows=[2]), person(2, company="Stripe"), person(3, status="Reached out", closeness="Close")]
    first = run(people)
    assert all(r.changed for r in first.rows)
    assert [r.changed for r in rerun(first).rows] == [(), (), ()]


def test_a_row_whose_worker_fields_are_all_empty_and_stay_empty_is_never_written():
    out = run([person(1, company="Acme", closeness="Cold"), person(2, name="Nobody")])
    assert [r.changed for r in out.rows] == [(), ()]
    assert all(r.fields == WorkerFields() for r in out.rows)


def test_a_value_present_before_the_worker_ever_wrote_is_the_users():
    mine = WorkerFields(suggested_ask="Ask for advice", next_step="Call her on Friday")
    out = run([warm(1, current=mine)])
    f = fields(out, 1)
    assert (f.suggested_ask, f.next_step, f.why) == ("Ask for advice", "Call her on Friday", "W01 is a warm contact, and you last spoke on 16 Nov 2026.")
    assert {"suggested_ask", "next_step"}.isdisjoint(row(out, 1).changed)
    assert [r.changed for r in rerun(out).rows] == [()]


def test_a_users_edit_wins_until_one_of_the_rows_own_values_changes():
    first = run([warm(1)])
    second = run(edit_worker(written(first), 1, next_step="Lunch", suggested_ask=None))
    assert (fields(second, 1).next_step, fields(second, 1).suggested_ask) == ("Lunch", None)
    assert row(second, 1).memory_only  # only Worker state: it notes the edit
    third = rerun(second, today=date(2026, 11, 30))
    # Days later the edit stays; only the plan's date moved on (the message was never sent).
    assert fields(third, 1).next_step == "Lunch" and set(third.rows[0].changed) == {"follow_up_on", "worker_state"}
    fourth = run(edit(written(third), 1, last_contacted=date(2026, 11, 25)))
    assert fields(fourth, 1).next_step == "Ask W01 for 3 introductions to engineers or engineering managers at Stripe and Figma."
    assert fields(fourth, 1).suggested_ask == "Request introductions"


@pytest.mark.parametrize(
    "elsewhere",
    [
        {"rules": RuleBook(target_companies=("Acme",))},  # the target list
        {"rules": RuleBook(target_companies=("Stripe", "Figma"), follow_ups_max=5, half_life_days=90)},  # rule numbers
        {"extra": [warm(2, knows=[1])]},  # another row
        {"today": date(2027, 6, 1)},  # time passing
    ],
    ids=["target list", "rule numbers", "another row", "time"],
)
def test_changes_elsewhere_never_undo_a_users_edit(elsewhere):
    first = run([warm(1, company="Stripe")])
    edited = edit_worker(written(first), 1, why="mine", follow_up_on=date(2027, 1, 4), strength=99)
    kept = run(edited)
    later = rerun(kept, extra=elsewhere.get("extra", ()), rules=elsewhere.get("rules", RuleBook(target_companies=("Stripe", "Figma"))),
                  today=elsewhere.get("today", TODAY))
    f = fields(later, 1)
    assert (f.why, f.follow_up_on, f.strength) == ("mine", date(2027, 1, 4), 99)


def test_an_edit_made_together_with_a_change_of_the_rows_own_values_is_kept():
    first = run([warm(1)])
    people = edit(edit_worker(written(first), 1, next_step="Call after her move"), 1, status="Replied")
    out = run(people)
    assert fields(out, 1).next_step == "Call after her move"
    assert fields(out, 1).follow_up_on == TODAY  # the columns the user left follow the new Status: the reply read today


def test_a_user_may_clear_a_worker_column_and_it_stays_clear():
    first = run([warm(1)])
    out = rerun(run(edit_worker(written(first), 1, follow_up_on=None)), today=date(2026, 12, 3))
    assert fields(out, 1).follow_up_on is None and out.rows[0].changed == ()


def test_unreadable_worker_state_is_a_warning_naming_the_row_and_its_values_count_as_the_users():
    first = run([warm(1, name="Ana Ruiz")])
    garbled = edit_worker(written(first), 1, worker_state="I pasted this here", next_step="My plan")
    out = run(garbled)
    assert [(w.name, w.page_id) for w in out.warnings] == [("Ana Ruiz", pid(1))]
    assert "Worker state" in describe_warning(out.warnings[0])
    f = fields(out, 1)
    assert (f.next_step, f.why, f.follow_up_on) == ("My plan", fields(first, 1).why, fields(first, 1).follow_up_on)
    assert read_state(f.worker_state).written  # the worker writes a state it can read next time
    assert rerun(out).warnings == ()
    changed_own = run(edit(written(out), 1, last_contacted=date(2026, 11, 25)))
    assert fields(changed_own, 1).next_step != "My plan"  # until one of the row's own values changes


def test_a_v1_worker_state_is_read_with_its_marks_plan_date_and_the_users_edits():
    # What v1 wrote for a warm row planned on 27 Nov, whose Next step the user had edited.
    v1 = run([warm(1, name="Ana")], today=date(2026, 11, 27))
    why = fields(v1, 1).why
    old = WorkerFields(
        suggested_ask="Request introductions", why=why, next_step="my own step",
        follow_up_on=date(2026, 11, 27), strength=65,
        worker_state="w1:0123456789:" + ",".join(_v1_marks("Request introductions", why, "u", "", "", "2026-11-27", "", "65")) + ":p20261127",
    )
    out = run([warm(1, name="Ana", current=old)], today=date(2026, 11, 27))
    f = fields(out, 1)
    assert (f.next_step, f.follow_up_on, f.why) == ("my own step", date(2026, 11, 27), why)
    assert set(row(out, 1).changed) == {"worker_state"}  # the upgrade: memory only


def _v1_marks(*texts):
    import hashlib

    return ["u" if text == "u" else hashlib.blake2b(text.encode(), digest_size=3).hexdigest() for text in texts]


def test_a_memory_only_write_keeps_what_a_later_run_cannot_re_derive():
    # A cold pitch does not mention Last contacted; only the state's two-way date changes.
    first = run([person(1, name="Bo", company="Stripe", last_contacted=date(2026, 11, 2))])
    out = run(edit(written(first), 1, last_contacted=date(2026, 11, 3)))
    assert row(out, 1).memory_only and read_state(fields(out, 1).worker_state).two_way == date(2026, 11, 3)


def test_a_column_the_list_lacks_is_never_compared_or_written():
    out = run([warm(1)], absent=frozenset({"mail_link"}))
    assert "mail_link" not in row(out, 1).changed
    assert rerun(out).rows[0].changed == ()


def test_worker_state_stays_well_within_notions_text_limit():
    people = [person(1, name="Ana", closeness="Warm", status="Reached out", last_contacted=date(2026, 11, 20),
                     company="Stripe", knows=[2])]
    people += [person(2, name="Bo", company="Stripe")]
    first = run(people, today=date(2026, 11, 20))
    edited = run(edit_worker(written(first), 1, **{k: "x" for k in ("why", "next_step", "draft", "intro_path", "mail_link")}),
                 today=date(2026, 11, 21))
    assert max(len(r.fields.worker_state) for r in edited.rows) < 200


class TestPaused:
    def test_the_first_sync_that_sees_a_row_paused_clears_follow_up_on_and_stale_whoever_wrote_them(self):
        first = run([person(1, closeness="Warm", last_contacted=date(2026, 3, 1))])  # stale, planned
        assert (fields(first, 1).stale, fields(first, 1).follow_up_on) == (True, TODAY)
        people = edit_worker(written(first), 1, follow_up_on=date(2026, 12, 24))  # the user's own date
        paused = run(edit(people, 1, paused=True))
        f = fields(paused, 1)
        assert (f.follow_up_on, f.stale) == (None, False)
        assert set(row(paused, 1).changed) == {"follow_up_on", "stale", "worker_state"}
        assert (f.suggested_ask, f.why, f.strength) == (fields(first, 1).suggested_ask, fields(first, 1).why, 25)

    def test_then_a_paused_row_is_not_written_again_while_it_stays_paused(self):
        first = run([warm(1)])
        paused = run(edit(written(first), 1, paused=True))
        people = edit_worker(written(paused), 1, follow_up_on=date(2027, 1, 4))  # a date of the user's
        for later in (date(2026, 11, 27), date(2027, 5, 3)):
            again = run(edit(people, 1, last_contacted=date(2026, 11, 25)), today=later)
            assert row(again, 1).changed == () and fields(again, 1).follow_up_on == date(2027, 1, 4)

    def test_a_paused_row_with_nothing_to_clear_is_not_written_at_all(self):
        out = run([warm(1, paused=True, current=WorkerFields(why="mine"))])
        assert row(out, 1).changed == () and fields(out, 1) == WorkerFields(why="mine")

    def test_an_unpaused_row_is_computed_like_any_other(self):
        first = run([warm(1)])
        paused = run(edit(written(first), 1, paused=True))
        back = run(edit(written(paused), 1, paused=False), today=date(2026, 12, 1))
        assert fields(back, 1).follow_up_on == date(2026, 12, 1) and decision(back, 1).plan_rank == 0
        assert "z" not in fields(back, 1).worker_state.split(";")

    def test_a_paused_rows_decision_says_where_the_conversation_stands_with_no_action(self):
        out = run([warm(1, paused=True, status="Replied"), person(2, introduced_by=[1])])
        d = decision(out, 1)
        assert (d.action, d.status, d.in_network, d.two_way_date, d.intros_made) == (Action.NONE, "Replied", True, RECENT, 1)
