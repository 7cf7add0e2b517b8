"""The bundled sample (examples/outreach-list.csv, examples/outreach.toml) as of Thu 26 Nov 2026.

Every expected value below was worked out by hand from the CSV and SPEC §4, never by running the
rules. The facts (ask, action, whom to ask first, dates, strength, flags) are one table; the
words are one small snapshot, so a change of wording breaks one test, not thirty.

The numbers used throughout:
- Strength = base × 0.5^(days / 180), rounded half up to 5 (Close 100, Warm 70, Acquaintance 40,
  Cold 0); days = 26 Nov 2026 − the two-way date, here Last contacted (no Worker state yet, so a
  Reached out row's first Last contacted stands in). Empty Last contacted: no Strength.
- Stale after Close 180, Warm 90, Acquaintance 45 days.
- Edge from You: Close 1, Warm 2, Acquaintance 4, twice that when stale; every link 3.
- Business days: 26 Nov 2026 is a Thursday; the plan's ten are Nov 26, 27, 30, Dec 1, 2, 3, 4, 7, 8, 9.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from worker.core.today.warnings import describe_warning
from worker.core.configuration import PropertyNames, RuleBook
from worker.core.models import Action, Outcome
from worker.files.export import fetch_people_from_csv
from worker.core.rules import compute_outcome

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
TODAY = date(2026, 11, 26)
PITCH, INTROS, ADVICE, SHARED = "Pitch for interview", "Request introductions", "Ask for advice", "Connect over shared interest"
NEW, VIA, NONE = Action.NEW, Action.VIA_INTRO, Action.NONE
NOV, DEC = (lambda d: date(2026, 11, d)), (lambda d: date(2026, 12, d))


@pytest.fixture(scope="module")
def sample() -> tuple[Outcome, dict[str, str]]:
    """The outcome for the sample, and each row's page id by name."""
    config = tomllib.loads((EXAMPLES / "outreach.toml").read_text(encoding="utf-8"))
    rules = RuleBook(target_companies=tuple(config["target_companies"]))
    people, _ = fetch_people_from_csv(EXAMPLES / "outreach-list.csv", PropertyNames())
    return compute_outcome(people, rules, TODAY), {p.name: p.page_id for p in people}


def _row(sample, name: str):
    outcome, _ = sample
    return next(r for r in outcome.rows if r.person.name == name)


def test_the_sample_targets_the_four_companies_of_its_config():
    config = tomllib.loads((EXAMPLES / "outreach.toml").read_text(encoding="utf-8"))
    assert config["target_companies"] == ["Stripe", "Figma", "Notion", "Datadog"]


