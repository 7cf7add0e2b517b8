"""A full disk leaves no temporary heartbeat behind (issue 20, defect 11).

Writing the heartbeat makes `.heartbeat-<list>.json.<pid>.tmp`, then renames it over the heartbeat.
On a full disk the file is made and the write fails: each run left one more of them in the state
folder. The sync itself still goes through, and says that its heartbeat could not be written.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest


@pytest.fixture
def full_disk(monkeypatch):
    """Every write of a temporary file creates it, then fails as a full disk does."""
    real = Path.write_text

    def write_text(self: Path, data: str, *args, **kwargs) -> int:
        if self.name.endswith(".tmp"):
            self.touch()
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)


def test_syncs_on_a_full_disk_leave_no_temporary_heartbeat(fake, cli, tmp_path, full_disk):
    database, source = fake.create_outreach_list()
    fake.add_people(source, [{"Name": "Ana", "Closeness": "Warm", "Last contacted": "2026-11-20", "Status": "Replied"}])
    for _ in range(2):
        run = cli("sync", "--today", "2026-11-26", database=database)
        assert run.code == 0, run.err
        assert "could not write the heartbeat" in run.err and "No space left on device" in run.err
    state = tmp_path / "state"
    assert sorted(p.name for p in state.rglob("*") if p.name.endswith(".tmp")) == []
