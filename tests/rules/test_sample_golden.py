"""The bundled sample (examples/outreach-list.csv, examples/outreach.toml) as of Thu 26 Nov 2026.

Every expected value below was worked out by hand from the CSV and SPEC §4, never by running the
rules; the comment beside each shows the arithmetic. The numbers used throughout:

- Strength = base × 0.5^(days / 180), rounded half up to 5 (Close 100, Warm 70, Acquaintance 40,
  Cold 0); days = 26 Nov 2026 − Last contacted. Empty Last contacted: no Strength.
- Stale after Close 180, Warm 90, Acquaintance 45 days.
- Edge from You: Close 1, Warm 2, Acquaintance 4, twice that when stale; every Knows or
  Introduced by link 3.
- Business days: 26 Nov 2026 is a Thursday; the plan's ten are Nov 26, 27, 30, Dec 1, 2, 3, 4,
  7, 8, 9.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from worker.models import Outcome
from worker.configuration import PropertyNames, RuleBook
from worker.offline import fetch_people_from_csv
from worker.rules import compute_outcome

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = date(2026, 11, 26)
PITCH, INTROS, ADVICE, SHARED = "Pitch for interview", "Request introductions", "Ask for advice", "Connect over shared interest"
MISSING = " (the Last contacted date is missing)"


@pytest.fixture(scope="module")
def sample() -> tuple[Outcome, dict[str, str]]:
    """The outcome for the sample, and each row's page id by name."""
    config = tomllib.loads((EXAMPLES / "outreach.toml").read_text(encoding="utf-8"))
    rules = RuleBook(target_companies=tuple(config["target_companies"]))
    people, _ = fetch_people_from_csv(EXAMPLES / "outreach-list.csv", PropertyNames())
    return compute_outcome(people, rules, TODAY), {p.name: p.page_id for p in people}


def _fields(sample, name: str):
    outcome, _ = sample
    return next(r.fields for r in outcome.rows if r.person.name == name)


def test_the_sample_targets_the_four_companies_of_its_config():
    config = tomllib.loads((EXAMPLES / "outreach.toml").read_text(encoding="utf-8"))
    assert config["target_companies"] == ["Stripe", "Figma", "Notion", "Datadog"]


