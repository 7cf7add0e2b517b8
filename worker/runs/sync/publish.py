"""The Today page after each sync: render it, compare fingerprints, replace it only when it changed.

One request to read the page and, only when its content changed, one to replace it. The page never
costs the sync its outcome: a page that cannot be written is reported, and the sync's own exit code
stands. A page is only ever replaced when it is blank or was written by the worker, and never when it
is the Outreach List, the page that holds it, or a page with sub-pages or databases on it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, Sequence

from worker.runs.heartbeat import first_notice
from worker.core.models import Outcome, Person, SyncReport
from worker.notion.client import NotionGateway
from worker.notion.errors import (
    CannotUpdate,
    Interrupted,
    NotionError,
    NotionUnavailable,
    RetryLater,
    SchemaError,
    TokenRejected,
)
from worker.notion.schema import DataSource
from worker.notion.today_page import (
    TODAY_PAGE_TITLE,
    CreatedPage,
    apply_new_page,
    apply_page_markdown,
    fetch_child_pages,
    fetch_page_markdown,
    page_url,
)
from worker.runs.schema_advice import headline, problem_lines
from worker.settings import ConfigError, Settings
from worker.core.today.figures import compute_today_figures
from worker.core.today.page import (
    LastSync,
    Problem,
    holds_child_pages,
    is_blank,
    read_fingerprint,
    render_failure,
    render_page,
    sign,
)
from worker.core.today.todo import Mention

log = logging.getLogger("worker.core.today")

WRITTEN, UNCHANGED, REFUSED, FAILED = "written", "unchanged", "refused", "failed"
# Failures after which Notion would not answer a page request either (or nothing reached it, or it
# asked for quiet: no request may go before its Retry-After, nor an update it refuses).
UNANSWERED = (Interrupted, TokenRejected, NotionUnavailable, ConfigError, RetryLater, CannotUpdate)
TODAY_PAGE_HINT = "today_page_hint"  # the heartbeat remembers the hint below was given
HOW_TO_ADD = (
    "No Today page is set up, so today's list and the sync's problems are not shown in Notion. "
    "Run `outreach-worker check --fix` to create one beside the list, then put the "
    "OUTREACH_TODAY_PAGE=... line it prints in .env."
)


def owes_today_page_hint(settings: Settings, page: PageRefresh | None) -> bool:
    """Whether to say HOW_TO_ADD now: no Today page is set up, and this list and state folder were not told yet."""
    return page is None and settings.today_page_id is None and first_notice(settings, TODAY_PAGE_HINT)


@dataclass(frozen=True)
class PageRefresh:
    """What became of the Today page in one sync."""

    state: str  # WRITTEN, UNCHANGED, REFUSED (a guard said no) or FAILED (Notion said no)
    page_id: str
    message: str = ""

    @property
    def url(self) -> str:
        return page_url(self.page_id)

    def as_json(self) -> dict[str, str]:
        return {"state": self.state, "url": self.url, "message": self.message}


def publish_sync(
    gateway: NotionGateway,
    settings: Settings,
    source: DataSource,
    people: Sequence[Person],
    outcome: Outcome,
    report: SyncReport,
) -> PageRefresh | None:
    """After a sync that went through: the whole page, rewritten if it changed. None without a page."""
    if settings.today_page_id is None:
        return None
    rules = settings.rules
    figures = compute_today_figures(people, outcome, rules.target_companies, report.today,
                                    days_off=rules.days_off, plan_per_day=rules.plan_per_day)
    last = LastSync(report.today, "partial" if report.failures else "ok", report.rows_read, len(report.failures))
    body = render_page(last, problems_of(report), figures)
    forbidden = list_ids(source, settings.require_database())
    return refresh_page(gateway, settings.today_page_id, forbidden, lambda previous: body)


def publish_failure(
    gateway: NotionGateway, settings: Settings, today: date, error: BaseException, source: DataSource | None
) -> PageRefresh | None:
    """After a sync that stopped: its time and reason on top, the rest of the page kept as it was."""
    if settings.today_page_id is None or isinstance(error, UNANSWERED):
        return None
    last = LastSync(today, "failed", failed_at=datetime.now(settings.timezone), reason=_reason(error))
    problems = tuple(Problem(None, line) for line in problem_lines(error)) if isinstance(error, SchemaError) else ()
    try:
        return refresh_page(
            gateway, settings.today_page_id, list_ids(source, settings.require_database()),
            lambda previous: render_failure(last, problems, previous),
        )
    except Interrupted:
        return None


def refresh_page(
    gateway: NotionGateway, page_id: str, forbidden: frozenset[str], build: Callable[[str], str]
) -> PageRefresh:
    """Read the page, build its new body from what it holds, and replace it if the fingerprint differs."""
    if page_id in forbidden:
        return PageRefresh(REFUSED, page_id, (
            "OUTREACH_TODAY_PAGE is the Outreach List or the page that holds it; the worker will not replace "
            "it. Run `outreach-worker check --fix` to create a Today page beside the list."
        ))
    try:
        current = fetch_page_markdown(gateway, page_id)
        refusal = _refusal(current.markdown, current.truncated)
        if refusal:
            return PageRefresh(REFUSED, page_id, refusal)
        page = sign(build(current.markdown))
        if read_fingerprint(page) == read_fingerprint(current.markdown):
            return PageRefresh(UNCHANGED, page_id)
        apply_page_markdown(gateway, page_id, page)
    except NotionError as error:
        log.warning("could not update the Today page %s: %s", page_url(page_id), error)
        return PageRefresh(FAILED, page_id, _page_error(error))
    return PageRefresh(WRITTEN, page_id)


def _refusal(markdown: str, truncated: bool) -> str:
    """Why the page must not be replaced, or "" when it may."""
    if truncated:
        return "OUTREACH_TODAY_PAGE is a page too large to be the Today page; the worker left it alone."
    if holds_child_pages(markdown):
        return ("The Today page holds a sub-page or a database, which replacing it would delete; move them "
                "elsewhere (or point OUTREACH_TODAY_PAGE at another page) and the next sync writes it.")
    if not is_blank(markdown) and read_fingerprint(markdown) is None:
        return ("OUTREACH_TODAY_PAGE points at a page with content the worker did not write; it left it alone. "
                "Point it at an empty page, or run `outreach-worker check --fix` to create one.")
    return ""


def problems_of(report: SyncReport) -> tuple[Problem, ...]:
    """Failed rows first, then warnings; each names its row."""
    failed = [Problem(Mention("", f.name or "(no name)", "", f.page_url), f"not written: {f.reason}") for f in report.failures]
    warned = [  # a warning with no page id is about the whole list (no target company set)
        Problem(Mention(w.page_id, w.name or "(no name)", "", w.url) if w.page_id else None,
                w.describe(report.link_labels))
        for w in report.warnings
    ]
    return tuple(failed + warned)


def list_ids(source: DataSource | None, database_ref: str | None = None) -> frozenset[str]:
    """The ids a Today page must never be: the list's database, its data source, the page holding it."""
    ids = {database_ref or ""}
    if source is not None:
        ids |= {source.database_id, source.data_source_id, source.parent_page_id}
    return frozenset(ids - {""})


