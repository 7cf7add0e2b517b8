"""`health` after any sync that writes (run, cron or a person), judged by SYNC_SCHEDULE; and a schedule
that can never fire is refused at start."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from worker.runs.heartbeat import heartbeat_path, read_heartbeat
from worker.runs.scheduler import fetch_health
from worker.settings import load_settings


@pytest.fixture
def database(fake):
    database, source = fake.create_outreach_list()
    fake.add_people(source, [{"Name": "Ana", "Closeness": "Warm", "Last contacted": "2026-11-20", "Status": "Replied"}])
    return database


def test_a_manual_sync_makes_health_healthy_until_the_schedule_fires_twice_without_one(fake, cli, database, monkeypatch):
    monkeypatch.setenv("SYNC_SCHEDULE", "*/30 * * * *")
    assert cli("health", database=database).code == 1  # nothing has synced yet
    assert cli("sync", "--today", "2026-11-26", database=database).code == 0
    health = cli("health", database=database)
    assert health.code == 0 and health.out.startswith("healthy: last successful sync")
    settings = load_settings(env_file=None)
    success = read_heartbeat(heartbeat_path(settings))["last_success"]
    synced = datetime.fromisoformat(success)
    assert fetch_health(settings, now=synced + timedelta(minutes=29)).healthy  # the schedule fired once at most
    assert not fetch_health(settings, now=synced + timedelta(minutes=65)).healthy


def test_health_follows_the_schedule_a_daily_cron_sync_is_healthy_all_day(fake, cli, database, monkeypatch):
    monkeypatch.setenv("SYNC_SCHEDULE", "0 7 * * *")
    assert cli("sync", database=database).code == 0
    settings = load_settings(env_file=None)
    synced = datetime.fromisoformat(read_heartbeat(heartbeat_path(settings))["last_success"])
    assert fetch_health(settings, now=synced + timedelta(hours=23)).healthy


def test_a_dry_run_or_today_does_not_count_as_a_sync(fake, cli, database):
    assert cli("sync", "--dry-run", database=database).code == 0
    assert cli("today", database=database).code == 0
    assert cli("health", database=database).code == 1


def test_a_failed_manual_sync_is_recorded_with_its_reason(fake, cli, database):
    assert cli("sync", database=database, token="secret_wrong").code == 3
    beat = read_heartbeat(heartbeat_path(load_settings(env_file=None)))
    assert "last_success" not in beat and "API token is invalid" in beat["last_error"]
    assert cli("health", database=database).code == 1


def test_health_json_is_one_object_with_the_verdict(fake, cli, database):
    cli("sync", database=database)
    answer = json.loads(cli("health", "--json", database=database).out)
    assert answer["healthy"] is True and answer["reason"].startswith("healthy:")


@pytest.mark.parametrize("command", ["run", "health"])
@pytest.mark.parametrize("schedule", ["0 0 31 2 *", "0 0 30 2 *", "0 0 31 4,6,9,11 *"])
def test_a_schedule_that_can_never_fire_is_refused_at_start(fake, cli, database, monkeypatch, command, schedule):
    monkeypatch.setenv("SYNC_SCHEDULE", schedule)
    run = cli(command, database=database)
    assert run.code == 2
    assert "no date ever matches it" in run.err
    assert fake.requests == []


def test_a_leap_day_schedule_is_fine(fake, cli, database, monkeypatch):
    monkeypatch.setenv("SYNC_SCHEDULE", "0 0 29 2 *")
    cli("sync", database=database)
    assert cli("health", database=database).code == 0
