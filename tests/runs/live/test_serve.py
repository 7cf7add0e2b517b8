"""`serve` (SPEC §10): Notion's webhooks in, looks out. Requests are real HTTP to the server on a free
port; the look is counted (and, in the last test, a real look against the fake Notion)."""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from worker.runs.live.serve import MERGE_SECONDS, Looker, WebhookState, start_server
from worker.runs.live.webhooks import sign

TOKEN = "secret_verification_token_for_tests"
LIST = "98024f3c-b1d3-4aec-a301-f01e0dacf023"
BOT = "5b8183bd-8984-4417-b2a6-7dc8e439e679"
PERSON = "c7c11cca-1d73-471d-9b6e-bdef51470190"


def event(data_source: str = LIST, authors: tuple[tuple[str, str], ...] = ((PERSON, "person"),)) -> bytes:
    """A page.properties_updated event as NOTION.md §E records it (API 2025-09-03)."""
    return json.dumps({
        "id": "1782edd6-a853-4d4a-b02c-9c8c16f28e53", "timestamp": "2026-12-05T23:57:05.379Z",
        "workspace_id": "13950b26-c203-4f3b-b97d-93ec06319565", "workspace_name": "Job search",
        "subscription_id": "29d75c0d-5546-4414-8459-7b7a92f1fc4b",
        "integration_id": "0ef2e755-4912-8096-91c1-00376a88a5ca", "type": "page.properties_updated",
        "authors": [{"id": who, "type": kind} for who, kind in authors], "attempt_number": 1,
        "entity": {"id": "153104cd-477e-809d-8dc4-ff2d96ae3090", "type": "page"},
        "data": {"parent": {"id": "36cc9195-760f-4fff-a67e-3a46c559b176", "type": "database",
                            "data_source_id": data_source}, "updated_properties": ["XGe%40"]},
    }).encode()


class Server:
    def __init__(self, token: str | None) -> None:
        self.looks: list[float] = []
        self.stop = threading.Event()
        self.looker = Looker(lambda: self.looks.append(time.monotonic()), self.stop, settle_seconds=60)
        self.state = WebhookState(token, LIST.replace("-", ""), BOT.replace("-", ""), self.looker)
        self.http = start_server(self.state, 0, host="127.0.0.1")
        self.looker.start()

    def post(self, body: bytes, signature: str | None = None) -> int:
        request = urllib.request.Request(f"http://127.0.0.1:{self.http.server_address[1]}/", data=body, method="POST")
        if signature is not None:
            request.add_header("X-Notion-Signature", signature)
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                return answer.status
        except urllib.error.HTTPError as refused:
            return refused.code

    def close(self) -> None:
        self.stop.set()
        self.http.shutdown()
        self.looker.join(5)


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server(TOKEN)
    yield running
    running.close()


def settle() -> None:
    time.sleep(MERGE_SECONDS + 0.5)  # past the merge window: a look owed has run


def test_the_verification_request_is_answered_and_its_token_logged_once_for_the_person(caplog):
    running = Server(None)
    try:
        with caplog.at_level(logging.WARNING, logger="worker.runs.live"):
            assert running.post(json.dumps({"verification_token": TOKEN}).encode()) == 200
        [logged] = [r.getMessage() for r in caplog.records if TOKEN in r.getMessage()]
        assert "NOTION_WEBHOOK_TOKEN=" + TOKEN in logged
        assert running.post(event(), sign(event(), TOKEN)) == 200  # the token now checks the events
        settle()
        assert len(running.looks) == 1
    finally:
        running.close()


def test_an_event_with_a_good_signature_starts_a_look_within_2_seconds(server):
    sent = time.monotonic()
    assert server.post(event(), sign(event(), TOKEN)) == 200
    settle()
    assert len(server.looks) == 1 and server.looks[0] - sent < 2.0


@pytest.mark.parametrize("signature", [None, "sha256=" + "0" * 64, sign(event(), "another token")])
def test_an_unsigned_or_wrongly_signed_event_is_refused_with_401_and_runs_nothing(server, signature):
    assert server.post(event(), signature) == 401
    settle()
    assert server.looks == []


