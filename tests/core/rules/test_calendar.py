"""SPEC §4.4 (v3), sentence by sentence, worked out by hand: replies due the day they come, days off,
and the plan as a queue that never piles up.

The calendar of late 2026, as the `holidays` package gives the United States (country = "US"):
Wed 11 Nov Veterans Day, Thu 26 Nov Thanksgiving, Fri 25 Dec Christmas Day, Fri 1 Jan 2027 New
Year's Day, Mon 18 Jan 2027 Martin Luther King Jr. Day. OFFICE adds the range the user typed,
"2026-12-24..2027-01-01" (an office closed from Christmas Eve to New Year's Day).
"""

from __future__ import annotations

from datetime import date

import pytest

from rules_helpers import edit, edit_worker, fields, person, row, run, written
from worker.core.configuration import RuleBook
from worker.core.dates import add_business_days, business_days_from, is_business_day, next_business_day
from worker.core.models import Action, WorkerFields
from worker.core.rules.state import read_state
from worker.settings.days_off import read_days_off

US = read_days_off({"country": "US"}, None)
OFFICE = read_days_off({"country": "US", "days_off": ["2026-12-24..2027-01-01"]}, None)
D = lambda month, day, year=2026: date(year, month, day)  # noqa: E731


def rules(days_off=frozenset(), **numbers) -> RuleBook:
    return RuleBook(target_companies=("Stripe", "Figma"), days_off=days_off, **numbers)


def test_the_holidays_package_gives_the_us_holidays_of_late_2026():
    late = sorted(day for day in US if D(11, 1) <= day <= D(1, 31, 2027))
    assert late == [D(11, 11), D(11, 26), D(12, 25), D(1, 1, 2027), D(1, 18, 2027)]
    assert D(12, 24) in OFFICE and D(1, 1, 2027) in OFFICE and D(1, 4, 2027) not in OFFICE


# "Business days skip weekends, the dates and ranges listed … and that country's public holidays."
@pytest.mark.parametrize("start, n, days_off, expected", [
    (D(11, 25), 1, frozenset(), D(11, 26)),  # weekends only: Thanksgiving is a business day
    (D(11, 25), 1, US, D(11, 27)),  # Wed → Fri: Thanksgiving skipped
    (D(11, 24), 5, US, D(12, 2)),  # Tue: 25, 27, 30 Nov, 1, 2 Dec
    (D(12, 21), 5, US, D(12, 29)),  # Mon: 22, 23, 24, 28, 29 (25 Dec off)
    (D(12, 21), 5, OFFICE, D(1, 6, 2027)),  # Mon: 22, 23, then 4, 5, 6 Jan
    (D(12, 26), 1, OFFICE, D(1, 4, 2027)),  # from a day off: the first business day strictly after
    (D(1, 15, 2027), 1, US, D(1, 19, 2027)),  # Fri → Tue: MLK Day skipped
    (D(12, 23), 10, OFFICE, D(1, 15, 2027)),  # 4 to 8 and 11 to 15 Jan
])
def test_n_business_days_skip_weekends_and_days_off(start, n, days_off, expected):
    assert add_business_days(start, n, days_off) == expected


@pytest.mark.parametrize("day, days_off, expected", [
    (D(11, 26), US, D(11, 27)), (D(11, 27), US, D(11, 27)), (D(12, 25), US, D(12, 28)),
    (D(12, 24), OFFICE, D(1, 4, 2027)), (D(1, 16, 2027), US, D(1, 19, 2027)),
])
def test_a_date_on_a_day_off_moves_forward_to_the_next_business_day(day, days_off, expected):
    assert next_business_day(day, days_off) == expected and is_business_day(expected, days_off)


