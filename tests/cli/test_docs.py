"""The README and .env.example tell the truth about the command line and the settings."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
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


def _commands(parser: argparse.ArgumentParser, prefix: str = "outreach-worker") -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every command and subcommand ("outreach-worker import linkedin") with its parser."""
    for action in parser._actions:  # noqa: SLF001
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, command in action.choices.items():
                yield f"{prefix} {name}", command
                yield from _commands(command, f"{prefix} {name}")


def _options(parser: argparse.ArgumentParser) -> list[list[str]]:
    """The option strings of each option a person may use (not --help, not the hidden ones)."""
    return [action.option_strings for action in parser._actions  # noqa: SLF001
            if action.option_strings and action.help not in (argparse.SUPPRESS, None) and action.dest != "help"]


def _mentioned(option: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", README) is not None


def test_every_command_and_subcommand_is_documented_in_the_readme():
    named = [name for name, _ in _commands(build_parser())]
    assert {"outreach-worker today", "outreach-worker import linkedin"} <= set(named)
    for name in named:
        assert f"`{name}" in README, name


def test_every_option_of_every_command_is_documented_in_the_readme():
    parsers = [build_parser(), *(command for _, command in _commands(build_parser()))]
    options = [strings for parser in parsers for strings in _options(parser)]
    assert ["--json"] in options and ["-q", "--quiet"] in options and ["-v", "--verbose"] in options
    for strings in options:
        assert any(_mentioned(option) for option in strings), strings


def test_the_readme_says_what_json_prints_for_every_command():
    section = README.split("### What each command prints", 1)[1].split("\n## ", 1)[0]
    json_part = section.split("- **`--json`**", 1)[1].split("\n- **", 1)[0].split("\n\n", 1)[0]
    for name, _ in _commands(build_parser()):
        command = name.removeprefix("outreach-worker ")
        if command != "import":  # a group: `import linkedin` is the command
            assert f"`{command}`" in json_part, command


def test_every_environment_variable_is_listed_in_env_example():
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    for field in Environment.model_fields.values():
        alias = field.validation_alias
        names = alias.choices if hasattr(alias, "choices") else [alias]
        assert any(re.search(rf"^#? ?{name}=", example, re.MULTILINE) for name in names), names
