"""Small shared pieces of the fake: ids, the clock, timestamps, rich text and API errors."""

from __future__ import annotations

import random
import re
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

API_HOST = "https://api.notion.com"
DEFAULT_START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
_HEX32 = re.compile(r"^[0-9a-f]{32}$")
PROPERTY_ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ?;[]{}@^|~:<>_"
NOT_SHARED = "Make sure the relevant pages and databases are shared with your integration."

DEFAULT_ANNOTATIONS = {
    "bold": False,
    "italic": False,
    "strikethrough": False,
    "underline": False,
    "code": False,
    "color": "default",
}


class ApiError(Exception):
    """An API error answer: HTTP status, Notion `code`, message and optional headers/body override."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: dict[str, str] | None = None,
        raw_body: bytes | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}
        self.raw_body = raw_body


def validation(message: str) -> ApiError:
    """A 400 validation_error with Notion's "body failed validation" style message."""
    return ApiError(400, "validation_error", message)


def not_found(kind: str, object_id: str) -> ApiError:
    """A 404 object_not_found worded like Notion's."""
    return ApiError(404, "object_not_found", f"Could not find {kind} with ID: {object_id}. {NOT_SHARED}")


class FakeClock:
    """A settable UTC clock: `clock()` / `clock.now()` return an aware datetime; advance it explicitly."""

    def __init__(self, start: datetime = DEFAULT_START) -> None:
        self._now = start.astimezone(UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The current fake time (aware, UTC)."""
        with self._lock:
            return self._now

    __call__ = now

    def monotonic(self) -> float:
        """Seconds on the fake clock (it never goes back unless a test sets it back)."""
        return self.now().timestamp()

    def set(self, when: datetime) -> None:
        """Jump to `when` (aware datetime)."""
        with self._lock:
            self._now = when.astimezone(UTC)

    def advance(self, seconds: float = 0, minutes: float = 0, days: float = 0) -> datetime:
        """Move forward and return the new time."""
        with self._lock:
            self._now += timedelta(seconds=seconds, minutes=minutes, days=days)
            return self._now


class IdMaker:
    """Deterministic dashed UUIDs (seeded) so a test's ids are the same on every run."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def uuid(self) -> str:
        with self._lock:
            return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def property_id(self, taken: set[str]) -> str:
        """A short URL-encoded property id like Notion's (`%3Fst%3B`), unique within `taken`."""
        with self._lock:
            while True:
                raw = "".join(self._rng.choice(PROPERTY_ID_CHARS) for _ in range(4))
                encoded = quote(raw, safe="~_")
                if encoded not in taken and encoded != "title":
                    return encoded


def normalize_id(raw: str) -> str | None:
    """Return the dashed lowercase UUID for `raw` (with or without dashes), or None if malformed."""
    compact = raw.replace("-", "").lower()
    if not _HEX32.match(compact):
        return None
    return f"{compact[:8]}-{compact[8:12]}-{compact[12:16]}-{compact[16:20]}-{compact[20:]}"


def compact_id(dashed: str) -> str:
    """The 32-hex form used in URLs and by the worker's diff."""
    return dashed.replace("-", "")


def minute_iso(when: datetime) -> str:
    """Notion's page timestamp: rounded down to the minute, `...T10:53:00.000Z`."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:00.000Z")


def millis_iso(when: datetime) -> str:
    """Notion's database timestamp style: milliseconds and `+00:00`."""
    return when.astimezone(UTC).isoformat(timespec="milliseconds")


def floor_minute(when: datetime) -> datetime:
    return when.replace(second=0, microsecond=0)


def text_item(content: str, link: dict[str, Any] | None = None, annotations: dict | None = None) -> dict:
    """A response-shaped rich text object of type text."""
    return {
        "type": "text",
        "text": {"content": content, "link": link},
        "annotations": {**DEFAULT_ANNOTATIONS, **(annotations or {})},
        "plain_text": content,
        "href": link["url"] if link else None,
    }


def plain_text(items: list[dict]) -> str:
    return "".join(item.get("plain_text", "") for item in items)


def title_array(text: str) -> list[dict]:
    return [text_item(text)] if text else []


@dataclass
class User:
    id: str
    kind: str = "bot"
    name: str = "outreach-worker fake"

    def ref(self) -> dict[str, str]:
        return {"object": "user", "id": self.id}


@dataclass
class Counter:
    """A thread-safe increasing integer (request ids, unique_id numbers)."""

    value: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def next(self) -> int:
        with self._lock:
            self.value += 1
            return self.value
