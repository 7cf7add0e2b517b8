"""Worker state: the worker's memory in the row itself, so any machine that syncs knows the past.

Text (v2), fields split by ";", only those with something to say:

    w2;m=<mark>,…;f=<fingerprint>;t=<yyyymmdd|->;g=<n>,<first>,<last>;p=<yyyymmdd>;s=<status><yyyymmdd>;z

- m: per worker column (MARKED order), what the worker last wrote there: a 4-character hash of
  the value, "" for an empty one, or "u" when the value is the user's (an edit the worker keeps).
  Without m, the worker wrote every column empty.
- f: the row's own user-owned values when the marks hold a "u": one of them changing hands the
  columns back to the worker (SPEC §4.5).
- t: the Last contacted read while Status was not Reached out ("-" when it was empty): the
  two-way date once the row is Reached out (SPEC §4.1).
- g: the ghost rule's count of unanswered messages, and the first and last of them (SPEC §4.4).
- p: the plan date this row was given, kept while the row keeps its place in the plan.
- s: a Status date counted from today because Last contacted was empty, kept while the Status
  stays (the letter says which).
- z: a Paused row whose Follow up on and Stale were cleared (SPEC §4.5).
- r: the day the worker first read Replied on the row, kept while it stays Replied: the reply is
  owed from that day (SPEC §4.4, v3).
- o: the plan day of a message sent from the plan, kept while the row is past Not contacted: that
  day's place stays taken, so sending a day's messages never pulls the next day's forward (v3).
- i (v3): each Introduced by link's introduced-on day, as the last 8 hex digits of the
  introducer's page id and the day ("-" when undated): `i=0a1b2c3d20261203,9f8e7d6c-`. Its
  presence says the worker has read this row's links before (SPEC §4.3).
- c (v3): the highest effective closeness the row has reached, and the Closeness it was reached
  under (`c=WK`: Warm while the column says Cold); forgotten when the column changes (SPEC §4.2).
- a (v3): the person answered once (a Status past Reached out was read on the row).

A v1 state (``w1:<inputs>:<8 marks>[:p|s<yyyymmdd>]``) is read as the same marks, plan date and
Status date; it had no two-way date or message count.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from worker.core.models import Person, Status
from worker.core.columns import USER_KEYS, WORKER_KEYS

VERSION = "w2"
MARKED = tuple(key for key in WORKER_KEYS if key != "worker_state")
_MARK_AT = {key: at for at, key in enumerate(MARKED)}  # asked for each column of each row, twice a run
USER_HELD = "u"
UNKNOWN = None  # a mark from a format that had no such column: nothing was written there
ANY_STATUS = "*"  # a v1 Status date: it held for the Status the row had then, which is the one now
STATUS_CODES = {
    Status.NOT_CONTACTED: "N", Status.REACHED_OUT: "O", Status.REPLIED: "R", Status.MEETING_SCHEDULED: "M",
    Status.INTERVIEWING: "I", Status.REFERRED: "F", Status.NOT_INTERESTED: "X", Status.IN_TOUCH: "T",
}
CLOSENESS_CODES = {"Close": "C", "Warm": "W", "Acquaintance": "A", "Cold": "K"}
_CLOSENESS_OF_CODE = {code: label for label, code in CLOSENESS_CODES.items()}
INTRODUCER_KEY = 8  # hex digits of the introducer's page id kept in `i` (its last ones)
MARK_BYTES = 3  # 4 characters: a user's value hashing like the worker's is a 1 in 16 million chance
FINGERPRINT_BYTES = 6  # 8 characters
_V1_FIELDS = ("suggested_ask", "why", "next_step", "intro_path", "intro_via", "follow_up_on", "stale", "strength")


class UnreadableState(ValueError):
    """The Worker state text is not one the worker wrote (edited, pasted over, cut short)."""


@dataclass(frozen=True, slots=True)
class State:
    """A row's Worker state, parsed. The default is a row the worker never wrote."""

    marks: tuple[str | None, ...] = ()  # per MARKED column; () when the worker never wrote the row
    fingerprint: str = ""
    two_way_seen: bool = False
    two_way: date | None = None
    messages: int = 0
    first_message: date | None = None
    last_message: date | None = None
    planned: date | None = None
    counted_status: str = ""  # a STATUS_CODES letter (or ANY_STATUS) for `counted_date`
    counted_date: date | None = None
    paused_cleared: bool = False
    replied_on: date | None = None
    sent_from_plan: date | None = None
    # v3: per introducer (the last INTRODUCER_KEY hex digits of its page id), the introduced-on
    # day (None: undated); None when the worker never read this row's links.
    introduced: tuple[tuple[str, date | None], ...] | None = None
    closeness: str = ""  # the highest effective closeness reached (a Closeness label), "" when none
    closeness_under: str = ""  # the Closeness column it was reached under
    answered: bool = False  # a Status past Reached out was read on the row

    @property
    def links_read(self) -> bool:
        """The worker has read this row's Introduced by links before (v3 memory)."""
        return self.introduced is not None

    def introduced_on(self, introducer: str) -> tuple[bool, date | None]:
        """(known, day) for one introducer's page id: whether the link is remembered, and its day."""
        for key, day in self.introduced or ():
            if introducer.endswith(key):
                return True, day
        return False, None

    @property
    def written(self) -> bool:
        return bool(self.marks)

    def mark(self, key: str) -> str | None:
        return self.marks[_MARK_AT[key]] if self.marks else UNKNOWN

    def counted_for(self, status: str) -> date | None:
        """The Status date counted from today, if it was counted for `status`."""
        if self.counted_status in (STATUS_CODES.get(status), ANY_STATUS):
            return self.counted_date
        return None


