"""One gateway to Notion: pacing, the single retry layer (tenacity) and typed errors.

notion-client's own retries are switched off (`retry=False`) so every retry happens here,
is counted in the report, and none are stacked on top of another layer's.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Callable, Iterator
from zoneinfo import ZoneInfo

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
    RetryLater,
    TokenRejected,
    UnreadableAnswer,
)
from worker.core.configuration import NotionOptions

if TYPE_CHECKING:  # the Notion layer depends on the models, not on where settings come from
    from worker.settings import Settings

log = logging.getLogger("worker.notion")

# What a 2xx answer that cannot be read raises in notion-client / httpx (a proxy's page, a cut-off body).
UNREADABLE = (json.JSONDecodeError, UnicodeDecodeError, httpx.DecodingError)
# Everything Notion or the wire can do to a request; what else a call raises is a bug of ours.
WIRE_FAULTS = (HTTPResponseError, RequestTimeoutError, httpx.TransportError, *UNREADABLE)
# Notion asks to try these again: rate limits, overload, server faults, and save conflicts.
RETRYABLE_STATUSES = frozenset({409, 429, 500, 502, 503, 504, 529})
RATE_LIMIT_STATUSES = frozenset({429, 529})
# The API version the worker is written for (databases hold data sources); not left to the client's default.
NOTION_VERSION = "2025-09-03"
# The longest jittered back-off between two tries when Notion gives no Retry-After.
MAX_BACKOFF_SECONDS = 30.0
# Idle time the pacer may make up for later (seconds): a slow answer or the compute step between
# reading and writing does not cost the run its rate, yet never lets through more than one second's
# worth of requests at once (Notion allows "some bursts beyond the average").
PACER_CATCH_UP_SECONDS = 1.0


@dataclass
class RequestStats:
    """What one run cost: every HTTP request sent (retries included), retries, 429/529 answers."""

    requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    by_endpoint: dict[str, int] = field(default_factory=dict)


class Pacer:
    """Spaces requests so their average rate stays at or below `per_second` (shared by all calls).

    Request k starts no earlier than `first + k / per_second - catch_up`: strict spacing from the
    first request on, with at most `catch_up` seconds of time lost to slow answers made up later.
    """

    def __init__(
        self, per_second: float, wait: Callable[[float], None], catch_up: float = PACER_CATCH_UP_SECONDS
    ) -> None:
        self._interval = 1.0 / per_second
        self._wait = wait
        self._catch_up = max(0.0, catch_up)
        self._next: float | None = None  # when the next request is due; the first goes at once
        self._lock = threading.Lock()

    def acquire(self) -> None:
        """Block until the next request may start (seconds of waiting go through `wait`)."""
        with self._lock:
            now = time.monotonic()
            due = now if self._next is None else max(self._next, now - self._catch_up)
            self._next = due + self._interval
        if due > now:
            self._wait(due - now)

    def defer(self, seconds: float) -> None:
        """No request before `seconds` from now, and no catching up after (Notion asked us to wait)."""
        with self._lock:
            self._next = max(self._next or 0.0, time.monotonic() + seconds)


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
        zone: ZoneInfo | None = None,
    ) -> None:
        self._options = options
        self._stop = stop or threading.Event()
        self._zone = zone  # the configured time zone, for saying when Notion allows the next request
        self.stats = RequestStats()
        self._pacer = Pacer(options.requests_per_second, self._sleep)
        quiet = logging.getLogger("worker.notion.client")  # our own logger: no handler stacking
        # The token goes on the HTTP client's headers (which httpx masks in its repr), not in
        # notion-client's options: `repr(client.options)` would print `auth='...'`.
        kwargs: dict[str, Any] = dict(
            notion_version=NOTION_VERSION,
            base_url=base_url,
            timeout_ms=int(options.timeout_seconds * 1000),
            retry=False,
            logger=quiet,
            log_level=logging.CRITICAL,
        )
        self._client = notion_client.Client(client=http_client or httpx.Client(), **kwargs)
        self._client.client.headers["Authorization"] = f"Bearer {token.get_secret_value()}"

    @classmethod
    def from_settings(cls, settings: Settings, stop: threading.Event | None = None) -> "NotionGateway":
        """A paced, retrying gateway for the configured token, API address and pace."""
        return cls(settings.require_token(), base_url=settings.api_base_url, options=settings.notion, stop=stop,
                   zone=settings.timezone)

    def __repr__(self) -> str:  # short, and nothing reachable from here prints the token
        return f"NotionGateway(requests={self.stats.requests}, retries={self.stats.retries})"

    def close(self) -> None:
        self._client.close()

    # --- the endpoints the worker uses, named: nothing outside worker/notion/ holds notion-client's API ---

    def me(self) -> dict[str, Any]:
        """GET /v1/users/me: the integration's bot user (proves the token)."""
        return self.call(self._client.users.me, "users.me")

    def retrieve_database(self, database_id: str) -> dict[str, Any]:
        """GET /v1/databases/{id}: the database and the ids of its data sources."""
        return self.call(self._client.databases.retrieve, "databases.retrieve", database_id=database_id)

    def create_database(self, **body: Any) -> dict[str, Any]:
        """POST /v1/databases: a new database (parent, title, is_inline, initial_data_source)."""
        return self.call(self._client.databases.create, "databases.create", **body)

    def retrieve_data_source(self, data_source_id: str) -> dict[str, Any]:
        """GET /v1/data_sources/{id}: a data source with its property schema."""
        return self.call(self._client.data_sources.retrieve, "data_sources.retrieve", data_source_id=data_source_id)

    def update_data_source(self, data_source_id: str, properties: dict[str, Any]) -> dict[str, Any]:
        """PATCH /v1/data_sources/{id}: add or change properties ({} changes nothing)."""
        return self.call(self._client.data_sources.update, "data_sources.update",
                         data_source_id=data_source_id, properties=properties)

    def query_data_source(self, data_source_id: str, **body: Any) -> Iterator[dict[str, Any]]:
        """POST /v1/data_sources/{id}/query: every list answer, following next_cursor."""
        return self.paginate(self._client.data_sources.query, "data_sources.query",
                             data_source_id=data_source_id, **body)

    def retrieve_page(self, page_id: str) -> dict[str, Any]:
        """GET /v1/pages/{id}: one page object."""
        return self.call(self._client.pages.retrieve, "pages.retrieve", page_id=page_id)

    def retrieve_page_property(self, page_id: str, property_id: str, page_size: int) -> Iterator[dict[str, Any]]:
        """GET /v1/pages/{id}/properties/{property_id}: every answer of a long property (a relation's links)."""
        return self.paginate(self._client.pages.properties.retrieve, "pages.properties.retrieve",
                             page_id=page_id, property_id=property_id, page_size=page_size)

    def create_page(self, *, repeatable: bool = True, **body: Any) -> dict[str, Any]:
        """POST /v1/pages: a new page (parent, properties, and markdown content if given).

        `repeatable=False` for a row of the list: retried only when Notion surely did not make it.
        """
        return self.call(self._client.pages.create, "pages.create", repeatable=repeatable, **body)

    def update_page(self, page_id: str, properties: dict[str, Any]) -> dict[str, Any]:
        """PATCH /v1/pages/{id}: write these properties of one page."""
        return self.call(self._client.pages.update, "pages.update", page_id=page_id, properties=properties)

    def retrieve_page_markdown(self, page_id: str) -> dict[str, Any]:
        """GET /v1/pages/{id}/markdown: a page's content as enhanced markdown."""
        return self.call(self._client.pages.retrieve_markdown, "pages.retrieve_markdown", page_id=page_id)

    def replace_page_markdown(self, page_id: str, markdown: str) -> dict[str, Any]:
        """PATCH /v1/pages/{id}/markdown: replace the whole content (never deleting sub-pages)."""
        return self.call(self._client.pages.update_markdown, "pages.update_markdown", page_id=page_id,
                         type="replace_content", replace_content={"new_str": markdown})

    def list_block_children(self, block_id: str, page_size: int = 100) -> Iterator[dict[str, Any]]:
        """GET /v1/blocks/{id}/children: every list answer of a block's (a page's) children."""
        return self.paginate(self._client.blocks.children.list, "blocks.children.list",
                             block_id=block_id, page_size=page_size)

    def create_view(self, name: str, **body: Any) -> dict[str, Any]:
        """POST /v1/views: a view of a data source (type, filter, sorts)."""
        # `name` is also call's own label argument, so the view's name goes in bound.
        return self.call(functools.partial(self._client.views.create, name=name), "views.create", **body)

    def call(self, endpoint: Callable[..., Any], name: str, *, repeatable: bool = True, **kwargs: Any) -> dict[str, Any]:
        """Send one logical request (with its retries); `name` labels it in the stats.

        A request that must not happen twice (`repeatable=False`: a page create) is retried only
        when Notion surely did not act on it: rate limited, a conflict, or never reached.
        """
        retrying = Retrying(
            stop=stop_after_attempt(self._options.max_retries + 1),
            retry=retry_if_exception(self._worth_retrying if repeatable else self._surely_not_applied),
            wait=self._wait_for,
            sleep=self._sleep,
            before_sleep=self._count_retry,
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    return self._send(endpoint, name, kwargs)
        except WIRE_FAULTS as error:
            # Every failure of Notion's leaves here typed; anything else (a KeyError, a TypeError,
            # a ValueError of our own) is a bug and propagates with its traceback.
            raise self._asked_to_wait_too_long(error) or _translate(error) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _worth_retrying(self, error: BaseException) -> bool:
        """Transient, and not a Retry-After longer than we may wait (that would be too early)."""
        retry_after = _retry_after_seconds(error)
        return _is_transient(error) and (retry_after is None or retry_after <= self._options.max_retry_wait_seconds)

    def _asked_to_wait_too_long(self, error: BaseException) -> RetryLater | None:
        """A RetryLater when Notion's Retry-After is past the cap: the run must stop, not retry early."""
        retry_after = _retry_after_seconds(error)
        cap = self._options.max_retry_wait_seconds
        if retry_after is None or retry_after <= cap or not _is_transient(error):
            return None
        retry_at = datetime.fromtimestamp(time.time() + retry_after, self._zone or timezone.utc)
        return RetryLater(
            f"Notion asked to wait {retry_after:.0f} s, longer than the {cap:.0f} s the worker may wait",
            wait_seconds=retry_after, retry_at=retry_at, code=_code_of(error),
            status=_status_of(error), request_id=getattr(error, "request_id", None),
        )

    def _surely_not_applied(self, error: BaseException) -> bool:
        refused_unread = _status_of(error) in RATE_LIMIT_STATUSES | {409} or isinstance(error, httpx.ConnectError)
        return refused_unread and self._worth_retrying(error)

    def paginate(self, endpoint: Callable[..., Any], name: str, **kwargs: Any) -> Iterator[dict[str, Any]]:
        """Every list response of a paginated endpoint, following next_cursor.

        An answer with `has_more` and no cursor to ask for the rest is unreadable: taking it as the
        end would hand on half a list as the whole (100 of 150 rows, written as if that were all).
        """
        cursor: str | None = None
        while True:
            page = self.call(endpoint, name, **kwargs, **({"start_cursor": cursor} if cursor else {}))
            if page.get("has_more") and not (isinstance(page.get("next_cursor"), str) and page["next_cursor"]):
                raise UnreadableAnswer(f"Notion answered {name} with more results to come but no next_cursor "
                                       "to ask for them", code="bad_answer")
            yield page
            cursor = page.get("next_cursor")
            if not page.get("has_more"):
                return

    def _send(self, endpoint: Callable[..., Any], name: str, kwargs: dict[str, Any]) -> dict[str, Any]:
        if self._stop.is_set():
            raise Interrupted()
        self._pacer.acquire()
        if self._stop.is_set():
            raise Interrupted()
        self.stats.requests += 1
        self.stats.by_endpoint[name] = self.stats.by_endpoint.get(name, 0) + 1
        log.debug("request %d: %s", self.stats.requests, name)
        try:
            answer = endpoint(**kwargs)
        except HTTPResponseError as error:
            if error.status in RATE_LIMIT_STATUSES:  # every one, the last try's too
                self.stats.rate_limited += 1
            retry_after = _retry_after_seconds(error)
            if retry_after is not None and retry_after <= self._options.max_retry_wait_seconds:
                # Notion asked everyone to wait: no request of this gateway starts before then,
                # whether this one is retried or has used its tries up.
                self._pacer.defer(retry_after)
            raise
        if not isinstance(answer, dict):
            raise UnreadableAnswer(f"Notion answered {name} with a JSON {type(answer).__name__}, not an object",
                                   code="bad_answer")
        return answer

    def _wait_for(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        limit = self._options.max_retry_wait_seconds
        retry_after = _retry_after_seconds(error)
        if retry_after is not None:  # never over the limit: _worth_retrying gives up on those
            return retry_after  # _send has deferred the pacer: the whole gateway waits, then resumes
        backoff = wait_random_exponential(
            multiplier=self._options.retry_backoff_seconds, max=min(limit, MAX_BACKOFF_SECONDS)
        )
        return backoff(state)

    def _count_retry(self, state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        self.stats.retries += 1
        log.info("retrying after %s (attempt %d)", _describe(error), state.attempt_number)

    def _sleep(self, seconds: float) -> None:
        if self._stop.wait(seconds):
            raise Interrupted()


def _status_of(error: BaseException | None) -> int | None:
    return error.status if isinstance(error, HTTPResponseError) else None


def _code_of(error: BaseException) -> str:
    code = getattr(error, "code", "")
    return str(getattr(code, "value", code))


def _is_transient(error: BaseException) -> bool:
    if isinstance(error, httpx.UnsupportedProtocol):  # a wrong NOTION_API_BASE_URL: no retry mends it
        return False
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
        code = _code_of(error)
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
    # A 2xx answer whose body is not JSON (a proxy's page, a cut-off answer).
    return UnreadableAnswer(f"Notion's answer could not be read ({type(error).__name__})", code="bad_answer")


def _api_message(error: HTTPResponseError) -> str:
    if isinstance(error, APIResponseError):
        return str(error)
    return f"Notion answered HTTP {error.status}"
