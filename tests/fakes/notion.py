"""FakeNotion: the stateful core. `handle()` is the single place of behaviour; adapters only move bytes."""

from __future__ import annotations

import hmac
import json
import re
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from .common import (API_HOST, ApiError, Counter, FakeClock, IdMaker, User, floor_minute, normalize_id,
                     not_found)
from .faults import DEFAULT_TIMEOUT_DELAY, DropConnection, Fault, FaultBook, RecordedRequest, TokenBucket, error_for
from .handlers import Handlers, Page
from .schema import Database, DataSource, SchemaEditor, data_source_json
from .template import TemplateBuilders
from .values import ValueParser

NOTION_VERSION = "2025-09-03"
DEFAULT_TOKEN = "secret_fake_token_123"
DEFAULT_URL_BASE = "https://app.notion.com/p/"
QUERY_RESULT_CAP = 10_000
MISSING_VERSION = ("Notion-Version header failed validation: Notion-Version header should be defined, "
                   "instead was undefined.")
# Content capabilities (developers.notion.com/reference/capabilities), enforced per endpoint.
READ, UPDATE, INSERT = "read_content", "update_content", "insert_content"
ALL_CAPABILITIES = frozenset({READ, UPDATE, INSERT})
# What Notion answers an integration without the capability an endpoint needs (403 restricted_resource;
# the wording as integrations report it, e.g. makenotion/notion-sdk-js#494).
MISSING_CAPABILITY = "Insufficient permissions for this endpoint."
ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    (m, re.compile(f"^{p}$"), name) for m, p, name in [
        ("GET", r"users/me", "users_me"),
        ("POST", r"databases", "create_database"),
        ("GET", r"databases/([^/]+)", "get_database"),
        ("PATCH", r"databases/([^/]+)", "update_database"),
        ("POST", r"data_sources", "create_data_source"),
        ("GET", r"data_sources/([^/]+)", "get_data_source"),
        ("PATCH", r"data_sources/([^/]+)", "update_data_source"),
        ("POST", r"data_sources/([^/]+)/query", "query_data_source"),
        ("POST", r"pages", "create_page"),
        ("GET", r"pages/([^/]+)", "get_page"),
        ("PATCH", r"pages/([^/]+)", "update_page"),
        ("GET", r"pages/([^/]+)/properties/([^/]+)", "get_page_property"),
    ]
]


