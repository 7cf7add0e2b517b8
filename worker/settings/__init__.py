"""The one settings object: the environment, `.env` and your config file, read and checked once.

Nothing else in the project reads the environment. The token is a SecretStr, so no repr, log line
or error message can show it. model.py holds the object, environment.py the variables,
config_file.py your config file's rules and names, user_file.py where your own file lives.
"""

from __future__ import annotations

from pathlib import Path

from worker.settings.config_file import holds_changes, parse_config, parse_drafts, read_config
from worker.settings.environment import (
    Environment,
    api_base_url,
    notion_token,
    read_environment,
    target_list,
    time_zone,
    today_page_id,
)
from worker.settings.model import ConfigError, ConfigHint, Settings, notion_id_setting, parse_notion_id
from worker.settings.user_file import create_user_config, existing_user_config, unused_legacy_config, user_config_path

__all__ = ["ConfigError", "ConfigHint", "Environment", "Settings", "ensure_user_config", "load_settings", "notion_id_setting",
           "parse_notion_id", "unread_legacy_config"]


def load_settings(config_path: Path | None = None, env_file: Path | None = Path(".env")) -> Settings:
    """Build the settings from the environment, `.env` and the config file; raise ConfigError.

    The config file is `config_path` (--config), else OUTREACH_CONFIG, else your own file
    (`user_config_path()`) when it exists, else none: the built-in defaults.
    """
    env = read_environment(env_file)
    path = config_path or env.config_path or existing_user_config()
    document = read_config(path)
    rules, names, notion = parse_config(document, path)
    me, drafts = parse_drafts(document, path)
    if env.target_companies is not None:
        rules = rules.model_copy(update={"target_companies": target_list(env.target_companies)})
    return Settings(
        token=notion_token(env.notion_token),
        database_ref=env.database_id,
        api_base_url=api_base_url(env.api_base_url),
        schedule=env.schedule,
        timezone=time_zone(env.timezone),
        rules=rules,
        names=names,
        notion=notion,
        me=me,
        drafts=drafts,
        config_path=path,
        state_dir=env.state_dir or Path.home() / ".cache" / "outreach-worker",
        log_format=env.log_format,
        sync_interval_seconds=env.sync_interval_seconds,
        live_seconds=env.live_seconds,
        webhook_token=env.webhook_token,
        today_page_id=today_page_id(env.today_page),
    )


def ensure_user_config(settings: Settings) -> tuple[Settings, Path | None]:
    """With no config file in use, create your own (every default commented out) and use it.

    Returns the settings and the path created, or None when nothing was created (a file is in
    use already, or the home folder cannot be written: the built-in defaults apply).
    """
    path = user_config_path()
    if settings.config_path is not None or path is None or not create_user_config(path):
        return settings, None
    return settings.model_copy(update={"config_path": path}), path


def unread_legacy_config(settings: Settings) -> Path | None:
    """config/outreach.toml in the working folder when it holds changes the worker no longer reads
    (version 1 read it; now only OUTREACH_CONFIG, --config or your own file are read)."""
    legacy = unused_legacy_config(settings.config_path)
    if legacy is None:
        return None
    try:
        return legacy if holds_changes(read_config(legacy), legacy) else None
    except ConfigError:
        return legacy
