"""`run` logs a known failure in one line and a bug of ours with its traceback, by the one failure tree."""

from __future__ import annotations

import logging
import threading

import pytest

from worker.notion.errors import NotionUnavailable, SchemaError, UnreadableAnswer
from worker.runs import scheduler
from worker.runs.scheduler import SyncRunner
from worker.runs.locking import SyncBusy
from worker.settings import load_settings


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OUTREACH_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("OUTREACH_DATABASE_ID", "0123456789abcdef0123456789abcdef")
    monkeypatch.setenv("NOTION_TOKEN", "secret_fake_token_123")
    return SyncRunner(load_settings(env_file=None), None, threading.Event())


def sync_failing_with(monkeypatch, error: Exception) -> None:
    from worker.runs import sync

    def sync_notion(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(sync, "sync_notion", sync_notion)


def logged(runner, caplog) -> list[logging.LogRecord]:
    with caplog.at_level(logging.INFO, logger=scheduler.log.name):
        runner.sync_once()
    return [record for record in caplog.records if record.name == scheduler.log.name]


@pytest.mark.parametrize("error", [NotionUnavailable("Notion kept answering 503"), UnreadableAnswer("not JSON"),
                                   SchemaError("The Outreach List does not match the template")])
def test_a_known_failure_is_one_line_without_a_traceback(runner, monkeypatch, caplog, error):
    sync_failing_with(monkeypatch, error)
    [record] = [r for r in logged(runner, caplog) if r.levelno == logging.ERROR]
    assert record.getMessage().startswith("sync failed: ") and record.exc_info is None


def test_a_bug_of_ours_is_logged_with_its_traceback(runner, monkeypatch, caplog):
    sync_failing_with(monkeypatch, KeyError("a key our own code got wrong"))
    [record] = [r for r in logged(runner, caplog) if r.levelno == logging.ERROR]
    assert record.exc_info is not None and record.exc_info[0] is KeyError
    assert record.failure == "bug"


def test_an_unreadable_answer_is_logged_as_such_never_as_unreachable(runner, monkeypatch, caplog):
    sync_failing_with(monkeypatch, UnreadableAnswer("Notion's answer could not be read (JSONDecodeError)"))
    [record] = [r for r in logged(runner, caplog) if r.levelno == logging.ERROR]
    assert record.failure == "unreadable"


def test_a_busy_list_is_a_skipped_sync_not_a_failure(runner, monkeypatch, caplog):
    sync_failing_with(monkeypatch, SyncBusy("another sync of this list is running"))
    records = logged(runner, caplog)
    assert [r.getMessage() for r in records if r.levelno >= logging.WARNING] == [
        "sync skipped: another sync of this list is running"]
