"""Each next step gets its own message, carrying the facts it must: whom, the ask, the people, the dates."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.core.drafts.helpers import (
    CONNECTOR_TARGETS, ETHAN, HANNAH, MAYA, ME, OLIVER, PRIYA, RULES, TEMPLATES, ZARA, draft, person,
)
from worker.core.configuration import DEFAULT_DRAFTS, Me, RuleBook
from worker.core.drafts.compose import choose_kind
from worker.core.drafts import compose_draft
from worker.core.models import Action, Decision

RACHEL = person(10, "Rachel Kim", company="Stripe", role="Engineer", closeness="Warm", last_contacted=date(2026, 10, 5))
EMILY = person(11, "Emily Zhang", company="Figma", role="Engineering Manager", last_contacted=date(2026, 11, 20))
AMARA = person(12, "Amara Nwosu", company="Intercom", role="Engineering Manager", last_contacted=date(2026, 11, 5),
               meeting_on=date(2026, 12, 3))
DATE = re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


def role_ask(role: str, company: str) -> str:
    return TEMPLATES.phrases(role).ask.replace("{company}", company)


def test_a_warm_pitch_greets_by_first_name_and_asks_for_an_interview_at_their_company():
    made = draft(RACHEL, Action.NEW, "warm pitch")
    assert made.kind == "warm_pitch"
    assert made.body.startswith("Hi Rachel,")
    assert "Stripe" in made.body and "Stripe" in made.subject
    assert role_ask("Engineer", "Stripe") in made.body
    assert ME.pitch in made.body and made.body.rstrip().endswith(ME.links[-1])


@pytest.mark.parametrize("role", ["Engineer", "Engineering Manager", "Recruiter", "Founder"])
def test_the_role_colours_the_interview_ask(role):
    body = draft(person(20, "Lee Park", company="Figma", role=role), Action.NEW, "cold pitch").body
    assert role_ask(role, "Figma") in body
    others = {r for r in ("Engineer", "Engineering Manager", "Recruiter", "Founder") if r != role}
    assert not any(role_ask(other, "Figma") in body for other in others)


def test_a_role_outside_the_template_gets_the_other_roles_words():
    body = draft(person(20, "Lee Park", company="Figma", role="Designer"), Action.NEW, "cold pitch").body
    assert role_ask("Other", "Figma") in body


def test_a_cold_pitch_says_who_you_are_before_the_ask():
    made = draft(person(21, "Hannah Schmidt", company="Stripe", role="Recruiter"), Action.NEW, "cold pitch")
    assert made.kind == "cold_pitch"
    assert made.body.startswith("Hi Hannah,")
    assert f"I'm {ME.name}, {ME.pitch}." in made.body
    assert role_ask("Recruiter", "Stripe") in made.body


def test_an_intro_request_names_the_targets_and_carries_a_blurb_to_forward():
    made = draft(MAYA, Action.NEW, "introductions", targets=CONNECTOR_TARGETS)
    assert made.kind == "intro_request"
    assert made.body.startswith("Hi Maya,")
    assert "introducing me to Ethan Brooks at Stripe, Hannah Schmidt at Stripe and Oliver Grant at Figma?" in made.body
    assert ZARA.name not in made.body  # one ask: three people at most
    blurb = made.body.split("forward as is:", 1)[1]
    assert f"{ME.name} is {ME.pitch}." in blurb  # about you, in the third person, forwardable as is
    assert 2 <= blurb.count(". ") + 1 <= 4


def test_a_connector_who_can_reach_no_one_yet_is_asked_for_people_at_the_target_companies():
    body = draft(PRIYA, Action.NEW, "introductions").body
    assert "three engineers or engineering managers at Stripe, Figma or Notion" in body
    assert f"{ME.name} is {ME.pitch}." in body


def test_without_target_companies_the_ask_is_for_people_they_think_you_should_meet():
    body = draft(PRIYA, Action.NEW, "introductions", rules=RuleBook()).body
    assert "three people you think I should meet" in body


def test_the_note_after_an_introduction_thanks_the_introducer_and_makes_the_ask():
    made = draft(ETHAN, Action.VIA_INTRO, "intro pitch", first_hop=MAYA.page_id, intro_path=(MAYA.page_id, ETHAN.page_id))
    assert made.kind == "after_intro"
    assert made.body.startswith("Hi Ethan,")
    assert "Maya was kind enough to introduce us" in made.body
    assert made.subject == "Introduction from Maya Patel"
    assert role_ask("Engineer", "Stripe") in made.body


def test_after_two_introductions_the_note_thanks_the_last_one_and_the_path_names_everyone():
    templates = TEMPLATES.model_copy(update={"after_intro": DEFAULT_DRAFTS["after_intro"].model_copy(
        update={"body": "{introducer_first_name} / {via} / {path}"})})
    made = draft(ETHAN, Action.VIA_INTRO, "intro pitch", templates=templates, first_hop=PRIYA.page_id,
                 intro_path=(PRIYA.page_id, MAYA.page_id, ETHAN.page_id))
    assert made.body == "Maya / Priya Raman / Sam Rivera → Priya Raman → Maya Patel → Ethan Brooks"


def test_a_new_intro_pitch_without_a_first_hop_is_written_as_a_cold_pitch():
    assert draft(ETHAN, Action.NEW, "intro pitch").kind == "cold_pitch"


def test_a_warm_up_asks_for_advice_in_the_words_of_their_role():
    made = draft(MAYA, Action.NEW, "advice")
    assert made.kind == "advice"
    assert made.body.startswith("Hi Maya,")
    assert TEMPLATES.phrases("Engineering Manager").question in made.body
    assert "introduc" not in made.body  # one ask per message, even for a first hop


def test_a_shared_interest_note_names_the_interests_and_asks_for_nothing_big():
    made = draft(MAYA, Action.NEW, "shared interest")
    assert made.kind == "shared_interest"
    assert "Distributed systems and Climbing" in made.body
    assert "role" not in made.body


def test_the_first_nudge_names_the_day_of_your_message():
    made = draft(EMILY, Action.FOLLOW_UP, "warm pitch", messages=1, first_message=date(2026, 11, 20))
    assert made.kind == "follow_up"
    assert made.body.startswith("Hi Emily,") and "my note from 20 Nov" in made.body
    assert "introduc" not in made.body


def test_the_second_nudge_names_the_first_message_of_the_run():
    made = draft(EMILY, Action.FOLLOW_UP, "warm pitch", messages=2, first_message=date(2026, 11, 13))
    assert made.kind == "follow_up_again"
    assert "since 13 Nov" in made.body


def test_a_first_hop_past_not_contacted_carries_the_intro_request_in_its_nudge():
    made = draft(MAYA, Action.FOLLOW_UP, "introductions", messages=1, targets=(ETHAN.page_id,))
    assert "introducing me to Ethan Brooks at Stripe?" in made.body
    assert f"{ME.name} is {ME.pitch}." in made.body


def test_the_parked_note_names_the_messages_and_leaves_room_for_your_news():
    made = draft(EMILY, Action.PARKED, "warm pitch", messages=3, first_message=date(2026, 11, 6),
                 parked_until=date(2027, 2, 18))
    assert made.kind == "parked"
    assert "my notes from 6 Nov to 20 Nov" in made.body
    assert "[one line of news" in made.body


def test_a_reply_after_a_real_conversation_asks_for_the_rest_of_the_introductions():
    made = draft(AMARA, Action.REPLY, "", intros_made=1, intros_to_ask=2)
    assert made.kind == "reply"
    assert made.body.startswith("Hi Amara,")
    assert "introducing me to two more engineers or engineering managers at Stripe, Figma or Notion?" in made.body


def test_the_ask_for_more_introductions_names_the_targets_when_there_are_any():
    body = draft(AMARA, Action.REPLY, "", intros_made=1, intros_to_ask=2, targets=CONNECTOR_TARGETS).body
    assert "introducing me to Ethan Brooks at Stripe and Hannah Schmidt at Stripe?" in body
    assert OLIVER.name not in body  # two asked, two named


def test_a_pre_meeting_note_names_the_day_of_the_meeting():
    made = draft(AMARA, Action.MEETING)
    assert made.kind == "meeting"
    assert "our conversation on 3 Dec" in made.body and made.subject == "Our conversation on 3 Dec"
    assert TEMPLATES.phrases("Engineering Manager").question in made.body


def test_a_thank_you_asks_for_introductions_naming_the_target_companies():
    made = draft(AMARA, Action.THANK_YOU, intros_to_ask=3)
    assert made.kind == "thank_you"
    assert "Thank you again" in made.body
    assert "three engineers or engineering managers at Stripe, Figma or Notion" in made.body


def test_a_thank_you_to_someone_who_made_all_their_introductions_only_thanks():
    made = draft(AMARA, Action.THANK_YOU, intros_made=3, intros_to_ask=0)
    assert "Thank you again" in made.body and "introduc" not in made.body


def test_a_check_in_names_their_company():
    made = draft(person(30, "Nina Kowalski", company="Stripe", role="Recruiter"), Action.CHECK_IN)
    assert made.kind == "check_in" and "next steps at Stripe" in made.body


@pytest.mark.parametrize("action", [Action.NONE])
def test_a_row_with_no_next_step_gets_no_draft(action):
    assert draft(MAYA, action, "introductions", targets=CONNECTOR_TARGETS).body == ""
    assert draft(MAYA, Action.NEW, "").body == ""


@pytest.mark.parametrize("action, kind", [
    (Action.NEW, "warm pitch"), (Action.NEW, "introductions"), (Action.VIA_INTRO, "intro pitch"),
    (Action.FOLLOW_UP, ""), (Action.REPLY, ""), (Action.THANK_YOU, ""), (Action.CHECK_IN, ""),
])
def test_without_your_name_no_draft_is_written(action, kind):
    made = draft(MAYA, action, kind, me=Me(pitch="an engineer"), first_hop=PRIYA.page_id)
    assert (made.kind, made.subject, made.body) == ("", "", "")


def test_every_template_has_an_action_that_chooses_it():
    chosen = {choose_kind(Decision(action=action, ask_kind=kind, messages=messages, first_hop="x"))
              for action in Action for kind in ("warm pitch", "cold pitch", "intro pitch", "introductions",
                                                "advice", "shared interest", "") for messages in (1, 2)}
    assert chosen - {""} == set(DEFAULT_DRAFTS)


@pytest.mark.parametrize("action, kind, extra", [
    (Action.NEW, "warm pitch", {}), (Action.FOLLOW_UP, "", {"messages": 2}), (Action.PARKED, "", {"messages": 3}),
    (Action.REPLY, "", {}), (Action.MEETING, "", {}), (Action.THANK_YOU, "", {"intros_to_ask": 3}),
])
def test_drafts_carry_dates_as_dates_never_ages(action, kind, extra):
    made = draft(AMARA, action, kind, first_message=date(2026, 10, 28), parked_until=date(2027, 2, 1), **extra)
    text = made.subject + "\n" + made.body
    assert not re.search(r"\bdays?\b|\bweeks? ago\b|\bago\b|\byesterday\b", text)
    if action in (Action.FOLLOW_UP, Action.PARKED, Action.MEETING):
        assert DATE.search(text)


def test_names_from_the_other_rows_come_from_others_and_unknown_ids_are_skipped():
    made = draft(MAYA, Action.NEW, "introductions", targets=("f" * 32, HANNAH.page_id), others={HANNAH.page_id: HANNAH})
    assert "introducing me to Hannah Schmidt at Stripe?" in made.body


def test_a_connector_is_asked_about_the_person_they_know_on_the_way_to_a_target_two_introductions_away():
    tom = person(40, "Tom Becker", company="Vercel")
    lena = person(41, "Lena Fischer", company="Datadog")
    others = {p.page_id: p for p in (PRIYA, tom, lena, ETHAN)}
    paths = {lena.page_id: (PRIYA.page_id, tom.page_id, lena.page_id), ETHAN.page_id: (PRIYA.page_id, ETHAN.page_id)}
    made = compose_draft(PRIYA, Decision(action=Action.NEW, ask_kind="introductions", targets=(lena.page_id, ETHAN.page_id)),
                         others, rules=RULES, me=ME, templates=TEMPLATES, paths=paths)
    assert "introducing me to Tom Becker at Vercel, who knows Lena Fischer at Datadog and Ethan Brooks at Stripe?" in made.body


def test_two_targets_behind_the_same_person_name_that_person_once():
    tom = person(40, "Tom Becker", company="Vercel")
    lena, noor = person(41, "Lena Fischer", company="Datadog"), person(42, "Noor Haddad", company="Datadog")
    others = {p.page_id: p for p in (PRIYA, tom, lena, noor)}
    paths = {t.page_id: (PRIYA.page_id, tom.page_id, t.page_id) for t in (lena, noor)}
    made = compose_draft(PRIYA, Decision(action=Action.NEW, ask_kind="introductions", targets=(lena.page_id, noor.page_id)),
                         others, rules=RULES, me=ME, templates=TEMPLATES, paths=paths)
    assert "introducing me to Tom Becker at Vercel, who knows Lena Fischer at Datadog and Noor Haddad at Datadog?" in made.body
    assert made.body.count("Tom Becker") == 1