# "Reached out → the last message + 5 business days"; "Interviewing or Referred → + 10";
# "Meeting scheduled … with a past Meeting on, Meeting on + 1 business day; without Meeting on,
# Last contacted + 1 business day"; "a Meeting on a Saturday is followed up on that Saturday".
@pytest.mark.parametrize("status, last, meeting, today, days_off, action, expected", [
    ("Reached out", D(12, 21), None, D(12, 21), US, Action.FOLLOW_UP, D(12, 29)),
    ("Reached out", D(12, 21), None, D(12, 21), OFFICE, Action.FOLLOW_UP, D(1, 6, 2027)),
    ("Reached out", D(11, 19), None, D(11, 19), US, Action.FOLLOW_UP, D(11, 27)),  # 20, 23, 24, 25, 27
    ("Interviewing", D(12, 16), None, D(12, 16), OFFICE, Action.CHECK_IN, D(1, 8, 2027)),  # 17 to 23 Dec, 4 to 8 Jan
    ("Meeting scheduled", D(12, 10), D(12, 24), D(12, 30), US, Action.THANK_YOU, D(12, 28)),  # 25 Dec off
    ("Meeting scheduled", D(12, 10), D(12, 23), D(12, 30), OFFICE, Action.THANK_YOU, D(1, 4, 2027)),
    ("Meeting scheduled", D(12, 24), None, D(12, 24), US, Action.THANK_YOU, D(12, 28)),  # "after the meeting"
    ("Meeting scheduled", D(12, 10), D(12, 26), D(12, 22), OFFICE, Action.MEETING, D(12, 26)),  # typed: a Saturday
])
def test_status_dates_count_business_days_and_a_meeting_ahead_keeps_its_typed_day(
        status, last, meeting, today, days_off, action, expected):
    out = run([person(1, closeness="Warm", status=status, last_contacted=last, meeting_on=meeting)],
              rules=rules(days_off), today=today)
    assert (row(out, 1).decision.action, fields(out, 1).follow_up_on) == (action, expected)


def test_an_interviewing_date_counted_from_today_skips_the_days_off():
    out = run([person(1, closeness="Warm", status="Interviewing")], rules=rules(OFFICE), today=D(12, 21))
    # 22 Dec (1), 23 Dec (2), 4 Jan (3), 5 (4), 6 (5), 7 (6), 8 (7), 11 (8), 12 (9), 13 (10)
    assert fields(out, 1).follow_up_on == D(1, 13, 2027)


# "Replied → the later of Last contacted and the day the worker first read Replied on the row (due
# that day, overdue after; a reply read on a day off is due the next business day)."
@pytest.mark.parametrize("last, remembered, today, days_off, expected", [
    (D(12, 1), None, D(12, 1), frozenset(), D(12, 1)),  # read the day it came: due that day
    (D(11, 30), None, D(12, 3), frozenset(), D(12, 3)),  # first read Thursday: owed from Thursday
    (D(12, 3), "20261201", D(12, 4), frozenset(), D(12, 3)),  # Last contacted later than the first read
    (D(11, 25), "20261201", D(12, 7), frozenset(), D(12, 1)),  # remembered: overdue since Tue 1 Dec
    (None, None, D(12, 3), frozenset(), D(12, 3)),  # no Last contacted: the day it was read
    (D(12, 24), None, D(12, 25), US, D(12, 28)),  # read on Christmas Day: due Monday
    (D(12, 24), None, D(12, 26), OFFICE, D(1, 4, 2027)),  # read on a Saturday of the office's days off
    (D(11, 25), None, D(11, 26), US, D(11, 27)),  # read on Thanksgiving: due Friday
])
def test_a_reply_is_due_the_day_it_came(last, remembered, today, days_off, expected):
    memory = WorkerFields(worker_state=f"w2;r={remembered}" if remembered else "")
    out = run([person(1, closeness="Warm", status="Replied", last_contacted=last, current=memory)],
              rules=rules(days_off), today=today)
    assert (row(out, 1).decision.action, fields(out, 1).follow_up_on) == (Action.REPLY, expected)


def test_the_day_replied_was_first_read_is_remembered_while_it_stays_replied_and_forgotten_after():
    first = run([person(1, closeness="Warm", status="Replied", last_contacted=D(11, 30))], today=D(12, 2))
    assert read_state(fields(first, 1).worker_state).replied_on == D(12, 2)
    later = run(written(first), today=D(12, 7))
    assert fields(later, 1).follow_up_on == D(12, 2) and row(later, 1).changed == ()  # overdue, not moved
    answered = run(edit(written(later), 1, status="Reached out", last_contacted=D(12, 7)), today=D(12, 7))
    assert read_state(fields(answered, 1).worker_state).replied_on is None
    again = run(edit(written(answered), 1, status="Replied"), today=D(12, 9))
    assert fields(again, 1).follow_up_on == D(12, 9)  # their second reply, read Wednesday


