"""The pure core (the rules, the drafts, the Today list and page, and the values they share) imports only
what computes, never the I/O side, and never reads the clock."""

import ast
import subprocess

import pytest
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# What the pure core may import: standard modules that only compute, networkx, and the project's pure
# modules. Anything else (os, time, httpx, notion_client, worker.settings, worker.runs.sync …) is not.
ALLOWED = frozenset({
    "__future__", "base64", "collections", "collections.abc", "dataclasses", "datetime", "difflib", "enum",
    "functools", "hashlib", "json", "itertools", "math", "operator", "re", "types", "typing", "unicodedata",
    "urllib.parse",
    "networkx", "pydantic",
    "worker.core",
})
PURE = ("core",)


def _imports(source: str) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.append(node.module or "")
    return names


def _not_allowed(source: str) -> list[str]:
    """The imports of `source` outside the allow-list (a package allowed brings its submodules)."""
    return [name for name in _imports(source) if not any(name == ok or name.startswith(ok + ".") for ok in ALLOWED)]


@pytest.mark.parametrize("part", PURE)
def test_the_pure_core_imports_only_what_computes(part):
    where = ROOT / "worker" / part
    files = sorted(where.rglob("*.py")) if where.is_dir() else [where]
    bad = [(f.name, name) for f in files for name in _not_allowed(f.read_text())]
    assert files and bad == []


def test_the_allow_list_catches_io_and_the_clock():
    source = "import os\nfrom time import time\nfrom worker.notion.client import NotionGateway\nimport collections.abc"
    assert _not_allowed(source) == ["os", "time", "worker.notion.client"]


def test_compute_outcome_never_reads_the_clock():
    script = textwrap.dedent('''
        import datetime, sys, time
        from worker.core.models import Person
        from worker.core.configuration import RuleBook
        from worker.core.rules import compute_outcome
        class NoClock(Exception): pass
        def refuse(*a, **k): raise NoClock("the rules read the clock")
        class Date(datetime.date):
            today = classmethod(refuse)
        class DateTime(datetime.datetime):
            now = classmethod(refuse); today = classmethod(refuse); utcnow = classmethod(refuse)
        # Patch the clock everywhere the rules could reach it, after the imports it needs.
        datetime.date, datetime.datetime = Date, DateTime
        time.time = time.time_ns = time.localtime = time.gmtime = time.monotonic = refuse
        for name, module in list(sys.modules.items()):
            if name.startswith("worker"):
                for attr, value in (("date", Date), ("datetime", DateTime)):
                    if attr in vars(module):
                        setattr(module, attr, value)
        d = Date(2026, 11, 26)
        people = [
            Person(page_id="1" * 32, name="Ana", closeness="Warm", last_contacted=Date(2026, 9, 3), knows=("2" * 32,)),
            Person(page_id="2" * 32, name="Bo", company="Stripe", status="Reached out"),
            Person(page_id="3" * 32, name="Cy", closeness="Close", status="Replied"),
        ]
        out = compute_outcome(people, RuleBook(target_companies=("Stripe",)), d)
        assert len(out.rows) == 3 and out.rows[1].fields.intro_via == ("1" * 32,)
        try:
            Date.today()
        except NoClock:
            print("ok")
    ''')
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "ok"), done.stderr