# (name, ask, action, intro via (a name), follow up on, strength, stale, intros made)
FACTS = [
    # Plan, tier 1, warm pitches at targets: Rachel (Stripe, Warm, 5 Oct: 52 days ≤ 90;
    # 70 × 0.5^(52/180) = 57.3 → 55) before Marcus (Datadog, Acquaintance, 12 Nov: 14 days ≤ 45;
    # 40 × 0.5^(14/180) = 37.9 → 40). Places 1–2: Nov 26.
    ("Rachel Kim", PITCH, NEW, None, NOV(26), 55, False, None),
    ("Marcus Johnson", PITCH, NEW, None, NOV(26), 40, False, None),
    # Tier 2, Request introductions by reach. Maya (Close, 2 Nov: 24 days; 100 × 0.5^(24/180) =
    # 91.2 → 90) is the lightest first hop (1 + 3 = 4) to Ethan, Hannah, Oliver, Zara and Lucas
    # (Priya reaches Ethan in 2 + 3 = 5; Ravi Zara in 5): reach 5, place 3. Priya and Dmitri name
    # her in Introduced by: 2 introductions made.
    ("Maya Patel", INTROS, NEW, None, NOV(26), 90, False, 2),
    # Reach 2: Kai (Close, 28 Oct: 29 days → 89.4 → 90; Wei and Noah, 1 + 3 = 4) and Jordan
    # (Close, 10 Sep: 77 days → 74.3 → 75; Aisha 1 + 3 = 4, Kenji through Aisha 7): places 4–5.
    # Rosa names Kai in Introduced by.
    ("Kai Nakamura", INTROS, NEW, None, NOV(26), 90, False, 1),
    ("Jordan Lee", INTROS, NEW, None, NOV(27), 75, False, None),
    # Reach 1 by Strength: Tomás (Close, 2 days → 99.2 → 100; Henrik via Arjun, 7), Ravi (Warm,
    # 16 days → 65.8 → 65; Samuel 2 + 3 = 5), Priya (Warm, 42 days → 59.5 → 60; Lena via Tom
    # Becker, 8), Rosa (Warm, 57 days → 56.2 → 55; Gabriel 5, tied with Jonas's 2 × 1 + 3 = 5 in as
    # many edges, won on Strength 55 > 20), Sofia (Acquaintance, 27 days → 36.05 → 35; Noor 7):
    # places 6–10, Nov 27. Ines names Sofia in Introduced by.
    ("Tomás Silva", INTROS, NEW, None, NOV(27), 100, False, None),
    ("Ravi Shankar", INTROS, NEW, None, NOV(27), 65, False, None),
    
    
    
    # Reach 0, last of the tier: Sam (Close, 5 days → 98.1 → 100), Ines (Acquaintance, 25 days →
    # 36.3 → 35), then no Strength by name: Clara (empty Status), Fatima. Places 11–14: Nov 30.
    ("Sam Whitaker", INTROS, NEW, None, NOV(27), 100, False, None),
    
    ("Clara Jensen", INTROS, NEW, None, NOV(27), None, False, None),
    ("Fatima Khan", INTROS, NEW, None, NOV(30), None, False, None),
    # Tier 3, Ask for advice, first hops with reach first: Lucy (Warm, 1 Aug: 117 days > 90;
    # 70 × 0.5^(117/180) = 44.6 → 45; Mohammed, 4 + 3 = 7) place 15, Nov 30; Daniel (Warm, 18 Mar:
    # 253 days; 26.4 → 25; Grace and Mateo, 4 + 3 = 7) place 16, Dec 1. Then by Strength: Ben (Figma,
    # Close, 238 days; 39.99 → 40), Olivia (Warm, 178 days; 35.2 → 35), Dmitri (Warm, 200 days;
    # 32.4 → 30), Hugo (Acquaintance, 129 days; 24.3 → 25) before Isabel (Stripe, Acquaintance, 104
    # days; 26.8 → 25) by name, Jonas (Close, 410 days; 20.6 → 20): places 17–22.
    ("Lucy Evans", ADVICE, NEW, None, NOV(30), 45, True, None),
    ("Daniel Okafor", ADVICE, NEW, None, NOV(30), 25, True, None),
    ("Ben Carter", ADVICE, NEW, None, NOV(30), 40, True, None),
    ("Olivia Bennett", ADVICE, NEW, None, DEC(1), 35, True, None),
    
    ("Hugo Laurent", ADVICE, NEW, None, DEC(1), 25, True, None),
    ("Isabel Ortiz", ADVICE, NEW, None, DEC(1), 25, True, None),
    ("Jonas Weber", ADVICE, NEW, None, NOV(30), 20, True, None),
    # Tier 4, cold pitches (targets, out of network, no path; no Strength), by name: places 23–26.
    # Freya's Status and Diego's Closeness are empty: Not contacted, Cold.
    ("Diego Fernández", PITCH, NEW, None, DEC(1), None, False, None),
    ("Freya Nilsson", PITCH, NEW, None, DEC(1), None, False, None),
    ("Patrick O'Neill", PITCH, NEW, None, DEC(2), None, False, None),
    ("Yuki Tanaka", PITCH, NEW, None, DEC(2), None, False, None),
    # Tier 5, shared interests: Strength 0 (Cold with a date) before empty; by name: places 27–31.
    ("Chris Donovan", SHARED, NEW, None, DEC(2), 0, False, None),
    ("Paul Dubois", SHARED, NEW, None, DEC(2), 0, False, None),
    ("Elena Petrova", SHARED, NEW, None, DEC(3), None, False, None),
    ("Mei Lin", SHARED, NEW, None, DEC(3), None, False, None),
    ("Tom Becker", SHARED, NEW, None, DEC(3), None, False, None),
    # One message, one to-do: targets reached through an intro take no place and share the first
    # hop's date.
    ("Ethan Brooks", PITCH, VIA, "Maya Patel", NOV(26), None, False, None),
    ("Hannah Schmidt", PITCH, VIA, "Maya Patel", NOV(26), None, False, None),
    ("Oliver Grant", PITCH, VIA, "Maya Patel", NOV(26), None, False, None),
    ("Zara Ahmed", PITCH, VIA, "Maya Patel", NOV(26), None, False, None),
    ("Lucas Moreau", PITCH, VIA, "Maya Patel", NOV(26), None, False, None),
    ("Wei Chen", PITCH, VIA, "Kai Nakamura", NOV(26), None, False, None),
    # 'Best friend' is no option: Cold, so out of network; 1 Nov → Strength 0 × … = 0.
    ("Noah Friedman", PITCH, VIA, "Kai Nakamura", NOV(26), 0, False, None),
    ("Aisha Bello", PITCH, VIA, "Jordan Lee", NOV(27), None, False, None),
    ("Kenji Watanabe", PITCH, VIA, "Jordan Lee", NOV(27), None, False, None),
    ("Henrik Larsen", PITCH, VIA, "Tomás Silva", NOV(27), None, False, None),
    ("Samuel Osei", PITCH, VIA, "Ravi Shankar", NOV(27), None, False, None),
    
    ("Gabriel Santos", PITCH, VIA, "Jonas Weber", NOV(30), None, False, None),
    ("Noor Haddad", PITCH, VIA, "Sofia Alvarez", NOV(2), None, False, None),
    ("Mohammed Al-Sayed", PITCH, VIA, "Lucy Evans", NOV(30), None, False, None),
    ("Grace Liu", PITCH, VIA, "Daniel Okafor", NOV(30), None, False, None),
    ("Mateo Rossi", PITCH, VIA, "Daniel Okafor", NOV(30), None, False, None),


    # v3 (SPEC §4.3): the sample's Introduced by links. The export has no Created time column and
    # the rows no Worker state, so each link is dated by the introduced row's Last contacted. Those
    # still Not contacted owe the message that answers the introduction, due that day, with no plan
    # place (Ask for advice elsewhere, a pitch at a target): Priya (Maya, 15 Oct), Rosa (Kai, 30
    # Sep) and Dmitri (Maya, Sun 10 May → Mon 11 May).
    # Introduced and not yet answered, they are no first hops: Lena (through Priya before) has no
    # path left, a cold pitch; Gabriel goes through Jonas (stale Close: 2 × 1 + 3 = 5).
    ("Priya Raman", ADVICE, Action.ANSWER_INTRO, None, date(2026, 10, 15), 60, False, None),
    ("Rosa Delgado", ADVICE, Action.ANSWER_INTRO, None, date(2026, 9, 30), 55, False, None),
    # Ines (introduced by Sofia on 1 Nov) is In touch: a check-in, never a chase, on the two-way
    # date + an Acquaintance's 45 days: Sun 1 Nov + 45 = Wed 16 Dec. Warm enough, elsewhere:
    # Request introductions stays her ask.
    ("Ines Costa", INTROS, Action.IN_TOUCH, None, DEC(16), 35, False, None),
    ("Dmitri Volkov", ADVICE, Action.ANSWER_INTRO, None, date(2026, 5, 11), 30, True, None),
    ("Lena Fischer", PITCH, NEW, None, DEC(2), None, False, None),
    # Sofia's Last contacted (30 Oct) is before Ines's introduction (1 Nov): the thank-you is owed
    # from 2 Nov, and it asks for the rest of the three, starting with Noor (who shares its date).
    ("Sofia Alvarez", INTROS, Action.THANK_CONNECTOR, None, NOV(2), 35, False, 1),
    # Liam's link is undated (no Last contacted): made, owing nothing, planned as new outreach with
    # a warm pitch's tier (introduced at a target: Pitch for interview), place 3 on Nov 26.
    ("Liam O'Connor", PITCH, NEW, None, NOV(26), None, False, None),
    # Bianca: Meeting scheduled with no Meeting on, Last contacted Thu 19 Nov: you met on Fri 20
    # Nov, so she counts as Warm (the conversation counts): 70 × 0.5^(7/180) = 68.2 → 70.
    # The Status loop. Replied: owed from the later of Last contacted and the day the worker first
    # reads Replied, here today (no Worker state yet). Amara: Thu 5 Nov, read Thu 26 Nov; 21 days →
    # 64.6 → 65; Liam names her: 1 introduction made. Leah (Figma): Tue 24, read Thu 26; 39.7 → 40.
    ("Amara Nwosu", INTROS, Action.REPLY, None, NOV(26), 65, False, 1),
    ("Leah Goldberg", PITCH, Action.REPLY, None, NOV(26), 40, False, None),
    # Reached out: the last message + 5. Emily: Fri 20 → Fri 27 Nov; 6 days → 97.7 → 100.
    # Ahmed: Sun 15 → Fri 20 Nov (from a Sunday: Mon 16 is the first); 11 days → 38.3 → 40.
    # Zoe: Thu 22 Oct → Thu 29 Oct, overdue; 35 days → 61.2 → 60.
    ("Emily Zhang", PITCH, Action.FOLLOW_UP, None, NOV(27), 100, False, None),
    ("Ahmed Karim", INTROS, Action.FOLLOW_UP, None, NOV(20), 40, False, None),
    ("Zoe Turner", PITCH, Action.FOLLOW_UP, None, date(2026, 10, 29), 60, False, None),
    # Meeting scheduled without a Meeting on: Last contacted + 1, a thank-you. Chloe: Wed 18 →
    # Thu 19 Nov (8 days → 67.9 → 70); Bianca: Thu 19 → Fri 20 Nov (7 days → 38.9 → 40).
    ("Chloe Martin", PITCH, Action.THANK_YOU, None, NOV(19), 70, False, None),
    ("Bianca Ferreira", INTROS, Action.THANK_YOU, None, NOV(20), 70, False, None),
    # Interviewing and Referred: no new ask, + 10. Nina: Thu 19 Nov → Thu 3 Dec (7 days → 68.1 →
    # 70); Alex: Fri 13 Nov → Fri 27 Nov (13 days → 95.1 → 95).
    ("Nina Kowalski", None, Action.CHECK_IN, None, DEC(3), 70, False, None),
    ("Alex Romero", None, Action.CHECK_IN, None, NOV(27), 95, False, None),
    # Not interested: no ask, no date, never stale; Cold with a date: Strength 0.
    ("Victor Hale", None, NONE, None, None, 0, False, None),
    # Cold, not at a target, no shared interest: no ask at all, and nothing to write.
    ("Sarah Cohen", None, NONE, None, None, None, False, None),
    ("Arjun Mehta", None, NONE, None, None, None, False, None),
    ("Robert Hayes, Jr.", None, NONE, None, None, None, False, None),
]


