"""Fault injection, seeded chaos, the token-bucket rate limiter and the request log."""

from __future__ import annotations

import math
import random
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from .common import ApiError, compact_id

ERROR_CODES = {
    400: ("validation_error", "body failed validation (injected fault)."),
    401: ("unauthorized", "API token is invalid."),
    403: ("restricted_resource", "API token does not have access to this resource."),
    404: ("object_not_found", "Could not find object (injected fault)."),
    409: ("conflict_error", "Conflict occurred while saving. Please try again."),
    429: ("rate_limited", "You have been rate limited. Please try again in a few minutes."),
    500: ("internal_server_error", "Unexpected error occurred."),
    502: ("bad_gateway", "Bad Gateway"),
    503: ("service_unavailable", "Notion is unavailable, please try again later."),
    504: ("gateway_timeout", "Gateway Timeout"),
    529: ("service_overload", "Notion is overloaded, please try again later."),
}
HTML_502 = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            b"<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n")
DEFAULT_TIMEOUT_DELAY = 2.0


class DropConnection(Exception):
    """Raised by `handle` when the server must close the connection without an answer."""

    def __init__(self, kind: str, delay: float = 0.0) -> None:
        super().__init__(kind)
        self.kind = kind        # "timeout" (after `delay` seconds) or "reset"
        self.delay = delay


@dataclass
class RecordedRequest:
    """One request as the fake saw it (never its headers, so never the token)."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    status: int | None = None          # None when the connection was dropped (timeout / reset)
    started: float = 0.0               # time.monotonic()
    finished: float = 0.0
    fault: str | None = None           # "fault", "chaos", "rate_limit", "timeout", "reset" or None
    code: str | None = None            # the error `code` sent, if any


@dataclass
class Fault:
    method: str | None
    path_pattern: str | None
    status: int
    times: int
    retry_after: int | str | None
    kind: str
    body_code: str | None
    page_id: str | None
    delay: float
    message: str | None = None

    def matches(self, method: str, path: str) -> bool:
        if self.method and self.method.upper() != method.upper():
            return False
        if self.path_pattern and not re.search(self.path_pattern, path):
            return False
        return not self.page_id or compact_id(self.page_id).lower() in compact_id(path).lower()


def error_for(status: int, code: str | None = None, message: str | None = None,
              retry_after: int | str | None = None) -> ApiError:
    """The ApiError a faulted request answers with (502 is an HTML page, like Notion's edge sometimes sends)."""
    default_code, default_message = ERROR_CODES.get(status, ("internal_server_error", "Unexpected error occurred."))
    headers = {}
    if retry_after is None and status in (429, 529):
        retry_after = 0
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    raw = HTML_502 if status == 502 and code is None else None
    return ApiError(status, code or default_code, message or default_message, headers, raw)


class FaultBook:
    """Queued faults plus the seeded chaos mode; `pick` is called under the fake's lock."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []
        self.chaos_rate = 0.0
        self.chaos_statuses: tuple[int, ...] = ()
        self.sticky_pages: set[str] = set()
        self.chaos_retry_after: int = 0
        self._rng = random.Random(0)

    def add(self, fault: Fault) -> None:
        self.faults.append(fault)

    def set_chaos(self, rate: float, seed: int, statuses: tuple[int, ...], sticky_pages: set[str],
                  retry_after: int) -> None:
        self.chaos_rate, self.chaos_statuses = rate, tuple(statuses)
        self.sticky_pages = {compact_id(p).lower() for p in sticky_pages}
        self.chaos_retry_after = retry_after
        self._rng = random.Random(seed)

    def pick(self, method: str, path: str) -> tuple[str, Fault] | None:
        for fault in self.faults:
            if fault.times > 0 and fault.matches(method, path):
                fault.times -= 1
                if fault.times == 0:
                    self.faults.remove(fault)
                return "fault", fault
        return self._chaos(method, path)

    def _chaos(self, method: str, path: str) -> tuple[str, Fault] | None:
        if method == "PATCH" and path.startswith("/v1/pages/"):
            page = compact_id(path.rsplit("/", 1)[-1]).lower()
            if page in self.sticky_pages:
                return "chaos", Fault(None, None, 500, 1, None, "http", None, None, 0.0)
        if self.chaos_rate <= 0 or not self.chaos_statuses:
            return None
        if self._rng.random() >= self.chaos_rate:
            return None
        status = self._rng.choice(self.chaos_statuses)
        retry_after = self.chaos_retry_after if status in (429, 529) else None
        return "chaos", Fault(None, None, status, 1, retry_after, "http", None, None, 0.0)


@dataclass
class TokenBucket:
    """Notion-like limiter: `rate` requests/s on average, up to `burst` at once; real (monotonic) time."""

    rate: float
    burst: float
    tokens: float = field(init=False)
    stamp: float = field(init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.tokens = self.burst
        self.stamp = time.monotonic()

    def take(self) -> int | None:
        """None if the request may pass, else the whole seconds to put in Retry-After (≥ 1)."""
        with self._lock:
            now = time.monotonic()
            self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= 1.0:
                self.tokens -= 1.0
                return None
            return max(1, math.ceil((1.0 - self.tokens) / self.rate))