def test_an_event_about_another_data_source_is_ignored(server):
    other = event(data_source="0123456789abcdef0123456789abcdef")
    assert server.post(other, sign(other, TOKEN)) == 200
    settle()
    assert server.looks == []


def test_an_event_whose_only_author_is_the_workers_own_bot_is_ignored(server):
    own = event(authors=((BOT, "bot"),))
    assert server.post(own, sign(own, TOKEN)) == 200
    both = event(authors=((BOT, "bot"), (PERSON, "person")))
    settle()
    assert server.looks == []
    assert server.post(both, sign(both, TOKEN)) == 200  # a person among the authors: a look
    settle()
    assert len(server.looks) == 1


def test_a_burst_of_20_events_makes_one_look(server):
    bodies = [event() for _ in range(20)]
    threads = [threading.Thread(target=server.post, args=(body, sign(body, TOKEN))) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    settle()
    assert len(server.looks) == 1


def test_a_signed_event_gets_a_persons_settled_edit_written_within_seconds(tmp_path, monkeypatch):
    from datetime import date

    from tests.fakes import DEFAULT_TOKEN, FakeNotion
    from worker.runs.scheduler import SyncRunner
    from worker.settings import load_settings

    fake = FakeNotion()
    db_id, ds_id = fake.create_outreach_list()
    [ada] = fake.add_people(ds_id, [{"Name": "Ada Byron", "Company": "Elsewhere", "Closeness": "Warm",
                                     "Status": "Reached out", "Last contacted": "2026-11-20"}])
    config = tmp_path / "outreach.toml"
    config.write_text("[notion]\nrequests_per_second = 100000\nmax_retries = 1\nretry_backoff_seconds = 0\n")
    monkeypatch.chdir(tmp_path)
    for key, value in {"NOTION_TOKEN": DEFAULT_TOKEN, "OUTREACH_DATABASE_ID": db_id,
                       "NOTION_API_BASE_URL": "http://notion.fake", "OUTREACH_STATE_DIR": str(tmp_path / "state"),
                       "OUTREACH_CONFIG": str(config)}.items():
        monkeypatch.setenv(key, value)
    stop = threading.Event()
    runner = SyncRunner(load_settings(), date(2026, 11, 26), stop, fake.clock)
    looker = Looker(lambda: runner("look"), stop, settle_seconds=60)
    state = WebhookState(TOKEN, ds_id.replace("-", ""), fake.bot.id.replace("-", ""), looker)
    with fake.respx("http://notion.fake"):
        runner("sync")
        fake.set_values(ada, {"Status": "Replied"})
        fake.clock.advance(minutes=3)
        http = start_server(state, 0, host="127.0.0.1")
        looker.start()
        try:
            body = event(data_source=ds_id)
            request = urllib.request.Request(f"http://127.0.0.1:{http.server_address[1]}/", data=body, method="POST",
                                             headers={"X-Notion-Signature": sign(body, TOKEN)})
            with urllib.request.urlopen(request, timeout=5) as answer:
                assert answer.status == 200
            deadline = time.monotonic() + 10
            while fake.page_values(ada)["Follow up on"] != "2026-11-26" and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            stop.set()
            http.shutdown()
            looker.join(5)
    assert fake.page_values(ada)["Follow up on"] == "2026-11-26"  # Replied: due the day the reply was first read (v3)


def test_stopping_does_not_wait_for_a_follow_up_look_owed_minutes_later():
    looks: list[float] = []
    stop = threading.Event()
    looker = Looker(lambda: looks.append(time.monotonic()), stop, settle_seconds=60)
    looker.start()
    looker.poke()
    deadline = time.monotonic() + 5
    while not looks and time.monotonic() < deadline:
        time.sleep(0.05)
    assert looks  # the event's look ran; a follow-up is now owed 60 s later
    stop.set()
    started = time.monotonic()
    looker.join(10)
    assert time.monotonic() - started < 1 and len(looks) == 1
