"""The list lock: a second sync waits with a clear message, gives up after its bound, stops on request."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from worker.runs.locking import LockWaitStopped, SyncBusy, sync_lock
from worker.settings import Settings, load_settings


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OUTREACH_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("OUTREACH_DATABASE_ID", "0123456789abcdef0123456789abcdef")
    return load_settings(env_file=None)


SOURCE = "fedcba98765432100123456789abcdef"  # the list's data source id, as Notion resolved it


@pytest.fixture
def held(settings: Settings) -> Iterator[None]:
    """The list's lock, held by another thread (as `run` would) until the test ends."""
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with sync_lock(settings, SOURCE, command="run"):
            taken.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(5)
    yield
    release.set()
    holder.join(5)


def test_a_second_sync_gives_up_after_its_bounded_wait_naming_the_running_one(
    settings: Settings, held: None, caplog: pytest.LogCaptureFixture
) -> None:
    started = time.monotonic()
    with pytest.raises(SyncBusy) as raised:
        with sync_lock(settings, SOURCE, wait_seconds=0.5):
            pytest.fail("got the lock while another sync held it")

    assert 0.5 <= time.monotonic() - started < 2
    assert "Another sync of this Outreach List (`run`, pid" in str(raised.value)
    assert "another sync of this Outreach List is running (`run`, pid" in caplog.text


def test_a_stop_ends_the_wait_for_the_lock_at_once(settings: Settings, held: None) -> None:
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()
    started = time.monotonic()
    with pytest.raises(LockWaitStopped):
        with sync_lock(settings, SOURCE, wait_seconds=30, stop=stop):
            pytest.fail("got the lock while another sync held it")
    assert time.monotonic() - started < 1


def test_the_lock_is_free_again_after_a_sync_and_its_holder_note_is_gone(settings: Settings) -> None:
    with sync_lock(settings, SOURCE):
        assert list(settings.state_dir.glob("*.holder.json"))
    with sync_lock(settings, SOURCE, wait_seconds=0):
        pass
    assert not list(settings.state_dir.glob("*.holder.json"))


def test_the_lock_is_the_data_source_ids_however_the_id_is_written(settings: Settings) -> None:
    dashed = f"{SOURCE[:8]}-{SOURCE[8:12]}-{SOURCE[12:16]}-{SOURCE[16:20]}-{SOURCE[20:]}"
    with sync_lock(settings, SOURCE):
        with pytest.raises(SyncBusy):
            with sync_lock(settings, dashed.upper(), wait_seconds=0):
                pytest.fail("two locks for one data source")
