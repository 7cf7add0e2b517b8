"""The method's loop lived for 30 business days (SPEC v3 §4.1–§4.3, §7): a 30-row list in which one
connector introduces three people, two of them introduce more, with replies, meetings, thank-yous
and In touch set as a person would.

Each morning the worker runs on the list; the person works through the day's to-do as it says, logs
each introduction by adding the new person's row with Introduced by, and answers come in. Every day:
no Next step, Draft or to-do line asks for an introduction already made; each introduction gives one
line for the person introduced (on its introduced-on day) and one thank-you line for its connector;
no In touch row is followed up or counted towards parking; the to-do keeps the §7 order; a second run
changes nothing; and the same rows read from a CSV export (`sync --csv`) give the same outputs.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from worker.core.configuration import Me, PropertyNames, RuleBook
from worker.core.dates import add_business_days, business_days_from
from worker.core.models import Action, Outcome, Person
from worker.core.rules import compute_outcome
from worker.core.today.todo import TodoGroup, compute_todo
from worker.files.export import fetch_people_from_csv
from worker.files.export.cells import format_date

START = date(2026, 11, 30)  # a Monday
DAYS = business_days_from(START, 30)
RULES = RuleBook(target_companies=("Stripe", "Figma"))
ME = Me(name="Sam Doe", pitch="a backend engineer")
NEVER = None

# (name, company, closeness, days since last contact, status, knows, replies after N business days)
PEOPLE = [
    ("Jonas Weber", "Acme", "Close", 20, "", ["Tia Park"], 1),
    ("Kim Ode", "Canva", "Warm", 30, "", ["Uma Roy"], 2),
    ("Lea Moss", "Vercel", "Warm", 40, "", [], 3),
    ("Mia Cole", "Atlassian", "Close", 10, "Replied", [], 1),
    ("Ned Fox", "Google", "Acquaintance", 20, "", [], NEVER),
    ("Ola Dunn", "Stripe", "Warm", 15, "", [], 2),
    ("Pat Lowe", "Figma", "Acquaintance", 12, "Meeting scheduled", [], 2),
    ("Quin Hart", "Slack", "Warm", 200, "", [], 2),  # stale: advice
    ("Rae Lin", "Notion", "Close", 5, "Reached out", [], 2),
    ("Sol Vega", "Miro", "Warm", 25, "In touch", [], 2),
    ("Tia Park", "Stripe", "Cold", None, "", [], 3),
    ("Uma Roy", "Figma", "Cold", None, "", [], NEVER),
    ("Vic Dale", "Zoom", "Acquaintance", 100, "", [], NEVER),
    ("Wes Pike", "Stripe", "Cold", None, "", [], NEVER),
    ("Xia Moon", "Retool", "Cold", None, "", [], NEVER),
    ("Yan Frost", "Brex", "Warm", 8, "Interviewing", [], 2),
    ("Zed Quill", "Figma", "Cold", None, "", [], 2),
    ("Abe Hunt", "GitLab", "Warm", 3, "", [], 2),
    ("Bea Vale", "Plaid", "Close", 6, "", [], 2),
    ("Cal Snow", "Stripe", "Warm", 9, "", [], 2),
]
# Who introduces whom once they have replied: the tree Jonas → 3 → 3 (+ Kim → 1).
INTRODUCES = {
    "Jonas Weber": [("Owen Price", "Stripe"), ("Marco Ruiz", "Figma"), ("Nadia Haddad", "Datadog")],
    "Owen Price": [("Ida Berg", "Stripe"), ("Jan Kos", "Figma")],
    "Marco Ruiz": [("Lou Chan", "Shopify")],
    "Kim Ode": [("Gil Marsh", "Miro")],
}
REPLIES_AFTER = {name: wait for name, *_, wait in PEOPLE} | {
    "Owen Price": 1, "Marco Ruiz": 2, "Nadia Haddad": 2, "Ida Berg": 3, "Jan Kos": NEVER, "Lou Chan": 2, "Gil Marsh": 1,
}
GROUP_ORDER = {group: n for n, group in enumerate(TodoGroup)}


def pid_of(name: str) -> str:
    return f"{abs(hash_name(name)):032x}"[-32:]


def hash_name(name: str) -> int:
    return int.from_bytes(name.encode(), "big") % (16 ** 32)


def starting_list() -> list[Person]:
    return [
        Person(
            page_id=pid_of(name), name=name, company=company, closeness=closeness, status=status,
            last_contacted=None if ago is None else date.fromordinal(START.toordinal() - ago),
            knows=tuple(pid_of(other) for other in knows), created_on=date(2026, 10, 1),
            meeting_on=add_business_days(START, 3) if status == "Meeting scheduled" else None,
        )
        for name, company, closeness, ago, status, knows, _ in PEOPLE
    ]


class Walk:
    """What the person knows: who was introduced when, who answered, who waits for an answer."""

    def __init__(self) -> None:
        self.introduced_on: dict[str, date] = {}  # row → the day its Introduced by was set
        self.answer_lines: Counter[str] = Counter()  # introduced row → to-do lines answering it
        self.thanked: Counter[str] = Counter()  # introduced row → thank-you lines naming it
        self.waiting_since: dict[str, date] = {}  # row → first message with no answer yet
        self.replied: set[str] = set()
        self.in_touch_days = 0


def test_a_growing_tree_over_thirty_business_days(tmp_path):
    people, walk = starting_list(), Walk()
    for p in people:
        if p.status == "Reached out":
            walk.waiting_since[p.name] = p.last_contacted
    seen = Counter()
    for today in DAYS:
        outcome = compute_outcome(people, RULES, today, me=ME)
        written = [dataclasses.replace(r.person, current=r.fields) for r in outcome.rows]
        assert all(r.changed == () for r in compute_outcome(written, RULES, today, me=ME).rows), today
        check_the_morning(outcome, today, walk)
        check_offline_gives_the_same(people, outcome, today, tmp_path)
        seen.update(r.decision.action for r in outcome.rows)
        people = do_the_day(written, outcome, today, walk)
        people = answers_come_in(people, today, walk)
    # The tree grew as scripted, and each introduction was answered once and thanked once.
    assert set(walk.introduced_on) == {name for made in INTRODUCES.values() for name, _ in made}
    assert all(walk.answer_lines[name] == 1 for name in walk.introduced_on), walk.answer_lines
    assert all(walk.thanked[name] == 1 for name in walk.introduced_on), walk.thanked
    assert {Action.ANSWER_INTRO, Action.THANK_CONNECTOR, Action.IN_TOUCH} <= set(seen)
    assert walk.in_touch_days > 20


def check_the_morning(outcome: Outcome, today: date, walk: Walk) -> None:
    rows = {r.person.name: r for r in outcome.rows}
    todo = compute_todo(outcome, today)
    # No Next step, Draft or to-do line asks for an introduction already made.
    introduced = [name for name, r in rows.items() if r.person.introduced_by]
    for r in outcome.rows:
        for name in introduced:
            company = rows[name].person.company
            assert f"introduce you to {name}" not in r.fields.next_step, (today, r.person.name, name)
            assert f"{name} at {company}" not in r.fields.draft, (today, r.person.name, name)
    for item in todo:
        assert not {m.name for m in item.also_ask_about} & set(introduced), (today, item.person.name)
    # Each introduction: one line for the person introduced on its day, one thank-you for its connector.
    for item in todo:
        if item.action == Action.ANSWER_INTRO:
            assert item.due == walk.introduced_on[item.person.name] == today, (today, item.person.name)
            walk.answer_lines[item.person.name] += 1
        if item.action == Action.THANK_CONNECTOR:
            named = [rows_by_id(outcome)[pid] for pid in rows[item.person.name].decision.thanks_for]
            assert all(walk.introduced_on[n] <= today for n in named)
            for n in named:
                walk.thanked[n] += 1
    # No In touch row is followed up or counted towards parking.
    for r in outcome.rows:
        if r.person.status == "In touch":
            walk.in_touch_days += 1
            assert r.decision.action not in (Action.FOLLOW_UP, Action.PARKED) and r.decision.messages == 0
            assert r.decision.parked_until is None
    # The to-do keeps the §7 order: groups in order, the older date first within a group.
    keys = [(GROUP_ORDER[item.group], item.due) for item in todo]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys), today
    for (g1, d1), (g2, d2) in zip(keys, keys[1:]):
        assert g1 < g2 or d1 <= d2, today


def rows_by_id(outcome: Outcome) -> dict[str, str]:
    return {r.person.page_id: r.person.name for r in outcome.rows}


def do_the_day(people: list[Person], outcome: Outcome, today: date, walk: Walk) -> list[Person]:
    """The person works through the to-do: one message a line, the Status set as the README says."""
    rows = {r.person.name: r for r in outcome.rows}
    for item in compute_todo(outcome, today):
        name, r = item.person.name, rows[item.person.name]
        if item.action in (Action.NEW, Action.FOLLOW_UP, Action.PARKED, Action.ANSWER_INTRO):
            walk.waiting_since.setdefault(name, today)
            people = edit(people, name, status="Reached out", last_contacted=today)
        elif item.action == Action.REPLY:
            walk.waiting_since[name] = today
            people = edit(people, name, status="Reached out", last_contacted=today)
        elif item.action == Action.THANK_CONNECTOR:
            done = r.decision.intros_made >= RULES.intros_per_person or name not in INTRODUCES or _all_made(name, walk)
            people = edit(people, name, status="In touch" if done else "Reached out", last_contacted=today)
            if not done:
                walk.waiting_since[name] = today
        elif item.action == Action.THANK_YOU:
            people = edit(people, name, status="In touch", last_contacted=today)
        elif item.action in (Action.CHECK_IN, Action.IN_TOUCH):
            people = edit(people, name, last_contacted=today)
    return people


def _all_made(name: str, walk: Walk) -> bool:
    return all(made in walk.introduced_on for made, _ in INTRODUCES.get(name, ()))


def answers_come_in(people: list[Person], today: date, walk: Walk) -> list[Person]:
    """At the end of the day: replies, a meeting booked, and the introductions people make after answering."""
    by_name = {p.name: p for p in people}
    for name, since in list(walk.waiting_since.items()):
        wait = REPLIES_AFTER.get(name)
        if wait is None or today < add_business_days(since, wait):
            continue
        del walk.waiting_since[name]
        if name in INTRODUCES and not _all_made(name, walk):
            # They answer with the introductions themselves: the person logs each new row.
            for new, company in INTRODUCES[name]:
                if new not in by_name:
                    people.append(Person(page_id=pid_of(new), name=new, company=company, introduced_by=(pid_of(name),),
                                         created_on=add_business_days(today, 1)))
                    walk.introduced_on[new] = add_business_days(today, 1)
            continue
        if by_name[name].company in ("Stripe", "Figma") and name not in walk.replied:
            people = edit(people, name, status="Meeting scheduled", last_contacted=today, meeting_on=add_business_days(today, 2))
        else:
            people = edit(people, name, status="Replied", last_contacted=today)
        walk.replied.add(name)
    return people


def edit(people: list[Person], name: str, **values) -> list[Person]:
    return [dataclasses.replace(p, **values) if p.name == name else p for p in people]


# --- offline: the same rows as a Notion CSV export ------------------------------------------------------

COLUMNS = ["Name", "Company", "Role", "Closeness", "Last contacted", "Status", "Knows", "Introduced by", "Shared interests", "Paused",
           "Meeting on", "Created time", "Suggested ask", "Why", "Next step", "Draft", "Intro path", "Intro via",
           "Follow up on", "Stale", "Strength", "Intros made", "Worker state"]


def check_offline_gives_the_same(people: list[Person], online: Outcome, today: date, tmp_path: Path) -> None:
    """The list as Notion would export it, read back and computed: every worker column the same."""
    names = {p.page_id: p.name for p in people}
    export = tmp_path / f"{today}.csv"
    with export.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for p in people:
            writer.writerow(_cells(p, names))
    read, _ = fetch_people_from_csv(export, PropertyNames())
    offline = compute_outcome(read, RULES, today, me=ME)
    assert _by_name(offline, {p.page_id: p.name for p in read}) == _by_name(online, names), today


def _cells(p: Person, names: dict[str, str]) -> list[str]:
    c = p.current
    return [
        p.name, p.company, p.role, p.closeness, format_date(p.last_contacted), p.status,
        ", ".join(names[x] for x in p.knows), ", ".join(names[x] for x in p.introduced_by), "", "No",
        format_date(p.meeting_on), format_date(p.created_on), c.suggested_ask or "", c.why, c.next_step, c.draft,
        c.intro_path, ", ".join(names[x] for x in c.intro_via), format_date(c.follow_up_on), "Yes" if c.stale else "No",
        "" if c.strength is None else f"{c.strength:g}", "" if c.intros_made is None else f"{c.intros_made:g}",
        _state_by_names(c.worker_state, names),
    ]


def _state_by_names(state: str, names: dict[str, str]) -> str:
    """Worker state keys an introducer by the end of its page id: the export's made-up ids differ, so the
    CSV row carries it re-keyed to the id the reader will give that name."""
    if ";i=" not in state:
        return state
    ids_by_name = {name: _csv_id(name) for name in names.values()}
    keyed = {pid[-8:]: ids_by_name[name][-8:] for pid, name in names.items()}
    parts = []
    for part in state.split(";"):
        if part.startswith("i="):
            part = "i=" + ",".join(keyed.get(link[:8], link[:8]) + link[8:] for link in part[2:].split(","))
        parts.append(part)
    return ";".join(parts)


def _csv_id(name: str) -> str:
    from worker.files.export.ids import assign_page_ids

    return assign_page_ids([name], [])[0]


def _by_name(outcome: Outcome, names: dict[str, str]) -> dict[str, tuple]:
    """Each row's worker columns, links by name and Worker state by what it remembers (not by id)."""
    found = {}
    for r in outcome.rows:
        f = r.fields
        memory = sorted(part for part in f.worker_state.split(";") if part[:2] in ("t=", "g=", "p=", "s=", "c=", "a", "r=", "o="))
        links = defaultdict(list)
        for link in (read_i(f.worker_state)):
            links["i"].append(link)
        found[r.person.name] = (f.suggested_ask, f.why, f.next_step, f.draft, f.intro_path,
                                tuple(names[x] for x in f.intro_via), f.follow_up_on, f.stale, f.strength,
                                f.intros_made, tuple(memory), tuple(sorted(links["i"])), r.decision.action)
    return found


def read_i(state: str) -> list[str]:
    """The introduced-on days a Worker state remembers (the days only: ids differ between the modes)."""
    for part in state.split(";"):
        if part.startswith("i="):
            return [link[8:] for link in part[2:].split(",")]
    return []
