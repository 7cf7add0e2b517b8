"""SPEC §4.4: the plan of new outreach, its tiers and kept dates, and one message, one to-do."""

from collections import Counter
from datetime import date, timedelta

from rules_helpers import TODAY, decision, edit, edit_worker, fields, person, pid, rerun, row, run, written
from worker.core.configuration import RuleBook
from worker.core.models import Action

RECENT = TODAY - timedelta(days=10)
STALE = TODAY - timedelta(days=200)
THU, FRI, MON, TUE, WED = date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)


def warm(n, name=None, **kw):
    return person(n, name=name or f"W{n:02d}", closeness="Warm", last_contacted=RECENT, **kw)


def test_the_plan_gives_at_most_plan_per_day_places_per_business_day_and_none_past_the_window():
    rules = RuleBook(plan_per_day=5, plan_business_days=2)
    out = run([warm(n) for n in range(1, 13)], rules=rules)
    assert [fields(out, n).follow_up_on for n in range(1, 13)] == [THU] * 5 + [FRI] * 5 + [None, None]
    assert [decision(out, n).plan_rank for n in range(1, 13)] == list(range(12))  # a place in the order all the same


def test_a_plan_made_on_a_weekend_starts_on_monday():
    assert fields(run([warm(1)], today=date(2026, 11, 28)), 1).follow_up_on == MON


def test_the_plan_goes_tier_by_tier():
    people = [
        person(1, name="Shared", shared_interests=("jazz",)),
        person(2, name="Cold pitch", company="Figma"),
        person(3, name="Advice", closeness="Warm", last_contacted=STALE),
        person(4, name="Advice, reach 1", closeness="Warm", last_contacted=STALE, knows=[10]),
        warm(5, name="Intros, reach 0"),
        warm(6, name="Intros, reach 1", knows=[11]),
        warm(7, name="Intros, reach 2", knows=[12, 13]),
        warm(8, name="Warm pitch", company="Stripe"),
        person(10, name="T10", company="Stripe"), person(11, name="T11", company="Stripe"),
        person(12, name="T12", company="Stripe"), person(13, name="T13", company="Figma"),
    ]
    out = run(people, rules=RuleBook(target_companies=("Stripe", "Figma"), plan_per_day=1))
    order = sorted(range(1, 9), key=lambda n: decision(out, n).plan_rank)
    assert order == [8, 7, 6, 5, 4, 3, 2, 1]
    assert [fields(out, n).follow_up_on for n in order] == [
        THU, FRI, MON, TUE, WED, date(2026, 12, 3), date(2026, 12, 4), date(2026, 12, 7)
    ]


def test_a_target_reached_through_an_intro_takes_no_place_and_shares_its_first_hops_date():
    people = [warm(1, name="Connie", knows=list(range(10, 16)))]
    people += [person(n, name=f"T{n}", company="Stripe") for n in range(10, 16)]
    people += [warm(n) for n in range(2, 7)]
    out = run(people, rules=RuleBook(target_companies=("Stripe",), plan_per_day=2))
    connie = fields(out, 1).follow_up_on
    assert connie == THU  # reach 6: first in its tier
    for n in range(10, 16):
        assert (decision(out, n).action, decision(out, n).first_hop, decision(out, n).plan_rank) == (Action.VIA_INTRO, pid(1), None)
        assert fields(out, n).follow_up_on == connie
    assert Counter(fields(out, n).follow_up_on for n in range(1, 7)) == {THU: 2, FRI: 2, MON: 2}


def test_a_first_hop_past_not_contacted_carries_the_intro_request_and_its_targets_share_its_date():
    people = [
        person(1, name="Ana", closeness="Warm", status="Replied", last_contacted=date(2026, 11, 24), knows=[9]),
        person(9, name="Bo", company="Stripe"),
    ]
    out = run(people)
    assert fields(out, 1).follow_up_on == fields(out, 9).follow_up_on == THU  # Tue 24 Nov + 2
    assert fields(out, 1).next_step == "Reply to Ana and ask for 3 introductions, starting with Bo at Stripe."
    assert fields(out, 9).next_step.startswith("Ask Ana to introduce you to Bo at Stripe (see Ana's row)")


