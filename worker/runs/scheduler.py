"""`outreach-worker run` and `health`: APScheduler 3.x, the list lock, the heartbeat, signals.

`run` syncs once at start, then on SYNC_SCHEDULE, one sync at a time. SIGTERM or SIGINT sets a stop
event that the Notion gateway checks before every request and during every wait, so the write in
flight finishes, no new one starts, and the process exits 0 within seconds (also mid Retry-After).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Callable, Iterator

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.interval import IntervalTrigger

from worker.runs.cronspec import build_trigger, describe_schedule, fire_times_after
from worker.runs.heartbeat import (
    Verdict,
    heartbeat_path,
    judge_health,
    read_heartbeat,
    record_failure,
    record_sync,
    sync_counts,
    update_heartbeat,
    utc_now,
)
from worker.runs.failures import Failure, FailureKind, classify
from worker.runs.locking import require_state_dir
from worker.core.codes import PageState
from worker.core.models import Outcome, SyncReport
from worker.core.today.advice import HOW_TO_ADD, page_message, schema_headline, schema_problem_lines
from worker.notion.errors import SchemaError
from worker.settings import Settings
from worker.runs.clock import SYSTEM_CLOCK, Clock
from worker.runs.stopping import stop_on_signals

if TYPE_CHECKING:
    from worker.runs.sync import SyncResult

log = logging.getLogger("worker.runs.scheduler")

# A run that starts this late (process asleep, machine suspended) still happens, once (coalesced).
MISFIRE_GRACE_SECONDS = 600
# A scheduled sync waits this long for a manual sync of the same list, then skips to the next tick.
SCHEDULED_LOCK_WAIT_SECONDS = 60.0
# After a stop, how long the sync in flight normally needs to return (it is stop-aware); past this
# we log that its last request is still out, and keep waiting (at most the request time-out).
STOP_WAIT_SECONDS = 8.0


def run_scheduler(settings: Settings, today: date | None = None, clock: Clock = SYSTEM_CLOCK) -> int:
    """Sync at start and then on the schedule until SIGTERM/SIGINT; 0 on a clean stop."""
    trigger = build_trigger(settings)  # a bad SYNC_SCHEDULE is a ConfigError (exit 2) before anything runs
    settings.require_token()
    settings.require_database()
    require_state_dir(settings)
    _show_sync_lines()
    stop = threading.Event()
    runner = SyncRunner(settings, today, stop, clock)
    scheduler = BackgroundScheduler(
        timezone=settings.timezone,
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
    )
    scheduler.add_listener(_on_job_event, EVENT_JOB_ERROR | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
    schedule_jobs(scheduler, trigger, settings, runner)
    with stop_on_signals(stop) as received:
        update_heartbeat(
            heartbeat_path(settings), started_at=utc_now(), pid=os.getpid(), schedule=describe_schedule(settings)
        )
        scheduler.start()
        looks = f", and a look every {settings.live_seconds:g} s" if settings.live_seconds > 0 else ""
        log.info("scheduler started: a sync now, then %s%s", describe_schedule(settings), looks,
                 extra={"event": "start"})
        while not stop.wait(1.0):
            pass
        log.info(
            "stopping on %s: the write in flight finishes, no new one starts", received.name,
            extra={"event": "stop", "signal": received.name, "signal_monotonic": received.at},
        )
        if not runner.idle.wait(STOP_WAIT_SECONDS):
            log.warning("the sync is still waiting for Notion's answer to its last request; waiting for it")
        scheduler.shutdown(wait=True)
    log.info("stopped", extra={"event": "stopped"})
    return 0


def schedule_jobs(scheduler: BaseScheduler, trigger: BaseTrigger, settings: Settings, runner: SyncRunner) -> None:
    """A sync now and on `trigger`; a look every SYNC_LIVE_SECONDS (none when 0). The scheduler's one
    worker thread runs both jobs, so a look never overlaps a sync of this process."""
    scheduler.add_job(runner, trigger, id="sync", name="sync", next_run_time=datetime.now(settings.timezone))
    if settings.live_seconds > 0:
        scheduler.add_job(runner, IntervalTrigger(seconds=settings.live_seconds), args=["look"], id="look",
                          name="look")


def fetch_health(settings: Settings, now: datetime | None = None) -> Verdict:
    """The verdict on this list's heartbeat, judged by the schedule's own fire times."""
    build_trigger(settings)  # a bad SYNC_SCHEDULE is a ConfigError, not a verdict
    beat = read_heartbeat(heartbeat_path(settings))

    def fires_after(since: datetime) -> Iterator[datetime]:
        return fire_times_after(build_trigger(settings, start=since), since)

    return judge_health(beat, fires_after, now or utc_now(), settings.timezone)


@dataclass
class SyncRunner:
    """The scheduled job: one sync under the list's lock, logged in one line, heartbeat after."""

    settings: Settings
    today: date | None
    stop: threading.Event
    clock: Clock = SYSTEM_CLOCK
    idle: threading.Event = field(default_factory=threading.Event)
    # The last computation's outcome: the next sync or look takes its work for rows that are unchanged.
    last: Outcome | None = None

    def __post_init__(self) -> None:
        self.idle.set()

    def __call__(self, kind: str = "sync") -> None:
        if self.stop.is_set():
            return
        self.idle.clear()
        try:
            self.sync_once() if kind == "sync" else self.look_once()
        finally:
            self.idle.set()

    def sync_once(self) -> None:
        """One sync; every failure is logged, and the next tick tries again."""
        from worker.runs.sync import sync_notion  # the rules load with the first sync, not with `health`

        self._beat(sync_started_at=utc_now())
        self._run("sync", lambda day: sync_notion(self.settings, today=day, stop=self.stop, clock=self.clock,
                                                  lock_wait_seconds=SCHEDULED_LOCK_WAIT_SECONDS, command="run",
                                                  previous=self.last))

    def look_once(self) -> None:
        """One look (SPEC §10); a failure (a schema change, say) stops this look only, logged."""
        from worker.runs.live.look import look_notion

        self._run("look", lambda day: look_notion(self.settings, today=day, stop=self.stop, clock=self.clock,
                                                  command="run (look)", outcome_when_unchanged=False,
                                                  previous=self.last))

    def _run(self, kind: str, once: Callable[[date], SyncResult]) -> None:
        day = self.today or datetime.now(self.settings.timezone).date()  # once per run, in the list's zone
        started = time.monotonic()
        try:
            result = once(day)
        except Exception as error:  # noqa: BLE001 - Notion down, schema, anything: log it, try next tick
            self._stopped(classify(error), day, started, kind)
        else:
            if result.outcome.rows:  # a look that computed nothing leaves the last computation's work
                self.last = result.outcome
            self._finished(result.report, day, kind)
            self._today_page(result)

    def _finished(self, report: SyncReport, day: date, kind: str = "sync") -> None:
        counts = sync_counts(report)
        outcome = report.outcome
        line = (
            "{kind} {outcome}: {rows_read} rows read, {rows_changed} changed, {rows_written} written, "
            "{rows_failed} failed; {requests} requests, {retries} retries; {seconds} s"
        ).format(kind=kind if report.kind == "look" or kind == "sync" else "look (full read)", outcome=outcome,
                 **counts)
        quiet = kind == "look" and not report.writes_sent and not report.failures  # a look a minute: no noise
        level = logging.WARNING if report.failures else logging.DEBUG if quiet else logging.INFO
        log.log(level, line, extra={"event": kind, "outcome": outcome, "today": day.isoformat(), **counts})
        record_sync(self.settings, report)

    def _today_page(self, result: SyncResult) -> None:
        from worker.runs.sync.publish import owes_today_page_hint

        page = result.today_page
        if page is not None and page.problem is not None:
            log.warning("Today page: %s", page_message(page.problem, page.detail),
                        extra={"event": "today_page", "state": page.state.value})
        elif owes_today_page_hint(self.settings, page):
            log.warning(HOW_TO_ADD, extra={"event": "today_page", "state": PageState.NOT_SET_UP.value})

    def _stopped(self, failure: Failure, day: date, started: float, kind: str = "sync") -> None:
        """One line for a sync or look that did not finish: stopped, skipped (busy), or failed; a bug
        with its traceback. A look that finds the list busy (a sync is running) is no news: info."""
        if failure.kind is FailureKind.STOPPED:
            log.warning("%s stopped before finishing; rows not yet written will be written by the next run",
                        kind, extra=_fields("interrupted", day, started, kind))
        elif failure.kind is FailureKind.BUSY:
            log.log(logging.INFO if kind == "look" else logging.WARNING, "%s skipped: %s", kind, failure.error,
                    extra=_fields("skipped", day, started, kind))
        else:
            self._failed(failure, day, started, kind)

    def _failed(self, failure: Failure, day: date, started: float, kind: str = "sync") -> None:
        error = failure.error
        reason = _describe(failure)
        extra = _fields("error", day, started, kind) | {"error": reason, "error_type": type(error).__name__,
                                                        "failure": failure.kind.value}
        # Typed failures say it all; a bug of ours (a KeyError, a TypeError) gets its traceback.
        exc_info = (type(error), error, error.__traceback__) if failure.is_bug else None
        log.error("%s failed: %s; the next run tries again", kind, reason, extra=extra, exc_info=exc_info)
        record_failure(self.settings, reason)

    def _beat(self, **fields: Any) -> None:
        try:
            update_heartbeat(heartbeat_path(self.settings), **fields)
        except OSError as error:
            log.error("could not write the heartbeat in %s: %s", self.settings.state_dir, error)


