"""Shared fixtures: drive `outreach-worker` in-process against the stateful fake Notion (the real notion_client in between)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fakes import DEFAULT_TOKEN
from tests.fakes.workspace import PagesFakeNotion
from worker.cli import main

BASE_URL = "http://notion.fake"
FAST = "[notion]\nrequests_per_second = 1000\nmax_retries = 1\nretry_backoff_seconds = 0\n"
ENV_KEYS = ("OUTREACH_DATABASE_ID", "OUTREACH_TODAY_PAGE", "OUTREACH_TARGET_COMPANIES", "SYNC_SCHEDULE", "OUTREACH_TIMEZONE", "LOG_FORMAT")


@dataclass
class Run:
    """What a person sees after one command: its exit code, stdout and stderr."""

    code: int
    out: str
    err: str

    def line(self, label: str) -> str:
        """The stdout line of one property, by its template label."""
        found = [line for line in self.out.splitlines() if re.match(rf"\s+{re.escape(label)}\s{{2,}}", line)]
        assert found, f"no line for {label!r} in:\n{self.out}"
        return found[-1]  # after --fix, the last state printed

    def verdict(self, label: str) -> str:
        """What the line of one property says after its label."""
        return self.line(label).strip()[len(label):].strip()

    def database_id(self) -> str:
        match = re.search(r"^OUTREACH_DATABASE_ID=([0-9a-f]{32})$", self.out, re.MULTILINE)
        assert match, self.out
        return match.group(1)


@pytest.fixture(autouse=True, scope="session")
def private_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test reads or writes the real home: HOME and XDG_CONFIG_HOME point into a temporary folder
    (the worker makes ~/.config/outreach-worker/outreach.toml on first need). Session-wide, so it also
    covers hypothesis tests; a test about that file points XDG_CONFIG_HOME at its own folder."""
    home = tmp_path_factory.mktemp("home")
    patch = pytest.MonkeyPatch()
    patch.setenv("HOME", str(home))
    patch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    yield home
    patch.undo()


@pytest.fixture
def fake() -> PagesFakeNotion:
    return PagesFakeNotion()


@pytest.fixture
def cli(fake: PagesFakeNotion, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """`cli("check", database=..., config="...", token=...)` runs main([...]) against the fake."""
    monkeypatch.chdir(tmp_path)  # load_settings reads .env in the working directory
    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("NOTION_API_BASE_URL", BASE_URL)
    monkeypatch.setenv("OUTREACH_STATE_DIR", str(tmp_path / "state"))
    config = tmp_path / "outreach.toml"
    monkeypatch.setenv("OUTREACH_CONFIG", str(config))

    def run(*args: str, database: str | None = None, config_text: str = "", token: str = DEFAULT_TOKEN,
            targets: str | None = None) -> Run:
        config.write_text(config_text + "\n" + FAST, encoding="utf-8")
        monkeypatch.setenv("NOTION_TOKEN", token)
        if database is not None:
            monkeypatch.setenv("OUTREACH_DATABASE_ID", database)
        if targets is not None:
            monkeypatch.setenv("OUTREACH_TARGET_COMPANIES", targets)
        capsys.readouterr()
        with fake.respx(BASE_URL):
            code = main(list(args), clock=fake.clock)  # this machine's clock agrees with Notion's
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """`offline(*args)` runs the command line with no token, no .env and no config file of your own
    (it would go in tmp_path/xdg), from an empty folder: (exit code, stdout, stderr)."""
    monkeypatch.chdir(tmp_path)
    for key in ("NOTION_TOKEN", "OUTREACH_DATABASE_ID", "OUTREACH_TARGET_COMPANIES", "OUTREACH_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run
