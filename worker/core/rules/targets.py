"""Company names matched to the target list (SPEC §3): normalised, with aliases, never by substring."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from worker.core.names import company_key


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
        self._matched: dict[str, str] = {}  # a list names few companies, each on many rows: normalise each once
        self.names = tuple(dict.fromkeys(listed))

    def match(self, company: str) -> str:
        """The listed name of the target `company` is, or "" when it is none of them."""
        if company not in self._matched:
            self._matched[company] = self._by_key.get(company_key(company), "") if company.strip() else ""
        return self._matched[company]
