"""The Today page's figures: the days ahead, connectors, target companies, growth (SPEC §7)."""

from __future__ import annotations

from datetime import date

from worker.core.models import Action
from worker.core.today.figures import (
    compute_companies,
    compute_connectors,
    compute_upcoming,
)
from worker.core.today.todo import message_lines
from tests.core.today.builders import TODAY, day, outcome, person, row


def test_the_next_five_business_days_count_one_message_per_line_and_what_is_overdue_on_today():
    listed = outcome(
        row(1, "Connie", due=day(1), action=Action.NEW, rank=0, targets=(2,)),
        row(2, "Bob", due=day(1), action=Action.VIA_INTRO, first_hop=1),  # the same message as Connie's
        row(3, "Cy", due=day(4), action=Action.FOLLOW_UP),  # Monday
        row(4, "Di", due=day(2), action=Action.FOLLOW_UP),  # a date typed on Saturday: still to do on Monday
        row(5, "Ed", due=TODAY, action=Action.NEW, rank=2),
        row(6, "Fay", due=day(-3), action=Action.REPLY),  # overdue: still to do, so on today's count
    )
    upcoming = compute_upcoming(message_lines(listed), TODAY)
    assert [(d.day.isoformat(), d.messages, d.overdue) for d in upcoming] == [
        ("2026-11-26", 2, 1), ("2026-11-27", 1, 0), ("2026-11-30", 2, 0), ("2026-12-01", 0, 0), ("2026-12-02", 0, 0)]


def test_the_days_ahead_skip_days_off_and_start_on_the_first_business_day():
    listed = outcome(row(1, "Ann", due=day(-1), action=Action.REPLY), row(2, "Ben", due=day(6), action=Action.NEW, rank=0))
    thanksgiving_week = frozenset({TODAY, day(1)})  # Thu 26 and Fri 27 Nov off
    upcoming = compute_upcoming(message_lines(listed), TODAY, days_off=thanksgiving_week)
    assert [(d.day.isoformat(), d.messages, d.overdue) for d in upcoming] == [
        ("2026-11-30", 1, 1), ("2026-12-01", 0, 0), ("2026-12-02", 1, 0), ("2026-12-03", 0, 0), ("2026-12-04", 0, 0)]


def test_connectors_are_ranked_by_reach_from_intro_via_then_strength_and_list_targets_in_plan_order():
    listed = outcome(
        row(1, "Connie", strength=65),
        row(2, "Dana", strength=90),
        row(3, "Eve", strength=40),
        row(10, "T10", intro_via=(1,), due=day(3), rank=5),
        row(11, "T11", intro_via=(1,), due=day(1), rank=2),
        row(12, "T12", intro_via=(2,), due=day(1), rank=1),
        row(13, "T13", intro_via=(2,), due=day(2), rank=3),
        row(14, "T14", intro_via=(3,), due=day(1), rank=4),
        row(15, "T15", intro_via=(99,)),  # a first hop not in the outcome (Paused): nobody's reach
    )
    connectors = compute_connectors(listed)
    assert [(c.who.name, c.reach) for c in connectors] == [("Dana", 2), ("Connie", 2), ("Eve", 1)]
    assert [t.name for t in connectors[1].targets] == ["T11", "T10"]


def test_only_the_top_five_connectors_are_shown():
    rows = [row(n, f"C{n}") for n in range(1, 9)] + [row(100 + n, intro_via=(n,)) for n in range(1, 9)]
    assert len(compute_connectors(outcome(*rows))) == 5


def test_a_target_company_shows_warm_contacts_strongest_first_status_counts_and_a_direct_way_in():
    listed = outcome(
        row(1, "Dana", target_company="Stripe", in_network=True, strength=70, status="Replied", ask_kind="warm pitch"),
        row(2, "Finn", target_company="Stripe", in_network=True, strength=95, status="Reached out", ask_kind="warm pitch"),
        row(3, "Stale Sam", target_company="Stripe", in_network=True, stale=True, strength=20),
        row(4, "Bob", target_company="Stripe", intro_path="You → Connie → Bob", path=(9, 4), status="Not contacted"),
        row(5, "Elsewhere", target_company="", in_network=True),
        row(9, "Connie"),
    )
    [stripe, figma] = compute_companies(listed, ["Stripe", "Figma"])
    assert [w.who.name for w in stripe.warm] == ["Finn", "Dana"]
    assert stripe.pitch_to.name == "Finn"
    assert stripe.statuses == (("Not contacted", 2), ("Reached out", 1), ("Replied", 1))
    assert stripe.people == 4
    assert (figma.people, figma.warm, figma.pitch_to, figma.path, figma.statuses) == (0, (), None, (), ())


def test_with_no_warm_contact_the_best_path_in_is_the_shortest_intro_path_then_plan_order():
    listed = outcome(
        row(1, "Long", target_company="Figma", path=(11, 12, 1), rank=0, due=TODAY),
        row(2, "Short late", target_company="Figma", path=(13, 2), rank=9, due=day(5)),
        row(3, "Short soon", target_company="Figma", path=(14, 3), rank=2, due=day(1)),
        *(row(n, name) for n, name in ((11, "A"), (12, "B"), (13, "C"), (14, "D"))),
    )
    [figma] = compute_companies(listed, ["Figma"])
    assert figma.pitch_to is None
    assert [hop.name for hop in figma.path] == ["D", "Short soon"]


def test_no_direct_pitch_to_a_warm_contact_who_is_paused_said_no_or_is_past_the_asks():
    listed = outcome(
        row(1, "Paused Pat", target_company="Stripe", in_network=True, strength=95, paused=True),
        row(2, "No thanks", target_company="Stripe", in_network=True, strength=90, status="Not interested"),
        row(3, "Interviewing Ivy", target_company="Stripe", in_network=True, strength=85, status="Interviewing"),
        row(4, "Bob", target_company="Stripe", path=(9, 4)),
        row(9, "Connie"),
    )
    [stripe] = compute_companies(listed, ["Stripe"])
    assert [w.who.name for w in stripe.warm] == ["No thanks", "Interviewing Ivy"]  # Paused: off the list
    assert stripe.pitch_to is None
    assert [hop.name for hop in stripe.path] == ["Connie", "Bob"]


def test_a_paused_target_counts_for_no_connectors_reach_whatever_intro_via_it_still_holds():
    listed = outcome(row(1, "Connie"), row(2, "Bob", intro_via=(1,)), row(3, "Paused Pat", intro_via=(1,), paused=True))
    [connie] = compute_connectors(listed)
    assert [t.name for t in connie.targets] == ["Bob"]
