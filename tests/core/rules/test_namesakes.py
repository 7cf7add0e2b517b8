"""Two rows with the same Name read differently in every sentence the worker writes about them."""

from datetime import date, timedelta

import pytest

from rules_helpers import TODAY, fields, person, pid, row, run
from worker.core.codes import WarningCode
from worker.core.today.warnings import describe_warning
from worker.core.today.todo import compute_todo

RECENT = TODAY - timedelta(days=10)
STALE = TODAY - timedelta(days=200)


def jane(n, **columns):
    return person(n, "Jane Doe", **{"closeness": "Warm", "last_contacted": STALE, **columns})


def labels(outcome, *ns):
    """The name each row's Next step gives it ("Ask <label> for advice …")."""
    return [fields(outcome, n).next_step.removeprefix("Ask ").split(" for advice")[0] for n in ns]


def test_namesakes_at_two_companies_are_told_apart_by_company():
    out = run([jane(1, company="Google"), jane(2, company="Meta")])
    assert labels(out, 1, 2) == ["Jane Doe (Google)", "Jane Doe (Meta)"]
    assert sorted((w.page_id, describe_warning(w)) for w in out.warnings) == [
        (pid(1), "another row has the same Name 'Jane Doe'; the worker calls this one Jane Doe (Google)"),
        (pid(2), "another row has the same Name 'Jane Doe'; the worker calls this one Jane Doe (Meta)"),
    ]


def test_namesakes_at_one_company_are_told_apart_by_role_when_their_roles_differ():
    out = run([jane(1, company="Google", role="Recruiter"), jane(2, company="Google", role="Engineer")])
    assert labels(out, 1, 2) == ["Jane Doe (Google, Recruiter)", "Jane Doe (Google, Engineer)"]
    assert [row(out, n).decision.tell_apart for n in (1, 2)] == ["Recruiter", "Engineer"]


@pytest.mark.parametrize("order", [(1, 2, 3), (3, 2, 1)])
def test_namesakes_alike_in_company_and_role_are_numbered_the_earliest_added_first(order):
    added = {1: date(2026, 5, 2), 2: date(2026, 5, 1), 3: None}  # no created time: after the rest
    people = [jane(n, company="Google", role="Engineer", created_on=added[n]) for n in order]
    out = run(people)
    assert labels(out, 1, 2, 3) == ["Jane Doe (Google, #2)", "Jane Doe (Google, #1)", "Jane Doe (Google, #3)"]


def test_a_namesake_with_no_company_is_numbered_among_the_others_with_none():
    out = run([jane(1), jane(2), jane(3, company="Google")])
    assert labels(out, 1, 2, 3) == ["Jane Doe (#1)", "Jane Doe (#2)", "Jane Doe (Google)"]


def test_a_paused_namesake_takes_no_part_and_the_other_keeps_their_plain_name():
    out = run([jane(1, company="Google"), jane(2, company="Google", paused=True)])
    assert labels(out, 1) == ["Jane Doe"] and out.warnings == ()


def test_the_to_do_and_the_intro_paths_tell_namesakes_apart_too():
    people = [
        jane(1, company="Google", role="Engineer", last_contacted=RECENT, knows=[9]),
        jane(2, company="Google", role="Engineer", last_contacted=RECENT),
        person(9, "Bo Li", company="Stripe"),
    ]
    out = run(people)
    assert fields(out, 9).intro_path == "You → Jane Doe (Google, #1) → Bo Li"  # neither added first: page ids
    todo = compute_todo(out, TODAY)
    assert sorted(item.person.name for item in todo) == ["Jane Doe (#1)", "Jane Doe (#2)"]
    assert {item.person.company for item in todo} == {"Google"}  # the company is shown beside the name


def test_namesakes_whose_linkedin_profiles_differ_are_two_people_and_get_no_warning():
    out = run([jane(1, company="Google", linkedin="https://www.linkedin.com/in/jane-doe-1"),
               jane(2, company="Meta", linkedin="linkedin.com/in/Jane-Doe-2/")])
    assert labels(out, 1, 2) == ["Jane Doe (Google)", "Jane Doe (Meta)"]  # still told apart in sentences
    assert [w for w in out.warnings if w.code is WarningCode.NAMESAKE] == []


@pytest.mark.parametrize(("first", "second"), [
    ("https://www.linkedin.com/in/jane-doe", "http://linkedin.com/in/Jane-Doe/?trk=x"),  # one profile twice
    ("https://www.linkedin.com/in/jane-doe", ""),  # one row has none: it may be the same person
])
def test_namesakes_their_profiles_do_not_tell_apart_are_still_warned_about(first, second):
    out = run([jane(1, company="Google", linkedin=first), jane(2, company="Meta", linkedin=second)])
    assert sorted(w.page_id for w in out.warnings if w.code is WarningCode.NAMESAKE) == [pid(1), pid(2)]
