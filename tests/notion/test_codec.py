"""The codec, tested directly on Notion's own answers: recorded ones, and the documented value shapes.

Reading: every property type the template uses, with the empty and odd forms. Writing: every body
stays inside Notion's documented request limits, and reading back what was written gives the value
that was written (so it never causes a rewrite).
"""

from __future__ import annotations

import copy
import json
import math
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, strategies as st

from worker.core.configuration import PropertyNames
from worker.core.models import WorkerFields
from worker.notion import codec
from worker.notion.codec import (
    last_editor,
    patch_properties,
    person_from_page,
    relation_item_ids,
    truncated_relations,
)
from worker.notion.errors import UnreadableAnswer, UnsendableValue
from worker.core.columns import SELF_RELATIONS, WORKER_KEYS
from worker.core.textcut import ELLIPSIS, utf16_units

DATA = json.loads((Path(__file__).parent / "data" / "recorded.json").read_text(encoding="utf-8"))
RECORDED, SHAPES = DATA["recorded"], DATA["documented"]
PAGE = RECORDED["pages_retrieve.yaml#1 GET /v1/pages/{id}"]
UTC, BERLIN, LOS_ANGELES = ZoneInfo("UTC"), ZoneInfo("Europe/Berlin"), ZoneInfo("America/Los_Angeles")
NAMES = PropertyNames()
ANNOTATIONS = PAGE["properties"]["title"]["title"][0]["annotations"]


def outreach_page(**values: str) -> dict[str, Any]:
    """The recorded page object with an Outreach row's properties: column name → documented shape name."""
    page = copy.deepcopy(PAGE)
    page["properties"] = {column: copy.deepcopy(SHAPES[shape]) for column, shape in values.items()}
    return page


def read(zone: ZoneInfo = UTC, **values: str):
    return person_from_page(outreach_page(**values), NAMES, zone)


# --- reading recorded answers ---------------------------------------------------------------------


def test_a_recorded_page_reads_with_its_id_without_dashes_its_url_title_and_creation_day():
    person = person_from_page(PAGE, PropertyNames(name="title"), BERLIN)
    assert person.page_id == "393abc1eedcd81f5ae94ec2d55fe98ed"
    assert person.name == "Test 2026-07-04 11:08:14.736683"
    assert person.url == PAGE["url"]
    assert person.created_on == date(2026, 7, 4)
    assert person.current == WorkerFields()  # no worker column on that page: all empty


def test_the_recorded_patch_answer_names_the_integrations_own_bot_as_its_last_editor():
    # How the worker knows its own edits from a person's, at no extra request (see sync's write phase).
    answer = RECORDED["pages_update.yaml#1 PATCH /v1/pages/{id}"]
    me = RECORDED["users_me.yaml#0 GET /v1/users/me"]
    assert me["type"] == "bot"
    assert last_editor(answer) == me["id"].replace("-", "")


def test_a_recorded_property_item_list_of_a_title_is_not_read_as_links():
    with pytest.raises(UnreadableAnswer):
        relation_item_ids(RECORDED["pages_properties_retrieve.yaml#1 GET /v1/pages/{id}/properties/title"])


def test_relation_items_give_their_linked_page_ids():
    answer = {"object": "list", "results": [
        {"object": "property_item", "id": "mW%3FV", "type": "relation", "relation": {"id": "535c3fb2-95e6-4b37-a696-036e5eac5cf6"}}],
        "next_cursor": None, "has_more": False, "type": "property_item",
        "property_item": {"id": "mW%3FV", "next_url": None, "type": "relation", "relation": {}}}
    assert relation_item_ids(answer) == ["535c3fb2-95e6-4b37-a696-036e5eac5cf6"]


# --- reading every property type the template uses --------------------------------------------------


