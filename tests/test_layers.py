"""Dependencies point one way (STYLE §9): the command line → the commands → a sync → the Notion layer and
the state folder → what reads a person's files and settings → the pure core → the values.

Every import counts, the ones made inside a function or only for type checking too: a module may import
from its own layer or one below, never from a layer above. A new module must be given a layer here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

WORKER = Path(__file__).resolve().parents[1] / "worker"
# Lowest first. A module belongs to the longest name here that it is, or lies under.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("values", ("worker.core.models", "worker.core.configuration", "worker.core.columns", "worker.core.textcut",
                "worker.core.dates", "worker.core.names", "worker.core.codes",
                "worker.core.property_check")),
    ("the pure core", ("worker.core",)),
    ("what a person gives: settings and files", ("worker.settings", "worker.files")),
    ("the Notion layer", ("worker.notion",)),
    ("a run's state folder and signals", ("worker.runs.locking", "worker.runs.heartbeat", "worker.runs.cronspec",
                                          "worker.runs.stopping", "worker.runs.failures", "worker.runs.clock",
                                          "worker.runs.setup", "worker.runs.stopped", "worker.runs.live.snapshot")),
    ("a sync", ("worker.runs.sync",)),
    ("the other runs", ("worker.runs",)),
    ("the command line", ("worker.cli", "worker.__main__", "worker")),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(WORKER.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def place(module: str) -> tuple[int, str]:
    """(layer number, the entry of LAYERS the module falls under)."""
    found = [(len(entry), number, entry) for number, (_, entries) in enumerate(LAYERS) for entry in entries
             if module == entry or module.startswith(entry + ".")]
    assert found, f"{module} has no layer in tests/test_layers.py"
    _, number, entry = max(found)
    return number, entry


def worker_imports(path: Path) -> set[str]:
    """The worker modules a file imports, wherever in the file (functions, TYPE_CHECKING blocks)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = _absolute(path, node.level, node.module)
            names |= {f"{base}.{alias.name}" if base == "worker" or not node.module else base for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return {name for name in names if name == "worker" or name.startswith("worker.")}


def _absolute(path: Path, level: int, module: str | None) -> str:
    """The absolute name a `from .module import` in `path` means."""
    if level == 0:
        return module or ""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    base = package.rsplit(".", level - 1)[0] if level > 1 else package
    return f"{base}.{module}" if module else base


def upward_imports(modules: dict[str, set[str]]) -> list[str]:
    """Each import of a module from a layer above its own, as "importer (layer) → imported (layer)"."""
    found = []
    for module, imported in sorted(modules.items()):
        layer, _ = place(module)
        for name in sorted(imported):
            above, _ = place(name)
            if above > layer:
                found.append(f"{module} ({LAYERS[layer][0]}) → {name} ({LAYERS[above][0]})")
    return found


def every_module() -> dict[str, set[str]]:
    return {module_name(path): worker_imports(path) for path in sorted(WORKER.rglob("*.py"))}


def test_every_module_has_a_layer():
    for module in every_module():
        place(module)


def test_no_module_imports_from_a_layer_above_its_own():
    assert upward_imports(every_module()) == []


def test_the_parts_of_one_layer_import_each_other_one_way_only():
    """Within a layer, no two parts (worker.files.export and worker.files.linkedin.connections, say) import each other."""
    edges = {(place(module)[1], place(name)[1]) for module, names in every_module().items() for name in names}
    both_ways = sorted(f"{a} ↔ {b}" for a, b in edges if a < b and (b, a) in edges)
    assert both_ways == []


@pytest.mark.parametrize(("importer", "imported", "upward"), [
    ("worker.notion.client", "worker.cli.exits", True),
    ("worker.core.rules.asks", "worker.runs.sync", True),
    ("worker.runs.sync.writeback", "worker.runs.scheduler", True),
    ("worker.files.export.reading", "worker.runs.importing.apply", True),
    ("worker.runs.importing.apply", "worker.runs.sync", False),
    ("worker.cli.commands", "worker.runs.doctor.check", False),
    ("worker.files.linkedin.connections", "worker.files.export.cells", False),
])
def test_the_check_tells_an_upward_import_from_a_downward_one(importer, imported, upward):
    assert bool(upward_imports({importer: {imported}})) is upward
