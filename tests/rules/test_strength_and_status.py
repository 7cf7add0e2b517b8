"""SPEC §4: strength with decay, staleness, Status dates, business days, labels, closed statuses."""

from datetime import date, timedelta

import pytest

from rules_helpers import TODAY, fields, person, run
from worker.configuration import RuleBook
from worker.rules.followup import add_business_days
from worker.rules.text import truncate


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
    assert f.why == "Ana Ruiz is a close contact, and the Last contacted date is missing."


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


@pytest.mark.parametrize(
    ("status", "last", "follow_up", "ask", "next_step"),
    [
        ("Reached out", date(2026, 11, 20), date(2026, 11, 27), "Request introductions",
         "Follow up with Ana Ruiz if they have not replied."),
        ("Replied", date(2026, 11, 26), date(2026, 11, 30), "Request introductions", "Reply to Ana Ruiz."),
        ("Meeting scheduled", date(2026, 11, 27), date(2026, 11, 30), "Request introductions",
         "Thank Ana Ruiz for the meeting and ask them for introductions."),
        ("Interviewing", date(2026, 11, 16), date(2026, 11, 30), None,
         "Check in with Ana Ruiz on how the process is going."),
        ("Referred", date(2026, 11, 16), date(2026, 11, 30), None,
         "Check in with Ana Ruiz on how the referral is going."),
        ("Not interested", date(2026, 11, 16), None, None, ""),
    ],
)
def test_follow_up_on_and_next_step_follow_the_status(status, last, follow_up, ask, next_step):
    out = run([person(1, name="Ana Ruiz", closeness="Warm", status=status, last_contacted=last)])
    f = fields(out, 1)
    assert (f.follow_up_on, f.suggested_ask, f.next_step) == (follow_up, ask, next_step)


def test_closed_statuses_keep_a_why_and_still_write_strength_and_stale():
    out = run([person(1, name="Ana Ruiz", closeness="Warm", status="Not interested", last_contacted=date(2026, 11, 16))])
    f = fields(out, 1)
    assert f.why == "Ana Ruiz is marked Not interested, last contact on 16 Nov 2026, so there is nothing to follow up."
    assert (f.strength, f.stale, f.intro_path, f.intro_via) == (65, False, "", ())  # 70 × 0.5^(10/180) = 67.3


def test_a_status_date_with_no_last_contacted_counts_from_today_and_stays_put_next_day():
    from rules_helpers import rerun

    first = run([person(1, closeness="Warm", status="Reached out")])
    assert fields(first, 1).follow_up_on == date(2026, 12, 3)
    second = rerun(first, today=date(2026, 11, 27))
    assert fields(second, 1).follow_up_on == date(2026, 12, 3)
    assert "follow_up_on" not in second.rows[0].changed


@pytest.mark.parametrize(
    ("closeness", "status", "warning"),
    [
        ("Besties", "", "Closeness 'Besties' is not a known option; counted as Cold"),
        ("Warm", "Ghosted", "Status 'Ghosted' is not a known option; counted as Not contacted"),
    ],
)
def test_an_unknown_option_counts_as_the_default_with_a_warning_naming_the_row(closeness, status, warning):
    out = run([person(1, name="Ana Ruiz", closeness=closeness, status=status, last_contacted=TODAY)])
    assert [(w.name, w.message) for w in out.warnings] == [("Ana Ruiz", warning)]
    f = fields(out, 1)
    if closeness == "Besties":
        assert (f.strength, f.suggested_ask) == (0, None)
    else:
        assert (f.suggested_ask, f.follow_up_on) == ("Request introductions", TODAY)


def test_option_labels_are_mapped_through_the_config_before_the_rules():
    rules = RuleBook(closeness_labels={"Besties": "Close"}, status_labels={"Emailed": "Reached out"})
    out = run([person(1, closeness="Besties", status="Emailed", last_contacted=date(2026, 11, 20))], rules=rules)
    f = fields(out, 1)
    assert (f.strength, f.follow_up_on, out.warnings) == (100, date(2026, 11, 27), ())


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("aaa bbb ccc", 20, "aaa bbb ccc"),
        ("aaa bbb ccc", 11, "aaa bbb ccc"),
        ("aaa bbb ccc", 10, "aaa bbb…"),
        ("aaa bbb ccc", 8, "aaa bbb…"),
        ("aaa bbb ccc", 7, "aaa…"),
        ("abcdefghijkl", 6, "abcde…"),
    ],
)
def test_long_text_is_cut_at_a_word_with_an_ellipsis_within_the_limit(text, limit, expected):
    assert truncate(text, limit) == expected


def test_the_core_cuts_why_and_next_step_to_max_text():
    rules = RuleBook(max_text=40)
    out = run([person(1, name="Ana Ruiz", shared_interests=("distributed systems", "bouldering", "jazz"))], rules=rules)
    f = fields(out, 1)
    assert f.why == "Ana Ruiz is not in your network yet…"
    assert f.next_step == "Reach out to Ana Ruiz about distributed…"
    assert len(f.why) <= 40 and len(f.next_step) <= 40
