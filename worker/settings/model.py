"""The settings object a run carries, the error a bad setting raises, and Notion ids as settings give them."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from worker.core.configuration import DraftTemplates, Me, NotionOptions, PropertyNames, RuleBook
from worker.settings.user_file import CONFIG_FILE_NAME, user_config_path

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_HEX_TAIL = re.compile(r"(?:^|[^0-9a-fA-F])([0-9a-fA-F]+)$")  # the hex digits a segment ends with
NOTION_ID_DIGITS = 32


class ConfigHint(StrEnum):
    """A command that helps with a setting; the CLI names it after the message."""

    OFFLINE = "offline"
    """No token: a sync can also run offline, on a CSV export."""
    TODAY_PAGE_LINE = "today page line"
    """OUTREACH_TODAY_PAGE: check --fix and init print the line to use."""


class ConfigError(Exception):
    """The configuration cannot be used; the message says what and how to fix it in the settings'
    own terms, and `hint` names a command that helps (worded by the CLI)."""

    def __init__(self, message: str, hint: ConfigHint | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class Settings(BaseModel):
    """Everything a run needs, validated once."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    token: SecretStr | None
    database_ref: str | None
    api_base_url: str
    schedule: str
    timezone: ZoneInfo
    rules: RuleBook
    names: PropertyNames
    notion: NotionOptions
    config_path: Path | None
    state_dir: Path
    log_format: str | None
    sync_interval_seconds: float | None = None
    live_seconds: float = 60.0  # SYNC_LIVE_SECONDS: seconds between two looks of `run`; 0: none
    webhook_token: SecretStr | None = None  # NOTION_WEBHOOK_TOKEN, for `serve`
    me: Me = Field(default_factory=Me)
    drafts: DraftTemplates = Field(default_factory=DraftTemplates)
    today_page_id: str | None = None  # the Today page (SPEC §7), 32 hex; None when not set

    @property
    def config_file(self) -> str:
        """The rules file to point a person at: the one in use, or where your own would go."""
        return str(self.config_path or user_config_path() or CONFIG_FILE_NAME)

    def require_token(self) -> SecretStr:
        if self.token is None:
            raise ConfigError(
                "NOTION_TOKEN is not set. Create an integration at https://www.notion.so/my-integrations, "
                "share your Outreach List with it, and put its secret in .env as NOTION_TOKEN=...",
                hint=ConfigHint.OFFLINE,
            )
        return self.token

    def require_database(self) -> str:
        """OUTREACH_DATABASE_ID as 32 hex digits; ConfigError, naming the variable, when unset or not an id."""
        if not self.database_ref:
            raise ConfigError(
                "OUTREACH_DATABASE_ID is not set. Put the Outreach List's URL or id in .env as "
                "OUTREACH_DATABASE_ID=... (copy the link of the database page in Notion)."
            )
        return notion_id_setting("OUTREACH_DATABASE_ID", self.database_ref,
                                 "Put the list's link there (in Notion: Share → Copy link), or its 32-character id")


def notion_id_setting(setting: str, text: str, fix: str = "", hint: ConfigHint | None = None) -> str:
    """A Notion id given as `setting` (an environment variable or an option), or a ConfigError that
    names the setting, the value and `fix` (and carries `hint`)."""
    try:
        return parse_notion_id(text)
    except ValueError as error:
        raise ConfigError(f"{setting}={text!r} {error}." + (f" {fix}." if fix else ""), hint=hint) from None


def parse_notion_id(text: str) -> str:
    """A Notion id from an id (with or without dashes) or a notion.so / app.notion.com URL: 32 hex.

    The id is the whole last path segment, or the hex digits after its last dash (`Title-<id>`);
    it must be exactly 32 hex digits: a digit too many or too few is a ValueError, never cut away.
    """
    candidate = text.strip().split("?", 1)[0].split("#", 1)[0].rstrip("/")
    tail = candidate.rsplit("/", 1)[-1]
    uuid = _UUID.search(tail)
    if uuid and uuid.end() == len(tail) and (uuid.start() == 0 or not _is_hex(tail[uuid.start() - 1])):
        return uuid.group(0).replace("-", "").lower()
    digits = _HEX_TAIL.search(tail)
    if digits is None:
        raise ValueError("is not a Notion id or link: it does not end in one")
    found = digits.group(1)
    if len(found) != NOTION_ID_DIGITS:
        raise ValueError(f"ends in an id of {len(found)} hex digits; a Notion id has exactly {NOTION_ID_DIGITS}")
    return found.lower()


def _is_hex(char: str) -> bool:
    return char in "0123456789abcdefABCDEF"


def first_error(error: ValidationError) -> str:
    """pydantic's first complaint, where it is ("rules.half_life_days: ...")."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg')}" if where else str(first.get("msg"))
