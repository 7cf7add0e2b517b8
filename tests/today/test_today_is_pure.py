"""The Today core is pure like the rules: it imports nothing from the I/O side."""

from pathlib import Path

from tests.rules.test_purity import FORBIDDEN, _imports

ROOT = Path(__file__).resolve().parents[2]


def test_the_today_package_imports_nothing_from_the_io_side():
    files = sorted((ROOT / "worker" / "today").rglob("*.py"))
    bad = [(f.name, name) for f in files for name in _imports(f)
           if any(name == m or name.startswith(m + ".") for m in FORBIDDEN + ("worker.publish", "worker.sync"))]
    assert len(files) >= 4 and bad == []
