"""An import is a writer like a sync: it takes the list's lock, keyed on the resolved data source."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.fakes import DEFAULT_TOKEN
from worker.runs.importing.apply import fetch_connections, run_import
from worker.runs.locking import SyncBusy, sync_lock
from worker.settings import load_settings

EXPORT = Path(__file__).parent / "data" / "Connections.csv"
BASE_URL = "http://notion.fake"


@pytest.fixture
def settings(fake, tmp_path, monkeypatch):
    db_id, ds_id = fake.create_outreach_list()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NOTION_TOKEN", DEFAULT_TOKEN)
    monkeypatch.setenv("OUTREACH_DATABASE_ID", db_id)  # the database id: the lock is the data source's
    monkeypatch.setenv("NOTION_API_BASE_URL", BASE_URL)
    monkeypatch.setenv("OUTREACH_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("OUTREACH_CONFIG", str(tmp_path / "outreach.toml"))
    (tmp_path / "outreach.toml").write_text("[notion]\nrequests_per_second = 1000\n", encoding="utf-8")
    return load_settings(env_file=None), ds_id


def test_an_import_waits_for_a_sync_of_the_same_list_named_by_its_data_source_and_creates_nothing(fake, settings):
    settings, ds_id = settings
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:  # a sync of the same list, started with its data source id
        with sync_lock(settings, ds_id.replace("-", ""), command="sync"):
            taken.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(5)
    try:
        with fake.respx(BASE_URL), pytest.raises(SyncBusy):
            run_import(settings, fetch_connections(EXPORT), source_name="Connections.csv", closeness="Warm",
                       lock_wait_seconds=0.3)
    finally:
        release.set()
        holder.join(5)
    assert fake.count("POST", r"^/v1/pages$") == 0


def test_a_dry_run_import_takes_no_lock(fake, settings):
    settings, ds_id = settings
    with sync_lock(settings, ds_id.replace("-", "")):
        with fake.respx(BASE_URL):
            result = run_import(settings, fetch_connections(EXPORT), source_name="Connections.csv",
                                closeness="Warm", dry_run=True, lock_wait_seconds=0)
    assert result.report.planned
