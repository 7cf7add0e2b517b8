"""Settings that would make the worker write into the wrong column, or talk to a wrong address or list,
are exit 2 before any request, with a sentence naming what to change."""

from __future__ import annotations

import pytest

from worker.cli import main
from worker.settings import load_settings, parse_notion_id

LIST_ID = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    """`run(config_text, *args, **env)` → (exit code, stderr) of `outreach-worker ARGS` with no Notion around."""
    monkeypatch.chdir(tmp_path)
    for key in ("NOTION_TOKEN", "OUTREACH_DATABASE_ID", "OUTREACH_CONFIG", "NOTION_API_BASE_URL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("OUTREACH_STATE_DIR", str(tmp_path / "state"))

    def go(config_text: str = "", *args: str, **env: str):
        config = tmp_path / "outreach.toml"
        config.write_text(config_text, encoding="utf-8")
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        capsys.readouterr()
        code = main(["--config", str(config), *args])
        return code, capsys.readouterr().err

    return go


def test_a_worker_column_mapped_onto_one_of_yours_exits_2_naming_both(run):
    code, err = run('[properties]\nfollow_up_on = "Last contacted"\n', "sync", "--csv", "x.csv")
    assert code == 2
    assert "your column last_contacted and the worker's column follow_up_on" in err
    assert 'both mapped to the column "Last contacted"' in err
    assert "would write into a column of yours" in err


def test_two_of_your_fields_on_one_column_exit_2_naming_both(run):
    code, err = run('[properties]\nrole = "Company"\n', "sync", "--csv", "x.csv")
    assert code == 2
    assert "company and your column role are both mapped to the column \"Company\"" in err


def test_names_differing_only_in_case_count_as_one_column(run):
    code, err = run('[properties]\nwhy = "next step"\n', "sync", "--csv", "x.csv")
    assert code == 2
    assert "next_step" in err and "why" in err


def test_a_renamed_column_of_its_own_is_fine():
    assert load_settings(env_file=None).names.follow_up_on == "Follow up on"


@pytest.mark.parametrize("address", ["not a url", "api.notion.com", "ftp://api.notion.com", "http://", "https://host:port"])
def test_a_base_url_that_is_not_an_http_address_exits_2_at_once(run, address):
    code, err = run("", "sync", NOTION_TOKEN="secret_x", OUTREACH_DATABASE_ID=LIST_ID, NOTION_API_BASE_URL=address)
    assert code == 2
    assert f"NOTION_API_BASE_URL={address!r} is not an http(s) address" in err


@pytest.mark.parametrize("address", ["https://api.notion.com", "http://127.0.0.1:8080/", "https://proxy.example/notion"])
def test_an_http_address_is_accepted_without_its_trailing_slash(monkeypatch, address):
    monkeypatch.setenv("NOTION_API_BASE_URL", address)
    assert load_settings(env_file=None).api_base_url == address.rstrip("/")


@pytest.mark.parametrize("reference", [
    LIST_ID + "0",  # one digit too many is not cut to 32
    LIST_ID[:-1],
    f"https://www.notion.so/me/Outreach-{LIST_ID}a?v=1",
])
def test_an_id_of_the_wrong_length_exits_2_naming_its_length(run, reference):
    code, err = run("", "sync", NOTION_TOKEN="secret_x", OUTREACH_DATABASE_ID=reference)
    assert code == 2
    assert "hex digits; a Notion id has exactly 32" in err


@pytest.mark.parametrize("reference", [
    LIST_ID, LIST_ID.upper(), "01234567-89ab-cdef-0123-456789abcdef",
    f"https://www.notion.so/me/Outreach-{LIST_ID}?v=ffffffffffffffffffffffffffffffff",
    f"https://app.notion.com/p/Outreach-List-{LIST_ID}", f"https://www.notion.so/{LIST_ID}/",
    "https://www.notion.so/01234567-89ab-cdef-0123-456789abcdef#section",
])
def test_every_form_notion_gives_an_id_in_reads_as_the_same_32_digits(reference):
    assert parse_notion_id(reference) == LIST_ID


@pytest.mark.parametrize("reference", ["hello", "https://www.notion.so/me/Outreach-List", ""])
def test_text_with_no_id_at_its_end_is_refused(reference):
    with pytest.raises(ValueError, match="is not a Notion id or link"):
        parse_notion_id(reference)


@pytest.mark.parametrize("command", [("sync",), ("today",), ("check",), ("run",), ("sync", "--dry-run")])
def test_a_list_id_that_is_not_one_exits_2_naming_the_variable_and_the_fix(run, command):
    code, err = run("", *command, NOTION_TOKEN="secret_x", OUTREACH_DATABASE_ID="my outreach list")
    assert code == 2
    assert "OUTREACH_DATABASE_ID='my outreach list' is not a Notion id or link" in err
    assert "Share → Copy link" in err
    assert err.count("error:") == 1


@pytest.mark.parametrize("command", [("sync",), ("today",), ("check",), ("run",)])
def test_with_neither_token_nor_list_every_command_asks_for_the_token_first(run, tmp_path, command):
    code, err = run("", *command)
    assert code == 2
    assert "NOTION_TOKEN is not set" in err and "OUTREACH_DATABASE_ID" not in err
    assert not (tmp_path / "state").exists()  # no sync ran, so none is recorded as failed


def test_with_a_token_and_no_list_sync_asks_for_the_list(run, tmp_path):
    code, err = run("", "sync", NOTION_TOKEN="secret_x")
    assert code == 2
    assert "OUTREACH_DATABASE_ID is not set" in err
    assert not (tmp_path / "state").exists()


def test_an_init_parent_page_that_is_not_an_id_exits_2_naming_the_option(run):
    code, err = run("", "init", "--parent-page", "abc", NOTION_TOKEN="secret_x")
    assert code == 2
    assert "--parent-page='abc' ends in an id of 3 hex digits; a Notion id has exactly 32" in err


def test_a_state_folder_that_cannot_be_written_is_one_error_before_any_request(run, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    code, err = run("", "sync", NOTION_TOKEN="secret_x", OUTREACH_DATABASE_ID=LIST_ID,
                    OUTREACH_STATE_DIR=str(blocker / "state"))
    assert code == 2
    assert f"OUTREACH_STATE_DIR={str(blocker / 'state')!r} is not a writable folder" in err
    assert err.count("\n") == 1  # that sentence alone: no word about a heartbeat it could not write