NEVER_WRITTEN = State()


# --- values as compared and hashed -------------------------------------------------------------


def plain(value: Any) -> str:
    """A worker field's value as the text it is compared and hashed by (70 and 70.0 are one; empty is "")."""
    if value is None or value is False or value == "" or value == ():
        return ""
    if value is True:
        return "1"
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(int(value)) if value == int(value) else repr(float(value))
    return str(value)


def mark_of(value: Any) -> str:
    """The mark of a value the worker writes: "" for an empty one, else a short hash."""
    return mark_of_text(plain(value))


def mark_of_text(text: str) -> str:
    """The mark of a value already made `plain`."""
    return _digest(text, MARK_BYTES) if text else ""


def fingerprint(person: Person, introductions: tuple[str, ...] = ()) -> str:
    """A hash of the row's own user-owned values (SPEC §3), in a form that ignores link order.

    `introductions`: the rows this person introduced you to (v3, SPEC §4.3: a new introduction is
    a change of the connector's own values); none leaves the hash as it always was.
    """
    parts = []
    for key in USER_KEYS:
        value = getattr(person, key)
        if isinstance(value, tuple):
            value = tuple(sorted(value))
        parts.append(plain(value.strip() if isinstance(value, str) else value))
    if introductions:
        parts.append(",".join(sorted(introductions)))
    return _digest("\x1f".join(parts), FINGERPRINT_BYTES)


def _digest(text: str, size: int) -> str:
    # blake2b: stable across processes (Python's hash() is not); base64 keeps the state short.
    raw = hashlib.blake2b(text.encode(), digest_size=size).digest()
    return base64.urlsafe_b64encode(raw).decode()


# --- reading -----------------------------------------------------------------------------------


def read_state(text: str) -> State:
    """The state a row holds; NEVER_WRITTEN for an empty one; UnreadableState for one the worker did not write."""
    text = text.strip()
    if not text:
        return NEVER_WRITTEN
    if text.startswith(VERSION + ";") or text == VERSION:
        return _read_v2(text)
    if text.startswith("w1:"):
        return _read_v1(text)
    raise UnreadableState(text)


def _read_v2(text: str) -> State:
    found: dict[str, Any] = {"marks": ("",) * len(MARKED)}
    for part in text.split(";")[1:]:
        key, _, value = part.partition("=")
        try:
            found.update(_V2_READERS[key](value))
        except (KeyError, ValueError, IndexError):
            raise UnreadableState(text) from None
    return State(**found)


def _marks(value: str) -> dict[str, Any]:
    marks = tuple(value.split(","))
    if len(marks) != len(MARKED) or any(len(m) not in (0, 1, 4) or (len(m) == 1 and m != USER_HELD) for m in marks):
        raise ValueError(value)
    return {"marks": marks}


def _two_way(value: str) -> dict[str, Any]:
    return {"two_way_seen": True, "two_way": None if value == "-" else _day(value)}


def _ghost(value: str) -> dict[str, Any]:
    count, first, last = value.split(",")
    if int(count) < 1:
        raise ValueError(value)
    return {"messages": int(count), "first_message": _day(first), "last_message": _day(last)}


def _counted(value: str) -> dict[str, Any]:
    if value[:1] not in STATUS_CODES.values():
        raise ValueError(value)
    return {"counted_status": value[:1], "counted_date": _day(value[1:])}


def _flag(value: str) -> dict[str, Any]:
    if value:
        raise ValueError(value)
    return {"paused_cleared": True}


