"""The snapshot keeps what it was given, and nothing else can pass for it (SPEC §10)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from worker.core.models import Person, WorkerFields
from worker.notion.schema import DataSource
from worker.runs.live import snapshot as snapshot_module
from worker.runs.live.snapshot import load_snapshot, save_snapshot, snapshot_path
from worker.settings import load_settings

SOURCE = DataSource("d" * 32, "e" * 32, "https://app.notion.com/p/list", "Outreach List",
                    {"Name": {"id": "title", "type": "title"}})
PEOPLE = (
    Person("a" * 32, name="Ada Byron", company="Stripe", closeness="Warm", last_contacted=date(2026, 11, 20),
           status="Replied", knows=("b" * 32,), shared_interests=("Rust", "Go"), meeting_on=None,
           created_on=date(2026, 1, 5),
           current=WorkerFields(suggested_ask="Pitch for interview", follow_up_on=date(2026, 11, 24), strength=0.75,
                                intro_via=("b" * 32,), stale=True, worker_state="v3;s=Replied")),
    Person("b" * 32, name="Bob Li", paused=True),
)
SINCE = datetime(2026, 11, 26, 9, 30, tzinfo=timezone.utc)


def settings_in(tmp_path: Path, monkeypatch, database: str = "d" * 32):
    monkeypatch.setenv("OUTREACH_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("OUTREACH_DATABASE_ID", database)
    config = tmp_path / "outreach.toml"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("OUTREACH_CONFIG", str(config))
    monkeypatch.chdir(tmp_path)
    return load_settings()


def test_what_is_saved_is_what_is_loaded(tmp_path, monkeypatch):
    settings = settings_in(tmp_path, monkeypatch)
    save_snapshot(settings, SOURCE, PEOPLE, {"a" * 32: "2026-01-05T09:00:00.000Z"}, SINCE)
    snapshot_module._held.clear()  # another process: it has only the file
    loaded = load_snapshot(settings)
    assert loaded is not None
    assert loaded.people == PEOPLE and loaded.source == SOURCE and loaded.since == SINCE
    assert loaded.created == {"a" * 32: "2026-01-05T09:00:00.000Z"}


def test_the_process_that_wrote_the_snapshot_holds_it_until_the_file_changes(tmp_path, monkeypatch):
    settings = settings_in(tmp_path, monkeypatch)
    save_snapshot(settings, SOURCE, PEOPLE, {}, SINCE)
    held = load_snapshot(settings)
    assert held is not None and held.people[0] is PEOPLE[0]  # not parsed again: `run` looks every minute
    path = snapshot_path(settings)
    path.write_text(path.read_text(encoding="utf-8").replace("Ada Byron", "Ada Lovelace"), encoding="utf-8")
    reread = load_snapshot(settings)  # written by another process meanwhile: read from the file
    assert reread is not None and reread.people[0].name == "Ada Lovelace"


def test_another_list_or_other_column_names_do_not_take_the_snapshot_for_theirs(tmp_path, monkeypatch):
    settings = settings_in(tmp_path, monkeypatch)
    save_snapshot(settings, SOURCE, PEOPLE, {}, SINCE)
    renamed = settings.model_copy(update={"names": settings.names.model_copy(update={"status": "Stage"})})
    assert load_snapshot(renamed) is None
    other = settings_in(tmp_path, monkeypatch, database="f" * 32)
    snapshot_path(other).write_bytes(snapshot_path(settings).read_bytes())  # copied under the other list's name
    assert load_snapshot(other) is None
