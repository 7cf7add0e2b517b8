"""SPEC §4, §4.2, §4.4: strength with decay, staleness, business days, Status dates and meetings, labels."""

from datetime import date, timedelta

import pytest

from rules_helpers import TODAY, decision, edit, fields, person, rerun, run, written
from worker.core.today.warnings import describe_warning
from worker.core.configuration import RuleBook
from worker.core.models import Action
from worker.core.dates import add_business_days


@pytest.mark.parametrize(
    ("closeness", "days", "strength"),
    [
        ("Close", 0, 100),
        ("Close", 90, 70),  # 100 × 0.5^0.5 = 70.71
        ("Warm", 84, 50),  # 70 × 0.5^(84/180) = 50.65
        ("Warm", 180, 35),  # exactly half
        ("Warm", 360, 20),  # 17.5 rounds half up
        ("Close", 540, 15),  # 12.5 rounds half up
        ("Acquaintance", 30, 35),  # 40 × 0.5^(1/6) = 35.64
        ("Cold", 10, 0),
        ("", 10, 0),
    ],
)
def test_strength_decays_by_half_every_180_days_in_steps_of_5(closeness, days, strength):
    out = run([person(1, closeness=closeness, last_contacted=TODAY - timedelta(days=days))])
    assert fields(out, 1).strength == strength
    assert isinstance(fields(out, 1).strength, int)


def test_a_last_contacted_in_the_future_counts_as_today():
    out = run([person(1, closeness="Warm", last_contacted=TODAY + timedelta(days=30))])
    assert fields(out, 1).strength == 70


def test_an_empty_last_contacted_gives_no_strength_not_stale_and_says_the_date_is_missing():
    out = run([person(1, name="Ana Ruiz", closeness="Close")])
    f = fields(out, 1)
    assert (f.strength, f.stale, f.suggested_ask) == (None, False, "Request introductions")
    assert "the Last contacted date is missing" in f.why


@pytest.mark.parametrize(
    ("closeness", "days", "stale"),
    [
        ("Close", 180, False), ("Close", 181, True),
        ("Warm", 90, False), ("Warm", 91, True),
        ("Acquaintance", 45, False), ("Acquaintance", 46, True),
        ("Cold", 5000, False),
    ],
)
def test_stale_means_in_network_and_more_than_the_closeness_horizon(closeness, days, stale):
    out = run([person(1, closeness=closeness, last_contacted=TODAY - timedelta(days=days))])
    assert fields(out, 1).stale is stale


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 11, 26), 1, date(2026, 11, 27)),  # Thu → Fri
        (date(2026, 11, 26), 2, date(2026, 11, 30)),  # Thu → Mon
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Fri → Mon
        (date(2026, 11, 28), 1, date(2026, 11, 30)),  # Sat → Mon
        (date(2026, 11, 29), 5, date(2026, 12, 4)),  # Sun → Fri
        (date(2026, 11, 26), 5, date(2026, 12, 3)),
        (date(2026, 11, 26), 10, date(2026, 12, 10)),
        (date(2026, 11, 26), 0, date(2026, 11, 26)),
    ],
)
def test_n_business_days_is_the_nth_weekday_strictly_after(start, n, expected):
    assert add_business_days(start, n) == expected


# Today is Thu 26 Nov 2026. (status, Last contacted, Meeting on) → (action, Follow up on).
STATUS_DATES = [
    # Reached out: the last message + 5 business days (Fri 20 → Mon 23 … Fri 27 Nov).
    ("Reached out", date(2026, 11, 20), None, Action.FOLLOW_UP, date(2026, 11, 27)),
    # Replied: owed the day it came, the later of Last contacted and the day first read (today).
    ("Replied", date(2026, 11, 26), None, Action.REPLY, date(2026, 11, 26)),
    # Meeting ahead: its own date; a meeting today is still ahead of you.
    ("Meeting scheduled", date(2026, 11, 20), date(2026, 12, 3), Action.MEETING, date(2026, 12, 3)),
    ("Meeting scheduled", date(2026, 11, 20), TODAY, Action.MEETING, TODAY),
    # Meeting past (Tue 24 Nov): the next business day, to thank them.
    ("Meeting scheduled", date(2026, 11, 20), date(2026, 11, 24), Action.THANK_YOU, date(2026, 11, 25)),
    # A meeting on a Friday is thanked on Monday.
    ("Meeting scheduled", date(2026, 11, 2), date(2026, 11, 20), Action.THANK_YOU, date(2026, 11, 23)),
    # No Meeting on: Last contacted + 1, "after the meeting".
    ("Meeting scheduled", date(2026, 11, 27), None, Action.THANK_YOU, date(2026, 11, 30)),
    # Interviewing and Referred: + 10 (Mon 16 Nov → Mon 30 Nov).
    ("Interviewing", date(2026, 11, 16), None, Action.CHECK_IN, date(2026, 11, 30)),
    ("Referred", date(2026, 11, 16), None, Action.CHECK_IN, date(2026, 11, 30)),
    ("Not interested", date(2026, 11, 16), None, Action.NONE, None),
]


@pytest.mark.parametrize(("status", "last", "meeting", "action", "follow_up"), STATUS_DATES)
def test_follow_up_on_follows_the_status_and_the_meeting_date(status, last, meeting, action, follow_up):
    out = run([person(1, name="Ana Ruiz", closeness="Warm", status=status, last_contacted=last, meeting_on=meeting)])
    assert (decision(out, 1).action, fields(out, 1).follow_up_on) == (action, follow_up)


