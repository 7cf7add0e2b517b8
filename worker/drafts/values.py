"""What each placeholder says for one row: names, companies, dates as dates, you.

Every value is plain text, ready to be dropped into a template; an empty fact gives a word that
still reads ("Hi there", "your company") or "". Dates are "3 Sep": the day a thing happened,
never an age, so a draft does not change by itself as days pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from types import MappingProxyType

from worker.configuration import Me, RuleBook
from worker.models import Action, Decision, Person

# The placeholders a template may use, with what they say (the README's list follows this table).
PLACEHOLDERS: Mapping[str, str] = MappingProxyType({
    "name": "the person's name, as in the Name column",
    "first_name": 'the first word of their name ("there" when the name is empty)',
    "company": 'their Company ("your company" when empty)',
    "role": "their Role, as in the Role column",
    "shared_interests": 'your Shared interests with them: "Rust and Climbing"',
    "last_contacted": 'Last contacted, as a date: "20 Nov" ("the other day" when empty)',
    "meeting_on": 'Meeting on, as a date: "3 Dec"',
    "first_message": "the first of your unanswered messages, as a date (else Last contacted)",
    "messages": 'how many messages have gone unanswered, in words: "two"',
    "parked_until": "the date after which to try a parked person once more",
    "via": "the person to ask first for the introduction (Intro via)",
    "via_first_name": "their first name",
    "introducer": "the person who introduces you to this one (the last hop of the path)",
    "introducer_first_name": "their first name",
    "path": 'the introduction path: "Sam Rivera → Maya Patel → Ethan Brooks"',
    "targets": 'the people this person can introduce you to: "Ethan Brooks at Stripe and Oliver Grant at Figma"',
    "target_companies": "their companies, or your target companies when they can introduce you to no one yet",
    "who_to_meet": "whom to ask them to introduce you to: the targets by name, or people at your target companies",
    "intros_made": "how many people they have introduced you to, in words",
    "intros_to_ask": "how many more introductions to ask them for, in words",
    "my_name": "[me] name",
    "my_first_name": "the first word of [me] name",
    "my_pitch": "[me] pitch, the line that follows \"I'm\" or \"Sam is\"",
    "my_links": "[me] links, one line, separated by \" · \"",
    "role_ask": "the interview ask for their role ([drafts.roles.<Role>] ask)",
    "role_question": "the question to ask someone in their role ([drafts.roles.<Role>] question)",
    "blurb": "the forwardable note about you ([drafts] blurb)",
    "intro_ask": "the ask for introductions with the blurb ([drafts] intro_ask), or nothing when there is none to ask",
})
# Made from other templates, so they can be used only in templates rendered after them.
ROLE_PLACEHOLDERS = ("role_ask", "role_question")
COMPOSED = (*ROLE_PLACEHOLDERS, "blurb", "intro_ask")
FACTS: frozenset[str] = frozenset(PLACEHOLDERS) - frozenset(COMPOSED)

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
COUNT_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
NO_FIRST_NAME = "there"
NO_COMPANY = "your company"
NO_DATE = "the other day"  # a message still reads when Last contacted is empty
DEFAULT_PITCH = "a software engineer looking for a new role"
LINK_SEPARATOR = " · "
PATH_ARROW = " → "
MAX_NAMED = 3  # a message names at most this many people to meet
INTROS_PER_ASK = 3  # the method's three introductions, asked of a connector who can reach no one yet


def day_month(day: date | None) -> str:
    """A date as people write it in a message: "3 Sep"; "" for no date."""
    return f"{day.day} {MONTHS[day.month - 1]}" if day else ""


def count_word(n: int) -> str:
    """"two" for 2; digits from 11 on."""
    return COUNT_WORDS[n] if 0 <= n < len(COUNT_WORDS) else str(n)


def first_name(name: str) -> str:
    """The first word of a name, without a trailing comma: "Robert Hayes, Jr." → "Robert"."""
    words = name.split()
    return words[0].rstrip(",") if words else ""


def join_words(words: Sequence[str], conjunction: str = "and") -> str:
    """"A", "A and B", "A, B and C"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def fact_values(
    person: Person, decision: Decision, others: Mapping[str, Person], rules: RuleBook, me: Me
) -> dict[str, str]:
    """Every placeholder that states a fact (all but the composed ones) for one row."""
    targets = _people(decision.targets, others)
    introducer = _introducer(person, decision, others)
    via = others.get(decision.first_hop)
    return {
        "name": person.name,
        "first_name": first_name(person.name) or NO_FIRST_NAME,
        "company": person.company or NO_COMPANY,
        "role": person.role,
        "shared_interests": join_words(person.shared_interests),
        "last_contacted": day_month(person.last_contacted) or NO_DATE,
        "meeting_on": day_month(person.meeting_on),
        "first_message": day_month(decision.first_message or person.last_contacted) or NO_DATE,
        "messages": count_word(decision.messages),
        "parked_until": day_month(decision.parked_until),
        "via": via.name if via else "",
        "via_first_name": first_name(via.name) if via else "",
        "introducer": introducer.name if introducer else "",
        "introducer_first_name": first_name(introducer.name) if introducer else "",
        "path": _path(person, decision, others, me),
        "targets": join_words([_at(target) for target in targets[:MAX_NAMED]]),
        "target_companies": join_words(_target_companies(person, targets, rules)),
        "who_to_meet": who_to_meet(person, decision, targets, rules),
        "intros_made": count_word(decision.intros_made),
        "intros_to_ask": count_word(decision.intros_to_ask),
        "my_name": me.name.strip(),
        "my_first_name": first_name(me.name),
        "my_pitch": me.pitch.strip() or DEFAULT_PITCH,
        "my_links": LINK_SEPARATOR.join(link.strip() for link in me.links if link.strip()),
    }


