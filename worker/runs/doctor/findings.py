"""What check and init found, as a person reads it (stdout) and as --json gives it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from worker.runs.doctor.mappings import Lookalike, addable_keys, print_mapping_lines, proposal_lines
from worker.notion.client import NotionGateway
from worker.notion.schema import TEMPLATE_NAMES, USER_OWNED, WORKER_OWNED, WRONG_TYPE, DataSource, PropertyCheck
from worker.runs.schema_advice import describe_check
from worker.settings import Settings

_LABEL_WIDTH = max(len(getattr(TEMPLATE_NAMES, key)) for key in USER_OWNED + WORKER_OWNED)


@dataclass(frozen=True)
class DoctorResult:
    """What check or init found or made: "ok", "schema" (problems left) or "refused", and the facts `--json` prints."""

    outcome: str
    facts: dict[str, Any] = field(default_factory=dict)


def fetch_token_line(gateway: NotionGateway) -> str:
    """Prove the token works (GET /v1/users/me) and say whose it is."""
    me = gateway.me()
    workspace = (me.get("bot") or {}).get("workspace_name")
    where = f' in workspace "{workspace}"' if workspace else ""
    return f'Token: ok (integration "{me.get("name") or me.get("id")}"{where}).'


def drafts_line(settings: Settings) -> str:
    """Whether the worker writes drafts, and how to turn them on when it does not (SPEC §9)."""
    me = settings.me
    if not me.name.strip():
        return (
            f"Drafts: off, because [me] has no name. Under [me] in {settings.config_file}, set "
            'name = "Your Name" and pitch = "a backend engineer with six years on payments" (the line after '
            '"I\'m"); the next sync writes a Draft for every row with a next step.'
        )
    if not me.pitch.strip():
        return f'Drafts: on, signed {me.name.strip()}. Add pitch = "..." under [me] in {settings.config_file}.'
    return f"Drafts: on, signed {me.name.strip()}."


def print_checks(
    checks: list[PropertyCheck], settings: Settings, proposals: dict[str, list[Lookalike]] | None = None
) -> None:
    """A line per expected property, user-owned first: `  Label   verdict[: what to do]`, and under
    a missing one, the column that looks like it."""
    groups = (
        ("Your columns (the worker reads them, never writes them):", USER_OWNED),
        ("Worker columns (the worker writes them):", WORKER_OWNED),
    )
    for heading, keys in groups:
        chosen = [check for check in checks if check.key in keys]
        if chosen:
            print(heading)
        for check in chosen:
            label = getattr(TEMPLATE_NAMES, check.key)
            print(f"  {label:<{_LABEL_WIDTH}}  {describe_check(check, settings.config_file)}")
            for line in proposal_lines(check.key, (proposals or {}).get(check.key, []), settings):
                print(f"  {'':<{_LABEL_WIDTH}}  ↳ {line}")


def print_verdict(
    checks: list[PropertyCheck], proposals: dict[str, list[Lookalike]], settings: Settings, fixed: bool
) -> None:
    """The closing line: all well, or the problems by name and what to run or write next."""
    bad = [check for check in checks if not check.ok]
    addable = addable_keys(checks, proposals)
    if not bad:
        print(f"\nAll {len(checks)} properties match the template.")
        if addable and not fixed:
            print(f"`outreach-worker check --fix` adds the optional {_names(checks, addable)} if you want them.")
        print_mapping_lines(proposals, settings)
        return
    named = "; ".join(f'"{check.name}" {_kind(check)}' for check in bad)
    print(f"\n{len(bad)} problem{'s' if len(bad) > 1 else ''}: {named}.")
    if addable and not fixed:
        kind = "an empty column" if len(addable) == 1 else "empty columns"
        print(f"Run `outreach-worker check --fix` to add {_names(checks, addable)} as {kind} of the right type.")
    print_mapping_lines(proposals, settings)
    if fixed:
        print("--fix only adds missing columns; it never renames, retypes or removes one. "
              "Fix the rest as described above, then run `outreach-worker check` again.")


def _names(checks: list[PropertyCheck], keys: tuple[str, ...]) -> str:
    return ", ".join(f'"{check.name}"' for check in checks if check.key in keys)


def _kind(check: PropertyCheck) -> str:
    if check.problem == WRONG_TYPE:
        return f"is {check.found}, should be {' or '.join(check.expected)}"
    return check.problem


def quoted(names: Any) -> str:
    """Column names (or a dict's keys) as "A", "B"."""
    return ", ".join(f'"{name}"' for name in names)


def database_json(source: DataSource) -> dict[str, str]:
    return {"title": source.title, "url": source.url, "database_id": source.database_id,
            "data_source_id": source.data_source_id}


def check_json(check: PropertyCheck, proposals: dict[str, list[Lookalike]] | None = None) -> dict[str, Any]:
    lookalike = [{"column": found.column, "type": found.found, "fits": found.fits}
                 for found in (proposals or {}).get(check.key, [])]
    return {"key": check.key, "name": check.name, "owner": "worker" if check.worker_owned else "you",
            "expected": list(check.expected), "found": check.found, "optional": check.optional,
            "ok": check.ok, "problem": check.problem, "lookalikes": lookalike}
