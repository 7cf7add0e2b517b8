"""Benchmark of the Notion I/O: python bench/sync.py [--quick] [--only ROWS]

For each case (1,000 rows at 3 requests/second, 10,000 rows at 30 requests/second; `--quick`: 300 rows
at 30/s) a fresh fake Notion is served on 127.0.0.1 with its rate limiter on (a token bucket of the
same rate, burst twice the rate, 429 + Retry-After past it), and the worker's `sync_notion`, configured
to the same rate, runs twice against it: a first run that fills the list, a second with nothing changed.
The fake runs in a process of its own (built there from the same seed), so the worker and the server
don't take turns on one interpreter lock; this process drives it over a pipe.

The FAKE, not the worker, counts the requests and works out the minimum a sync needs:
schema reads (databases.retrieve + data_sources.retrieve) + ceil(rows / 100) queries + the relation
fetches of rows with more than 25 links + the rows whose stored values the run changed (read from the
fake's own state before and after, so a PATCH that changes nothing counts against the worker) + the
Today page: 1 read, and 1 replace only when its content changed (again from the fake's own state) + the
looks for rows edited meanwhile that a run with writes owes: one before its first write and one per
WRITE_LOOK_SECONDS of writing after it, each one request when nothing was edited.
Printed per run: requests, minimum, ratio of first tries to minimum (retries apart), 429s, writes,
wall seconds (the whole run, compute included), the seconds of computing (stretches over
COMPUTING_GAP seconds with no request in flight: reading → deciding → writing; the pacer never holds a
request that long at these rates), and the achieved rate over the span from the first request sent to
the last answered, those stretches left out (the pacing the API saw), beside requests / wall.
Targets: ratio 1.00; achieved rate ≥ 95% of the allowed; ≤ 1% of requests answered 429.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import random
import re
import socketserver
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakes import DEFAULT_TOKEN, FakeNotion  # noqa: E402
from tests.fakes.query import Matcher  # noqa: E402
from tests.fakes.workspace import PagesFakeNotion  # noqa: E402
from worker.runs.sync.writeback import WRITE_LOOK_SECONDS  # noqa: E402

CASES = ((1_000, 3.0), (10_000, 30.0))
ROW_PATCH = re.compile(r"/v1/pages/[^/]+")  # a row's PATCH (not the Today page's /markdown)
QUICK_CASES = ((300, 30.0),)
TODAY = date(2026, 11, 26)
SEED = 20261126
RELATIONS = ("Knows", "Introduced by", "Intro via")
LINKS_SHOWN = 25  # a page object carries at most 25 links of a relation
PAGE_SIZE = 100
OVERFLOW_ROWS = 3  # rows with 30 Knows links, read in full through the property endpoint
# An idle stretch longer than this is the worker computing (reading → deciding → writing), not pacing:
# at 3 requests a second and up the pacer holds a request at most 1/3 s after the answer before it.
COMPUTING_GAP = 0.5
COMPANIES = tuple(f"Company {i}" for i in range(30)) + ("Stripe", "Figma", "Notion")
CLOSENESS = ("Close", "Warm", "Warm", "Acquaintance", "Acquaintance", "Cold", "Cold", "Cold", "")
STATUSES = ("", "", "", "Not contacted", "Not contacted", "Reached out", "Replied", "Interviewing",
            "Not interested")
INTERESTS = ("rust", "climbing", "jazz", "chess", "cycling")

# The fake's http.server writes an answer's headers and body separately; with Nagle's algorithm on,
# the body then waits for the client's delayed ACK (~40 ms a request on Linux), which would cap the
# bench near 25 requests/second whatever the worker does. Real servers set TCP_NODELAY; so does this.
socketserver.StreamRequestHandler.disable_nagle_algorithm = True


class BenchFakeNotion(PagesFakeNotion):
    """The fake (with pages and their markdown, for the Today page) plus `request_status` on query
    answers, as Notion's newer answers carry it."""

    def _h_query_data_source(self, raw_id: str, *, query: dict, body: dict) -> dict:
        answer = super()._h_query_data_source(raw_id, query=query, body=body)
        if not answer["has_more"]:
            with self._lock:
                ds = self.find_source(raw_id)
                matcher = Matcher(ds, body.get("filter"))
                total = sum(1 for p in self.source_pages(ds.id) if not p.in_trash and matcher.matches(p))
            cut = total > self.query_result_cap
            answer["request_status"] = (
                {"type": "incomplete", "incomplete_reason": "query_result_limit_reached"} if cut
                else {"type": "complete"})
        return answer





def make_rows(n: int, seed: int = SEED) -> list[dict[str, Any]]:
    """n seeded rows (relations added afterwards by id); a few Paused."""
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        row: dict[str, Any] = {"Name": f"Person {i:05d}", "Company": rnd.choice(COMPANIES),
                               "Role": rnd.choice(("Engineer", "Recruiter", "Founder", "Other")),
                               "Closeness": rnd.choice(CLOSENESS), "Status": rnd.choice(STATUSES),
                               "Shared interests": rnd.sample(INTERESTS, rnd.randint(0, 2))}
        if rnd.random() < 0.8:
            row["Last contacted"] = (TODAY - timedelta(days=rnd.randint(0, 400))).isoformat()
        if rnd.random() < 0.01:
            row["Paused"] = True
        rows.append({k: v for k, v in row.items() if v not in ("", [])})
    return rows


