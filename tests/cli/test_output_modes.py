"""What each command prints: --json (one object on stdout), -q (errors only), -v (a line per request and
per written row), names as typed, the `today` command, and exit 70 for a bug."""

from __future__ import annotations

import json

import pytest

from tests.fakes import compact_id

TODAY = "2026-11-26"  # a Thursday
TRICKY = ["Bob [/b] Smith", "Jane Doe [ex-Google]", "[bold]Not bold[/bold]"]
ROWS = [
    {"Name": "Amara Nwosu", "Company": "Intercom", "Closeness": "Warm", "Last contacted": "2026-11-20",
     "Status": "Replied"},
    {"Name": TRICKY[0], "Company": "Acme", "Closeness": "Warm", "Last contacted": "2026-11-20", "Status": "Replied"},
    {"Name": TRICKY[1], "Company": "Stripe", "Closeness": "Close", "Last contacted": "2026-11-01",
     "Status": "Not contacted"},
    {"Name": TRICKY[2], "Company": "Figma", "Closeness": "Acquaintance", "Last contacted": "2026-11-10",
     "Status": "Reached out"},
    {"Name": "Quiet Quinn", "Company": "Elsewhere", "Closeness": "Cold"},
]


@pytest.fixture
def listed(fake):
    database, source = fake.create_outreach_list()
    ids = fake.add_people(source, ROWS)
    return database, dict(zip([r["Name"] for r in ROWS], ids))


def run_on(cli, listed, *args: str):
    database, _ = listed
    return cli(*args, database=database, targets="Stripe")


