"""The Why of someone introduced to you, before and after you wrote to them (found walking the sample list over four weeks).

Today is Thu 26 Nov 2026 (rules_helpers.TODAY).
"""

from __future__ import annotations

from datetime import date

from rules_helpers import fields, person, run


def test_the_why_of_someone_introduced_and_written_to_no_longer_says_you_have_not_written():
    # Ana introduced Tess (Tess's row was added on 20 Nov); you wrote to Tess on 24 Nov and wait for
    # her answer. Next step follows up on that message: the Why must not say you never wrote.
    people = [
        person(1, name="Ana Ruiz", closeness="Warm", last_contacted=date(2026, 11, 2)),
        person(2, name="Tess Moreno", company="Stripe", role="Engineer", status="Reached out",
               last_contacted=date(2026, 11, 24), introduced_by=[1], created_on=date(2026, 11, 20)),
    ]
    f = fields(run(people), 2)
    assert f.next_step.startswith("Follow up with Tess Moreno")
    assert f.why == (
        "Tess Moreno is an acquaintance and an engineer at Stripe, one of your target companies; Ana Ruiz "
        "introduced you on 20 Nov 2026, and they have not answered you yet. Closeness says Cold, but you "
        "were introduced, so the worker counts them as Acquaintance."
    )


def test_the_why_of_someone_introduced_and_not_yet_written_to_says_so():
    people = [
        person(1, name="Ana Ruiz", closeness="Warm", last_contacted=date(2026, 11, 2)),
        person(2, name="Tess Moreno", company="Stripe", role="Engineer", status="Not contacted",
               introduced_by=[1], created_on=date(2026, 11, 20)),
    ]
    assert "Ana Ruiz introduced you on 20 Nov 2026, and you have not written to them yet." in fields(run(people), 2).why
