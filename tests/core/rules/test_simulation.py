"""A 40-row list lived with for 25 business days (SPEC §4, all of it, over time).

Each morning the worker runs; the person does the day's to-do as the list says (sends new messages,
follows up, answers replies, meets people, thanks them); people reply after a few days or never;
and on scripted days the person pauses rows, adds a target company, changes a rule number and edits
the worker's columns. Every day: no edit of the person's is lost unless that row's own values
changed since; no day gets more than five new messages; nobody is chased past three unanswered
messages; every row that is due appears once on the day's to-do, one line per message; and a
second run the same morning changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, timedelta

from worker.core.configuration import RuleBook
from worker.core.models import Action, Outcome, Person
from worker.core.rules import compute_outcome
from worker.core.dates import add_business_days, business_days_from
from worker.core.rules.ownership import held_by_user
from worker.core.rules.state import read_state
from worker.core.columns import USER_KEYS

START = date(2026, 11, 30)  # a Monday
DAYS = business_days_from(START, 25)
RULES = RuleBook(target_companies=("Stripe", "Figma"))
GHOST = None  # a person who never replies

# (name, company, closeness, days since last contact (None: never), status, knows, interests, replies after N business days)
PEOPLE = [
    ("Ana Costa", "Shopify", "Close", 20, "", ["Bo Li", "Cy Park", "Dee Shah"], [], 2),
    ("Ben Ode", "Google", "Warm", 40, "", ["Eli Tan", "Fay Wu"], [], 3),
    ("Cara Diaz", "Vercel", "Warm", 300, "", ["Gus Hale"], [], 4),  # stale: asked for advice first
    ("Dan Roe", "Canva", "Close", 10, "", ["Hal Kim", "Ivy Lu", "Jo Bell"], [], GHOST),
    ("Eva Moss", "Airbnb", "Acquaintance", 20, "", ["Kit Ray"], [], 1),
    ("Finn Cole", "Atlassian", "Warm", 15, "", ["Lu Chen"], ["rust"], 2),
    ("Bo Li", "Stripe", "Cold", None, "", [], [], 2),
    ("Cy Park", "Stripe", "Cold", None, "", [], [], GHOST),
    ("Dee Shah", "Figma", "Cold", None, "", [], [], 3),
    ("Eli Tan", "Figma", "Cold", None, "", [], [], 1),
    ("Fay Wu", "Stripe", "Cold", None, "", [], [], GHOST),
    ("Gus Hale", "Figma", "Cold", None, "", [], [], 2),
    ("Hal Kim", "Stripe", "Cold", None, "", [], [], 2),
    ("Ivy Lu", "Figma", "Cold", None, "", [], [], GHOST),
    ("Jo Bell", "Stripe", "Cold", None, "", [], [], 4),
    ("Kit Ray", "Figma", "Cold", None, "", [], [], 1),
    ("Lu Chen", "Linear", "Cold", None, "", [], ["rust"], 2),  # Linear becomes a target on day 8
    ("Mo Vance", "Linear", "Cold", None, "", [], [], GHOST),
    ("Nia Ford", "Linear", "Warm", 30, "", [], [], 2),
    ("Oli Grant", "Stripe", "Cold", None, "", [], [], GHOST),  # a cold pitch
    ("Pia Sun", "Figma", "Cold", None, "", [], [], 3),
    ("Quin Hart", "Stripe", "Warm", 25, "", [], [], 2),  # a warm pitch
    ("Rae Lowe", "Figma", "Acquaintance", 10, "", [], [], GHOST),
    ("Sam West", "Notion", "Warm", 60, "", [], [], 3),
    ("Tia Byrne", "Datadog", "Close", 5, "", [], [], 1),
    ("Uma Nash", "Slack", "Warm", 200, "", [], [], 2),  # stale
    ("Vic Dale", "Zoom", "Acquaintance", 100, "", [], [], GHOST),  # stale
    ("Wes Pike", "Postman", "Cold", 400, "", [], ["jazz"], 2),
    ("Xia Moon", "Retool", "Cold", None, "", [], ["rust"], GHOST),
    ("Yan Frost", "Brex", "Cold", None, "", [], [], GHOST),  # nothing to ask
    ("Zed Quill", "Segment", "Cold", None, "", [], [], GHOST),  # nothing to ask
    ("Abe Hunt", "GitLab", "Warm", 3, "Replied", [], [], 2),
    ("Bea Vale", "Plaid", "Close", 6, "Reached out", [], [], GHOST),
    ("Cal Snow", "Stripe", "Warm", 9, "Reached out", [], [], 2),
    ("Deb Yu", "Figma", "Warm", 4, "Interviewing", [], [], 2),
    ("Ed Lamb", "Asana", "Close", 12, "Meeting scheduled", [], [], 2),
    ("Flo Reid", "Twilio", "Warm", 8, "Not interested", [], [], GHOST),
    ("Gil Marsh", "Miro", "Acquaintance", 15, "", [], ["jazz"], 2),
    ("Hana Cruz", "Ramp", "Close", 30, "", [], [], 2),
    ("Ike Penn", "Stripe", "Cold", None, "", [], [], 2),
]
NAME = {n: row[0] for n, row in enumerate(PEOPLE, start=1)}
ID = {name: f"{n:032x}" for n, name in NAME.items()}
REPLIES_AFTER = {ID[row[0]]: row[7] for row in PEOPLE}


def starting_list() -> list[Person]:
    people = []
    for name, company, closeness, ago, status, knows, interests, _ in PEOPLE:
        people.append(Person(
            page_id=ID[name], name=name, company=company, closeness=closeness, status=status,
            last_contacted=None if ago is None else START - timedelta(days=ago),
            knows=tuple(ID[other] for other in knows), shared_interests=tuple(interests),
            meeting_on=add_business_days(START, 4) if status == "Meeting scheduled" else None,
        ))
    return people


def user_values(person: Person) -> tuple:
    return tuple(getattr(person, key) for key in USER_KEYS)


def to_do(outcome: Outcome, today: date) -> list[tuple[str, list[str]]]:
    """The day's to-do, one line per message: (row, rows folded under it). Issue 10 ranks the real one."""
    due = {
        r.person.page_id: r for r in outcome.rows
        if not r.person.paused and r.decision.action != Action.NONE
        and r.fields.follow_up_on is not None and r.fields.follow_up_on <= today
    }
    folded: dict[str, list[str]] = {}
    lines = []
    for pid, r in due.items():
        hop = r.decision.first_hop
        if r.decision.action == Action.VIA_INTRO and hop in due and due[hop].fields.follow_up_on == r.fields.follow_up_on:
            folded.setdefault(hop, []).append(pid)
    for pid in due:
        if not any(pid in under for under in folded.values()):
            lines.append((pid, folded.get(pid, [])))
    return lines


