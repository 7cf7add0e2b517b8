"""The ask and the action (SPEC §2, §4.2, §4.4): which of the four asks fits, and what to do next.

The ask comes from who the person is (bucket, first match wins); the action from where the
conversation stands (the Status loop). A Not contacted row's action is a message of its own, or
its first hop's message when an intro reaches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from worker.core.configuration import RuleBook
from worker.core.models import Action, Ask, Status

from .conversation import Conversation
from .per_row import Facts
from .rows import Row
from .standing import Standing

# What the bucket decided, finer than the Ask: the plan tiers and the words depend on it.
WARM_PITCH = "warm pitch"
INTRO_PITCH = "intro pitch"
COLD_PITCH = "cold pitch"
INTRODUCTIONS = "introductions"
ADVICE = "advice"
SHARED = "shared interest"
NO_ASK = ""

ASK_OF_KIND = {
    WARM_PITCH: Ask.PITCH.value, INTRO_PITCH: Ask.PITCH.value, COLD_PITCH: Ask.PITCH.value,
    INTRODUCTIONS: Ask.INTRODUCTIONS.value, ADVICE: Ask.ADVICE.value, SHARED: Ask.SHARED_INTEREST.value,
}
NO_NEW_ASK = frozenset({Status.NOT_INTERESTED, Status.INTERVIEWING, Status.REFERRED})
AFTER_A_CONVERSATION = frozenset({Action.REPLY, Action.THANK_YOU})
STATUS_ACTIONS = {
    Status.REACHED_OUT: Action.FOLLOW_UP,
    Status.REPLIED: Action.REPLY,
    Status.INTERVIEWING: Action.CHECK_IN,
    Status.REFERRED: Action.CHECK_IN,
    Status.NOT_INTERESTED: Action.NONE,
}


@dataclass(frozen=True, slots=True)
class Choice:
    """The ask and the action for one row."""

    kind: str  # one of the kinds above
    action: Action
    intros_to_ask: int = 0  # more introductions to ask for after a real conversation

    @property
    def ask(self) -> str | None:
        return ASK_OF_KIND.get(self.kind)


def choose(facts: Facts, has_path: bool, intros_made: int, rules: RuleBook, today: date) -> Choice:
    """The ask and the action for one (not Paused) row; `has_path`: an intro path reaches it."""
    kind = choose_kind(facts.row, facts.standing, has_path)
    action = choose_action(facts.row, facts.talk, kind, has_path, today)
    wanted = 0
    if action in AFTER_A_CONVERSATION:
        wanted = max(0, rules.intros_per_person - intros_made)
    return Choice(kind, action, wanted)


def choose_kind(row: Row, standing: Standing, has_path: bool) -> str:
    """The bucket (SPEC §4.2), first match wins."""
    if row.status in NO_NEW_ASK:
        return NO_ASK
    warm = standing.in_network and not standing.stale
    if row.target_company:
        if warm:
            return WARM_PITCH
        if standing.in_network:
            return ADVICE
        return INTRO_PITCH if has_path else COLD_PITCH
    if warm:
        return INTRODUCTIONS
    if standing.stale:
        return ADVICE
    return SHARED if row.person.shared_interests else NO_ASK


def choose_action(row: Row, talk: Conversation, kind: str, has_path: bool, today: date) -> Action:
    """What to do next, from the Status (SPEC §4.4)."""
    if row.status == Status.NOT_CONTACTED:
        if kind == NO_ASK:
            return Action.NONE
        return Action.VIA_INTRO if has_path else Action.NEW
    if row.status == Status.MEETING_SCHEDULED:
        meeting = row.person.meeting_on
        return Action.MEETING if meeting is not None and meeting >= today else Action.THANK_YOU
    if row.status == Status.REACHED_OUT and talk.parked:
        return Action.PARKED
    return STATUS_ACTIONS[row.status]