def test_a_meeting_ahead_says_to_meet_them_on_its_date_and_what_to_ask_at_the_end():
    out = run([person(1, name="Ana Ruiz", closeness="Warm", company="Stripe", role="Engineer",
                      status="Meeting scheduled", last_contacted=date(2026, 11, 20), meeting_on=date(2026, 12, 3))])
    assert fields(out, 1).next_step == "Meet Ana Ruiz on 3 Dec 2026; at the end, ask them to refer you for an interview."


def test_a_past_meeting_says_to_thank_them_and_ask_for_introductions():
    out = run([person(1, name="Ana Ruiz", closeness="Warm", status="Meeting scheduled",
                      last_contacted=date(2026, 11, 20), meeting_on=date(2026, 11, 24))])
    assert fields(out, 1).next_step.startswith("Thank Ana Ruiz for the meeting on 24 Nov 2026 and ask for 3 introductions")
    assert decision(out, 1).intros_to_ask == 3


def test_a_meeting_without_a_date_is_worded_after_the_meeting():
    out = run([person(1, name="Ana Ruiz", closeness="Warm", status="Meeting scheduled", last_contacted=date(2026, 11, 25))])
    assert fields(out, 1).next_step.startswith("After the meeting, thank Ana Ruiz and ask for 3 introductions")


def test_a_status_date_with_no_last_contacted_counts_from_today_and_stays_put_on_later_days():
    first = run([person(1, closeness="Warm", status="Interviewing")])
    assert fields(first, 1).follow_up_on == date(2026, 12, 10)  # Thu 26 + 10 business days
    for later in (date(2026, 11, 27), date(2026, 12, 8)):
        again = rerun(first, today=later)
        assert fields(again, 1).follow_up_on == date(2026, 12, 10)
        assert again.rows[0].changed == ()


def test_a_status_date_counted_from_today_is_counted_again_when_the_status_changes():
    first = run([person(1, closeness="Warm", status="Replied")])
    later = run(edit(written(first), 1, status="Interviewing"), today=date(2026, 11, 30))
    assert fields(later, 1).follow_up_on == date(2026, 12, 14)  # Mon 30 Nov + 10 business days


def test_not_interested_gets_no_ask_no_date_and_no_stale_but_still_a_strength():
    out = run([person(1, name="Ana Ruiz", closeness="Warm", status="Not interested", last_contacted=date(2026, 3, 1))])
    f = fields(out, 1)
    assert (f.suggested_ask, f.follow_up_on, f.stale, f.next_step) == (None, None, False, "")
    assert f.strength == 25  # 1 Mar → 26 Nov is 270 days: 70 × 0.5^(270/180) = 24.7 → 25


@pytest.mark.parametrize(
    ("closeness", "status", "warning"),
    [
        ("Besties", "", "Closeness 'Besties' is not a known option; counted as Cold"),
        ("Warm", "Ghosted", "Status 'Ghosted' is not a known option; counted as Not contacted"),
    ],
)
def test_an_unknown_option_counts_as_the_default_with_a_warning_naming_the_row(closeness, status, warning):
    out = run([person(1, name="Ana Ruiz", closeness=closeness, status=status, last_contacted=TODAY)])
    assert [(w.name, describe_warning(w)) for w in out.warnings] == [("Ana Ruiz", warning)]
    f = fields(out, 1)
    if closeness == "Besties":
        assert (f.strength, f.suggested_ask) == (0, None)
    else:
        assert (f.suggested_ask, decision(out, 1).action) == ("Request introductions", Action.NEW)


def test_option_labels_are_mapped_through_the_config_before_the_rules():
    rules = RuleBook(closeness_labels={"Besties": "Close"}, status_labels={"Emailed": "Reached out"})
    out = run([person(1, closeness="Besties", status="Emailed", last_contacted=date(2026, 11, 20))], rules=rules)
    f = fields(out, 1)
    assert (f.strength, f.follow_up_on, out.warnings) == (100, date(2026, 11, 27), ())


@pytest.mark.parametrize("role", ["Engineer", "Engineering Manager", "Recruiter", "Founder", "Other", ""])
def test_role_only_colours_the_words(role):
    plain = run([person(1, name="Ana Ruiz", company="Stripe", closeness="Warm", last_contacted=date(2026, 11, 2))])
    coloured = run([person(1, name="Ana Ruiz", company="Stripe", closeness="Warm", last_contacted=date(2026, 11, 2), role=role)])
    a, b = fields(plain, 1), fields(coloured, 1)
    assert (a.suggested_ask, a.follow_up_on, a.strength, a.stale) == (b.suggested_ask, b.follow_up_on, b.strength, b.stale)
    assert decision(plain, 1).action == decision(coloured, 1).action


def test_the_core_cuts_why_and_next_step_at_a_word_to_max_text_in_utf16_units():
    rules = RuleBook(max_text=40)
    out = run([person(1, name="Ana 😀 Ruiz", shared_interests=("distributed systems", "bouldering", "jazz"))], rules=rules)
    f = fields(out, 1)
    assert f.why == "Ana 😀 Ruiz is not in your network yet…"
    assert f.next_step == "Reach out to Ana 😀 Ruiz about…"
    assert all(len(text.encode("utf-16-le")) // 2 <= 40 for text in (f.why, f.next_step))
