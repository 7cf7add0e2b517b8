"""What each placeholder says for one row: names, companies, dates as dates, you.

Every value is plain text, ready to be dropped into a template; an empty fact gives a word that
still reads ("Hi there", "your company") or "". Dates are "3 Sep": the day a thing happened,
never an age, so a draft does not change by itself as days pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from worker.core.configuration import Me, RuleBook
from worker.core.models import Decision, Person

from .intros import MAX_NAMED, introducer, introductions, path_text, target_companies, who_to_meet
from worker.core.dates import day_month

from .words import count_word, first_name, join_words

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
    "path": 'the introduction path: "Jamie Rivera → Maya Patel → Ethan Brooks"',
    "targets": 'the people they can introduce you to: "Ethan Brooks at Stripe and Tom Becker at Vercel, '
    'who knows Lena Fischer at Datadog"',
    "target_companies": "the targets' companies, or your target companies (but theirs) when they can introduce you "
    "to no one yet",
    "who_to_meet": "whom to ask them to introduce you to: the targets by name, or people at your target companies",
    "intros_made": "how many people they have introduced you to, in words",
    "intros_to_ask": "how many more introductions to ask them for, in words",
    "my_name": "[me] name",
    "my_first_name": "the first word of [me] name",
    "my_pitch": "[me] pitch, the line that follows \"I'm\" or \"Jamie is\"",
    "my_links": "[me] links, one line, separated by \" · \"",
    "role_ask": "the interview ask for their role ([drafts.roles.<Role>] ask)",
    "role_question": "the question to ask someone in their role ([drafts.roles.<Role>] question)",
    "blurb": "the forwardable note about you ([drafts] blurb)",
    "intro_ask": "the ask for introductions with the blurb ([drafts] intro_ask), or nothing when there is none to ask",
    "pitch_ask": "after a reply, a meeting or an introduction by someone at a target company, the interview ask for "
    "their role; else nothing",
    "first_ask": "the ask of a first message to someone introduced to you: the interview ask at a target company, "
    "else a request for 20 minutes of advice",
    "introduced": 'the people they introduced you to since your last contact: "Bob Li and Cara Diaz"',
    "opener": "the opening line that says how you know them: a catch-up to someone you have talked to, "
    '"We\'re connected on LinkedIn" to a LinkedIn connection you have not talked to, else a line for a first note',
})
# Made from other templates, so they can be used only in templates rendered after them.
ROLE_PLACEHOLDERS = ("role_ask", "role_question")
COMPOSED = (*ROLE_PLACEHOLDERS, "blurb", "intro_ask", "pitch_ask", "first_ask")
FACTS: frozenset[str] = frozenset(PLACEHOLDERS) - frozenset(COMPOSED)

NO_FIRST_NAME = "there"
NO_COMPANY = "your company"
NO_DATE = "the other day"  # a message still reads when Last contacted is empty
DEFAULT_PITCH = "a software engineer looking for a new role"
LINK_SEPARATOR = " · "


def fact_values(
    person: Person,
    decision: Decision,
    others: Mapping[str, Person],
    rules: RuleBook,
    me: Me,
    paths: Mapping[str, Sequence[str]],
) -> dict[str, str]:
    """Every placeholder that states a fact (all but the composed ones) for one row."""
    wanted = introductions(person, decision, others, paths)
    targets = [others[page_id] for page_id in decision.targets if page_id in others]
    via = others.get(decision.first_hop)
    made_it = introducer(person, decision, others)
    introducers = [others[pid] for pid in decision.introducers if pid in others]
    if introducers and not decision.intro_path:  # the introduction is made: who made it
        made_it = introducers[0]
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
        "introducer": join_words([p.name for p in introducers]) if introducers and not decision.intro_path
        else (made_it.name if made_it else ""),
        "introducer_first_name": join_words([first_name(p.name) for p in introducers]) if introducers
        and not decision.intro_path else (first_name(made_it.name) if made_it else ""),
        "introduced": join_words([others[pid].name for pid in decision.thanks_for if pid in others]),
        "opener": opener(person, decision),
        "path": path_text(person, decision, others, me.name.strip()),
        "targets": join_words([entry.describe() for entry in wanted[:MAX_NAMED]]),
        "target_companies": join_words(target_companies(decision, targets, rules)),
        "who_to_meet": who_to_meet(person, decision, wanted, rules),
        "intros_made": count_word(decision.intros_made),
        "intros_to_ask": count_word(decision.intros_to_ask),
        "my_name": me.name.strip(),
        "my_first_name": first_name(me.name),
        "my_pitch": me.pitch.strip() or DEFAULT_PITCH,
        "my_links": LINK_SEPARATOR.join(link.strip() for link in me.links if link.strip()),
    }


# How a message opens, by what you have with them (SPEC §9 v3): never "it's been a while" to
# someone you have not talked to.
CATCH_UP = "It's been a while since we last caught up, and I'd love to change that."
LINKEDIN_FIRST = "We're connected on LinkedIn, though we haven't properly talked yet."
LINKEDIN_COLD = "We're connected on LinkedIn, so I hope you don't mind a direct note."
FIRST_NOTE = "I hope you don't mind a note out of the blue."
_TALKED_CLOSENESS = frozenset({"close", "warm"})
_ANSWERED = frozenset({"Replied", "Meeting scheduled", "Interviewing", "Referred", "In touch"})


def have_talked(person: Person, decision: Decision) -> bool:
    """You have talked with them: Close or Warm as typed, they answered or you met, or an
    Acquaintance you did not import from LinkedIn (a LinkedIn connection is not yet a talk)."""
    closeness = person.closeness.strip().casefold()
    if closeness in _TALKED_CLOSENESS or decision.raised_by in ("met", "answered") or decision.status in _ANSWERED:
        return True
    return closeness == "acquaintance" and not person.linkedin.strip()


def opener(person: Person, decision: Decision) -> str:
    """The first line: a catch-up (advice) only to someone you have talked to; a LinkedIn line to a connection."""
    linked = bool(person.linkedin.strip())
    if decision.ask_kind == "advice":
        if have_talked(person, decision):
            return CATCH_UP
        return LINKEDIN_FIRST if linked else FIRST_NOTE
    if linked and (decision.closeness or "Cold") == "Cold" and not have_talked(person, decision):
        return LINKEDIN_COLD
    return ""
