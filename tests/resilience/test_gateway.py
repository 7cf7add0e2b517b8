"""The gateway's waits: Retry-After honoured (never cut short), jittered bounded back-off, no retry for 4xx, pacing.

Every wait goes through the stop event, so a recording event shows each wait without sleeping.
"""

from __future__ import annotations

import threading
import time

import pytest
from pydantic import SecretStr

from tests.fakes import DEFAULT_TOKEN, FakeNotion
from worker.notion import client as client_module
from worker.notion.client import NotionGateway, Pacer
from worker.notion.errors import (AccessDenied, Interrupted, NotionUnavailable, RequestRejected, RetryLater,
                                  TokenRejected, UnreadableAnswer)
from worker.core.configuration import NotionOptions

BASE_URL = "http://notion.fake"
USERS_ME = r"^/v1/users/me$"


class VirtualTime:
    """Stands in for the `time` module in worker.notion.client: a clock that only waits move."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def time(self) -> float:
        return 1_800_000_000.0 + self.now


class RecordingStop(threading.Event):
    """A stop event that is never set: every wait returns at once, noted and added to the virtual clock."""

    def __init__(self, clock: VirtualTime | None = None) -> None:
        super().__init__()
        self.waits: list[float] = []
        self.clock = clock

    def wait(self, timeout: float | None = None) -> bool:
        self.waits.append(timeout or 0.0)
        if self.clock:
            self.clock.now += timeout or 0.0
        return False


@pytest.fixture
def stop(monkeypatch: pytest.MonkeyPatch) -> RecordingStop:
    clock = VirtualTime()
    monkeypatch.setattr(client_module, "time", clock)
    return RecordingStop(clock)


def gateway(stop: threading.Event, **options) -> NotionGateway:
    return NotionGateway(SecretStr(DEFAULT_TOKEN), base_url=BASE_URL, stop=stop,
                         options=NotionOptions(requests_per_second=1e9, **options))


def call_users_me(fake: FakeNotion, gw: NotionGateway) -> dict:
    with fake.respx(BASE_URL):
        return gw.me()


def retry_waits(stop: RecordingStop) -> list[float]:
    return [w for w in stop.waits if w > 1e-6]  # pacing at 1e9/s asks for no measurable wait


@pytest.mark.parametrize("status", [429, 529])
def test_a_rate_limit_waits_exactly_its_retry_after(status, stop):
    fake = FakeNotion()
    fake.add_fault("GET", USERS_ME, status=status, retry_after=7)
    gw = gateway(stop)
    assert call_users_me(fake, gw)["object"] == "user"
    assert retry_waits(stop) == [7.0]
    assert (gw.stats.requests, gw.stats.retries, gw.stats.rate_limited) == (2, 1, 1)


def test_a_retry_after_longer_than_the_cap_gives_up_at_once_saying_when_notion_allows_the_next(stop):
    fake = FakeNotion()
    fake.add_fault("GET", USERS_ME, status=429, retry_after=600)
    gw = gateway(stop, max_retry_wait_seconds=60)
    with pytest.raises(RetryLater) as raised:
        call_users_me(fake, gw)
    assert retry_waits(stop) == []
    assert (gw.stats.requests, gw.stats.retries, gw.stats.rate_limited) == (1, 0, 1)
    assert raised.value.wait_seconds == 600
    assert raised.value.retry_at.timestamp() == pytest.approx(stop.clock.time() + 600)


def test_a_retry_after_within_the_cap_holds_every_later_request_even_when_the_tries_are_used_up(stop):
    fake = FakeNotion()
    fake.add_fault("GET", USERS_ME, status=429, retry_after=7, times=2)
    gw = gateway(stop, max_retries=1)
    with pytest.raises(NotionUnavailable):  # the first try and its one retry both answered 429
        call_users_me(fake, gw)
    asked_at = stop.clock.now
    assert call_users_me(fake, gw)["object"] == "user"  # the next request, of the next row say
    assert retry_waits(stop) == [7.0, pytest.approx(7.0)]  # the retry's wait, then the pacer's hold
    assert stop.clock.now - asked_at == pytest.approx(7.0)


def test_every_rate_limit_answer_is_counted_even_the_last_one(stop):
    fake = FakeNotion()
    fake.add_fault("GET", USERS_ME, status=429, retry_after=1, times=10)
    gw = gateway(stop, max_retries=2)
    with pytest.raises(NotionUnavailable):
        call_users_me(fake, gw)
    assert (gw.stats.requests, gw.stats.retries, gw.stats.rate_limited) == (3, 2, 3)


@pytest.mark.parametrize("fault", [{"status": s} for s in (409, 500, 502, 503, 504)]
                         + [{"kind": "timeout", "delay": 0.0}, {"kind": "reset"}])
def test_server_faults_back_off_with_jitter_and_stop_after_max_retries(fault, stop):
    fake = FakeNotion()
    fake.add_fault("GET", USERS_ME, times=100, **fault)
    gw = gateway(stop, max_retries=5)  # the production back-off: 0.5 s base
    with pytest.raises(NotionUnavailable):
        call_users_me(fake, gw)
    assert gw.stats.requests == 6 and gw.stats.retries == 5
    waits = retry_waits(stop)
    assert len(waits) == 5
    for attempt, wait in enumerate(waits, start=1):  # full jitter under 0.5 × 2^(n-1) seconds
        assert 0 <= wait <= 0.5 * 2 ** (attempt - 1)


def test_the_jittered_back_off_really_varies(stop):
    fake = FakeNotion()
    fake.add_fault("GET", USERS_ME, status=503, times=100)
    gw = gateway(stop, max_retries=8, retry_backoff_seconds=1.0)
    with pytest.raises(NotionUnavailable):
        call_users_me(fake, gw)
    waits = retry_waits(stop)
    assert len(set(waits)) == len(waits) == 8
    assert max(waits) <= 30.0


@pytest.mark.parametrize("status, error", [(400, RequestRejected), (401, TokenRejected),
                                           (403, AccessDenied), (404, AccessDenied)])
def test_4xx_answers_are_never_retried(status, error, stop):
    fake = FakeNotion()
    fake.add_fault("GET", USERS_ME, status=status, times=10)
    gw = gateway(stop)
    with pytest.raises(error) as raised:
        call_users_me(fake, gw)
    assert (gw.stats.requests, gw.stats.retries) == (1, 0)
    assert retry_waits(stop) == []
    assert raised.value.status == status and raised.value.request_id


def test_a_stop_during_a_retry_after_wait_interrupts_it_at_once():
    fake, stop = FakeNotion(), threading.Event()
    fake.add_fault("GET", USERS_ME, status=429, retry_after=30)
    gw = gateway(stop)
    threading.Timer(0.2, stop.set).start()
    started = time.monotonic()
    with pytest.raises(Interrupted):
        call_users_me(fake, gw)
    assert time.monotonic() - started < 5
    assert gw.stats.requests == 1  # no request after the stop


def test_the_pacer_spaces_requests_from_the_first_at_the_configured_rate():
    waits: list[float] = []
    pacer = Pacer(4.0, waits.append, catch_up=0.0)
    for _ in range(9):
        pacer.acquire()
    assert waits[0] == pytest.approx(0.25, abs=0.05)  # the first request went at once
    assert len(waits) == 8
    assert sum(waits) == pytest.approx(0.25 * (1 + 2 + 3 + 4 + 5 + 6 + 7 + 8), abs=0.1)


def test_the_pacer_makes_up_at_most_its_catch_up_time_after_a_pause():
    waits: list[float] = []
    pacer = Pacer(10.0, waits.append, catch_up=0.3)
    pacer.acquire()
    time.sleep(1.0)  # a long answer or the compute step: 10 slots missed, 3 may be made up
    for _ in range(5):
        pacer.acquire()
    # three missed slots made up and the current one go at once; the fifth waits its turn
    assert len(waits) == 1 and waits[0] == pytest.approx(0.1, abs=0.03)


def test_after_a_retry_after_wait_the_pacer_resumes_at_the_plain_pace_without_a_burst():
    waits: list[float] = []
    pacer = Pacer(10.0, waits.append, catch_up=1.0)
    pacer.acquire()
    pacer.defer(0.5)  # Notion said Retry-After; the gateway sleeps those 0.5 s itself
    time.sleep(0.5)
    for _ in range(3):
        pacer.acquire()
    # strict spacing again (the recorder does not sleep, so the second wait counts both slots);
    # without the deferral a second of credit would have let all three go at once
    assert waits == [pytest.approx(0.1, abs=0.03), pytest.approx(0.2, abs=0.03)]


@pytest.mark.parametrize("bug", [KeyError("id"), TypeError("unhashable"), ValueError("a value of ours")])
def test_a_bug_in_the_worker_is_not_an_outage_it_propagates_unwrapped(bug, stop):
    def broken(**_: object) -> dict:
        raise bug

    gw = gateway(stop)
    with pytest.raises(type(bug)) as raised:
        gw.call(broken, "broken")
    assert raised.value is bug
    assert gw.stats.retries == 0


def test_an_answer_that_is_json_but_not_an_object_is_a_typed_fault(stop):
    gw = gateway(stop)
    with pytest.raises(UnreadableAnswer):
        gw.call(lambda **_: ["not", "a", "page"], "odd")
