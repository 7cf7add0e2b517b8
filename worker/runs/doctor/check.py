"""`check [--fix]`: the token, access to the list, a check per template column, and the Today page;
with --fix, every missing column added in one change (and the Today page made). Returns findings."""

from __future__ import annotations

from worker.core.codes import RunOutcome
from worker.runs.doctor.findings import DoctorResult, FindingCode, Findings, Note, fetch_token, ignore, note_drafts
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
from worker.settings import Settings
from worker.core.columns import BY_KEY

Proposals = dict[str, list[Lookalike]]


def run_check(settings: Settings, fix: bool, note: Note = ignore) -> DoctorResult:
    """Token, access and a check per template property, then the Today page; with `fix`, add the
    missing columns (yours or the worker's) and the Today page. Each finding goes to `note` as made."""
    found = Findings(note)
    gateway = NotionGateway.from_settings(settings)  # NOTION_TOKEN first, then the list: the order of set-up
    try:
        ref = settings.require_database()
        fetch_token(gateway, found)
        source = fetch_data_source(gateway, ref)
        found.add(FindingCode.DATABASE, source=source)
        note_drafts(settings, found)
        checks = check_schema(source, settings.names)
        proposals = propose_mappings(source, checks, settings)
        adding = fix and bool(addable_keys(checks, proposals))
        updates = True if adding else _may_update(gateway, source, found)  # --fix's own change proves it
        _note_checks(found, checks, proposals, settings, after_fix=False)
        if fix:
            checks, proposals, updates = _fix(gateway, source, checks, proposals, settings, updates, found)
        check_in_touch_option(gateway, source, settings, fix, found)
        page = check_today_page(gateway, settings, source, fix, found)
        found.add(FindingCode.VERDICT, checks=checks, proposals=proposals, fixed=fix, config_file=settings.config_file)
    finally:
        gateway.close()
    ok = updates and all(check.ok for check in checks) and page.facts["usable"]
    outcome = RunOutcome.REFUSED if not updates else RunOutcome.OK if ok else RunOutcome.SCHEMA
    return DoctorResult(outcome, tuple(found.found))


def _note_checks(found: Findings, checks: list[PropertyCheck], proposals: Proposals, settings: Settings,
                 after_fix: bool) -> None:
    found.add(FindingCode.CHECKS, checks=checks, proposals=proposals, config_file=settings.config_file,
              after_fix=after_fix)


def _may_update(gateway: NotionGateway, source: DataSource, found: Findings) -> bool:
    """Whether the integration may update the list (one no-op update)."""
    try:
        probe_updates(gateway, source)
    except CannotUpdate as refused:
        found.add(FindingCode.UPDATES, allowed=False, refused=str(refused))
        return False
    found.add(FindingCode.UPDATES, allowed=True, refused="")
    return True


def _fix(
    gateway: NotionGateway,
    source: DataSource,
    checks: list[PropertyCheck],
    proposals: Proposals,
    settings: Settings,
    updates: bool,
    found: Findings,
) -> tuple[list[PropertyCheck], Proposals, bool]:
    """Add the missing columns in one change: (the checks after it, the proposals, whether the list
    takes updates: a refused change says so like check's own proof does)."""
    addable = addable_keys(checks, proposals)
    if not addable:
        found.add(FindingCode.FIX_NOTHING, lookalikes=bool(proposals))
        return checks, proposals, updates
    added = template_properties(settings.names, addable, source.data_source_id)
    found.add(FindingCode.FIX_ADDING, names=list(added))
    try:
        apply_new_properties(gateway, source.data_source_id, added)
    except AccessDenied as refused:
        if refused.status != 403:
            raise
        refusal = CannotUpdate(refused.message, code=refused.code, status=refused.status)
        found.add(FindingCode.UPDATES, allowed=False, refused=str(refusal))
        return checks, proposals, False
    yours = [getattr(settings.names, key) for key in addable if not BY_KEY[key].worker_owned]
    if yours:
        found.add(FindingCode.FIX_YOURS_EMPTY, names=list(dict.fromkeys(yours)))
    source = fetch_data_source_by_id(gateway, source.data_source_id)
    checks = check_schema(source, settings.names)
    proposals = propose_mappings(source, checks, settings)
    _note_checks(found, checks, proposals, settings, after_fix=True)
    return checks, proposals, True