def build_fake(rows: int, rate: float) -> tuple[BenchFakeNotion, str, str, str]:
    """A fresh fake with the list filled (a few Knows links each, OVERFLOW_ROWS rows with 30) and an
    empty Today page beside it."""
    fake = BenchFakeNotion(rate_limit=rate)
    holder = fake.add_page("Job search")
    db_id, ds_id = fake.create_outreach_list(parent_page_id=holder)
    today_page = fake.add_page("Outreach Today", parent_id=holder)
    ids = fake.add_people(ds_id, make_rows(rows))
    rnd = random.Random(SEED + 1)
    for i, page_id in enumerate(ids):
        count = 30 if i < OVERFLOW_ROWS else rnd.choice((0, 0, 1, 2, 3))
        links = rnd.sample(ids, min(count, len(ids) - 1)) if count else []
        if links:
            fake.set_values(page_id, {"Knows": [link for link in links if link != page_id]})
    return fake, db_id, ds_id, today_page


def snapshot(fake: FakeNotion, ds_id: str) -> dict[str, dict[str, Any]]:
    return {page_id: fake.page_values(page_id) for page_id in fake.pages_of(ds_id)}


def minimum_requests(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]],
                     page_changed: bool) -> tuple[int, int]:
    """(minimum requests, rows changed) for a sync that took the fake from `before` to `after`,
    with the Today page read once and replaced only if its content changed; the looks for edits
    made meanwhile aside (see `looks_owed`)."""
    queries = max(1, math.ceil(len(before) / PAGE_SIZE))
    overflow = sum(math.ceil(len(values.get(name) or []) / PAGE_SIZE)
                   for values in before.values() for name in RELATIONS
                   if len(values.get(name) or []) > LINKS_SHOWN)
    changed = sum(1 for page_id, values in before.items() if after[page_id] != values)
    today_page = 1 + int(page_changed)
    return 2 + queries + overflow + today_page, changed


def is_look(record: Any) -> bool:
    """A query for rows edited since a moment (the worker's look for edits made meanwhile)."""
    return record.path.endswith("/query") and "last_edited_time" in str(record.body)