@pytest.mark.parametrize(("column", "shape", "field", "expected"), [
    ("Name", "title_with_mention", "name", "Ada Byron (see Acme)"),
    ("Company", "select", "company", "Warm"),
    ("Company", "rich_text_several_items", "company", "Met at RustConf with @Anonymous on 2026-09-03, E = mc^2"),
    ("Company", "select_null", "company", ""),
    ("Role", "select_null", "role", ""),
    ("Closeness", "select", "closeness", "Warm"),
    ("Status", "status", "status", "Reached out"),
    ("Status", "select", "status", "Warm"),
    ("Status", "select_null", "status", ""),
    ("Last contacted", "date", "last_contacted", date(2026, 11, 2)),
    ("Last contacted", "date_null", "last_contacted", None),
    ("Last contacted", "date_range", "last_contacted", date(2026, 11, 24)),
    ("Knows", "relation_empty", "knows", ()),
    ("Introduced by", "relation_empty", "introduced_by", ()),
    ("Shared interests", "multi_select", "shared_interests", ("rust", "climbing")),
    ("Paused", "checkbox", "paused", True),
    ("Meeting on", "date_null", "meeting_on", None),
    ("Email", "email", "email", "ada@example.com"),
    ("Email", "email_null", "email", ""),
    ("Email", "rich_text_empty", "email", ""),
    ("LinkedIn", "url", "linkedin", "https://www.linkedin.com/in/ada-byron/"),
    ("LinkedIn", "url_null", "linkedin", ""),
])
def test_each_user_column_reads_as_a_plain_value(column, shape, field, expected):
    assert getattr(read(**{column: shape}), field) == expected


@pytest.mark.parametrize(("column", "shape", "field", "expected"), [
    ("Suggested ask", "select_null", "suggested_ask", None),
    ("Suggested ask", "select", "suggested_ask", "Warm"),
    ("Why", "rich_text_several_items", "why", "Met at RustConf with @Anonymous on 2026-09-03, E = mc^2"),
    ("Next step", "rich_text_empty", "next_step", ""),
    ("Draft", "rich_text_empty", "draft", ""),
    ("Intro path", "rich_text_empty", "intro_path", ""),
    ("Mail link", "url_null", "mail_link", ""),
    ("Intro via", "relation_empty", "intro_via", ()),
    ("Follow up on", "date", "follow_up_on", date(2026, 11, 2)),
    ("Follow up on", "date_null", "follow_up_on", None),
    ("Stale", "checkbox", "stale", True),
    ("Strength", "number", "strength", 70),
    ("Strength", "number_fraction", "strength", 72.5),
    ("Strength", "number_null", "strength", None),
    ("Strength", "without_type", "strength", 40),  # `type` is optional in a property value
    ("Intros made", "number_null", "intros_made", None),
    ("Worker state", "rich_text_empty", "worker_state", ""),
])
def test_each_worker_column_reads_as_the_plain_value_the_diff_compares(column, shape, field, expected):
    assert getattr(read(**{column: shape}).current, field) == expected


def test_a_column_the_list_does_not_have_reads_as_empty():
    person = read(Name="title_with_mention")
    assert (person.meeting_on, person.email, person.current.mail_link, person.knows) == (None, "", "", ())


def test_a_date_with_a_time_and_an_offset_is_the_day_in_the_configured_time_zone():
    assert read(BERLIN, **{"Last contacted": "date_with_time_and_offset"}).last_contacted == date(2026, 11, 27)
    assert read(LOS_ANGELES, **{"Last contacted": "date_with_time_and_offset"}).last_contacted == date(2026, 11, 26)


def test_a_date_with_a_time_zone_instead_of_an_offset_is_read_in_that_zone_then_ours():
    assert read(BERLIN, **{"Meeting on": "date_with_time_zone"}).meeting_on == date(2026, 11, 27)
    assert read(LOS_ANGELES, **{"Meeting on": "date_with_time_zone"}).meeting_on == date(2026, 11, 26)


def test_a_relation_past_25_links_reads_its_first_25_and_says_it_was_cut():
    page = outreach_page(Knows="relation_has_more", **{"Introduced by": "relation_empty"})
    person = person_from_page(page, NAMES, UTC)
    assert len(person.knows) == 25 and all(len(link) == 32 and "-" not in link for link in person.knows)
    assert truncated_relations(page, NAMES, SELF_RELATIONS) == ("knows",)


