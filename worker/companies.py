"""Company and person names as the worker compares them (SPEC §3): "Stripe, Inc." is "stripe".

Case, surrounding and repeated spaces, punctuation and trailing legal suffixes (Inc, LLC, Ltd,
GmbH, Corp, Corporation, Co, PBC, plc, AG, SA; "Samsung Co., Ltd." has two) are ignored; what is left must be equal, never a
substring ("Meta" is not "Metabase"). Pure: the import's dedupe uses it, and target matching
should use the same function so one company is one company everywhere.
"""

from __future__ import annotations

import re

LEGAL_SUFFIXES = frozenset({"inc", "llc", "ltd", "gmbh", "corp", "corporation", "co", "pbc", "plc", "ag", "sa"})

# Characters that separate words ("Coca-Cola" is "Coca Cola", "Acme,Inc" is "Acme Inc"); any other
# punctuation is dropped inside a word ("S.A." is "sa", "O'Brien" is "obrien").
_SEPARATORS = re.compile(r"[\s,;:/\\|+&\-\u2010-\u2015]+")
_NOT_WORD = re.compile(r"[\W_]+")


def name_words(text: str) -> tuple[str, ...]:
    """The words of a name, case-folded, punctuation dropped: "Zoë O'Brien-Smith" → zoë, obrien, smith."""
    words = (_NOT_WORD.sub("", part) for part in _SEPARATORS.split(text.casefold()))
    return tuple(word for word in words if word)


def normalise_name(text: str) -> str:
    """A person's name for comparing: words only, in order, one space apart."""
    return " ".join(name_words(text))


def normalise_company(text: str) -> str:
    """A company name for comparing: words only, trailing legal suffixes dropped ("" when none)."""
    words = name_words(text)
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def same_company(first: str, second: str) -> bool:
    """Whether two company names name the same company once normalised (empty names never match)."""
    key = normalise_company(first)
    return bool(key) and key == normalise_company(second)
