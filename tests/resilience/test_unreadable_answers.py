"""An unreadable answer is Notion's fault, not an outage: it fails the row it answered, never counts as
"Notion could not be reached", and never stops the other rows (SPEC §5)."""

from __future__ import annotations

import re

import pytest

from tests.fakes import FakeNotion

from .conftest import new_list, small_list

PATCH = r"^/v1/pages/[^/]+$"
PROXY_PAGE = b"<html><body><h1>Service temporarily rerouted</h1></body></html>"


@pytest.fixture
def listed() -> tuple[FakeNotion, str, str, list[str]]:
    fake = FakeNotion()
    db_id, ds_id, ids = new_list(fake, small_list())
    return fake, db_id, ds_id, ids


def answer_patches_with_a_proxy_page(fake: FakeNotion, page_ids: set[str] | None = None) -> None:
    """Notion applies the PATCH; a proxy in between answers 200 with its own HTML page instead."""
    handle = fake.handle

    def proxied(method, path, query, headers, body):
        status, answer_headers, payload = handle(method, path, query, headers, body)
        target = path.rsplit("/", 1)[-1].replace("-", "")
        if method.upper() == "PATCH" and re.search(PATCH, path) and status == 200 and (
                page_ids is None or target in page_ids):
            return 200, {"Content-Type": "text/html"}, PROXY_PAGE
        return status, answer_headers, payload

    fake.handle = proxied


def test_an_unreadable_answer_to_one_rows_patch_fails_that_row_and_the_others_are_written(listed, sync_cli):
    fake, db_id, _, ids = listed
    bob = ids[-1]
    answer_patches_with_a_proxy_page(fake, {bob.replace("-", "")})
    run = sync_cli(fake, db_id)
    assert run.code == 1, run.err
    [failure] = run.report["failures"]
    assert failure["page_url"] == fake.page_url(bob) and failure["kind"] == "unreadable"
    assert "could not be read" in failure["reason"]
    assert run.report["writes_sent"] == len(ids) - 1


def test_unreadable_answers_to_every_patch_are_never_reported_as_notion_unreachable(listed, sync_cli):
    fake, db_id, _, ids = listed
    answer_patches_with_a_proxy_page(fake)
    run = sync_cli(fake, db_id)
    assert run.code == 1, run.err  # some rows failed; not 4 "Notion unreachable"
    assert run.report["outcome"] == "partial"
    assert "could not be reached" not in run.err
    assert {failure["kind"] for failure in run.report["failures"]} == {"unreadable"}
    assert len(fake.matching("PATCH", PATCH)) == len(ids)  # each row tried: no outage streak
