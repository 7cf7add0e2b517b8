"""Worker state: what the worker last wrote and from which inputs, so a user's edit wins.

State text: ``w1:<inputs>:<m1>,…,<m8>[:p|s<yyyymmdd>]``. ``<inputs>`` hashes the row's inputs;
one marker per worker field is the hash of the value the worker wrote, or ``u`` for "the user's
value, leave alone"; the optional date is one the worker chose relative to a run's today (a plan
place ``p``, or a Status date counted from today ``s``), kept while the inputs stay the same.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from operator import attrgetter
from datetime import date

from worker.models import WORKER_FIELD_NAMES, RuleBook, WorkerFields

from .strength import Row, company_key

VERSION = "w1"
USER = "u"
PLANNED = "p"
FROM_TODAY = "s"
OWNED_FIELDS = tuple(name for name in WORKER_FIELD_NAMES if name != "worker_state")
_SEP = "\x1f"


@dataclass(frozen=True, slots=True)
class State:
    """A parsed Worker state."""

    inputs: str
    markers: tuple[str, ...]
    date_kind: str = ""
    day: date | None = None


def short_hash(text: str, size: int = 3) -> str:
    """A stable hex digest of `size` bytes (blake2b; Python's hash() changes per process)."""
    return hashlib.blake2b(text.encode(), digest_size=size).hexdigest()


def rules_digest(rules: RuleBook) -> str:
    """The rule numbers and the target list, independent of their order in the config."""
    data = rules.model_dump(mode="json")
    data["target_companies"] = sorted({company_key(c) for c in rules.target_companies if c.strip()})
    return short_hash(json.dumps(data, sort_keys=True), 8)


def row_inputs(row: Row) -> str:
    """The row's own user-owned values, normalised, as one string."""
    p = row.person
    return _SEP.join((
        row.pid, p.name, p.company.strip(), p.role, row.closeness, row.status,
        p.last_contacted.isoformat() if p.last_contacted else "",
        ",".join(sorted(p.knows)), ",".join(sorted(p.introduced_by)), ",".join(sorted(p.shared_interests)),
    ))


def inputs_hash(row: Row, by_id: dict[str, Row], rules_hash: str) -> str:
    """Hash of the row's inputs, the rules, and the rows on its intro path."""
    parts = [rules_hash, row_inputs(row)]
    parts.extend(row_inputs(by_id[pid]) for pid in row.path[:-1])
    return short_hash("\x1e".join(parts), 5)


def parse_state(text: str) -> State | None:
    """The state the worker wrote, or None when there is none or it is not the worker's."""
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
        text += f":{date_kind}{day:%Y%m%d}"
    return text


def encode(value: object) -> str:
    """A field value as the plain text it is compared and hashed by (70 and 70.0 are one)."""
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _text(value: str | None) -> str:
    return value or ""


def _ids(value: tuple[str, ...]) -> str:
    return ",".join(value)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _flag(value: bool) -> str:
    return "1" if value else ""


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else repr(float(value))


# One encoder per owned field, in OWNED_FIELDS order: the hot path skips encode()'s type tests.
_ENCODERS = (_text, _text, _text, _text, _ids, _day, _flag, _number)
_current_values = attrgetter(*OWNED_FIELDS)
_NOBODY = (False,) * len(OWNED_FIELDS)


class Marks(dict):
    """Field markers by encoded value, cached: most values (empty, flags, steps) repeat across rows."""

    def __missing__(self, encoded: str) -> str:
        mark = self[encoded] = short_hash(encoded)
        return mark


def settle_fields(
    desired: tuple, current: WorkerFields, state: State | None, inputs: str, marks: Marks
) -> tuple[list, list[str], list[str]]:
    """Per field, the user's value or the worker's: (final values, markers, changed names)."""
    nows = _current_values(current)
    now_texts = [enc(value) for enc, value in zip(_ENCODERS, nows)]
    wanted_texts = [enc(value) for enc, value in zip(_ENCODERS, desired)]
    if state is None:  # never written by the worker: whatever is there is the user's
        users = [text != "" for text in now_texts]
    elif state.inputs == inputs:  # the user's value, or one the user changed since
        users = [old == USER or marks[text] != old for old, text in zip(state.markers, now_texts)]
    else:  # the inputs changed: the worker's values return
        users = _NOBODY
    values = [now if user else wanted for user, now, wanted in zip(users, nows, desired)]
    markers = [USER if user else marks[text] for user, text in zip(users, wanted_texts)]
    changed = [
        name for name, user, wanted, now in zip(OWNED_FIELDS, users, wanted_texts, now_texts)
        if not user and wanted != now
    ]
    return values, markers, changed
