"""Dates at the end of the calendar (issue 20, defect 3): 9999-12-31 is a common "never" sentinel.

A row dated there, or a `--today` there, must not crash a run: the business-day arithmetic stops at
the last date there is instead of overflowing.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, strategies as st

from worker.core.dates import add_business_days, add_days, business_days_from, is_business_day

TODAY = "2026-11-26"
LAST_DAY = "9999-12-31"


@pytest.fixture
def far_list(fake):
    _, source = fake.create_outreach_list()
    ids = fake.add_people(source, [
        {"Name": "Never Again", "Company": "Acme", "Closeness": "Warm", "Status": "Reached out",
         "Last contacted": LAST_DAY},
        {"Name": "Meeting Someday", "Company": "Stripe", "Closeness": "Close", "Status": "Meeting scheduled",
         "Meeting on": LAST_DAY, "Last contacted": "2026-11-20"},
        {"Name": "Bob Li", "Company": "Stripe", "Closeness": "Cold"},
    ])
    return source, dict(zip(["Never Again", "Meeting Someday", "Bob Li"], ids))


@pytest.mark.parametrize("column", ["Last contacted", "Meeting on"])
def test_a_row_dated_the_last_day_of_the_calendar_syncs_with_the_rest(fake, cli, far_list, column):
    source, ids = far_list
    name = "Never Again" if column == "Last contacted" else "Meeting Someday"
    run = cli("sync", "--today", TODAY, database=source, targets="Stripe")
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    assert fake.page_values(ids["Bob Li"])["Suggested ask"]  # the other rows were written
    assert fake.page_values(ids[name])["Next step"]
    assert fake.page_values(ids[name])[column] == LAST_DAY  # the person's own value is kept


def test_today_lists_a_list_with_a_row_dated_the_last_day(cli, far_list):
    source, _ = far_list
    run = cli("today", "--today", TODAY, database=source, targets="Stripe")
    assert run.code == 0, run.err
    assert "Traceback" not in run.err


@pytest.mark.parametrize("command", ["today", "sync"])
def test_today_given_as_the_last_day_of_the_calendar_runs(fake, cli, far_list, command):
    source, ids = far_list
    run = cli(command, "--today", LAST_DAY, database=source, targets="Stripe")
    assert run.code == 0, run.err
    assert "Traceback" not in run.err


@given(st.dates(min_value=date(9990, 1, 1)), st.integers(min_value=0, max_value=10_000))
def test_business_day_arithmetic_stops_at_the_last_day_instead_of_overflowing(day: date, n: int) -> None:
    later = add_business_days(day, n)
    assert later == date.max or is_business_day(later) or n == 0
    assert later >= day or not is_business_day(day)  # a weekend day counts from its Friday
    assert add_days(day, n) == min(date.max, date.fromordinal(min(day.toordinal() + n, date.max.toordinal())))
    assert len(set(business_days_from(day, 10))) == len(business_days_from(day, 10)) >= 1


def test_the_today_page_on_the_last_day_of_the_calendar_lists_each_day_once(fake, cli, far_list, monkeypatch):
    source, _ = far_list
    page = fake.add_page("Outreach Today")
    monkeypatch.setenv("OUTREACH_TODAY_PAGE", page)
    run = cli("sync", "--today", LAST_DAY, database=source, targets="Stripe")
    assert run.code == 0, run.err
    written = fake.page_markdown(page)
    assert written.startswith("**Last sync: 31 Dec 9999**")
    upcoming = written.split("## Next 1 business day\n")[1].split("## ")[0]
    assert upcoming.strip().startswith("- Fri 31 Dec 9999 (today): ")  # no day after it, none listed twice