@pytest.mark.parametrize("facts", FACTS, ids=[facts[0] for facts in FACTS])
def test_a_sample_row_gets_the_facts_worked_out_by_hand(sample, facts):
    name, ask, action, via, follow_up, strength, stale, intros = facts
    row = _row(sample, name)
    f, ids = row.fields, sample[1]
    assert (f.suggested_ask, row.decision.action) == (ask, action)
    assert f.intro_via == ((ids[via],) if via else ())
    assert (f.follow_up_on, f.strength, f.stale, f.intros_made) == (follow_up, strength, stale, intros)


def test_every_row_but_the_paused_ones_has_its_facts_worked_out(sample):
    outcome, _ = sample
    paused = {"Greta Lindqvist", "Owen Price", "Natalia Ruiz"}
    assert {r.person.name for r in outcome.rows} - paused == {facts[0] for facts in FACTS}
    assert len(outcome.rows) == 65


def test_paused_sample_rows_and_rows_with_nothing_to_say_are_not_written(sample):
    outcome, _ = sample
    quiet = {"Greta Lindqvist", "Owen Price", "Natalia Ruiz", "Sarah Cohen", "Arjun Mehta", "Robert Hayes, Jr."}
    assert {r.person.name for r in outcome.rows if not r.changed} == quiet


