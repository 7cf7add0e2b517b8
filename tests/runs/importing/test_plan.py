"""Who becomes a new row and who is already in the list: dedupe on LinkedIn URL, else name and company."""

from __future__ import annotations

from datetime import date

from worker.files.linkedin.connections import Connection
from worker.files.linkedin.new_rows import BY_NAME, BY_URL, ListShape, plan_import, select_name
from worker.core.models import Person


def connection(name: str, company: str = "", url: str = "", line: int = 5, **more) -> Connection:
    return Connection(line=line, name=name, company=company, position=more.get("position", "Engineer"), url=url,
                      email=more.get("email", ""), connected_on=more.get("connected_on", date(2024, 3, 15)))


def person(name: str, company: str = "", linkedin: str = "") -> Person:
    return Person(page_id=name.lower().replace(" ", ""), name=name, company=company, linkedin=linkedin,
                  url=f"https://app.notion.com/p/{name.replace(' ', '-')}")


def test_a_connection_with_the_url_of_a_row_matches_it_whatever_the_name():
    plan = plan_import([connection("Bob Li", "Figma", "https://www.linkedin.com/in/bob-li")],
                       [person("Robert Li", "Elsewhere", "http://linkedin.com/in/Bob-Li/?trk=x")], "Acquaintance",
                       ListShape())
    [match] = plan.matches
    assert (match.by, match.row.name, plan.creates) == (BY_URL, "Robert Li", ())


def test_without_a_url_match_the_same_name_and_company_matches():
    plan = plan_import([connection("dana  FOX", "Figma, Inc.", "https://www.linkedin.com/in/danafox")],
                       [person("Dana Fox", "Figma")], "Acquaintance", ListShape())
    assert [m.by for m in plan.matches] == [BY_NAME]


def test_the_same_name_and_company_with_two_different_urls_are_two_people():
    plan = plan_import([connection("Jane Doe", "Google", "https://www.linkedin.com/in/jane-doe-456")],
                       [person("Jane Doe", "Google", "https://www.linkedin.com/in/jane-doe-123")], "Acquaintance",
                       ListShape())
    assert plan.matches == () and len(plan.creates) == 1


def test_the_same_name_at_another_company_is_another_person():
    plan = plan_import([connection("Dana Fox", "Stripe")], [person("Dana Fox", "Figma")], "Acquaintance", ListShape())
    assert len(plan.creates) == 1


def test_a_line_repeating_an_earlier_line_matches_it_and_creates_no_twin():
    first = connection("Alice Chen", "Stripe", "https://www.linkedin.com/in/alice", line=5)
    again = connection("Alice Chen", "Stripe", "https://linkedin.com/in/alice/", line=9)
    plan = plan_import([first, again], [], "Acquaintance", ListShape())
    assert [row.connection.line for row in plan.creates] == [5]
    [match] = plan.matches
    assert (match.earlier.line, match.where) == (5, "line 5 of the file")


def test_a_new_row_holds_name_company_role_closeness_last_contacted_linkedin_and_email():
    plan = plan_import([connection("Erin O'Neil", "Acme, Inc.", "https://www.linkedin.com/in/erin",
                                   position="Director of Engineering, Platform", email="erin@oneil.dev")],
                       [], "Warm", ListShape())
    [row] = plan.creates
    assert row.values == {"name": "Erin O'Neil", "company": "Acme Inc.", "role": "Engineering Manager",
                          "closeness": "Warm", "last_contacted": date(2024, 3, 15),
                          "linkedin": "https://www.linkedin.com/in/erin", "email": "erin@oneil.dev"}
    assert "status" not in row.values  # Status stays empty


def test_a_text_company_keeps_its_commas_and_missing_optional_columns_are_not_filled():
    shape = ListShape(company_is_select=False, has_linkedin=False, has_email=False)
    [row] = plan_import([connection("Erin O'Neil", "Acme, Inc.", "https://x", email="e@x.dev")], [], "Warm",
                        shape).creates
    assert row.values["company"] == "Acme, Inc."
    assert "linkedin" not in row.values and "email" not in row.values


def test_empty_values_are_left_out_of_a_new_row():
    [row] = plan_import([connection("Kim Ng", "", "", connected_on=None)], [], "Cold", ListShape()).creates
    assert set(row.values) == {"name", "role", "closeness"}


def test_a_select_name_has_no_comma_and_at_most_100_characters():
    assert select_name("Samsung Electronics Co., Ltd.") == "Samsung Electronics Co. Ltd."
    assert select_name(" , Acme ,Inc ") == "Acme Inc"
    assert len(select_name("x" * 150)) == 100
