"""Real `python -m worker` processes against the fake Notion served on 127.0.0.1.

The fake runs in the test process, so its request timeline (time.monotonic(), one clock for every
process on Linux) can be compared with the moment the worker's signal handler ran.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.fakes import FakeNotion, RecordedRequest

REPO = Path(__file__).resolve().parents[3]
TOKEN = "secret_scheduler_test_token"
# Fast pacing so a sync of a dozen rows takes well under a second unless the fake is slowed.
FAST_CONFIG = "[notion]\nrequests_per_second = 50\nmax_retries = 2\n"
PAGE_PATCH = r"^/v1/pages/[^/]+$"


def people(count: int) -> list[dict[str, Any]]:
    """`count` rows that all get worker fields written on the first sync."""
    return [
        {
            "Name": f"Person {n:02d}",
            "Company": "Stripe" if n % 2 else "Figma",
            "Role": "Engineer",
            "Closeness": ("Close", "Warm", "Acquaintance")[n % 3],
            "Last contacted": f"2026-0{1 + n % 9}-1{n % 10}",
            "Status": ("Not contacted", "Reached out", "Replied")[n % 3],
        }
        for n in range(count)
    ]


@dataclass
class Notion:
    """The fake, its served URL and the Outreach List in it."""

    fake: FakeNotion
    url: str
    database_id: str
    source_id: str

    def patches(self) -> list[RecordedRequest]:
        """Every page PATCH the fake saw (any answer), in arrival order."""
        return sorted(self.fake.matching("PATCH", PAGE_PATCH), key=lambda r: r.started)


@pytest.fixture
def notion() -> Iterator[Notion]:
    fake = FakeNotion(token=TOKEN)
    database_id, source_id = fake.create_outreach_list()
    with fake.serve() as url:
        yield Notion(fake, url, database_id, source_id)


@dataclass
class Worker:
    """One running `python -m worker ...` with its stderr captured to a file."""

    process: subprocess.Popen[str]
    log_path: Path
    signalled_at: float | None = None

    def log_lines(self) -> list[dict[str, Any]]:
        """The JSON log lines written so far (non-JSON lines are kept as {"message": text})."""
        lines = []
        for text in self.log_path.read_text(encoding="utf-8").splitlines():
            try:
                lines.append(json.loads(text))
            except ValueError:
                lines.append({"message": text})
        return lines

    def events(self, name: str) -> list[dict[str, Any]]:
        return [line for line in self.log_lines() if line.get("event") == name]

    def terminate(self) -> None:
        self.signalled_at = time.monotonic()
        self.process.send_signal(signal.SIGTERM)

    def wait(self, timeout: float) -> tuple[int, float]:
        """(exit code, seconds waited); the test fails if the process outlives `timeout`."""
        started = time.monotonic()
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"the worker did not exit within {timeout} s; its log:\n{self.log_path.read_text()}")
        return code, time.monotonic() - started


@dataclass
class Launcher:
    """Starts worker processes with a clean environment and a cwd without any .env file."""

    tmp_path: Path
    notion: Notion
    env: dict[str, str] = field(default_factory=dict)
    started: list[Worker] = field(default_factory=list)

    def environment(self, **overrides: str) -> dict[str, str]:
        config = self.tmp_path / "outreach.toml"
        config.write_text(FAST_CONFIG, encoding="utf-8")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PYTHONPATH": str(REPO),
            "HOME": str(self.tmp_path / "home"),  # never the real home
            "NOTION_TOKEN": TOKEN,
            "OUTREACH_DATABASE_ID": self.notion.database_id,
            "NOTION_API_BASE_URL": self.notion.url,
            "OUTREACH_STATE_DIR": str(self.tmp_path / "state"),
            "OUTREACH_TIMEZONE": "Europe/Berlin",
            "OUTREACH_CONFIG": str(config),
            "LOG_FORMAT": "json",
        }
        env.update(self.env)
        env.update(overrides)
        return env

    def start(self, *args: str, **env: str) -> Worker:
        cwd = self.tmp_path / "cwd"
        cwd.mkdir(exist_ok=True)
        log_path = self.tmp_path / f"worker-{len(self.started)}.log"
        with open(log_path, "w", encoding="utf-8") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "worker", *args], cwd=cwd, env=self.environment(**env),
                stdout=subprocess.PIPE, stderr=log, text=True,
            )
        worker = Worker(process, log_path)
        self.started.append(worker)
        return worker

    def run(self, *args: str, timeout: float = 20, **env: str) -> subprocess.CompletedProcess[str]:
        cwd = self.tmp_path / "cwd"
        cwd.mkdir(exist_ok=True)
        return subprocess.run(
            [sys.executable, "-m", "worker", *args], cwd=cwd, env=self.environment(**env),
            capture_output=True, text=True, timeout=timeout,
        )


@pytest.fixture
def launcher(tmp_path: Path, notion: Notion) -> Iterator[Launcher]:
    launched = Launcher(tmp_path, notion)
    yield launched
    for number, worker in enumerate(launched.started):  # never leave a worker behind, even when a test fails
        if worker.process.poll() is None:
            worker.process.kill()
            worker.process.wait()
        if worker.process.stdout:
            worker.process.stdout.close()
        print(f"--- worker {number} {worker.process.args[3:]} exited {worker.process.returncode}; its log:")
        print(worker.log_path.read_text(encoding="utf-8"))  # shown by pytest when the test failed


def wait_until(condition: Callable[[], Any], timeout: float, what: str) -> Any:
    """Poll `condition` until it is truthy; fail the test with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")
