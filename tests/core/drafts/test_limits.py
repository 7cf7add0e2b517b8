"""Drafts stay short by default and within Notion's limits whatever the names: emoji, 300 characters."""

from __future__ import annotations

from datetime import date

import pytest

from tests.core.drafts.helpers import TEMPLATES, pid
from worker.core.configuration import DEFAULT_DRAFTS, Me, RuleBook
from worker.core.drafts import compose_draft, mail_link
from worker.core.drafts.compose import MAX_SUBJECT
from worker.core.drafts.mailto import MAX_LINK
from worker.core.models import Action, Decision, Person
from worker.core.textcut import NOTION_TEXT_LIMIT, utf16_units

# Which Decision makes each template, with every fact it could name filled in.
EVERY_KIND = {
    "warm_pitch": (Action.NEW, "warm pitch"),
    "cold_pitch": (Action.NEW, "cold pitch"),
    "intro_request": (Action.NEW, "introductions"),
    "after_intro": (Action.VIA_INTRO, "intro pitch"),
    "advice": (Action.NEW, "advice"),
    "shared_interest": (Action.NEW, "shared interest"),
    "follow_up": (Action.FOLLOW_UP, "introductions"),
    "follow_up_again": (Action.FOLLOW_UP, "introductions"),
    "parked": (Action.PARKED, "warm pitch"),
    "reply": (Action.REPLY, ""),
    "meeting": (Action.MEETING, ""),
    "thank_you": (Action.THANK_YOU, ""),
    "check_in": (Action.CHECK_IN, ""),
    "answer_intro": (Action.ANSWER_INTRO, "introduced pitch"),
    "thank_connector": (Action.THANK_CONNECTOR, "introductions"),
    "in_touch": (Action.IN_TOUCH, ""),
}
assert set(EVERY_KIND) == set(DEFAULT_DRAFTS)


def row_list(name: str, company: str, interests: tuple[str, ...]) -> tuple[Person, dict[str, Person]]:
    """A person, their first hop and three targets, every name and company as given (numbered)."""
    targets = [Person(page_id=pid(10 + n), name=f"{name} {n}", company=f"{company} {n}") for n in range(3)]
    hop = Person(page_id=pid(2), name=f"{name} hop", company=company)
    who = Person(page_id=pid(1), name=name, company=company, role="Engineering Manager", shared_interests=interests,
                 last_contacted=date(2026, 11, 20), meeting_on=date(2026, 12, 3))
    return who, {p.page_id: p for p in (hop, *targets)}


def every_draft(who: Person, others: dict[str, Person], me: Me, rules: RuleBook):
    for kind, (action, ask_kind) in EVERY_KIND.items():
        decision = Decision(
            action=action, ask_kind=ask_kind, targets=tuple(others)[1:], first_hop=pid(2), intro_path=(pid(2), pid(1)),
            messages=2 if kind == "follow_up_again" else 1, first_message=date(2026, 11, 6), intros_made=1,
            parked_until=date(2027, 2, 18),
        )
        made = compose_draft(who, decision, others, rules=rules, me=me, templates=TEMPLATES)
        assert made.kind == kind
        yield made


REALISTIC_ME = Me(
    name="Alexandra Konstantinidou",
    pitch="a backend engineer with eight years building payments and ledger infrastructure at Shopify and Wise",
    links=("https://www.linkedin.com/in/alexandra-konstantinidou", "https://github.com/akonstantinidou"),
)
REALISTIC_RULES = RuleBook(target_companies=("Stripe", "Figma", "Grafana Labs", "Datadog"))


def test_every_default_draft_is_under_700_characters_with_realistic_long_values():
    who, others = row_list("Bartholomew Featherstonehaugh", "Grafana Labs", ("Distributed systems", "Climbing", "Rust"))
    lengths = {made.kind: len(made.body) for made in every_draft(who, others, REALISTIC_ME, REALISTIC_RULES)}
    assert max(lengths.values()) < 700, lengths


HEAVY = {
    "emoji": "🚀🌟👩🏽‍💻🎉" * 40,
    "300 characters": ("Maximiliana Konstantinopoulou-Featherstonehaugh " * 7)[:300],
    "300 emoji": "😀" * 300,
}


@pytest.mark.parametrize("label", list(HEAVY))
def test_emoji_heavy_and_300_character_names_stay_within_notions_limits(label):
    heavy = HEAVY[label]
    who, others = row_list(heavy, heavy, (heavy, heavy))
    me = Me(name=heavy, pitch=heavy, links=(heavy, heavy))
    for made in every_draft(who, others, me, RuleBook(target_companies=(heavy, heavy, heavy))):
        assert utf16_units(made.body) <= NOTION_TEXT_LIMIT
        assert utf16_units(made.subject) <= MAX_SUBJECT
        link = mail_link("someone@example.com", made.subject, made.body)
        assert link.startswith("mailto:someone@example.com?subject=") and len(link) <= MAX_LINK


def test_a_cut_draft_ends_at_a_word_with_an_ellipsis():
    long_pitch = "an engineer who " + "ships reliable systems and " * 120 + "mentors people"
    who, others = row_list("Maya Patel", "Shopify", ())
    drafts = list(every_draft(who, others, Me(name="Sam Rivera", pitch=long_pitch), RuleBook(max_text=2000)))
    cut = [made.body for made in drafts if long_pitch[-40:] not in made.body and long_pitch[:40] in made.body]
    assert len(cut) >= 5  # every draft that carries the pitch or the blurb
    for body in cut:
        assert body.endswith("…") and body[-2].isalpha() and 1900 < utf16_units(body) <= 2000


def test_the_draft_respects_a_smaller_configured_text_limit():
    who, others = row_list("Maya Patel", "Shopify", ())
    for made in every_draft(who, others, REALISTIC_ME, RuleBook(max_text=120)):
        assert utf16_units(made.body) <= 120