def _introduced(value: str) -> dict[str, Any]:
    links = []
    for part in filter(None, value.split(",")):
        key, day = part[:INTRODUCER_KEY], part[INTRODUCER_KEY:]
        if len(key) != INTRODUCER_KEY or any(c not in "0123456789abcdef" for c in key):
            raise ValueError(value)
        links.append((key, None if day == "-" else _day(day)))
    return {"introduced": tuple(links)}


def _closeness(value: str) -> dict[str, Any]:
    if len(value) != 2:
        raise ValueError(value)
    return {"closeness": _CLOSENESS_OF_CODE[value[0]], "closeness_under": _CLOSENESS_OF_CODE[value[1]]}


def _answered(value: str) -> dict[str, Any]:
    if value:
        raise ValueError(value)
    return {"answered": True}


def _fingerprint(value: str) -> dict[str, Any]:
    if len(value) != 8:
        raise ValueError(value)
    return {"fingerprint": value}


_V2_READERS = {
    "m": _marks, "f": _fingerprint, "t": _two_way, "g": _ghost,
    "p": lambda value: {"planned": _day(value)}, "s": _counted, "z": _flag,
    "r": lambda value: {"replied_on": _day(value)}, "o": lambda value: {"sent_from_plan": _day(value)},
    "i": _introduced, "c": _closeness, "a": _answered,
}


def _day(text: str) -> date:
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def _read_v1(text: str) -> State:
    """A v1 state: its marks (hex hashes of the same plain values) mapped onto the v2 columns."""
    parts = text.split(":")
    if len(parts) not in (3, 4):
        raise UnreadableState(text)
    v1_marks = parts[2].split(",")
    if len(v1_marks) != len(_V1_FIELDS):
        raise UnreadableState(text)
    by_field = dict(zip(_V1_FIELDS, v1_marks))
    try:
        marks = tuple(_v1_mark(by_field[key]) if key in by_field else UNKNOWN for key in MARKED)
        state = State(marks=marks)
        if len(parts) == 4 and parts[3]:
            kind, day = parts[3][:1], _day(parts[3][1:])
            if kind == "p":
                state = replace(state, planned=day)
            elif kind == "s":
                state = replace(state, counted_status=ANY_STATUS, counted_date=day)
    except ValueError:
        raise UnreadableState(text) from None
    return state


_V1_EMPTY = hashlib.blake2b(b"", digest_size=MARK_BYTES).hexdigest()


def _v1_mark(mark: str) -> str:
    if mark == USER_HELD:
        return USER_HELD
    if mark == _V1_EMPTY:
        return ""
    return base64.urlsafe_b64encode(bytes.fromhex(mark)).decode()  # ValueError when not hex


# --- writing -----------------------------------------------------------------------------------


def write_state(state: State) -> str:
    """The Worker state text; "" when there is nothing worth remembering."""
    parts = [VERSION]
    if any(state.marks):
        parts.append("m=" + ",".join(mark or "" for mark in state.marks))
    if state.fingerprint:
        parts.append("f=" + state.fingerprint)
    remembered = (state.messages, state.planned, state.counted_date, state.paused_cleared, state.replied_on,
                  state.sent_from_plan, state.introduced, state.closeness, state.answered)
    if len(parts) == 1 and not any(remembered):
        return ""  # every column empty and nothing to remember: the row needs no state
    if state.two_way_seen:
        parts.append("t=" + (_yyyymmdd(state.two_way) if state.two_way else "-"))
    if state.messages:
        parts.append(f"g={state.messages},{_yyyymmdd(state.first_message)},{_yyyymmdd(state.last_message)}")
    if state.planned:
        parts.append("p=" + _yyyymmdd(state.planned))
    if state.counted_date:
        parts.append("s=" + state.counted_status + _yyyymmdd(state.counted_date))
    if state.paused_cleared:
        parts.append("z")
    if state.replied_on:
        parts.append("r=" + _yyyymmdd(state.replied_on))
    if state.sent_from_plan:
        parts.append("o=" + _yyyymmdd(state.sent_from_plan))
    if state.introduced:
        parts.append("i=" + ",".join(key + (_yyyymmdd(day) if day else "-") for key, day in state.introduced))
    if state.closeness in CLOSENESS_CODES and state.closeness_under in CLOSENESS_CODES:
        parts.append("c=" + CLOSENESS_CODES[state.closeness] + CLOSENESS_CODES[state.closeness_under])
    if state.answered:
        parts.append("a")
    return ";".join(parts)


def _yyyymmdd(day: date | None) -> str:
    assert day is not None  # a message count always has its dates
    return day.strftime("%Y%m%d")