# (name, ask, why, next step, intro path, intro via (a name), follow up on, stale, strength)
GOLDEN = [
    # Warm pitch at a target: Stripe, Warm, 5 Oct → 52 days ≤ 90, not stale;
    # 70 × 0.5^(52/180) = 57.3 → 55. Plan place 1 (tier 1, Strength 55 before Marcus's 40): Nov 26.
    ("Rachel Kim", PITCH,
     "Rachel Kim is a warm contact and an engineer at Stripe, one of your target companies, and you last spoke on 5 Oct 2026.",
     "Message Rachel Kim and ask them to refer you for an interview at Stripe.",
     "", None, date(2026, 11, 26), False, 55),
    # Pitch through a 2-edge intro: Ethan (Stripe, Cold) is linked from Maya (Close, 24 days: edge 1)
    # and Priya (Warm, 42 days: edge 2): You–Maya–Ethan = 1 + 3 = 4 < You–Priya–Ethan = 2 + 3 = 5.
    # Plan: tier 2 (intro pitches); Noah (Strength 0) first, then the empty Strengths by name:
    # Aisha, Ethan → places 4, 5: Nov 26.
    ("Ethan Brooks", PITCH,
     "Ethan Brooks is an engineer at Stripe, one of your target companies; they are not in your network yet" + MISSING
     + ", but you can reach them through Maya Patel.",
     "Ask Maya Patel to introduce you to Ethan Brooks at Stripe, then ask them to refer you for an interview.",
     "You → Maya Patel → Ethan Brooks", "Maya Patel", date(2026, 11, 26), False, None),
    # A 3-edge intro: You–Jordan (Close, 77 days: 1) – Aisha (3) – Kenji (3) = 7, the only path.
    # Tier 2 by name: Noah, Aisha, Ethan, Gabriel, Grace, Hannah, Henrik, Kenji → place 10: Nov 27.
    ("Kenji Watanabe", PITCH,
     "Kenji Watanabe is an engineering manager at Figma, one of your target companies; they are not in your network yet"
     + MISSING + ", but you can reach them through Jordan Lee and Aisha Bello.",
     "Ask Jordan Lee to introduce you to Aisha Bello, then ask Aisha Bello to introduce you to Kenji Watanabe at Figma,"
     " then ask about an interview for their team.",
     "You → Jordan Lee → Aisha Bello → Kenji Watanabe", "Jordan Lee", date(2026, 11, 27), False, None),
    # Another 3-edge intro through a Cold middle hop: You–Priya (2) – Tom Becker (3) – Lena (3) = 8.
    # Tier 2 place 11 (after Kenji: Lena): Nov 30.
    ("Lena Fischer", PITCH,
     "Lena Fischer is an engineering manager at Datadog, one of your target companies; they are not in your network yet"
     + MISSING + ", but you can reach them through Priya Raman and Tom Becker.",
     "Ask Priya Raman to introduce you to Tom Becker, then ask Tom Becker to introduce you to Lena Fischer at Datadog,"
     " then ask about an interview for their team.",
     "You → Priya Raman → Tom Becker → Lena Fischer", "Priya Raman", date(2026, 11, 30), False, None),
    # A stale first hop: Daniel (Warm, 18 Mar → 253 days > 90: stale, edge 2 × 2 = 4):
    # You–Daniel–Grace = 4 + 3 = 7. Grace is tier 2 place 7: Nov 27; Mateo place 14: Nov 30.
    ("Grace Liu", PITCH,
     "Grace Liu is an engineer at Notion, one of your target companies; they are not in your network yet" + MISSING
     + ", but you can reach them through Daniel Okafor.",
     "Warm up Daniel Okafor first by asking for advice, then ask Daniel Okafor to introduce you to Grace Liu at Notion,"
     " then ask them to refer you for an interview.",
     "You → Daniel Okafor → Grace Liu", "Daniel Okafor", date(2026, 11, 27), False, None),
    ("Mateo Rossi", PITCH,
     "Mateo Rossi is an engineering manager at Notion, one of your target companies; they are not in your network yet"
     + MISSING + ", but you can reach them through Daniel Okafor.",
     "Warm up Daniel Okafor first by asking for advice, then ask Daniel Okafor to introduce you to Mateo Rossi at Notion,"
     " then ask about an interview for their team.",
     "You → Daniel Okafor → Mateo Rossi", "Daniel Okafor", date(2026, 11, 30), False, None),
    # Daniel himself: stale, so Ask for advice; 70 × 0.5^(253/180) = 26.4 → 25. He opens Grace
    # (place 7) and Mateo (place 14), named in plan order. Tier 4 (advice) by Strength: Lucy 45,
    # Ben 40, Olivia 35, Dmitri 30, then the 25s by name: Daniel → place 37: Dec 7.
    ("Daniel Okafor", ADVICE,
     "Daniel Okafor is a warm contact and an engineer at Airbnb, but you last spoke on 18 Mar 2026,"
     " and after 90 days the connection has gone stale.",
     "Ask Daniel Okafor for advice to catch up, then ask them to introduce you to Grace Liu at Notion and Mateo Rossi at Notion.",
     "", None, date(2026, 12, 7), True, 25),
    # The big connector: Maya (Close, 2 Nov → 24 days; 100 × 0.5^(24/180) = 91.2 → 90) is the
    # lightest first hop (4) to Ethan, Hannah, Oliver, Zara and Lucas: reach 5. Plan order of those:
    # Ethan 5, Hannah 8, Lucas 13, Oliver 17, Zara 20 → three named, "+2 more". Tier 3 (Request
    # introductions) leads with reach 5 → place 21: Dec 2.
    ("Maya Patel", INTROS,
     "Maya Patel is a close contact and an engineering manager at Shopify, and you last spoke on 2 Nov 2026;"
     " they can open the way to 5 people at your target companies.",
     "Ask Maya Patel to introduce you to Ethan Brooks at Stripe, Hannah Schmidt at Stripe, Lucas Moreau at Notion +2 more.",
     "", None, date(2026, 12, 2), False, 90),
    # Two equally light paths to Gabriel (Datadog): You–Rosa (Warm, 57 days: 2) + 3 = 5 and
    # You–Jonas (Close but 410 days > 180: stale, 1 × 2 = 2) + 3 = 5, both 2 edges: the first hop's
    # higher Strength wins, Rosa 70 × 0.5^(57/180) = 56.2 → 55 over Jonas 20. Tier 2 place 6: Nov 27.
    ("Gabriel Santos", PITCH,
     "Gabriel Santos is an engineer at Datadog, one of your target companies; they are not in your network yet" + MISSING
     + ", but you can reach them through Rosa Delgado.",
     "Ask Rosa Delgado to introduce you to Gabriel Santos at Datadog, then ask them to refer you for an interview.",
     "You → Rosa Delgado → Gabriel Santos", "Rosa Delgado", date(2026, 11, 27), False, None),
    # A stale Ask for advice with no targets: Jonas, Close, 12 Oct 2025 → 410 days > 180;
    # 100 × 0.5^(410/180) = 20.6 → 20, the lowest advice Strength → place 40: Dec 7.
    ("Jonas Weber", ADVICE,
     "Jonas Weber is a close contact and an engineer at MongoDB, but you last spoke on 12 Oct 2025,"
     " and after 180 days the connection has gone stale.",
     "Ask Jonas Weber for advice to catch up, then follow with a direct ask.",
     "", None, date(2026, 12, 7), True, 20),
    # Stale at a target: Ben (Figma, Close, 2 Apr → 238 days > 180); 100 × 0.5^(238/180) = 39.99
    # → 40. Advice place 2 → place 34: Dec 4.
    ("Ben Carter", ADVICE,
     "Ben Carter is a close contact and an engineer at Figma, one of your target companies, but you last spoke on"
     " 2 Apr 2026, and after 180 days the connection has gone stale.",
     "Ask Ben Carter for advice to catch up, then follow with a pitch for an interview at Figma.",
     "", None, date(2026, 12, 4), True, 40),
    # Shared interest: Cold, Postman (Other), 12 Jun → Strength 0 × … = 0; shared tier sorts
    # Strength 0 (Chris, Paul) before empty → Chris is place 45: Dec 8.
    ("Chris Donovan", SHARED,
     "Chris Donovan works at Postman, and you share an interest in Climbing.",
     "Reach out to Chris Donovan about Climbing, with no ask attached.",
     "", None, date(2026, 12, 8), False, 0),
    # No ask: Brex, Cold, no interests, empty Status (= Not contacted): everything cleared, no date.
    ("Sarah Cohen", None, "", "", "", None, None, False, None),
    # Status rules. Reached out: + 5 business days. Emily: Fri 20 Nov → Mon 23 … Fri 27 Nov;
    # Close, 6 days: 100 × 0.5^(6/180) = 97.7 → 100.
    ("Emily Zhang", PITCH,
     "Emily Zhang is a close contact and an engineering manager at Figma, one of your target companies,"
     " and you last spoke on 20 Nov 2026.",
     "Follow up with Emily Zhang if they have not replied.",
     "", None, date(2026, 11, 27), False, 100),
    # Reached out, counted from a Sunday: Sun 15 Nov → Mon 16 (1) … Fri 20 (5); Acquaintance, 11
    # days: 40 × 0.5^(11/180) = 38.3 → 40.
    ("Ahmed Karim", INTROS,
     "Ahmed Karim is an acquaintance and an engineer at Dropbox, and you last spoke on 15 Nov 2026.",
     "Follow up with Ahmed Karim if they have not replied.",
     "", None, date(2026, 11, 20), False, 40),
    # Reached out long ago: Thu 22 Oct + 5 → Thu 29 Oct, in the past: overdue. 35 days:
    # 70 × 0.5^(35/180) = 61.2 → 60.
    ("Zoe Turner", PITCH,
     "Zoe Turner is a warm contact and a recruiter at Notion, one of your target companies, and you last spoke on 22 Oct 2026.",
     "Follow up with Zoe Turner if they have not replied.",
     "", None, date(2026, 10, 29), False, 60),
    # Replied: + 2. Amara: Thu 5 Nov → Fri 6, Mon 9 Nov. 21 days: 70 × 0.5^(21/180) = 64.6 → 65.
    # She is Liam O'Connor's Introduced by (You–Amara–Liam = 2 + 3 = 5), so her step names him.
    ("Amara Nwosu", INTROS,
     "Amara Nwosu is a warm contact and an engineering manager at Intercom, and you last spoke on 5 Nov 2026;"
     " they can open the way to 1 person at your target companies.",
     "Reply to Amara Nwosu. Also ask them to introduce you to Liam O'Connor at Stripe.",
     "", None, date(2026, 11, 9), False, 65),
    # Replied, at a target: Tue 24 Nov + 2 → Thu 26 Nov; 2 days: 40 × 0.5^(2/180) = 39.7 → 40.
    ("Leah Goldberg", PITCH,
     "Leah Goldberg is an acquaintance and a recruiter at Figma, one of your target companies, and you last spoke on 24 Nov 2026.",
     "Reply to Leah Goldberg.",
     "", None, date(2026, 11, 26), False, 40),
    # Meeting scheduled: + 1. Chloe: Wed 18 Nov → Thu 19 Nov; 8 days: 70 × 0.5^(8/180) = 67.9 → 70.
    ("Chloe Martin", PITCH,
     "Chloe Martin is a warm contact and an engineer at Notion, one of your target companies, and you last spoke on 18 Nov 2026.",
     "Thank Chloe Martin for the meeting and ask them for introductions.",
     "", None, date(2026, 11, 19), False, 70),
    # Interviewing: no new ask, + 10. Nina: Thu 19 Nov → Fri 20 (1), 23–27 (2–6), 30 (7),
    # Dec 1 (8), 2 (9), 3 (10). 7 days: 70 × 0.5^(7/180) = 68.1 → 70.
    ("Nina Kowalski", None,
     "Nina Kowalski is at the Interviewing stage, last contact on 19 Nov 2026, so there is no new ask.",
     "Check in with Nina Kowalski on how the process is going.",
     "", None, date(2026, 12, 3), False, 70),
    # Referred: + 10. Alex: Fri 13 Nov → 16–20 (1–5), 23–27 (6–10) → Fri 27 Nov. 13 days:
    # 100 × 0.5^(13/180) = 95.1 → 95.
    ("Alex Romero", None,
     "Alex Romero is at the Referred stage, last contact on 13 Nov 2026, so there is no new ask.",
     "Check in with Alex Romero on how the referral is going.",
     "", None, date(2026, 11, 27), False, 95),
    # Not interested: nothing to follow up, no date; Cold, so Strength 0 and never stale.
    ("Victor Hale", None,
     "Victor Hale is marked Not interested, last contact on 1 Oct 2026, so there is nothing to follow up.",
     "", "", None, None, False, 0),
    # 'Best friend' is not an option: counted as Cold, so out of network at Figma; You–Kai (Close,
    # 29 days: 1) – Noah (3) = 4. Strength 0 × … = 0, the only intro pitch with a Strength → first
    # of tier 2, place 3: Nov 26.
    ("Noah Friedman", PITCH,
     "Noah Friedman is an engineer at Figma, one of your target companies; they are not in your network yet,"
     " but you can reach them through Kai Nakamura.",
     "Ask Kai Nakamura to introduce you to Noah Friedman at Figma, then ask them to refer you for an interview.",
     "You → Kai Nakamura → Noah Friedman", "Kai Nakamura", date(2026, 11, 26), False, 0),
    # Hugo's link to Harriet Vance points outside the list and is ignored. Acquaintance, 20 Jul →
    # 129 days > 45: stale; 40 × 0.5^(129/180) = 24.3 → 25; advice 25s by name: Daniel, Hugo → place 38.
    ("Hugo Laurent", ADVICE,
     "Hugo Laurent is an acquaintance and a founder at Canva, but you last spoke on 20 Jul 2026,"
     " and after 45 days the connection has gone stale.",
     "Ask Hugo Laurent for advice to catch up, then follow with a direct ask.",
     "", None, date(2026, 12, 7), True, 25),
]


