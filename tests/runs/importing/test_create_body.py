"""The body of one page create: user columns by configured name, written as the list types them."""

from __future__ import annotations

from datetime import date

import pytest

from worker.core.configuration import PropertyNames
from worker.notion.codec import create_properties

TYPES = {"name": "title", "company": "select", "role": "select", "closeness": "select", "last_contacted": "date",
         "linkedin": "url", "email": "email"}


def test_each_value_is_written_in_its_columns_type():
    body = create_properties(
        {"name": "Erin O'Neil", "company": "Acme Inc.", "role": "Engineer", "closeness": "Warm",
         "last_contacted": date(2025, 7, 7), "linkedin": "https://www.linkedin.com/in/erin", "email": "e@x.dev"},
        PropertyNames(), TYPES)
    assert body == {
        "Name": {"title": [{"type": "text", "text": {"content": "Erin O'Neil"}}]},
        "Company": {"select": {"name": "Acme Inc."}},
        "Role": {"select": {"name": "Engineer"}},
        "Closeness": {"select": {"name": "Warm"}},
        "Last contacted": {"date": {"start": "2025-07-07"}},
        "LinkedIn": {"url": "https://www.linkedin.com/in/erin"},
        "Email": {"email": "e@x.dev"},
    }


def test_text_columns_and_renamed_columns_are_honoured_and_long_text_is_cut():
    names = PropertyNames(company="Employer")
    body = create_properties({"company": "Acme, Inc. " + "x " * 1500}, names, {"company": "rich_text"})
    [text] = body["Employer"]["rich_text"]
    assert text["text"]["content"].startswith("Acme, Inc. ") and len(text["text"]["content"]) <= 2000


def test_a_type_a_create_never_writes_is_a_bug_not_a_guess():
    with pytest.raises(ValueError):
        create_properties({"company": "Acme"}, PropertyNames(), {"company": "relation"})