def looks_owed(records: list[Any]) -> int:
    """One look before the first write, one per WRITE_LOOK_SECONDS of writing after it."""
    patches = [r.started for r in records if r.method == "PATCH" and ROW_PATCH.fullmatch(r.path)]
    if not patches:
        return 0
    return 1 + int((max(patches) - min(patches)) // WRITE_LOOK_SECONDS)


@dataclass
class FakeFigures:
    """What the fake saw of one run (sent back over the pipe)."""

    requests: int
    minimum: int
    looks: int
    retries: int
    rate_limited: int
    writes: int
    changed_rows: int
    span: float
    computing: float  # seconds of the span with no request in flight for over COMPUTING_GAP at a time
    internal_errors: int
    page_requests: int  # the Today page's reads and replaces


@dataclass
class RunFigures:
    """One sync: what the fake saw of it, with the worker side's label, wall time and allowed rate."""

    label: str
    seen: FakeFigures
    wall: float
    allowed: float
    exit_note: str

    @property
    def met(self) -> bool:
        return (round(self.ratio, 2) == 1.00 and self.achieved >= 0.95 * self.allowed
                and self.seen.rate_limited <= 0.01 * self.seen.requests)

    @property
    def ratio(self) -> float:
        return (self.seen.requests - self.seen.retries) / self.seen.minimum

    @property
    def achieved(self) -> float:
        """Requests per second over the span the fake saw (first sent to last answered), computing left out."""
        asking = self.seen.span - self.seen.computing
        return self.seen.requests / asking if asking > 0 else 0.0

    def line(self) -> str:
        seen = self.seen
        by_wall = seen.requests / self.wall if self.wall else 0.0
        share_429 = seen.rate_limited / seen.requests if seen.requests else 0.0
        return (f"{self.label:<22} requests {seen.requests:>6}  minimum {seen.minimum:>6}  looks {seen.looks:>2}  "
                f"ratio {self.ratio:.2f} (+{seen.retries} retries)  429s {seen.rate_limited} ({share_429:.1%})  "
                f"writes {seen.writes:>6}  page {seen.page_requests}  wall {self.wall:7.1f} s  achieved {self.achieved:5.2f}/s "
                f"({self.achieved / self.allowed:.0%} of {self.allowed:g}; {by_wall:.2f}/s over wall)  "
                f"computing {self.seen.computing:.1f} s{self.exit_note}")


def serve_fake(rows: int, rate: float, conn: Connection) -> None:
    """The fake's process: build the seeded list, serve it, answer "begin" / "end" / "stop" on `conn`."""
    fake, db_id, ds_id, today_page = build_fake(rows, rate)
    with fake.serve() as base_url:
        conn.send((base_url, db_id, ds_id, today_page))
        before: dict[str, dict[str, Any]] = {}
        page_before = ""
        while True:
            command = conn.recv()
            if command == "begin":   # state before the run; an empty request log
                before = snapshot(fake, ds_id)
                page_before = fake.page_markdown(today_page)
                fake.reset_requests()
                conn.send("ok")
            elif command == "end":   # plain data over the pipe
                page_changed = fake.page_markdown(today_page) != page_before
                conn.send(asdict(fake_figures(fake, ds_id, before, page_changed)))
            else:
                return


def fake_figures(fake: BenchFakeNotion, ds_id: str, before: dict[str, dict[str, Any]],
                 page_changed: bool) -> FakeFigures:
    records = list(fake.iter_requests())
    base, changed = minimum_requests(before, snapshot(fake, ds_id), page_changed)
    span = max(r.finished for r in records) - min(r.started for r in records) if records else 0.0
    return FakeFigures(requests=len(records), minimum=base + changed + looks_owed(records),
                       looks=sum(1 for r in records if is_look(r)),
                       retries=sum(1 for r in records if r.status != 200),
                       rate_limited=sum(1 for r in records if r.fault == "rate_limit"),
                       writes=len(fake.patches()), changed_rows=changed, span=span,
                       computing=computing_seconds(records),
                       internal_errors=len(fake.internal_errors),
                       page_requests=sum(1 for r in records if r.path.endswith("/markdown")))


def computing_seconds(records: list[Any]) -> float:
    """The worker's stretches of thought: gaps over COMPUTING_GAP between an answer and the next request."""
    total, answered = 0.0, None
    for record in sorted(records, key=lambda r: r.started):
        if answered is not None and record.started - answered > COMPUTING_GAP:
            total += record.started - answered
        answered = record.finished if answered is None else max(answered, record.finished)
    return total


class FakeProcess:
    """The fake Notion of one case, served from its own process; a context manager."""

    def __init__(self, rows: int, rate: float, serve: Callable[[int, float, Connection], None] = serve_fake) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=serve, args=(rows, rate, child), daemon=True,
                                        name="fake-notion")
        self._process.start()
        child.close()
        self.base_url, self.db_id, self.ds_id, self.today_page = self._conn.recv()

    def begin(self) -> None:
        self._conn.send("begin")
        self._conn.recv()

    def end(self) -> FakeFigures:
        self._conn.send("end")
        return FakeFigures(**self._conn.recv())

    def __enter__(self) -> FakeProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._conn.send("stop")
        except OSError:
            pass
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=5)
        self._conn.close()


def run_once(fake: FakeProcess, settings: Any, label: str, rate: float) -> RunFigures:
    from worker.runs.sync import sync_notion

    fake.begin()
    started = time.monotonic()
    result = sync_notion(settings, today=TODAY)
    wall = time.monotonic() - started
    seen = fake.end()
    report = result.report
    note = f"  FAILURES {len(report.failures)}" if report.failures else ""
    return RunFigures(label, seen, wall, rate, note)


def settings_for(base_url: str, db_id: str, today_page: str, rate: float, folder: Path) -> Any:
    from worker.settings import load_settings

    config = folder / "outreach.toml"
    config.write_text(f"[notion]\nrequests_per_second = {rate}\n", encoding="utf-8")
    os.environ.update({"NOTION_TOKEN": DEFAULT_TOKEN, "OUTREACH_DATABASE_ID": db_id, "OUTREACH_TODAY_PAGE": today_page,
                       "NOTION_API_BASE_URL": base_url, "OUTREACH_STATE_DIR": str(folder / "state"),
                       "OUTREACH_TARGET_COMPANIES": "Stripe, Figma, Notion", "OUTREACH_TIMEZONE": "UTC"})
    return load_settings(config, env_file=None)


def bench_case(rows: int, rate: float) -> list[RunFigures]:
    figures = []
    with tempfile.TemporaryDirectory() as folder, FakeProcess(rows, rate) as fake:
        settings = settings_for(fake.base_url, fake.db_id, fake.today_page, rate, Path(folder))
        for run in ("first", "second"):
            label = f"{rows:,} rows @ {rate:g}/s {run}"
            figure = run_once(fake, settings, label, rate)
            figures.append(figure)
            print(figure.line(), flush=True)
            if figure.seen.internal_errors:
                print(f"  the fake had {figure.seen.internal_errors} internal errors", flush=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one small case (300 rows at 30/s) as a smoke run")
    parser.add_argument("--only", type=int, metavar="ROWS", help="run only the case with this many rows")
    args = parser.parse_args(argv)
    cases = QUICK_CASES if args.quick else tuple(c for c in CASES if args.only in (None, c[0]))
    all_figures = [figure for rows, rate in cases for figure in bench_case(rows, rate)]
    met = all(f.met for f in all_figures)
    print("targets met" if met else "targets NOT met", flush=True)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