def test_the_sample_words_read_as_written(sample):
    """The one prose snapshot: a connector, the targets behind her, a stale first hop, a reply, a follow-up."""
    words = {name: (_row(sample, name).fields.why, _row(sample, name).fields.next_step) for name in (
        "Maya Patel", "Ethan Brooks", "Kenji Watanabe", "Grace Liu", "Amara Nwosu", "Emily Zhang", "Patrick O'Neill",
    )}
    assert words == {
        "Maya Patel": (
            "Maya Patel is a close contact and an engineering manager at Shopify, and you last spoke on 2 Nov 2026;"
            " they can open the way to 5 people at your target companies.",
            "Ask Maya Patel to introduce you to Ethan Brooks at Stripe, Hannah Schmidt at Stripe, Lucas Moreau at"
            " Notion +2 more.",
        ),
        "Ethan Brooks": (
            "Ethan Brooks is an engineer at Stripe, one of your target companies; they are not in your network yet"
            " (the Last contacted date is missing), but you can reach them through Maya Patel.",
            "Ask Maya Patel to introduce you to Ethan Brooks at Stripe (see Maya Patel's row); once introduced,"
            " ask them to refer you for an interview.",
        ),
        "Kenji Watanabe": (
            "Kenji Watanabe is an engineering manager at Figma, one of your target companies; they are not in your"
            " network yet (the Last contacted date is missing), but you can reach them through Jordan Lee and Aisha Bello.",
            "Ask Jordan Lee to introduce you to Aisha Bello (see Jordan Lee's row), then ask Aisha Bello to introduce"
            " you to Kenji Watanabe at Figma; once introduced, ask about an interview for their team.",
        ),
        "Grace Liu": (
            "Grace Liu is an engineer at Notion, one of your target companies; they are not in your network yet"
            " (the Last contacted date is missing), but you can reach them through Daniel Okafor.",
            "Warm up Daniel Okafor first by asking for advice, then ask them to introduce you to Grace Liu"
            " at Notion (see Daniel Okafor's row); once introduced, ask them to refer you for an interview.",
        ),
        "Amara Nwosu": (
            # v3: Liam, whom she introduced, is no target any more: that introduction is made.
            "Amara Nwosu is a warm contact and an engineering manager at Intercom, and you last spoke on 5 Nov 2026.",
            "Reply to Amara Nwosu and ask for 2 more introductions (they have introduced you to 1) to engineers or"
            " engineering managers at Stripe, Figma and Notion.",
        ),
        "Emily Zhang": (
            "Emily Zhang is a close contact and an engineering manager at Figma, one of your target companies,"
            " and you last spoke on 20 Nov 2026.",
            "Follow up with Emily Zhang: no reply yet to your message of 20 Nov 2026.",
        ),
        "Patrick O'Neill": (
            "Patrick O'Neill is an engineering manager at Datadog, one of your target companies; they are not in"
            " your network (the Last contacted date is missing), and no one you know links to them within 2 introductions.",
            "Send Patrick O'Neill a short cold message and ask about an interview for their team at Datadog.",
        ),
    }


