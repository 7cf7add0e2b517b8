"""The Today page against awkward values and repeated failures (issue 20): it keeps being rewritten."""

from __future__ import annotations

import json
import re

from tests.core.today.test_today_page_sync import MARKDOWN, listed, section, sync  # noqa: F401 (fixtures)
from tests.fakes import compact_id


def test_a_name_holding_a_page_tag_does_not_stop_the_next_sync_rewriting_the_page(fake, sync, listed):
    fake.set_values(listed.ids["Bob Li"], {"Name": "Bob <page> Li"})
    assert sync().code == 0
    assert r"Bob \<page\> Li" in fake.page_markdown(listed.page)
    fake.set_values(listed.ids["Zoe Turner"], {"Status": "Replied", "Last contacted": "2026-11-25"})
    fake.reset_requests()
    run = sync("--json")
    assert run.code == 0
    assert json.loads(run.out)["today_page"]["state"] == "written"
    assert fake.count("PATCH", MARKDOWN) == 1
    assert "sub-page" not in run.err


def test_a_row_that_keeps_failing_leaves_the_page_unchanged_and_its_request_id_goes_to_json_and_v(
        fake, sync, listed):
    amara = compact_id(listed.ids["Amara Nwosu"])
    fake.add_fault("PATCH", rf"^/v1/pages/{amara}$", status=400, body_code="validation_error", times=10)
    first = sync("--json")
    assert first.code == 1
    (failure,) = json.loads(first.out)["failures"]
    assert failure["request_id"] and failure["request_id"] not in fake.page_markdown(listed.page)
    assert "not written: " in section(fake.page_markdown(listed.page), "Problems")
    fake.reset_requests()
    again = sync("--json")
    assert again.code == 1
    assert json.loads(again.out)["today_page"]["state"] == "unchanged"
    assert fake.count("PATCH", MARKDOWN) == 0
    verbose = sync("-v")
    assert verbose.code == 1
    assert re.search(r"request id [0-9a-f-]{36}", verbose.err), verbose.err
