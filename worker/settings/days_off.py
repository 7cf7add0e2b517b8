"""Your days off (SPEC §4.4, config [calendar]): your own dates and ranges, and a country's public
holidays from the `holidays` package, turned once into the set of dates the pure core skips.

A bad date, range, country or subdivision is a ConfigError that names the key and the value.
"""

from __future__ import annotations

import warnings
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from worker.settings.model import ConfigError, first_error

# The years whose public holidays are listed: wide and fixed, so a date the worker counted years
# ago counts the same today (the same inputs always give the same outputs, SPEC §4.5).
HOLIDAY_YEARS = range(2000, 2101)
RANGE_MARK = ".."
LONGEST_RANGE_DAYS = 366  # a longer "holiday" is a pause: tick Paused on the rows instead


class CalendarTable(BaseModel):
    """[calendar] as written."""

    model_config = ConfigDict(extra="forbid")

    days_off: list[str] = Field(default_factory=list)
    country: str = ""
    subdivision: str = ""

    @field_validator("days_off", mode="before")
    @classmethod
    def _one_entry_is_a_list(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


def read_days_off(table: dict[str, Any], path: Path | None) -> frozenset[date]:
    """Every day off the [calendar] table names, weekends aside; ConfigError for a bad entry."""
    try:
        calendar = CalendarTable(**table)
    except ValidationError as error:
        raise ConfigError(f"Config file {path}: calendar.{first_error(error)}") from None
    days: set[date] = set()
    for entry in calendar.days_off:
        days |= _entry_days(entry, path)
    if calendar.country.strip():
        days |= public_holidays(calendar.country.strip(), calendar.subdivision.strip(), path)
    elif calendar.subdivision.strip():
        raise ConfigError(f'Config file {path}: [calendar] subdivision = "{calendar.subdivision}" needs a country '
                          'too (for example country = "US" with subdivision = "CA").')
    return frozenset(days)


def _entry_days(entry: str, path: Path | None) -> set[date]:
    """One days_off entry: "2026-11-26", or a range "2026-12-24..2027-01-01" (both ends included)."""
    text = entry.strip()
    first_text, mark, last_text = text.partition(RANGE_MARK)
    first = _day(first_text, entry, path)
    last = _day(last_text, entry, path) if mark else first
    if last < first:
        raise ConfigError(f'Config file {path}: [calendar] days_off "{entry}" ends before it starts: write the '
                          "earlier date first.")
    if (last - first).days >= LONGEST_RANGE_DAYS:
        raise ConfigError(f'Config file {path}: [calendar] days_off "{entry}" is longer than a year: to take people '
                          "off your to-do for that long, tick Paused on their rows instead.")
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


def _day(text: str, entry: str, path: Path | None) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError(
            f'Config file {path}: [calendar] days_off "{entry}" is not a date or a range of dates: write '
            '"2026-11-26" for one day, "2026-12-24..2027-01-01" for several (both ends included).'
        ) from None


def public_holidays(country: str, subdivision: str, path: Path | None) -> set[date]:
    """The public holidays of `country` (and `subdivision`) over HOLIDAY_YEARS, from the `holidays` package."""
    import holidays  # only when a country is set: its import and first look-up cost a few tenths of a second

    try:
        with warnings.catch_warnings():  # some countries are known only for some years: those are what we get
            warnings.simplefilter("ignore")
            found = holidays.country_holidays(country.upper(), subdiv=subdivision or None, years=HOLIDAY_YEARS)
    except NotImplementedError:
        raise ConfigError(_unknown(country, subdivision, path)) from None
    return set(found.keys())


def _unknown(country: str, subdivision: str, path: Path | None) -> str:
    import holidays

    known = holidays.list_supported_countries()
    if country.upper() not in known:
        return (f'Config file {path}: [calendar] country = "{country}" is not a country the holidays package '
                'knows: use its two-letter ISO code, such as "US", "GB", "DE" or "FR".')
    subdivisions = ", ".join(known[country.upper()])
    return (f'Config file {path}: [calendar] subdivision = "{subdivision}" is not a subdivision of {country.upper()} the '
            f"holidays package knows; it knows: {subdivisions}.")
