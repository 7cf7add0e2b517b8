"""The Notion layer's own exceptions: code, HTTP status, request id and page URL, never the token."""

from __future__ import annotations


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

    def for_page(self, url: str) -> "NotionError":
        """The same error, naming the page it happened on."""
        copy = type(self)(self.message, code=self.code, status=self.status, request_id=self.request_id, url=url)
        return copy

    def __str__(self) -> str:
        parts = [self.message]
        if self.code:
            parts.append(f"[{self.status or '-'} {self.code}]")
        if self.request_id:
            parts.append(f"(request id {self.request_id})")
        return " ".join(parts)


class TokenRejected(NotionError):
    """401: the integration token is wrong or revoked."""


class AccessDenied(NotionError):
    """403 or 404: the object is missing or not shared with the integration."""


class RequestRejected(NotionError):
    """400 (or another 4xx that is not about access): Notion refused what we sent; never retried."""


class NotionUnavailable(NotionError):
    """429, 5xx, time-outs or dropped connections outlasted every retry."""


class Interrupted(Exception):
    """A stop was requested (SIGTERM/SIGINT) while waiting; no new request was started."""


class SchemaError(Exception):
    """The list's properties do not match the template; nothing was written."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
