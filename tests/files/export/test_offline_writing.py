"""Writing the export back with the worker columns filled."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from worker.core.models import Outcome, Person, RowOutcome, WorkerFields
from worker.core.configuration import PropertyNames
from worker.files.export import (
    CsvExportError,
    CsvTable,
    default_output_path,
    fetch_people_from_csv,
    write_csv_with_suggestions,
)

NAMES = PropertyNames()
USER_HEADER = ["Name", "Company", "Closeness", "Knows", "Paused", "Role", "Last contacted", "Status", "Introduced by",
               "Shared interests"]
WORKER_HEADER = [
    "Suggested ask", "Why", "Next step", "Draft", "Intro path", "Mail link", "Intro via",
    "Follow up on", "Stale", "Strength", "Intros made", "Worker state",
]
EXPORT = """Name,Company,Closeness,Knows,Paused,Role,Last contacted,Status,Introduced by,Shared interests
Alice Chen,Stripe,Cold,,No,,,,,
Bob Li,Shopify,Close,"Alice Chen, Robert Hayes, Jr.",No,,,,,
"Robert Hayes, Jr.",Figma,Warm,,No,,,,,
Carol Diaz,Notion,Warm,,Yes,,,,,
"""


def read(write_export, text: str = EXPORT) -> tuple[dict[str, Person], CsvTable]:
    people, table = fetch_people_from_csv(write_export(text), NAMES)
    return {person.name: person for person in people}, table


def outcome_for(people: dict[str, Person]) -> Outcome:
    """A hand-made outcome: Alice through Bob, Bob asked for intros; Carol is Paused (absent)."""
    alice, bob, robert = people["Alice Chen"], people["Bob Li"], people["Robert Hayes, Jr."]
    fields = {
        alice: WorkerFields(
            suggested_ask="Pitch for interview",
            why="Alice works at Stripe, a target company.",
            next_step="Ask Bob Li to introduce you to Alice Chen.",
            intro_path="You → Bob Li → Alice Chen",
            intro_via=(bob.page_id,),
            follow_up_on=date(2026, 11, 27),
            strength=0.0,
            worker_state="v1:alice",
        ),
        bob: WorkerFields(
            suggested_ask="Request introductions",
            why="Close, last spoke on 2 Nov.",
            next_step="Ask Bob Li for intros to Alice Chen.",
            follow_up_on=date(2026, 12, 1),
            strength=95.0,
            worker_state="v1:bob",
        ),
        robert: WorkerFields(intro_via=(bob.page_id,), stale=True, strength=72.5),
    }
    return Outcome(rows=tuple(
        RowOutcome(person=person, fields=value, changed=()) for person, value in fields.items()
    ))


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_the_output_keeps_every_input_column_in_order_then_adds_the_worker_columns(
    write_export, tmp_path
):
    people, table = read(write_export)
    out = tmp_path / "out.csv"
    write_csv_with_suggestions(table, outcome_for(people), NAMES, out)
    assert rows_of(out)[0] == USER_HEADER + WORKER_HEADER


def test_user_cells_are_copied_unchanged(write_export, tmp_path):
    people, table = read(write_export)
    out = tmp_path / "out.csv"
    write_csv_with_suggestions(table, outcome_for(people), NAMES, out)
    original = list(csv.reader(io.StringIO(EXPORT)))
    assert [row[: len(USER_HEADER)] for row in rows_of(out)] == original


def test_worker_cells_are_written_in_notion_csv_formats(write_export, tmp_path):
    people, table = read(write_export)
    out = tmp_path / "out.csv"
    write_csv_with_suggestions(table, outcome_for(people), NAMES, out)
    rows = {row[0]: row[len(USER_HEADER):] for row in rows_of(out)[1:]}
    assert rows["Alice Chen"] == [
        "Pitch for interview", "Alice works at Stripe, a target company.",
        "Ask Bob Li to introduce you to Alice Chen.", "", "You → Bob Li → Alice Chen", "",
        "Bob Li", "November 27, 2026", "No", "0", "", "v1:alice",
    ]
    assert rows["Robert Hayes, Jr."] == ["", "", "", "", "", "", "Bob Li", "", "Yes", "72.5", "", ""]


def test_a_paused_row_keeps_its_worker_cells_untouched(write_export, tmp_path):
    text = EXPORT.replace("Shared interests\n", "Shared interests,Why\n").replace(",Yes,,,,,\n", ',Yes,,,,,,"my own note"\n')
    text = text.replace(",No,,,,,\n", ",No,,,,,,\n")
    people, table = read(write_export, text)
    out = tmp_path / "out.csv"
    write_csv_with_suggestions(table, outcome_for(people), NAMES, out)
    carol = next(row for row in rows_of(out) if row[0] == "Carol Diaz")
    assert carol == ["Carol Diaz", "Notion", "Warm", "", "Yes", "", "", "", "", "", "my own note"] + [""] * 11


def test_a_worker_column_already_in_the_export_is_replaced_in_place(write_export, tmp_path):
    text = EXPORT.replace("Closeness,", "Closeness,Strength,").replace(
        "Cold,", "Cold,10,").replace("Close,", "Close,50,").replace("Warm,", "Warm,,")
    people, table = read(write_export, text)
    out = tmp_path / "out.csv"
    write_csv_with_suggestions(table, outcome_for(people), NAMES, out)
    rows = rows_of(out)
    assert rows[0].count("Strength") == 1 and rows[0][3] == "Strength"
    assert [row[3] for row in rows[1:]] == ["0", "95", "72.5", ""]


def test_a_file_output_is_utf8_with_a_byte_order_mark(write_export, tmp_path):
    people, table = read(write_export)
    out = tmp_path / "out.csv"
    write_csv_with_suggestions(table, outcome_for(people), NAMES, out)
    assert out.read_bytes().startswith("\ufeffName,".encode())
    assert "You → Bob Li → Alice Chen" in out.read_text(encoding="utf-8-sig")


def test_a_text_stream_output_gets_the_same_rows_without_a_byte_order_mark(write_export):
    people, table = read(write_export)
    stream = io.StringIO()
    write_csv_with_suggestions(table, outcome_for(people), NAMES, stream)
    assert stream.getvalue().startswith("Name,Company")
    assert len(list(csv.reader(io.StringIO(stream.getvalue())))) == 5


def test_the_output_never_overwrites_the_export(write_export):
    path = write_export(EXPORT)
    people, table = fetch_people_from_csv(path, NAMES)
    before = path.read_bytes()
    with pytest.raises(CsvExportError, match="will not write over the export"):
        write_csv_with_suggestions(table, Outcome(rows=()), NAMES, path)
    with pytest.raises(CsvExportError):
        write_csv_with_suggestions(table, Outcome(rows=()), NAMES, path.parent / "." / path.name)
    assert path.read_bytes() == before


def test_the_output_never_overwrites_the_export_through_a_link(write_export, tmp_path):
    path = write_export(EXPORT)
    _, table = fetch_people_from_csv(path, NAMES)
    alias = tmp_path / "alias.csv"
    alias.symlink_to(path)
    with pytest.raises(CsvExportError):
        write_csv_with_suggestions(table, Outcome(rows=()), NAMES, alias)


def test_an_output_folder_that_does_not_exist_is_a_clear_error(write_export, tmp_path):
    _, table = read(write_export)
    with pytest.raises(CsvExportError, match="cannot write"):
        write_csv_with_suggestions(table, Outcome(rows=()), NAMES, tmp_path / "no" / "out.csv")


def test_the_default_output_sits_beside_the_export_with_suggestions_in_its_name():
    export = Path("/data/Outreach List 1a2b.csv")
    assert default_output_path(export) == Path("/data/Outreach List 1a2b with suggestions.csv")


def test_reading_back_the_output_gives_current_equal_to_what_was_written(write_export, tmp_path):
    people, table = read(write_export)
    outcome = outcome_for(people)
    out = tmp_path / "out.csv"
    write_csv_with_suggestions(table, outcome, NAMES, out)
    again, _ = fetch_people_from_csv(out, NAMES)
    current = {person.page_id: person.current for person in again}
    assert {row.person.page_id: row.fields for row in outcome.rows} == {
        page_id: current[page_id] for page_id in (row.person.page_id for row in outcome.rows)
    }
    assert [person.page_id for person in again] == [person.page_id for person in people.values()]


def test_writing_the_read_back_output_again_gives_the_same_bytes(write_export, tmp_path):
    people, table = read(write_export)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    write_csv_with_suggestions(table, outcome_for(people), NAMES, first)
    again, table_again = fetch_people_from_csv(first, NAMES)
    by_id = {person.page_id: person for person in again}
    outcome = Outcome(rows=tuple(
        RowOutcome(person=by_id[row.person.page_id], fields=row.fields, changed=())
        for row in outcome_for(people).rows
    ))
    write_csv_with_suggestions(table_again, outcome, NAMES, second)
    assert first.read_bytes() == second.read_bytes()
