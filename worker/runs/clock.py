"""The clock a run reads: passed in, so tests give a fake one and patch no module.

Two readings: `now()` is wall time in UTC, compared with Notion's timestamps (this machine's clock,
kept right by NTP, agrees with Notion's); `monotonic()` measures seconds between two moments of
this process (how long a run took, when the next look is due) and never jumps.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Protocol


class Clock(Protocol):
    """What a run needs of time."""

    def now(self) -> datetime:
        """Now, aware, in UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary start; only differences mean anything."""
        ...


@dataclass(frozen=True)
class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def monotonic(self) -> float:
        return time.monotonic()


SYSTEM_CLOCK = SystemClock()