def _reason(error: BaseException) -> str:
    if isinstance(error, SchemaError):
        return headline(error)
    text = str(error).strip()
    return text if isinstance(error, (NotionError, SchemaError)) and text else f"{type(error).__name__}: {text}".rstrip(": ")


def _page_error(error: NotionError) -> str:
    if error.status in (403, 404):
        return (f"Notion refused the Today page ({error}). Share it with the integration (••• → Connections), "
                "or run `outreach-worker check --fix` to create one beside the list.")
    return f"The Today page could not be updated: {error}"


# --- init and check --fix: make the page, or say whether the configured one can be written ------------

READY = "ready"
FIRST_CONTENT = "*The worker writes today's list here at its next sync.*"


def inspect_today_page(gateway: NotionGateway, page_id: str, forbidden: frozenset[str]) -> PageRefresh:
    """Whether a sync could write this page: READY, REFUSED (a guard says no) or FAILED (Notion says no)."""
    if page_id in forbidden:
        return PageRefresh(REFUSED, page_id, "OUTREACH_TODAY_PAGE is the Outreach List or the page that holds it.")
    try:
        current = fetch_page_markdown(gateway, page_id)
    except NotionError as error:
        return PageRefresh(FAILED, page_id, _page_error(error))
    refusal = _refusal(current.markdown, current.truncated)
    return PageRefresh(REFUSED, page_id, refusal) if refusal else PageRefresh(READY, page_id)


def apply_today_page(gateway: NotionGateway, parent_page_id: str, forbidden: frozenset[str]) -> CreatedPage:
    """The Today page under the list's parent page: one made earlier that a sync may write, else a new one."""
    for found in fetch_child_pages(gateway, parent_page_id, TODAY_PAGE_TITLE):
        if inspect_today_page(gateway, found, forbidden).state == READY:
            return CreatedPage(found, page_url(found))
    return apply_new_page(gateway, parent_page_id, TODAY_PAGE_TITLE, sign(FIRST_CONTENT))
