"""Whom a message asks to be introduced to, and who made an introduction (SPEC §4.3).

A connector is asked about the people they know: the target itself, or, when the target is two
introductions away, the person after the connector on its path ("Tom Becker at Vercel, who knows
Lena Fischer at Datadog"), as the target's own Next step has it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from worker.core.configuration import RuleBook
from worker.core.models import Action, Decision, Person

from .words import YOU, arrow_path, at_company, count_word, join_words

MAX_NAMED = 3  # a message names at most this many people to meet


@dataclass(frozen=True, slots=True)
class Introduction:
    """One person to ask a connector about, and the targets beyond them ("" when they are the target)."""

    person: Person
    beyond: tuple[Person, ...] = ()

    def describe(self) -> str:
        if not self.beyond:
            return at_company(self.person)
        return f"{at_company(self.person)}, who knows {join_words([at_company(t) for t in self.beyond])}"


def wants_introductions(decision: Decision) -> bool:
    """Whether this row's message asks for introductions (one ask a message, as its Next step says).

    A first message, and the nudge on it, ask for them only when introductions are the row's ask:
    a warm-up, a pitch or a shared interest keeps a connector's intro request for their answer.
    After a real conversation they are asked for while some are still to make or a target waits.
    """
    if decision.action in (Action.REPLY, Action.THANK_YOU):
        return bool(decision.targets) or decision.intros_to_ask > 0
    if decision.action == Action.THANK_CONNECTOR:  # the rest of the method's three, else nothing more
        return decision.intros_to_ask > 0
    return decision.action in (Action.NEW, Action.FOLLOW_UP) and decision.ask_kind == "introductions"


def introductions(
    connector: Person, decision: Decision, others: Mapping[str, Person], paths: Mapping[str, Sequence[str]]
) -> list[Introduction]:
    """The people to ask `connector` about, in the targets' plan order, one entry per person they know."""
    order: list[str] = []
    beyond: dict[str, list[Person]] = {}
    for target_id in decision.targets:
        if target_id not in others:
            continue
        path = tuple(paths.get(target_id, ()))
        relayed = len(path) > 2 and path[0] == connector.page_id and path[-1] == target_id and path[1] in others
        known = path[1] if relayed else target_id
        if known not in beyond:
            order.append(known)
            beyond[known] = []
        if relayed:
            beyond[known].append(others[target_id])
    return [Introduction(others[page_id], tuple(beyond[page_id])) for page_id in order]


def who_to_meet(person: Person, decision: Decision, wanted: Sequence[Introduction], rules: RuleBook) -> str:
    """The people by name, else N engineers or engineering managers at up to 3 target companies."""
    if wanted:  # after a real conversation, as many as are still to ask; else up to the method's three
        named = decision.intros_to_ask or rules.intros_per_person
        return join_words([entry.describe() for entry in wanted[:min(named, MAX_NAMED)]])
    count = still_to_ask(decision, rules) or rules.intros_per_person
    # "two more" once they have introduced you to someone and are asked for the rest
    more = " more" if decision.intros_made and still_to_ask(decision, rules) else ""
    companies = target_companies(decision, (), rules)
    if not companies:
        if count == 1:
            return f"one{more} person you think I should meet" if more else "someone you think I should meet"
        return f"{count_word(count)}{more} people you think I should meet"
    where = join_words(companies, "or")
    if count == 1:
        return f"{'one more' if more else 'an'} engineer or engineering manager at {where}"
    return f"{count_word(count)}{more} engineers or engineering managers at {where}"


def still_to_ask(decision: Decision, rules: RuleBook) -> int:
    """The introductions the method still asks of them: intros_per_person less those they made."""
    return max(0, rules.intros_per_person - decision.intros_made)


def target_companies(decision: Decision, targets: Sequence[Person], rules: RuleBook) -> list[str]:
    """The targets' companies, else your target companies but the one they work at, up to 3."""
    if targets:
        named = [target.company for target in targets if target.company]
    else:
        listed = (company.strip() for company in rules.target_companies)
        named = [company for company in listed if company and company != decision.target_company]
    return list(dict.fromkeys(named))[:MAX_NAMED]


def introducer(person: Person, decision: Decision, others: Mapping[str, Person]) -> Person | None:
    """The hop just before this person on the intro path: who makes the introduction to them."""
    hops = [page_id for page_id in decision.intro_path if page_id != person.page_id]
    return others.get(hops[-1] if hops else decision.first_hop)


def path_text(person: Person, decision: Decision, others: Mapping[str, Person], my_name: str) -> str:
    """"Sam Rivera → Maya Patel → Ethan Brooks"; "" when the row is not reached through anyone."""
    hops = [page_id for page_id in decision.intro_path if page_id != person.page_id] or [decision.first_hop]
    people = [others[page_id] for page_id in hops if page_id in others]
    if not people:
        return ""
    return arrow_path([*(hop.name for hop in people), person.name], my_name or YOU)
