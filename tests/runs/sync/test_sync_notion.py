"""`outreach-worker sync` against the fake Notion: what lands in Notion, what is printed, the exit code."""

from __future__ import annotations

import json
import pytest

from tests.fakes import DEFAULT_TOKEN
from worker.core.configuration import PropertyNames
from worker.notion.schema import USER_OWNED

TODAY = "2026-11-26"  # a Thursday
TARGETS = [f"Target {n:02d}" for n in range(1, 31)]
USER_COLUMNS = {getattr(PropertyNames(), key) for key in USER_OWNED}
# The 10 business days from Thursday 26 Nov 2026, worked out on a calendar.
PLAN_DAYS = ["2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02",
             "2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08", "2026-12-09"]


def connector_list() -> list[dict]:
    """250 rows: a warm connector who knows 30 cold people at Stripe, 2 Paused, 217 others."""
    rows = [{"Name": "Connie Park", "Company": "Acme", "Role": "Engineer", "Closeness": "Warm",
             "Last contacted": "2026-11-02", "Status": "Not contacted", "Knows": TARGETS}]
    rows += [{"Name": name, "Company": "Stripe", "Role": "Engineer", "Closeness": "Cold"} for name in TARGETS]
    rows += [{"Name": "Pat Paused", "Company": "Stripe", "Closeness": "Warm", "Paused": True,
              "Last contacted": "2026-11-20", "Knows": ["Target 01"]},
             {"Name": "Quinn Paused", "Closeness": "Close", "Paused": True}]
    rows += [{"Name": f"Other {n:03d}", "Company": "Elsewhere", "Closeness": "Cold"} for n in range(217)]
    return rows


@pytest.fixture
def connector_db(fake):
    _, ds_id = fake.create_outreach_list()
    ids = fake.add_people(ds_id, connector_list())
    return ds_id, dict(zip([row["Name"] for row in connector_list()], ids))


def sync(cli, ds_id, *args):
    return cli("sync", "--today", TODAY, *args, database=ds_id, targets="Stripe")


def test_a_250_row_list_is_read_in_three_pages_and_all_30_links_of_one_row_are_used(fake, cli, connector_db):
    ds_id, ids = connector_db
    run = sync(cli, ds_id)
    assert run.code == 0, run.err
    reads = [q for q in fake.matching("POST", r"/data_sources/.*/query") if "last_edited_time" not in str(q.body)]
    assert len(reads) == 3  # besides one look for rows edited meanwhile, before writing
    assert fake.count("GET", r"/pages/.*/properties/") == 1  # the one row with 30 > 25 links
    connie = fake.page_values(ids["Connie Park"])
    # Warm, last spoke 24 days ago: 70 × 0.5^(24/180) = 63.8 → 65; reach 30, so 3 named "+27 more".
    assert connie["Strength"] == 65
    assert connie["Suggested ask"] == "Request introductions"
    assert connie["Next step"].endswith("+27 more.")
    for name in TARGETS:  # all 30, not the first 25
        target = fake.page_values(ids[name])
        assert target["Suggested ask"] == "Pitch for interview"
        assert target["Intro via"] == [ids["Connie Park"].replace("-", "")]
        assert target["Intro path"] == f"You → Connie Park → {name}"


def test_one_intro_request_is_one_to_do_and_rows_with_nothing_to_say_are_not_written(fake, cli, connector_db):
    ds_id, ids = connector_db
    assert sync(cli, ds_id).code == 0
    # Connie's Request introductions is the only new message: the first place of the plan. The 30
    # targets she can introduce take no place of their own and share her date (SPEC §4.4).
    assert fake.page_values(ids["Connie Park"])["Follow up on"] == PLAN_DAYS[0]
    for name in TARGETS:
        assert fake.page_values(ids[name])["Follow up on"] == PLAN_DAYS[0], name
    # Cold people elsewhere with no shared interest get no ask, no date, no strength: no write at all.
    other = fake.page_values(ids["Other 000"])
    assert (other["Suggested ask"], other["Follow up on"], other["Strength"], other["Stale"]) == (None, None, None, False)
    assert ids["Other 000"] not in {page_id for page_id, _ in fake.patches(include_failed=True)}


