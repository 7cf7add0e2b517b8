"""An export that cannot be trusted is refused (exit 2, naming the column and its fix), never guessed."""

from __future__ import annotations

import json
from datetime import date

import pytest

from worker.core.configuration import PropertyNames
from worker.files.export import CsvExportError, fetch_people_from_csv
from worker.files.export.cells import AmbiguousDates, DateOrder, numeric_date_order, parse_date

NAMES = PropertyNames()
HEADER = "Name,Company,Role,Closeness,Last contacted,Status,Knows,Introduced by,Shared interests,Paused"


def refusal(path, names=NAMES) -> CsvExportError:
    with pytest.raises(CsvExportError) as error:
        fetch_people_from_csv(path, names, config_file="/home/me/.config/outreach-worker/outreach.toml")
    return error.value


def test_a_missing_column_is_refused_naming_it_and_the_config_line(write_export):
    problem = refusal(write_export(HEADER.replace("Closeness,", "") + "\nAlice Chen,,,,,,,,\n"))
    assert "does not match the template" in str(problem)
    [line] = problem.problems
    assert line.startswith('"Closeness" is missing: export the list with its Closeness column')
    assert '`closeness = "Your column"` under [properties] in /home/me/.config/outreach-worker/outreach.toml' in line


def test_a_renamed_column_is_refused_with_the_line_that_maps_it(write_export):
    problem = refusal(write_export(HEADER.replace("Closeness", "How close") + "\nAlice Chen,,,Warm,,,,,,\n"))
    assert problem.problems == ['"Closeness" is missing; the column "How close" looks like it: put '
                                '`closeness = "How close"` under [properties] in '
                                "/home/me/.config/outreach-worker/outreach.toml."]


def test_a_duplicated_column_is_refused_naming_both_places(write_export):
    problem = refusal(write_export(HEADER + ",closeness\nAlice Chen,,,Warm,,,,,,No,Cold\n"))
    assert problem.problems == ['"Closeness" is there 2 times (columns 4 and 11): keep one and rename or remove '
                                "the others."]


def test_an_export_without_the_title_column_is_refused_proposing_its_first_column(write_export):
    problem = refusal(write_export(HEADER.replace("Name", "Person") + "\nAlice Chen,,,,,,,,,\n"))
    assert problem.problems == ['"Name" (the title) is missing; Notion exports the title first, here "Person": put '
                                '`name = "Person"` under [properties] in /home/me/.config/outreach-worker/outreach.toml.']


def test_every_missing_column_is_named_at_once(write_export):
    problem = refusal(write_export("Name,Company\nAlice Chen,Stripe\n"))
    assert [line.split('"')[1] for line in problem.problems] == [
        "Role", "Closeness", "Last contacted", "Status", "Knows", "Introduced by", "Shared interests", "Paused"]


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_semicolon_or_tab_separated_export_reads_like_a_comma_one(write_export, delimiter):
    header = HEADER.replace(",", delimiter)
    row = delimiter.join(["Alice Chen", '"Acme; Inc"', "Engineer", "Warm", "2026-11-03", "", "", "", "Rust", "No"])
    [alice], _ = fetch_people_from_csv(write_export(f"{header}\n{row}\n"), NAMES)
    assert (alice.company, alice.closeness, alice.last_contacted) == ("Acme; Inc", "Warm", date(2026, 11, 3))


def test_numeric_dates_read_in_the_order_their_column_settles(write_export):
    text = f"{HEADER}\nAlice Chen,,,,02/11/2026,,,,,No\nBob Li,,,,25/12/2025,,,,,No\n"
    alice, bob = fetch_people_from_csv(write_export(text), NAMES)[0]
    assert (alice.last_contacted, bob.last_contacted) == (date(2026, 11, 2), date(2025, 12, 25))


def test_numeric_dates_no_cell_settles_are_refused_naming_the_column_and_an_example(write_export):
    problem = refusal(write_export(f"{HEADER}\nAlice Chen,,,,02/11/2026,,,,,No\nBob Li,,,,\"Nov 26, 2026\",,,,,No\n"))
    [line] = problem.problems
    assert line.startswith('"Last contacted": \'02/11/2026\' could be day-first or month-first')
    assert "Full date" in line


