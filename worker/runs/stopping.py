"""Stopping cleanly: SIGTERM and SIGINT set an event that every wait and request checks."""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any, Callable, Iterator

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


@dataclass
class ReceivedSignal:
    name: str = ""
    at: float | None = None  # time.monotonic() when the handler ran


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[ReceivedSignal]:
    """Within the block, SIGTERM and SIGINT set `stop` (main thread only; elsewhere a no-op)."""
    received = ReceivedSignal()
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def handle(signum: int, _frame: FrameType | None) -> None:
        # Only flag and note the time here: logging from a signal handler can deadlock.
        if not stop.is_set():
            received.name, received.at = signal.Signals(signum).name, time.monotonic()
        stop.set()

    previous: dict[int, Callable[..., Any] | int | None] = {sig: signal.signal(sig, handle) for sig in STOP_SIGNALS}
    try:
        yield received
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