@pytest.mark.parametrize("row", GOLDEN, ids=[row[0] for row in GOLDEN])
def test_a_sample_row_gets_the_fields_worked_out_by_hand(sample, row):
    name, ask, why, step, path, via, follow_up, stale, strength = row
    f = _fields(sample, name)
    ids = sample[1]
    assert (f.suggested_ask, f.why, f.next_step) == (ask, why, step)
    assert (f.intro_path, f.intro_via) == (path, (ids[via],) if via else ())
    assert (f.follow_up_on, f.stale, f.strength) == (follow_up, stale, strength)


def test_paused_sample_rows_are_not_in_the_outcome(sample):
    names = {r.person.name for r in sample[0].rows}
    assert {"Greta Lindqvist", "Owen Price", "Natalia Ruiz"}.isdisjoint(names)
    assert len(names) == 65 - 3


def test_the_sample_warns_about_best_friend_and_hugos_outside_link_only(sample):
    outcome, ids = sample
    # Sorted by name: Hugo before Noah. Harriet Vance's id is the one in Hugo's Knows link.
    assert [(w.name, w.page_id, w.describe()) for w in outcome.warnings] == [
        ("Hugo Laurent", ids["Hugo Laurent"],
         "Knows links to a page that is not in the list (ec7faa07849a2b92f2449cf1a3b56ff2); that link is ignored"),
        ("Noah Friedman", ids["Noah Friedman"], "Closeness 'Best friend' is not a known option; counted as Cold"),
    ]


