"""A config file or environment that cannot be used is exit 2 with a sentence naming it, never a traceback."""

from __future__ import annotations

import json

import pytest

from worker.cli import main
from worker.settings import load_settings


@pytest.fixture
def with_config(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for key in ("NOTION_TOKEN", "OUTREACH_DATABASE_ID", "OUTREACH_TARGET_COMPANIES", "OUTREACH_CONFIG"):
        monkeypatch.delenv(key, raising=False)

    def run(text: str, *args: str):
        config = tmp_path / "outreach.toml"
        config.write_text(text, encoding="utf-8")
        capsys.readouterr()
        code = main(["--config", str(config), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.mark.parametrize(("text", "named"), [
    ('labels = "x"', "labels"),
    ("rules = 5", "rules"),
    ('properties = "x"', "properties"),
    ("[rules]\ncloseness = 5", "rules.closeness"),
    ("[rules]\nstatus_business_days = [1]", "rules.status_business_days"),
    ('[rules.status_business_days]\n"Reached out" = -3', "greater than or equal to 0"),
    ("[rules]\nhalf_life_days = \"x\"", "half_life_days"),
    ("bogus = 1", "bogus"),
    ("[rules\n", "not valid TOML"),
    ('target_aliases = ["Facebook"]', "target_aliases"),
    ('[target_aliases]\nMeta = "Facebook"', "target_aliases.Meta"),
    ("[rules]\nfollow_ups_max = -1", "follow_ups_max"),
])
def test_a_config_file_of_the_wrong_shape_exits_2_naming_the_setting(with_config, text, named):
    code, _, err = with_config(text, "sync", "--csv", "x.csv")
    assert code == 2
    assert "Config file" in err and named in err
    assert "Traceback" not in err


def test_one_number_of_a_closeness_level_can_be_changed_alone(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[rules.closeness.Warm]\nstale_after_days = 60\n[rules.status_business_days]\n"Replied" = 0\n')
    rules = load_settings(config, env_file=None).rules
    assert (rules.closeness["Warm"].base_strength, rules.closeness["Warm"].stale_after_days) == (70, 60)
    assert rules.status_business_days["Replied"] == 0  # zero days, not "never"
    assert rules.status_business_days["Not interested"] is None


def test_target_aliases_and_the_ghost_rule_numbers_are_read_from_the_config_file(tmp_path, monkeypatch):
    monkeypatch.delenv("OUTREACH_TARGET_COMPANIES", raising=False)
    config = tmp_path / "c.toml"
    config.write_text('target_companies = ["Meta"]\n[target_aliases]\nMeta = ["Facebook", "Meta Platforms"]\n'
                      "[rules]\nfollow_ups_max = 1\npark_days = 60\nintros_per_person = 2\n")
    rules = load_settings(config, env_file=None).rules
    assert rules.target_aliases == {"Meta": ("Facebook", "Meta Platforms")}
    assert (rules.follow_ups_max, rules.park_days, rules.intros_per_person) == (1, 60, 2)


def test_a_config_path_that_is_a_folder_exits_2(tmp_path, capsys):
    code = main(["--config", str(tmp_path), "sync", "--csv", "x.csv"])
    assert code == 2
    assert "cannot be read" in capsys.readouterr().err


def test_with_json_a_failure_still_prints_one_json_object(with_config):
    code, out, _ = with_config("rules = 5", "sync", "--json")
    assert code == 2
    answer = json.loads(out)
    assert answer["exit_code"] == 2 and "rules" in answer["error"]


def test_a_state_folder_that_cannot_be_written_exits_2_for_a_one_shot_sync(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("NOTION_TOKEN", "secret_x")
    monkeypatch.setenv("OUTREACH_DATABASE_ID", "0123456789abcdef0123456789abcdef")
    monkeypatch.setenv("OUTREACH_STATE_DIR", str(blocker / "state"))
    code = main(["sync"])
    assert code == 2
    assert "OUTREACH_STATE_DIR" in capsys.readouterr().err


def test_the_shipped_config_file_says_exactly_the_built_in_defaults(tmp_path, monkeypatch):
    from pathlib import Path

    from worker.core.configuration import NotionOptions, PropertyNames, RuleBook

    for key in ("OUTREACH_TARGET_COMPANIES", "OUTREACH_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))  # no file of your own yet
    monkeypatch.chdir(tmp_path)
    shipped = load_settings(Path(__file__).resolve().parents[2] / "config" / "outreach.toml", env_file=None)
    built_in = load_settings(env_file=None)
    assert built_in.config_path is None
    assert (shipped.rules, shipped.names, shipped.notion) == (built_in.rules, built_in.names, built_in.notion)
    assert (built_in.rules, built_in.names, built_in.notion) == (RuleBook(), PropertyNames(), NotionOptions())
