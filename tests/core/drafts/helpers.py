"""Hand-made rows and Decisions for the drafts tests: a small list with a connector and its targets."""

from __future__ import annotations

from datetime import date

from worker.core.configuration import DraftTemplates, Me, RuleBook
from worker.core.drafts import Draft, compose_draft
from worker.core.models import Action, Decision, Person

ME = Me(
    name="Sam Rivera",
    pitch="a backend engineer with six years on payments infrastructure",
    links=("https://www.linkedin.com/in/samrivera", "https://github.com/samrivera"),
)
RULES = RuleBook(target_companies=("Stripe", "Figma", "Notion", "Datadog"))
TEMPLATES = DraftTemplates()


def pid(n: int) -> str:
    return f"{n:032x}"


def person(n: int, name: str, **fields) -> Person:
    return Person(page_id=pid(n), name=name, **fields)


MAYA = person(1, "Maya Patel", company="Shopify", role="Engineering Manager", closeness="Close",
              last_contacted=date(2026, 11, 2), shared_interests=("Distributed systems", "Climbing"))
ETHAN = person(2, "Ethan Brooks", company="Stripe", role="Engineer")
HANNAH = person(3, "Hannah Schmidt", company="Stripe", role="Engineering Manager")
OLIVER = person(4, "Oliver Grant", company="Figma", role="Engineer")
ZARA = person(5, "Zara Ahmed", company="Datadog", role="Engineer")
PRIYA = person(6, "Priya Raman", company="Google", role="Engineer", closeness="Warm")
PEOPLE = {p.page_id: p for p in (MAYA, ETHAN, HANNAH, OLIVER, ZARA, PRIYA)}
CONNECTOR_TARGETS = (ETHAN.page_id, HANNAH.page_id, OLIVER.page_id, ZARA.page_id)


def decision(action: Action, ask_kind: str = "", **fields) -> Decision:
    return Decision(action=action, ask_kind=ask_kind, **fields)


def draft(who: Person, action: Action, ask_kind: str = "", *, me: Me = ME, templates: DraftTemplates = TEMPLATES,
          rules: RuleBook = RULES, others=None, **fields) -> Draft:
    """The draft of one hand-made row."""
    return compose_draft(who, decision(action, ask_kind, **fields), PEOPLE if others is None else others,
                         rules=rules, me=me, templates=templates)
