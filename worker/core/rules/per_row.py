"""The per-row stages put together: a row, what its Worker state remembers, and where it stands today."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from worker.core.configuration import RuleBook

from .conversation import Conversation, follow_conversation
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

    @property
    def pid(self) -> str:
        return self.row.pid


def read_facts(row: Row, state: State, absent: Collection[str], rules: RuleBook, today: date) -> Facts:
    """The conversation and standing of one row, and which of its worker columns the user holds."""
    talk = follow_conversation(row, state, rules, today)
    standing = assess_standing(row.closeness, row.status, talk.contact, rules, today)
    return Facts(row, state, held_by_user(row.person, state, absent), talk, standing)
