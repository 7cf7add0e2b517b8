"""The conversation with each person: the two-way date (SPEC §4.1) and the ghost rule (SPEC §4.4).

A message you sent that got no answer does not warm a relationship, and three of them in a row
park the person. Both need what earlier runs read, so this stage reads the row's Worker state
and returns what the next state must remember.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from worker.core.configuration import RuleBook
from worker.core.dates import add_days, next_business_day
from worker.core.models import Status

from .rows import Row
from .state import State

REACHED_OUT = Status.REACHED_OUT.value


@dataclass(frozen=True, slots=True)
class Conversation:
    """Where the conversation with one person stands, and what the next run must remember of it."""

    remembered_two_way: date | None  # the Last contacted read while Status was not Reached out
    two_way_seen: bool  # whether that date was read at all (it may have been empty)
    contact: date | None  # the two-way date: strength and staleness count from it
    messages: int = 0  # unanswered messages while Reached out
    first_message: date | None = None
    last_message: date | None = None
    parked_until: date | None = None  # set when the messages reached 1 + follow_ups_max

    @property
    def parked(self) -> bool:
        return self.parked_until is not None


def follow_conversation(
    row: Row, state: State, rules: RuleBook, today: date, introduced_on: date | None = None
) -> Conversation:
    """The two-way date and message count of one (not Paused) row as of `today`.

    `introduced_on` is the latest introduced-on day of the people this person introduced you to:
    an introduction is their answer (SPEC §4.1 v3), later than the two-way date it replaces it,
    and it ends the count of unanswered messages.
    """
    last_contacted = row.person.last_contacted
    if row.status != REACHED_OUT:
        return Conversation(last_contacted, True, _later(_with_meeting(last_contacted, row, today), introduced_on))
    if state.two_way_seen:
        two_way, seen = state.two_way, True
    else:  # never read while the row had another Status: its first Last contacted stands in
        two_way, seen = last_contacted, last_contacted is not None
    messages, first, last = _count_messages(last_contacted, state)
    if introduced_on is not None and last is not None and last < introduced_on:
        messages, first, last = 0, None, None  # they answered with an introduction: no message waits
    parked_until = None
    if messages >= 1 + rules.follow_ups_max and last is not None:
        parked_until = next_business_day(add_days(last, rules.park_days), rules.days_off)
    contact = _later(_with_meeting(two_way, row, today), introduced_on)
    return Conversation(two_way, seen, contact, messages, first, last, parked_until)


def _later(day: date | None, other: date | None) -> date | None:
    if day is None or other is None:
        return day or other
    return max(day, other)


def _count_messages(last_contacted: date | None, state: State) -> tuple[int, date | None, date | None]:
    """Every newer Last contacted read while the row stays Reached out is one more message.

    An earlier date than the last one read is a correction of it, not a message.
    """
    if not state.messages:
        return (1, last_contacted, last_contacted) if last_contacted else (0, None, None)
    count, first, last = state.messages, state.first_message, state.last_message
    if last_contacted is None or last_contacted == last:
        return count, first, last
    if last is not None and last_contacted > last:
        return count + 1, first, last_contacted
    return count, min(first, last_contacted) if first else last_contacted, last_contacted


def _with_meeting(two_way: date | None, row: Row, today: date) -> date | None:
    """A meeting that took place after the two-way date replaces it."""
    meeting = row.person.meeting_on
    if meeting is not None and meeting < today and (two_way is None or meeting > two_way):
        return meeting
    return two_way
