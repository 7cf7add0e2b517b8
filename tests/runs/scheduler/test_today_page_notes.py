"""`run` says once, in its log, how to add a Today page; and logs a page it could not write."""

from __future__ import annotations

import logging
import threading
from datetime import date

import pytest

from worker.core.codes import PageProblem
from worker.core.models import Outcome, SyncReport
from worker.runs.sync.publish import FAILED, PageRefresh
from worker.runs.scheduler import SyncRunner
from worker.settings import load_settings
from worker.runs.sync import SyncResult


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OUTREACH_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("OUTREACH_DATABASE_ID", "0123456789abcdef0123456789abcdef")
    monkeypatch.delenv("OUTREACH_TODAY_PAGE", raising=False)
    return SyncRunner(load_settings(env_file=None), None, threading.Event())


def result(page: PageRefresh | None) -> SyncResult:
    return SyncResult(SyncReport(source="notion", today=date(2026, 11, 26), dry_run=False), Outcome(rows=()), page)


def test_run_says_how_to_add_a_today_page_once(runner, caplog):
    with caplog.at_level(logging.WARNING, logger="worker.runs.scheduler"):
        runner._today_page(result(None))
        runner._today_page(result(None))
    notes = [r for r in caplog.records if "No Today page is set up" in r.getMessage()]
    assert len(notes) == 1


def test_run_logs_a_today_page_it_could_not_write(runner, caplog):
    with caplog.at_level(logging.WARNING, logger="worker.runs.scheduler"):
        runner._today_page(result(PageRefresh(FAILED, "f" * 32, PageProblem.NOTION_FAILED, "Notion said no")))
    assert [r.getMessage() for r in caplog.records] == ["Today page: The Today page could not be updated: Notion said no"]
