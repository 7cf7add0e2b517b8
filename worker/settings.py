"""The one settings object: environment, `.env`, and the rules/property-name file.

Nothing else in the project reads the environment. The token is a SecretStr, so no repr,
log line or error message can show it.
"""

from __future__ import annotations

import os
import re
import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from worker.models import split_comma_list
from worker.configuration import ClosenessRule, DraftTemplates, Me, NotionOptions, PropertyNames, RuleBook
from worker.drafts import TemplateError, check_templates
from worker.template import BY_KEY, USER, WORKER, Column
from worker.textfile import NotUtf8, read_utf8

CONFIG_FOLDER_NAME = "outreach-worker"
CONFIG_FILE_NAME = "outreach.toml"
# The defaults file (config/outreach.toml, shipped in the package): documentation and the source of
# a user's own file; the worker never reads rules from it and never writes into the repository.
BUNDLED_CONFIG = files("worker").joinpath("defaults", CONFIG_FILE_NAME)
# Where version 1 read the rules from (config/outreach.toml in the working folder).
LEGACY_CONFIG_PATH = Path("config") / CONFIG_FILE_NAME
USER_CONFIG_HEADER = """\
# Your outreach-worker settings: target companies, rule numbers, your own option labels and the
# names of your columns. Every setting below is the built-in default, commented out, so later
# versions' defaults still reach you. To change one, remove the "# " in front of it and edit it,
# under its [section]. OUTREACH_TARGET_COMPANIES, when set, replaces target_companies.

"""
DEFAULT_API_BASE_URL = "https://api.notion.com"
DEFAULT_SCHEDULE = "*/30 * * * *"
DEFAULT_TIMEZONE = "UTC"

_TABLE_HEADER = re.compile(r"^\[[^\[\]]+\]\s*(#.*)?$")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_HEX_TAIL = re.compile(r"(?:^|[^0-9a-fA-F])([0-9a-fA-F]+)$")  # the hex digits a segment ends with
NOTION_ID_DIGITS = 32


class ConfigError(Exception):
    """The configuration cannot be used; the message says what and how to fix it."""


class Environment(BaseSettings):
    """Variables from the environment and `.env` (SPEC §5); unrelated keys are ignored."""

    # utf-8-sig: a .env saved by Notepad starts with a byte order mark that would hide its first line.
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8-sig", extra="ignore")

    notion_token: SecretStr | None = Field(default=None, validation_alias="NOTION_TOKEN")
    database_id: str | None = Field(default=None, validation_alias="OUTREACH_DATABASE_ID")
    today_page: str | None = Field(default=None, validation_alias="OUTREACH_TODAY_PAGE")
    api_base_url: str = Field(default=DEFAULT_API_BASE_URL, validation_alias="NOTION_API_BASE_URL")
    target_companies: str | None = Field(default=None, validation_alias="OUTREACH_TARGET_COMPANIES")
    schedule: str = Field(default=DEFAULT_SCHEDULE, validation_alias="SYNC_SCHEDULE")
    # Seconds between scheduled syncs, replacing SYNC_SCHEDULE when set (tests, demos).
    sync_interval_seconds: float | None = Field(default=None, gt=0, validation_alias="SYNC_INTERVAL_SECONDS")
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
                "share your Outreach List with it, and put its secret in .env as NOTION_TOKEN=..."
                " (or run offline on a CSV export with `outreach-worker sync --csv EXPORT.csv`)."
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


def notion_id_setting(setting: str, text: str, fix: str) -> str:
    """A Notion id given as `setting` (an environment variable or an option), or a ConfigError that
    names the setting, the value and `fix`."""
    try:
        return parse_notion_id(text)
    except ValueError as error:
        raise ConfigError(f"{setting}={text!r} {error}. {fix}.") from None


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


def load_settings(config_path: Path | None = None, env_file: Path | None = Path(".env")) -> Settings:
    """Build the settings from the environment, `.env` and the config file; raise ConfigError.

    The config file is `config_path` (--config), else OUTREACH_CONFIG, else your own file
    (`user_config_path()`) when it exists, else none: the built-in defaults.
    """
    env = _environment(env_file)
    path = config_path or env.config_path or _existing(user_config_path())
    document = _read_config(path)
    rules, names, notion = _parse_config(document, path)
    me, drafts = _parse_drafts(document, path)
    if env.target_companies is not None:
        rules = rules.model_copy(update={"target_companies": _target_list(env.target_companies)})
    return Settings(
        token=env.notion_token,
        database_ref=env.database_id,
        api_base_url=_api_base_url(env.api_base_url),
        schedule=env.schedule,
        timezone=_zone(env.timezone),
        rules=rules,
        names=names,
        notion=notion,
        me=me,
        drafts=drafts,
        config_path=path,
        state_dir=env.state_dir or Path.home() / ".cache" / "outreach-worker",
        log_format=env.log_format,
        sync_interval_seconds=env.sync_interval_seconds,
        today_page_id=_today_page(env.today_page),
    )


