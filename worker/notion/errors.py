"""The Notion layer's own exceptions: code, HTTP status, request id and page URL, never the token."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Self, Sequence


class NotionError(Exception):
    """Notion answered with an error, or could not be reached, after the retries we allow."""

    def __init__(
        self,
        message: str,
        *,
        code: str = "",
        status: int | None = None,
        request_id: str | None = None,
        url: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.request_id = request_id
        self.url = url

    @classmethod
    def restating(cls, answer: NotionError, *, url: str) -> Self:
        """Notion's same answer, named for what it means here (a 403 on a no-op update: CannotUpdate)."""
        return cls(answer.message, code=answer.code, status=answer.status, request_id=answer.request_id, url=url)

    @property
    def reason(self) -> str:
        """The message and code, without the request id: the same failure reads the same each run
        (the Today page, a row's failure), while the id, new each time, goes to -v and --json."""
        return f"{self.message} [{self.status or '-'} {self.code}]" if self.code else self.message

    def __str__(self) -> str:
        return f"{self.reason} (request id {self.request_id})" if self.request_id else self.reason


class TokenRejected(NotionError):
    """401: the integration token is wrong or revoked."""


class AccessDenied(NotionError):
    """403 or 404: the object is missing or not shared with the integration."""


class RequestRejected(NotionError):
    """400 (or another 4xx that is not about access): Notion refused what we sent; never retried."""


class NotionUnavailable(NotionError):
    """429, 5xx, time-outs or dropped connections outlasted every retry."""


class UnreadableAnswer(NotionError):
    """Notion answered 2xx with something the worker cannot read: not JSON, not an object, or an
    object without a field the worker needs. A fault on the wire, never a bug of ours; but Notion was
    reached, so it never counts as "unreachable" (it may even have acted on the request)."""


class UnsendableValue(RequestRejected):
    """The codec refused to build a request Notion would reject (a value past a documented limit
    that cannot be cut without changing its meaning); nothing was sent for that row."""


class CannotUpdate(AccessDenied):
    """Notion refused an update of the list itself: the integration lacks the "Update content"
    capability (or may not edit this list). Every write would fail the same way."""


class CannotInsert(AccessDenied):
    """Notion refused to create a page in the list: the integration lacks the "Insert content"
    capability (or may not edit this list). Every create has the same parent, so every one would
    be refused the same way."""


class ParentPageRefused(AccessDenied):
    """init's --parent-page is not shared with the integration (or does not exist); `page` is as given."""

    def __init__(self, page: str, refused: AccessDenied) -> None:
        super().__init__(refused.message, code=refused.code, status=refused.status, request_id=refused.request_id)
        self.page = page


class RetryLater(NotionError):
    """Notion asked to wait longer than the configured cap (Retry-After); the run stops at once.

    `retry_at` is when Notion allows the next request, in the configured time zone.
    """

    def __init__(self, message: str, *, wait_seconds: float, retry_at: datetime, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.wait_seconds = wait_seconds
        self.retry_at = retry_at


class Interrupted(Exception):
    """A stop was requested (SIGTERM/SIGINT) while waiting; no new request was started."""


class SchemaError(Exception):
    """The list's properties do not match the template; the run stops before writing more.

    Structured, not worded: `checks` are the template properties found wrong (PropertyCheck), and
    the command line says what each means and how to fix it.
    """

    sources: tuple[tuple[str, str], ...] = ()  # SeveralDataSources: (name, id) of each

    def __init__(self, message: str, *, url: str = "", checks: Sequence[Any] = (), config_file: str = "") -> None:
        super().__init__(message)
        self.url = url
        self.checks = tuple(checks)
        self.config_file = config_file


class SeveralDataSources(SchemaError):
    """The database holds more than one data source: the worker cannot tell which is the list.

    `sources` holds (name, id) of each, for the person to choose from.
    """

    def __init__(self, url: str, sources: Sequence[tuple[str, str]]) -> None:
        super().__init__(f"The database {url} has {len(sources)} data sources", url=url)
        self.sources = tuple(sources)
