"""Small word helpers for the drafts and the rules' sentences: counts, names, lists, paths.

Here rather than in the rules, because the drafts import nothing from the rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from worker.core.models import Person

ARROW = " → "
YOU = "You"
COUNT_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


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


def arrow_path(names: Sequence[str], start: str = YOU) -> str:
    """"You → Alice Chen → Bob Li": an introduction path, from you."""
    return ARROW.join([start, *names])


def at_company(person: Person) -> str:
    """"Ethan Brooks at Stripe", or the name alone when the Company is empty."""
    return f"{person.name} at {person.company}" if person.company else person.name
