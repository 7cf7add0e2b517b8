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
INTRODUCED_PITCH = "introduced pitch"  # v3: introduced to someone at a target company, not yet written to
INTRODUCED_ADVICE = "introduced advice"  # v3: introduced to someone elsewhere, not yet written to
NO_ASK = ""
INTRODUCED_KINDS = frozenset({INTRODUCED_PITCH, INTRODUCED_ADVICE})

ASK_OF_KIND = {
    WARM_PITCH: Ask.PITCH.value, INTRO_PITCH: Ask.PITCH.value, COLD_PITCH: Ask.PITCH.value,
    INTRODUCTIONS: Ask.INTRODUCTIONS.value, ADVICE: Ask.ADVICE.value, SHARED: Ask.SHARED_INTEREST.value,
    INTRODUCED_PITCH: Ask.PITCH.value, INTRODUCED_ADVICE: Ask.ADVICE.value,
}
NO_NEW_ASK = frozenset({Status.NOT_INTERESTED, Status.INTERVIEWING, Status.REFERRED})
AFTER_A_CONVERSATION = frozenset({Action.REPLY, Action.THANK_YOU, Action.THANK_CONNECTOR})
# The connector's thank-you replaces these (the introduction was their answer); a meeting still
# ahead stays, and someone who said no or a row with nothing to do owes nothing.
THANKS_REPLACE = frozenset({
    Action.NEW, Action.VIA_INTRO, Action.REPLY, Action.FOLLOW_UP, Action.PARKED, Action.THANK_YOU,
    Action.CHECK_IN, Action.IN_TOUCH, Action.ANSWER_INTRO,
})
STATUS_ACTIONS = {
    Status.REACHED_OUT: Action.FOLLOW_UP,
    Status.REPLIED: Action.REPLY,
    Status.INTERVIEWING: Action.CHECK_IN,
    Status.REFERRED: Action.CHECK_IN,
    Status.IN_TOUCH: Action.IN_TOUCH,
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


def choose(facts: Facts, has_path: bool, intros_made: int, rules: RuleBook, today: date, reach: int = 0) -> Choice:
    """The ask and the action for one (not Paused) row; `has_path`: an intro path reaches it;
    `reach`: the targets it can introduce you to."""
    # Introduced to you and not yet answered: their first message (and a nudge on it) asks them for
    # no introductions (SPEC §4.3), so their ask stays the one that answers the introduction.
    unanswered = bool(facts.intro.introducers) and not facts.answered
    kind = choose_kind(facts.row, facts.standing, has_path, unanswered)
    action = choose_action(facts.row, facts.talk, kind, has_path, today)
    if action == Action.ANSWER_INTRO and facts.intro.introduced_on is None:
        action = Action.NEW  # undated: made, but owing nothing; planned as ordinary new outreach
    if action == Action.IN_TOUCH and reach:
        action = Action.NEW  # the intro request, as new outreach with a plan place (SPEC §4.1)
    if action in THANKS_REPLACE and facts.intro.made_since(facts.row.person.last_contacted):
        action = Action.THANK_CONNECTOR
    wanted = 0
    if action in AFTER_A_CONVERSATION:
        wanted = max(0, rules.intros_per_person - intros_made)
    return Choice(kind, action, wanted)


def choose_kind(row: Row, standing: Standing, has_path: bool, introduced: bool = False) -> str:
    """The bucket (SPEC §4.2), first match wins; `introduced`: introduced to you, not answered yet."""
    if row.status in NO_NEW_ASK:
        return NO_ASK
    if introduced and row.status in (Status.NOT_CONTACTED, Status.REACHED_OUT):
        return INTRODUCED_PITCH if row.target_company else INTRODUCED_ADVICE
    warm = standing.in_network and not standing.stale
    if row.target_company:
        if warm:
            return WARM_PITCH
        if standing.in_network and not has_path:
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
        if kind in INTRODUCED_KINDS:
            return Action.ANSWER_INTRO
        return Action.VIA_INTRO if has_path else Action.NEW
    if row.status == Status.MEETING_SCHEDULED:
        meeting = row.person.meeting_on
        return Action.MEETING if meeting is not None and meeting >= today else Action.THANK_YOU
    if row.status == Status.REACHED_OUT and talk.parked:
        return Action.PARKED
    return STATUS_ACTIONS[row.status]
