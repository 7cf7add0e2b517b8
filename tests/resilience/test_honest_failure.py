"""Faults as they are: each one injected in the fake, the exit code and sentence a person gets, and
what Notion holds after (SPEC §5, §6). A fault of the whole run stops it; a row's fault fails the row."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.fakes import READ, FakeNotion
from worker.notion import client as client_module
from worker.notion import pages
from worker.notion.client import NotionGateway

from .conftest import MAX_RETRIES, new_list, small_list, state_of

PATCH = r"^/v1/pages/[^/]+$"
QUERY = r"/query$"
NO_OP = {"properties": {}}


@pytest.fixture
def listed() -> tuple[FakeNotion, str, str, list[str]]:
    fake = FakeNotion()
    db_id, ds_id, ids = new_list(fake, small_list())
    return fake, db_id, ds_id, ids


def written_rows(fake: FakeNotion, ds_id: str) -> int:
    return sum(1 for values in state_of(fake, ds_id).values() if values["Worker state"])


# --- an integration that may not update the list ---------------------------------------------------


def test_without_the_update_capability_the_sync_stops_at_the_first_403_with_exit_3_and_the_fix(listed, sync_cli):
    fake, db_id, ds_id, _ = listed
    fake.capabilities = {READ}
    run = sync_cli(fake, db_id)
    assert run.code == 3, run.err
    assert "Notion refused to let the integration change the Outreach List" in run.err
    assert 'the "Update content" capability' in run.err and "Nothing was written." in run.err
    assert "the rest written" not in run.err
    assert len(fake.matching("PATCH", PATCH)) == 1  # the first row's, and then one no-op update to be sure
    assert [r.body for r in fake.matching("PATCH", r"^/v1/data_sources/")] == [NO_OP]
    assert written_rows(fake, ds_id) == 0
    assert run.report["exit_code"] == 3


def test_a_403_on_some_rows_of_a_list_that_takes_updates_fails_just_those_rows(listed, sync_cli):
    fake, db_id, _, ids = listed
    for page_id in ids[1:4]:
        fake.add_fault("PATCH", PATCH, status=403, page_id=page_id)
    run = sync_cli(fake, db_id)
    assert run.code == 1
    assert run.failed_urls == {fake.page_url(page_id) for page_id in ids[1:4]}
    assert run.report["writes_sent"] == len(ids) - 3
    assert [r.body for r in fake.matching("PATCH", r"^/v1/data_sources/")] == [NO_OP]  # asked once, not per row


# --- waits Notion asks for ---------------------------------------------------------------------------


def expected_times(zone: str, seconds: int, before: datetime, after: datetime) -> set[str]:
    return {(moment + timedelta(seconds=seconds)).astimezone(ZoneInfo(zone)).strftime("%H:%M") for moment in (before, after)}


@pytest.mark.parametrize("written", [0, 1])
def test_a_retry_after_past_the_cap_stops_the_run_at_once_with_exit_4_and_when_to_retry(
        listed, sync_cli, monkeypatch, written):
    fake, db_id, ds_id, _ = listed
    monkeypatch.setenv("OUTREACH_TIMEZONE", "Asia/Kolkata")  # a half-hour zone: the time must be converted
    ask_to_wait = lambda f: f.add_fault("PATCH", PATCH, status=429, retry_after=120)  # noqa: E731
    if written:
        fake.after("PATCH", PATCH, ask_to_wait)  # the first row lands, then Notion asks for 2 minutes
    else:
        ask_to_wait(fake)
    before = datetime.now(ZoneInfo("UTC"))
    run = sync_cli(fake, db_id)
    after = datetime.now(ZoneInfo("UTC"))
    assert run.code == 4, run.err
    assert "Notion asked to wait 120 s; run again after " in run.err
    assert run.err.split("run again after ", 1)[1][:5] in expected_times("Asia/Kolkata", 120, before, after)
    assert ("1 row was written before" if written else "Nothing was written.") in run.err
    assert fake.requests[-1].status == 429  # not one request after Notion asked to wait
    assert len(fake.matching("PATCH", PATCH)) == written + 1
    assert written_rows(fake, ds_id) == written


class VirtualClock:
    """Stands in for `time` in the gateway: only the gateway's waits move it, so waits are exact."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return 1_800_000_000.0 + self.now

    def sleep(self, seconds: float) -> None:  # set on the class: the gateway calls self._sleep(seconds)
        self.waits.append(seconds)
        self.now += seconds


def test_a_retry_after_within_the_cap_holds_every_request_even_after_the_rows_tries_are_used_up(
        listed, sync_cli, monkeypatch):
    clock = VirtualClock()
    monkeypatch.setattr(client_module, "time", clock)
    monkeypatch.setattr(NotionGateway, "_sleep", clock.sleep)
    fake, db_id, _, ids = listed
    fake.add_fault("PATCH", PATCH, status=429, retry_after=5, times=MAX_RETRIES + 1, page_id=ids[0])
    run = sync_cli(fake, db_id)
    assert run.code == 1
    assert run.failed_urls == {fake.page_url(ids[0])}
    # three retries each waited 5 s, and the next row's request was held the same 5 s
    assert [round(wait, 3) for wait in clock.waits if wait > 0.001] == [5.0] * (MAX_RETRIES + 1)


