"""The rules write each row's Draft and Mail link (SPEC §9) from the same Decision as its Next step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from urllib.parse import parse_qs, unquote, urlsplit

from worker.core.configuration import Me
from worker.core.models import Action

from rules_helpers import TODAY, edit_worker, fields, person, pid, row, run, written

RECENT_DAY = TODAY - timedelta(days=10)

ME = Me(name="Jamie Rivera", pitch="a backend engineer with six years on payments", links="https://jamie.example")
VOICE = {"me": ME}


def body_of(link: str) -> str:
    return unquote(parse_qs(urlsplit(link).query, keep_blank_values=True)["body"][0]).replace("\r\n", "\n")


def people():
    return [
        person(1, "Ana Ruiz", company="Stripe", role="Engineer", closeness="Warm", last_contacted=RECENT_DAY,
               email="ana@example.com"),
        person(2, "Bo Chen", company="Acme", closeness="Close", last_contacted=RECENT_DAY, knows=[3]),
        person(3, "Cy Wu", company="Figma", role="Recruiter"),
    ]


def test_every_row_with_a_next_step_gets_a_draft_in_the_users_voice():
    out = run(people(), **VOICE)
    ana, bo, cy = (fields(out, n) for n in (1, 2, 3))
    assert row(out, 1).decision.action is Action.NEW and ana.draft.startswith("Hi Ana,")
    assert "Jamie" in ana.draft
    assert "Cy Wu" in bo.draft  # the intro request names the target
    assert row(out, 3).decision.action is Action.VIA_INTRO and "Bo" in cy.draft  # the note once introduced


def test_without_my_name_the_draft_and_mail_link_stay_empty():
    out = run(people())
    assert all(r.fields.draft == "" and r.fields.mail_link == "" for r in out.rows)


def test_the_mail_link_opens_the_draft_for_rows_with_an_email_only():
    out = run(people(), **VOICE)
    ana = fields(out, 1)
    assert ana.mail_link.startswith("mailto:ana@example.com?subject=")
    assert body_of(ana.mail_link) == ana.draft
    assert fields(out, 2).mail_link == ""  # no Email


def test_a_draft_the_user_rewrote_stays_and_the_mail_link_opens_their_words():
    first = run(people(), **VOICE)
    mine = "Hi Ana, coffee next week? Jamie"
    later = run(edit_worker(written(first), 1, draft=mine), **VOICE)
    ana = fields(later, 1)
    assert ana.draft == mine
    assert body_of(ana.mail_link) == mine
    assert "draft" not in row(later, 1).changed


def test_a_list_without_a_mail_link_column_never_gets_one_written():
    out = run(people(), absent=frozenset({"mail_link"}), **VOICE)
    assert all("mail_link" not in r.changed for r in out.rows)


def test_a_second_run_with_nothing_changed_writes_no_draft_again():
    first = run(people(), **VOICE)
    again = run(written(first), **VOICE)
    assert all(r.changed == () for r in again.rows)


def test_changing_my_pitch_rewrites_drafts_the_worker_wrote_but_never_one_the_user_rewrote():
    first = run(people(), **VOICE)
    people_now = edit_worker(written(first), 2, draft="My own words to Bo")
    later = run(people_now, me=ME.model_copy(update={"pitch": "a staff engineer who ships payments"}))
    assert "a staff engineer who ships payments" in fields(later, 1).draft  # Ana's warm pitch, the worker's
    assert fields(later, 2).draft == "My own words to Bo"


def waiting_connector(**columns):
    """A connector who knows Cy Wu at Figma, written to once and with no reply yet."""
    return [person(1, "Ana Ruiz", knows=[3], **{"status": "Reached out", "last_contacted": RECENT_DAY, **columns}),
            person(3, "Cy Wu", company="Figma", role="Recruiter")]


ASKED_FOR_THE_INTRO = {"company": "Acme", "closeness": "Close"}
PITCHED = {"company": "Stripe", "role": "Engineer", "closeness": "Warm"}
WARMED_UP = {"company": "Acme", "closeness": "Warm", "last_contacted": TODAY - timedelta(days=200)}


def test_a_nudge_on_an_intro_request_follows_up_on_that_request_and_makes_no_new_ask():
    out = run(waiting_connector(**ASKED_FOR_THE_INTRO), **VOICE)
    ana = fields(out, 1)
    assert row(out, 1).decision.action is Action.FOLLOW_UP
    assert "on your request for an introduction to Cy Wu at Figma" in ana.next_step
    assert "Also" not in ana.next_step and "once they answer" not in ana.next_step
    assert "Cy Wu at Figma" in ana.draft and "Jamie Rivera is a backend engineer" in ana.draft  # the blurb, again


@pytest.mark.parametrize("columns", [PITCHED, WARMED_UP], ids=["pitch", "advice"])
def test_a_nudge_on_a_pitch_or_a_warm_up_keeps_the_intro_request_for_their_answer(columns):
    out = run(waiting_connector(**columns), **VOICE)
    ana = fields(out, 1)
    assert (row(out, 1).decision.action, row(out, 1).decision.targets) == (Action.FOLLOW_UP, (pid(3),))
    assert ana.next_step.endswith("; once they answer, ask them to introduce you to Cy Wu at Figma.")
    assert "Also" not in ana.next_step
    assert ana.draft.startswith("Hi Ana,") and "introduc" not in ana.draft and "Cy Wu" not in ana.draft


def test_a_check_in_with_a_connector_keeps_the_intro_request_for_their_answer():
    out = run(waiting_connector(status="Referred", company="Acme", closeness="Warm"), **VOICE)
    ana = fields(out, 1)
    assert row(out, 1).decision.action is Action.CHECK_IN
    assert ana.next_step == ("Check in with Ana Ruiz on how the referral is going; once they answer, ask them to"
                             " introduce you to Cy Wu at Figma.")
    assert "introduc" not in ana.draft


def test_a_first_pitch_to_a_connector_makes_one_ask_and_its_next_step_says_the_intro_comes_after():
    out = run([person(1, "Ana Ruiz", last_contacted=RECENT_DAY, knows=[3], **PITCHED),
               person(3, "Cy Wu", company="Figma")], **VOICE)
    ana = fields(out, 1)
    assert row(out, 1).decision.action is Action.NEW and "refer me" in ana.draft
    assert "introduc" not in ana.draft
    assert "once they answer, ask them to introduce you to Cy Wu at Figma" in ana.next_step
