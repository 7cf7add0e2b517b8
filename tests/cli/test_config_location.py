"""Your own config file lives outside the repository (~/.config/outreach-worker/outreach.toml by default),
is made on first need with every default commented out, and the bundled file is only ever read."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from worker.cli import main
from worker.core.configuration import NotionOptions, PropertyNames, RuleBook
from worker.settings import load_settings
from worker.settings.user_file import BUNDLED_CONFIG, user_config_path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "outreach-list.csv"


@pytest.fixture
def home(tmp_path, monkeypatch, capsys):
    """An empty working folder, a fresh XDG config home, no OUTREACH_* settings."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    for key in ("NOTION_TOKEN", "OUTREACH_DATABASE_ID", "OUTREACH_TARGET_COMPANIES", "OUTREACH_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def own_file(home: Path) -> Path:
    return home / "xdg" / "outreach-worker" / "outreach.toml"


def offline_dry_run(capsys, *extra: str) -> tuple[int, str, str]:
    return run(capsys, *extra, "sync", "--csv", str(SAMPLE), "--today", "2026-11-26", "--dry-run", "--json")


def test_the_first_command_makes_your_own_config_file_under_xdg_config_home_and_says_so_once(home, capsys):
    code, _, err = offline_dry_run(capsys)
    assert code == 0, err
    assert own_file(home).is_file()
    assert f"Created your config file {own_file(home)}" in err
    _, _, again = offline_dry_run(capsys)
    assert "Created your config file" not in again


def test_without_xdg_config_home_the_file_goes_under_home_dot_config(home, monkeypatch):
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(home / "me"))
    assert user_config_path() == home / "me" / ".config" / "outreach-worker" / "outreach.toml"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/path")  # ignored, as the XDG spec says
    assert user_config_path() == home / "me" / ".config" / "outreach-worker" / "outreach.toml"


def test_the_new_file_holds_every_default_commented_out_so_it_reads_as_the_defaults(home, capsys):
    offline_dry_run(capsys)
    text = own_file(home).read_text(encoding="utf-8")
    bundled = tomllib.loads(BUNDLED_CONFIG.read_text(encoding="utf-8"))
    for key in ("target_companies", "half_life_days", "closeness", "requests_per_second", "worker_state"):
        assert f"# {key} = " in text
    assert tomllib.loads(text)["properties"] == {}  # sections stay, settings are commented out
    settings = load_settings(env_file=None)
    assert settings.config_path == own_file(home)
    assert (settings.rules, settings.names, settings.notion) == (RuleBook(), PropertyNames(), NotionOptions())
    assert bundled["properties"]["closeness"] == "Closeness"


def test_uncommenting_a_line_of_your_file_changes_that_setting(home, capsys):
    offline_dry_run(capsys)
    path = own_file(home)
    text = path.read_text(encoding="utf-8")
    text = text.replace('# target_companies = []', 'target_companies = ["Stripe"]')
    text = text.replace('# closeness = "Closeness"', 'closeness = "How close"')
    path.write_text(text, encoding="utf-8")
    settings = load_settings(env_file=None)
    assert settings.rules.target_companies == ("Stripe",)
    assert settings.names.closeness == "How close"
    assert settings.names.company == "Company"


def test_outreach_config_is_read_relative_to_the_working_folder_and_no_file_of_your_own_is_made(
        home, monkeypatch, capsys):
    Path("mine.toml").write_text('target_companies = ["Figma"]\n', encoding="utf-8")
    monkeypatch.setenv("OUTREACH_CONFIG", "mine.toml")
    assert load_settings(env_file=None).rules.target_companies == ("Figma",)
    code, _, err = offline_dry_run(capsys)
    assert code == 0, err
    assert not own_file(home).exists()


def test_an_absolute_outreach_config_and_then_config_win_over_your_own_file(home, monkeypatch, capsys):
    offline_dry_run(capsys)  # your own file now exists
    absolute = home / "elsewhere.toml"
    absolute.write_text('target_companies = ["Notion"]\n', encoding="utf-8")
    monkeypatch.setenv("OUTREACH_CONFIG", str(absolute))
    assert load_settings(env_file=None).rules.target_companies == ("Notion",)
    given = home / "given.toml"
    given.write_text('target_companies = ["Plaid"]\n', encoding="utf-8")
    assert load_settings(given, env_file=None).rules.target_companies == ("Plaid",)


def test_config_outreach_toml_in_the_working_folder_is_not_read_and_a_changed_one_is_named(home, capsys):
    Path("config").mkdir()
    Path("config/outreach.toml").write_text('target_companies = ["Stripe"]\n', encoding="utf-8")
    assert load_settings(env_file=None).rules.target_companies == ()
    code, _, err = offline_dry_run(capsys)
    assert code == 0
    assert "config/outreach.toml in this folder is not read any more" in err
    assert "OUTREACH_CONFIG=config/outreach.toml" in err


def test_the_repository_copy_of_the_defaults_raises_no_warning_and_is_never_written(home, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    before = (REPO / "config" / "outreach.toml").read_bytes()
    _, _, err = offline_dry_run(capsys, "--config", str(REPO / "examples" / "outreach.toml"))
    assert "not read any more" not in err
    assert (REPO / "config" / "outreach.toml").read_bytes() == before  # never written


def test_a_home_that_cannot_be_written_leaves_the_built_in_defaults(home, monkeypatch, capsys):
    blocker = home / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    code, _, err = offline_dry_run(capsys)
    assert code == 0, err
    assert "Created your config file" not in err


def test_the_packaged_defaults_are_the_repositorys_config_file():
    assert BUNDLED_CONFIG.read_text(encoding="utf-8") == (REPO / "config" / "outreach.toml").read_text(encoding="utf-8")
