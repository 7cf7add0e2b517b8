"""Drive `outreach-worker sync` in-process against a fresh fake Notion, with retries that never sleep."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.fakes import DEFAULT_TOKEN, FakeNotion
from worker.cli import main
from worker.core.configuration import PropertyNames
from worker.notion.client import NotionGateway
from worker.notion.errors import Interrupted
from worker.notion.schema import USER_OWNED, WORKER_OWNED

BASE_URL = "http://notion.fake"
TODAY = "2026-11-26"  # a Thursday
MAX_RETRIES = 3
# Production pacing and back-off defaults stay as they are; these runs just do not wait:
# a huge rate and a zero back-off base, and every Retry-After wait passes at once (instant_waits).
FAST_CONFIG = (
    "[notion]\nrequests_per_second = 100000\n"
    f"max_retries = {MAX_RETRIES}\nretry_backoff_seconds = 0\n"
)
ENV_KEYS = ("OUTREACH_DATABASE_ID", "OUTREACH_TARGET_COMPANIES", "SYNC_SCHEDULE", "OUTREACH_TIMEZONE",
            "LOG_FORMAT", "NOTION_TOKEN")
USER_COLUMNS = frozenset(getattr(PropertyNames(), key) for key in USER_OWNED)
WORKER_COLUMNS = frozenset(getattr(PropertyNames(), key) for key in WORKER_OWNED)


@dataclass
class Run:
    """One `outreach-worker sync --json` as a person and a machine see it."""

    code: int
    out: str
    err: str
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def failed_urls(self) -> set[str]:
        return {failure["page_url"] for failure in self.report.get("failures", [])}


def small_list() -> list[dict[str, Any]]:
    """32 rows: a warm connector who knows 30 cold people at Stripe (one relation past 25), and Bob."""
    targets = [f"Target {n:02d}" for n in range(1, 31)]
    rows = [{"Name": "Connie Park", "Company": "Acme", "Closeness": "Warm", "Last contacted": "2026-11-02",
             "Status": "Not contacted", "Knows": targets}]
    rows += [{"Name": name, "Company": "Stripe", "Closeness": "Cold"} for name in targets]
    rows += [{"Name": "Bob Li", "Company": "Elsewhere", "Closeness": "Close", "Last contacted": "2026-10-01"}]
    return rows


def new_list(fake: FakeNotion, rows: list[dict[str, Any]]) -> tuple[str, str, list[str]]:
    """(database id, data source id, dashed page ids) of a fresh Outreach List holding `rows`."""
    db_id, ds_id = fake.create_outreach_list()
    return db_id, ds_id, fake.add_people(ds_id, rows)


def state_of(fake: FakeNotion, ds_id: str) -> dict[str, dict[str, Any]]:
    """Every row's stored values, by page id."""
    return {page_id: fake.page_values(page_id) for page_id in fake.pages_of(ds_id)}


def user_columns_in_patches(fake: FakeNotion) -> set[str]:
    """User-owned column names found in any PATCH body ever sent, answered or not."""
    found: set[str] = set()
    for _, body in fake.patches(include_failed=True):
        found |= set((body or {}).get("properties", {})) - WORKER_COLUMNS
    return found


@pytest.fixture
def instant_waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every wait the gateway asks for (Retry-After, back-off, pacing), noted and passed at once."""
    waits: list[float] = []

    def sleep(self: NotionGateway, seconds: float) -> None:
        waits.append(seconds)
        if self._stop.is_set():  # noqa: SLF001 - the same stop check as the real wait
            raise Interrupted()

    monkeypatch.setattr(NotionGateway, "_sleep", sleep)
    return waits


@pytest.fixture
def sync_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
             instant_waits: list[float]) -> Callable[..., Run]:
    """`sync_cli(fake, database, *args, token=, verbose=)` runs `main([verbose, "sync", "--json", *args])`."""
    monkeypatch.chdir(tmp_path)
    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)
    config = tmp_path / "outreach.toml"
    config.write_text(FAST_CONFIG, encoding="utf-8")
    monkeypatch.setenv("OUTREACH_CONFIG", str(config))
    monkeypatch.setenv("NOTION_API_BASE_URL", BASE_URL)
    monkeypatch.setenv("OUTREACH_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("OUTREACH_TARGET_COMPANIES", "Stripe")

    def run(fake: FakeNotion, database: str, *args: str, token: str = DEFAULT_TOKEN, verbose: str = "",
            json_report: bool = True) -> Run:
        monkeypatch.setenv("NOTION_TOKEN", token)
        monkeypatch.setenv("OUTREACH_DATABASE_ID", database)
        capsys.readouterr()
        argv = [*([verbose] if verbose else []), "sync", "--today", TODAY,
                *(["--json"] if json_report else []), *args]
        with fake.respx(BASE_URL):
            code = main(argv, clock=fake.clock)  # this machine's clock agrees with Notion's
        captured = capsys.readouterr()
        report = json.loads(captured.out) if json_report and captured.out.strip() else {}
        return Run(code, captured.out, captured.err, report)

    return run
