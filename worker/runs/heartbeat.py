"""The heartbeat file, and the health verdict `outreach-worker health` draws from it.

One small JSON file per list in the state folder: when `run` started, when its last sync began,
and when a sync last succeeded (with its counts) or failed (with its reason). Every sync that
writes records itself here, whether `run`, cron or a person started it. Health is judged against
the schedule's own fire times, so a Monday-to-Friday schedule is not "stale" on a Sunday.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable

from worker.runs.locking import list_key
from worker.core.models import SyncReport
from worker.settings import Settings

log = logging.getLogger("worker.runs.heartbeat")

NO_HEARTBEAT = (
    "unhealthy: no successful sync recorded yet (every sync that writes, by the sync command or by run, "
    "records one in OUTREACH_STATE_DIR for this list)"
)
# How long the run started at a fire time may take before its absence counts (capped at one interval).
SYNC_ALLOWANCE = timedelta(minutes=5)


def heartbeat_path(settings: Settings) -> Path:
    """The heartbeat file of this list, in the state folder."""
    return settings.state_dir / f"heartbeat-{list_key(settings)}.json"


def read_heartbeat(path: Path) -> dict[str, Any]:
    """The heartbeat's fields, or {} when there is none (or it is unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def update_heartbeat(path: Path, **fields: Any) -> None:
    """Merge `fields` into the heartbeat and replace the file atomically (datetimes as ISO 8601)."""
    data = read_heartbeat(path)
    data.update({k: v.isoformat() if isinstance(v, datetime) else v for k, v in fields.items()})
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps(data, indent=2), encoding="utf-8")
        os.replace(temporary, path)
    except BaseException:  # a full disk fails the write after the file was made: never leave it behind
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise


def sync_counts(report: SyncReport) -> dict[str, Any]:
    """A finished sync's counts, as its log line and the heartbeat keep them."""
    return {
        "rows_read": report.rows_read,
        "rows_changed": report.rows_changed,
        "rows_written": report.writes_sent,
        "rows_failed": len(report.failures),
        "requests": report.api_requests,
        "retries": report.retries,
        "seconds": round(report.seconds, 3),
    }


def record_sync(settings: Settings, report: SyncReport) -> None:
    """A finished sync: a success unless Notion could not be reached (a refused row is not ill health)."""
    if report.unreachable:
        record_failure(settings, "Notion could not be reached; no row was written")
    else:
        _beat(settings, last_success=utc_now(), last_counts=sync_counts(report))


def record_failure(settings: Settings, reason: str) -> None:
    """A sync that stopped, and why."""
    _beat(settings, last_error=reason, last_error_at=utc_now())


def first_notice(settings: Settings, key: str) -> bool:
    """True the first time a notice is asked for with this list and state folder, then False."""
    path = heartbeat_path(settings)
    shown = read_heartbeat(path).get("notices") or []
    if key in shown:
        return False
    _beat(settings, notices=[*shown, key])
    return True


def _beat(settings: Settings, **fields: Any) -> None:
    try:
        update_heartbeat(heartbeat_path(settings), **fields)
    except OSError as error:
        log.error("could not write the heartbeat in %s: %s", settings.state_dir, error)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def parse_time(value: Any) -> datetime | None:
    """An aware datetime from the heartbeat's ISO text, or None."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Verdict:
    healthy: bool
    reason: str


def judge_health(
    beat: dict[str, Any],
    fires_after: Callable[[datetime], Iterable[datetime]],
    now: datetime,
    zone: tzinfo = timezone.utc,
) -> Verdict:
    """Unhealthy once the schedule has fired twice since the last success (or since the process
    started, while its first sync runs) and the second of those runs has had time to finish."""
    # Compared and subtracted in UTC, shown in the list's zone: zoned arithmetic ignores `fold`.
    started, success = parse_time(beat.get("started_at")), parse_time(beat.get("last_success"))
    if started is None and success is None:
        return Verdict(False, NO_HEARTBEAT)
    since = max(moment for moment in (started, success) if moment is not None)
    this_process = success is not None and (started is None or success >= started)
    fires = [fire.astimezone(timezone.utc) for fire in islice(fires_after(since), 2)]
    if len(fires) == 2:
        allowance = min(SYNC_ALLOWANCE, fires[1] - fires[0])
        if fires[1] + allowance <= now.astimezone(timezone.utc):
            return Verdict(False, _stale_reason(success, None if this_process else started, fires, now, zone))
    if this_process:
        return Verdict(True, f"healthy: last successful sync {_stamp(success, zone)} ({_age(now - since)} ago)")
    return Verdict(
        True, f"healthy: first sync since start at {_stamp(since, zone)} is running or due ({_age(now - since)} ago)"
    )


def _stale_reason(
    success: datetime | None, restart: datetime | None, fires: list[datetime], now: datetime, zone: tzinfo
) -> str:
    last = "no successful sync yet"
    if success:
        last = f"last successful sync {_stamp(success, zone)} ({_age(now - success)} ago)"
    since_start = f" since the start at {_stamp(restart, zone)}" if restart else ""
    return (
        f"unhealthy: {last}{since_start}; the schedule fired at {_stamp(fires[0], zone)} and "
        f"{_stamp(fires[1], zone)} without a success"
    )


def _stamp(moment: datetime | None, zone: tzinfo) -> str:
    return moment.astimezone(zone).isoformat(timespec="seconds") if moment else "never"


def _age(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"
