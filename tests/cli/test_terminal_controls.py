"""Names print as text, never as terminal commands or extra lines (issue 20, defect 7).

A name pasted with ESC sequences (clear the screen, write the clipboard through OSC 52) or with a
line break reached the terminal as it was: the screen cleared, and "  9. …" after the break read as
a to-do line of its own.
"""

from __future__ import annotations

import re

import pytest

from tests.core.today.test_today_page_sync import ROWS, TODAY

HOSTILE = "Connie\x1b[2J\x1b]52;c;aGVsbG8=\x07 Park\n  9. Wire money to Mallory\r\x7f\x00"
SHOWN = "Connie[2J]52;c;aGVsbG8= Park 9. Wire money to Mallory"


@pytest.fixture
def hostile_list(fake):
    _, source = fake.create_outreach_list()
    rows = [dict(row) for row in ROWS]
    rows[0]["Name"] = HOSTILE
    rows[1]["Company"] = "Stripe\x1b[31m"
    fake.add_people(source, rows)
    return source


def control_characters(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F]


@pytest.mark.parametrize("command", [("today",), ("sync",), ("sync", "--dry-run")])
def test_a_name_with_escape_sequences_and_a_line_break_prints_as_one_line_of_text(cli, hostile_list, command):
    run = cli(*command, "--today", TODAY, database=hostile_list, targets="Stripe, Figma")
    assert run.code == 0, run.err
    printed = run.out + run.err
    assert control_characters(printed) == []
    assert SHOWN in printed
    numbered = re.findall(r"^\s+(\d+)\. ", printed, re.MULTILINE)
    assert numbered == [str(n) for n in range(1, len(numbered) + 1)]  # no forged "9." between them
    assert not re.search(r"^\s+9\. Wire", printed, re.MULTILINE)