def _fields(outcome: str, day: date, started: float, kind: str = "sync") -> dict[str, Any]:
    seconds = round(time.monotonic() - started, 3)
    return {"event": kind, "outcome": outcome, "today": day.isoformat(), "seconds": seconds}


def _describe(failure: Failure) -> str:
    error = failure.error
    if isinstance(error, SchemaError):
        return f"{schema_headline(error, failure.rows_written)} ({'; '.join(schema_problem_lines(error))})"
    return str(error) or type(error).__name__


def _on_job_event(event: JobEvent) -> None:
    """APScheduler's own troubles: a crashed job, a run missed past the grace, a run skipped."""
    if event.code == EVENT_JOB_MISSED:
        log.warning("missed the sync due at %s (over %d s late; the process was busy or asleep); "
                    "the next run catches up", event.scheduled_run_time, MISFIRE_GRACE_SECONDS,
                    extra={"event": "missed"})
    elif event.code == EVENT_JOB_MAX_INSTANCES:
        log.warning("skipped the sync due at %s: the previous sync is still running",
                    ", ".join(str(t) for t in event.scheduled_run_times), extra={"event": "skipped_tick"})
    elif event.code == EVENT_JOB_ERROR:
        log.error("the sync job crashed: %r", event.exception, extra={"event": "job_error"},
                  exc_info=(type(event.exception), event.exception, event.exception.__traceback__))


def _show_sync_lines() -> None:
    """At the default verbosity (warnings), still show the one line per sync; never in -q mode."""
    if logging.getLogger().getEffectiveLevel() == logging.WARNING and log.level == logging.NOTSET:
        log.setLevel(logging.INFO)
    aps = logging.getLogger("apscheduler")
    if aps.level == logging.WARNING:  # the listener reports missed and skipped runs once, in our words
        aps.setLevel(logging.ERROR)
