"""The second sample (examples/outreach-list-in-flight.csv): an export after weeks of daily syncs.

The expected values follow from the export's own cells (Last contacted, Status, Meeting on) and
SPEC §4.4; the comment beside each shows how.
"""

from __future__ import annotations

import dataclasses
import tomllib
from datetime import date
from pathlib import Path

import pytest

from worker.core.configuration import PropertyNames, RuleBook
from worker.core.models import Action
from worker.files.export import fetch_people_from_csv
from worker.core.rules import compute_outcome

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
THURSDAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def rules() -> RuleBook:
    config = tomllib.loads((EXAMPLES / "outreach-in-flight.toml").read_text(encoding="utf-8"))
    return RuleBook(target_companies=tuple(config["target_companies"]),
                    target_aliases={k: tuple(v) for k, v in config["target_aliases"].items()})


@pytest.fixture(scope="module")
def people():
    return fetch_people_from_csv(EXAMPLES / "outreach-list-in-flight.csv", PropertyNames())[0]


@pytest.fixture(scope="module")
def thursday(people, rules):
    return {r.person.name: r for r in compute_outcome(people, rules, THURSDAY).rows}


# (name, action, Follow up on)
FACTS = [
    # Three unanswered messages: parked until the last one + 90 days, on a business day.
    ("Ethan Brooks", Action.PARKED, date(2027, 2, 22)),  # 9, 16, 23 Nov; + 90 is Sunday 21 Feb
    ("Rachel Kim", Action.PARKED, date(2027, 2, 15)),  # 2, 9, 16 Nov; + 90 is Sunday 14 Feb
    ("Ben Carter", Action.PARKED, date(2027, 2, 15)),  # 3, 10, 17 Nov
    ("Leah Goldberg", Action.PARKED, date(2027, 2, 10)),  # 29 Oct, 5 and 12 Nov
    # Replies are owed from the day they came: Sam's was read on Tue 24 (his Worker state says so);
    # Olivia's Replied, set after Wednesday's sync, is read on Thursday (later than her Wed 25).
    ("Sam Whitaker", Action.REPLY, date(2026, 11, 24)),
    ("Olivia Bennett", Action.REPLY, date(2026, 11, 26)),
    # Meetings ahead: their own dates.
    ("Hannah Schmidt", Action.MEETING, date(2026, 12, 1)),
    ("Wei Chen", Action.MEETING, date(2026, 12, 2)),
    # Waiting for a reply: the last message + 5 business days, the intro requests riding along.
    ("Jordan Lee", Action.FOLLOW_UP, date(2026, 11, 26)),  # Thu 19 Nov
    ("Aisha Bello", Action.VIA_INTRO, date(2026, 11, 26)),  # Jordan's date
    ("Tom Becker", Action.FOLLOW_UP, date(2026, 11, 30)),  # Mon 23 Nov
    ("Lena Fischer", Action.VIA_INTRO, date(2026, 11, 30)),  # Tom's date
    # v3, an introduction in flight: Owen Price, added Thursday morning with Introduced by = Kai
    # (Created time 26 Nov). Owen's message answers it, due that day; Kai's follow-up on his 24 Nov
    # message becomes the thank-you, due the same day (the introduction was his answer).
    ("Owen Price", Action.ANSWER_INTRO, date(2026, 11, 26)),
    ("Kai Nakamura", Action.THANK_CONNECTOR, date(2026, 11, 26)),
    ("Priya Raman", Action.FOLLOW_UP, date(2026, 11, 26)),  # Thu 19 Nov
    # Interviewing and Referred: + 10 business days.
    ("Nina Kowalski", Action.CHECK_IN, date(2026, 11, 26)),  # Thu 12 Nov
    ("Marcus Johnson", Action.CHECK_IN, date(2026, 11, 27)),  # Fri 13 Nov
    ("Zoe Turner", Action.CHECK_IN, date(2026, 12, 9)),  # Wed 25 Nov
    # Maya's own date, set on 16 Nov, stays.
    ("Maya Patel", Action.REPLY, date(2026, 12, 15)),
    ("Victor Hale", Action.NONE, None),
    ("Sarah Cohen", Action.NONE, None),
]


@pytest.mark.parametrize("facts", FACTS, ids=[facts[0] for facts in FACTS])
def test_thursdays_list_follows_the_conversation(thursday, facts):
    name, action, follow_up = facts
    assert (thursday[name].decision.action, thursday[name].fields.follow_up_on) == (action, follow_up)


def test_the_paused_rows_are_left_as_they_are(thursday):
    for name in ("Greta Lindqvist", "Chris Donovan"):
        assert thursday[name].changed == () and thursday[name].fields.follow_up_on is None


def test_introductions_made_are_counted_from_introduced_by(thursday):
    assert (thursday["Maya Patel"].fields.intros_made, thursday["Kai Nakamura"].fields.intros_made) == (3, 2)
    # Maya's three were made before your last contact (Created time 2 to 4 Nov, Last contacted 12 Nov).
    assert "thank them for the 3 introductions" in thursday["Maya Patel"].fields.next_step


def test_the_introduction_in_flight_is_one_answer_and_one_thank_you(thursday):
    assert thursday["Owen Price"].fields.next_step == (
        "Answer Kai Nakamura's introduction: write to Owen Price and ask about an interview for their team at Linear."
    )
    assert thursday["Kai Nakamura"].fields.next_step == (
        "Thank Kai Nakamura for introducing you to Owen Price, and ask for 1 more introduction (they have"
        " introduced you to 2) to engineers or engineering managers at Stripe, Figma and Notion."
    )



def test_the_thank_you_draft_names_owen_and_never_asks_for_him_again(people, rules):
    from worker.core.configuration import Me

    drafted = {r.person.name: r for r in compute_outcome(people, rules, THURSDAY, me=Me(name="Sam Doe")).rows}
    draft = drafted["Kai Nakamura"].fields.draft
    assert "Thank you so much for introducing me to Owen Price" in draft
    assert "Owen Price at" not in draft and "one more engineer or engineering manager" in draft
    assert drafted["Owen Price"].fields.draft.startswith("Hi Owen,\n\nThanks to Kai for introducing us")


def test_the_export_is_what_the_last_sync_wrote_plus_the_persons_edits_since(people, rules):
    wednesday = compute_outcome(people, rules, date(2026, 11, 25))
    # Zoe and Olivia were edited since; Owen was added Thursday morning, which makes Kai owe a thank-you.
    assert {r.person.name for r in wednesday.rows if r.changed} == {"Zoe Turner", "Olivia Bennett", "Owen Price", "Kai Nakamura"}


def test_a_second_sync_on_thursday_changes_nothing(thursday, rules):
    written = [dataclasses.replace(r.person, current=r.fields) for r in thursday.values()]
    assert all(r.changed == () for r in compute_outcome(written, rules, THURSDAY).rows)
