"""SPEC §4.5: offline (`sync --csv`) follows exactly the same rules, Worker state included.

One list, kept twice: in the fake Notion and as a CSV export. Each day the same person edits both
the same way, the worker syncs both, and every worker column reads the same in both.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path
from zoneinfo import ZoneInfo

from worker.core.configuration import PropertyNames
from worker.notion.codec import person_from_page
from worker.files.export import fetch_people_from_csv
from worker.files.export.cells import format_date

NAMES = PropertyNames()
TARGETS = "Stripe, Figma"
COLUMNS = ["Name", "Company", "Role", "Closeness", "Last contacted", "Status", "Knows", "Introduced by",
           "Shared interests", "Paused", "Meeting on", "Created time"]
LIST = [
    {"Name": "Maya Patel", "Company": "Shopify", "Role": "Engineering Manager", "Closeness": "Close",
     "Last contacted": "2026-11-02", "Knows": ["Ethan Brooks", "Lena Fischer"]},
    {"Name": "Ethan Brooks", "Company": "Stripe", "Role": "Engineer", "Closeness": "Cold"},
    {"Name": "Lena Fischer", "Company": "Figma Inc.", "Role": "Engineering Manager", "Closeness": "Cold"},
    {"Name": "Ravi Shankar", "Company": "Cloudflare", "Closeness": "Warm", "Last contacted": "2026-11-20",
     "Status": "Replied"},
    {"Name": "Priya Raman", "Company": "Google", "Closeness": "Warm", "Last contacted": "2026-10-15",
     "Introduced by": ["Ravi Shankar"], "Shared interests": ["Rust"]},
    {"Name": "Emily Zhang", "Company": "Figma", "Closeness": "Close", "Last contacted": "2026-11-20",
     "Status": "Reached out"},
    {"Name": "Chloe Martin", "Company": "Notion", "Closeness": "Warm", "Last contacted": "2026-11-18",
     "Status": "Meeting scheduled", "Meeting on": "2026-12-01"},
    {"Name": "Olivia Bennett", "Company": "Atlassian", "Closeness": "Acquaintance", "Last contacted": "2026-06-01"},
    {"Name": "Pat Paused", "Company": "Stripe", "Closeness": "Warm", "Last contacted": "2026-11-20", "Paused": True},
    {"Name": "Sarah Cohen", "Company": "Brex", "Closeness": "Cold"},
]
# What the person does before each sync: (day, {name: {column: value}}).
DAYS = [
    ("2026-11-26", {}),
    ("2026-11-27", {
        "Ethan Brooks": {"Next step": "Ask Maya at Friday's lunch"},  # an edit of a worker column
        "Emily Zhang": {"Last contacted": "2026-11-27"},  # a second message, still no reply
        "Olivia Bennett": {"Status": "Reached out", "Last contacted": "2026-11-27"},
        "Ravi Shankar": {"Status": "Reached out", "Last contacted": "2026-11-27"},  # answered his reply
    }),
    ("2026-12-02", {"Pat Paused": {"Paused": False}, "Emily Zhang": {"Last contacted": "2026-12-02"}}),
    ("2026-12-03", {}),
]


def test_the_same_rows_give_the_same_worker_columns_in_notion_and_offline(fake, cli, tmp_path):
    _, ds_id = fake.create_outreach_list()
    ids = dict(zip([row["Name"] for row in LIST], fake.add_people(ds_id, LIST)))
    export = tmp_path / "export.csv"
    # Notion's export carries a Created time column when the list has one: offline dates an
    # introduction by it (SPEC §4.3), as the API's created_time dates it online.
    created = {name: fake.page_object(pid)["created_time"] for name, pid in ids.items()}
    _write_export(export, [{**row, "Created time": created[row["Name"]]} for row in LIST])
    for day, edits in DAYS:
        for name, values in edits.items():
            fake.set_values(ids[name], values)
        export = _edit_export(export, edits)
        online = cli("sync", "--today", day, database=ds_id, targets=TARGETS)
        out = tmp_path / f"after {day}.csv"
        offline = cli("sync", "--csv", str(export), "--out", str(out), "--today", day, targets=TARGETS)
        assert (online.code, offline.code) == (0, 0), online.err + offline.err
        notion = {name: _columns(person_from_page(fake.page_object(pid), NAMES, ZoneInfo("UTC")), ids) for name, pid in ids.items()}
        people, table = fetch_people_from_csv(out, NAMES)
        assert {p.name: _columns(p, {n: pid for pid, n in table.labels.items()}) for p in people} == notion, day
        export = out
    assert notion["Ethan Brooks"]["next_step"] == "Ask Maya at Friday's lunch"
    assert notion["Emily Zhang"]["next_step"].startswith("No reply to 3 messages")


def _columns(person, ids_by_name) -> dict:
    """The worker columns as a person reads them: Intro via by name; Worker state by what it remembers."""
    names = {pid.replace("-", ""): name for name, pid in ids_by_name.items()}
    fields = dataclasses.asdict(person.current)
    fields["intro_via"] = [names[pid] for pid in person.current.intro_via]
    state = fields.pop("worker_state")
    kept = [part for part in state.split(";") if part[:2] in ("t=", "g=", "p=", "s=", "z", "i=", "c=", "a", "r=", "o=")]
    # An introduced-on day is kept by the introducer's page id, which a CSV export makes up: the days must agree.
    fields["remembers"] = [_days_only(part) if part.startswith("i=") else part for part in kept]
    fields["strength"] = None if fields["strength"] is None else float(fields["strength"])
    return fields


def _days_only(part: str) -> str:
    return "i=" + ",".join(link[8:] for link in part[2:].split(","))  # each link: 8 hex digits of the id, then the day


def _cell(column: str, value) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if column in ("Last contacted", "Meeting on") and value:
        return format_date(__import__("datetime").date.fromisoformat(value))
    return str(value)


def _write_export(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([_cell(column, row.get(column, "")) for column in COLUMNS])


def _edit_export(path: Path, edits: dict[str, dict]) -> Path:
    """The next export: the last output with the person's edits, as Notion would export it."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    for line in rows[1:]:
        for column, value in edits.get(line[0], {}).items():
            line[header.index(column)] = _cell(column, value)
    edited = path.with_name(path.stem + " edited.csv")
    with edited.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return edited
