"""`check [--fix]`: the token, access to the list, a line per template column, and the Today page;
with --fix, every missing column added in one change (and the Today page made)."""

from __future__ import annotations

from worker.runs.doctor.findings import (
    DoctorResult,
    check_json,
    database_json,
    drafts_line,
    fetch_token_line,
    print_checks,
    print_verdict,
    quoted,
)
from worker.runs.doctor.mappings import Lookalike, addable_keys, propose_mappings
from worker.runs.doctor.status_option import check_in_touch_option
from worker.runs.doctor.today_page_check import check_today_page
from worker.notion.bootstrap import apply_new_properties, template_properties
from worker.notion.client import NotionGateway
from worker.notion.errors import AccessDenied, CannotUpdate
from worker.notion.schema import (
    DataSource,
    PropertyCheck,
    check_schema,
    fetch_data_source,
    fetch_data_source_by_id,
    probe_updates,
)
from worker.runs.schema_advice import capability_fix
from worker.settings import Settings
from worker.core.columns import BY_KEY

Proposals = dict[str, list[Lookalike]]


def run_check(settings: Settings, fix: bool) -> DoctorResult:
    """Token, access and a line per template property on stdout, then the Today page; with `fix`,
    add the missing columns (yours or the worker's) and the Today page."""
    gateway = NotionGateway.from_settings(settings)  # NOTION_TOKEN first, then the list: the order of set-up
    try:
        ref = settings.require_database()
        token = fetch_token_line(gateway)
        print(token)
        source = fetch_data_source(gateway, ref)
        print(f'Database: "{source.title}" <{source.url}> is shared with the integration.')
        print(drafts_line(settings))
        checks = check_schema(source, settings.names)
        proposals = propose_mappings(source, checks, settings)
        adding = fix and bool(addable_keys(checks, proposals))
        updates = True if adding else _updates_line(gateway, source)  # --fix's own change proves it
        print_checks(checks, settings, proposals)
        if fix:
            checks, proposals, updates = _fix(gateway, source, checks, proposals, settings, updates)
        in_touch = check_in_touch_option(gateway, source, settings, fix)
        page = check_today_page(gateway, settings, source, fix)
        print_verdict(checks, proposals, settings, fixed=fix)
    finally:
        gateway.close()
    ok = updates and all(check.ok for check in checks) and page.get("usable", True)
    facts = {"ok": ok, "token": token, "updates": updates, "database": database_json(source),
             "properties": [check_json(check, proposals) for check in checks], "today_page": page,
             **in_touch}
    return DoctorResult("refused" if not updates else "ok" if ok else "schema", facts)


def _updates_line(gateway: NotionGateway, source: DataSource) -> bool:
    """Whether the integration may update the list (one no-op update), said in one line."""
    try:
        probe_updates(gateway, source)
    except CannotUpdate as refused:
        print(_refused_line(refused))
        return False
    print("Updates: ok (the integration may change the list).")
    return True


def _refused_line(refused: CannotUpdate) -> str:
    return (f"Updates: refused ({refused}): every write of a sync would fail. {capability_fix('Update content')}, "
            "then run `outreach-worker check` again.")


def _fix(
    gateway: NotionGateway,
    source: DataSource,
    checks: list[PropertyCheck],
    proposals: Proposals,
    settings: Settings,
    updates: bool,
) -> tuple[list[PropertyCheck], Proposals, bool]:
    """Add the missing columns in one change: (the checks after it, the proposals, whether the list
    takes updates: a refused change says so like check's own proof does)."""
    addable = addable_keys(checks, proposals)
    if not addable:
        print("\nFix: no column is missing" + (" that a column of yours could not stand for" if proposals else "")
              + "; nothing to add.")
        return checks, proposals, updates
    added = template_properties(settings.names, addable, source.data_source_id)
    print(f"\nFix: adding {quoted(added)} to the list in one change.")
    try:
        apply_new_properties(gateway, source.data_source_id, added)
    except AccessDenied as refused:
        if refused.status != 403:
            raise
        print(_refused_line(CannotUpdate(refused.message, code=refused.code, status=refused.status)))
        return checks, proposals, False
    yours = [getattr(settings.names, key) for key in addable if not BY_KEY[key].worker_owned]
    if yours:
        print(f"{quoted(dict.fromkeys(yours))} {'is' if len(yours) == 1 else 'are'} empty: fill "
              f"{'it' if len(yours) == 1 else 'them'} in for each person in Notion.")
    source = fetch_data_source_by_id(gateway, source.data_source_id)
    checks = check_schema(source, settings.names)
    proposals = propose_mappings(source, checks, settings)
    print("The list now:")
    print_checks(checks, settings, proposals)
    return checks, proposals, True