# The plan by hand: 49 Not contacted rows with an ask, 5 a day over ten business days.
# Tier 1 warm pitches: Rachel 55, Marcus 40. Tier 2 intro pitches: Noah (Strength 0), then the 17
# with no Strength by name. Tier 3 Request introductions by reach: Maya 5; Kai 2 (90), Jordan 2
# (75); Tomás 1 (100), Ravi 1 (65), Priya 1 (60), Rosa 1 (55), Sofia 1 (35); reach 0: Sam 100,
# Ines 35, then no Strength: Clara, Fatima. Tier 4 advice: Lucy 45, Ben 40, Olivia 35, Dmitri 30,
# Daniel 25, Hugo 25, Isabel 25, Jonas 20. Tier 5 cold pitches (no Strength, by name): Diego,
# Freya, Patrick, Yuki. Tier 6 shared interests: Chris 0, Paul 0, then Elena, Mei, Tom.
PLAN = {
    date(2026, 11, 26): ["Rachel Kim", "Marcus Johnson", "Noah Friedman", "Aisha Bello", "Ethan Brooks"],
    date(2026, 11, 27): ["Gabriel Santos", "Grace Liu", "Hannah Schmidt", "Henrik Larsen", "Kenji Watanabe"],
    date(2026, 11, 30): ["Lena Fischer", "Liam O'Connor", "Lucas Moreau", "Mateo Rossi", "Mohammed Al-Sayed"],
    date(2026, 12, 1): ["Noor Haddad", "Oliver Grant", "Samuel Osei", "Wei Chen", "Zara Ahmed"],
    date(2026, 12, 2): ["Maya Patel", "Kai Nakamura", "Jordan Lee", "Tomás Silva", "Ravi Shankar"],
    date(2026, 12, 3): ["Priya Raman", "Rosa Delgado", "Sofia Alvarez", "Sam Whitaker", "Ines Costa"],
    date(2026, 12, 4): ["Clara Jensen", "Fatima Khan", "Lucy Evans", "Ben Carter", "Olivia Bennett"],
    date(2026, 12, 7): ["Dmitri Volkov", "Daniel Okafor", "Hugo Laurent", "Isabel Ortiz", "Jonas Weber"],
    date(2026, 12, 8): ["Diego Fernández", "Freya Nilsson", "Patrick O'Neill", "Yuki Tanaka", "Chris Donovan"],
    date(2026, 12, 9): ["Paul Dubois", "Elena Petrova", "Mei Lin", "Tom Becker"],
}


def test_the_sample_plan_is_the_hand_made_one_and_no_business_day_holds_more_than_five(sample):
    outcome, _ = sample
    planned = {
        r.person.name: r.fields.follow_up_on for r in outcome.rows
        if r.fields.worker_state.rsplit(":", 1)[-1].startswith("p")
    }
    assert planned == {name: day for day, names in PLAN.items() for name in names}
    per_day = Counter(planned.values())
    assert max(per_day.values()) == 5 and all(day.weekday() < 5 for day in per_day)
