"""Helpers for the offline (CSV) tests: write a small export the way Notion does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def write_export(tmp_path: Path) -> Callable[..., Path]:
    """Write CSV text to a file in tmp_path (with a BOM unless told not to) and return its path."""

    def write(text: str, *, bom: bool = True, name: str = "Outreach List.csv") -> Path:
        path = tmp_path / name
        path.write_bytes((("\ufeff" if bom else "") + text).encode("utf-8"))
        return path

    return write
