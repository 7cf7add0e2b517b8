"""Benchmark of the rules core: python bench/rules.py [SIZE ...]

For each size (default 1,000 / 10,000 / 100,000 people, 5 Knows links each, seeded), a fresh
process builds the list and times compute_outcome as a sync runs it (cycle collector paused): on
the list as a first sync sees it (no Worker state), the next day on what that sync wrote (every
row with its state, as in steady use), and a look (SPEC §10) that day: one row set to Replied,
computed with the next day's work to reuse. It prints the median seconds of a few runs, each after
a full gc.collect(), and the peak memory of the process.
Targets (issue 9): 10,000 people and ~50,000 links under 1 s; 100,000 people under 15 s and 1 GB;
(issue 19) a look at 10,000 under 1 s.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (1_000, 10_000, 100_000)
LINKS_PER_PERSON = 5
TODAY = date(2026, 11, 26)
SEED = 20261126
FIRST = ("Alice", "Bob", "Carol", "Dan", "Eve", "Femi", "Gita", "Hiro", "Ines", "Jon", "Kai", "Lena")
LAST = ("Chen", "Li", "Okafor", "Silva", "Novak", "Haddad", "Kim", "Moreau", "Rossi", "Tanaka")
COMPANIES = tuple(f"Company {i}" for i in range(40)) + ("Stripe", "Figma, Inc.", "Notion")
CLOSENESS = ("Close", "Warm", "Warm", "Acquaintance", "Acquaintance", "Cold", "Cold", "Cold", "")
STATUSES = ("", "", "", "", "Not contacted", "Reached out", "Replied", "Meeting scheduled", "Interviewing",
            "Not interested")
INTERESTS = ("rust", "climbing", "jazz", "chess", "cycling")
REPEATS = {1_000: 9, 10_000: 5}  # runs per timing (median); larger sizes get REPEATS_LARGE
REPEATS_LARGE = 3


def make_people(n: int, seed: int = SEED):
    """n seeded random rows with LINKS_PER_PERSON Knows links each."""
    from worker.core.models import Person

    rnd = random.Random(seed)
    ids = [f"{rnd.getrandbits(128):032x}" for _ in range(n)]
    people = []
    for pid in ids:
        last = None if rnd.random() < 0.1 else TODAY - timedelta(days=rnd.randrange(400))
        people.append(Person(
            page_id=pid,
            name=f"{rnd.choice(FIRST)} {rnd.choice(LAST)} {rnd.randrange(n)}",
            company=rnd.choice(COMPANIES),
            role=rnd.choice(("Engineer", "Recruiter", "Founder", "Engineering Manager", "Other", "")),
            closeness=rnd.choice(CLOSENESS),
            last_contacted=last,
            status=rnd.choice(STATUSES),
            knows=tuple(rnd.choice(ids) for _ in range(LINKS_PER_PERSON)),
            introduced_by=(rnd.choice(ids),) if rnd.random() < 0.1 else (),
            shared_interests=tuple(rnd.sample(INTERESTS, rnd.randrange(3))),
            meeting_on=TODAY + timedelta(days=rnd.randrange(-10, 10)) if rnd.random() < 0.05 else None,
            paused=rnd.random() < 0.02,
        ))
    return people


def timed(call, repeats: int) -> tuple[float, object]:
    """Median seconds of `repeats` calls, each after a full collection, and the last result."""
    seconds = []
    result = None
    for _ in range(repeats):
        result = None  # the previous result must not count towards this run's memory
        gc.collect()
        started = time.perf_counter()
        result = call()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def measure(n: int) -> dict:
    """Seconds and peak memory for one size, in this process."""
    from worker.core.configuration import RuleBook
    from worker.core.rules import compute_outcome
    from worker.runs.sync import cycle_collector_paused

    def compute(people, today, reuse=None):  # as a sync runs it (worker.runs.sync.compute)
        with cycle_collector_paused():
            return compute_outcome(people, rules, today, reuse=reuse)

    rules = RuleBook(target_companies=("Stripe", "Figma", "Notion"))
    people = make_people(n)
    repeats = REPEATS.get(n, REPEATS_LARGE)
    first, outcome = timed(lambda: compute(people, TODAY), repeats)
    written = [dataclasses.replace(row.person, current=row.fields) for row in outcome.rows]
    outcome = None
    next_day, outcome = timed(lambda: compute(written, TODAY + timedelta(days=1)), repeats)
    # A look: the same day, one Reached out row set to Replied, the next day's work reused.
    changed = next(i for i, p in enumerate(written) if p.status == "Reached out")
    edited = [*written[:changed], dataclasses.replace(written[changed], status="Replied"), *written[changed + 1:]]
    look, _ = timed(lambda: compute(edited, TODAY + timedelta(days=1), outcome.reuse), repeats)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "people": n, "links": sum(len(p.knows) + len(p.introduced_by) for p in people),
        "with_path": sum(1 for r in outcome.rows if r.fields.intro_via),
        "first_s": first, "next_day_s": next_day, "look_s": look, "peak_mb": peak_mb,
    }


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(measure(int(argv[1]))))
        return
    sizes = [int(a) for a in argv] or list(SIZES)
    print(f"{'people':>8} {'links':>8} {'paths':>6} {'first s':>8} {'next day s':>10} {'look s':>7} {'peak MB':>8}")
    for n in sizes:
        # A fresh process per size, so the peak memory belongs to that size alone.
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], check=True, capture_output=True, text=True)
        r = json.loads(out.stdout)
        print(f"{r['people']:>8} {r['links']:>8} {r['with_path']:>6} {r['first_s']:>8.3f} "
              f"{r['next_day_s']:>10.3f} {r['look_s']:>7.3f} {r['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main(sys.argv[1:])
