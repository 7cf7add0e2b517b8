"""Auth and version checks, injected faults, chaos, the rate limiter, latency and the request log."""

from __future__ import annotations

import logging
import time

import httpx
import pytest
from notion_client import APIResponseError, Client
from notion_client.errors import RequestTimeoutError, UnknownHTTPResponseError

from tests.fakes import DEFAULT_TOKEN, FakeNotion

QUIET = logging.getLogger("fakes_test.notion_client")


def _error(call, kind=APIResponseError):
    with pytest.raises(kind) as caught:
        call()
    return caught.value


def test_a_wrong_token_is_401_unauthorized(fake: FakeNotion):
    with fake.respx():
        wrong = Client(auth="secret_wrong", retry=False, logger=QUIET)
        error = _error(wrong.users.me)
    assert (error.status, error.code, str(error)) == (401, "unauthorized", "API token is invalid.")


def test_a_missing_notion_version_is_400_missing_version(fake: FakeNotion):
    status, _, body = fake.handle("GET", "/v1/users/me", {}, {"Authorization": f"Bearer {DEFAULT_TOKEN}"}, b"")
    assert status == 400 and b'"code":"missing_version"' in body
    with fake.respx():
        client = Client(auth=DEFAULT_TOKEN, retry=False, logger=QUIET, notion_version="2022-06-28")
        ds_id = fake.create_outreach_list()[1]
        assert _error(lambda: client.data_sources.retrieve(data_source_id=ds_id)).code == "invalid_request_url"


def test_a_429_fault_carries_retry_after_and_then_the_request_succeeds(fake, notion):
    fake.add_fault(method="GET", path_pattern=r"^/v1/users/me$", status=429, retry_after=7)
    error = _error(notion.users.me)
    assert (error.status, error.code, error.headers["retry-after"]) == (429, "rate_limited", "7")
    assert notion.users.me()["object"] == "user"
    assert [(r.status, r.fault) for r in fake.requests] == [(429, "fault"), (200, None)]


@pytest.mark.parametrize("status, exception, code", [
    (500, APIResponseError, "internal_server_error"),
    (502, UnknownHTTPResponseError, "notionhq_client_response_error"),
    (503, APIResponseError, "service_unavailable"),
    (504, APIResponseError, "gateway_timeout"),
    (529, UnknownHTTPResponseError, "notionhq_client_response_error"),
    (409, APIResponseError, "conflict_error"),
])
def test_http_faults_surface_as_the_client_maps_them(fake, notion, outreach, status, exception, code):
    page_id = fake.add_people(outreach[1], [{"Name": "A"}])[0]
    fake.add_fault(method="PATCH", page_id=page_id, status=status)
    error = _error(lambda: notion.pages.update(page_id=page_id, properties={}), exception)
    assert (error.status, error.code) == (status, code)
    assert fake.matching("PATCH")[0].code is not None


def test_the_529_body_says_service_overload_and_502_is_html(fake: FakeNotion):
    fake.add_fault(status=529)
    fake.add_fault(status=502)
    headers = {"Authorization": f"Bearer {DEFAULT_TOKEN}", "Notion-Version": "2025-09-03"}
    status, reply_headers, body = fake.handle("GET", "/v1/users/me", {}, headers, b"")
    assert status == 529 and b"service_overload" in body and reply_headers["Retry-After"] == "0"
    status, _, body = fake.handle("GET", "/v1/users/me", {}, headers, b"")
    assert status == 502 and body.startswith(b"<html>")


def test_timeouts_and_resets_in_process(fake: FakeNotion):
    fake.add_fault(kind="timeout")
    fake.add_fault(kind="reset")
    with fake.respx():
        client = Client(auth=DEFAULT_TOKEN, retry=False, logger=QUIET)
        _error(client.users.me, RequestTimeoutError)
        _error(client.users.me, httpx.RemoteProtocolError)
        assert client.users.me()["object"] == "user"
    assert [r.status for r in fake.requests] == [None, None, 200]
    assert [r.fault for r in fake.requests] == ["timeout", "reset", None]


def test_timeouts_and_resets_over_a_real_socket(fake: FakeNotion):
    fake.add_fault(kind="timeout", delay=1.0)
    fake.add_fault(kind="reset")
    with fake.serve() as base_url:
        client = Client(auth=DEFAULT_TOKEN, base_url=base_url, retry=False, logger=QUIET, timeout_ms=200)
        _error(client.users.me, RequestTimeoutError)
        _error(client.users.me, (httpx.RemoteProtocolError, httpx.ReadError))
        assert client.users.me()["object"] == "user"
        client.close()


def test_chaos_is_seeded_and_sticky_pages_always_fail(fake, notion, outreach):
    sticky, other = fake.add_people(outreach[1], [{"Name": "Sticky"}, {"Name": "Other"}])
    fake.chaos(rate=0.0, sticky_pages={sticky})
    for _ in range(3):
        assert _error(lambda: notion.pages.update(page_id=sticky, properties={})).status == 500
    assert notion.pages.update(page_id=other, properties={})["id"] == other

    def run(seed: int) -> list[int | None]:
        chaotic = FakeNotion()
        chaotic.chaos(rate=0.5, seed=seed)
        headers = {"Authorization": f"Bearer {DEFAULT_TOKEN}", "Notion-Version": "2025-09-03"}
        return [chaotic.handle("GET", "/v1/users/me", {}, headers, b"")[0] for _ in range(40)]

    assert run(3) == run(3) and 200 in run(3) and set(run(3)) - {200}


def test_the_rate_limiter_answers_429_with_an_integer_retry_after(fake):
    limited = FakeNotion(rate_limit=3.0, burst=3)
    headers = {"Authorization": f"Bearer {DEFAULT_TOKEN}", "Notion-Version": "2025-09-03"}
    answers = [limited.handle("GET", "/v1/users/me", {}, headers, b"") for _ in range(5)]
    assert [a[0] for a in answers] == [200, 200, 200, 429, 429]
    assert answers[3][1]["Retry-After"] == "1" and b"rate_limited" in answers[3][2]
    time.sleep(0.4)
    assert limited.handle("GET", "/v1/users/me", {}, headers, b"")[0] == 200


def test_slow_adds_latency_that_the_log_shows(fake, notion):
    fake.slow(0.05)
    notion.users.me()
    record = fake.requests[0]
    assert record.finished - record.started >= 0.05


def test_the_token_never_appears_in_the_log_or_repr(fake, notion, outreach):
    fake.add_fault(status=500)
    _error(notion.users.me)
    notion.data_sources.query(data_source_id=outreach[1])
    dump = repr(fake) + repr(fake.requests) + repr(vars(fake).get("requests"))
    assert DEFAULT_TOKEN not in dump
    assert fake.count() == 2 and fake.count("POST", r"/query$", status=200) == 1
