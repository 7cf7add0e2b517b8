"""Your config file (TOML): read, checked against its shape, and merged over the built-in defaults.

A wrong shape, an unknown key, a worker column mapped onto one of yours or a draft template with an
unknown placeholder is a ConfigError naming the file and the place, never a crash.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from worker.core.configuration import ClosenessRule, DraftTemplates, Me, NotionOptions, PropertyNames, RuleBook
from worker.core.drafts import TemplateError, check_templates
from worker.core.models import split_comma_list
from worker.settings.days_off import read_days_off
from worker.settings.model import ConfigError, first_error
from worker.core.columns import BY_KEY, USER, WORKER, Column


def read_config(path: Path | None) -> dict[str, Any]:
    """The file's TOML document; {} without a file (the built-in defaults, which config/outreach.toml documents)."""
    if path is None:
        return {}
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
    calendar: dict[str, Any] = Field(default_factory=dict)


def parse_config(document: dict[str, Any], path: Path | None) -> tuple[RuleBook, PropertyNames, NotionOptions]:
    """The rules, column names and Notion options of a config document, each over its defaults."""
    try:
        config = _ConfigFile(**document)
        if "days_off" in (config.rules.model_extra or {}):
            raise ConfigError(f"Config file {path}: days_off goes under [calendar], not [rules].")
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
            days_off=read_days_off(config.calendar, path),
        )
        names = PropertyNames(**config.properties)
        notion = NotionOptions(**config.notion)
    except ValidationError as error:
        raise ConfigError(f"Config file {path}: {first_error(error)}") from None
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


def parse_drafts(document: dict[str, Any], path: Path | None) -> tuple[Me, DraftTemplates]:
    """[me] and [drafts]: each template over its default, every placeholder known (ConfigError if not)."""
    try:
        parsed = _Drafts(me=document.get("me", {}), drafts=_merged_drafts(document.get("drafts", {})))
    except ValidationError as error:
        raise ConfigError(f"Config file {path}: {first_error(error)}") from None
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


def holds_changes(document: dict[str, Any], path: Path | None) -> bool:
    """Whether a config document sets anything other than the built-in defaults."""
    return _parsed(document, path) != _parsed({}, None)


def _parsed(document: dict[str, Any], path: Path | None) -> tuple[Any, ...]:
    return (*parse_config(document, path), *parse_drafts(document, path))
