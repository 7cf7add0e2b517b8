"""Control characters in what people typed stay out of what the worker writes (issue 20, defect 9).

NUL, BEL, ESC and DEL pasted into a Notion value, and CR, LF or ESC inside a quoted LinkedIn field,
were copied into Why, Next step, Intro path, Draft, the Mail link and the rows an import creates.
"""

from __future__ import annotations

import pytest

TODAY = "2026-11-26"
WORKER_TEXT = ("Why", "Next step", "Intro path", "Draft", "Mail link", "Suggested ask")


def controls(text: str, allowed: str = "") -> list[str]:
    return [c for c in text if ((ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) and c not in allowed)]


@pytest.fixture
def pasted(fake):
    _, source = fake.create_outreach_list()
    ids = fake.add_people(source, [
        {"Name": "Con\x00nie\x07 Park\x1b[2J", "Company": "Ac\x7fme", "Role": "Engineer", "Closeness": "Warm",
         "Last contacted": "2026-11-02", "Status": "Not contacted", "Knows": ["Bob\nLi"],
         "Email": "connie@example.com", "Shared interests": ["Chess\x1b"]},
        {"Name": "Bob\nLi", "Company": "Stri\x1bpe", "Role": "Engineer", "Closeness": "Cold",
         "Email": "bob@example.com"},
        {"Name": "Dana\r Fox", "Company": "Stripe", "Closeness": "Close", "Last contacted": "2026-10-01",
         "Status": "Not contacted", "Email": "dana@example.com"},
    ])
    return source, ids


def test_control_characters_in_notion_values_never_reach_the_workers_text(fake, cli, pasted):
    source, ids = pasted
    run = cli("sync", "--today", TODAY, database=source, targets="Stripe")
    assert run.code == 0, run.err
    written = {name: fake.page_values(page)[name] for page in ids for name in WORKER_TEXT}
    assert any(written.values())
    for page in ids:
        values = fake.page_values(page)
        for name in WORKER_TEXT:
            assert controls(values[name] or "", allowed="\n" if name == "Draft" else "") == [], (name, values[name])
    connie = fake.page_values(ids[0])
    assert "Connie Park[2J" in connie["Why"] and "Bob Li" in connie["Next step"]
    assert fake.page_values(ids[0])["Name"] == "Con\x00nie\x07 Park\x1b[2J"  # the person's own value is theirs


def test_a_second_sync_finds_nothing_to_change(fake, cli, pasted):
    source, _ = pasted
    assert cli("sync", "--today", TODAY, database=source, targets="Stripe").code == 0
    fake.reset_requests()
    assert cli("sync", "--today", TODAY, database=source, targets="Stripe").code == 0
    assert fake.count("PATCH", r"^/v1/pages/[^/]+$") == 0


def test_quoted_linkedin_fields_with_line_breaks_and_escapes_create_clean_rows(fake, cli, tmp_path):
    database, source = fake.create_outreach_list()
    export = tmp_path / "Connections.csv"
    export.write_text(
        "Notes:\n\"When exporting your connection data...\"\n\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "\"Ali\rce\",\"Chen\x1b]52;c;eA==\x07\",https://www.linkedin.com/in/alice\x00,,\"Str\nipe\",\"Software\r\nEngineer\x7f\",15 Mar 2024\n",
        encoding="utf-8", newline="")
    run = cli("import", "linkedin", str(export), database=database)
    assert run.code == 0, run.err
    (created,) = [fake.page_values(page) for page in fake.pages_of(source)]
    assert created["Name"] == "Ali ce Chen]52;c;eA=="
    assert created["Company"] == "Str ipe"
    assert created["Role"] == "Engineer"
    assert created["LinkedIn"] == "https://www.linkedin.com/in/alice"
    for value in created.values():
        assert not isinstance(value, str) or controls(value) == [], value