def test_a_target_shares_the_date_the_user_set_on_the_first_hops_row():
    first = run([warm(1, name="Ana", knows=[9]), person(9, name="Bo", company="Stripe")])
    snoozed = edit_worker(written(first), 1, follow_up_on=date(2026, 12, 10))
    out = run(snoozed)
    assert fields(out, 1).follow_up_on == fields(out, 9).follow_up_on == date(2026, 12, 10)


def test_within_a_tier_the_plan_goes_by_strength_then_name_then_page_id():
    people = [
        warm(1, name="Zed"), warm(2, name="Amy"),
        person(3, name="Mo", closeness="Close", last_contacted=RECENT),
        warm(5, name="Amy"),
        person(6, name="Empty", closeness="Close"),  # no Strength: last
    ]
    out = run(people, rules=RuleBook(plan_per_day=1))
    assert [fields(out, n).follow_up_on for n in (3, 2, 5, 1, 6)] == [THU, FRI, MON, TUE, WED]


def sent(outcome, *numbers, on=TODAY):
    """The list after the person sent the messages of rows `numbers` on `on` (Reached out, Last contacted)."""
    people = written(outcome)
    for n in numbers:
        people = edit(people, n, status="Reached out", last_contacted=on)
    return people


def test_while_every_days_messages_are_sent_no_date_moves_and_new_rows_fill_free_places():
    first = run([warm(n) for n in range(1, 8)])
    assert [fields(first, n).follow_up_on for n in range(1, 8)] == [THU] * 5 + [FRI] * 2
    second = run(sent(first, 1, 2, 3, 4, 5) + [warm(8, name="A newcomer")], today=FRI)
    assert [fields(second, n).follow_up_on for n in (6, 7)] == [FRI] * 2
    assert fields(second, 8).follow_up_on == FRI
    assert [row(second, n).changed for n in (6, 7)] == [(), ()]


def test_sending_a_days_messages_never_pulls_the_next_days_forward_the_same_day():
    first = run([warm(n) for n in range(1, 13)])  # 5 on Thursday, 5 on Friday, 2 on Monday
    later_that_day = run(sent(first, 1, 2, 3), today=THU)
    assert [fields(later_that_day, n).follow_up_on for n in range(4, 13)] == [THU] * 2 + [FRI] * 5 + [MON] * 2
    done = run(sent(later_that_day, 4, 5), today=THU)
    assert [fields(done, n).follow_up_on for n in range(6, 13)] == [FRI] * 5 + [MON] * 2
    assert all(row(done, n).changed == () for n in range(6, 13))


def test_a_skipped_day_moves_the_queue_on_instead_of_piling_up():
    first = run([warm(n) for n in range(1, 7)])  # 5 on Thursday, 1 on Friday; nothing is sent
    second = rerun(first, extra=[warm(n, name=f"New {n}") for n in range(10, 15)], today=FRI)
    assert [fields(second, n).follow_up_on for n in range(1, 7)] == [FRI] * 5 + [MON]
    assert Counter(fields(second, n).follow_up_on for n in range(10, 15)) == {MON: 4, TUE: 1}


def test_a_changed_plan_per_day_re_spaces_the_queue():
    first = run([warm(n) for n in range(1, 11)])  # 5 on Thursday, 5 on Friday
    slower = rerun(first, rules=RuleBook(plan_per_day=3))
    assert [fields(slower, n).follow_up_on for n in range(1, 11)] == [THU] * 3 + [FRI] * 3 + [MON] * 3 + [TUE]
    faster = rerun(slower, rules=RuleBook(plan_per_day=4))
    assert [fields(faster, n).follow_up_on for n in range(1, 11)] == [THU] * 4 + [FRI] * 4 + [MON] * 2


def test_the_queue_goes_by_the_date_each_row_was_given_then_plan_order():
    first = run([warm(n, name=f"W{n}") for n in range(1, 7)], rules=RuleBook(plan_per_day=3))  # W1-3 Thu, W4-6 Fri
    stronger = edit(written(first), 6, closeness="Close", last_contacted=TODAY)  # now first in plan order
    out = run(stronger, rules=RuleBook(plan_per_day=3), today=FRI)
    assert decision(out, 6).plan_rank == 0
    assert [fields(out, n).follow_up_on for n in (1, 2, 3, 6, 4, 5)] == [FRI] * 3 + [MON] * 3


