"""The Today page against awkward values and repeated failures (issue 20): it keeps being rewritten."""

from __future__ import annotations

import json

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