def test_a_column_mixing_day_first_and_month_first_is_refused(write_export):
    problem = refusal(write_export(f"{HEADER}\nAlice Chen,,,,25/11/2026,,,,,No\nBob Li,,,,11/25/2026,,,,,No\n"))
    assert "'25/11/2026' is day-first but '11/25/2026' is month-first" in problem.problems[0]


@pytest.mark.parametrize("command", ["sync", "today"])
def test_a_linkedin_export_given_to_csv_points_at_the_import(write_export, offline, command):
    text = "Notes:\n\"When exporting...\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    export = write_export(text, name="Connections.csv")
    code, out, err = offline(command, "--csv", str(export))
    assert code == 2 and out == ""
    assert f'add those people to the list with `outreach-worker import linkedin "{export}"`' in err
    assert not list(export.parent.glob("*suggestions*"))


@pytest.mark.parametrize(("cells", "order"), [
    (["02/11/2026", "25/12/2026", ""], DateOrder.DAY_FIRST),
    (["11/02/2026", "12/25/2026"], DateOrder.MONTH_FIRST),
    (["26.11.2026"], DateOrder.DAY_FIRST),
    (["05/05/2026", "November 2, 2026", "2026-11-02"], None),
    ([], None),
])
def test_a_column_settles_its_numeric_date_order_or_has_none(cells, order):
    assert numeric_date_order(cells) == order


def test_an_unsettled_column_gives_an_example():
    with pytest.raises(AmbiguousDates) as error:
        numeric_date_order(["", "03/04/2026", "05/06/2026"])
    assert error.value.example == "03/04/2026"


def test_a_numeric_date_reads_in_the_order_given():
    assert parse_date("02/11/2026", DateOrder.DAY_FIRST) == date(2026, 11, 2)
    assert parse_date("02/11/2026", DateOrder.MONTH_FIRST) == date(2026, 2, 11)
    with pytest.raises(ValueError, match="day-first or month-first"):
        parse_date("02/11/2026")


# --- through the command line -------------------------------------------------------------------


def test_sync_csv_on_an_untrusted_export_exits_2_writes_nothing_and_names_the_fix(offline, write_export, tmp_path):
    export = write_export(HEADER.replace("Closeness", "How close") + "\nAlice Chen,,,Warm,,,,,,No\n")
    out = tmp_path / "out.csv"
    code, stdout, err = offline("sync", "--csv", str(export), "--out", str(out), "--json")
    assert code == 2
    assert not out.exists()
    assert '`closeness = "How close"`' in err and "Nothing was written." in err
    assert json.loads(stdout)["problems"] == [
        f'"Closeness" is missing; the column "How close" looks like it: put `closeness = "How close"` under '
        f"[properties] in {tmp_path / 'xdg' / 'outreach-worker' / 'outreach.toml'}."]


def test_every_cell_warning_reaches_the_report(offline, write_export, tmp_path):
    export = write_export(f"{HEADER}\nAlice Chen,Stripe,,Warm,last Tuesday,,,,,Maybe\n")
    code, stdout, err = offline("sync", "--csv", str(export), "--out", str(tmp_path / "o.csv"), "--json",
                                "--today", "2026-11-26")
    assert code == 0, err
    messages = [w["message"] for w in json.loads(stdout)["warnings"] if w["name"] == "Alice Chen"]
    assert "CSV row 2: Last contacted: 'last Tuesday' is not a date; read as empty" in messages
    assert "CSV row 2: Paused: 'Maybe' is not Yes or No; read as empty" in messages
    _, _, printed = offline("sync", "--csv", str(export), "--dry-run", "--today", "2026-11-26")
    assert "warning: Alice Chen: CSV row 2: Last contacted: 'last Tuesday' is not a date" in printed


def test_an_empty_target_list_warns_offline(offline, write_export):
    export = write_export(f"{HEADER}\nAlice Chen,Stripe,,Warm,2026-11-01,,,,,No\n")
    _, stdout, _ = offline("sync", "--csv", str(export), "--dry-run", "--json", "--today", "2026-11-26")
    [warning] = [w for w in json.loads(stdout)["warnings"] if not w["name"]]
    assert warning["message"].startswith('No target companies are set, so no one gets "Pitch for interview".')
    _, _, printed = offline("sync", "--csv", str(export), "--dry-run", "--today", "2026-11-26")
    assert "  warning: No target companies are set" in printed
