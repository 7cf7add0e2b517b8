"""Your own config file: where it lives, and made on first need with every default commented out.

The bundled defaults file (config/outreach.toml, shipped in the package) is documentation and the
source of a user's own file; the worker never reads rules from it and never writes into the repository.
"""

from __future__ import annotations

import os
import re
from importlib.resources import files
from pathlib import Path

CONFIG_FOLDER_NAME = "outreach-worker"
CONFIG_FILE_NAME = "outreach.toml"
BUNDLED_CONFIG = files("worker").joinpath("defaults", CONFIG_FILE_NAME)
# Where version 1 read the rules from (config/outreach.toml in the working folder).
LEGACY_CONFIG_PATH = Path("config") / CONFIG_FILE_NAME
USER_CONFIG_HEADER = """\
# Your outreach-worker settings: target companies, rule numbers, your own option labels and the
# names of your columns. Every setting below is the built-in default, commented out, so later
# versions' defaults still reach you. To change one, remove the "# " in front of it and edit it,
# under its [section]. OUTREACH_TARGET_COMPANIES, when set, replaces target_companies.

"""
_TABLE_HEADER = re.compile(r"^\[[^\[\]]+\]\s*(#.*)?$")


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


def existing_user_config() -> Path | None:
    """Your own config file when it exists."""
    path = user_config_path()
    return path if path is not None and path.is_file() else None


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


def unused_legacy_config(config_path: Path | None) -> Path | None:
    """config/outreach.toml in the working folder when it is there and is not the file in use."""
    legacy = LEGACY_CONFIG_PATH
    if not legacy.is_file() or (config_path is not None and _same_file(config_path, legacy)):
        return None
    return legacy


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False
