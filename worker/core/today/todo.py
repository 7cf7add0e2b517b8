"""Today's to-do (SPEC §7): one line per message, in the order a person should work through them.

Pure: an outcome and `today` in, the ranked lines out. The terminal, `--json` and the Today page all
print this one list, so they never disagree about what is due or in which order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from worker.core.models import Action, Outcome, Person, RowOutcome, Status


class TodoGroup(StrEnum):
    """The to-do's groups, in the order they are worked through."""

    REPLIES = "replies"
    INTRODUCTIONS = "introductions"  # v3: answering an introduction, thanking a connector
    MEETINGS = "meetings"
    FOLLOW_UPS = "follow-ups"
    PARKED = "parked"
    CHECK_INS = "check-ins"
    NEW = "new outreach"


GROUP_TITLES = {
    TodoGroup.REPLIES: "Replies you owe",
    TodoGroup.INTRODUCTIONS: "Introductions",
    TodoGroup.MEETINGS: "Meetings and thank-yous",
    TodoGroup.FOLLOW_UPS: "Follow-ups",
    TodoGroup.PARKED: "One more try (the wait is over)",
    TodoGroup.CHECK_INS: "Check-ins",
    TodoGroup.NEW: "New outreach",
}
# What a line says when its row has no Next step of its own (a date the user set themselves).
GROUP_VERBS = {
    TodoGroup.REPLIES: "Reply to them",
    TodoGroup.INTRODUCTIONS: "Answer the introduction, or thank them for it",
    TodoGroup.MEETINGS: "Meet them, or thank them after the meeting",
    TodoGroup.FOLLOW_UPS: "Follow up",
    TodoGroup.PARKED: "Try once more, with news of your own",
    TodoGroup.CHECK_INS: "Check in",
    TodoGroup.NEW: "Reach out",
}
_GROUP_RANK = {group: rank for rank, group in enumerate(TodoGroup)}

ACTION_GROUPS = {
    Action.REPLY: TodoGroup.REPLIES,
    Action.MEETING: TodoGroup.MEETINGS,
    Action.THANK_YOU: TodoGroup.MEETINGS,
    Action.FOLLOW_UP: TodoGroup.FOLLOW_UPS,
    Action.PARKED: TodoGroup.PARKED,
    Action.CHECK_IN: TodoGroup.CHECK_INS,
    Action.IN_TOUCH: TodoGroup.CHECK_INS,
    Action.ANSWER_INTRO: TodoGroup.INTRODUCTIONS,
    Action.THANK_CONNECTOR: TodoGroup.INTRODUCTIONS,
    Action.NEW: TodoGroup.NEW,
    Action.VIA_INTRO: TodoGroup.NEW,  # a target whose date the user moved off its first hop's
}
# A dated row the rules gave no action (a date the user set on it themselves) goes by its Status.
STATUS_GROUPS = {
    Status.REPLIED: TodoGroup.REPLIES,
    Status.MEETING_SCHEDULED: TodoGroup.MEETINGS,
    Status.REACHED_OUT: TodoGroup.FOLLOW_UPS,
    Status.INTERVIEWING: TodoGroup.CHECK_INS,
    Status.REFERRED: TodoGroup.CHECK_INS,
    Status.IN_TOUCH: TodoGroup.CHECK_INS,
    Status.NOT_INTERESTED: TodoGroup.CHECK_INS,
}
_KNOWN_STATUSES = {status.value.casefold(): status for status in Status}


@dataclass(frozen=True)
class Mention:
    """A person named on a line, with what it takes to link their row."""

    page_id: str
    name: str
    company: str
    url: str

    @classmethod
    def of(cls, person: Person, tell_apart: str = "") -> Mention:
        """The person by name; `tell_apart` (what besides the company tells namesakes apart) added."""
        name = person.name or "(no name)"
        return cls(person.page_id, f"{name} ({tell_apart})" if tell_apart else name, person.company, person.url)


@dataclass(frozen=True)
class TodoItem:
    """One message to send (or meeting to hold): the row, when, and what to do."""

    group: TodoGroup
    person: Mention
    due: date
    action: Action
    status: str
    ask: str | None
    next_step: str
    plan_rank: int | None
    also_ask_about: tuple[Mention, ...] = ()  # intro targets whose request is this same message
    draft: str = ""  # the row's Draft, as the list holds it (v3: printed by `today --drafts`, in --json)
    mail_link: str = ""

    def overdue(self, today: date) -> bool:
        return self.due < today


