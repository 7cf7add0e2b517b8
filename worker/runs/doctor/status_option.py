"""The In touch option of Status (SPEC §4.1 v3): `check` says when it is missing, `check --fix` adds it
to a select; a Notion *status* property's options the API cannot change, so `check` says how to add
it by hand. An older Status without it still syncs: no row can say In touch until it is there."""

from __future__ import annotations

from worker.core.columns import STATUS_COLORS
from worker.core.models import Status
from worker.notion.bootstrap import apply_new_properties
from worker.notion.client import NotionGateway
from worker.notion.schema import DataSource
from worker.runs.doctor.findings import FindingCode, Findings
from worker.settings import Settings

IN_TOUCH = Status.IN_TOUCH.value


def check_in_touch_option(gateway: NotionGateway, source: DataSource, settings: Settings, fix: bool,
                          found: Findings) -> None:
    """A finding about the In touch option: `state` found, missing (`kind` select or status) or added."""
    name = settings.names.status
    prop = source.properties.get(name)
    if not isinstance(prop, dict) or prop.get("type") not in ("select", "status"):
        return  # the column itself is missing or retyped: its own line says so
    kind = prop["type"]
    labels = {label for label, meant in settings.rules.status_labels.items() if meant == IN_TOUCH} | {IN_TOUCH}
    options = [option for option in prop.get(kind, {}).get("options", []) if isinstance(option, dict)]
    if any(option.get("name") in labels for option in options):
        found.add(FindingCode.IN_TOUCH, name=name, state="found", kind=kind)
    elif kind == "status" or not fix:
        found.add(FindingCode.IN_TOUCH, name=name, state="missing", kind=kind)
    else:
        kept = [{"id": option["id"]} for option in options if option.get("id")]
        added = {name: {"select": {"options": [*kept, {"name": IN_TOUCH, "color": STATUS_COLORS[IN_TOUCH]}]}}}
        apply_new_properties(gateway, source.data_source_id, added)
        found.add(FindingCode.IN_TOUCH, name=name, state="added", kind=kind)
