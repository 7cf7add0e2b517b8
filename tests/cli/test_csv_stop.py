"""SIGTERM or Ctrl-C during `sync --csv`: no half-written output is left behind, exit 1 with a sentence."""

from __future__ import annotations

import csv
import os
import shutil
import signal
from pathlib import Path

import pytest

from worker.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "outreach-list.csv"


@pytest.fixture
def export(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for key in ("NOTION_TOKEN", "OUTREACH_DATABASE_ID", "OUTREACH_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    path = tmp_path / "Outreach List.csv"
    shutil.copy(SAMPLE, path)
    return path


def signal_while_writing(monkeypatch, signum: int, after_rows: int = 3) -> None:
    """Deliver `signum` to this process once the output file holds `after_rows` rows."""
    real_writer = csv.writer

    class Writer:
        def __init__(self, handle, *args, **kwargs):
            self._inner, self._rows = real_writer(handle, *args, **kwargs), 0

        def writerow(self, row):
            self._rows += 1
            if self._rows == after_rows:
                os.kill(os.getpid(), signum)  # handled by the worker's handler at the next bytecode
            return self._inner.writerow(row)

        def writerows(self, rows):
            for row in rows:
                self.writerow(row)

    monkeypatch.setattr(csv, "writer", Writer)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_the_output_is_written_removes_the_partial_file_and_exits_1(export, monkeypatch, capsys, signum):
    before = export.read_bytes()
    signal_while_writing(monkeypatch, signum)
    code = main(["sync", "--csv", str(export), "--today", "2026-11-26"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Stopped before" in err and "nothing was written (the partial file was removed)" in err
    assert sorted(p.name for p in export.parent.iterdir()) == ["Outreach List.csv"]  # no .partial, no output
    assert export.read_bytes() == before


def test_after_the_stop_the_previous_handlers_are_back(export, monkeypatch, capsys):
    signal_while_writing(monkeypatch, signal.SIGTERM)
    main(["sync", "--csv", str(export), "--today", "2026-11-26"])
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