def test_sync_json_is_one_object_with_the_counts_and_the_whole_to_do(fake, cli, listed):
    run = run_on(cli, listed, "sync", "--today", TODAY, "--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)  # the whole of stdout is one object
    assert report["rows_read"] == 5 and report["outcome"] == "ok"
    names = [item["name"] for item in report["todo"]]
    assert set(TRICKY) <= set(names) and "Amara Nwosu" in names
    for item in report["todo"]:
        assert item["url"].startswith("https://app.notion.com/p/") and item["due"] <= TODAY
        assert set(item) >= {"group", "action", "next_step", "also_ask_about", "page_id"}
    assert "changes" not in report  # only a dry run lists changes
    assert report["today_page"] is None


def test_sync_json_carries_the_outlook_the_terminal_prints_under_the_list(fake, cli, listed):
    run = run_on(cli, listed, "sync", "--today", TODAY, "--json")
    outlook = json.loads(run.out)["outlook"]
    assert outlook["day_off"] is False
    days = outlook["days_ahead"]
    # Thursday 26 Nov first, then the next four business days: the weekend is skipped.
    assert [d["day"] for d in days] == ["2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02"]
    assert days[0]["messages"] >= days[0]["overdue"] >= 0 and all(d["overdue"] == 0 for d in days[1:])
    low = outlook["running_low"]
    assert low["per_day"] == 5 and low["new_messages_left"] >= 0
    assert [c["company"] for c in low["fewest_people"]] == ["Stripe"]


def test_today_json_on_a_day_off_says_so_and_counts_from_the_next_business_day(fake, cli, listed):
    database, _ = listed
    run = cli("today", "--today", TODAY, "--json", database=database, targets="Stripe",
              config_text=f'[calendar]\ndays_off = ["{TODAY}"]')
    assert run.code == 0, run.err
    outlook = json.loads(run.out)["outlook"]
    assert outlook["day_off"] is True
    assert outlook["days_ahead"][0]["day"] == "2026-11-27"


def test_a_dry_run_json_lists_every_rows_changes_by_column_before_and_after(fake, cli, listed):
    run = run_on(cli, listed, "sync", "--today", TODAY, "--json", "--dry-run")
    report = json.loads(run.out)
    assert len(report["changes"]) == report["rows_changed"] > 0
    amara = next(row for row in report["changes"] if row["name"] == "Amara Nwosu")
    assert amara["page_id"] == compact_id(listed[1]["Amara Nwosu"])
    assert amara["changes"]["Follow up on"]["before"] is None
    assert amara["changes"]["Follow up on"]["after"] == TODAY  # Replied on 20 Nov, first read today: owed today
    assert fake.count("PATCH") == 0


@pytest.mark.parametrize("command", [("today",), ("check",), ("health",)])
def test_json_works_on_every_command_and_stdout_holds_only_that_object(fake, cli, listed, command):
    run = run_on(cli, listed, "--json", *command)
    answer = json.loads(run.out)
    assert isinstance(answer, dict)


def test_init_json_gives_the_ids_for_the_env_file(fake, cli):
    run = cli("init", "--json", "--parent-page", fake.add_page())
    assert run.code == 0, run.err
    answer = json.loads(run.out)
    assert set(answer["env"]) == {"OUTREACH_DATABASE_ID", "OUTREACH_TODAY_PAGE"}
    assert answer["today_page"]["page_id"] == answer["env"]["OUTREACH_TODAY_PAGE"]
    assert "OUTREACH_DATABASE_ID=" in run.err  # the words a person reads went to stderr


def test_check_json_has_a_verdict_per_property(fake, cli, listed):
    answer = json.loads(run_on(cli, listed, "check", "--json").out)
    assert answer["ok"] is True
    assert {p["name"]: p["ok"] for p in answer["properties"]}["Closeness"] is True
    assert answer["today_page"]["state"] == "not set up"


def test_an_error_with_json_is_still_one_object_with_the_exit_code(fake, cli):
    run = cli("sync", "--json", database="0123456789abcdef0123456789abcdef")
    assert run.code == 3
    assert json.loads(run.out)["exit_code"] == 3


def test_quiet_prints_nothing_when_all_is_well(fake, cli, listed):
    run = run_on(cli, listed, "-q", "sync", "--today", TODAY)
    assert (run.code, run.out, run.err) == (0, "", "")
    assert fake.count("PATCH") == 4  # Quiet Quinn has nothing to say and stays unwritten


@pytest.mark.parametrize("command", [("today", "--today", TODAY), ("check",), ("sync", "--dry-run")])
def test_quiet_prints_nothing_for_any_command_that_went_well(fake, cli, listed, command):
    run = run_on(cli, listed, "-q", *command)
    assert (run.code, run.out, run.err) == (0, "", "")


def test_quiet_health_speaks_only_when_unhealthy(fake, cli, listed):
    unhealthy = run_on(cli, listed, "-q", "health")
    assert unhealthy.code == 1 and unhealthy.out.startswith("unhealthy: ")
    run_on(cli, listed, "sync")
    assert run_on(cli, listed, "-q", "health").out == ""


def test_quiet_still_prints_errors_and_failed_rows(fake, cli, listed):
    amara = compact_id(listed[1]["Amara Nwosu"])
    fake.add_fault("PATCH", rf"^/v1/pages/{amara}$", status=400, body_code="validation_error")
    run = run_on(cli, listed, "sync", "-q", "--today", TODAY)
    assert run.code == 1
    assert "failed: Amara Nwosu" in run.err and "rows read" not in run.err and "To do" not in run.err
    refused = cli("-q", "sync", database=listed[0], token="secret_wrong")
    assert refused.code == 3 and "Notion refused the token" in refused.err


def test_verbose_adds_a_line_per_request_and_per_written_row(fake, cli, listed):
    run = run_on(cli, listed, "-v", "sync", "--today", TODAY)
    assert run.code == 0
    requests = [line for line in run.err.splitlines() if "HTTP Request:" in line]
    assert len(requests) == len(fake.requests)
    written = [line for line in run.err.splitlines() if "wrote " in line]
    assert len(written) == fake.count("PATCH") == 4
    assert any("Amara Nwosu" in line and "Follow up on" in line for line in written)


@pytest.mark.parametrize("command", [("sync", "--today", TODAY), ("today", "--today", TODAY)])
def test_names_are_printed_as_typed_never_read_as_console_markup(fake, cli, listed, command):
    run = run_on(cli, listed, *command)
    printed = run.err if command[0] == "sync" else run.out
    for name in TRICKY:
        assert name in printed, name


def test_today_prints_the_whole_ranked_list_and_writes_nothing(fake, cli, listed):
    run = run_on(cli, listed, "today", "--today", TODAY)
    assert run.code == 0, run.err
    assert fake.count("PATCH") == 0 and fake.count("POST", r"^/v1/pages$") == 0
    lines = run.out.splitlines()
    assert lines[0] == "To do on Thu 26 Nov 2026: 4 messages"
    groups = [line for line in lines[:-2] if not line.startswith(" ") and "(" in line]
    assert [g.split(" (")[0] for g in groups] == ["Replies you owe", "Follow-ups", "New outreach"]
    assert lines[-2].startswith("Next 5 business days: Thu 26 Nov 2026 (today): 4 (1 overdue) · Fri 27 Nov 2026: ")
    assert lines[-1].startswith("Running low: At 5 a business day, your ")


def test_today_lists_what_a_sync_would_list_on_the_same_day(fake, cli, listed):
    before = json.loads(run_on(cli, listed, "today", "--today", TODAY, "--json").out)["todo"]
    synced = json.loads(run_on(cli, listed, "sync", "--today", TODAY, "--json").out)["todo"]
    assert [item["page_id"] for item in before] == [item["page_id"] for item in synced]


def test_today_takes_another_day(fake, cli, listed):
    later = json.loads(run_on(cli, listed, "today", "--today", "2026-12-31", "--json").out)
    assert later["today"] == "2026-12-31"
    assert all(item["due"] <= "2026-12-31" for item in later["todo"])


def test_a_bug_in_the_worker_prints_its_traceback_and_exits_70(fake, cli, listed, monkeypatch):
    import worker.runs.sync

    def broken(*args, **kwargs):
        raise TypeError("unsupported operand type(s) for +: 'NoneType' and 'int'")

    monkeypatch.setattr(worker.runs.sync, "compute_outcome", broken)
    run = run_on(cli, listed, "sync", "--today", TODAY)
    assert run.code == 70
    assert "Traceback (most recent call last)" in run.err and "TypeError" in run.err
    assert "bug" in run.err.lower()
    assert "Notion could not be reached" not in run.err


def test_a_bug_with_json_still_answers_one_object(fake, cli, listed, monkeypatch):
    import worker.runs.sync

    monkeypatch.setattr(worker.runs.sync, "compute_outcome", lambda *a, **k: {}["missing"])
    run = run_on(cli, listed, "sync", "--json", "--today", TODAY)
    assert run.code == 70 and json.loads(run.out)["exit_code"] == 70


ME = '[me]\nname = "Sam Doe"\npitch = "a backend engineer"\n'


def test_every_json_to_do_line_carries_its_draft_and_mail_link_and_today_drafts_prints_them(fake, cli, listed):
    database, _ = listed
    report = json.loads(cli("today", "--today", TODAY, "--json", database=database, targets="Stripe", config_text=ME).out)
    assert report["todo"] and all(set(item) >= {"draft", "mail_link"} for item in report["todo"])
    assert all(item["draft"].startswith("Hi ") for item in report["todo"])
    printed = cli("today", "--today", TODAY, "--drafts", database=database, targets="Stripe", config_text=ME)
    assert printed.code == 0, printed.err
    first = report["todo"][0]["draft"].splitlines()[0]
    assert "       Draft:" in printed.out and f"       | {first}" in printed.out