@pytest.mark.parametrize(("change", "named"), [
    (lambda page: page.pop("id"), "without a valid id"),
    (lambda page: page.update(id="not-an-id"), "without a valid id"),
    (lambda page: page.update(properties=[]), "without its properties"),
    (lambda page: page["properties"].update(Strength={"id": "x", "type": "rich_text", "rich_text": []}),
     '"Strength" of page 393abc1eedcd81f5ae94ec2d55fe98ed as a rich_text property, not number'),
    (lambda page: page["properties"]["Why"]["rich_text"][0].pop("plain_text"), '"Why"'),
    (lambda page: page["properties"]["Follow up on"]["date"].update(start="26/11/2026"), "not ISO 8601"),
    (lambda page: page["properties"]["Follow up on"].pop("date"), "without its date value"),
    (lambda page: page["properties"]["Stale"].update(checkbox="yes"), "true or false"),
    (lambda page: page["properties"]["Intro via"]["relation"].append({"object": "page"}), "a link without an id"),
])
def test_an_answer_without_what_the_worker_needs_is_a_typed_fault_naming_it_never_a_crash(change, named):
    page = outreach_page(Name="title_with_mention", Why="rich_text_several_items", Strength="number",
                         Stale="checkbox", **{"Follow up on": "date", "Intro via": "relation_empty"})
    change(page)
    with pytest.raises(UnreadableAnswer) as raised:
        person_from_page(page, NAMES, UTC)
    assert named in str(raised.value)
    assert raised.value.code == "bad_answer"


# --- writing --------------------------------------------------------------------------------------


def body_of(**changes: Any) -> dict[str, Any]:
    return patch_properties(changes, NAMES)


def test_every_worker_field_is_written_in_its_own_shape_and_only_those():
    body = body_of(suggested_ask="Ask for advice", why="Spoke on 3 Sep", next_step="", draft="Hi Ada",
                   intro_path="You → Ada", mail_link="mailto:ada@example.com", intro_via=("a" * 32,),
                   follow_up_on=date(2026, 11, 27), stale=True, strength=70, intros_made=None, worker_state="w1:x")
    assert body == {
        "Suggested ask": {"select": {"name": "Ask for advice"}},
        "Why": {"rich_text": [{"type": "text", "text": {"content": "Spoke on 3 Sep"}}]},
        "Next step": {"rich_text": []},  # cleared with [], never with ""
        "Draft": {"rich_text": [{"type": "text", "text": {"content": "Hi Ada"}}]},
        "Intro path": {"rich_text": [{"type": "text", "text": {"content": "You → Ada"}}]},
        "Mail link": {"url": "mailto:ada@example.com"},
        "Intro via": {"relation": [{"id": "a" * 32}]},
        "Follow up on": {"date": {"start": "2026-11-27"}},  # a date, no time and no time zone
        "Stale": {"checkbox": True},
        "Strength": {"number": 70},
        "Intros made": {"number": None},
        "Worker state": {"rich_text": [{"type": "text", "text": {"content": "w1:x"}}]},
    }
    assert set(body) == {getattr(NAMES, key) for key in WORKER_KEYS}


def test_empty_values_clear_their_column():
    assert body_of(suggested_ask=None, mail_link="", intro_via=(), follow_up_on=None, stale=False, strength=None) == {
        "Suggested ask": {"select": None}, "Mail link": {"url": None}, "Intro via": {"relation": []},
        "Follow up on": {"date": None}, "Stale": {"checkbox": False}, "Strength": {"number": None}}


def test_a_user_owned_column_is_never_in_a_body_the_attempt_is_a_bug_not_a_request():
    with pytest.raises(ValueError, match="last_contacted is not a worker-owned property"):
        body_of(last_contacted=date(2026, 11, 2))


def test_a_text_longer_than_notion_takes_is_cut_at_a_word_counting_emoji_as_notion_does():
    text = "🙂 word " * 400  # 2,400 code points but 3,200 UTF-16 units
    content = body_of(why=text)["Why"]["rich_text"][0]["text"]["content"]
    assert 1990 <= utf16_units(content) <= 2000  # cut near the limit as Notion counts it...
    assert len(content) < 1800  # ...which a cut at 2,000 code points would have passed by far
    assert content.endswith("word" + ELLIPSIS)
    assert text.startswith(content[:-1])


def test_a_select_value_never_holds_a_comma():
    assert body_of(suggested_ask="Ask for advice, then pitch")["Suggested ask"] == {"select": {"name": "Ask for advice then pitch"}}


