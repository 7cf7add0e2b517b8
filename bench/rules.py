"""Benchmark of the rules core: python bench/rules.py [SIZE ...]

For each size (default 1,000 / 10,000 / 100,000 people, 5 Knows links each, seeded), a fresh
process builds the list, times compute_outcome, times one networkx.single_source_dijkstra from
You on the same intro graph, and prints seconds, peak memory and the ratio of the two.
Both timings are the median of a few runs in the same process, each after a full gc.collect(),
so a garbage collection left over from building the list is charged to neither; the collector
stays on while timing, as it is in a real sync.
Targets: ratio ≤ 3 at 10,000; 100,000 people in under 15 s and under 1 GB.
"""

from __future__ import annotations

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
COMPANIES = tuple(f"Company {i}" for i in range(40)) + ("Stripe", "Figma", "Notion")
CLOSENESS = ("Close", "Warm", "Warm", "Acquaintance", "Acquaintance", "Cold", "Cold", "Cold", "")
STATUSES = ("", "", "", "", "Not contacted", "Reached out", "Replied", "Interviewing", "Not interested")
INTERESTS = ("rust", "climbing", "jazz", "chess", "cycling")
REPEATS = {1_000: 9, 10_000: 7}  # runs per timing (median); larger sizes get REPEATS_LARGE
REPEATS_LARGE = 3


def make_people(n: int, seed: int = SEED):
    """n seeded random rows with LINKS_PER_PERSON Knows links each."""
    from worker.models import Person

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
            shared_interests=tuple(rnd.sample(INTERESTS, rnd.randrange(3))),
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
    import networkx as nx

    from worker.configuration import RuleBook
    from worker.rules import compute_outcome
    from worker.rules.network import YOU, build_graph, read_links
    from worker.rules.strength import read_rows

    rules = RuleBook(target_companies=("Stripe", "Figma", "Notion"))
    people = make_people(n)
    repeats = REPEATS.get(n, REPEATS_LARGE)
    compute, outcome = timed(lambda: compute_outcome(people, rules, TODAY), repeats)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The list's whole intro graph: You, every row that can be a hop, every link. compute_outcome
    # itself builds only the part within reach of a target, so Dijkstra gets the bigger graph.
    rows, _ = read_rows([p for p in sorted(people, key=lambda p: p.page_id) if not p.paused], rules, TODAY)
    read_links(rows, frozenset(p.page_id for p in people))
    graph = build_graph(rows, rules)
    dijkstra, _ = timed(lambda: nx.single_source_dijkstra(graph, YOU), repeats)
    return {
        "people": n, "edges": graph.number_of_edges(), "rows": len(outcome.rows),
        "with_path": sum(1 for r in outcome.rows if r.fields.intro_via),
        "compute_s": compute, "peak_mb": peak_mb, "dijkstra_s": dijkstra, "ratio": compute / dijkstra,
    }


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(measure(int(argv[1]))))
        return
    sizes = [int(a) for a in argv] or list(SIZES)
    print(f"{'people':>8} {'edges':>8} {'paths':>6} {'compute s':>10} {'dijkstra s':>10} {'ratio':>6} {'peak MB':>8}")
    for n in sizes:
        # A fresh process per size, so the peak memory belongs to that size alone.
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], check=True, capture_output=True, text=True)
        r = json.loads(out.stdout)
        print(f"{r['people']:>8} {r['edges']:>8} {r['with_path']:>6} {r['compute_s']:>10.3f} "
              f"{r['dijkstra_s']:>10.3f} {r['ratio']:>6.2f} {r['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main(sys.argv[1:])