# "Nothing is made due on a day off: a date the worker computes that falls on one moves forward."
def test_a_park_date_on_a_day_off_moves_to_the_first_business_day_back():
    two_sent = WorkerFields(worker_state="w2;t=20260801;g=2,20260918,20260925")  # 18 and 25 Sep, no reply
    third = person(1, name="Ana", closeness="Warm", status="Reached out", last_contacted=D(10, 2), current=two_sent)
    out = run([third], rules=rules(OFFICE), today=D(10, 2))
    # 2 Oct + 90 days = Thu 31 Dec 2026, inside the office's days off: Monday 4 Jan 2027.
    assert (row(out, 1).decision.action, fields(out, 1).follow_up_on) == (Action.PARKED, D(1, 4, 2027))
    assert "try once more after 4 Jan 2027" in fields(out, 1).next_step


def test_dates_the_user_typed_stay_as_typed_even_on_a_day_off():
    first = run([person(1, closeness="Warm", status="Reached out", last_contacted=D(12, 14))], rules=rules(US),
                today=D(12, 14))
    mine = run(edit_worker(written(first), 1, follow_up_on=D(12, 25)), rules=rules(US), today=D(12, 15))
    assert fields(mine, 1).follow_up_on == D(12, 25)


# The plan: "at most 5 places per business day over the next 10 business days, starting today";
# with days off, its days are business days.
def test_the_plan_places_no_one_on_a_day_off():
    people = [person(n, closeness="Warm", last_contacted=D(11, 1)) for n in range(1, 13)]
    out = run(people, rules=rules(US), today=D(11, 25))
    dates = sorted(fields(out, n).follow_up_on for n in range(1, 13))
    assert dates == [D(11, 25)] * 5 + [D(11, 27)] * 5 + [D(11, 30)] * 2  # Thanksgiving skipped


def test_a_plan_made_on_a_day_off_starts_on_the_first_business_day_back():
    people = [person(n, closeness="Warm", last_contacted=D(11, 1)) for n in range(1, 8)]
    out = run(people, rules=rules(OFFICE), today=D(12, 24))
    assert sorted(fields(out, n).follow_up_on for n in range(1, 8)) == [D(1, 4, 2027)] * 5 + [D(1, 5, 2027)] * 2


def test_after_days_off_longer_than_the_plans_window_the_queue_starts_on_the_first_business_day_back():
    long_break = read_days_off({"days_off": ["2026-12-21..2027-01-08"]}, None)  # three weeks off
    book = rules(long_break, plan_business_days=3)
    before = run([person(n, closeness="Warm", last_contacted=D(11, 1)) for n in range(1, 13)], rules=book, today=D(12, 17))
    given = sorted(fields(before, n).follow_up_on for n in range(1, 13))
    assert given == [D(12, 17)] * 5 + [D(12, 18)] * 5 + [D(1, 11, 2027)] * 2  # the window: 17, 18 Dec, 11 Jan
    back = run(written(before), rules=book, today=D(12, 28))  # nothing was sent; a sync on a day off
    after = sorted(fields(back, n).follow_up_on for n in range(1, 13))
    assert after == [D(1, 11, 2027)] * 5 + [D(1, 12, 2027)] * 5 + [D(1, 13, 2027)] * 2


# "New outreach never piles up": the queue, laid out from today at plan_per_day a business day.
def test_a_skipped_friday_makes_mondays_list_no_longer():
    people = [person(n, closeness="Warm", last_contacted=D(11, 1)) for n in range(1, 16)]
    thursday = run(people, rules=rules(), today=D(12, 3))
    sent = written(thursday)
    for n in range(1, 16):
        if fields(thursday, n).follow_up_on == D(12, 3):
            sent = edit(sent, n, status="Reached out", last_contacted=D(12, 3))
    monday = run(sent, rules=rules(), today=D(12, 7))  # no sync and nothing sent on Friday
    new = [n for n in range(1, 16) if row(monday, n).decision.action == Action.NEW]
    assert sorted(fields(monday, n).follow_up_on for n in new) == [D(12, 7)] * 5 + [D(12, 8)] * 5


def test_the_days_of_the_plan_window_are_business_days():
    assert business_days_from(D(12, 23), 4, OFFICE) == [D(12, 23), D(1, 4, 2027), D(1, 5, 2027), D(1, 6, 2027)]