def compute_todo(outcome: Outcome, today: date) -> tuple[TodoItem, ...]:
    """Every line due today or earlier (Follow up on as the list holds it), in the §7 order."""
    return tuple(sorted((line for line in message_lines(outcome) if line.due <= today), key=_rank))


def message_lines(outcome: Outcome) -> list[TodoItem]:
    """One line per message over every dated row, whatever its date: an intro target that shares
    its first hop's date is folded under the first hop's line instead of standing on its own.
    Paused rows are off the to-do, whatever date they hold (pausing is how a person says so)."""
    dated = {
        row.person.page_id: row for row in outcome.rows
        if row.fields.follow_up_on is not None and not row.person.paused
    }
    folded: dict[str, list[RowOutcome]] = defaultdict(list)
    standalone: list[RowOutcome] = []
    for row in dated.values():
        hop = _first_hop_line(row, dated)
        if hop is None:
            standalone.append(row)
        else:
            folded[hop.person.page_id].append(row)
    return [_item(row, _in_plan_order(folded.get(row.person.page_id, []), row)) for row in standalone]


def _first_hop_line(row: RowOutcome, dated: dict[str, RowOutcome]) -> RowOutcome | None:
    """The first hop whose message carries this target's request, when they share one date."""
    if row.decision.action is not Action.VIA_INTRO:
        return None
    hop = dated.get(row.decision.first_hop)
    if hop is None or hop is row or hop.decision.action is Action.VIA_INTRO:
        return None
    return hop if hop.fields.follow_up_on == row.fields.follow_up_on else None


def _in_plan_order(targets: list[RowOutcome], hop: RowOutcome) -> tuple[Mention, ...]:
    """The folded targets in the connector's plan order; any it does not list, by name after them."""
    order = {page_id: place for place, page_id in enumerate(hop.decision.targets)}
    ranked = sorted(targets, key=lambda t: (order.get(t.person.page_id, len(order)), _name_key(t)))
    return tuple(mention(t) for t in ranked)


def _item(row: RowOutcome, also: tuple[Mention, ...]) -> TodoItem:
    assert row.fields.follow_up_on is not None  # message_lines only keeps dated rows
    return TodoItem(
        group=group_of(row),
        person=mention(row),
        due=row.fields.follow_up_on,
        action=row.decision.action,
        status=status_of(row),
        ask=row.fields.suggested_ask,
        next_step=row.fields.next_step,
        plan_rank=row.decision.plan_rank,
        also_ask_about=also,
        draft=row.fields.draft,
        mail_link=row.fields.mail_link,
    )


def group_of(row: RowOutcome) -> TodoGroup:
    """The group of a dated row: by the rules' action, else by its Status."""
    if row.decision.action in ACTION_GROUPS:
        return ACTION_GROUPS[row.decision.action]
    return STATUS_GROUPS.get(status_of(row), TodoGroup.NEW)


def status_of(row: RowOutcome) -> str:
    """The Status as the rules understood it; where they named none, the row's own label if it is one."""
    if row.decision.status != Status.NOT_CONTACTED:
        return row.decision.status
    return _KNOWN_STATUSES.get(row.person.status.strip().casefold(), Status.NOT_CONTACTED).value


def mention(row: RowOutcome) -> Mention:
    return Mention.of(row.person, row.decision.tell_apart)


def _rank(item: TodoItem) -> tuple[object, ...]:
    # Older date first, then plan order (rows outside the plan after), then name and id for a fixed order.
    unplanned = item.plan_rank is None
    return (_GROUP_RANK[item.group], item.due, unplanned, item.plan_rank or 0,
            item.person.name.casefold(), item.person.page_id)


def _name_key(row: RowOutcome) -> tuple[str, str]:
    return (row.person.name.casefold(), row.person.page_id)


def todo_json(items: tuple[TodoItem, ...] | list[TodoItem]) -> list[dict[str, object]]:
    """The to-do for machines: one object per line, in order."""
    return [
        {
            "group": item.group.value,
            **_mention_json(item.person),
            "due": item.due.isoformat(),
            "action": item.action.value,
            "status": item.status,
            "ask": item.ask,
            "next_step": item.next_step,
            "draft": item.draft,
            "mail_link": item.mail_link,
            "also_ask_about": [_mention_json(target) for target in item.also_ask_about],
        }
        for item in items
    ]


def _mention_json(who: Mention) -> dict[str, str]:
    return {"name": who.name, "company": who.company, "url": who.url, "page_id": who.page_id}
