"""Worker state: what the worker last wrote and from which inputs, so a user's edit wins.

State text: ``w1:<inputs>:<m1>,…,<m8>[:p|s<yyyymmdd>]``. ``<inputs>`` hashes the row's inputs;
one marker per worker field is the hash of the value the worker wrote, or ``u`` for "the user's
value, leave alone"; the optional date is one the worker chose relative to a run's today (a plan
place ``p``, or a Status date counted from today ``s``), kept while the inputs stay the same.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from datetime import date
from hashlib import blake2b as _blake2b

from worker.models import WorkerFields
from worker.configuration import RuleBook

from .strength import Row, company_key

VERSION = "w1"
USER = "u"
PLANNED = "p"
FROM_TODAY = "s"
OWNED_FIELDS = (
    "suggested_ask", "why", "next_step", "intro_path", "intro_via", "follow_up_on", "stale", "strength",
)
MARK_BYTES = 3
INPUTS_BYTES = 5
RULES_BYTES = 8
_PART = "\x1e"
# Empty hashers to copy: copying one is cheaper than setting up a new one, with the same digest.
_EMPTY_HASHERS = {size: _blake2b(digest_size=size) for size in (MARK_BYTES, INPUTS_BYTES, RULES_BYTES)}


@dataclass(frozen=True, slots=True)
class State:
    """A parsed Worker state."""

    inputs: str
    markers: tuple[str, ...]
    date_kind: str = ""
    day: date | None = None


def short_hash(text: str, size: int = MARK_BYTES) -> str:
    """A stable hex digest of `size` bytes (blake2b; Python's hash() changes per process)."""
    digest = _EMPTY_HASHERS[size].copy()
    digest.update(text.encode())
    return digest.hexdigest()


def rules_digest(rules: RuleBook) -> str:
    """The rule numbers and the target list, independent of their order in the config."""
    data = rules.model_dump(mode="json")
    data["target_companies"] = sorted({company_key(c) for c in rules.target_companies if c.strip()})
    return short_hash(json.dumps(data, sort_keys=True), RULES_BYTES)


def row_inputs(row: Row, days: dict[date | None, str]) -> str:
    """The row's own user-owned values, normalised, as one string (fields split by \\x1f).

    `days` holds Last contacted dates as text, filled as it goes: a list shares a few hundred.
    """
    p = row.person
    day, knows, intro, shared = p.last_contacted, p.knows, p.introduced_by, p.shared_interests
    day_text = days.get(day)
    if day_text is None:
        day_text = days[day] = day.isoformat() if day else ""
    return "\x1f".join((
        row.pid, p.name, row.company, p.role, row.closeness, row.status, day_text,
        ",".join(sorted(knows)) if knows else "", ",".join(sorted(intro)) if intro else "",
        ",".join(sorted(shared)) if shared else "",
    ))


def read_states(rows: list[Row], rules: RuleBook) -> tuple[list[State | None], list[str]]:
    """Per row, the Worker state it holds (parsed), and the hash of its inputs now: its own values,
    the rules, and the values of the rows on its intro path."""
    prefix = rules_digest(rules) + _PART
    days: dict[date | None, str] = {}
    own = {row.pid: row_inputs(row, days) for row in rows}  # once per row: path rows reuse theirs
    states: list[State | None] = []
    inputs: list[str] = []
    for row in rows:
        text = row.person.current.worker_state
        states.append(parse_state(text) if text else None)
        text = prefix + own[row.pid]
        if len(row.path) > 1:
            text += "".join([_PART + own[pid] for pid in row.path[:-1]])
        inputs.append(short_hash(text, INPUTS_BYTES))
    return states, inputs


def parse_state(text: str) -> State | None:
    """The state the worker wrote, or None when there is none or it is not the worker's."""
    if not text:
        return None
    parts = text.split(":")
    if len(parts) not in (3, 4) or parts[0] != VERSION:
        return None
    markers = tuple(parts[2].split(","))
    if len(markers) != len(OWNED_FIELDS):
        return None
    if len(parts) == 3:
        return State(parts[1], markers)
    tag = parts[3]
    try:
        day = date(int(tag[1:5]), int(tag[5:7]), int(tag[7:9]))
    except ValueError:
        return State(parts[1], markers)
    return State(parts[1], markers, tag[:1], day)


def format_state(inputs: str, markers: list[str], date_kind: str, day: date | None) -> str:
    """The compact Worker state text."""
    text = f"{VERSION}:{inputs}:{','.join(markers)}"
    if day is not None:
        text += f":{date_kind}{day.isoformat().replace('-', '')}"  # yyyymmdd, without strftime's cost
    return text


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else repr(float(value))


def encode_fields(values: tuple) -> tuple[str, ...]:
    """The owned fields (OWNED_FIELDS order) as the plain texts they are compared and hashed by.

    70 and 70.0 are one; an empty value of any kind is "".
    """
    ask, why, next_step, intro_path, via, day, stale, strength = values
    return (
        ask or "", why or "", next_step or "", intro_path or "", ",".join(via),
        day.isoformat() if day else "", "1" if stale else "", _number(strength),
    )


current_values = attrgetter(*OWNED_FIELDS)
_NOBODY = (False,) * len(OWNED_FIELDS)


class Marks(dict):
    """Field markers by encoded value, cached: most values (empty, flags, steps) repeat across rows."""

    def __missing__(self, encoded: str) -> str:
        found = self[encoded] = short_hash(encoded)
        return found


def mark_fields(texts: tuple[str, ...], marks: Marks) -> list[str]:
    """The marker of each encoded owned field (OWNED_FIELDS order).

    Why and Next step name people, so they differ on nearly every row: caching them would only
    cost time, so they are hashed directly and the rest go through `marks`.
    """
    ask, why, next_step, intro_path, via, day, stale, strength = texts
    return [
        marks[ask], short_hash(why), short_hash(next_step), marks[intro_path], marks[via],
        marks[day], marks[stale], marks[strength],
    ]


def held_by_user(now_texts: tuple[str, ...], state: State | None, inputs: str, marks: Marks) -> tuple[bool, ...]:
    """Per owned field, whether the value Notion holds is the user's, to be left alone."""
    if state is None:  # never written by the worker: whatever is there is the user's
        return tuple(text != "" for text in now_texts)
    if state.inputs == inputs:  # the user's value, or one the user changed since
        return tuple(old == USER or now != old for old, now in zip(state.markers, mark_fields(now_texts, marks)))
    return _NOBODY  # the inputs changed: the worker's values return


def is_blank(fields: WorkerFields) -> bool:
    """Whether every worker-owned field is empty, as on a row the worker has never written."""
    return not (
        fields.worker_state or fields.suggested_ask or fields.why or fields.next_step or fields.intro_path
        or fields.intro_via or fields.follow_up_on or fields.stale or fields.strength is not None
    )


def settle_fields(
    desired: tuple, current: WorkerFields, state: State | None, inputs: str, marks: Marks
) -> tuple[tuple, list[str], tuple[str, ...]]:
    """Per field, the user's value or the worker's: (final values, markers, changed names)."""
    wanted_texts = encode_fields(desired)
    wanted_marks = mark_fields(wanted_texts, marks)
    if state is None and is_blank(current):  # never written: every field is the worker's, each non-empty one new
        return desired, wanted_marks, tuple(compress(OWNED_FIELDS, wanted_texts))
    nows = current_values(current)
    now_texts = encode_fields(nows)
    users = held_by_user(now_texts, state, inputs, marks)
    values = tuple(now if user else wanted for user, now, wanted in zip(users, nows, desired))
    markers = [USER if user else mark for user, mark in zip(users, wanted_marks)]
    changed = tuple(
        name for name, user, wanted, now in zip(OWNED_FIELDS, users, wanted_texts, now_texts)
        if not user and wanted != now
    )
    return values, markers, changed
