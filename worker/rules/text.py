"""Words for Why, Next step and Intro path: dates without ages, name lists, cutting long text."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ELLIPSIS = "…"
ARROW = " → "
YOU = "You"
MAX_LISTED = 3  # a connector's Next step names this many targets, then "+N more"

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


@lru_cache(maxsize=4096)  # a list shares a few hundred dates over thousands of sentences
def format_date(day: date) -> str:
    """A date as people write it: 3 Sep 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def join_words(words: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def list_people(labels: list[str]) -> str:
    """Up to three labels, then '+N more' for the rest."""
    if len(labels) <= MAX_LISTED:
        return join_words(labels)
    return ", ".join(labels[:MAX_LISTED]) + f" +{len(labels) - MAX_LISTED} more"


def intro_path_text(labels: list[str]) -> str:
    """`You → Alice Chen → Bob Li`."""
    return ARROW.join([YOU, *labels])


def role_noun(role: str) -> str:
    """'an engineer', or '' when the role says nothing useful."""
    return ROLE_NOUNS.get(role, "")


def pitch_action(role: str) -> str:
    """The interview ask, worded for the person's role."""
    return PITCH_ACTIONS.get(role, DEFAULT_PITCH)


def closeness_phrase(closeness: str) -> str:
    """'a warm contact' for a Closeness label."""
    return CLOSENESS_PHRASES.get(closeness) or f"a {closeness} contact"


def truncate(text: str, limit: int) -> str:
    """Text cut at a word boundary with '…' so the whole is at most `limit` characters."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = head.rfind(" ")
    if cut > 0 and not text[limit - 1].isspace():  # else head already ends with a whole word
        head = head[:cut]
    return head.rstrip() + ELLIPSIS
