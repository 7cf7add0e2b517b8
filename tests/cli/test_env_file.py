"""`.env` and the environment: the same values whoever reads the file (python-dotenv or docker's
--env-file, which keeps quotes), and a file that is not UTF-8 is exit 2 naming it, never a traceback."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from worker.cli import main
from worker.runs.cronspec import parse_crontab
from worker.settings import load_settings

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "outreach-list.csv"
OURS = ("NOTION_TOKEN", "OUTREACH_DATABASE_ID", "OUTREACH_TARGET_COMPANIES", "SYNC_SCHEDULE", "OUTREACH_TIMEZONE",
        "OUTREACH_CONFIG", "NOTION_API_BASE_URL", "OUTREACH_STATE_DIR", "LOG_FORMAT", "SYNC_INTERVAL_SECONDS")
QUOTED_ENV = ('OUTREACH_TARGET_COMPANIES="Stripe, Figma"\nSYNC_SCHEDULE="*/30 * * * *"\n'
              "OUTREACH_TIMEZONE='Europe/Berlin'\nOUTREACH_DATABASE_ID=\"0123456789abcdef0123456789abcdef\"\n")


def docker_env_file(text: str) -> dict[str, str]:
    """What `docker run --env-file` puts in a container's environment (docker/cli opts/file.go): leading
    spaces trimmed, blank lines and lines starting with # skipped, the name up to the first "=", the rest
    passed on literally: quotes, inner spaces and all."""
    found = {}
    for line in text.lstrip("\ufeff").splitlines():
        line = line.lstrip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        found[name] = value
    return found


@pytest.fixture
def clean(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for key in OURS:
        monkeypatch.delenv(key, raising=False)
    return tmp_path


def test_quoted_values_in_the_environment_arrive_unquoted(clean, monkeypatch):
    for name, value in docker_env_file(QUOTED_ENV).items():
        monkeypatch.setenv(name, value)
    assert os.environ["SYNC_SCHEDULE"] == '"*/30 * * * *"'  # as docker passes it
    settings = load_settings(env_file=None)
    assert settings.schedule == "*/30 * * * *"
    assert settings.rules.target_companies == ("Stripe", "Figma")
    assert settings.timezone.key == "Europe/Berlin"
    parse_crontab(settings.schedule, settings.timezone)  # a valid crontab, not exit 2


def test_the_same_file_read_as_dot_env_gives_the_same_settings(clean, monkeypatch):
    (clean / ".env").write_text(QUOTED_ENV, encoding="utf-8")
    from_file = load_settings()
    for name, value in docker_env_file(QUOTED_ENV).items():
        monkeypatch.setenv(name, value)
    from_docker = load_settings(env_file=None)
    assert (from_file.schedule, from_file.rules.target_companies, from_file.timezone) == (
        from_docker.schedule, from_docker.rules.target_companies, from_docker.timezone)


def test_a_quoted_token_and_each_quoted_company_are_unquoted(clean, monkeypatch):
    monkeypatch.setenv("NOTION_TOKEN", '"secret_abc"')
    monkeypatch.setenv("OUTREACH_TARGET_COMPANIES", '"Stripe", "Figma" ')
    settings = load_settings(env_file=None)
    assert settings.token.get_secret_value() == "secret_abc"
    assert settings.rules.target_companies == ("Stripe", "Figma")
    monkeypatch.setenv("NOTION_TOKEN", '""')
    assert load_settings(env_file=None).token is None


def test_env_example_needs_no_quotes_and_reads_the_same_through_docker_and_dotenv(clean, monkeypatch):
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    passed = docker_env_file(example)
    assert all(not value.startswith(("'", '"')) for value in passed.values()), passed
    (clean / ".env").write_text(example, encoding="utf-8")
    from_file = load_settings()
    for name, value in passed.items():
        monkeypatch.setenv(name, value)
    from_docker = load_settings(env_file=None)
    assert from_docker.schedule == from_file.schedule
    assert from_docker.rules.target_companies == from_file.rules.target_companies == ("Stripe", "Figma")
    parse_crontab(from_docker.schedule, from_docker.timezone)


def test_the_worker_run_with_docker_style_values_matches_targets_and_accepts_the_schedule(tmp_path):
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(REPO), "HOME": str(tmp_path / "home"),
           "OUTREACH_STATE_DIR": str(tmp_path / "state"), "LOG_FORMAT": "json",
           **docker_env_file(QUOTED_ENV)}
    assert env["OUTREACH_TARGET_COMPANIES"] == '"Stripe, Figma"'
    out = tmp_path / "out.csv"
    sync = subprocess.run([sys.executable, "-m", "worker", "sync", "--csv", str(SAMPLE), "--today", "2026-11-26",
                           "--out", str(out), "--json"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60)
    assert sync.returncode == 0, sync.stderr
    assert json.loads(sync.stdout)["rows_read"] == 65
    written = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    pitched = {row["Company"] for row in written if row["Suggested ask"] == "Pitch for interview"}
    assert pitched == {"Stripe", "Figma"}  # the quoted list matched both targets
    health = subprocess.run([sys.executable, "-m", "worker", "health"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert health.returncode == 1, health.stderr  # no sync yet: unhealthy, not a bad schedule (2)
    assert "SYNC_SCHEDULE" not in health.stderr


@pytest.mark.parametrize(("encoding", "named"), [("cp1252", "cp1252"), ("utf-16", "UTF-16")])
def test_a_dot_env_that_is_not_utf8_exits_2_naming_the_file_and_the_encoding(clean, capsys, encoding, named):
    (clean / ".env").write_bytes("OUTREACH_TIMEZONE=Europe/Zürich\nOUTREACH_TARGET_COMPANIES=Société Générale\n"
                                 .encode(encoding))
    code = main(["sync", "--csv", str(SAMPLE), "--dry-run"])
    err = capsys.readouterr().err
    assert code == 2
    assert ".env is not UTF-8" in err and named in err and "Save it as UTF-8" in err
    assert "Traceback" not in err


def test_a_dot_env_with_a_byte_order_mark_reads_its_first_line(clean):
    (clean / ".env").write_bytes("\ufeffOUTREACH_TARGET_COMPANIES=Stripe\n".encode("utf-8"))
    assert load_settings().rules.target_companies == ("Stripe",)