def test_a_second_sync_with_nothing_changed_sends_no_write(fake, cli, connector_db):
    ds_id, _ = connector_db
    assert sync(cli, ds_id).code == 0
    fake.reset_requests()
    again = sync(cli, ds_id, "--json")
    assert again.code == 0
    assert fake.count("PATCH") == 0
    assert json.loads(again.out)["writes_sent"] == 0


def test_a_dry_run_sends_no_write_and_prints_the_plan(fake, cli, connector_db):
    ds_id, _ = connector_db
    run = sync(cli, ds_id, "--dry-run")
    assert run.code == 0
    assert fake.count("PATCH") == 0
    assert "Would update 31 of 250 rows:" in run.out  # Connie and her 30 targets; the rest have nothing to say
    assert "~ Target 01 <https://" in run.out
    assert "    Suggested ask: (empty) → Pitch for interview" in run.out
    assert "    Intro via: (empty) → Connie Park" in run.out
    assert "nothing written (dry run)" in run.err


def test_only_worker_owned_properties_are_patched_and_paused_rows_never(fake, cli, connector_db):
    ds_id, ids = connector_db
    assert sync(cli, ds_id).code == 0
    patches = fake.patches(include_failed=True)
    assert len(patches) == 31  # Connie and her 30 targets: the Paused rows and the 217 with nothing to say are left alone
    for page_id, body in patches:
        assert set(body) == {"properties"}
        assert not set(body["properties"]) & USER_COLUMNS
    patched = {page_id for page_id, _ in patches}
    assert ids["Pat Paused"] not in patched and ids["Quinn Paused"] not in patched


def test_the_json_report_is_one_object_with_the_counts(fake, cli, connector_db):
    ds_id, _ = connector_db
    run = sync(cli, ds_id, "--json")
    report = json.loads(run.out)
    assert report["rows_read"] == 250
    assert report["rows_changed"] == 31
    assert report["memory_writes"] == 0
    assert report["writes_sent"] == 31
    assert report["failures"] == []
    # 2 schema reads + 3 query pages + 1 relation overflow + 1 look for edits made meanwhile + 31 writes
    assert report["api_requests"] == 38
    assert report["retries"] == 0
    assert isinstance(report["seconds"], float)


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"Closeness": None}, ['"Closeness" missing: add a select property named "Closeness"', "under [properties]"]),
        ({"Last contacted": {"rich_text": {}}},
         ['"Last contacted" wrong type (is rich_text, should be date): change the type of "Last contacted" to date']),
        ({"Strength": {"rich_text": {}}}, ['"Strength" wrong type (is rich_text, should be number)', "Rename or delete"]),
        ({"Why": None}, ['"Why" missing: run `outreach-worker check --fix` to add it (a text property).']),
    ],
)
def test_a_missing_or_mistyped_property_exits_2_before_any_write(fake, cli, change, named):
    _, ds_id = fake.create_outreach_list(properties=change)
    fake.add_people(ds_id, [{"Name": "Alice Chen", "Company": "Stripe"}])
    run = sync(cli, ds_id)
    assert run.code == 2
    assert fake.count("PATCH") == 0
    assert "Nothing was written" in run.err
    for words in named:
        assert words in run.err


def test_a_wrong_token_exits_3_and_never_shows_the_token(fake, cli, connector_db):
    ds_id, _ = connector_db
    wrong = "ntn_wrong_token_0123456789abcdef"
    run = cli("sync", "-vv", database=ds_id, token=wrong)
    assert run.code == 3
    assert "Notion refused the token" in run.err and "NOTION_TOKEN" in run.err
    assert wrong not in run.out + run.err
    assert DEFAULT_TOKEN not in run.out + run.err


