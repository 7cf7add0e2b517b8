"""`sync --csv` with a folder it may not enter (issue 20, defect 5): exit 2 "cannot write/read", no traceback.

A folder without search permission (mode 444) makes even asking whether a file exists fail with
EACCES. Root is never refused, so the refusal is played by the system calls themselves: every stat,
open, rename and unlink under the folder fails as the kernel fails it for an ordinary user.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "outreach-list.csv"


@pytest.fixture
def shut(tmp_path, monkeypatch):
    """A folder (tmp_path/shut) that nothing may look into; returns it."""
    folder = tmp_path / "shut"
    folder.mkdir()
    inside = str(folder) + os.sep

    def refusing(real):
        def call(path, *args, **kwargs):
            if isinstance(path, (str, os.PathLike)) and os.fspath(os.path.abspath(path)).startswith(inside):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)
        return call

    for module, name in ((os, "stat"), (os, "lstat"), (os, "unlink"), (os, "replace"), (os, "rename"),
                         (io, "open"), (builtins, "open")):
        monkeypatch.setattr(module, name, refusing(getattr(module, name)))
    return folder


def test_an_output_in_a_folder_that_cannot_be_entered_is_exit_2_cannot_write(offline, tmp_path, shut):
    export = tmp_path / "Outreach List.csv"
    shutil.copy(SAMPLE, export)
    code, out, err = offline("sync", "--csv", str(export), "--today", "2026-11-26", "--out", str(shut / "out.csv"))
    assert code == 2, err
    assert f"cannot write {shut / 'out.csv'}: Permission denied" in err
    assert "Traceback" not in err and "bug" not in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "xdg") == ["Outreach List.csv", "shut"]


def test_an_export_in_a_folder_that_cannot_be_entered_is_exit_2_cannot_read(offline, shut):
    code, out, err = offline("sync", "--csv", str(shut / "Outreach List.csv"), "--today", "2026-11-26")
    assert code == 2, err
    assert "cannot be read" in err or "cannot read" in err, err
    assert "Permission denied" in err
    assert "Traceback" not in err and "bug" not in err