def test_the_sample_warns_about_best_friend_and_hugos_outside_link_only(sample):
    outcome, ids = sample
    # Sorted by name: Hugo before Noah. Harriet Vance's id is the one in Hugo's Knows link.
    assert [(w.name, w.page_id, describe_warning(w)) for w in outcome.warnings] == [
        ("Hugo Laurent", ids["Hugo Laurent"],
         "Knows links to a page that is not in the list (ec7faa07849a2b92f2449cf1a3b56ff2); that link is ignored"),
        ("Noah Friedman", ids["Noah Friedman"], "Closeness 'Best friend' is not a known option; counted as Cold"),
    ]


def test_the_sample_plan_takes_the_28_new_messages_five_a_business_day(sample):
    outcome, _ = sample
    planned = [r for r in outcome.rows if r.decision.action == Action.NEW]
    # v3: Priya, Rosa, Ines and Dmitri answer their introductions instead (no plan place);
    # Sofia thanks Ines's introducer instead; Liam (undated) and Lena (no path left) join: 28.
    assert len(planned) == 28
    per_day = Counter(r.fields.follow_up_on for r in planned)
    assert per_day == {NOV(26): 5, NOV(27): 5, NOV(30): 5, DEC(1): 5, DEC(2): 5, DEC(3): 3}
    assert sorted(r.decision.plan_rank for r in planned) == list(range(28))
