"""Fixtures: a FakeNotion and the real notion_client.Client wired to it through either adapter."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from notion_client import Client

from tests.fakes import DEFAULT_TOKEN, FakeNotion

DATA = Path(__file__).parent / "data"
QUIET = logging.getLogger("fakes_test.notion_client")   # one logger: no stacked StreamHandlers


@pytest.fixture
def fake() -> Iterator[FakeNotion]:
    fake = FakeNotion()
    yield fake
    assert fake.internal_errors == [], "the fake itself crashed (answered 500)"


@pytest.fixture(params=["respx", "server"])
def notion(request: pytest.FixtureRequest, fake: FakeNotion) -> Iterator[Client]:
    """The real client in front of the fake, once in-process (respx) and once over 127.0.0.1."""
    if request.param == "respx":
        with fake.respx():
            yield Client(auth=DEFAULT_TOKEN, retry=False, logger=QUIET)
        return
    with fake.serve() as base_url:
        client = Client(auth=DEFAULT_TOKEN, base_url=base_url, retry=False, logger=QUIET, timeout_ms=5_000)
        yield client
        client.close()


@pytest.fixture
def recorded() -> dict:
    """Trimmed real responses (see data/recorded_shapes.json `_source`)."""
    return json.loads((DATA / "recorded_shapes.json").read_text(encoding="utf-8"))


@pytest.fixture
def outreach(fake: FakeNotion) -> tuple[str, str]:
    return fake.create_outreach_list()
