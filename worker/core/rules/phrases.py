"""The small pieces of the worker's sentences: lists of names, counts, paths, role words."""

from __future__ import annotations

from collections.abc import Sequence

from worker.core.drafts.words import arrow_path, join_words

MAX_LISTED = 3  # a list of people or companies names this many, then "+N more"

# Role only colours the words: how to describe the person, and how to ask them for an interview.
ROLE_NOUNS = {
    "Engineer": "an engineer",
    "Engineering Manager": "an engineering manager",
    "Recruiter": "a recruiter",
    "Founder": "a founder",
}
PITCH_ACTIONS = {
    "Engineer": "ask them to refer you for an interview",
    "Engineering Manager": "ask about an interview for their team",
    "Recruiter": "ask them to put you forward for an interview",
    "Founder": "pitch yourself for a role on their team",
}
DEFAULT_PITCH = "pitch yourself for an interview"
CLOSENESS_PHRASES = {
    "Close": "a close contact",
    "Warm": "a warm contact",
    "Acquaintance": "an acquaintance",
}


def list_some(labels: Sequence[str]) -> str:
    """Up to three labels, then '+N more' for the rest."""
    if len(labels) <= MAX_LISTED:
        return join_words(labels)
    return ", ".join(labels[:MAX_LISTED]) + f" +{len(labels) - MAX_LISTED} more"


def path_text(labels: Sequence[str]) -> str:
    """`You → Alice Chen → Bob Li`."""
    return arrow_path(labels)


def role_noun(role: str) -> str:
    """'an engineer', or '' when the role says nothing useful."""
    return ROLE_NOUNS.get(role, "")


def pitch_action(role: str) -> str:
    """The interview ask, worded for the person's role."""
    return PITCH_ACTIONS.get(role, DEFAULT_PITCH)


def closeness_phrase(closeness: str) -> str:
    """'a warm contact' for a Closeness label."""
    return CLOSENESS_PHRASES.get(closeness) or f"a {closeness} contact"


def count_of(n: int, noun: str) -> str:
    """'1 person', '2 introductions': a number with its noun (plural by adding s, or people)."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} people" if noun == "person" else f"{n} {noun}s"
