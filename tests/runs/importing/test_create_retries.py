"""A page create is never sent twice when Notion may have made it: retried only when it surely did not."""

from __future__ import annotations

import threading

import httpx
import pytest
import respx
from pydantic import SecretStr

from tests.fakes import DEFAULT_TOKEN
from worker.core.configuration import NotionOptions
from worker.notion.client import NotionGateway
from worker.notion.errors import NotionUnavailable

BASE_URL = "http://notion.fake"
PAGE = {"object": "page", "id": "0123456789abcdef0123456789abcdef", "url": "https://app.notion.com/p/x"}


class NoWaits(threading.Event):
    def wait(self, timeout: float | None = None) -> bool:
        return False


def create(answers: list) -> tuple[int, object]:
    """(requests sent, result or error) of one create whose tries meet `answers` in turn."""
    gateway = NotionGateway(SecretStr(DEFAULT_TOKEN), base_url=BASE_URL, stop=NoWaits(),
                            options=NotionOptions(requests_per_second=1000, max_retries=3))
    with respx.mock(base_url=BASE_URL) as mock:
        route = mock.post("/v1/pages").mock(side_effect=answers)
        try:
            result: object = gateway.create_page(repeatable=False, parent={"data_source_id": "x"}, properties={})
        except NotionUnavailable as error:
            result = error
        return route.call_count, result


def error(status: int, code: str) -> httpx.Response:
    return httpx.Response(status, json={"object": "error", "status": status, "code": code, "message": code},
                          headers={"Retry-After": "0"} if status == 429 else {})


@pytest.mark.parametrize("first", [
    error(429, "rate_limited"),
    error(409, "conflict_error"),
    httpx.ConnectError("refused"),
], ids=["rate limited", "conflict", "never reached"])
def test_a_create_notion_surely_did_not_make_is_retried(first):
    sent, result = create([first, httpx.Response(200, json=PAGE)])
    assert (sent, result["id"]) == (2, PAGE["id"])


@pytest.mark.parametrize("first", [
    error(500, "internal_server_error"),
    error(503, "service_unavailable"),
    httpx.ReadTimeout("slow"),
    httpx.RemoteProtocolError("dropped"),
], ids=["500", "503", "timed out", "dropped"])
def test_a_create_notion_may_have_made_is_not_retried(first):
    sent, result = create([first, httpx.Response(200, json=PAGE)])
    assert sent == 1 and isinstance(result, NotionUnavailable)
