"""A list of 145 lived with for 30 business days through December 2026 and January 2027 (SPEC §4.4, v3).

The calendar: weekends, the United States' public holidays (from the `holidays` package) and an
office closed from Christmas Eve to New Year's Eve. The worker syncs every morning, days off
included, except on three days nobody syncs or acts; on one more day it syncs but nobody acts, and
on one the person sends only two new messages. People reply some business days after the first
unanswered message, on days off too, or never. The person types dates of their own (one on a day
off), and plan_per_day goes from 5 to 3 and then to 4. Every morning that syncs: no date the worker
wrote is a day off, no day's to-do holds more than plan_per_day new-outreach lines (overdue
included), every reply is due the day it was first read (or the next business day), a typed date
stays, and a second sync changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, timedelta

from worker.core.configuration import RuleBook
from worker.core.dates import add_business_days, business_days_from, is_business_day, next_business_day
from worker.core.models import Action, Outcome, Person
from worker.core.rules import compute_outcome
from worker.core.rules.ownership import held_by_user
from worker.core.rules.state import read_state
from worker.core.today.todo import TodoGroup, compute_todo
from worker.core.columns import USER_KEYS
from worker.settings.days_off import read_days_off

DAYS_OFF = read_days_off({"country": "US", "days_off": ["2026-12-24..2026-12-31"]}, None)
START = date(2026, 12, 7)  # a Monday
BUSINESS = business_days_from(START, 30, DAYS_OFF)
NO_SYNC = {date(2026, 12, 11), date(2027, 1, 5), date(2027, 1, 6)}  # nobody syncs or acts
IDLE = {date(2026, 12, 14)}  # a sync, but nothing is sent
SHORT = {date(2026, 12, 16): 2}  # only this many new messages sent that day
PACE = {date(2027, 1, 11): 3, date(2027, 1, 20): 4}  # plan_per_day from that morning
TARGETS = ("Stripe", "Figma")
NEW_LINES: dict[date, int] = {}  # each synced morning's new-outreach lines, for the issue note


def pid(n: int) -> str:
    return f"{n:032x}"


def starting_list() -> list[Person]:
    """30 warm contacts (some know people at the targets), 100 cold people at the targets, 10 with a
    shared interest, and 5 conversations under way: more new outreach than 30 business days hold."""
    people = []
    for n in range(1, 31):
        knows = tuple(pid(31 + (n * 7 + k) % 100) for k in range(n % 3))
        people.append(Person(page_id=pid(n), name=f"Warm {n:02d}", company=f"Co{n}", closeness="Warm",
                             last_contacted=START - timedelta(days=10 + n), knows=knows))
    for n in range(31, 131):
        people.append(Person(page_id=pid(n), name=f"Cold {n:03d}", company=TARGETS[n % 2], closeness="Cold"))
    for n in range(131, 141):
        people.append(Person(page_id=pid(n), name=f"Jazz {n}", company=f"Co{n}", shared_interests=("jazz",)))
    under_way = [("Replied", 1), ("Reached out", 3), ("Reached out", 8), ("Meeting scheduled", 2), ("Interviewing", 6)]
    for n, (status, ago) in enumerate(under_way, start=141):
        people.append(Person(page_id=pid(n), name=f"Talk {n}", company=f"Co{n}", closeness="Warm", status=status,
                             last_contacted=START - timedelta(days=ago),
                             meeting_on=date(2026, 12, 12) if status == "Meeting scheduled" else None))
    return people


def replies_after(page_id: str) -> int | None:
    """Business days until they answer (weekends aside), or None: never."""
    n = int(page_id, 16)
    return None if n % 4 == 0 else 1 + n % 3


def set_values(people: list[Person], page_id: str, **values) -> list[Person]:
    return [dataclasses.replace(p, **values) if p.page_id == page_id else p for p in people]


def type_date(people: list[Person], page_id: str, day: date) -> list[Person]:
    return [dataclasses.replace(p, current=dataclasses.replace(p.current, follow_up_on=day)) if p.page_id == page_id
            else p for p in people]


def written(outcome: Outcome) -> list[Person]:
    return [dataclasses.replace(r.person, current=r.fields) for r in outcome.rows]


def user_values(person: Person) -> tuple:
    return tuple(getattr(person, key) for key in USER_KEYS)


class Seeker:
    """What the simulated person knows: dates they typed, when a sync first saw each Replied (a reply
    answered and answered again between two syncs is one Replied to the worker), whom they wait for."""

    def __init__(self) -> None:
        self.typed: dict[str, tuple[date, tuple]] = {}
        self.reply_read: dict[str, date] = {}
        self.waiting_since: dict[str, date] = {}


def test_thirty_business_days_through_the_holidays_never_pile_up():
    people, rules, me = starting_list(), RuleBook(target_companies=TARGETS, days_off=DAYS_OFF), Seeker()
    day = START
    while day <= BUSINESS[-1]:
        if day in PACE:
            rules = rules.model_copy(update={"plan_per_day": PACE[day]})
        if day not in NO_SYNC:
            people = scripted(day, people, me)
            outcome = compute_outcome(people, rules, day)
            assert all(r.changed == () for r in compute_outcome(written(outcome), rules, day).rows), day
            check_the_morning(outcome, day, rules, me)
            people = written(outcome)
            if is_business_day(day, DAYS_OFF) and day not in IDLE:
                people = do_the_day(people, outcome, day, me)
        people = replies_come_in(people, day, me)
        day += timedelta(days=1)
    assert len([d for d in NEW_LINES if is_business_day(d, DAYS_OFF)]) == 30 - len(NO_SYNC)
    assert max(NEW_LINES.values()) == 5 and NEW_LINES[date(2027, 1, 11)] == 3 and NEW_LINES[date(2027, 1, 27)] == 4


def scripted(day: date, people: list[Person], me: Seeker) -> list[Person]:
    """Dates the person types: a new message put on Christmas Eve (a day off), a follow-up put off."""
    if day == date(2026, 12, 9):
        people = type_date(people, pid(140), date(2026, 12, 24))  # a shared-interest note, on Christmas Eve
        me.typed[pid(140)] = (date(2026, 12, 24), user_values(next(p for p in people if p.page_id == pid(140))))
    if day == date(2026, 12, 10):
        people = type_date(people, pid(143), date(2027, 1, 8))  # a follow-up put off
        me.typed[pid(143)] = (date(2027, 1, 8), user_values(next(p for p in people if p.page_id == pid(143))))
    return people


def check_the_morning(outcome: Outcome, today: date, rules: RuleBook, me: Seeker) -> None:
    rows = {r.person.page_id: r for r in outcome.rows}
    for page_id, r in rows.items():
        due, state = r.fields.follow_up_on, read_state(r.fields.worker_state)
        typed = "follow_up_on" in held_by_user(r.person, read_state(r.person.current.worker_state))
        meeting_ahead = r.decision.action is Action.MEETING and due == r.person.meeting_on
        if due is not None and not typed and not meeting_ahead:  # no date the worker wrote is a day off
            assert is_business_day(due, DAYS_OFF), (r.person.name, due, today)
        if r.person.status == "Replied" and not typed:  # a reply is due the day it was first read
            me.reply_read.setdefault(page_id, today)
            read = me.reply_read[page_id]
            assert state.replied_on == read
            assert due == next_business_day(max(read, r.person.last_contacted or read), DAYS_OFF), (r.person.name, today)
        if r.person.status != "Replied":  # a sync that sees another Status ends the reply it remembers
            me.reply_read.pop(page_id, None)
    for page_id, (day, values_then) in list(me.typed.items()):  # a typed date stays until the row's own values change
        if user_values(rows[page_id].person) != values_then:
            del me.typed[page_id]
        else:
            assert rows[page_id].fields.follow_up_on == day
    todo = compute_todo(outcome, today)
    new = [item for item in todo if item.group is TodoGroup.NEW]
    NEW_LINES[today] = len(new)
    assert len(new) <= rules.plan_per_day, (today, len(new))
    owed = {item.person.page_id for item in todo if item.group is TodoGroup.REPLIES}
    for page_id, read in me.reply_read.items():
        if rows[page_id].person.status == "Replied" and next_business_day(read, DAYS_OFF) <= today:
            assert page_id in owed, (rows[page_id].person.name, today)


def do_the_day(people: list[Person], outcome: Outcome, today: date, me: Seeker) -> list[Person]:
    """The person works through the to-do, one message a line (fewer new ones on a short day)."""
    rows = {r.person.page_id: r for r in outcome.rows}
    new_left = SHORT.get(today, len(people))
    for item in compute_todo(outcome, today):
        page_id, action = item.person.page_id, rows[item.person.page_id].decision.action
        if item.group is TodoGroup.NEW:
            if new_left == 0:
                continue
            new_left -= 1
        if action in (Action.NEW, Action.FOLLOW_UP, Action.PARKED, Action.VIA_INTRO) or item.group is TodoGroup.NEW:
            me.waiting_since.setdefault(page_id, today)
            people = set_values(people, page_id, status="Reached out", last_contacted=today)
        elif action is Action.REPLY:
            if rows[page_id].person.company in TARGETS:
                people = set_values(people, page_id, status="Meeting scheduled", last_contacted=today,
                                    meeting_on=add_business_days(today, 2, DAYS_OFF))
            else:
                me.waiting_since[page_id] = today
                people = set_values(people, page_id, status="Reached out", last_contacted=today)
        elif action is Action.THANK_YOU:
            people = set_values(people, page_id, status="Interviewing", last_contacted=today)
        elif action is Action.CHECK_IN:
            people = set_values(people, page_id, last_contacted=today)
    return people


def replies_come_in(people: list[Person], day: date, me: Seeker) -> list[Person]:
    """At the end of each day, days off included, those who answer do; the person sets Replied."""
    for p in people:
        wait, since = replies_after(p.page_id), me.waiting_since.get(p.page_id)
        if p.status == "Reached out" and wait is not None and since is not None and day >= add_business_days(since, wait):
            people = set_values(people, p.page_id, status="Replied", last_contacted=day)
            del me.waiting_since[p.page_id]
    return people


def test_the_days_off_of_the_walk_are_the_ones_worked_out_by_hand():
    assert [d for d in BUSINESS if date(2026, 12, 21) <= d <= date(2027, 1, 8)] == [
        date(2026, 12, 21), date(2026, 12, 22), date(2026, 12, 23), *(date(2027, 1, d) for d in range(4, 9))]
    assert date(2027, 1, 18) not in BUSINESS and BUSINESS[-1] == date(2027, 1, 27)
    assert Counter(d.month for d in BUSINESS) == {12: 13, 1: 17}
