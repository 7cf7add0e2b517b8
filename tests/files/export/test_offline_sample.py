"""The bundled sample (examples/outreach-list.csv) is the Outreach List it claims to be."""

from __future__ import annotations

import csv
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from worker.core.models import Person, Status
from worker.core.configuration import PropertyNames
from worker.files.export import fetch_people_from_csv
from worker.files.export.cells import split_relation

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SAMPLE = EXAMPLES / "outreach-list.csv"
TARGETS = ("Stripe", "Figma", "Notion", "Datadog")


@pytest.fixture(scope="module")
def sample() -> list[Person]:
    warnings: list[str] = []
    people, _ = fetch_people_from_csv(SAMPLE, PropertyNames(), warnings.append)
    assert warnings == []
    return people


def test_the_sample_has_the_template_header_in_notion_order():
    with SAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [
        "Name", "Company", "Role", "Closeness", "Last contacted", "Status",
        "Knows", "Introduced by", "Shared interests", "Paused",
    ]


def test_the_sample_has_at_least_sixty_people_with_distinct_names(sample):
    assert len(sample) >= 60
    assert len({person.name for person in sample}) == len(sample)


def test_the_sample_uses_every_status_and_leaves_some_empty(sample):
    statuses = Counter(person.status for person in sample)
    assert set(Status) <= set(statuses)
    assert statuses[""] >= 1


def test_every_target_company_has_warm_and_cold_people(sample):
    for company in TARGETS:
        at = [person for person in sample if person.company == company]
        assert any(person.closeness in ("Close", "Warm", "Acquaintance") for person in at)
        assert any(person.closeness == "Cold" for person in at)


def test_every_link_in_the_sample_names_a_row_by_its_own_id_except_one_outsider(sample):
    ids = {person.name: person.page_id for person in sample}
    outsiders = []
    with SAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            for link in split_relation(row["Knows"]) + split_relation(row["Introduced by"]):
                assert link.page_id is not None
                if link.name in ids:
                    assert ids[link.name] == link.page_id
                else:
                    outsiders.append(link.name)
    assert outsiders == ["Harriet Vance"]


def test_the_sample_has_paused_rows_empty_dates_and_an_unknown_closeness(sample):
    assert sum(person.paused for person in sample) >= 2
    assert sum(person.last_contacted is None for person in sample) >= 5
    template = ("Close", "Warm", "Acquaintance", "Cold", "")
    assert [p.name for p in sample if p.closeness not in template] == ["Noah Friedman"]


def test_the_sample_config_names_the_target_companies():
    config = tomllib.loads((EXAMPLES / "outreach.toml").read_text(encoding="utf-8"))
    assert tuple(config["target_companies"]) == TARGETS
