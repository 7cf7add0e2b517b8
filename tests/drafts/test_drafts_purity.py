"""The drafts are pure like the rules, so the rules can call them: standard library and the models only."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = ("worker.models", "worker.configuration", "worker.textcut")
IO_SIDE = ("os", "io", "time", "pathlib", "socket", "subprocess", "shutil", "tempfile", "datetime.datetime")


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.append(node.module or "")
    return names


def test_the_drafts_package_imports_only_the_standard_library_the_models_configuration_and_textcut():
    files = sorted((ROOT / "worker" / "drafts").rglob("*.py"))
    imported = {(f.name, name) for f in files for name in _imports(f)}
    outside = {
        (file, name) for file, name in imported
        if name.split(".")[0] not in sys.stdlib_module_names and name not in ALLOWED and name != "__future__"
    }
    io_side = {(file, name) for file, name in imported if name.split(".")[0] in IO_SIDE}
    assert len(files) >= 5 and outside == set() and io_side == set()
