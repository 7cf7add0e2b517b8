"""Reading a Notion CSV export into Person rows."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from worker.core.today.warnings import describe_warning
from worker.core.models import Person, RowWarning, WorkerFields
from worker.core.configuration import PropertyNames
from worker.files.export import CsvExportError, fetch_people_from_csv
from worker.files.export.ids import synthetic_page_id

NAMES = PropertyNames()
HEADER = (
    "Name,Company,Role,Closeness,Last contacted,Status,Knows,Introduced by,Shared interests,Paused"
)
ALICE_ID = "1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6"
BOB_ID = "0f1e2d3c4b5a49687766554433221100"

EXPORT = f"""{HEADER}
Alice Chen,Stripe,Engineer,Warm,"November 3, 2026",Replied,\
"Bob Li (https://www.notion.so/Bob-Li-{BOB_ID})",,"Rust, Climbing",No
Bob Li,Figma,Engineering Manager,Close,"November 26, 2026 3:04 PM",Not contacted,\
"Alice Chen (https://app.notion.com/p/{ALICE_ID}), Carol Diaz",,,No
Carol Diaz,Notion,Recruiter,,2026-09-01,,,Bob Li,Design systems,Yes
"""


def by_name(people: list[Person]) -> dict[str, Person]:
    return {person.name: person for person in people}


def export(rows: list[dict[str, str]], header: str = HEADER, extra: tuple[str, ...] = ()) -> str:
    """A CSV export with the template's user columns (renamed in `header` if need be), `extra`
    columns after them, and `rows` given by column name (others empty)."""
    columns = header.split(",") + list(extra)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[row.get(column, "") for column in columns] for row in rows])
    return out.getvalue()


@pytest.mark.parametrize("bom", [True, False])
def test_an_export_reads_with_or_without_a_byte_order_mark(write_export, bom):
    people, table = fetch_people_from_csv(write_export(EXPORT, bom=bom), NAMES)
    assert [person.name for person in people] == ["Alice Chen", "Bob Li", "Carol Diaz"]
    assert table.header[0] == "Name"


def test_every_user_column_reads_into_its_typed_field(write_export):
    alice = by_name(fetch_people_from_csv(write_export(EXPORT), NAMES)[0])["Alice Chen"]
    assert alice == Person(
        page_id=ALICE_ID,
        name="Alice Chen",
        company="Stripe",
        role="Engineer",
        closeness="Warm",
        last_contacted=date(2026, 11, 3),
        status="Replied",
        knows=(BOB_ID,),
        introduced_by=(),
        shared_interests=("Rust", "Climbing"),
        paused=False,
        url=f"https://www.notion.so/{ALICE_ID}",
        current=WorkerFields(),
    )


def test_a_date_with_a_time_and_an_iso_date_read_as_dates(write_export):
    people = by_name(fetch_people_from_csv(write_export(EXPORT), NAMES)[0])
    assert people["Bob Li"].last_contacted == date(2026, 11, 26)
    assert people["Carol Diaz"].last_contacted == date(2026, 9, 1)


def test_a_checked_paused_box_reads_as_paused(write_export):
    people = by_name(fetch_people_from_csv(write_export(EXPORT), NAMES)[0])
    assert people["Carol Diaz"].paused and not people["Bob Li"].paused


def test_a_row_takes_the_page_id_that_a_link_to_it_carries(write_export):
    people = by_name(fetch_people_from_csv(write_export(EXPORT), NAMES)[0])
    assert people["Alice Chen"].page_id == ALICE_ID  # from an app.notion.com link
    assert people["Bob Li"].page_id == BOB_ID  # from a notion.so link


def test_a_row_no_link_identifies_gets_a_synthetic_id_and_no_url(write_export):
    carol = by_name(fetch_people_from_csv(write_export(EXPORT), NAMES)[0])["Carol Diaz"]
    assert carol.page_id == synthetic_page_id("Carol Diaz", 1)
    assert carol.url == ""


def test_plain_names_in_a_relation_resolve_to_the_rows_of_those_names(write_export):
    people = by_name(fetch_people_from_csv(write_export(EXPORT), NAMES)[0])
    assert people["Bob Li"].knows == (ALICE_ID, people["Carol Diaz"].page_id)
    assert people["Carol Diaz"].introduced_by == (BOB_ID,)


def test_a_link_to_a_name_outside_the_list_keeps_an_id_no_row_has(write_export):
    text = f"{HEADER}\nAlice Chen,,,,,,Zed Quinn,,,No\n"
    alice = fetch_people_from_csv(write_export(text), NAMES)[0][0]
    assert alice.knows == (synthetic_page_id("Zed Quinn", 1),)
    assert alice.knows[0] != alice.page_id


def test_the_same_export_read_twice_gives_the_same_ids(write_export):
    text = f"{HEADER}\nAlice Chen,,,,,,Bob Li,,,No\nBob Li,,,,,,,,,No\nBob Li,,,,,,,,,No\n"
    first = fetch_people_from_csv(write_export(text), NAMES)[0]
    second = fetch_people_from_csv(write_export(text), NAMES)[0]
    assert [person.page_id for person in first] == [person.page_id for person in second]
    assert len({person.page_id for person in first}) == 3  # two rows named Bob Li differ


def test_a_renamed_column_is_read_through_the_configured_property_name(write_export):
    names = PropertyNames(name="Contact", closeness="How close", knows="Connections")
    header = HEADER.replace("Name", "Contact").replace("Closeness", "How close").replace("Knows", "Connections")
    text = export([{"Contact": "Alice Chen", "How close": "Warm", "Connections": "Bob Li"},
                   {"Contact": "Bob Li", "How close": "Close"}], header)
    alice, bob = fetch_people_from_csv(write_export(text), names)[0]
    assert alice.closeness == "Warm"
    assert alice.knows == (bob.page_id,)


def test_headers_match_property_names_regardless_of_case(write_export):
    text = export([{"name": "Alice Chen", "company": "Stripe"}], HEADER.lower())
    alice = fetch_people_from_csv(write_export(text), NAMES)[0][0]
    assert alice.company == "Stripe"


def test_missing_optional_columns_read_as_empty_values(write_export):
    alice = fetch_people_from_csv(write_export(export([{"Name": "Alice Chen"}])), NAMES)[0][0]
    assert alice == Person(page_id=alice.page_id, name="Alice Chen")


def test_worker_columns_in_the_export_read_into_current(write_export):
    worker = ("Suggested ask", "Why", "Next step", "Intro path", "Intro via", "Follow up on", "Stale", "Strength",
              "Worker state")
    text = export([
        {"Name": "Alice Chen", "Suggested ask": "Pitch for interview", "Why": "Works at Stripe.",
         "Next step": "Write to Bob.", "Intro path": "You → Bob Li → Alice Chen", "Intro via": "Bob Li",
         "Follow up on": "November 30, 2026", "Stale": "Yes", "Strength": "55", "Worker state": "v1:abc"},
        {"Name": "Bob Li", "Stale": "No"},
    ], extra=worker)
    alice, bob = fetch_people_from_csv(write_export(text), NAMES)[0]
    assert alice.current == WorkerFields(
        suggested_ask="Pitch for interview",
        why="Works at Stripe.",
        next_step="Write to Bob.",
        intro_path="You → Bob Li → Alice Chen",
        intro_via=(bob.page_id,),
        follow_up_on=date(2026, 11, 30),
        stale=True,
        strength=55.0,
        worker_state="v1:abc",
    )
    assert bob.current == WorkerFields()


def test_a_cell_that_cannot_be_read_warns_naming_the_row_and_reads_as_empty(write_export):
    warnings: list[RowWarning] = []
    text = f"{HEADER}\nAlice Chen,,,,last Tuesday,,,,,Maybe\n"
    alice = fetch_people_from_csv(write_export(text), NAMES, warnings.append)[0][0]
    assert (alice.last_contacted, alice.paused) == (None, False)
    assert [(w.page_id, w.name, describe_warning(w)) for w in warnings] == [
        (alice.page_id, "Alice Chen", "CSV row 2: Last contacted: 'last Tuesday' is not a date; read as empty"),
        (alice.page_id, "Alice Chen", "CSV row 2: Paused: 'Maybe' is not Yes or No; read as empty"),
    ]


def test_cells_beyond_the_last_column_warn_naming_the_row(write_export):
    warnings: list[RowWarning] = []
    fetch_people_from_csv(write_export(f"{HEADER}\nAlice Chen,,,,,,,,,No,extra,more\n"), NAMES, warnings.append)
    [warning] = warnings
    assert (warning.name, describe_warning(warning)) == ("Alice Chen", "CSV row 2: 2 cell(s) beyond the last column ignored")


def test_a_row_with_an_empty_name_is_still_a_person(write_export):
    people = fetch_people_from_csv(write_export(f"{HEADER}\n,Stripe,,,,,,,,No\n"), NAMES)[0]
    assert [(person.name, person.company) for person in people] == [("", "Stripe")]


def test_blank_lines_are_skipped_and_quoted_line_breaks_kept(write_export):
    text = f'{HEADER}\r\n\r\nAlice Chen,,,,,,,,"Rust",\r\n"Bob\nLi",,,,,,,,,\r\n'
    people = fetch_people_from_csv(write_export(text), NAMES)[0]
    assert [person.name for person in people] == ["Alice Chen", "Bob\nLi"]


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CsvExportError, match="no file at"):
        fetch_people_from_csv(tmp_path / "nope.csv", NAMES)


def test_a_file_that_is_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("Name\nJosé\n".encode("latin-1"))
    with pytest.raises(CsvExportError, match="not UTF-8"):
        fetch_people_from_csv(path, NAMES)


def test_an_empty_file_is_a_clear_error(write_export):
    with pytest.raises(CsvExportError, match="no header row"):
        fetch_people_from_csv(write_export(""), NAMES)
