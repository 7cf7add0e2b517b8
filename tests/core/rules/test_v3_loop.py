"""SPEC v3 §4.1–§4.3 and §9, sentence by sentence: worked out by hand, one table or test a sentence.

Today is Thu 26 Nov 2026 (rules_helpers.TODAY). Business days: Fri 27, Mon 30 Nov, Tue 1 Dec …
Stale after: Close 180, Warm 90, Acquaintance 45 days. Edges: Close 1, Warm 2, Acquaintance 4
(twice when stale), a link 3.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from rules_helpers import RULES, TODAY, decision, fields, person, pid, rerun, run, written
from worker.core.configuration import Me
from worker.core.models import Action
from worker.core.rules.state import read_state

ME = Me(name="Sam Doe", pitch="a backend engineer")
NOV, DEC = (lambda d: date(2026, 11, d)), (lambda d: date(2026, 12, d))


def drafted(people, today=TODAY):
    return run(people, me=ME, today=today)


# --- §4.3 Introductions, once made: the introduced-on day -------------------------------------------


@pytest.mark.parametrize(("case", "extra", "expected"), [
    # The day a person last edited the row (Notion's last_edited_by is not the worker's bot).
    ("a person's last edit", dict(edited_by_person_on=NOV(24), created_on=NOV(2)), NOV(24)),
    # Else the row's creation day.
    ("the creation day", dict(created_on=NOV(20)), NOV(20)),
    # Offline with no Created time column: the introduced row's Last contacted.
    ("Last contacted", dict(last_contacted=NOV(23)), NOV(23)),
    # A day after `--today` (a run dated in the past) is today.
    ("never after today", dict(created_on=DEC(3)), TODAY),
])
def test_a_link_the_rows_memory_does_not_hold_is_dated_as_section_4_3_says(case, extra, expected):
    people = [person(1, "Alice Chen", closeness="Close", last_contacted=NOV(2)), person(2, "Bob Li", introduced_by=[1], **extra)]
    out = run(people)
    assert decision(out, 2).introduced_on == expected, case
    assert read_state(fields(out, 2).worker_state).introduced == ((pid(1)[-8:], expected),)


def test_a_remembered_day_stays_and_a_link_new_to_v3_memory_is_dated_the_day_it_is_first_read():
    people = [person(1, "Alice", closeness="Close", last_contacted=NOV(2)), person(3, "Cara", closeness="Close", last_contacted=NOV(2)),
              person(2, "Bob", introduced_by=[1], created_on=NOV(20))]
    first = run(people)
    later = [dataclasses.replace(p, introduced_by=(pid(1), pid(3)), created_on=NOV(20)) if p.page_id == pid(2) else p
             for p in written(first)]
    out = run(later, today=DEC(1))
    assert decision(out, 2).introduced_days == (NOV(20), DEC(1))  # Alice remembered; Cara first read on 1 Dec


def test_an_undated_introduction_is_made_but_owes_nothing_and_is_planned_as_new_outreach():
    people = [person(1, "Alice", closeness="Close", last_contacted=NOV(2)), person(2, "Bob", company="Stripe", introduced_by=[1])]
    out = run(people)
    assert decision(out, 2).action == Action.NEW and decision(out, 2).plan_rank is not None
    assert decision(out, 1).action == Action.NEW and decision(out, 1).thanks_for == ()  # no thank-you owed
    assert "introduce you to Bob" not in fields(out, 1).next_step  # never asked for again


def test_a_removed_link_is_forgotten():
    people = [person(1, "Alice", closeness="Close", last_contacted=NOV(2)), person(2, "Bob", introduced_by=[1], created_on=NOV(20))]
    removed = [dataclasses.replace(p, introduced_by=()) if p.page_id == pid(2) else p for p in written(run(people))]
    assert read_state(fields(run(removed), 2).worker_state).introduced is None


def test_paused_rows_remember_their_links_day_in_a_memory_only_write():
    people = [person(1, "Alice", closeness="Close", last_contacted=NOV(2)),
              person(2, "Bob", introduced_by=[1], created_on=NOV(20), paused=True)]
    out = run(people)
    assert read_state(fields(out, 2).worker_state).introduced == ((pid(1)[-8:], NOV(20)),)
    assert all(r.changed == () for r in rerun(out).rows)


# --- the person introduced --------------------------------------------------------------------------


@pytest.mark.parametrize(("company", "ask", "next_step"), [
    ("Stripe", "Pitch for interview",
     "Answer Alice Chen's introduction: write to Bob Li and ask them to refer you for an interview at Stripe."),
    ("Acme", "Ask for advice", "Answer Alice Chen's introduction: write to Bob Li and ask for their advice."),
])
def test_the_person_introduced_gets_a_message_of_their_own_due_that_day_with_no_plan_place(company, ask, next_step):
    people = [person(1, "Alice Chen", closeness="Close", last_contacted=NOV(2)),
              person(2, "Bob Li", company=company, role="Engineer", introduced_by=[1], created_on=NOV(25))]
    out = run(people)
    assert (fields(out, 2).suggested_ask, decision(out, 2).action, fields(out, 2).follow_up_on) == (ask, Action.ANSWER_INTRO, NOV(25))
    assert decision(out, 2).plan_rank is None
    assert fields(out, 2).next_step == next_step


def test_an_introduction_on_a_day_off_is_due_the_next_business_day():
    people = [person(1, "Alice", closeness="Close", last_contacted=NOV(2)), person(2, "Bob", introduced_by=[1], created_on=NOV(22))]  # Sunday
    assert fields(run(people), 2).follow_up_on == NOV(23)


def test_until_they_have_answered_the_introduced_are_no_first_hop_and_their_first_message_asks_no_introductions():
    people = [person(1, "Alice", closeness="Close", last_contacted=NOV(2)),
              person(2, "Bob", company="Acme", introduced_by=[1], created_on=NOV(25), knows=[3]),
              person(3, "Tia", company="Stripe")]
    out = drafted(people)
    assert decision(out, 3).first_hop != pid(2) and "introduc" not in fields(out, 2).draft.split("introducing us")[1]
    replied = [dataclasses.replace(p, status="Replied", last_contacted=NOV(26)) if p.page_id == pid(2) else p for p in written(out)]
    assert decision(run(replied), 3).first_hop == pid(2)  # once Bob answered, he can introduce you to Tia


def test_a_person_already_introduced_is_never_a_target():
    people = [person(1, "Alice", closeness="Close", last_contacted=NOV(2), knows=[2]),
              person(2, "Bob", company="Stripe", status="Reached out", last_contacted=NOV(25), introduced_by=[1], created_on=NOV(20))]
    out = run(people)
    assert fields(out, 2).intro_via == () and decision(out, 1).targets == ()


# --- the connector ------------------------------------------------------------------------------------


def _introduced_by_jonas(jonas, *introduced):
    return [jonas, *(person(n, name, company="Acme", introduced_by=[1], created_on=day) for n, name, day in introduced)]


def test_the_connector_owes_one_thank_you_naming_everyone_introduced_since_your_last_contact():
    jonas = person(1, "Jonas Weber", closeness="Close", status="Reached out", last_contacted=NOV(16))
    people = _introduced_by_jonas(jonas, (2, "Owen Price", NOV(10)), (3, "Marco Ruiz", NOV(24)), (4, "Nadia Haddad", NOV(25)))
    out = run(people)
    assert decision(out, 1).action == Action.THANK_CONNECTOR
    assert fields(out, 1).follow_up_on == NOV(25)  # the latest introduced-on day
    assert fields(out, 1).next_step == "Thank Jonas Weber for introducing you to Marco Ruiz and Nadia Haddad; once it is sent, set Status to In touch."


def test_below_three_introductions_the_thank_you_asks_for_the_rest():
    jonas = person(1, "Jonas Weber", closeness="Close", status="Replied", last_contacted=NOV(16))
    out = run(_introduced_by_jonas(jonas, (2, "Owen Price", NOV(24))))
    assert fields(out, 1).next_step == ("Thank Jonas Weber for introducing you to Owen Price, and ask for 2 more"
                                        " introductions (they have introduced you to 1) to engineers or engineering"
                                        " managers at Stripe and Figma.")


def test_the_thank_you_replaces_a_parked_follow_up_and_ends_the_count_of_unanswered_messages():
    jonas = person(1, "Jonas", closeness="Close", status="Reached out", last_contacted=NOV(2))
    out = run([jonas])
    for day in (NOV(9), NOV(16)):  # two more unanswered messages: parked
        out = run([dataclasses.replace(r.person, current=r.fields, last_contacted=day) for r in out.rows], today=day)
    assert decision(out, 1).action == Action.PARKED
    people = [dataclasses.replace(r.person, current=r.fields) for r in out.rows] + [person(2, "Owen", introduced_by=[1], created_on=NOV(24))]
    out = run(people)
    assert decision(out, 1).action == Action.THANK_CONNECTOR and decision(out, 1).messages == 0
    assert decision(out, 1).two_way_date == NOV(24)  # the introduction was his answer


def test_a_meeting_still_ahead_stays_and_a_paused_connector_owes_nothing():
    ahead = person(1, "Ana", closeness="Close", status="Meeting scheduled", last_contacted=NOV(16), meeting_on=DEC(2))
    assert decision(run(_introduced_by_jonas(ahead, (2, "Owen", NOV(24)))), 1).action == Action.MEETING
    paused = person(1, "Ana", closeness="Close", status="Reached out", last_contacted=NOV(16), paused=True)
    out = run(_introduced_by_jonas(paused, (2, "Owen", NOV(24))))
    assert decision(out, 1).action == Action.NONE and fields(out, 1).follow_up_on is None


def test_with_two_connectors_each_is_thanked():
    people = [person(1, "Ana", closeness="Close", last_contacted=NOV(2)), person(3, "Ben", closeness="Warm", last_contacted=NOV(2)),
              person(2, "Cy", introduced_by=[1, 3], created_on=NOV(24))]
    out = run(people)
    assert decision(out, 1).action == decision(out, 3).action == Action.THANK_CONNECTOR


def test_reach_counts_only_the_targets_not_yet_introduced():
    people = [person(1, "Ana", closeness="Close", last_contacted=NOV(2), knows=[2, 3]),
              person(2, "Bo", company="Stripe", introduced_by=[1], created_on=NOV(2)),
              person(3, "Cy", company="Stripe")]
    out = run(people)
    assert decision(out, 1).targets == (pid(3),)
    assert "Bo" not in fields(out, 1).next_step and "Bo" not in fields(out, 1).why


# --- §4.1 the introduction is an answer; In touch -------------------------------------------------------


def test_in_touch_is_never_chased_and_checks_in_before_the_relationship_goes_stale():
    # Warm, last spoke Mon 2 Nov: + 90 days = Sun 31 Jan 2027 → Mon 1 Feb 2027.
    out = run([person(1, "Ana Ruiz", closeness="Warm", status="In touch", last_contacted=NOV(2))])
    assert (decision(out, 1).action, fields(out, 1).follow_up_on) == (Action.IN_TOUCH, date(2027, 2, 1))
    assert fields(out, 1).next_step == "Check in with Ana Ruiz and share your news; nothing is pending, so no ask is needed."
    later = [dataclasses.replace(r.person, current=r.fields, last_contacted=NOV(20)) for r in out.rows]
    again = run(later)
    assert decision(again, 1).messages == 0 and decision(again, 1).action == Action.IN_TOUCH  # no ghost count


def test_an_in_touch_first_hop_with_targets_carries_the_intro_request_as_new_outreach_with_a_plan_place():
    people = [person(1, "Ana", closeness="Close", status="In touch", last_contacted=NOV(2), knows=[2]), person(2, "Bo", company="Stripe")]
    out = run(people)
    assert decision(out, 1).action == Action.NEW and decision(out, 1).plan_rank is not None
    assert fields(out, 1).next_step.startswith("Ask Ana to introduce you to Bo at Stripe")


def test_a_thank_you_after_a_meeting_with_no_ask_left_says_to_set_in_touch():
    people = [person(1, "Ana", closeness="Warm", status="Meeting scheduled", meeting_on=NOV(20), last_contacted=NOV(18))]
    people += [person(n, f"P{n}", introduced_by=[1]) for n in (2, 3, 4)]  # three made, undated
    assert fields(run(people), 1).next_step == "Thank Ana for the meeting on 20 Nov 2026 and thank them for the 3 introductions; once it is sent, set Status to In touch."


# --- §4.2 the conversation counts ---------------------------------------------------------------------


@pytest.mark.parametrize(("row", "closeness", "strength", "why"), [
    # Replied: an Acquaintance at least. 24 Nov: 2 days → 40 × 0.5^(2/180) = 39.7 → 40.
    (dict(status="Replied", last_contacted=NOV(24)), "Acquaintance", 40, "but they have answered you"),
    # A past meeting: Warm. Met 20 Nov: 6 days → 70 × 0.5^(6/180) = 68.4 → 70.
    (dict(status="Meeting scheduled", meeting_on=NOV(20), last_contacted=NOV(18)), "Warm", 70, "but you met on 20 Nov 2026"),
    # Meeting scheduled with no Meeting on: met from the business day after Last contacted (Tue 24 → Wed 25).
    (dict(status="Meeting scheduled", last_contacted=NOV(24)), "Warm", 70, "but you met on 25 Nov 2026"),
    # ... but not before it: Last contacted Thu 26 → the meeting is taken to be Fri 27.
    (dict(status="Meeting scheduled", last_contacted=NOV(26)), "Acquaintance", 40, "but they have answered you"),
    # Introduced to you: an Acquaintance (undated here). No date: no Strength.
    (dict(introduced_by=[9]), "Acquaintance", None, "but you were introduced"),
])
def test_the_effective_closeness_is_the_higher_of_the_column_and_what_happened(row, closeness, strength, why):
    out = run([person(9, "Ana", closeness="Close", last_contacted=NOV(2)), person(1, "Owen", closeness="Cold", **row)])
    assert (decision(out, 1).closeness, fields(out, 1).strength) == (closeness, strength)
    assert f"Closeness says Cold, {why}, so the worker counts them as {closeness}." in fields(out, 1).why


def test_the_highest_is_remembered_until_the_user_changes_closeness():
    met = [person(1, "Owen", closeness="Cold", status="Meeting scheduled", meeting_on=NOV(20), last_contacted=NOV(18))]
    out = run(met)
    back = [dataclasses.replace(r.person, current=r.fields, status="Reached out", meeting_on=None, last_contacted=NOV(26)) for r in out.rows]
    assert decision(run(back), 1).closeness == "Warm"  # a later Status does not lower it
    changed = [dataclasses.replace(p, closeness="Acquaintance") for p in written(run(back))]
    assert decision(run(changed), 1).closeness == "Acquaintance"  # starts again from the new value


def test_a_stale_in_network_person_at_a_target_is_reached_through_a_lighter_path():
    # Tia: Acquaintance, last spoke 1 Jun (178 days > 45): stale, edge 8. Ana (Close, 1) knows her: 1 + 3 = 4.
    people = [person(1, "Ana", closeness="Close", last_contacted=NOV(2), knows=[2]),
              person(2, "Tia", company="Stripe", closeness="Acquaintance", last_contacted=date(2026, 6, 1))]
    out = run(people)
    assert (fields(out, 2).suggested_ask, decision(out, 2).action, fields(out, 2).intro_via) == ("Pitch for interview", Action.VIA_INTRO, (pid(1),))
    # A Warm friend (2 + 3 = 5) is no lighter than a stale Warm contact's own edge (2 × 2 = 4): advice.
    warm = [person(1, "Ana", closeness="Warm", last_contacted=NOV(2), knows=[2]),
            person(2, "Tia", company="Stripe", closeness="Warm", last_contacted=date(2026, 6, 1))]
    assert (fields(run(warm), 2).suggested_ask, fields(run(warm), 2).intro_via) == ("Ask for advice", ())


# --- §9 drafts ----------------------------------------------------------------------------------------------


def test_after_a_meeting_with_a_warm_contact_at_a_target_the_draft_carries_the_referral_and_the_introductions():
    people = [person(1, "Ana Ruiz", company="Stripe", role="Engineer", closeness="Warm", status="Meeting scheduled",
                     meeting_on=NOV(20), last_contacted=NOV(18))]
    out = drafted(people)
    assert "refer you" in fields(out, 1).next_step and "introductions" in fields(out, 1).next_step
    draft = fields(out, 1).draft
    assert "Would you be willing to refer me for an engineering role at Stripe" in draft
    assert "Would you be open to introducing me to" in draft


def test_the_new_kinds_answer_an_introduction_thank_a_connector_and_check_in():
    people = [person(1, "Jonas Weber", closeness="Close", status="Reached out", last_contacted=NOV(16)),
              person(2, "Owen Price", company="Stripe", role="Engineer", introduced_by=[1], created_on=NOV(25)),
              person(3, "Ines Costa", company="Miro", closeness="Warm", status="In touch", last_contacted=NOV(2))]
    out = drafted(people)
    assert fields(out, 2).draft.startswith("Hi Owen,\n\nThanks to Jonas for introducing us; I'm glad to meet you.")
    assert "Thank you so much for introducing me to Owen Price" in fields(out, 1).draft
    assert "Owen Price at" not in fields(out, 1).draft  # never asks for an introduction already made
    assert fields(out, 3).draft.startswith("Hi Ines,\n\nA quick hello, and some news from my side")


@pytest.mark.parametrize(("row", "opening"), [
    # Cold with a LinkedIn URL: the opener says you are connected there.
    (dict(company="Stripe", closeness="Cold", linkedin="https://www.linkedin.com/in/ana"), "We're connected on LinkedIn, so I hope you don't mind a direct note."),
    # An imported Acquaintance gone stale: no "it's been a while" to someone you have not talked to.
    (dict(company="Acme", closeness="Acquaintance", last_contacted=date(2024, 3, 1), linkedin="https://www.linkedin.com/in/ana"),
     "We're connected on LinkedIn, though we haven't properly talked yet."),
    # A Warm friend gone stale: you have talked.
    (dict(company="Acme", closeness="Warm", last_contacted=date(2025, 3, 1)), "It's been a while since we last caught up"),
])
def test_the_opener_says_how_you_know_them_and_never_its_been_a_while_to_a_stranger(row, opening):
    draft = fields(drafted([person(1, "Ana", **row)]), 1).draft
    assert opening in draft
    if "LinkedIn" in opening:
        assert "It's been a while" not in draft


def test_a_new_introduction_counts_as_a_change_of_the_connectors_own_values_and_hands_back_their_columns():
    people = [person(1, "Jonas", closeness="Close", status="Reached out", last_contacted=NOV(16))]
    out = run(people)
    edited = [dataclasses.replace(r.person, current=dataclasses.replace(r.fields, next_step="Lunch on Friday")) for r in out.rows]
    kept = run([dataclasses.replace(r.person, current=r.fields) for r in run(edited).rows])
    assert fields(kept, 1).next_step == "Lunch on Friday"  # the user's edit stays while nothing of Jonas changes
    introduced = [dataclasses.replace(r.person, current=r.fields) for r in kept.rows] + [person(2, "Owen", introduced_by=[1], created_on=NOV(24))]
    assert fields(run(introduced), 1).next_step.startswith("Thank Jonas for introducing you to Owen")


def test_an_in_touch_row_without_a_date_counts_its_check_in_from_the_first_day_and_keeps_it():
    # Ana: Warm, In touch, no Last contacted. Thu 26 Nov + 90 days = Wed 24 Feb 2027, kept the next day.
    out = run([person(1, "Ana", closeness="Warm", status="In touch")])
    assert fields(out, 1).follow_up_on == date(2027, 2, 24)
    assert fields(rerun(out, today=NOV(27)), 1).follow_up_on == date(2027, 2, 24)
