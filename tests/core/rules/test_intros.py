"""SPEC §4.3: Intros made, and asking for the rest of the method's three after a real conversation."""

from datetime import date

import pytest

from rules_helpers import decision, fields, person, run
from worker.core.configuration import Me, RuleBook

ME = Me(name="Jamie Rivera")
REPLIED = {"closeness": "Warm", "status": "Replied", "last_contacted": date(2026, 11, 25)}


def introduced_by_ana(count, paused=0):
    people = [person(1, name="Ana", **REPLIED)]
    people += [person(10 + n, introduced_by=[1], paused=n < paused) for n in range(count)]
    return people


@pytest.mark.parametrize(("count", "paused", "made"), [(0, 0, None), (1, 0, 1), (2, 1, 2), (4, 4, 4)])
def test_intros_made_counts_the_rows_paused_included_whose_introduced_by_names_the_person(count, paused, made):
    out = run(introduced_by_ana(count, paused))
    assert fields(out, 1).intros_made == made
    assert decision(out, 1).intros_made == (made or 0)


def test_a_row_naming_the_person_twice_or_itself_counts_once_or_not_at_all():
    people = [person(1, name="Ana", introduced_by=[1], **REPLIED), person(2, introduced_by=[1, 1])]
    assert fields(run(people), 1).intros_made == 1


@pytest.mark.parametrize(
    ("count", "next_step"),
    [
        (0, "Reply to Ana and ask for 3 introductions to engineers or engineering managers at Stripe, Figma and Notion."),
        (1, "Reply to Ana and ask for 2 more introductions (they have introduced you to 1) to engineers or engineering"
            " managers at Stripe, Figma and Notion."),
        (2, "Reply to Ana and ask for 1 more introduction (they have introduced you to 2) to engineers or engineering"
            " managers at Stripe, Figma and Notion."),
        (3, "Reply to Ana and thank them for the 3 introductions."),
    ],
)
def test_after_a_reply_a_person_is_asked_for_the_rest_of_three_introductions(count, next_step):
    rules = RuleBook(target_companies=("Stripe", "Figma", "Notion", "Datadog"))
    out = run(introduced_by_ana(count), rules=rules)
    assert fields(out, 1).next_step == next_step
    assert decision(out, 1).intros_to_ask == max(0, 3 - count)


def test_the_ask_names_the_targets_the_person_can_reach_when_there_are_any():
    people = introduced_by_ana(1) + [person(20, name="Bo Li", company="Stripe")]
    people[0] = person(1, name="Ana", knows=[20], **REPLIED)
    out = run(people)
    assert fields(out, 1).next_step == (
        "Reply to Ana and ask for 2 more introductions (they have introduced you to 1), starting with Bo Li at Stripe."
    )


def test_with_no_target_companies_the_ask_is_for_people_they_think_you_should_meet():
    out = run(introduced_by_ana(0), rules=RuleBook())
    assert fields(out, 1).next_step == "Reply to Ana and ask for 3 introductions to people they think you should meet."


@pytest.mark.parametrize(
    ("meeting_on", "asked"),
    [(date(2026, 11, 24), 3), (None, 3), (date(2026, 12, 3), 0)],
    ids=["meeting past", "no meeting date", "meeting ahead"],
)
def test_a_meeting_counts_as_a_real_conversation_once_it_is_past(meeting_on, asked):
    out = run([person(1, name="Ana", closeness="Warm", status="Meeting scheduled",
                      last_contacted=date(2026, 11, 20), meeting_on=meeting_on)])
    assert decision(out, 1).intros_to_ask == asked


@pytest.mark.parametrize("status", ["Reached out", "Interviewing", "Not contacted"])
def test_no_status_but_a_reply_or_a_past_meeting_asks_for_the_rest(status):
    out = run([person(1, name="Ana", closeness="Warm", status=status, last_contacted=date(2026, 11, 20))])
    assert decision(out, 1).intros_to_ask == 0


def test_intros_per_person_comes_from_the_config():
    out = run(introduced_by_ana(2), rules=RuleBook(intros_per_person=5))
    assert decision(out, 1).intros_to_ask == 3
    assert "ask for 3 more introductions (they have introduced you to 2)" in fields(out, 1).next_step


def test_after_a_reply_someone_at_a_target_is_asked_for_the_interview_and_for_people_at_the_other_targets():
    out = run([person(1, name="Ana", company="Stripe, Inc.", role="Engineer", **REPLIED)], me=ME)
    assert fields(out, 1).next_step == (
        "Reply to Ana and ask them to refer you for an interview; also ask for 3 introductions to engineers"
        " or engineering managers at Figma."
    )
    assert "three engineers or engineering managers at Figma?" in fields(out, 1).draft


def test_a_first_intro_request_asks_for_the_rest_of_three_in_its_next_step_and_its_draft_alike():
    rules = RuleBook(target_companies=("Stripe", "Figma", "Notion", "Datadog"))
    people = introduced_by_ana(1)
    people[0] = person(1, name="Ana", closeness="Warm", last_contacted=date(2026, 11, 20))
    out = run(people, rules=rules, me=ME)
    assert fields(out, 1).next_step == (
        "Ask Ana for 2 more introductions (they have introduced you to 1) to engineers or engineering managers"
        " at Stripe, Figma and Notion."
    )
    assert "two more engineers or engineering managers at Stripe, Figma or Notion?" in fields(out, 1).draft
