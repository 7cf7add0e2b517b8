"""The snapshot: the list as the last full read or look left it, in the state folder.

One JSON file per list (0600, in the 0700 state folder), holding only what the list holds: each
row's values as the worker reads them, when each was created, the data source with its schema, and
how far back the next look must reach. It says which format it is in, which list it belongs to
(the configured id and the resolved data source) and which column names and time zone read it;
anything else (missing, unreadable, another list, other names, an older format) is no snapshot,
and the caller reads the whole list instead. Never a wrong answer from a stale file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from worker.core.models import Person, WorkerFields
from worker.notion.schema import DataSource
from worker.runs.locking import list_key
from worker.settings import Settings

log = logging.getLogger("worker.runs.live")

FORMAT = 1  # raise it when the file's shape changes: an older file then means a full read
# The snapshot this process last read or wrote, per file, under the file's modification time and
# size: `run` looks every minute, and a 10,000-row snapshot takes a second or more to parse.
_held: dict[Path, tuple[tuple[int, int], tuple[str, Snapshot]]] = {}
DATE_FIELDS = frozenset({"last_contacted", "meeting_on", "created_on", "follow_up_on", "edited_by_person_on"})
TUPLE_FIELDS = frozenset({"knows", "introduced_by", "shared_interests", "intro_via"})


@dataclass(frozen=True)
class Snapshot:
    """What the last read saw: the rows, their created times, the schema, where the next look reaches."""

    source: DataSource
    people: tuple[Person, ...]
    created: Mapping[str, str]
    since: datetime  # the next look asks for rows edited on or after this, less a minute


def snapshot_path(settings: Settings) -> Path:
    """This list's snapshot file, in the state folder."""
    return settings.state_dir / f"snapshot-{list_key(settings)}.json"


def cursor_path(settings: Settings) -> Path:
    """Where the next look reaches back to, beside the snapshot: a look that finds nothing rewrites
    only this small file, not the whole list."""
    return settings.state_dir / f"snapshot-{list_key(settings)}.since.json"


def save_snapshot(settings: Settings, source: DataSource, people: Sequence[Person], created: Mapping[str, str],
                  since: datetime) -> None:
    """Replace the snapshot atomically; a state folder that cannot take it only costs the next look a full read."""
    owner = belongs_to(settings, source.data_source_id)
    body = {"format": FORMAT, "belongs_to": owner,
            "source": _source_json(source), "since": since.isoformat(), "created": dict(created),
            "people": [_person_json(person) for person in people]}
    path = snapshot_path(settings)
    if _write_private(settings, path, body):
        move_cursor(settings, since)
        _hold(path, (owner, Snapshot(source, tuple(people), dict(created), since)))  # the next look need not parse it


def move_cursor(settings: Settings, since: datetime) -> None:
    """After a look that changed nothing: only where the next look reaches back to moves on."""
    _write_private(settings, cursor_path(settings), {"format": FORMAT, "since": since.isoformat()})


def _write_private(settings: Settings, path: Path, body: dict[str, Any]) -> bool:
    """Replace `path` atomically, readable by its owner only; False (and a warning) when it cannot."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        settings.state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(body, file, separators=(",", ":"))
        os.replace(temporary, path)
        return True
    except OSError as error:
        log.warning("could not keep the snapshot in %s (%s); the next look reads the whole list",
                    settings.state_dir, error)
        temporary.unlink(missing_ok=True)
        return False


def load_snapshot(settings: Settings) -> Snapshot | None:
    """The snapshot, or None when there is none this list and configuration can trust."""
    path = snapshot_path(settings)
    try:
        stat = path.stat()
        snapshot = _parsed(path, stat.st_mtime_ns, stat.st_size)
        if snapshot is None or snapshot[0] != belongs_to(settings, snapshot[1].source.data_source_id):
            return None
        return replace(snapshot[1], since=_cursor(settings) or snapshot[1].since)
    except OSError:
        return None


def _parsed(path: Path, mtime_ns: int, size: int) -> tuple[str, Snapshot] | None:
    """The file's owner and snapshot, as this process holds it when the file is unchanged since."""
    held = _held.get(path)
    if held is not None and held[0] == (mtime_ns, size):
        return held[1]
    parsed = _parse(path)
    if parsed is not None:
        _held[path] = ((mtime_ns, size), parsed)
    return parsed


def _hold(path: Path, snapshot: tuple[str, Snapshot]) -> None:
    """Keep what this process just wrote, under the file's new modification time and size."""
    try:
        stat = path.stat()
    except OSError:
        return
    _held[path] = ((stat.st_mtime_ns, stat.st_size), snapshot)


def _parse(path: Path) -> tuple[str, Snapshot] | None:
    """The file's owner (`belongs_to`) and snapshot, or None when it is not one of this format (cut
    off, written by something else, older)."""
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            return None
        people = tuple(_person_from(dict(item)) for item in body["people"])
        snapshot = Snapshot(DataSource(**body["source"]), people, dict(body["created"]),
                            datetime.fromisoformat(body["since"]))
        return str(body.get("belongs_to")), snapshot
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, cut off, or written by something else: a full read instead


def _cursor(settings: Settings) -> datetime | None:
    try:
        body = json.loads(cursor_path(settings).read_text(encoding="utf-8"))
        return datetime.fromisoformat(body["since"]) if body.get("format") == FORMAT else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def belongs_to(settings: Settings, data_source_id: str) -> str:
    """A fingerprint of what read the snapshot: the list (as configured and as resolved), the column
    names and the time zone (dates are read in it). The rules are not in it: a look computes anew."""
    facts = (settings.require_database(), data_source_id, repr(settings.names), str(settings.timezone))
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()


def _source_json(source: DataSource) -> dict[str, Any]:
    return {f.name: getattr(source, f.name) for f in fields(source)}


def _person_json(person: Person) -> dict[str, Any]:
    values = {f.name: _plain(f.name, getattr(person, f.name)) for f in fields(person) if f.name != "current"}
    values["current"] = {f.name: _plain(f.name, getattr(person.current, f.name)) for f in fields(person.current)}
    return values


def _person_from(values: dict[str, Any]) -> Person:
    current = WorkerFields(**{name: _typed(name, value) for name, value in values.pop("current").items()})
    person = Person(**{name: _typed(name, value) for name, value in values.items()})
    return replace(person, current=current)


def _plain(name: str, value: Any) -> Any:
    if name in DATE_FIELDS:
        return value.isoformat() if value else None
    return list(value) if name in TUPLE_FIELDS else value


def _typed(name: str, value: Any) -> Any:
    if name in DATE_FIELDS:
        return date.fromisoformat(value) if value else None
    return tuple(value) if name in TUPLE_FIELDS else value