def wants_introductions(decision: Decision) -> bool:
    """Whether this row's message asks for introductions (SPEC §4.3: a connector, or after a real talk)."""
    if decision.targets or decision.intros_to_ask > 0:
        return True
    return decision.ask_kind == "introductions" and decision.action in (Action.NEW, Action.FOLLOW_UP)


def who_to_meet(person: Person, decision: Decision, targets: Sequence[Person], rules: RuleBook) -> str:
    """The targets by name, else N engineers or engineering managers at up to 3 target companies."""
    count = decision.intros_to_ask or INTROS_PER_ASK
    if targets:
        return join_words([_at(target) for target in targets[:min(count, MAX_NAMED)]])
    # "two more" once they have introduced you to someone and are asked for the rest (SPEC §4.3)
    more = " more" if decision.intros_made and decision.intros_to_ask else ""
    one = f"one{more}" if more else ""
    companies = _target_companies(person, (), rules)
    if not companies:
        if count == 1:
            return f"{one} person you think I should meet" if one else "someone you think I should meet"
        return f"{count_word(count)}{more} people you think I should meet"
    where = join_words(companies, "or")
    if count == 1:
        return f"{one or 'an'} engineer or engineering manager at {where}"
    return f"{count_word(count)}{more} engineers or engineering managers at {where}"


def _people(page_ids: Sequence[str], others: Mapping[str, Person]) -> list[Person]:
    return [others[page_id] for page_id in page_ids if page_id in others]


def _at(person: Person) -> str:
    return f"{person.name} at {person.company}" if person.company else person.name


def _target_companies(person: Person, targets: Sequence[Person], rules: RuleBook) -> list[str]:
    """The targets' companies, or the configured target companies (not the person's own), up to 3."""
    if targets:
        named = [target.company for target in targets[:MAX_NAMED] if target.company]
    else:
        own = person.company.casefold()
        named = [company for company in rules.target_companies if company.casefold() != own]
    return list(dict.fromkeys(named))[:MAX_NAMED]


def _introducer(person: Person, decision: Decision, others: Mapping[str, Person]) -> Person | None:
    """The hop just before this person on the intro path: who makes the introduction to them."""
    hops = [page_id for page_id in decision.intro_path if page_id != person.page_id]
    page_id = hops[-1] if hops else decision.first_hop
    return others.get(page_id)


def _path(person: Person, decision: Decision, others: Mapping[str, Person], me: Me) -> str:
    if not decision.intro_path and not decision.first_hop:
        return ""
    hops = _people([p for p in decision.intro_path if p != person.page_id] or [decision.first_hop], others)
    return PATH_ARROW.join([me.name.strip() or "You", *(hop.name for hop in hops), person.name])