class Person_:
    """What the simulated person knows: the edits they made, the messages nobody answered."""

    def __init__(self) -> None:
        self.edits: dict[tuple[str, str], tuple[object, tuple]] = {}  # (row, column) → (value, row's values then)
        self.kept_days = 0  # mornings an edit was found where the person left it
        self.released = 0  # edits the worker took back after the row's own values changed
        self.unanswered: Counter[str] = Counter()
        self.first_unanswered: dict[str, date] = {}


def edit_worker(people: list[Person], me: Person_, name: str, **values) -> list[Person]:
    out = []
    for p in people:
        if p.page_id == ID[name]:
            p = dataclasses.replace(p, current=dataclasses.replace(p.current, **values))
            for key, value in values.items():
                me.edits[(p.page_id, key)] = (value, user_values(p))
        out.append(p)
    return out


def set_values(people: list[Person], pid: str, **values) -> list[Person]:
    return [dataclasses.replace(p, **values) if p.page_id == pid else p for p in people]


def test_forty_people_over_twenty_five_business_days():
    people, rules, me = starting_list(), RULES, Person_()
    for p in people:
        if p.status == "Reached out":  # they were written to once already, before the walk
            me.unanswered[p.page_id] = 1
            me.first_unanswered[p.page_id] = p.last_contacted
    seen_actions: Counter[Action] = Counter()
    for index, today in enumerate(DAYS):
        people, rules = scripted(index, people, rules, me)
        outcome = compute_outcome(people, rules, today)
        assert all(r.changed == () for r in compute_outcome(_written(outcome), rules, today).rows), today
        check_the_morning(outcome, today, rules, me)
        seen_actions.update(r.decision.action for r in outcome.rows)
        people = do_the_day(_written(outcome), outcome, today, me)
        people = replies_come_in(people, today, me)
    # The walk went through every kind of step (the thank-you a connector owes and In touch are
    # walked in test_growth_simulation.py), and kept and released edits.
    assert set(seen_actions) == set(Action) - {Action.THANK_CONNECTOR, Action.IN_TOUCH}
    assert me.kept_days > 60 and me.released >= 3


def _written(outcome: Outcome) -> list[Person]:
    return [dataclasses.replace(r.person, current=r.fields) for r in outcome.rows]


def scripted(index: int, people: list[Person], rules: RuleBook, me: Person_) -> tuple[list[Person], RuleBook]:
    """The days something happens besides the to-do."""
    if index == 1:  # notes of one's own on rows the to-do will not touch for weeks
        people = edit_worker(people, me, "Flo Reid", why="She said to ask again in spring")
        people = edit_worker(people, me, "Yan Frost", next_step="Met at KubeCon; send the talk", strength=50)
        people = edit_worker(people, me, "Vic Dale", suggested_ask="Connect over shared interest")
    if index == 2:  # a note of one's own on a new outreach, and a meeting booked ahead
        people = edit_worker(people, me, "Sam West", next_step="Ask Sam about the platform team at the meetup")
        people = set_values(people, ID["Hana Cruz"], status="Meeting scheduled", meeting_on=add_business_days(DAYS[2], 3),
                            last_contacted=DAYS[1])
    if index == 3:  # a follow-up put off
        people = edit_worker(people, me, "Bea Vale", follow_up_on=DAYS[12])
    if index == 5:  # two people off the list for now
        people = set_values(people, ID["Uma Nash"], paused=True)
        people = set_values(people, ID["Finn Cole"], paused=True)
    if index == 8:  # a new target company
        rules = rules.model_copy(update={"target_companies": ("Stripe", "Figma", "Linear, Inc.")})
    if index == 11:  # a rule number changed
        rules = rules.model_copy(update={"plan_per_day": 4})
    if index == 6:
        people = edit_worker(people, me, "Deb Yu", follow_up_on=DAYS[20])
    if index == 13:
        people = set_values(people, ID["Finn Cole"], paused=False)
        people = edit_worker(people, me, "Tia Byrne", why="Tia moved teams in October")
    if index == 18:  # the person changes Tia's row: the worker's words may come back
        people = set_values(people, ID["Tia Byrne"], role="Engineering Manager")
    return people, rules