def _api_base_url(text: str) -> str:
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


def _environment(env_file: Path | None) -> Environment:
    if env_file is not None and env_file.is_file():
        _require_utf8(env_file)
    try:
        return Environment(_env_file=env_file)  # type: ignore[call-arg]
    except ValidationError as error:
        raise ConfigError(f"Bad environment setting: {_first_error(error)}") from None


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


def _target_list(text: str) -> tuple[str, ...]:
    """OUTREACH_TARGET_COMPANIES as a list; each name unquoted too (`"Stripe", "Figma"`)."""
    return tuple(name for name in (strip_quotes(part) for part in split_comma_list(text)) if name)


def user_config_path() -> Path | None:
    """Your own config file: $XDG_CONFIG_HOME/outreach-worker/outreach.toml, by default
    ~/.config/outreach-worker/outreach.toml; None when there is no home folder."""
    base = os.environ.get("XDG_CONFIG_HOME", "").strip()
    if base and Path(base).is_absolute():  # the XDG spec: a relative value is ignored
        return Path(base) / CONFIG_FOLDER_NAME / CONFIG_FILE_NAME
    try:
        return Path.home() / ".config" / CONFIG_FOLDER_NAME / CONFIG_FILE_NAME
    except RuntimeError:  # no HOME and no passwd entry (a container's arbitrary user)
        return None


def ensure_user_config(settings: Settings) -> tuple[Settings, Path | None]:
    """With no config file in use, create your own (every default commented out) and use it.

    Returns the settings and the path created, or None when nothing was created (a file is in
    use already, or the home folder cannot be written: the built-in defaults apply).
    """
    path = user_config_path()
    if settings.config_path is not None or path is None or not create_user_config(path):
        return settings, None
    return settings.model_copy(update={"config_path": path}), path


def create_user_config(path: Path) -> bool:
    """Write a config file holding every default commented out; False when it exists or cannot be written."""
    try:
        text = commented_defaults(BUNDLED_CONFIG.read_text(encoding="utf-8"))
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError:
        return False
    return True


def commented_defaults(bundled: str) -> str:
    """The bundled defaults as a user's file: its own header, every setting commented out, the
    explanations and [section] headers kept so a setting is uncommented where it belongs."""
    body = bundled.split("\n\n", 1)[-1]  # the bundled file's header speaks about itself
    lines = [line if _kept_as_is(line) else f"# {line}" for line in body.splitlines()]
    return USER_CONFIG_HEADER + "\n".join(lines) + "\n"