def test_a_planned_date_stays_while_the_row_keeps_its_place_whatever_changes():
    first = run([warm(n) for n in range(1, 8)])
    assert fields(first, 6).follow_up_on == FRI
    people = edit(sent(first, 1, 2, 3, 4, 5), 6, last_contacted=TODAY, shared_interests=("jazz",))  # its own values
    people = edit(people, 7, closeness="Close")  # another row
    later = run(people, rules=RuleBook(target_companies=("Acme",)), today=FRI)
    assert fields(later, 6).follow_up_on == FRI
    stale = run(sent(first, 1, 2, 3, 4, 5), today=date(2027, 3, 1))  # 16 Nov + 105 days: stale, now Ask for advice
    assert (fields(stale, 6).suggested_ask, fields(stale, 6).follow_up_on) == ("Ask for advice", date(2027, 3, 1))


def test_a_row_that_leaves_the_plan_frees_its_place_and_gets_a_new_one_when_it_returns():
    first = run([warm(n) for n in range(1, 7)])
    left = run(edit(written(first), 1, status="Interviewing"), today=FRI)
    assert decision(left, 1).action == Action.CHECK_IN
    back = run(edit(written(left), 1, status="Not contacted"), today=MON)
    # Rows 2 to 5 were never sent: with 6 they fill Monday; row 1 is new to the plan again.
    assert [fields(back, n).follow_up_on for n in range(1, 7)] == [TUE] + [MON] * 5


def test_a_date_the_user_set_on_a_planned_row_counts_on_its_day():
    first = run([warm(n) for n in range(1, 3)])
    moved = edit_worker(written(first), 1, follow_up_on=FRI)
    out = run(moved + [warm(n) for n in range(3, 9)], rules=RuleBook(plan_per_day=3))
    assert fields(out, 1).follow_up_on == FRI
    planned = Counter(fields(out, n).follow_up_on for n in range(2, 9))
    assert planned[FRI] == 2  # one of Friday's three places is the user's own


def test_paused_rows_hold_no_place_and_an_empty_status_counts_as_not_contacted():
    out = run([warm(1, paused=True), warm(2, status=""), warm(3, status="Not contacted")], rules=RuleBook(plan_per_day=1))
    assert fields(out, 1).follow_up_on is None
    assert (fields(out, 2).follow_up_on, fields(out, 3).follow_up_on) == (THU, FRI)


def test_a_not_contacted_row_with_no_ask_has_no_date_and_no_place():
    out = run([person(1, company="Acme", closeness="Cold", last_contacted=RECENT)])
    f = fields(out, 1)
    assert (f.suggested_ask, f.why, f.next_step, f.intro_path, f.intro_via, f.follow_up_on) == (None, "", "", "", (), None)
    assert (f.strength, f.stale, decision(out, 1).action, decision(out, 1).plan_rank) == (0, False, Action.NONE, None)


def test_plan_numbers_come_from_the_config():
    rules = RuleBook(plan_per_day=2, plan_business_days=3)
    out = run([warm(n) for n in range(1, 9)], rules=rules)
    assert [fields(out, n).follow_up_on for n in range(1, 9)] == [THU, THU, FRI, FRI, MON, MON, None, None]


def test_a_place_a_row_frees_goes_to_a_row_new_to_the_plan_and_nothing_else_moves():
    first = run([warm(n) for n in range(1, 13)])  # 5 Thursday, 5 Friday, 2 Monday
    paused = edit(written(first), 3, paused=True)
    out = run(paused + [warm(20, name="A newcomer")])
    assert fields(out, 20).follow_up_on == THU  # the first free place: the one W03 left
    assert all(row(out, n).changed == () for n in range(1, 13) if n != 3)


def test_a_row_whose_date_was_never_written_gets_the_same_place_again():
    first = run([warm(n) for n in range(1, 13)])
    lost = [p if p.page_id != pid(4) else person(4, name="W04", closeness="Warm", last_contacted=RECENT)
            for p in written(first)]  # its write failed: no date, no memory
    again = run(lost)
    assert [fields(again, n).follow_up_on for n in range(1, 13)] == [fields(first, n).follow_up_on for n in range(1, 13)]
