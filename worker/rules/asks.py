"""The four asks (SPEC §2, §4 buckets), and the Why and Next step sentences that explain them."""

from __future__ import annotations


from worker.models import Ask, Status
from worker.configuration import RuleBook

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
# Plain str copies: comparing with an enum member costs an attribute lookup on every row.
_NOT_CONTACTED = Status.NOT_CONTACTED.value
_NOT_INTERESTED = Status.NOT_INTERESTED.value
_STATUS_HEADS = {status.value: action.split("{who}") for status, action in STATUS_ACTIONS.items()}
_TARGET_NOTE = ", one of your target companies"
_MISSING = " (the Last contacted date is missing)"


def choose_kind(row: Row) -> str:
    """The bucket (SPEC §4), first match wins; intro paths must already be known."""
    if row.status in CLOSED:
        return NO_ASK
    warm = row.in_network and not row.stale
    if row.target:
        if warm:
            return WARM_PITCH
        if row.in_network:
            return ADVICE
        return INTRO_PITCH if row.path else COLD_PITCH
    if warm:
        return INTRODUCTIONS
    if row.stale:
        return ADVICE
    return SHARED if row.person.shared_interests else NO_ASK


def write_why(row: Row, by_id: dict[str, Row], rules: RuleBook) -> str:
    """One sentence with the facts behind the suggestion (dates, never ages)."""
    kind = row.kind
    if kind == NO_ASK:
        return _status_why(row) if row.status != _NOT_CONTACTED else ""
    who = _who_is(row)
    last = row.person.last_contacted
    if kind == WARM_PITCH or kind == INTRODUCTIONS:
        reach = len(row.targets)
        extra = f"; they can open the way to {_count(reach)} at your target companies" if reach else ""
        spoke = f"you last spoke on {format_date(last)}" if last else "the Last contacted date is missing"
        return f"{who}, and {spoke}{extra}."
    if kind == ADVICE:
        if last is None:
            return f"{who}, but the Last contacted date is missing."
        days = rules.closeness[row.closeness].stale_after_days
        return f"{who}, but you last spoke on {format_date(last)}, and after {days} days the connection has gone stale."
    missing = _MISSING if last is None else ""
    if kind == INTRO_PITCH:
        hops = [by_id[pid].label for pid in row.path[:-1]]
        return f"{who}; they are not in your network yet{missing}, but you can reach them through {join_words(hops)}."
    if kind == COLD_PITCH:
        return f"{who}; they are not in your network{missing}, and no one you know links to them within {rules.max_path_edges - 1} introductions."
    return f"{who}{missing}, and you share an interest in {join_words(row.person.shared_interests)}."


def write_next_step(row: Row, by_id: dict[str, Row]) -> str:
    """The concrete action, naming people; a row past Not contacted gets its Status action."""
    if row.status != _NOT_CONTACTED:
        return _status_step(row)
    kind, who, company = row.kind, row.label, row.company
    if kind == ADVICE:
        if row.targets:
            return f"Ask {who} for advice to catch up, then ask them to introduce you to {_targets(row)}."
        then = (f"a pitch for an interview at {company}" if company else "a pitch for an interview") if row.target else "a direct ask"
        return f"Ask {who} for advice to catch up, then follow with {then}."
    if kind == SHARED:
        return f"Reach out to {who} about {join_words(row.person.shared_interests)}, with no ask attached."
    if kind == INTRODUCTIONS:
        if row.targets:
            return f"Ask {who} to introduce you to {_targets(row)}."
        return f"Ask {who} for three introductions to people they think you should meet."
    at = f" at {company}" if company else ""
    if kind == WARM_PITCH:
        return f"Message {who} and {pitch_action(row.person.role)}{at}." + _also_introduce(row)
    if kind == INTRO_PITCH:
        return _intro_chain(row, by_id)
    if kind == COLD_PITCH:
        return f"Send {who} a short cold message and {pitch_action(row.person.role)}{at}."
    return ""


def _intro_chain(row: Row, by_id: dict[str, Row]) -> str:
    hops = [by_id[pid] for pid in row.path]
    first = hops[0]
    company = row.company
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
    head = _STATUS_HEADS.get(row.status)
    if head is None:
        return ""
    text = row.label.join(head)
    return f"{text} Also ask them to introduce you to {_targets(row)}." if row.targets else text


def _also_introduce(row: Row) -> str:
    return f" Also ask them to introduce you to {_targets(row)}." if row.targets else ""


def _targets(row: Row) -> str:
    return list_people([f"{t.label} at {t.company}" if t.company else t.label for t in row.targets])


def _who_is(row: Row) -> str:
    noun = role_noun(row.person.role)
    company = row.company
    if row.in_network:
        phrase = closeness_phrase(row.closeness)
        text = f"{row.label} is {phrase} and {noun}" if noun else f"{row.label} is {phrase}"
    elif noun:
        text = f"{row.label} is {noun}"
    elif company:
        text = f"{row.label} works"
    else:
        return f"{row.label} is not in your network yet"
    if company:
        return f"{text} at {company}{_TARGET_NOTE}" if row.target else f"{text} at {company}"
    return text


def _status_why(row: Row) -> str:
    last = row.person.last_contacted
    when = f", last contact on {format_date(last)}" if last else ", and the Last contacted date is missing"
    if row.status == _NOT_INTERESTED:
        return f"{row.label} is marked Not interested{when}, so there is nothing to follow up."
    closed = "so there is no new ask" if row.status in CLOSED else "and none of the four asks fits them"
    return f"{row.label} is at the {row.status} stage{when}, {closed}."


def _count(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"