def _kept_as_is(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#") or bool(_TABLE_HEADER.match(stripped))


def unread_legacy_config(settings: Settings) -> Path | None:
    """config/outreach.toml in the working folder when it holds changes the worker no longer reads
    (version 1 read it; now only OUTREACH_CONFIG, --config or your own file are read)."""
    legacy = LEGACY_CONFIG_PATH
    if not legacy.is_file() or (settings.config_path and _same_file(settings.config_path, legacy)):
        return None
    try:
        found = _parsed(_read_config(legacy), legacy)
    except ConfigError:
        return legacy
    return None if found == _parsed({}, None) else legacy


def _parsed(document: dict[str, Any], path: Path | None) -> tuple[Any, ...]:
    return (*_parse_config(document, path), *_parse_drafts(document, path))


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False


def _existing(path: Path | None) -> Path | None:
    return path if path is not None and path.is_file() else None


def _today_page(text: str | None) -> str | None:
    if not text or not text.strip():
        return None
    return notion_id_setting("OUTREACH_TODAY_PAGE", text, "Use the line `outreach-worker check --fix` or `init` "
                             "printed, or the link copied from the page in Notion")


def _read_config(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}  # the built-in defaults, which config/outreach.toml documents
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"Config file {path} does not exist. Fix OUTREACH_CONFIG or --config.") from None
    except OSError as error:
        raise ConfigError(f"Config file {path} cannot be read ({error.strerror}). Fix OUTREACH_CONFIG or --config.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"Config file {path} is not valid TOML: {error}") from None


class _Labels(BaseModel):
    model_config = ConfigDict(extra="forbid")

    closeness: dict[str, str] = Field(default_factory=dict)
    status: dict[str, str] = Field(default_factory=dict)


class _RulesTable(BaseModel):
    """[rules] as written: the tables are merged over the defaults, the numbers go to RuleBook."""

    model_config = ConfigDict(extra="allow")

    closeness: dict[str, dict[str, Any]] = Field(default_factory=dict)
    status_business_days: dict[str, Annotated[int, Field(ge=0)] | Literal["never"]] = Field(default_factory=dict)


class _ConfigFile(BaseModel):
    """The shape of config/outreach.toml, so a wrong shape is a clear error, not a crash."""

    model_config = ConfigDict(extra="forbid")

    target_companies: list[str] | str = ()  # type: ignore[assignment]
    target_aliases: dict[str, list[str]] = Field(default_factory=dict)
    rules: _RulesTable = Field(default_factory=_RulesTable)
    labels: _Labels = Field(default_factory=_Labels)
    properties: dict[str, str] = Field(default_factory=dict)
    notion: dict[str, Any] = Field(default_factory=dict)
    me: dict[str, Any] = Field(default_factory=dict)
    drafts: dict[str, Any] = Field(default_factory=dict)


def _parse_config(document: dict[str, Any], path: Path | None) -> tuple[RuleBook, PropertyNames, NotionOptions]:
    try:
        config = _ConfigFile(**document)
        defaults = RuleBook()
        companies = config.target_companies
        rules = RuleBook(
            **(config.rules.model_extra or {}),
            target_companies=split_comma_list(companies) if isinstance(companies, str) else tuple(companies),
            target_aliases={target: tuple(names) for target, names in config.target_aliases.items()},
            closeness=_merged_closeness(defaults, config.rules.closeness),
            status_business_days={
                **defaults.status_business_days,
                **{status: None if days == "never" else days for status, days in config.rules.status_business_days.items()},
            },
            closeness_labels=config.labels.closeness,
            status_labels=config.labels.status,
        )
        names = PropertyNames(**config.properties)
        notion = NotionOptions(**config.notion)
    except ValidationError as error:
        raise ConfigError(f"Config file {path}: {_first_error(error)}") from None
    _require_distinct_columns(names, path)
    return rules, names, notion


def _require_distinct_columns(names: PropertyNames, path: Path | None) -> None:
    """Each template property on a column of its own: a worker field mapped onto a column of yours
    would write into it every run, and two fields on one column would read or write each other."""
    owners: dict[str, str] = {}
    for key, column in names.model_dump().items():
        folded = column.strip().casefold()  # Notion and the CSV export match names this loosely
        other = owners.setdefault(folded, key)
        if other == key:
            continue
        first, second = BY_KEY[other], BY_KEY[key]
        worker_into_user = {first.owner, second.owner} == {USER, WORKER}
        why = ("the worker would write into a column of yours every run" if worker_into_user
               else "the worker cannot tell them apart")
        raise ConfigError(
            f"Config file {path}: {_side(first)} {other} and {_side(second)} {key} are both "
            f'mapped to the column "{column}": {why}. Give each its own column under [properties].'
        )


def _side(column: Column) -> str:
    return "your column" if column.owner == USER else "the worker's column"


class _Drafts(BaseModel):
    """[me] and [drafts] as read, so an error names its place ("drafts.reply.body")."""

    me: Me
    drafts: DraftTemplates


def _parse_drafts(document: dict[str, Any], path: Path | None) -> tuple[Me, DraftTemplates]:
    """[me] and [drafts]: each template over its default, every placeholder known (ConfigError if not)."""
    try:
        parsed = _Drafts(me=document.get("me", {}), drafts=_merged_drafts(document.get("drafts", {})))
    except ValidationError as error:
        raise ConfigError(f"Config file {path}: {_first_error(error)}") from None
    try:
        check_templates(parsed.drafts)
    except TemplateError as error:
        raise ConfigError(f"Config file {path}: the draft template {error}") from None
    return parsed.me, parsed.drafts


def _merged_drafts(given: dict[str, Any]) -> dict[str, Any]:
    """`[drafts.reply] body = "..."` keeps the default subject; a new Role starts from Other's phrases."""
    defaults = DraftTemplates()
    merged = dict(given)
    for kind, value in given.items():
        default = getattr(defaults, kind, None) if kind != "roles" else None
        if isinstance(value, dict) and isinstance(default, BaseModel):
            merged[kind] = {**default.model_dump(), **value}
    if isinstance(given.get("roles"), dict):
        merged["roles"] = dict(defaults.roles)
        for role, phrases in given["roles"].items():
            base = defaults.roles.get(role) or defaults.phrases(role)
            merged["roles"][role] = {**base.model_dump(), **phrases} if isinstance(phrases, dict) else phrases
    return merged


def _merged_closeness(defaults: RuleBook, given: dict[str, dict[str, Any]]) -> dict[str, ClosenessRule]:
    """Each level's numbers over its default, so `[rules.closeness.Warm] stale_after_days = 60` is enough."""
    merged = dict(defaults.closeness)
    for level, numbers in given.items():
        base = merged[level].model_dump() if level in merged else {}
        merged[level] = ClosenessRule(**{**base, **numbers})
    return merged


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"OUTREACH_TIMEZONE={name!r} is not a time zone name. Use an IANA name like Europe/Berlin or UTC."
        ) from None


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg')}" if where else str(first.get("msg"))
