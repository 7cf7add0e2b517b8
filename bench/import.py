"""Benchmark of `import linkedin`: python bench/import.py [--quick]

1,000 LinkedIn connections into a 1,000-row list at 3 requests/second (`--quick`: 300 into 300 at
30/s), against the fake Notion served on 127.0.0.1 from its own process with its rate limiter on
(as bench/sync.py does; its list, with LinkedIn URLs on the first rows). Of the connections, a tenth
match a row by LinkedIn URL and a tenth by name and company; the rest are new people.

The FAKE counts the requests and works out the minimum: the reads (databases.retrieve +
data_sources.retrieve + ceil(rows / 100) queries) + one create per page it gained. The import then
runs a second time, which must create nothing. Printed per run as bench/sync.py prints a sync
(writes = creates); the run also checks that exactly the new people were created.
Targets: ratio 1.00; achieved rate ≥ 95% of the allowed; ≤ 1% of requests answered 429.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import sys
import tempfile
import time
from dataclasses import asdict
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sync import PAGE_SIZE, FakeFigures, FakeProcess, RunFigures, build_fake, make_rows, settings_for  # noqa: E402

CASES = ((1_000, 3.0),)
QUICK_CASES = ((300, 30.0),)
MATCH_SHARE = 10  # one connection in MATCH_SHARE matches by URL, another one in MATCH_SHARE by name and company
SCHEMA_READS = 2
PREAMBLE = ('Notes:\r\n"When exporting your connection data, you may notice that some of the email addresses are '
            'missing."\r\n\r\n')
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
POSITIONS = ("Software Engineer", "Engineering Manager", "Technical Recruiter", "Founder & CEO", "Product Designer")


def profile_url(index: int) -> str:
    return f"https://www.linkedin.com/in/person-{index:05d}"


def url_matches(rows: int) -> int:
    return rows // MATCH_SHARE


def connections_csv(rows: int) -> tuple[str, int]:
    """(Connections.csv text, how many of its people are new) for a list of `rows` seeded rows."""
    existing = make_rows(rows)
    lines = []
    for i in range(rows):
        if i < url_matches(rows):  # the row's own URL, under another spelling and a new name
            first, last, url, company = "Renamed", f"Person {i:05d}", profile_url(i).upper() + "/", "Elsewhere"
        elif i < 2 * url_matches(rows):  # the row's name and company, no URL on the row
            first, last = existing[i]["Name"].split(" ", 1)
            url, company = f"https://www.linkedin.com/in/other-{i:05d}", existing[i]["Company"] + ", Inc."
        else:
            first, last, url, company = "New", f"Contact {i:05d}", f"https://www.linkedin.com/in/new-{i:05d}", "Acme, Inc."
        lines.append([first, last, url, "", company, POSITIONS[i % len(POSITIONS)], f"{1 + i % 28:02d} Mar 2024"])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(lines)
    return "\ufeff" + PREAMBLE + out.getvalue(), rows - 2 * url_matches(rows)


def serve_import_fake(rows: int, rate: float, conn: Connection) -> None:
    """The fake's process: bench/sync.py's seeded list (and its Today page, unused here), LinkedIn URLs
    on the first rows; answers begin/end/stop."""
    fake, db_id, ds_id, today_page = build_fake(rows, rate)
    for i, page_id in enumerate(fake.pages_of(ds_id)[: url_matches(rows)]):
        fake.set_values(page_id, {"LinkedIn": profile_url(i)})
    with fake.serve() as base_url:
        conn.send((base_url, db_id, ds_id, today_page))
        before = 0
        while True:
            command = conn.recv()
            if command == "begin":
                before = len(fake.pages_of(ds_id))
                fake.reset_requests()
                conn.send("ok")
            elif command == "end":
                conn.send(asdict(import_figures(fake, ds_id, before)))
            else:
                return


def import_figures(fake, ds_id: str, before: int) -> FakeFigures:
    records = list(fake.iter_requests())
    created = len(fake.pages_of(ds_id)) - before
    span = max(r.finished for r in records) - min(r.started for r in records) if records else 0.0
    return FakeFigures(
        requests=len(records),
        minimum=SCHEMA_READS + max(1, math.ceil(before / PAGE_SIZE)) + created,
        looks=0,  # an import reads the list once and asks for no edits made meanwhile
        retries=sum(1 for r in records if r.status != 200),
        rate_limited=sum(1 for r in records if r.fault == "rate_limit"),
        writes=sum(1 for r in records if r.method == "POST" and r.path == "/v1/pages" and r.status == 200),
        changed_rows=created,
        span=span,
        internal_errors=len(fake.internal_errors),
        page_requests=0,  # an import does not touch the Today page
    )


def run_once(fake: FakeProcess, settings, export: Path, label: str, rate: float) -> RunFigures:
    from worker.runs.importing.apply import fetch_connections, run_import

    parsed = fetch_connections(export)
    fake.begin()
    started = time.monotonic()
    result = run_import(settings, parsed, source_name=str(export), closeness="Acquaintance")
    wall = time.monotonic() - started
    seen = fake.end()
    report = result.report
    note = f"  FAILURES {len(report.failures)}" if report.failures else ""
    note += f"  (matched {len(report.matches)}, created {len(report.created)})"
    return RunFigures(label, seen, wall, rate, note)


def bench_case(rows: int, rate: float) -> tuple[list[RunFigures], bool]:
    figures = []
    text, new_people = connections_csv(rows)
    with tempfile.TemporaryDirectory() as folder, FakeProcess(rows, rate, serve_import_fake) as fake:
        export = Path(folder) / "Connections.csv"
        export.write_text(text, encoding="utf-8")
        settings = settings_for(fake.base_url, fake.db_id, fake.today_page, rate, Path(folder))
        for run, expected in (("first", new_people), ("again", 0)):
            figure = run_once(fake, settings, export, f"{rows:,} into {rows:,} @ {rate:g}/s {run}", rate)
            figures.append(figure)
            print(figure.line(), flush=True)
            if figure.seen.changed_rows != expected:
                print(f"  created {figure.seen.changed_rows} pages, expected {expected}", flush=True)
                return figures, False
    return figures, True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 connections into 300 rows at 30/s, as a smoke run")
    args = parser.parse_args(argv)
    results = [bench_case(rows, rate) for rows, rate in (QUICK_CASES if args.quick else CASES)]
    figures = [figure for case, _ in results for figure in case]
    met = all(right for _, right in results) and all(
        round(f.ratio, 2) == 1.00 and f.achieved >= 0.95 * f.allowed and f.seen.rate_limited <= 0.01 * f.seen.requests
        for f in figures)
    print("targets met" if met else "targets NOT met", flush=True)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
