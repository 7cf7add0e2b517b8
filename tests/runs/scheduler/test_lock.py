"""Never two writers: two `sync` processes on one list take turns (checked on the fake's timeline)."""

from __future__ import annotations

from tests.fakes import RecordedRequest
from tests.runs.scheduler.conftest import Launcher, Notion, people, wait_until

ROWS = 10
# Two different days, so the second sync still has rows to write after the first one finished.
FIRST_DAY, SECOND_DAY = "2026-11-26", "2027-09-01"
# A sync looks its list up with two GETs (the database, its data source) before reading a row.
LOOKUP, LOOKUPS_PER_SYNC = r"^/v1/(databases|data_sources)/[^/]+$", 2


def overlapping(patches: list[RecordedRequest]) -> list[tuple[RecordedRequest, RecordedRequest]]:
    """Pairs of PATCHes whose [started, finished] intervals intersect."""
    ordered = sorted(patches, key=lambda r: r.started)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if b.started < a.finished]


def start_two_syncs(notion: Notion, launcher: Launcher, **second_env: str):
    notion.fake.add_people(notion.source_id, people(ROWS))
    # Slow until the second process has asked Notion something, however long a loaded machine takes to
    # start it, so the two syncs overlap in time; then at a pace that still lets them collide.
    notion.fake.slow(1.0)
    first = launcher.start("sync", "--today", FIRST_DAY)
    wait_until(lambda: notion.fake.requests, 30, "the first sync's first request")
    second = launcher.start("sync", "--today", SECOND_DAY, **second_env)
    wait_until(lambda: len(notion.fake.matching("GET", LOOKUP)) > LOOKUPS_PER_SYNC, 30, "the second sync's first request")
    notion.fake.slow(0.15)
    return first, second


def test_two_syncs_of_one_list_never_write_at_the_same_time(notion: Notion, launcher: Launcher) -> None:
    first, second = start_two_syncs(notion, launcher)

    assert first.wait(timeout=30)[0] == 0
    assert second.wait(timeout=30)[0] == 0

    patches = notion.patches()
    assert len(patches) > ROWS  # both wrote: the second one after the first had finished
    assert overlapping(patches) == []
    waited = second.events("lock_wait")
    assert waited and "another sync of this Outreach List is running (`sync`, pid" in waited[0]["message"]


def test_a_database_id_and_its_data_source_id_take_the_same_lock(notion: Notion, launcher: Launcher) -> None:
    # One list named two ways: the lock is keyed on the data source Notion resolves either to.
    first, second = start_two_syncs(notion, launcher, OUTREACH_DATABASE_ID=notion.source_id.replace("-", ""))

    assert first.wait(timeout=30)[0] == 0
    assert second.wait(timeout=30)[0] == 0

    assert len(notion.patches()) > ROWS
    assert overlapping(notion.patches()) == []
    assert second.events("lock_wait")


def test_the_timeline_check_does_see_overlap_when_the_syncs_do_not_share_a_lock(
    notion: Notion, launcher: Launcher
) -> None:
    # The control: a different state folder means a different lock file, so nothing keeps them apart.
    first, second = start_two_syncs(notion, launcher, OUTREACH_STATE_DIR=str(launcher.tmp_path / "elsewhere"))

    assert first.wait(timeout=30)[0] == 0
    assert second.wait(timeout=30)[0] == 0

    assert overlapping(notion.patches())
    assert second.events("lock_wait") == []
