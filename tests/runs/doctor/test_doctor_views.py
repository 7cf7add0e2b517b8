"""`init` adds three views to the new list; a view Notion refuses is a warning, never a failure."""

from __future__ import annotations

import json

from tests.fakes import normalize_id


def test_init_adds_next_up_waiting_for_a_reply_and_connectors(fake, cli):
    run = cli("init", "--parent-page", fake.add_page())
    assert run.code == 0, run.err
    views = {view.name: view for view in fake.views_of(run.database_id())}
    assert list(views) == ["Next up", "Waiting for a reply", "Connectors"]
    assert views["Next up"].filter == {"property": "Follow up on", "date": {"is_not_empty": True}}
    assert views["Next up"].sorts == [{"property": "Follow up on", "direction": "ascending"}]
    assert views["Waiting for a reply"].filter == {"property": "Status", "select": {"equals": "Reached out"}}
    assert views["Connectors"].filter == {"property": "Suggested ask", "select": {"equals": "Request introductions"}}
    assert views["Connectors"].sorts == [{"property": "Strength", "direction": "descending"}]
    assert {view.type for view in views.values()} == {"table"}
    assert "Added the views Next up, Waiting for a reply, Connectors." in run.out


def test_views_use_the_configured_column_names(fake, cli):
    renamed = '[properties]\nfollow_up_on = "Next date"\nstrength = "Warmth"\n'
    run = cli("init", "--parent-page", fake.add_page(), config_text=renamed)
    views = {view.name: view for view in fake.views_of(run.database_id())}
    assert views["Next up"].filter["property"] == "Next date"
    assert views["Connectors"].sorts == [{"property": "Warmth", "direction": "descending"}]


def test_a_view_notion_refuses_is_a_warning_and_the_list_and_today_page_are_still_made(fake, cli):
    holder = fake.add_page()
    fake.add_fault("POST", r"^/v1/views$", status=400, body_code="invalid_request_url", times=5)
    run = cli("init", "--json", "--parent-page", holder)
    assert run.code == 0
    answer = json.loads(run.out)
    assert answer["views"] == [] and answer["env"]["OUTREACH_TODAY_PAGE"]
    assert "did not add the views" in run.err and "the list works without them" in run.err
    assert fake.databases_under(holder) == [normalize_id(answer["database"]["database_id"])]
    assert fake.count("POST", r"^/v1/views$") == 1  # the first refusal says views are not to be had
