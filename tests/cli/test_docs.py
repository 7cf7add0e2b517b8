"""The README and .env.example tell the truth about the command line and the settings."""

from __future__ import annotations

import re
from pathlib import Path

from worker.cli import build_parser
from worker.settings import Environment

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _setup_blocks() -> list[str]:
    """The code blocks of the README's "Try it" section: the commands a newcomer copies."""
    section = README.split("## Try it", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```\w*\n(.*?)```", section, re.DOTALL)]


def test_the_readme_has_exactly_two_setup_commands_and_ci_runs_the_test_one():
    blocks = _setup_blocks()
    assert len(blocks) == 2
    main_job, tests = blocks
    assert "python3 -m venv .venv" in main_job and "outreach-worker" in main_job and "--csv examples/" in main_job
    assert "'.[test]'" in tests  # quoted extras, so zsh does not glob them
    assert tests in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_is_documented_in_the_readme():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices  # noqa: SLF001
    for name in commands:
        assert f"`outreach-worker {name}" in README, name


def test_every_environment_variable_is_listed_in_env_example():
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    for field in Environment.model_fields.values():
        alias = field.validation_alias
        names = alias.choices if hasattr(alias, "choices") else [alias]
        assert any(re.search(rf"^#? ?{name}=", example, re.MULTILINE) for name in names), names
