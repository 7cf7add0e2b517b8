"""SPEC §4.3 v3 against Notion: an introduction a person logs is dated by their edit, remembered in
Worker state, answered and thanked; the worker's own bot id is asked for only while a link needs it."""

from __future__ import annotations

from datetime import timedelta

from worker.core.dates import next_business_day
from worker.notion.codec import person_from_page
from worker.core.configuration import PropertyNames
from zoneinfo import ZoneInfo

NAMES = PropertyNames()


def _row(fake, page_id):
    return person_from_page(fake.page_object(page_id), NAMES, ZoneInfo("UTC"))


def test_a_logged_introduction_is_dated_by_the_persons_edit_answered_and_thanked(fake, cli):
    _, ds_id = fake.create_outreach_list()
    day = fake.clock.now().date()
    earlier = (day - timedelta(days=20)).isoformat()
    [jonas] = fake.add_people(ds_id, [{"Name": "Jonas Weber", "Company": "Acme", "Closeness": "Close",
                                       "Last contacted": earlier, "Status": "Reached out"}])
    first = cli("sync", "--today", day.isoformat(), database=ds_id, targets="Stripe")
    assert first.code == 0, first.err
    assert fake.matching("GET", r"users/me") == []  # no link to date: no question about who edits

    [owen] = fake.add_people(ds_id, [{"Name": "Owen Price", "Company": "Stripe", "Role": "Engineer",
                                      "Introduced by": ["Jonas Weber"]}])  # a person logs it in Notion
    later = day + timedelta(days=1)
    second = cli("sync", "--today", later.isoformat(), database=ds_id, targets="Stripe")
    assert second.code == 0, second.err
    assert len(fake.matching("GET", r"users/me")) == 1
    owen_row, jonas_row = _row(fake, owen), _row(fake, jonas)
    assert owen_row.current.next_step == (
        "Answer Jonas Weber's introduction: write to Owen Price and ask them to refer you for an interview at Stripe.")
    edited = min(_edited_day(fake, owen), later)  # the day the person added the row, in the list's time zone
    assert owen_row.current.follow_up_on == next_business_day(edited)
    assert ";i=" in owen_row.current.worker_state
    assert jonas_row.current.next_step.startswith("Thank Jonas Weber for introducing you to Owen Price")

    written = len(fake.matching("PATCH", r"^/v1/pages/"))
    third = cli("sync", "--today", later.isoformat(), database=ds_id, targets="Stripe")
    assert third.code == 0 and len(fake.matching("GET", r"users/me")) == 1  # remembered: asked no more
    assert len(fake.matching("PATCH", r"^/v1/pages/")) == written  # and nothing changed


def _edited_day(fake, page_id):
    from datetime import datetime

    stamp = fake.page_object(page_id)["last_edited_time"]
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()
