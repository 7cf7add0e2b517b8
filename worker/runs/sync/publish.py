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
from worker.core.codes import PageProblem, PageState, RunOutcome
from worker.core.models import Outcome, Person, SyncReport
from worker.notion.client import NotionGateway
from worker.notion.errors import Interrupted, NotionError
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
from worker.core.today.advice import schema_headline, schema_problem_lines
from worker.runs.failures import Failure, FailureKind, classify
from worker.settings import Settings
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
from worker.core.today.warnings import describe_warning

log = logging.getLogger("worker.core.today")

WRITTEN, UNCHANGED, REFUSED, FAILED = PageState.WRITTEN, PageState.UNCHANGED, PageState.REFUSED, PageState.FAILED
TODAY_PAGE_HINT = "today_page_hint"  # the heartbeat remembers the faces gave the hint how to add one


def owes_today_page_hint(settings: Settings, page: PageRefresh | None) -> bool:
    """Whether to say how to add a Today page now: none is set up, and this list and state folder were not told yet."""
    return page is None and settings.today_page_id is None and first_notice(settings, TODAY_PAGE_HINT)


@dataclass(frozen=True)
class PageRefresh:
    """What became of the Today page in one sync (or, for check and init, whether a sync could write it)."""

    state: PageState  # WRITTEN, UNCHANGED, REFUSED (a guard said no) or FAILED (Notion said no); READY for check
    page_id: str
    problem: PageProblem | None = None  # why it was left alone or not written
    detail: str = ""  # Notion's answer, when Notion said no

    @property
    def url(self) -> str:
        return page_url(self.page_id)


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
    last = LastSync(report.today, RunOutcome.PARTIAL if report.failures else RunOutcome.OK, report.rows_read,
                    len(report.failures))
    body = render_page(last, problems_of(report), figures)
    forbidden = list_ids(source, settings.require_database())
    return refresh_page(gateway, settings.today_page_id, forbidden, lambda previous: body)


def publish_failure(
    gateway: NotionGateway, settings: Settings, today: date, error: BaseException, source: DataSource | None
) -> PageRefresh | None:
    """After a sync that stopped: its time and reason on top, the rest of the page kept as it was."""
    failure = classify(error)
    if settings.today_page_id is None or not failure.page_answers:
        return None
    last = LastSync(today, RunOutcome.FAILED, failed_at=datetime.now(settings.timezone), reason=_reason(failure))
    schema = failure.kind is FailureKind.SCHEMA
    problems = tuple(Problem(None, line) for line in schema_problem_lines(failure.error)) if schema else ()
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
        return PageRefresh(REFUSED, page_id, PageProblem.IS_THE_LIST)
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
        return _notion_said_no(page_id, error)
    return PageRefresh(WRITTEN, page_id)


def _refusal(markdown: str, truncated: bool) -> PageProblem | None:
    """Why the page must not be replaced, or None when it may."""
    if truncated:
        return PageProblem.TOO_LARGE
    if holds_child_pages(markdown):
        return PageProblem.HOLDS_SUB_PAGES
    if not is_blank(markdown) and read_fingerprint(markdown) is None:
        return PageProblem.NOT_OURS
    return None


def problems_of(report: SyncReport) -> tuple[Problem, ...]:
    """Failed rows first, then warnings; each names its row."""
    failed = [Problem(Mention("", f.name or "(no name)", "", f.page_url), f"not written: {f.reason}") for f in report.failures]
    warned = [  # a warning with no page id is about the whole list (no target company set)
        Problem(Mention(w.page_id, w.name or "(no name)", "", w.url) if w.page_id else None,
                describe_warning(w, report.link_labels))
        for w in report.warnings
    ]
    return tuple(failed + warned)


def list_ids(source: DataSource | None, database_ref: str | None = None) -> frozenset[str]:
    """The ids a Today page must never be: the list's database, its data source, the page holding it."""
    ids = {database_ref or ""}
    if source is not None:
        ids |= {source.database_id, source.data_source_id, source.parent_page_id}
    return frozenset(ids - {""})


def _reason(failure: Failure) -> str:
    """The failure as the page's status line says it: the schema's headline, a known failure's own
    sentence (without Notion's request id, new each run), or a bug named by its type (its traceback
    is in the log, not on the page)."""
    error = failure.error
    if failure.kind is FailureKind.SCHEMA:
        return schema_headline(error, failure.rows_written)  # type: ignore[arg-type]
    text = (error.reason if isinstance(error, NotionError) else str(error)).strip()
    return text if text and not failure.is_bug else f"{type(error).__name__}: {text}".rstrip(": ")


def _notion_said_no(page_id: str, error: NotionError) -> PageRefresh:
    problem = PageProblem.NOT_SHARED if error.status in (403, 404) else PageProblem.NOTION_FAILED
    return PageRefresh(FAILED, page_id, problem, error.reason)


# --- init and check --fix: make the page, or say whether the configured one can be written ------------

READY = PageState.READY
FIRST_CONTENT = "*The worker writes today's list here at its next sync.*"


def inspect_today_page(gateway: NotionGateway, page_id: str, forbidden: frozenset[str]) -> PageRefresh:
    """Whether a sync could write this page: READY, REFUSED (a guard says no) or FAILED (Notion says no)."""
    if page_id in forbidden:
        return PageRefresh(REFUSED, page_id, PageProblem.IS_THE_LIST)
    try:
        current = fetch_page_markdown(gateway, page_id)
    except NotionError as error:
        return _notion_said_no(page_id, error)
    refusal = _refusal(current.markdown, current.truncated)
    return PageRefresh(REFUSED, page_id, refusal) if refusal else PageRefresh(READY, page_id)


def apply_today_page(gateway: NotionGateway, parent_page_id: str, forbidden: frozenset[str]) -> CreatedPage:
    """The Today page under the list's parent page: one made earlier that a sync may write, else a new one."""
    for found in fetch_child_pages(gateway, parent_page_id, TODAY_PAGE_TITLE):
        if inspect_today_page(gateway, found, forbidden).state == READY:
            return CreatedPage(found, page_url(found))
    return apply_new_page(gateway, parent_page_id, TODAY_PAGE_TITLE, sign(FIRST_CONTENT))