def check_the_morning(outcome: Outcome, today: date, rules: RuleBook, me: Person_) -> None:
    rows = {r.person.page_id: r for r in outcome.rows}
    # No edit of the person's is lost unless that row's own values changed since.
    for (pid, key), (value, values_then) in list(me.edits.items()):
        if user_values(rows[pid].person) != values_then:
            del me.edits[(pid, key)]
            me.released += 1
        else:
            assert getattr(rows[pid].fields, key) == value, (NAME[int(pid, 16)], key)
            me.kept_days += 1
    # No day gets more than five new messages from the plan.
    planned = Counter(
        r.fields.follow_up_on for r in outcome.rows
        if r.decision.action == Action.NEW and r.fields.follow_up_on and r.fields.follow_up_on >= today
        and "follow_up_on" not in held_by_user(r.person, read_state(r.person.current.worker_state))
    )
    assert max(planned.values(), default=0) <= 5, planned
    # Nobody is chased past three unanswered messages.
    for pid, r in rows.items():
        if r.decision.action == Action.FOLLOW_UP:
            assert 1 <= me.unanswered[pid] <= rules.follow_ups_max, (NAME[int(pid, 16)], me.unanswered[pid])
            assert r.decision.messages == me.unanswered[pid]
        if me.unanswered[pid] > rules.follow_ups_max and r.person.status == "Reached out" and not r.person.paused:
            assert r.decision.action == Action.PARKED
            assert r.fields.follow_up_on >= r.decision.last_message + timedelta(days=rules.park_days)
    # Every due row is on the to-do once, one line per message; a target reached through an intro
    # rides on its first hop's line.
    lines = to_do(outcome, today)
    listed = [pid for line, under in lines for pid in (line, *under)]
    due = [pid for pid, r in rows.items() if r.decision.action != Action.NONE and not r.person.paused
           and r.fields.follow_up_on and r.fields.follow_up_on <= today]
    assert sorted(listed) == sorted(due)
    for line, _ in lines:
        if rows[line].decision.action == Action.VIA_INTRO:  # only when the user set a date of their own
            assert "follow_up_on" in held_by_user(rows[line].person, read_state(rows[line].person.current.worker_state))
    # Paused rows hold no date the worker gave.
    for r in outcome.rows:
        if r.person.paused:
            assert r.fields.follow_up_on is None and not r.fields.stale


def do_the_day(people: list[Person], outcome: Outcome, today: date, me: Person_) -> list[Person]:
    """The person works through the to-do: one message per line."""
    rows = {r.person.page_id: r for r in outcome.rows}
    for line, _ in to_do(outcome, today):
        r = rows[line]
        action = r.decision.action
        if action in (Action.NEW, Action.FOLLOW_UP, Action.PARKED, Action.ANSWER_INTRO):
            me.unanswered[line] += 1
            me.first_unanswered.setdefault(line, today)
            people = set_values(people, line, status="Reached out", last_contacted=today)
        elif action == Action.REPLY:
            introduced = [t for t in r.decision.targets if rows[t].decision.action == Action.VIA_INTRO]
            for target in introduced:  # the intro asked for in the reply happened
                people = set_values(people, target, closeness="Acquaintance", last_contacted=today, introduced_by=(line,))
            if r.person.company in ("Stripe", "Figma"):
                people = set_values(people, line, status="Meeting scheduled", last_contacted=today,
                                    meeting_on=add_business_days(today, 2))
            else:
                me.unanswered[line] = 1
                me.first_unanswered[line] = today
                people = set_values(people, line, status="Reached out", last_contacted=today)
        elif action == Action.THANK_YOU:
            people = set_values(people, line, status="Interviewing", last_contacted=today)
        elif action == Action.CHECK_IN:
            people = set_values(people, line, last_contacted=today)
    return people


def replies_come_in(people: list[Person], today: date, me: Person_) -> list[Person]:
    """At the end of the day, those who answer do, some business days after the first unanswered message."""
    for p in people:
        wait = REPLIES_AFTER[p.page_id]
        first = me.first_unanswered.get(p.page_id)
        if p.status == "Reached out" and wait is not None and first is not None and today >= add_business_days(first, wait):
            people = set_values(people, p.page_id, status="Replied", last_contacted=today)
            me.unanswered[p.page_id] = 0
            del me.first_unanswered[p.page_id]
    return people
