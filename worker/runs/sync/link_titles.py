"""Titles of pages outside the list that rows link to, remembered in the state folder for a week.

A warning names such a page ("links to a page that is not in the list ("Gone Person")"), which takes
one GET per page, and a 404 for each page the integration cannot see. The same links come back at
every sync, so the answers (a title, or none) are kept per list beside the heartbeat and asked for
again only after REMEMBER_DAYS: a rename, or a page shared later, shows within a week; a warning that
names a page by last week's title costs nothing else. Without a writable state folder each sync asks.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from datetime import date
from pathlib import Path
from typing import Iterable

from worker.core.dates import add_days
from worker.notion.client import NotionGateway
from worker.notion.pages import fetch_page_titles
from worker.runs.locking import list_key
from worker.settings import Settings

log = logging.getLogger("worker.runs.sync")

REMEMBER_DAYS = 7


def titles_path(settings: Settings) -> Path:
    return settings.state_dir / f"link-titles-{list_key(settings)}.json"


def linked_page_titles(
    gateway: NotionGateway, settings: Settings, page_ids: Iterable[str], today: date, *, remember: bool = True
) -> dict[str, str]:
    """The titles of these pages (a page without one, or hidden, left out), from what was kept when
    it is recent, else from Notion; what Notion said is kept for the next syncs when `remember`."""
    wanted = sorted(set(page_ids))
    path = titles_path(settings)
    kept = {page: entry for page, entry in _read(path).items() if page in wanted and _recent(entry, today)}
    asked = [page for page in wanted if page not in kept]
    if asked:
        found = fetch_page_titles(gateway, asked)
        kept |= {page: {"title": found.get(page, ""), "asked_on": today.isoformat()} for page in asked}
        if remember:
            _write(path, kept)
    return {page: entry["title"] for page, entry in kept.items() if entry["title"]}


def _recent(entry: dict[str, str], today: date) -> bool:
    try:
        asked_on = date.fromisoformat(entry["asked_on"])
    except (KeyError, TypeError, ValueError):
        return False
    return asked_on <= today < add_days(asked_on, REMEMBER_DAYS)


def _read(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {page: entry for page, entry in data.items()
            if isinstance(entry, dict) and isinstance(entry.get("title"), str)}


def _write(path: Path, kept: dict[str, dict[str, str]]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(kept, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:  # only a saving: the next sync asks Notion again
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        log.info("could not keep the linked pages' titles in %s: %s", path.parent, error)
