"""[me] and [drafts] in the config file: defaults, overrides, and a bad template stopping the worker with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.drafts.helpers import ME
from worker.cli import main
from worker.core.configuration import DEFAULT_DRAFTS, DEFAULT_ROLE_PHRASES, DraftTemplates, Me
from worker.cli import printed_doctor
from worker.runs.doctor.findings import Findings, note_drafts
from worker.settings import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[3]


def drafts_line(settings: Settings) -> str:
    """The line check prints about drafts, from the finding it makes of the settings."""
    found = Findings()
    note_drafts(settings, found)
    return printed_doctor.drafts_line(found.found[0].facts)


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for key in ("OUTREACH_CONFIG", "OUTREACH_TARGET_COMPANIES"):
        monkeypatch.delenv(key, raising=False)

    def write(text: str) -> Path:
        path = tmp_path / "outreach.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_the_shipped_config_file_holds_exactly_the_built_in_me_and_drafts(config):
    shipped = load_settings(ROOT / "config" / "outreach.toml", env_file=None)
    built_in = load_settings(env_file=None)
    assert (shipped.me, shipped.drafts) == (built_in.me, built_in.drafts) == (Me(), DraftTemplates())


def test_without_a_config_file_drafts_are_off_until_you_give_your_name(config):
    assert load_settings(env_file=None).me.name == ""


def test_me_is_read_and_one_link_may_be_a_plain_string(config):
    me = load_settings(config('[me]\nname = "Sam Rivera"\npitch = "an engineer"\nlinks = "https://sam.dev"\n'),
                       env_file=None).me
    assert me == Me(name="Sam Rivera", pitch="an engineer", links=("https://sam.dev",))


def test_a_template_given_in_part_keeps_the_rest_of_its_default(config):
    drafts = load_settings(config('[drafts.reply]\nbody = "Thanks, {first_name}!"\n'), env_file=None).drafts
    assert drafts.reply.body == "Thanks, {first_name}!"
    assert drafts.reply.subject == DEFAULT_DRAFTS["reply"].subject
    assert drafts.thank_you == DEFAULT_DRAFTS["thank_you"]


def test_a_role_of_your_own_starts_from_the_other_roles_phrases(config):
    drafts = load_settings(config('[drafts.roles.Designer]\nask = "Could we talk about design at {company}?"\n'),
                           env_file=None).drafts
    assert drafts.phrases("designer").ask == "Could we talk about design at {company}?"
    assert drafts.phrases("Designer").question == DEFAULT_ROLE_PHRASES["Other"].question
    assert drafts.phrases("Recruiter") == DEFAULT_ROLE_PHRASES["Recruiter"]


@pytest.mark.parametrize(("text", "named"), [
    ('[drafts.reply]\nbody = "Hi {frist_name}"', ["[drafts.reply] body", "{frist_name}", "{first_name}"]),
    ('[drafts.warm_pitch]\nsubject = "{company.__class__}"', ["[drafts.warm_pitch] subject", "{company.__class__}"]),
    ('[drafts]\nblurb = "{blurb}"', ["[drafts] blurb", "{blurb}"]),
    ('[drafts.roles.Founder]\nask = "Hi {first_name"', ['[drafts.roles."Founder"] ask', "lone"]),
    ('[drafts.reply_to_all]\nbody = "Hi"', ["drafts.reply_to_all"]),
    ('[drafts.reply]\nbody = 5', ["drafts.reply.body"]),
    ('[me]\nnmae = "Sam"', ["me.nmae"]),
])
def test_a_bad_template_is_a_configuration_error_naming_the_template_and_the_placeholder(config, text, named):
    with pytest.raises(ConfigError) as error:
        load_settings(config(text), env_file=None)
    assert all(part in str(error.value) for part in named), str(error.value)


def test_the_command_line_exits_2_and_says_which_template_and_placeholder(config, capsys):
    path = config('[drafts.follow_up]\nbody = "Hi {firstname}, {intro_ask}"\n')
    code = main(["--config", str(path), "sync", "--csv", "missing.csv"])
    err = capsys.readouterr().err
    assert code == 2
    assert "[drafts.follow_up] body" in err and "{firstname}" in err and "{first_name}" in err
    assert "Traceback" not in err


def test_check_says_how_to_turn_drafts_on_when_me_has_no_name(config):
    settings = load_settings(env_file=None)
    line = drafts_line(settings)
    assert line.startswith("Drafts: off") and "[me]" in line and "name = " in line and settings.config_file in line


def test_check_says_drafts_are_on_and_asks_for_the_pitch_if_it_is_missing(config):
    assert drafts_line(load_settings(config(f'[me]\nname = "{ME.name}"\npitch = "x"\n'), env_file=None)) == (
        f"Drafts: on, signed {ME.name}.")
    line = drafts_line(load_settings(config(f'[me]\nname = "{ME.name}"\n'), env_file=None))
    assert line.startswith(f"Drafts: on, signed {ME.name}.") and "pitch" in line


def test_outreach_worker_check_prints_the_drafts_line(fake, cli):
    db_id, _ = fake.create_outreach_list()
    off = cli("check", database=db_id)
    assert off.code == 0 and "Drafts: off, because [me] has no name." in off.out
    on = cli("check", database=db_id, config_text='[me]\nname = "Sam Rivera"\npitch = "an engineer"\n')
    assert on.code == 0 and "Drafts: on, signed Sam Rivera." in on.out
