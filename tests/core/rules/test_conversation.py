"""SPEC §4.1 and §4.4: the Status loop, the two-way date, and the ghost rule that parks the unanswering."""

from datetime import date

from rules_helpers import RULES, decision, edit, fields, person, pid, run, written
from worker.core.configuration import RuleBook
from worker.core.models import Action

ACQUAINTANCE_LAST_SEEN = date(2026, 8, 1)  # 117 days before 26 Nov: stale (> 45)


def days(*pairs):
    """Runs the list through (date, edits) steps, each day fed what the last one wrote."""
    out = None
    for today, people_or_edits in pairs:
        people = people_or_edits(written(out)) if callable(people_or_edits) else people_or_edits
        out = run(people, today=today)
    return out


def test_an_unanswered_message_does_not_warm_a_stale_acquaintance():
    start = [person(1, name="Ana", closeness="Acquaintance", last_contacted=ACQUAINTANCE_LAST_SEEN)]
    out = days(
        (date(2026, 11, 26), start),
        (date(2026, 11, 27), lambda people: edit(people, 1, status="Reached out", last_contacted=date(2026, 11, 27))),
    )
    d, f = decision(out, 1), fields(out, 1)
    assert d.two_way_date == ACQUAINTANCE_LAST_SEEN
    assert (f.stale, f.suggested_ask) == (True, "Ask for advice")
    assert f.strength == 25  # 40 × 0.5^(118/180) = 25.3, counted from 1 Aug, not from the message
    assert f.follow_up_on == date(2026, 12, 4)  # the message of Fri 27 Nov + 5 business days


def test_a_row_first_seen_as_reached_out_takes_its_first_last_contacted_as_the_two_way_date():
    start = [person(1, closeness="Warm", status="Reached out", last_contacted=date(2026, 10, 2))]
    out = days(
        (date(2026, 11, 26), start),
        (date(2026, 12, 1), lambda people: edit(people, 1, last_contacted=date(2026, 12, 1))),
    )
    assert decision(out, 1).two_way_date == date(2026, 10, 2)
    assert (decision(out, 1).messages, decision(out, 1).first_message) == (2, date(2026, 10, 2))


def test_when_you_answer_a_reply_the_two_way_date_is_the_day_they_replied():
    # The Status loop: they replied (Last contacted 20 Nov); you answer on 24 Nov, set Status back
    # to Reached out and Last contacted to that day.
    start = [person(1, closeness="Warm", status="Replied", last_contacted=date(2026, 11, 20))]
    out = days(
        (date(2026, 11, 20), start),
        (date(2026, 11, 24), lambda people: edit(people, 1, status="Reached out", last_contacted=date(2026, 11, 24))),
    )
    d = decision(out, 1)
    assert (d.two_way_date, d.messages, d.last_message) == (date(2026, 11, 20), 1, date(2026, 11, 24))
    assert fields(out, 1).follow_up_on == date(2026, 12, 1)  # Tue 24 Nov + 5 business days


def test_any_other_status_uses_last_contacted_as_the_two_way_date():
    out = run([person(1, closeness="Warm", status="Replied", last_contacted=date(2026, 11, 20))])
    assert decision(out, 1).two_way_date == date(2026, 11, 20)


def test_a_past_meeting_later_than_the_two_way_date_replaces_it_and_one_ahead_does_not():
    past = run([person(1, closeness="Warm", status="Meeting scheduled", last_contacted=date(2026, 8, 1),
                       meeting_on=date(2026, 11, 20))])
    assert (decision(past, 1).two_way_date, fields(past, 1).stale) == (date(2026, 11, 20), False)
    ahead = run([person(1, closeness="Warm", status="Meeting scheduled", last_contacted=date(2026, 8, 1),
                        meeting_on=date(2026, 12, 3))])
    assert (decision(ahead, 1).two_way_date, fields(ahead, 1).stale) == (date(2026, 8, 1), True)
    older = run([person(1, closeness="Warm", status="Replied", last_contacted=date(2026, 11, 20),
                        meeting_on=date(2026, 10, 1))])
    assert decision(older, 1).two_way_date == date(2026, 11, 20)


def messages_on(*sent, rules=RULES, **columns):
    """One person written to on each date of `sent` while Reached out; the outcome of the last day."""
    out = run([person(1, name="Ana Ruiz", closeness="Warm", status="Reached out", last_contacted=sent[0], **columns)],
              rules=rules, today=sent[0])
    for day in sent[1:]:
        out = run(edit(written(out), 1, last_contacted=day), rules=rules, today=day)
    return out


