"""The deployment examples stay honest: they run the Dockerfile's command and set only variables that
.env.example lists (so a renamed or invented variable cannot hide in them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def dockerfile_command() -> list[str]:
    [line] = [line for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines() if line.startswith("CMD ")]
    return json.loads(line.removeprefix("CMD "))


def listed_variables() -> set[str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))


def commands_in(text: str) -> list[list[str]]:
    return [json.loads(found) for found in re.findall(r"^\s*(?:- )?command: (\[.*\])\s*$", text, re.MULTILINE)]


def test_docker_compose_runs_the_dockerfiles_command_with_listed_variables_only():
    text = (ROOT / "examples" / "docker-compose.yml").read_text(encoding="utf-8")
    assert commands_in(text) == [dockerfile_command()] == [["outreach-worker", "run"]]
    block = text.split("    environment:\n", 1)[1].split("    volumes:", 1)[0]
    used = set(re.findall(r"^      ([A-Z][A-Z0-9_]+):", block, re.MULTILINE))
    assert {"NOTION_TOKEN", "OUTREACH_DATABASE_ID", "SYNC_LIVE_SECONDS"} <= used
    assert used <= listed_variables(), used - listed_variables()


def test_the_kubernetes_deployment_runs_the_dockerfiles_command_with_its_token_from_a_secret():
    text = (ROOT / "examples" / "kubernetes.yaml").read_text(encoding="utf-8")
    assert "kind: Deployment" in text
    run, probe = commands_in(text)
    assert run == dockerfile_command()
    assert probe == ["outreach-worker", "health"] and text.index("livenessProbe:") < text.index('"health"')
    used = set(re.findall(r"^\s*- name: ([A-Z][A-Z0-9_]+)$", text, re.MULTILINE))
    assert {"NOTION_TOKEN", "OUTREACH_DATABASE_ID", "SYNC_LIVE_SECONDS"} <= used
    assert used <= listed_variables(), used - listed_variables()
    token = text.split("- name: NOTION_TOKEN", 1)[1].split("- name:", 1)[0]
    assert "secretKeyRef:" in token and "value:" not in token
