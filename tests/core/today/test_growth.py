"""Growth on the Today page (SPEC §7 v3): introductions by their introduced-on day, the network's
generations, the introduction trees against 3 → 9 → 27, "Tidy up", and no line over 2,000 characters.

Every list here goes through the rules first, as a sync would: the introduced-on days are theirs.
"""

from __future__ import annotations

import re
from datetime import date

from worker.core.configuration import RuleBook
from worker.core.rules import compute_outcome
from worker.core.today.figures import compute_today_figures
from worker.core.today.growth import compute_growth, compute_tidy_up
from worker.core.today.page import LastSync, render_page
from tests.core.today.builders import TODAY, person

RULES = RuleBook(target_companies=("Stripe",))


def grown(people, today=TODAY):
    return compute_growth(people, compute_outcome(people, RULES, today), today)


def test_introductions_this_month_go_by_their_introduced_on_day_not_by_when_the_row_was_added():
    people = [
        person(1, "Alice", closeness="Warm", last_contacted=date(2026, 11, 2)),
        person(2, "Bob", closeness="Close", last_contacted=date(2026, 11, 2), paused=True),
        # Added in October (imported), introduced by Alice in November: Worker state remembers 3 Nov.
        person(3, "Imported A", introduced_by=(1,), created_on=date(2026, 10, 1), edited_by_person_on=date(2026, 11, 3)),
        person(4, "New B", introduced_by=(1, 2), created_on=date(2026, 11, 20)),
        person(5, "Old", introduced_by=(1,), created_on=date(2026, 10, 31)),  # last month
        person(6, "Outside", introduced_by=("f" * 32,), created_on=date(2026, 11, 5)),  # not in the list
        person(7, "Nobody", created_on=date(2026, 11, 5)),
    ]
    growth = grown(people)
    assert (growth.month, growth.introduced) == (date(2026, 11, 1), 2)
    assert [(m.name, n) for m, n in growth.by_introducer] == [("Alice", 2), ("Bob", 1)]


def test_an_undated_introduction_counts_in_no_month_but_still_in_the_generations():
    people = [person(1, "Alice", closeness="Warm", last_contacted=date(2026, 11, 2)), person(2, "Undated", introduced_by=(1,))]
    growth = grown(people)
    assert growth.introduced == 0
    assert growth.generations == (1, 1, 0)


def test_generations_follow_introduced_by_from_the_people_met_directly_loops_counted_nowhere():
    people = [
        person(1, "Met", closeness="Warm"),
        person(2, "Met too", closeness="Close", paused=True),  # Paused people count: you met them
        person(3, "Cold stranger", closeness="Cold"),  # not met, so not a generation
        person(4, "Gen2 a", introduced_by=(1,)),
        person(5, "Gen2 b", introduced_by=(2,)),
        person(6, "Gen3", introduced_by=(4,)),
        person(7, "Loop a", introduced_by=(8,)),  # a circle nobody met: counted nowhere
        person(8, "Loop b", introduced_by=(7,)),
    ]
    growth = grown(people)
    assert growth.generations == (2, 2, 1)
    assert growth.pace == (2, 6, 18)


def test_the_trees_are_biggest_first_at_most_five_each_root_with_its_people_per_generation():
    people = [person(1, "Jonas Weber", closeness="Close"), person(2, "Kim Ode", closeness="Warm")]
    people += [person(10 + n, f"J{n}", introduced_by=(1,), created_on=TODAY) for n in range(3)]  # Jonas → 3
    people += [person(20, "J0a", introduced_by=(10,), created_on=TODAY)]  # → 1
    people += [person(30, "K0", introduced_by=(2,), created_on=TODAY)]  # Kim → 1
    people += [person(40 + n, f"Root{n}", closeness="Warm") for n in range(5)]
    people += [person(50 + n, f"R{n}", introduced_by=(40 + n,), created_on=TODAY) for n in range(5)]
    trees = grown(people).trees
    assert len(trees) == 5
    assert [(t.root.name, t.generations) for t in trees[:2]] == [("Jonas Weber", (3, 1)), ("Kim Ode", (1,))]


def test_a_person_with_two_connectors_is_placed_in_the_tree_of_the_earliest_link():
    people = [
        person(1, "Ana", closeness="Close"), person(2, "Ben", closeness="Close"),
        person(3, "Cy", introduced_by=(1, 2), created_on=TODAY, current=_remembered({1: date(2026, 11, 20), 2: date(2026, 11, 10)})),
    ]
    trees = grown(people).trees
    assert [(t.root.name, t.generations) for t in trees] == [("Ben", (1,))]


def test_a_deep_introduction_chain_keeps_every_line_of_the_page_within_2000_characters():
    chain = [person(1, "Root " + "x" * 60, closeness="Close")]
    chain += [person(n, f"Person {n} " + "y" * 40, introduced_by=(n - 1,), created_on=TODAY) for n in range(2, 600)]
    outcome = compute_outcome(chain, RULES, TODAY)
    markdown = render_page(LastSync(TODAY, "ok", rows=len(chain)), (), compute_today_figures(chain, outcome, ["Stripe"], TODAY))
    assert max(len(line) for line in markdown.splitlines()) <= 2000
    growth = section(markdown, "Growth")
    assert "deeper still" in growth and "→ 1 →" in growth


def test_tidy_up_lists_the_rows_whose_effective_closeness_is_above_their_closeness():
    people = [
        person(1, "Owen Price", closeness="Cold", status="Meeting scheduled", meeting_on=date(2026, 11, 20), last_contacted=date(2026, 11, 18)),
        person(2, "Ravi", closeness="Acquaintance", status="Replied", last_contacted=date(2026, 11, 24)),  # answered: no higher
        person(3, "Nadia", closeness="", status="Replied", last_contacted=date(2026, 11, 24)),
    ]
    rows = compute_tidy_up(compute_outcome(people, RULES, TODAY))
    assert [(r.who.name, r.column, r.effective, r.because) for r in rows] == [
        ("Nadia", "Cold", "Acquaintance", "answered"), ("Owen Price", "Cold", "Warm", "met")]
    page = render_page(LastSync(TODAY, "ok"), (), compute_today_figures(people, compute_outcome(people, RULES, TODAY), [], TODAY))
    assert "Closeness says Cold, but your meeting makes them Warm" in section(page, "Tidy up")


def section(markdown: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}.*?$(.*?)(?=^## |\Z)", markdown, re.MULTILINE | re.DOTALL)
    assert match, f"no section {heading!r}"
    return match.group(1)


def _remembered(days):
    """Worker fields whose Worker state remembers each introducer's introduced-on day."""
    from worker.core.models import WorkerFields
    from worker.core.rules.state import State, write_state
    from tests.core.today.builders import pid

    state = State(introduced=tuple(sorted((pid(n)[-8:], day) for n, day in days.items())))
    return WorkerFields(worker_state=write_state(state))
