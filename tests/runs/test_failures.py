"""The failure tree: each failure a command can meet on its branch, with its exit code; a bug on none."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from worker.core.codes import RowFailureKind, RunOutcome
from worker.files.export import CsvExportError, CsvWriteStopped
from worker.files.linkedin.connections import ImportFileError, NotLinkedInExport
from worker.notion.errors import (
    AccessDenied,
    CannotInsert,
    CannotUpdate,
    Interrupted,
    NotionUnavailable,
    ParentPageRefused,
    RequestRejected,
    RetryLater,
    SchemaError,
    SeveralDataSources,
    TokenRejected,
    UnreadableAnswer,
    UnsendableValue,
)
from worker.runs import failures
from worker.runs.failures import ExitCode, FailureKind, classify, exit_code, row_failure_kind
from worker.runs.locking import LockWaitStopped, SyncBusy
from worker.settings import ConfigError

LATER = datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc)
TREE = [  # (the failure, its branch, its exit code), as drawn at the top of worker/runs/failures.py
    (ConfigError("NOTION_TOKEN is not set."), FailureKind.CONFIG, 2),
    (CsvExportError("not an export"), FailureKind.EXPORT_UNREADABLE, 2),
    (ImportFileError("not a file"), FailureKind.IMPORT_FILE, 2),
    (NotLinkedInExport("not LinkedIn's"), FailureKind.IMPORT_FILE, 2),
    (SchemaError("no match"), FailureKind.SCHEMA, 2),
    (SeveralDataSources("https://notion.so/x", [("A", "a"), ("B", "b")]), FailureKind.SCHEMA, 2),
    (TokenRejected("no", status=401), FailureKind.TOKEN_REJECTED, 3),
    (AccessDenied("no", status=404), FailureKind.ACCESS_DENIED, 3),
    (CannotUpdate("no", status=403), FailureKind.CANNOT_UPDATE, 3),
    (CannotInsert("no", status=403), FailureKind.CANNOT_INSERT, 3),
    (ParentPageRefused("page", AccessDenied("no", status=404)), FailureKind.PARENT_PAGE_REFUSED, 3),
    (RequestRejected("no", status=400), FailureKind.REJECTED, 2),
    (UnsendableValue("too long"), FailureKind.REJECTED, 2),
    (NotionUnavailable("503", status=503), FailureKind.UNREACHABLE, 4),
    (UnreadableAnswer("not JSON"), FailureKind.UNREADABLE, 4),
    (RetryLater("wait", wait_seconds=600, retry_at=LATER), FailureKind.RETRY_LATER, 4),
    (Interrupted(), FailureKind.STOPPED, 1),
    (LockWaitStopped(), FailureKind.STOPPED, 1),
    (KeyboardInterrupt(), FailureKind.STOPPED, 1),
    (CsvWriteStopped("stopped"), FailureKind.CSV_STOPPED, 1),
    (SyncBusy("busy"), FailureKind.BUSY, 1),
]


@pytest.mark.parametrize(("error", "kind", "code"), TREE,
                         ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else None)
def test_each_failure_sits_on_its_branch_with_its_exit_code(error, kind, code):
    failure = classify(error)
    assert (failure.kind, failure.exit_code) == (kind, code)
    assert not failure.is_bug


@pytest.mark.parametrize("bug", [KeyError("page_id"), TypeError("'NoneType' is not iterable"), ValueError("x"),
                                 AttributeError("y"), ZeroDivisionError()])
def test_an_error_of_our_own_code_is_a_bug_exit_70_never_a_known_failure(bug):
    failure = classify(bug)
    assert failure.is_bug and failure.kind is FailureKind.BUG and failure.exit_code == 70


def test_an_unreadable_answer_is_not_an_unreachable_notion():
    assert not isinstance(UnreadableAnswer("x"), NotionUnavailable)
    assert classify(UnreadableAnswer("x")).kind is not FailureKind.UNREACHABLE
    assert row_failure_kind(UnreadableAnswer("x")) is RowFailureKind.UNREADABLE
    assert not RowFailureKind.UNREADABLE.transient


def test_every_branch_has_an_exit_code_and_every_outcome_but_failed_one():
    assert set(failures.EXITS) == set(FailureKind)
    assert {outcome: exit_code(outcome) for outcome in RunOutcome if outcome is not RunOutcome.FAILED} == {
        RunOutcome.OK: 0, RunOutcome.PARTIAL: 1, RunOutcome.SCHEMA: 2, RunOutcome.REFUSED: 3, RunOutcome.UNREACHABLE: 4}


def test_the_tree_drawn_in_the_module_names_every_branch_and_its_exit_code():
    drawing = failures.__doc__ or ""
    for error, kind, code in TREE:
        name = type(error).__name__
        line = next((line for line in drawing.splitlines() if f" {name} " in line), "")
        assert line.rstrip().endswith(f" {code}  {kind.name}"), (name, line)
    assert "70 BUG" in drawing


@pytest.mark.parametrize(("error", "row_kind"), [
    (AccessDenied("gone", status=404), RowFailureKind.REFUSED),
    (RequestRejected("bad", status=400), RowFailureKind.REJECTED),
    (NotionUnavailable("503", status=503), RowFailureKind.UNREACHABLE),
    (UnreadableAnswer("html"), RowFailureKind.UNREADABLE),
])
def test_a_rows_failure_is_named_by_the_same_tree(error, row_kind):
    assert row_failure_kind(error) is row_kind


def test_the_page_is_not_asked_for_after_a_failure_notion_would_not_answer_either():
    assert not classify(NotionUnavailable("down")).page_answers
    assert not classify(TokenRejected("no")).page_answers
    assert classify(SchemaError("changed")).page_answers
    assert classify(UnreadableAnswer("html")).page_answers  # Notion answered: it may answer the page too
    assert classify(KeyError("bug")).page_answers
    assert ExitCode.BUG == 70
