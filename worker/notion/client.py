"""One gateway to Notion: pacing, the single retry layer (tenacity) and typed errors.

notion-client's own retries are switched off (`retry=False`) so every retry happens here,
is counted in the report, and none are stacked on top of another layer's.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Iterator

import httpx
import notion_client
from notion_client.errors import APIResponseError, HTTPResponseError, RequestTimeoutError
from pydantic import SecretStr
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential

from worker.notion.errors import (
    AccessDenied,
    Interrupted,
    NotionError,
    NotionUnavailable,
    RequestRejected,
    TokenRejected,
)
from worker.settings import NotionOptions

log = logging.getLogger("worker.notion")

# Notion asks to try these again: rate limits, overload, server faults, and save conflicts.
RETRYABLE_STATUSES = frozenset({409, 429, 500, 502, 503, 504, 529})
RATE_LIMIT_STATUSES = frozenset({429, 529})
_BACKOFF_SECONDS = 0.5


@dataclass
class RequestStats:
    """What one run cost: every HTTP request sent (retries included), retries, 429/529 answers."""

    requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    by_endpoint: dict[str, int] = field(default_factory=dict)


class Pacer:
    """Spaces requests so their average rate stays at or below `per_second` (shared by all calls)."""

    def __init__(self, per_second: float, wait: Callable[[float], None]) -> None:
        self._interval = 1.0 / per_second
        self._wait = wait
        self._next = 0.0
        self._lock = threading.Lock()

    def acquire(self) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self._interval
        if start > now:
            self._wait(start - now)


class NotionGateway:
    """Calls notion-client endpoints paced, retried and counted; raises worker.notion.errors."""

    def __init__(
        self,
        token: SecretStr,
        *,
        base_url: str,
        options: NotionOptions,
        stop: threading.Event | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        self._options = options
        self._stop = stop or threading.Event()
        self.stats = RequestStats()
        self._pacer = Pacer(options.requests_per_second, self._sleep)
        quiet = logging.getLogger("worker.notion.client")  # our own logger: no handler stacking
        kwargs: dict[str, Any] = dict(
            auth=token.get_secret_value(),
            base_url=base_url,
            timeout_ms=int(options.timeout_seconds * 1000),
            retry=False,
            logger=quiet,
            log_level=logging.CRITICAL,
        )
        self._client = notion_client.Client(client=http_client, **kwargs) if http_client else notion_client.Client(**kwargs)

    def __repr__(self) -> str:  # the wrapped client's options hold the token
        return f"NotionGateway(requests={self.stats.requests}, retries={self.stats.retries})"

    @property
    def api(self) -> notion_client.Client:
        return self._client

    def close(self) -> None:
        self._client.close()

    def call(self, endpoint: Callable[..., Any], name: str, **kwargs: Any) -> dict[str, Any]:
        """Send one logical request (with its retries); `name` labels it in the stats."""
        retrying = Retrying(
            stop=stop_after_attempt(self._options.max_retries + 1),
            retry=retry_if_exception(_is_transient),
            wait=self._wait_for,
            sleep=self._sleep,
            before_sleep=self._count_retry,
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    return self._send(endpoint, name, kwargs)
        except Interrupted:
            raise
        except Exception as error:  # noqa: BLE001 - every failure leaves here typed
            raise _translate(error) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def paginate(self, endpoint: Callable[..., Any], name: str, **kwargs: Any) -> Iterator[dict[str, Any]]:
        """Every list response of a paginated endpoint, following next_cursor."""
        cursor: str | None = None
        while True:
            page = self.call(endpoint, name, **kwargs, **({"start_cursor": cursor} if cursor else {}))
            yield page
            cursor = page.get("next_cursor")
            if not page.get("has_more") or not cursor:
                return

    def _send(self, endpoint: Callable[..., Any], name: str, kwargs: dict[str, Any]) -> dict[str, Any]:
        if self._stop.is_set():
            raise Interrupted()
        self._pacer.acquire()
        if self._stop.is_set():
            raise Interrupted()
        self.stats.requests += 1
        self.stats.by_endpoint[name] = self.stats.by_endpoint.get(name, 0) + 1
        return endpoint(**kwargs)

    def _wait_for(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        limit = self._options.max_retry_wait_seconds
        retry_after = _retry_after_seconds(error)
        if retry_after is not None:
            return min(retry_after, limit)
        return wait_random_exponential(multiplier=_BACKOFF_SECONDS, max=min(limit, 30))(state)

    def _count_retry(self, state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        self.stats.retries += 1
        if _status_of(error) in RATE_LIMIT_STATUSES:
            self.stats.rate_limited += 1
        log.info("retrying after %s (attempt %d)", _describe(error), state.attempt_number)

    def _sleep(self, seconds: float) -> None:
        if self._stop.wait(seconds):
            raise Interrupted()


def _status_of(error: BaseException | None) -> int | None:
    return error.status if isinstance(error, HTTPResponseError) else None


def _is_transient(error: BaseException) -> bool:
    if isinstance(error, (RequestTimeoutError, httpx.TransportError)):
        return True
    return _status_of(error) in RETRYABLE_STATUSES


def _retry_after_seconds(error: BaseException | None) -> float | None:
    if not isinstance(error, HTTPResponseError):
        return None
    value = error.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _describe(error: BaseException | None) -> str:
    if isinstance(error, HTTPResponseError):
        return f"HTTP {error.status} {error.code}"
    return type(error).__name__ if error else "an error"


def _translate(error: BaseException) -> NotionError:
    """notion-client / httpx exceptions → the project's typed errors (no token in any of them)."""
    if isinstance(error, HTTPResponseError):
        code = str(getattr(error.code, "value", error.code))
        message = _api_message(error)
        extra = dict(code=code, status=error.status, request_id=error.request_id)
        if error.status == 401:
            return TokenRejected(message, **extra)
        if error.status in (403, 404):
            return AccessDenied(message, **extra)
        if error.status in RETRYABLE_STATUSES:
            return NotionUnavailable(f"Notion kept answering {error.status}: {message}", **extra)
        return RequestRejected(message, **extra)
    if isinstance(error, RequestTimeoutError):
        return NotionUnavailable("Notion did not answer in time", code="timeout")
    if isinstance(error, httpx.TransportError):
        return NotionUnavailable(f"Could not reach Notion ({type(error).__name__})", code="connection")
    return NotionError(f"Unexpected error talking to Notion: {type(error).__name__}: {error}", code="unexpected")


def _api_message(error: HTTPResponseError) -> str:
    if isinstance(error, APIResponseError):
        return str(error)
    return f"Notion answered HTTP {error.status}"
