"""One run setup, shared by sync, import and the live looks: the state folder, the gateway, the list
resolved to its data source, the list's lock, and what the run cost.

Every run that writes goes through `open_run`, so none can forget the lock or count its requests
differently from another.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from worker.notion.client import NotionGateway
from worker.notion.schema import DataSource, fetch_data_source
from worker.runs.clock import SYSTEM_CLOCK, Clock
from worker.runs.locking import DEFAULT_LOCK_WAIT_SECONDS, require_state_dir, sync_lock
from worker.settings import Settings


@dataclass(frozen=True)
class RunCost:
    """What a run cost: HTTP requests sent (retries included), retries, 429/529 answers, seconds."""

    api_requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class RunSetup:
    """An opened run: the list resolved, its lock held (when writing), the clock to read."""

    settings: Settings
    gateway: NotionGateway
    source: DataSource
    clock: Clock
    stop: threading.Event
    started: float  # clock.monotonic() when the run began

    def cost(self) -> RunCost:
        """What the run has cost so far."""
        stats = self.gateway.stats
        return RunCost(stats.requests, stats.retries, stats.rate_limited, self.clock.monotonic() - self.started)


@contextmanager
def open_run(
    settings: Settings,
    *,
    command: str,
    dry_run: bool = False,
    stop: threading.Event | None = None,
    gateway: NotionGateway | None = None,
    lock_wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS,
    clock: Clock = SYSTEM_CLOCK,
    on_failure: Callable[[NotionGateway, DataSource | None, BaseException], None] | None = None,
    source: DataSource | None = None,
) -> Iterator[RunSetup]:
    """Open a run on the configured list; a run that writes holds the list's lock throughout.

    The lock is keyed on the resolved data source, so it is taken right after resolving the id and
    before any row is read. A gateway opened here is closed here (its connections too), after
    `on_failure` has had its say about a run that stopped (the Today page says why, for a sync).
    A look passes the `source` its snapshot holds: resolving the list again would cost two requests.
    """
    started = clock.monotonic()
    stop = stop or threading.Event()
    if not dry_run:
        require_state_dir(settings)  # the lock lives there: a bad folder is exit 2 before any request
    owned = gateway is None
    gateway = gateway or NotionGateway.from_settings(settings, stop)
    try:
        source = source or fetch_data_source(gateway, settings.require_database())
        lock = nullcontext() if dry_run else sync_lock(
            settings, source.data_source_id, lock_wait_seconds, stop=stop, command=command)
        with lock:
            yield RunSetup(settings, gateway, source, clock, stop, started)
    except Exception as error:
        if on_failure is not None:
            on_failure(gateway, source, error)
        raise
    finally:
        if owned:
            gateway.close()
