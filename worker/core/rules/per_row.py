"""The per-row stages put together: a row, what its Worker state remembers, and where it stands today."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from worker.core.configuration import RuleBook

from .closeness import NOT_RAISED, Effective, effective_closeness, has_answered
from .conversation import Conversation, follow_conversation
from .introductions import NOT_INTRODUCED, Introduced
from .ownership import held_by_user
from .rows import Row
from .standing import Standing, assess_standing
from .state import State


@dataclass(frozen=True, slots=True)
class Facts:
    """One row that is not Paused, with everything the whole-list stages need to know of it."""

    row: Row
    state: State  # as read: what earlier runs remember
    held: frozenset[str]  # worker columns whose value is the user's
    talk: Conversation
    standing: Standing
    intro: Introduced = NOT_INTRODUCED  # who introduced you to them, whom they introduced (v3)
    closeness: Effective = NOT_RAISED  # the effective closeness (v3)
    answered: bool = False  # they answered you, now or before (v3): a reply, a meeting, an introduction

    @property
    def pid(self) -> str:
        return self.row.pid


def read_facts(
    row: Row, state: State, absent: Collection[str], rules: RuleBook, today: date, intro: Introduced = NOT_INTRODUCED,
) -> Facts:
    """The conversation and standing of one row, and which of its worker columns the user holds.

    Standing reads the effective closeness (SPEC §4.2 v3), not the column as typed.
    """
    talk = follow_conversation(row, state, rules, today, intro.latest_made)
    closeness = effective_closeness(row, state, intro, rules, today)
    standing = assess_standing(closeness.closeness, row.status, talk.contact, rules, today)
    answered = has_answered(row, state, intro)
    made = intro.introductions_made(row.person.last_contacted)
    return Facts(row, state, held_by_user(row.person, state, absent, made), talk, standing, intro, closeness, answered)
