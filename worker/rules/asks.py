"""The four asks (SPEC §2, §4 buckets), and the Why and Next step sentences that explain them."""

from __future__ import annotations

from datetime import date

from worker.models import Ask, RuleBook, Status

from .strength import Row
from .text import closeness_phrase, format_date, join_words, list_people, pitch_action, role_noun

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
CLOSED = frozenset({Status.NOT_INTERESTED, Status.INTERVIEWING, Status.REFERRED})
STATUS_ACTIONS = {
    Status.REACHED_OUT: "Follow up with {who} if they have not replied.",
    Status.REPLIED: "Reply to {who}.",
    Status.MEETING_SCHEDULED: "Thank {who} for the meeting and ask them for introductions.",
    Status.INTERVIEWING: "Check in with {who} on how the process is going.",
    Status.REFERRED: "Check in with {who} on how the referral is going.",
}


def choose_kind(row: Row) -> str:
    """The bucket (SPEC §4), first match wins; intro paths must already be known."""
    if row.status in CLOSED:
        return NO_ASK
    if row.target:
        if row.warm:
            return WARM_PITCH
        if row.in_network:
            return ADVICE
        return INTRO_PITCH if row.path else COLD_PITCH
    if row.warm:
        return INTRODUCTIONS
    if row.stale:
        return ADVICE
    return SHARED if row.person.shared_interests else NO_ASK


def write_why(row: Row, by_id: dict[str, Row], rules: RuleBook) -> str:
    """One sentence with the facts behind the suggestion (dates, never ages)."""
    if row.kind == NO_ASK:
        return _status_why(row) if row.status != Status.NOT_CONTACTED else ""
    who = _who_is(row)
    if row.kind in (WARM_PITCH, INTRODUCTIONS):
        reach = len(row.targets)
        extra = f"; they can open the way to {_count(reach)} at your target companies" if reach else ""
        return f"{who}, and {_last_spoke(row)}{extra}."
    if row.kind == ADVICE:
        if row.person.last_contacted is None:
            return f"{who}, but {_last_spoke(row)}."
        days = rules.closeness[row.closeness].stale_after_days
        return f"{who}, but you last spoke on {format_date(row.person.last_contacted)}, and after {days} days the connection has gone stale."
    if row.kind == INTRO_PITCH:
        hops = [by_id[pid].label for pid in row.path[:-1]]
        return f"{who}; they are not in your network yet{_missing(row)}, but you can reach them through {join_words(hops)}."
    if row.kind == COLD_PITCH:
        return f"{who}; they are not in your network{_missing(row)}, and no one you know links to them within {rules.max_path_edges - 1} introductions."
    interests = join_words(list(row.person.shared_interests))
    return f"{who}{_missing(row)}, and you share an interest in {interests}."


def write_next_step(row: Row, by_id: dict[str, Row]) -> str:
    """The concrete action, naming people; a row past Not contacted gets its Status action."""
    if row.status != Status.NOT_CONTACTED:
        return _status_step(row)
    who, company = row.label, row.person.company.strip()
    at = f" at {company}" if company else ""
    if row.kind == WARM_PITCH:
        return f"Message {who} and {pitch_action(row.person.role)}{at}." + _also_introduce(row)
    if row.kind == INTRO_PITCH:
        return _intro_chain(row, by_id)
    if row.kind == COLD_PITCH:
        return f"Send {who} a short cold message and {pitch_action(row.person.role)}{at}."
    if row.kind == INTRODUCTIONS:
        if row.targets:
            return f"Ask {who} to introduce you to {_targets(row)}."
        return f"Ask {who} for three introductions to people they think you should meet."
    if row.kind == ADVICE:
        then = f"a pitch for an interview{at}" if row.target else "a direct ask"
        if row.targets:
            return f"Ask {who} for advice to catch up, then ask them to introduce you to {_targets(row)}."
        return f"Ask {who} for advice to catch up, then follow with {then}."
    if row.kind == SHARED:
        return f"Reach out to {who} about {join_words(list(row.person.shared_interests))}, with no ask attached."
    return ""


def _intro_chain(row: Row, by_id: dict[str, Row]) -> str:
    hops = [by_id[pid] for pid in row.path]
    first = hops[0]
    company = row.person.company.strip()
    steps = [f"introduce you to {h.label}" for h in hops[1:-1]]
    steps.append(f"introduce you to {row.label}" + (f" at {company}" if company else ""))
    chain = f"ask {first.label} to {steps[0]}"
    for before, step in zip(hops[1:-1], steps[1:]):
        chain += f", then ask {before.label} to {step}"
    tail = f", then {pitch_action(row.person.role)}."
    if first.stale:
        return f"Warm up {first.label} first by asking for advice, then {chain}{tail}"
    return chain[0].upper() + chain[1:] + tail


def _status_step(row: Row) -> str:
    action = STATUS_ACTIONS.get(row.status, "")
    if not action:
        return ""
    text = action.format(who=row.label)
    return text + _also_introduce(row)


def _also_introduce(row: Row) -> str:
    return f" Also ask them to introduce you to {_targets(row)}." if row.targets else ""


def _targets(row: Row) -> str:
    labels = []
    for target in row.targets:
        company = target.person.company.strip()
        labels.append(f"{target.label} at {company}" if company else target.label)
    return list_people(labels)


def _who_is(row: Row) -> str:
    noun = role_noun(row.person.role)
    company = row.person.company.strip()
    if row.in_network:
        text = f"{row.label} is {closeness_phrase(row.closeness)}" + (f" and {noun}" if noun else "")
    elif noun:
        text = f"{row.label} is {noun}"
    elif company:
        text = f"{row.label} works"
    else:
        return f"{row.label} is not in your network yet"
    if company:
        text += f" at {company}" + (", one of your target companies" if row.target else "")
    return text


def _last_spoke(row: Row) -> str:
    last = row.person.last_contacted
    return f"you last spoke on {format_date(last)}" if last else "the Last contacted date is missing"


def _missing(row: Row) -> str:
    return " (the Last contacted date is missing)" if row.person.last_contacted is None else ""


def _status_why(row: Row) -> str:
    last = row.person.last_contacted
    when = f", last contact on {format_date(last)}" if last else ", and the Last contacted date is missing"
    if row.status == Status.NOT_INTERESTED:
        return f"{row.label} is marked Not interested{when}, so there is nothing to follow up."
    closed = "so there is no new ask" if row.status in CLOSED else "and none of the four asks fits them"
    return f"{row.label} is at the {row.status} stage{when}, {closed}."


def _count(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"