def test_a_database_not_shared_exits_3(cli):
    run = cli("sync", database="0" * 31 + "1")
    assert run.code == 3
    assert "Share the database with your integration" in run.err


def test_bad_rows_warn_by_name_and_the_other_rows_are_still_right(fake, cli):
    _, ds_id = fake.create_outreach_list()
    ids = fake.add_people(ds_id, [
        {"Name": "Alice Chen", "Company": "Stripe", "Closeness": "Warm", "Last contacted": "2026-11-20"},
        {"Name": "", "Company": "Figma", "Closeness": "Warm"},
        {"Name": "Bestie", "Closeness": "Best friend"},
        {"Name": "Selfie", "Closeness": "Warm", "Last contacted": "2026-11-20", "Knows": ["Selfie", "Gone Person"]},
        {"Name": "Dup Name", "Closeness": "Cold"},
        {"Name": "Dup Name", "Closeness": "Cold"},
        {"Name": "Gone Person", "Closeness": "Warm"},
    ])
    fake.trash_page(ids[-1])  # Selfie still links to a page that is no longer in the list
    run = sync(cli, ds_id)
    assert run.code == 0, run.err
    warnings = [line for line in run.err.splitlines() if "warning:" in line]
    assert any("(row with no name)" in line for line in warnings)
    assert any(line.strip().startswith("warning: Bestie") and "Best friend" in line for line in warnings)
    assert any("Selfie" in line and "itself" in line for line in warnings)
    # The page is named, not given as an id: its title is read from Notion (it is in the trash).
    assert any("Selfie" in line and 'not in the list ("Gone Person")' in line for line in warnings)
    assert sum("Dup Name" in line for line in warnings) >= 1
    # Alice: Warm at a target, spoke 6 days ago → Pitch for interview, 70 × 0.5^(6/180) = 68.4 → 70.
    alice = fake.page_values(ids[0])
    assert (alice["Suggested ask"], alice["Strength"]) == ("Pitch for interview", 70)
    assert fake.page_values(ids[2])["Strength"] is None  # unknown Closeness counts as Cold; no date


def test_a_database_with_two_data_sources_exits_2_naming_them(fake, cli):
    db_id, ds_id = fake.create_outreach_list()
    fake.add_data_source(db_id, "Archive", {"Name": {"title": {}}})
    run = sync(cli, db_id)
    assert run.code == 2
    assert "2 data sources" in run.err and "Archive" in run.err and "Outreach List" in run.err


@pytest.mark.parametrize("form", ["database id", "dashed data source id", "notion.so url", "app.notion.com url"])
def test_the_list_can_be_named_by_any_id_or_url(fake, cli, form):
    db_id, ds_id = fake.create_outreach_list()
    fake.add_people(ds_id, [{"Name": "Alice Chen", "Closeness": "Warm"}])
    plain = db_id.replace("-", "")
    reference = {
        "database id": plain,
        "dashed data source id": ds_id,
        "notion.so url": f"https://www.notion.so/me/Outreach-List-{plain}?v=0123456789abcdef0123456789abcdef",
        "app.notion.com url": f"https://app.notion.com/p/{plain}",
    }[form]
    run = cli("sync", "--today", TODAY, database=reference)
    assert run.code == 0, run.err
    assert fake.count("PATCH") == 1


def test_an_unknown_time_zone_exits_2_naming_it(fake, cli, monkeypatch):
    _, ds_id = fake.create_outreach_list()
    monkeypatch.setenv("OUTREACH_TIMEZONE", "Mars/Olympus")
    run = cli("sync", database=ds_id)
    assert run.code == 2
    assert "OUTREACH_TIMEZONE='Mars/Olympus' is not a time zone name" in run.err
    assert len(fake.requests) == 0
