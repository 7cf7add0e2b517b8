"""Every endpoint the worker uses × every fault Notion sends → the documented outcome (SPEC §5, §6).

Transient faults (429 with Retry-After, 529, 500, 502, 503, 504, 409, a time-out, a dropped
connection) are retried and the run still exits 0, with each retry counted. Past the retry bound a
read fails the run before any write (exit 4); a write fails only its row (exit 1, the row named).
A 400 is never retried: on a PATCH that row is reported with its URL and reason, on a read the run
stops before writing (exit 2, pointing at `outreach-worker check`). 401 → exit 3; 404 on the database → exit 3.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.fakes import FakeNotion

from .conftest import MAX_RETRIES, new_list, small_list, state_of, user_columns_in_patches

# endpoint label → (method, path pattern) as the fake records them
ENDPOINTS = {
    "databases.retrieve": ("GET", r"^/v1/databases/[^/]+$"),
    "data_sources.retrieve": ("GET", r"^/v1/data_sources/[^/]+$"),
    "data_sources.query": ("POST", r"^/v1/data_sources/[^/]+/query$"),
    "pages.properties.retrieve": ("GET", r"^/v1/pages/[^/]+/properties/"),
    "pages.update": ("PATCH", r"^/v1/pages/[^/]+$"),
}
READS = [name for name in ENDPOINTS if name != "pages.update"]
# fault label → add_fault keyword arguments
TRANSIENT: dict[str, dict[str, Any]] = {
    "429 Retry-After": {"status": 429, "retry_after": 2},
    "529": {"status": 529, "retry_after": 1},
    "500": {"status": 500},
    "502": {"status": 502},
    "503": {"status": 503},
    "504": {"status": 504},
    "409": {"status": 409},
    "timeout": {"kind": "timeout", "delay": 0.0},
    "connection reset": {"kind": "reset"},
}
RATE_LIMITS = ("429 Retry-After", "529")


@pytest.fixture
def listed() -> tuple[FakeNotion, str, str, list[str]]:
    fake = FakeNotion()
    db_id, ds_id, ids = new_list(fake, small_list())
    return fake, db_id, ds_id, ids


@pytest.fixture(scope="module")
def clean_run_state() -> dict[str, dict[str, Any]]:
    return {}


def _clean(sync_cli, cache: dict) -> tuple[dict[str, dict[str, Any]], int]:
    if not cache:
        fake = FakeNotion()
        db_id, ds_id, _ = new_list(fake, small_list())
        run = sync_cli(fake, db_id)
        assert run.code == 0, run.err
        cache["state"], cache["requests"] = state_of(fake, ds_id), run.report["api_requests"]
        assert cache["requests"] == len(fake.requests)
    return cache["state"], cache["requests"]


@pytest.mark.parametrize("fault", TRANSIENT)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_transient_fault_once_is_retried_counted_and_the_run_exits_0(
        endpoint, fault, listed, sync_cli, clean_run_state):
    fake, db_id, ds_id, _ = listed
    method, path = ENDPOINTS[endpoint]
    fake.add_fault(method, path, times=1, **TRANSIENT[fault])
    run = sync_cli(fake, db_id)
    assert run.code == 0, run.err
    clean, clean_requests = _clean(sync_cli, clean_run_state)
    assert run.report["retries"] == 1
    assert run.report["rate_limited"] == (1 if fault in RATE_LIMITS else 0)
    assert run.report["api_requests"] == clean_requests + 1 == len(fake.requests)
    assert run.report["failures"] == []
    assert state_of(fake, ds_id) == clean
    assert user_columns_in_patches(fake) == set()


@pytest.mark.parametrize("fault", TRANSIENT)
@pytest.mark.parametrize("endpoint", READS)
def test_a_read_failing_past_the_retry_bound_exits_4_and_writes_nothing(endpoint, fault, listed, sync_cli):
    fake, db_id, _, _ = listed
    method, path = ENDPOINTS[endpoint]
    fake.add_fault(method, path, times=MAX_RETRIES + 1, **TRANSIENT[fault])
    run = sync_cli(fake, db_id)
    assert run.code == 4, run.err
    assert "Notion could not be reached" in run.err
    assert fake.count(method, path) == MAX_RETRIES + 1  # the first try and every retry, no more
    assert fake.patches(include_failed=True) == []


@pytest.mark.parametrize("fault", TRANSIENT)
def test_a_write_failing_past_the_retry_bound_fails_only_its_row_and_exits_1(fault, listed, sync_cli):
    fake, db_id, ds_id, ids = listed
    bob = ids[-1]
    fake.add_fault("PATCH", ENDPOINTS["pages.update"][1], times=MAX_RETRIES + 1, page_id=bob, **TRANSIENT[fault])
    run = sync_cli(fake, db_id)
    assert run.code == 1, run.err
    assert run.failed_urls == {fake.page_url(bob)}
    assert run.report["retries"] == MAX_RETRIES
    assert run.report["writes_sent"] == len(ids) - 1
    assert fake.count("PATCH", bob.replace("-", "")) == MAX_RETRIES + 1

    rerun = sync_cli(fake, db_id)  # the fault is spent: the next run completes the row
    assert rerun.code == 0, rerun.err
    assert rerun.report["writes_sent"] == 1
    assert fake.page_values(bob)["Worker state"]


def test_every_write_failing_past_the_bound_means_notion_is_unreachable_exit_4(listed, sync_cli):
    fake, db_id, _, ids = listed
    fake.add_fault("PATCH", ENDPOINTS["pages.update"][1], status=503, times=10_000)
    run = sync_cli(fake, db_id)
    assert run.code == 4
    assert run.report["writes_sent"] == 0
    assert len(run.report["failures"]) == len(ids)
    # Three rows in a row out of retries means Notion is down: the rest are not even tried.
    assert fake.count("PATCH") == 3 * (MAX_RETRIES + 1)
    assert sum(f["code"] == "skipped" for f in run.report["failures"]) == len(ids) - 3


def test_a_400_on_one_rows_patch_reports_that_row_with_its_url_and_reason_and_writes_the_rest(listed, sync_cli):
    fake, db_id, _, ids = listed
    bob = ids[-1]
    fake.add_fault("PATCH", ENDPOINTS["pages.update"][1], status=400, page_id=bob,
                   message="body failed validation: body.properties.Why.rich_text[0].text.content.length "
                           "should be ≤ `2000`, instead was `2417`.")
    run = sync_cli(fake, db_id)
    assert run.code == 1, run.err
    [failure] = run.report["failures"]
    assert failure["page_url"] == fake.page_url(bob)
    assert failure["code"] == "validation_error"
    assert "should be ≤ `2000`" in failure["reason"]
    assert run.report["retries"] == 0  # a 400 is never retried
    assert run.report["writes_sent"] == len(ids) - 1
    assert fake.count("PATCH") == len(ids)


@pytest.mark.parametrize("status", [403, 404])
def test_a_403_or_404_on_one_rows_patch_fails_that_row_only(status, listed, sync_cli):
    fake, db_id, _, ids = listed
    fake.add_fault("PATCH", ENDPOINTS["pages.update"][1], status=status, page_id=ids[3])
    run = sync_cli(fake, db_id)
    assert run.code == 1
    assert run.failed_urls == {fake.page_url(ids[3])}
    assert run.report["retries"] == 0


@pytest.mark.parametrize("endpoint", READS)
def test_a_400_on_a_read_is_not_retried_and_stops_the_run_before_any_write(endpoint, listed, sync_cli):
    fake, db_id, _, _ = listed
    method, path = ENDPOINTS[endpoint]
    fake.add_fault(method, path, status=400, times=5)
    run = sync_cli(fake, db_id)
    assert run.code == 2, run.err  # Notion refused what was asked: nothing written, `check` says why
    assert "Notion refused a request" in run.err and "outreach-worker check" in run.err
    assert fake.count(method, path) == 1
    assert fake.patches(include_failed=True) == []


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_401_anywhere_exits_3_and_is_not_retried(endpoint, listed, sync_cli):
    fake, db_id, _, _ = listed
    method, path = ENDPOINTS[endpoint]
    fake.add_fault(method, path, status=401, times=5)
    run = sync_cli(fake, db_id)
    assert run.code == 3, run.err
    assert "Notion refused the token" in run.err
    assert fake.count(method, path) == 1


def test_a_wrong_token_exits_3_before_anything_else(listed, sync_cli):
    fake, db_id, _, _ = listed
    run = sync_cli(fake, db_id, token="secret_not_the_right_one")
    assert run.code == 3
    assert len(fake.requests) == 1


@pytest.mark.parametrize("status", [403, 404])
def test_a_database_notion_refuses_or_cannot_find_exits_3(status, listed, sync_cli):
    fake, db_id, _, _ = listed
    fake.add_fault("GET", r"^/v1/(databases|data_sources)/", status=status, times=2)
    run = sync_cli(fake, db_id)
    assert run.code == 3, run.err
    assert "Share the database with your integration" in run.err
    assert fake.patches(include_failed=True) == []


def test_an_unknown_database_id_exits_3(listed, sync_cli):
    fake, _, _, _ = listed
    run = sync_cli(fake, "0123456789abcdef0123456789abcdef")
    assert run.code == 3
