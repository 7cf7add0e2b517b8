"""Company names matched to the target list (SPEC §3): normalised, with aliases, never by substring."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

LEGAL_SUFFIXES = frozenset({"inc", "llc", "ltd", "gmbh", "corp", "corporation", "co", "pbc", "plc", "ag", "sa"})
JOINING = frozenset("'’.")  # "S.A." is "sa" and "O'Reilly" is "oreilly", not two words


def company_key(name: str) -> str:
    """A company name as compared: case, accents, spaces, punctuation and trailing legal suffixes set aside.

    "Stripe, Inc." → "stripe"; "Société Générale S.A." → "societe generale"; a name that is
    nothing but a suffix ("Co") is kept as it is.
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char) and char not in JOINING)
    words = "".join(char if char.isalnum() else " " for char in plain).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


class TargetCompanies:
    """The configured targets and their aliases: which target, by its listed name, a Company is."""

    def __init__(self, targets: Iterable[str], aliases: Mapping[str, Iterable[str]]) -> None:
        listed = [name.strip() for name in targets if name.strip()]
        by_key: dict[str, str] = {}
        for name in listed:
            by_key.setdefault(company_key(name), name)
        for owner, others in aliases.items():
            target = by_key.get(company_key(owner))
            if target is None:  # aliases of a company not in the list (yet): nothing to match
                continue
            for other in others:
                by_key.setdefault(company_key(other), target)
        by_key.pop("", None)
        self._by_key = by_key
        self.names = tuple(dict.fromkeys(listed))

    def match(self, company: str) -> str:
        """The listed name of the target `company` is, or "" when it is none of them."""
        return self._by_key.get(company_key(company), "") if company.strip() else ""
