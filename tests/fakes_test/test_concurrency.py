"""The fake under concurrent clients, and the client's own retry honouring the fake's Retry-After."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from notion_client import Client, RetryOptions

from tests.fakes import DEFAULT_TOKEN, FakeNotion

QUIET = logging.getLogger("fakes_test.notion_client")


def test_parallel_patches_over_the_socket_all_land(fake: FakeNotion, outreach):
    ids = fake.add_people(outreach[1], [{"Name": f"P{i}"} for i in range(40)])
    fake.slow(0.01)
    with fake.serve() as base_url:
        def write(index_and_id: tuple[int, str]) -> int:
            index, page_id = index_and_id
            client = Client(auth=DEFAULT_TOKEN, base_url=base_url, retry=False, logger=QUIET)
            try:
                client.pages.update(page_id=page_id, properties={"Strength": {"number": index}})
            finally:
                client.close()
            return index

        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(write, enumerate(ids)))
    assert [fake.page_values(p)["Strength"] for p in ids] == list(range(40))
    assert len(fake.patches()) == 40
    spans = sorted((r.started, r.finished) for r in fake.requests)
    assert any(later[0] < earlier[1] for earlier, later in zip(spans, spans[1:], strict=False))   # overlapped


def test_the_client_retry_waits_the_retry_after_of_a_429_fault(fake: FakeNotion, outreach):
    page_id = fake.add_people(outreach[1], [{"Name": "A"}])[0]
    fake.add_fault(method="PATCH", status=429, retry_after=0, times=2)
    with fake.respx():
        client = Client(auth=DEFAULT_TOKEN, logger=QUIET, retry=RetryOptions(max_retries=2))
        client.pages.update(page_id=page_id, properties={"Stale": {"checkbox": True}})
    assert [r.status for r in fake.matching("PATCH")] == [429, 429, 200]
    assert len(fake.patches(include_failed=True)) == 3 and len(fake.patches()) == 1
