"""The Notion seam is closed: only worker/notion/ holds notion-client's API object (STYLE, "Name the calls")."""

from __future__ import annotations

import re
from pathlib import Path

WORKER = Path(__file__).resolve().parents[2] / "worker"


def test_no_module_outside_the_notion_layer_reaches_into_notion_clients_api():
    outside = [path for path in WORKER.rglob("*.py") if "notion" not in path.relative_to(WORKER).parts[:1]]
    found = [f"{path.relative_to(WORKER)}:{number}" for path in outside
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if re.search(r"gateway\.(api|_client)\b|^\s*(import|from) notion_client", line)]
    assert found == []


def test_the_gateway_offers_no_api_object_at_all():
    from worker.notion.client import NotionGateway

    assert not hasattr(NotionGateway, "api")
