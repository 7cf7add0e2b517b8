"""Never two writers on one list: a file lock per Outreach List, shared by run, cron and people.

The lock is keyed on the list's data source id as Notion resolves it, so a database id, its data
source id and any URL of the list all take the same lock; a sync therefore takes it right after
resolving the id (two reads at most, which two syncs may well do at once) and before it reads the
rows. The lock is filelock's OS-level lock (flock on Unix), so it is released by the kernel if its
holder dies. Beside it, a small JSON note says who holds it (pid, command, since when), so a
waiting sync can tell a person what it is waiting for.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout

from worker.settings import ConfigError, Settings

log = logging.getLogger("worker.lock")

DEFAULT_LOCK_WAIT_SECONDS = 600.0
LOCK_POLL_SECONDS = 0.2


class SyncBusy(Exception):
    """Another sync of the same list held the lock for longer than we were willing to wait."""


class LockWaitStopped(Exception):
    """A stop was requested while waiting for another sync of the list to finish."""


def list_key(settings: Settings) -> str:
    """A short stable name for the configured list, used in the heartbeat's file name: its id,
    however it was given (a URL and the bare id of one list share it)."""
    return _short(settings.require_database())


def lock_path(settings: Settings, data_source_id: str) -> Path:
    """The lock file of the list whose data source is `data_source_id` (32 hex), in the state folder."""
    return settings.state_dir / f"sync-{_short(data_source_id)}.lock"


def holder_path(settings: Settings, data_source_id: str) -> Path:
    """The note beside the lock saying which process holds it."""
    return settings.state_dir / f"sync-{_short(data_source_id)}.holder.json"


def _short(list_id: str) -> str:
    return hashlib.blake2b(list_id.replace("-", "").lower().encode(), digest_size=8).hexdigest()


@contextmanager
def sync_lock(
    settings: Settings,
    data_source_id: str,
    wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS,
    *,
    stop: threading.Event | None = None,
    command: str = "sync",
) -> Iterator[None]:
    """Hold the lock of the list whose (resolved) data source is `data_source_id` for one sync;
    wait up to `wait_seconds` for a running one to finish.

    Raises SyncBusy after the wait, or LockWaitStopped as soon as `stop` is set while waiting.
    """
    require_state_dir(settings)
    path = lock_path(settings, data_source_id)
    note = holder_path(settings, data_source_id)
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        holder = describe_holder(note)
        log.warning(
            "another sync of this Outreach List is running (%s); waiting up to %.0f s for it to finish",
            holder, wait_seconds, extra={"event": "lock_wait", "lock": str(path)},
        )
        _wait_for(lock, wait_seconds, stop, path, holder)
    try:
        _write_holder(note, command)
        yield
    finally:
        note.unlink(missing_ok=True)
        lock.release()


def describe_holder(note_path: Path) -> str:
    """Who holds the lock, in words (from the note beside it), or that we cannot tell."""
    try:
        note = json.loads(note_path.read_text(encoding="utf-8"))
        return f"`{note['command']}`, pid {note['pid']}, since {note['since']}"
    except (OSError, ValueError, KeyError, TypeError):  # a note half written, or by another version
        return "holder unknown"


def _wait_for(lock: FileLock, wait_seconds: float, stop: threading.Event | None, path: Path, holder: str) -> None:
    stop = stop or threading.Event()
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            lock.acquire(timeout=0)
            return
        except Timeout:
            pass
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise SyncBusy(
                f"Another sync of this Outreach List ({holder}) has been running for over "
                f"{wait_seconds:.0f} s (lock {path}). Try again later; it writes the same fields."
            )
        if stop.wait(min(LOCK_POLL_SECONDS, remaining)):
            raise LockWaitStopped()


def _write_holder(note_path: Path, command: str) -> None:
    note = {
        "pid": os.getpid(),
        "command": command,
        "since": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    try:
        note_path.write_text(json.dumps(note), encoding="utf-8")
    except OSError:  # the note is a courtesy; the lock itself is what counts
        pass


def require_state_dir(settings: Settings) -> None:
    """The lock and heartbeat live in OUTREACH_STATE_DIR; it must be a writable folder."""
    try:
        settings.state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)  # the snapshot holds the list's rows
        probe = settings.state_dir / f".write-test-{os.getpid()}"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    except OSError as error:
        raise ConfigError(
            f"OUTREACH_STATE_DIR={str(settings.state_dir)!r} is not a writable folder ({error.strerror or error}). "
            "Point it at a folder the worker may write (its lock and heartbeat live there)."
        ) from None
