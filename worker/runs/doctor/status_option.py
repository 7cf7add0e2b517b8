"""The In touch option of Status (SPEC §4.1 v3): `check` says when it is missing, `check --fix` adds it
to a select; a Notion *status* property's options the API cannot change, so `check` says how to add
it by hand. An older Status without it still syncs: no row can say In touch until it is there."""

from __future__ import annotations

from typing import Any

from worker.core.columns import STATUS_COLORS
from worker.core.models import Status
from worker.notion.bootstrap import apply_new_properties
from worker.notion.client import NotionGateway
from worker.notion.schema import DataSource
from worker.settings import Settings

IN_TOUCH = Status.IN_TOUCH.value


def check_in_touch_option(gateway: NotionGateway, source: DataSource, settings: Settings, fix: bool) -> dict[str, Any]:
    """One line on stdout about the In touch option, and what was found and done, for --json."""
    name = settings.names.status
    prop = source.properties.get(name)
    if not isinstance(prop, dict) or prop.get("type") not in ("select", "status"):
        return {"status_option": "n/a"}  # the column itself is missing or retyped: its own line says so
    kind = prop["type"]
    labels = {label for label, meant in settings.rules.status_labels.items() if meant == IN_TOUCH} | {IN_TOUCH}
    options = [option for option in prop.get(kind, {}).get("options", []) if isinstance(option, dict)]
    if any(option.get("name") in labels for option in options):
        print(f'"{name}": has the In touch option.')
        return {"status_option": "found"}
    if kind == "status":
        print(f'"{name}" is a Notion status property without an "In touch" option, which Notion\'s API cannot add: '
              f'open the list, click the "{name}" column\'s name → Edit property → "+" beside a group (Complete fits), '
              'and add "In touch". Until then no row can say a conversation is done for now.')
        return {"status_option": "missing", "fixable": False}
    if not fix:
        print(f'"{name}" has no "In touch" option: `outreach-worker check --fix` adds it (Notion adds it too the first '
              "time you type it into a row).")
        return {"status_option": "missing", "fixable": True}
    kept = [{"id": option["id"]} for option in options if option.get("id")]
    added = {name: {"select": {"options": [*kept, {"name": IN_TOUCH, "color": STATUS_COLORS[IN_TOUCH]}]}}}
    apply_new_properties(gateway, source.data_source_id, added)
    print(f'Fix: added the "In touch" option to "{name}".')
    return {"status_option": "added"}