def test_each_new_last_contacted_while_reached_out_is_one_more_message_and_the_wording_says_so():
    one = messages_on(date(2026, 11, 20))
    assert fields(one, 1).next_step == (
        "Follow up with Ana Ruiz on your request for introductions: no reply yet to your message of 20 Nov 2026.")
    two = messages_on(date(2026, 11, 20), date(2026, 11, 27))
    assert (decision(two, 1).messages, decision(two, 1).action) == (2, Action.FOLLOW_UP)
    assert fields(two, 1).next_step == (
        "Follow up with Ana Ruiz one last time on your request for introductions: no reply yet to 2 messages"
        " (20 to 27 Nov 2026).")
    assert fields(two, 1).follow_up_on == date(2026, 12, 4)


def test_three_unanswered_messages_park_the_person_until_the_last_one_plus_90_days():
    out = messages_on(date(2026, 11, 20), date(2026, 11, 27), date(2026, 12, 4), company="Stripe")
    d, f = decision(out, 1), fields(out, 1)
    assert (d.action, d.messages, d.first_message, d.last_message) == (Action.PARKED, 3, date(2026, 11, 20), date(2026, 12, 4))
    assert d.parked_until == f.follow_up_on == date(2027, 3, 4)  # 4 Dec + 90 days
    assert f.next_step == "No reply to 3 messages (20 Nov to 4 Dec 2026); try once more after 4 Mar 2027, with news of your own."
    assert f.suggested_ask == "Pitch for interview"  # the ask stays


def test_the_same_last_contacted_read_again_is_not_another_message():
    out = run([person(1, closeness="Warm", status="Reached out", last_contacted=date(2026, 11, 20))], today=date(2026, 11, 20))
    for today in (date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7)):
        out = run(written(out), today=today)
    assert decision(out, 1).messages == 1 and decision(out, 1).action == Action.FOLLOW_UP


def test_an_earlier_last_contacted_corrects_the_last_message_without_counting_one():
    out = messages_on(date(2026, 11, 20), date(2026, 11, 27))
    out = run(edit(written(out), 1, last_contacted=date(2026, 11, 26)), today=date(2026, 11, 27))
    d = decision(out, 1)
    assert (d.messages, d.first_message, d.last_message) == (2, date(2026, 11, 20), date(2026, 11, 26))


def test_follow_ups_max_sets_how_many_follow_ups_come_before_parking():
    rules = RuleBook(target_companies=("Stripe",), follow_ups_max=0, park_days=30)
    out = messages_on(date(2026, 11, 20), rules=rules)
    # 20 Nov + 30 days is Sunday 20 Dec: a computed date moves on to the next business day (v3)
    assert (decision(out, 1).action, fields(out, 1).follow_up_on) == (Action.PARKED, date(2026, 12, 21))


def test_a_change_of_status_ends_the_count():
    out = messages_on(date(2026, 11, 20), date(2026, 11, 27))
    out = run(edit(written(out), 1, status="Replied", last_contacted=date(2026, 11, 30)), today=date(2026, 11, 30))
    assert decision(out, 1).messages == 0
    out = run(edit(written(out), 1, status="Reached out", last_contacted=date(2026, 12, 1)), today=date(2026, 12, 1))
    assert (decision(out, 1).messages, decision(out, 1).two_way_date) == (1, date(2026, 11, 30))


def test_trying_once_more_after_the_wait_renews_the_park():
    out = messages_on(date(2026, 11, 20), date(2026, 11, 27), date(2026, 12, 4), date(2027, 3, 5))
    d = decision(out, 1)
    assert (d.action, d.messages, d.parked_until) == (Action.PARKED, 4, date(2027, 6, 3))  # 5 Mar + 90 days


def test_a_parked_person_is_neither_a_first_hop_nor_a_target_but_keeps_their_own_date():
    def people(status_of_hop):
        return [
            person(1, name="Hop", closeness="Warm", status=status_of_hop, last_contacted=date(2026, 11, 20), knows=[2]),
            person(2, name="Target", company="Stripe"),
            person(3, name="Cold target", company="Stripe", status="Reached out", last_contacted=date(2026, 11, 20), knows=[4]),
            person(4, name="Friend", closeness="Close", last_contacted=date(2026, 11, 20)),
        ]
    out = run(people("Reached out"), today=date(2026, 11, 20))
    assert fields(out, 2).intro_via == (pid(1),) and fields(out, 3).intro_via == (pid(4),)
    for day in (date(2026, 11, 27), date(2026, 12, 4)):
        out = run(edit(edit(written(out), 1, last_contacted=day), 3, last_contacted=day), today=day)
    assert decision(out, 1).action == decision(out, 3).action == Action.PARKED
    assert fields(out, 2).intro_via == ()  # the parked hop opens no way any more
    assert fields(out, 3).intro_via == () and decision(out, 4).targets == ()  # nor is a parked target sought
    assert fields(out, 1).follow_up_on == fields(out, 3).follow_up_on == date(2027, 3, 4)
