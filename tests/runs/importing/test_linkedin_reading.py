"""LinkedIn's Connections.csv read as LinkedIn writes it: preamble, BOM, quoted commas, "15 Mar 2024"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from worker.core.today.warnings import describe_warning
from worker.files.linkedin.connections import NotLinkedInExport, normalise_profile_url, read_connections, role_from_position

DATA = Path(__file__).parent / "data"
EXPORT = (DATA / "Connections.csv").read_text(encoding="utf-8-sig")
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def test_the_preamble_is_skipped_and_every_named_line_is_a_connection():
    parsed = read_connections(EXPORT, "Connections.csv")
    names = [c.name for c in parsed.connections]
    assert names[:3] == ["Alice Chen", "Bob Li", "Dana Fox"]
    assert len(names) == 12
    assert "Notes:" not in " ".join(names)


def test_quoted_commas_stay_inside_their_cell():
    erin = next(c for c in read_connections(EXPORT, "x").connections if c.name == "Erin O'Neil")
    assert (erin.company, erin.position) == ("Acme, Inc.", "Director of Engineering, Platform")
    assert erin.email == "erin@oneil.dev"
    assert erin.url == "https://www.linkedin.com/in/erin-oneil-91"


def test_connected_on_reads_as_a_date_and_a_bad_one_warns_naming_the_line():
    parsed = read_connections(EXPORT, "x")
    by_name = {c.name: c for c in parsed.connections}
    assert by_name["Alice Chen"].connected_on == date(2024, 3, 15)
    assert by_name["Ivan Petrov"].connected_on is None
    [bad_date] = [w for w in parsed.warnings if w.name == "Ivan Petrov"]
    assert "line 14" in describe_warning(bad_date) and "Connected On" in describe_warning(bad_date)


def test_a_line_without_a_name_is_not_imported_and_warns():
    parsed = read_connections(EXPORT, "x")
    [nameless] = [w for w in parsed.warnings if not w.name]
    assert "line 13" in describe_warning(nameless) and "no first or last name" in describe_warning(nameless)


def test_the_line_numbers_count_the_preamble_and_the_header():
    alice = read_connections(EXPORT, "x").connections[0]
    assert alice.line == 5  # Notes:, the note, a blank line, the header


def test_a_file_resaved_with_semicolons_and_columns_moved_still_reads():
    text = ("Connected On;Company;First Name;Last Name;Position;URL;Email Address\n"
            "15 Mar 2024;Acme, Inc.;Alice;Chen;Engineer;https://www.linkedin.com/in/a;\n")
    [alice] = read_connections(text, "x").connections
    assert (alice.name, alice.company, alice.connected_on) == ("Alice Chen", "Acme, Inc.", date(2024, 3, 15))


def test_an_older_export_without_url_or_email_still_reads():
    text = "First Name,Last Name,Company,Position,Connected On\nAlice,Chen,Stripe,Engineer,15 Mar 2024\n"
    [alice] = read_connections(text, "x").connections
    assert (alice.url, alice.email) == ("", "")


@pytest.mark.parametrize("text", [
    "Name,Company,Role,Closeness\nAlice Chen,Stripe,Engineer,Warm\n",  # a Notion export
    "just some notes\nand nothing else\n",
    "",
])
def test_a_file_that_is_not_a_linkedin_export_is_refused_with_how_to_get_one(text):
    with pytest.raises(NotLinkedInExport) as error:
        read_connections(text, "list.csv")
    assert "list.csv is not LinkedIn's connections export" in str(error.value)
    assert "Get a copy of your data" in str(error.value)


def test_a_header_missing_a_needed_column_is_refused_naming_it():
    with pytest.raises(NotLinkedInExport, match="no 'Connected On' column"):
        read_connections("First Name,Last Name,URL,Company,Position\nA,B,,C,D\n", "x.csv")


def test_a_doubled_column_is_refused():
    with pytest.raises(NotLinkedInExport, match="'Company' twice"):
        read_connections(HEADER + ",Company\nA,B,,,C,D,15 Mar 2024,E\n", "x.csv")


def test_numeric_dates_are_read_only_when_the_column_settles_the_order():
    settled = HEADER + "\nA,B,,,C,D,02/11/2024\nE,F,,,G,H,25/12/2023\n"
    assert [c.connected_on for c in read_connections(settled, "x").connections] == [
        date(2024, 11, 2), date(2023, 12, 25)]
    with pytest.raises(NotLinkedInExport, match="'02/11/2024' could be day-first or month-first"):
        read_connections(HEADER + "\nA,B,,,C,D,02/11/2024\n", "x.csv")


@pytest.mark.parametrize(("position", "role"), [
    ("Technical Recruiter", "Recruiter"),
    ("Recruiting Coordinator", "Recruiter"),
    ("Head of Talent", "Recruiter"),  # first match wins: talent before head
    ("Co-Founder & CEO", "Founder"),
    ("Founder", "Founder"),
    ("CEO", "Founder"),
    ("Engineering Manager", "Engineering Manager"),
    ("Director of Engineering, Platform", "Engineering Manager"),
    ("VP Engineering", "Engineering Manager"),
    ("Head of Platform", "Engineering Manager"),
    ("Senior Manager, Software Development", "Engineering Manager"),
    ("Staff Software Engineer", "Engineer"),
    ("Software Developer", "Engineer"),
    ("SRE", "Engineer"),
    ("Programmer", "Engineer"),
    ("Founding Engineer", "Engineer"),
    ("Product Manager", "Other"),
    ("VP of Sales", "Other"),
    ("", "Other"),
])
def test_role_comes_from_position_first_match_wins(position, role):
    assert role_from_position(position) == role


@pytest.mark.parametrize(("url", "same_as"), [
    ("https://www.linkedin.com/in/jane-doe/", "linkedin.com/in/jane-doe"),
    ("http://linkedin.com/in/jane-doe", "linkedin.com/in/jane-doe"),
    ("https://WWW.LinkedIn.com/in/Jane-Doe?trk=people", "linkedin.com/in/jane-doe"),
    ("linkedin.com/in/jane-doe#about", "linkedin.com/in/jane-doe"),
    ("  https://www.linkedin.com/in/zo%C3%AB ", "linkedin.com/in/zoë"),
    ("", ""),
])
def test_a_profile_url_is_compared_without_scheme_host_case_trailing_slash_or_query(url, same_as):
    assert normalise_profile_url(url) == same_as