# --- the list changing under the sync ---------------------------------------------------------------


def test_a_column_deleted_after_the_read_stops_at_the_first_patch_naming_it_with_exit_2(listed, sync_cli):
    fake, db_id, ds_id, _ = listed

    def delete_why_after_the_look(f: FakeNotion) -> None:
        f.after("POST", QUERY, lambda g: g.change_schema(ds_id, {"Why": None}))

    fake.after("POST", QUERY, delete_why_after_the_look)  # the read; then the look; then the column goes
    run = sync_cli(fake, db_id)
    assert run.code == 2, run.err
    assert '"Why" missing: run `outreach-worker check --fix` to add it' in run.err
    assert "Nothing was written." in run.err
    assert len(fake.matching("PATCH", PATCH)) == 1  # the first PATCH was refused; none after it
    assert fake.count("GET", r"^/v1/data_sources/") == 2  # the schema, and again after the refusal
    assert written_rows(fake, ds_id) == 0


def test_a_column_retyped_mid_write_stops_saying_how_many_rows_were_written(listed, sync_cli):
    fake, db_id, ds_id, _ = listed
    fake.after("PATCH", PATCH, lambda f: f.change_schema(ds_id, {"Why": {"number": {}}}))  # every row writes Why
    run = sync_cli(fake, db_id)
    assert run.code == 2, run.err
    assert '"Why" wrong type (is number, should be rich_text)' in run.err
    assert "1 row was written before; the rest wait for the fix." in run.err
    assert len(fake.matching("PATCH", PATCH)) == 2


def test_a_column_deleted_under_the_look_for_edits_stops_with_the_schema_message(listed, sync_cli):
    fake, db_id, ds_id, _ = listed
    fake.after("POST", QUERY, lambda f: f.change_schema(ds_id, {"Next step": None}))  # right after the read
    run = sync_cli(fake, db_id)
    assert run.code == 2, run.err
    assert '"Next step" missing' in run.err and "Nothing was written." in run.err
    assert fake.patches(include_failed=True) == []


def test_a_row_gone_while_its_long_relation_is_completed_is_skipped_with_a_warning_naming_it(listed, sync_cli):
    fake, db_id, ds_id, ids = listed
    connie = ids[0]  # knows 30 people: her links are completed through the property endpoint
    fake.add_fault("GET", r"/properties/", status=404, page_id=connie)
    run = sync_cli(fake, db_id)
    assert run.code == 0, run.err
    [warning] = [w for w in run.report["warnings"] if w["name"] == "Connie Park"]
    assert "deleted or moved to the trash while the worker read it" in warning["message"]
    assert warning["url"] == fake.page_url(connie)
    assert fake.page_values(connie)["Worker state"] == ""  # left alone
    assert run.report["rows_read"] == len(ids) - 1
    assert written_rows(fake, ds_id) == len(ids) - 1


# --- a bug is not an outage ----------------------------------------------------------------------------


def test_an_answer_missing_what_the_worker_needs_is_exit_4_saying_it_could_not_be_read(listed, sync_cli):
    fake, db_id, _, ids = listed
    render = fake.page_json

    def without_properties(page, shown=None):
        answer = render(page, shown)
        if page.id == ids[5]:
            del answer["properties"]
        return answer

    fake.page_json = without_properties
    run = sync_cli(fake, db_id)
    assert run.code == 4
    assert "Notion's answer could not be read" in run.err and "without its properties" in run.err
    assert fake.patches(include_failed=True) == []


def test_a_bug_in_the_worker_is_never_reported_as_notion_being_unreachable(listed, sync_cli, monkeypatch):
    fake, db_id, _, _ = listed

    def buggy(*_args, **_kwargs):
        return {}["a key our own code got wrong"]

    monkeypatch.setattr(pages, "person_from_page", buggy)
    try:
        code = sync_cli(fake, db_id).code
    except KeyError:
        code = None  # the traceback shows; the command line maps it to exit 70 (SPEC §5)
    assert code in (None, 70)


def test_notion_going_away_after_three_rows_were_written_is_exit_1_and_says_they_were(listed, sync_cli):
    # A 403 on the 4th row, then the no-op update that would tell a row's 403 from the list's answers 503.
    fake, db_id, ds_id, ids = listed
    fake.add_fault("PATCH", PATCH, status=403, page_id=ids[3])
    fake.add_fault("PATCH", r"^/v1/data_sources/", status=503, times=MAX_RETRIES + 1)
    run = sync_cli(fake, db_id)
    assert written_rows(fake, ds_id) == 3
    assert run.code == 1, run.err  # SPEC §5: exit 4 is for Notion unreachable before any row was written
    assert "Notion could not be reached" in run.err
    assert "3 rows were written before; the rest are written by the next run." in run.err
    assert "Nothing was written" not in run.err
    assert run.report["exit_code"] == 1
