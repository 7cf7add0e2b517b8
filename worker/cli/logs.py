"""Log set-up: levels from -v/-q, plain lines for a person, JSON lines for a container."""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone

QUIET_LIBRARIES = ("httpx", "httpcore", "notion_client", "apscheduler", "filelock")
# httpx logs one INFO line per HTTP request sent (method, URL, status; never headers): -v shows them.
REQUEST_LOGGER = "httpx"


def secret_forms(secret: str | None) -> tuple[str, ...]:
    """The secret as libraries may print it: as is, escaped by repr() of text or bytes, or in JSON.

    httpcore's "Illegal header value b'Bearer …'" shows a token's line break as `\\n`, so a search
    for the token itself would miss it. Longest first, so no shorter form leaves part of a longer one.
    """
    if not secret:
        return ()
    forms = {secret, repr(secret)[1:-1], repr(secret.encode("utf-8", "backslashreplace"))[2:-1],
             json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}
    return tuple(sorted(forms, key=len, reverse=True))


def redact(text: str, forms: tuple[str, ...]) -> str:
    for form in forms:
        text = text.replace(form, "***")
    return text


class RedactingFilter(logging.Filter):
    """Replaces a secret anywhere in a record's message, in case a library ever formats it into one."""

    def __init__(self, secret: str | None) -> None:
        super().__init__()
        self._forms = secret_forms(secret)

    def filter(self, record: logging.LogRecord) -> bool:
        if self._forms:
            message = record.getMessage()
            redacted = redact(message, self._forms)
            if redacted != message:
                record.msg, record.args = redacted, None
        return True


class RedactingFormatter(logging.Formatter):
    """Redacts the finished line, traceback and `extra` fields included, which a filter cannot reach."""

    def __init__(self, inner: logging.Formatter, secret: str | None) -> None:
        super().__init__()
        self._inner, self._forms = inner, secret_forms(secret)

    def format(self, record: logging.LogRecord) -> str:
        return redact(self._inner.format(record), self._forms)


class JsonLineFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, and any `extra` fields."""

    _standard = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="seconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({k: v for k, v in vars(record).items() if k not in self._standard})
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def setup_logging(verbosity: int = 0, log_format: str | None = None, secret: str | None = None) -> None:
    """Configure the root logger on stderr; verbosity -1 quiet, 0 normal, 1 info, 2 debug."""
    level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    as_json = (log_format or "").lower() == "json" or (log_format is None and not sys.stderr.isatty())
    handler = logging.StreamHandler(sys.stderr)
    formatter = JsonLineFormatter() if as_json else logging.Formatter("%(levelname)s %(message)s")
    handler.setFormatter(RedactingFormatter(formatter, secret))
    handler.addFilter(RedactingFilter(secret))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(max(level, logging.WARNING) if verbosity < 2 else logging.DEBUG)
    if verbosity == 1:
        logging.getLogger(REQUEST_LOGGER).setLevel(logging.INFO)