class FakeNotion(Handlers, TemplateBuilders):
    """An in-memory Notion (API 2025-09-03) with fault injection, a rate limiter and a request log."""

    def __init__(self, token: str = DEFAULT_TOKEN, *, rate_limit: float | None = None, burst: float | None = None,
                 seed: int = 0, clock: FakeClock | None = None, url_base: str = DEFAULT_URL_BASE,
                 query_result_cap: int = QUERY_RESULT_CAP, capabilities: frozenset[str] = ALL_CAPABILITIES) -> None:
        self._token = token
        self.capabilities = set(capabilities)   # the integration's content capabilities; change at will
        self._lock = threading.RLock()
        self.clock = clock or FakeClock()
        self.url_base = url_base
        self.query_result_cap = query_result_cap
        self.ids = IdMaker(seed)
        self._request_ids = IdMaker(seed + 1)
        self.bot = User(self.ids.uuid(), "bot", "outreach-worker fake")
        self.person = User(self.ids.uuid(), "person", "Fake User")
        self.workspace_id = self.ids.uuid()
        self.databases: dict[str, Database] = {}
        self.sources: dict[str, DataSource] = {}
        self.pages: dict[str, Page] = {}
        self._by_source: dict[str, list[Page]] = {}   # each data source's pages in creation order
        self._source_position: dict[str, int] = {}     # page id -> its index in that list
        self.requests: list[RecordedRequest] = []
        self.internal_errors: list[str] = []
        self._faults = FaultBook()
        self._hooks: list[Hook] = []
        self._alterations: list[Hook] = []  # answers changed before they are sent (see alter)
        self._limiter = TokenBucket(rate_limit, burst or max(1.0, rate_limit * 2)) if rate_limit else None
        self._latency = 0.0
        self._last_created = None
        self._unique = Counter()
        self._cursors: dict[str, tuple[str, str, int]] = {}
        self.schema_editor = SchemaEditor(self.ids, self.find_source)
        self.value_parser = ValueParser(self.ids, self._page_in_source)

    def __repr__(self) -> str:   # never show the token
        return f"<FakeNotion databases={len(self.databases)} pages={len(self.pages)} requests={len(self.requests)}>"

    # ---- adapters -------------------------------------------------------------------------------

    def respx(self, base_url: str = API_HOST):
        """A respx router (use as a context manager) that answers httpx requests to `base_url` via `handle`."""
        from .server import respx_router

        return respx_router(self, base_url)

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> AbstractContextManager[str]:
        """Context manager: a real HTTP server in a daemon thread; yields its base URL."""
        from .server import serve

        return serve(self, host, port)

    # ---- the single place of behaviour ----------------------------------------------------------

    def handle(self, method: str, path: str, query: dict[str, list[str]], headers: dict[str, str],
               body: bytes) -> tuple[int, dict[str, str], bytes]:
        """Answer one request: (status, headers, body bytes). Raises DropConnection for timeout/reset faults."""
        method = method.upper()
        record = RecordedRequest(method, path, {k: list(v) for k, v in query.items()}, _parse_json(body),
                                 started=time.monotonic())
        try:
            if self._latency:
                time.sleep(self._latency)
            status, payload, extra = self._answer(method, path, query, {k.lower(): v for k, v in headers.items()},
                                                  body, record)
            record.status = status
            if status == 200:
                self._fire_hooks(method, path)
            return status, {"Content-Type": "application/json; charset=utf-8", **extra}, payload
        except DropConnection as drop:
            record.fault = record.fault or drop.kind
            raise
        finally:
            record.finished = time.monotonic()
            with self._lock:
                self.requests.append(record)

    def _answer(self, method: str, path: str, query: dict, headers: dict, body: bytes,
                record: RecordedRequest) -> tuple[int, bytes, dict[str, str]]:
        try:
            self._inject(method, path, record)
            self._check_headers(headers, path)
            self._check_capability(method, path)
            payload = self._altered(method, path, self._route(method, path, query, body))
            payload["request_id"] = self._request_ids.uuid()
            return 200, _dump(payload), {}
        except ApiError as err:
            record.code = err.code
            return err.status, self._error_body(err), dict(err.headers)
        except DropConnection:
            raise
        except Exception:   # a bug in the fake: answer 500 but keep the traceback for the fake's own tests
            self.internal_errors.append(traceback.format_exc())
            record.code = "internal_server_error"
            return 500, self._error_body(error_for(500)), {}

    def _inject(self, method: str, path: str, record: RecordedRequest) -> None:
        with self._lock:
            picked = self._faults.pick(method, path)
        if picked is not None:
            record.fault, fault = picked
            if fault.kind in ("timeout", "reset"):
                record.fault = fault.kind
                raise DropConnection(fault.kind, fault.delay)
            raise error_for(fault.status, fault.body_code, fault.message, fault.retry_after)
        if self._limiter is not None:
            wait = self._limiter.take()
            if wait is not None:
                record.fault = "rate_limit"
                raise error_for(429, retry_after=wait)

    def _check_headers(self, headers: dict[str, str], path: str) -> None:
        auth = headers.get("authorization", "")
        given = auth[7:] if auth.startswith("Bearer ") else ""
        if not hmac.compare_digest(given.encode(), self._token.encode()):
            raise ApiError(401, "unauthorized", "API token is invalid.")
        version = headers.get("notion-version")
        if not version:
            raise ApiError(400, "missing_version", MISSING_VERSION)
        if version < NOTION_VERSION and path.startswith("/v1/data_sources"):
            raise ApiError(400, "invalid_request_url", "Invalid request URL.")

    def _check_capability(self, method: str, path: str) -> None:
        needed = _capability_for(method, path)
        if needed is not None and needed not in self.capabilities:
            raise ApiError(403, "restricted_resource", MISSING_CAPABILITY)

    def _route(self, method: str, path: str, query: dict, body: bytes) -> dict[str, Any]:
        rel = path[len("/v1/"):] if path.startswith("/v1/") else None
        for route_method, pattern, name in ROUTES:
            match = pattern.match(rel or "") if rel is not None else None
            if match and route_method == method:
                parsed = self._body(method, body)
                return getattr(self, f"_h_{name}")(*match.groups(), query=query, body=parsed)
        raise ApiError(400, "invalid_request_url", "Invalid request URL.")

    @staticmethod
    def _body(method: str, raw: bytes) -> dict[str, Any]:
        if method in ("GET", "DELETE") or not raw:
            return {}
        try:
            parsed = json.loads(raw)
        except ValueError:
            raise ApiError(400, "invalid_json", "Error parsing JSON body.") from None
        if not isinstance(parsed, dict):
            raise ApiError(400, "validation_error", "body failed validation: body should be an object.")
        return parsed

    def _error_body(self, err: ApiError) -> bytes:
        if err.raw_body is not None:
            return err.raw_body
        return _dump({"object": "error", "status": err.status, "code": err.code, "message": err.message,
                      "request_id": self._request_ids.uuid()})

    # ---- fault injection and accounting ---------------------------------------------------------

    def add_fault(self, method: str | None = None, path_pattern: str | None = None, status: int = 500,
                  times: int = 1, retry_after: int | str | None = None, kind: str = "http",
                  body_code: str | None = None, page_id: str | None = None,
                  delay: float = DEFAULT_TIMEOUT_DELAY, message: str | None = None) -> None:
        """The next `times` matching requests get this answer instead of the real one."""
        if kind not in ("http", "timeout", "reset"):
            raise ValueError(f"unknown fault kind {kind!r}")
        with self._lock:
            self._faults.add(Fault(method, path_pattern, status, times, retry_after, kind, body_code,
                                   page_id, delay, message))

    def after(self, method: str | None, path_pattern: str | None, action: Callable[[FakeNotion], None],
              times: int = 1) -> None:
        """Run `action(fake)` right after the next `times` matching requests are answered 200: a person
        (or anything else) changing the workspace between two of the worker's requests."""
        with self._lock:
            self._hooks.append(Hook(method, path_pattern, action, times))

    def _fire_hooks(self, method: str, path: str) -> None:
        with self._lock:
            due = [hook for hook in self._hooks if hook.times > 0 and hook.matches(method, path)]
            for hook in due:
                hook.times -= 1
            self._hooks = [hook for hook in self._hooks if hook.times > 0]
        for hook in due:
            hook.action(self)

    def alter(self, method: str | None, path_pattern: str | None, change: Callable[[dict[str, Any]], None],
              times: int = 1) -> None:
        """Pass the next `times` matching 200 answers through `change(answer)` (it edits the dict in
        place) before they are sent: an answer Notion should never give, e.g. `has_more` without a
        cursor. The request itself is applied as usual."""
        with self._lock:
            self._alterations.append(Hook(method, path_pattern, change, times))  # type: ignore[arg-type]

    def _altered(self, method: str, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            due = [hook for hook in self._alterations if hook.times > 0 and hook.matches(method, path)]
            for hook in due:
                hook.times -= 1
            self._alterations = [hook for hook in self._alterations if hook.times > 0]
        for hook in due:
            hook.action(payload)  # type: ignore[arg-type]
        return payload

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.faults.clear()

    def chaos(self, rate: float = 0.1, seed: int = 1, statuses: tuple[int, ...] = (429, 500, 502, 503, 504),
              sticky_pages: set[str] | frozenset[str] = frozenset(), retry_after: int = 0) -> None:
        """Seeded random failures at `rate`; PATCHes of `sticky_pages` always answer 500. rate=0 stops it."""
        with self._lock:
            self._faults.set_chaos(rate, seed, statuses, set(sticky_pages), retry_after)

    def slow(self, seconds: float) -> None:
        """Add `seconds` of latency to every request (0 to stop)."""
        self._latency = seconds

    def count(self, method: str | None = None, path_pattern: str | None = None, status: int | None = None) -> int:
        """How many recorded requests match (method, regex on path, status)."""
        return len(self.matching(method, path_pattern, status))

    def matching(self, method: str | None = None, path_pattern: str | None = None,
                 status: int | None = None) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests
                    if (method is None or r.method == method.upper())
                    and (path_pattern is None or re.search(path_pattern, r.path))
                    and (status is None or r.status == status)]

    def patches(self, include_failed: bool = False) -> list[tuple[str, Any]]:
        """(dashed page id, parsed body) of every PATCH /v1/pages/{id}; only answered-200 ones by default."""
        out = []
        for r in self.matching("PATCH", r"^/v1/pages/[^/]+$"):
            if include_failed or r.status == 200:
                raw = r.path.rsplit("/", 1)[-1]
                out.append((normalize_id(raw) or raw, r.body))
        return out

    def reset_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    # ---- state helpers --------------------------------------------------------------------------

    def find_source(self, raw_id: Any) -> DataSource | None:
        dashed = normalize_id(raw_id) if isinstance(raw_id, str) else None
        return self.sources.get(dashed) if dashed else None

    def _page_in_source(self, page_id: str, ds_id: str) -> bool:
        page = self.pages.get(page_id)
        return page is not None and page.ds_id == ds_id

    def _lookup(self, table: dict, raw_id: str, kind: str, param: str):
        dashed = normalize_id(raw_id)
        if dashed is None:
            raise ApiError(400, "validation_error",
                           f"path failed validation: path.{param} should be a valid uuid, instead was `\"{raw_id}\"`.")
        if dashed not in table:
            raise not_found(kind, dashed)
        return table[dashed]

    def next_created(self):
        """Creation time for a new page: now (to the minute), at least a minute after the previous page."""
        with self._lock:
            when = floor_minute(self.clock.now())
            if self._last_created is not None and when <= self._last_created:
                when = self._last_created + timedelta(minutes=1)
            if when > self.clock.now():
                self.clock.set(when)
            self._last_created = when
            return when

    def data_source_object(self, ds_id: str) -> dict[str, Any]:
        """The data source JSON as the API returns it (without request_id)."""
        with self._lock:
            ds = self.sources[normalize_id(ds_id)]
            return data_source_json(ds, self.databases[ds.database_id], self.url_base, self.bot.ref())

    def page_object(self, page_id: str) -> dict[str, Any]:
        """The page JSON as GET /v1/pages returns it (without request_id)."""
        with self._lock:
            return self.page_json(self.pages[normalize_id(page_id)])

    def pages_of(self, ds_id: str) -> list[str]:
        """Dashed ids of the data source's pages in creation order."""
        dashed = normalize_id(ds_id)
        with self._lock:
            return [p.id for p in self.source_pages(dashed)] if dashed else []

    def source_pages(self, ds_id: str) -> list[Page]:
        """The data source's pages (trashed ones too) in creation order; the fake's own list, don't change it."""
        return self._by_source.get(ds_id, [])

    def source_index(self, page_id: str) -> int:
        """The page's index in `source_pages` of its data source."""
        return self._source_position[page_id]

    def _register_page(self, page: Page) -> None:
        """Keep a new page (created after every page before it) in the lookups."""
        self.pages[page.id] = page
        pages = self._by_source.setdefault(page.ds_id, [])
        self._source_position[page.id] = len(pages)
        pages.append(page)

    def page_url(self, page_id: str) -> str:
        return self.page_object(page_id)["url"]

    def iter_requests(self) -> Iterator[RecordedRequest]:
        with self._lock:
            return iter(list(self.requests))


@dataclass
class Hook:
    """An action to run after matching requests (see FakeNotion.after)."""

    method: str | None
    path_pattern: str | None
    action: Callable[[FakeNotion], None]
    times: int

    def matches(self, method: str, path: str) -> bool:
        return ((self.method is None or self.method.upper() == method)
                and (self.path_pattern is None or re.search(self.path_pattern, path) is not None))


def _capability_for(method: str, path: str) -> str | None:
    """The content capability an endpoint needs: reading (GET, a query), updating (PATCH), inserting (POST)."""
    if path == "/v1/users/me":
        return None
    if method == "GET" or path.endswith("/query"):
        return READ
    if method == "PATCH":
        return UPDATE
    return INSERT if method == "POST" else None


def _parse_json(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _dump(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


__all__ = ["FakeNotion"]
