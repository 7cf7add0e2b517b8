"""The environment and `.env` (SPEC §5): the variables, unquoted as a shell would, each value checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from worker.core.models import split_comma_list
from worker.settings.model import ConfigError, ConfigHint, first_error, notion_id_setting
from worker.files.textfile import NotUtf8, read_utf8

DEFAULT_API_BASE_URL = "https://api.notion.com"
DEFAULT_SCHEDULE = "*/30 * * * *"
DEFAULT_LIVE_SECONDS = 60.0  # a look a minute: one request while nothing changes
DEFAULT_TIMEZONE = "UTC"


class Environment(BaseSettings):
    """Variables from the environment and `.env` (SPEC §5); unrelated keys are ignored."""

    # utf-8-sig: a .env saved by Notepad starts with a byte order mark that would hide its first line.
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8-sig", extra="ignore")

    notion_token: SecretStr | None = Field(default=None, validation_alias="NOTION_TOKEN")
    # `serve`: the token Notion's verification request brought, which signs every webhook event.
    webhook_token: SecretStr | None = Field(default=None, validation_alias="NOTION_WEBHOOK_TOKEN")
    database_id: str | None = Field(default=None, validation_alias="OUTREACH_DATABASE_ID")
    today_page: str | None = Field(default=None, validation_alias="OUTREACH_TODAY_PAGE")
    api_base_url: str = Field(default=DEFAULT_API_BASE_URL, validation_alias="NOTION_API_BASE_URL")
    target_companies: str | None = Field(default=None, validation_alias="OUTREACH_TARGET_COMPANIES")
    schedule: str = Field(default=DEFAULT_SCHEDULE, validation_alias="SYNC_SCHEDULE")
    # Seconds between scheduled syncs, replacing SYNC_SCHEDULE when set (tests, demos).
    sync_interval_seconds: float | None = Field(default=None, gt=0, validation_alias="SYNC_INTERVAL_SECONDS")
    # Seconds between two looks of `run` (SPEC §10); 0 turns looks off.
    live_seconds: float = Field(default=DEFAULT_LIVE_SECONDS, ge=0, validation_alias="SYNC_LIVE_SECONDS")
    timezone: str = Field(default=DEFAULT_TIMEZONE, validation_alias="OUTREACH_TIMEZONE")
    config_path: Path | None = Field(default=None, validation_alias="OUTREACH_CONFIG")
    state_dir: Path | None = Field(default=None, validation_alias="OUTREACH_STATE_DIR")
    log_format: str | None = Field(default=None, validation_alias=AliasChoices("LOG_FORMAT"))

    @field_validator("notion_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    # Defined last so it runs first: the token is unquoted before it is judged blank.
    @field_validator("*", mode="before")
    @classmethod
    def _unquoted(cls, value: Any) -> Any:
        return strip_quotes(value) if isinstance(value, str) else value


def read_environment(env_file: Path | None) -> Environment:
    """The variables, from the environment over `env_file` (when it exists); ConfigError if one is bad."""
    if env_file is not None and env_file.is_file():
        _require_utf8(env_file)
    try:
        return Environment(_env_file=env_file)  # type: ignore[call-arg]
    except ValidationError as error:
        raise ConfigError(f"Bad environment setting: {first_error(error)}") from None


def strip_quotes(value: str) -> str:
    """A value as a shell reads it: surrounding spaces and one pair of matching quotes removed.

    python-dotenv unquotes `.env` values, but `docker run --env-file` passes them on literally
    (`SYNC_SCHEDULE="*/30 * * * *"` arrives with its quotes), so values from the environment are
    unquoted here the same way, whoever read the file.
    """
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'" and value[0] not in value[1:-1]:
        return value[1:-1]
    return value


def _require_utf8(path: Path) -> None:
    try:
        read_utf8(path)
    except NotUtf8 as error:
        raise ConfigError(
            f"{path} is not UTF-8 (it looks like {error.encoding}). Save it as UTF-8 (in Notepad: "
            "File → Save as → Encoding: UTF-8) and run again."
        ) from None
    except OSError as error:
        raise ConfigError(f"{path} cannot be read ({error.strerror}).") from None


def target_list(text: str) -> tuple[str, ...]:
    """OUTREACH_TARGET_COMPANIES as a list; each name unquoted too (`"Stripe", "Figma"`)."""
    return tuple(name for name in (strip_quotes(part) for part in split_comma_list(text)) if name)


def api_base_url(text: str) -> str:
    """NOTION_API_BASE_URL as the client wants it: an http(s) URL with a host, no trailing slash."""
    address = text.strip().rstrip("/")
    try:
        parts = urlsplit(address)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and not any(c.isspace() for c in address)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        valid = False
    if not valid:
        raise ConfigError(
            f"NOTION_API_BASE_URL={text!r} is not an http(s) address. Leave it unset to talk to "
            f"{DEFAULT_API_BASE_URL}, or give a proxy's address such as http://localhost:8080."
        )
    return address


def time_zone(name: str) -> ZoneInfo:
    """OUTREACH_TIMEZONE as a zone; ConfigError for a name that is not an IANA zone."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"OUTREACH_TIMEZONE={name!r} is not a time zone name. Use an IANA name like Europe/Berlin or UTC."
        ) from None


def today_page_id(text: str | None) -> str | None:
    """OUTREACH_TODAY_PAGE as 32 hex digits; None when unset or blank."""
    if not text or not text.strip():
        return None
    return notion_id_setting("OUTREACH_TODAY_PAGE", text, hint=ConfigHint.TODAY_PAGE_LINE)



def notion_token(token: SecretStr | None) -> SecretStr | None:
    """NOTION_TOKEN when it can be sent: visible ASCII only, as every Notion secret is.

    A token that cannot go in an HTTP header (a line break from a quote wrapped onto two lines in
    .env, a non-ASCII letter pasted from a document) is a setting to fix, exit 2, found before any
    request: sent, it would fail inside the HTTP library, retried as "unreachable" or as a crash.
    The message says where the bad character is and what it is, never the token.
    """
    if token is None:
        return None
    for position, character in enumerate(token.get_secret_value(), start=1):
        if not "!" <= character <= "~":
            raise ConfigError(
                f"NOTION_TOKEN holds {_what(character)} at character {position}, which no Notion token has. "
                "Copy the integration's secret again (https://www.notion.so/my-integrations) and put it on "
                "one line in .env as NOTION_TOKEN=..."
            )
    return token


def _what(character: str) -> str:
    if character in "\r\n":
        return "a line break"
    if character.isspace():
        return "a space"
    if ord(character) < 0x20 or ord(character) == 0x7F:
        return f"a control character (U+{ord(character):04X})"
    return f"a character that is not plain ASCII (U+{ord(character):04X})"