@pytest.mark.parametrize(("changes", "named"), [
    ({"intro_via": tuple(f"{n:032x}" for n in range(101))}, '"Intro via" would link 101 pages; Notion takes at most 100'),
    ({"mail_link": "mailto:a@b.c?body=" + "x" * 2000}, '"Mail link" would be 2,018 characters'),
    ({"strength": math.nan}, '"Strength" would be nan'),
    ({"strength": math.inf}, '"Strength" would be inf'),
])
def test_a_value_past_a_limit_that_cutting_would_falsify_is_refused_before_anything_is_sent(changes, named):
    with pytest.raises(UnsendableValue) as raised:
        body_of(**changes)
    assert named in str(raised.value)


def test_a_body_over_500_kb_is_refused(monkeypatch):
    monkeypatch.setattr(codec, "MAX_PAYLOAD_BYTES", 100)
    with pytest.raises(UnsendableValue, match="Notion takes at most 100"):
        body_of(why="x" * 200)


def test_the_largest_body_the_worker_can_build_is_far_under_500_kb():
    widest = "\U0001F642" * 5000  # every text field full of four-byte characters
    body = body_of(**{key: widest for key in ("why", "next_step", "draft", "intro_path", "worker_state")},
                   intro_via=tuple(f"{n:032x}" for n in range(100)))
    assert len(json.dumps({"properties": body}, ensure_ascii=False).encode()) < codec.MAX_PAYLOAD_BYTES / 4


@given(st.text(max_size=3000))
def test_any_text_is_written_as_at_most_one_text_object_inside_the_limit(text):
    items = body_of(draft=text)["Draft"]["rich_text"]
    assert len(items) == (1 if text else 0)
    if items:
        assert 0 < utf16_units(items[0]["text"]["content"]) <= 2000


def as_notion_answers(body: dict[str, Any]) -> dict[str, Any]:
    """A PATCH body's values as Notion shows them in the page it answers with."""
    shown = {}
    for name, value in body.items():
        (kind, raw), = value.items()
        if kind == "rich_text":
            raw = [{"type": "text", "text": {"content": item["text"]["content"], "link": None},
                    "annotations": ANNOTATIONS, "plain_text": item["text"]["content"],
                    "href": None} for item in raw]
        elif kind == "select" and raw:
            raw = {"id": "opt", "name": raw["name"], "color": "default"}
        elif kind == "date" and raw:
            raw = {**raw, "end": None, "time_zone": None}
        elif kind == "relation":
            shown[name] = {"id": "x", "type": kind, kind: raw, "has_more": False}
            continue
        shown[name] = {"id": "x", "type": kind, kind: raw}
    return shown


@given(st.builds(
    WorkerFields,
    suggested_ask=st.sampled_from([None, "Pitch for interview", "Ask for advice"]),
    why=st.text(max_size=300), next_step=st.text(max_size=300), draft=st.text(max_size=300),
    intro_path=st.text(max_size=100), mail_link=st.sampled_from(["", "mailto:ada@example.com"]),
    intro_via=st.lists(st.from_regex(r"[0-9a-f]{32}", fullmatch=True), max_size=3).map(tuple),
    follow_up_on=st.none() | st.dates(), stale=st.booleans(),
    strength=st.none() | st.integers(0, 100), intros_made=st.none() | st.integers(0, 30),
    worker_state=st.text(max_size=80),
))
def test_reading_back_what_was_written_gives_the_same_values(fields):
    changes = {key: getattr(fields, key) for key in WORKER_KEYS}
    page = outreach_page()
    page["properties"] = as_notion_answers(patch_properties(changes, NAMES))
    assert person_from_page(page, NAMES, UTC).current == fields


def test_a_page_create_keeps_within_the_same_limits():
    from worker.notion.codec import create_properties

    types = {"name": "title", "company": "select", "linkedin": "url", "email": "email"}
    body = create_properties({"name": "🙂 " * 1500, "company": "Acme, Inc."}, NAMES, types)
    assert utf16_units(body["Name"]["title"][0]["text"]["content"]) <= 2000
    assert body["Company"] == {"select": {"name": "Acme Inc."}}
    with pytest.raises(UnsendableValue, match="LinkedIn"):
        create_properties({"linkedin": "https://www.linkedin.com/in/" + "x" * 2000}, NAMES, types)
    with pytest.raises(UnsendableValue, match="Email"):
        create_properties({"email": "x" * 200 + "@example.com"}, NAMES, types)
