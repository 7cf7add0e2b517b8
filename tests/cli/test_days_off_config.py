"""[calendar] in the config file (SPEC §4.4, v3): days off as dates, ranges and a country's holidays;
a bad one is exit 2 with a sentence naming the key and the value."""

from __future__ import annotations

from datetime import date

import pytest

from worker.cli import main
from worker.settings import load_settings


@pytest.fixture
def config(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for key in ("NOTION_TOKEN", "OUTREACH_DATABASE_ID", "OUTREACH_TARGET_COMPANIES", "OUTREACH_CONFIG"):
        monkeypatch.delenv(key, raising=False)
    path = tmp_path / "outreach.toml"

    def write(text: str):
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.mark.parametrize(("text", "named"), [
    ('[calendar]\ndays_off = ["2026-13-01"]', '[calendar] days_off "2026-13-01" is not a date'),
    ('[calendar]\ndays_off = ["24 Dec 2026"]', '[calendar] days_off "24 Dec 2026" is not a date'),
    ('[calendar]\ndays_off = ["2026-12-24..2026-12-xx"]', '"2026-12-24..2026-12-xx" is not a date or a range'),
    ('[calendar]\ndays_off = ["2027-01-01..2026-12-24"]', '"2027-01-01..2026-12-24" ends before it starts'),
    ('[calendar]\ndays_off = ["2026-01-01..2027-06-30"]', 'is longer than a year'),
    ('[calendar]\ncountry = "Narnia"', '[calendar] country = "Narnia" is not a country'),
    ('[calendar]\ncountry = "US"\nsubdivision = "ZZ"', '[calendar] subdivision = "ZZ" is not a subdivision of US'),
    ('[calendar]\nsubdivision = "CA"', '[calendar] subdivision = "CA" needs a country'),
    ('[calendar]\nholidays = "US"', "calendar.holidays"),
    ('[rules]\ndays_off = ["2026-12-24"]', "days_off goes under [calendar]"),
])
def test_a_bad_day_off_or_country_exits_2_naming_the_key_and_the_value(config, capsys, text, named):
    path = config(text)
    capsys.readouterr()
    code = main(["--config", str(path), "sync", "--csv", "x.csv"])
    err = capsys.readouterr().err
    assert code == 2 and named in err and "Traceback" not in err


def test_days_off_ranges_and_a_countrys_holidays_make_one_set_of_days(config):
    path = config('[calendar]\ndays_off = ["2026-12-24..2027-01-01", "2026-11-27"]\ncountry = "us"\n')
    days = load_settings(path, env_file=None).rules.days_off
    assert {date(2026, 11, 26), date(2026, 11, 27), date(2026, 12, 24), date(2026, 12, 29), date(2027, 1, 1),
            date(2027, 1, 18)} <= days
    assert date(2026, 12, 23) not in days and date(2027, 1, 4) not in days


def test_a_single_date_may_be_written_without_a_list_and_a_subdivision_adds_its_own_holidays(config):
    one = load_settings(config('[calendar]\ndays_off = "2026-12-24"\n'), env_file=None).rules.days_off
    assert one == frozenset({date(2026, 12, 24)})
    texas = load_settings(config('[calendar]\ncountry = "US"\nsubdivision = "TX"\n'), env_file=None).rules.days_off
    assert date(2027, 3, 2) in texas  # Texas Independence Day
    assert date(2027, 3, 2) not in load_settings(config('[calendar]\ncountry = "US"\n'), env_file=None).rules.days_off


def test_without_a_calendar_table_only_weekends_are_off(config):
    assert load_settings(config(""), env_file=None).rules.days_off == frozenset()
