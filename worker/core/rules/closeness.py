"""The conversation counts (SPEC §4.2 v3): the effective closeness of a row.

The higher of the Closeness column and what has happened: Acquaintance once the person was
introduced to you or has answered (an introduction they made is an answer too, §4.1); Warm once
you have met. The highest reached is remembered in Worker state, so a later Status does not lower
it, until the user changes that row's Closeness. The column itself is never written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from worker.core.configuration import RuleBook
from worker.core.dates import add_business_days
from worker.core.models import Closeness, Status

from .introductions import Introduced
from .rows import Row
from .state import State

ANSWERED = frozenset({Status.REPLIED, Status.MEETING_SCHEDULED, Status.INTERVIEWING, Status.REFERRED, Status.IN_TOUCH})
MET = "met"
ANSWERED_YOU = "answered"
INTRODUCED = "introduced"
REMEMBERED = "remembered"


@dataclass(frozen=True, slots=True)
class Effective:
    """The closeness the rules use, and why it is above the column ("" when it is the column's)."""

    closeness: str
    raised_by: str = ""
    raised_on: date | None = None

    @property
    def raised(self) -> bool:
        return bool(self.raised_by)


NOT_RAISED = Effective(Closeness.COLD.value)


def has_answered(row: Row, state: State, intro: Introduced) -> bool:
    """They answered you: a Status past Reached out now or before, or an introduction they made."""
    return row.status in ANSWERED or state.answered or bool(intro.made)


def met_on(row: Row, today: date) -> date | None:
    """The day you met, when it is past: Meeting on, or without one, the business day after the
    Last contacted of a Meeting scheduled row (the day §4.4 takes the meeting to be)."""
    meeting = row.person.meeting_on
    if meeting is not None:
        return meeting if meeting < today else None
    last = row.person.last_contacted
    if row.status == Status.MEETING_SCHEDULED and last is not None:
        day = add_business_days(last, 1)
        return day if day <= today else None
    return None


def effective_closeness(row: Row, state: State, intro: Introduced, rules: RuleBook, today: date) -> Effective:
    """The higher of the column and what happened (met, answered, introduced, remembered)."""
    def strength(label: str) -> int:
        rule = rules.closeness.get(label)
        return rule.base_strength if rule is not None else -1

    best = Effective(row.closeness)
    nothing_happened = not (state.closeness or intro.introducers or intro.made or state.answered
                            or row.status in ANSWERED or row.person.meeting_on)
    if nothing_happened:  # most rows: the column says it all
        return best
    candidates = []
    met = met_on(row, today)
    if met is not None:
        candidates.append(Effective(Closeness.WARM.value, MET, met))
    if has_answered(row, state, intro):
        candidates.append(Effective(Closeness.ACQUAINTANCE.value, ANSWERED_YOU, intro.latest_made))
    if intro.introducers:
        candidates.append(Effective(Closeness.ACQUAINTANCE.value, INTRODUCED, intro.introduced_on))
    if state.closeness and state.closeness_under == row.closeness:
        candidates.append(Effective(state.closeness, REMEMBERED))
    for candidate in candidates:  # the first reason for the highest level wins: today's facts, then memory
        if candidate.closeness in rules.closeness and strength(candidate.closeness) > strength(best.closeness):
            best = candidate
    return best


def remember_closeness(row: Row, effective: Effective) -> tuple[str, str]:
    """What Worker state keeps (`c`): the level and the column it was reached under; none when not raised."""
    return (effective.closeness, row.closeness) if effective.raised else ("", "")
