"""Page ids for the rows of a CSV export, which carries none, and for the pages its links name.

A row takes the id that a link's URL elsewhere gives its name; otherwise a synthetic id from its
name and occurrence, so the same export always gives the same ids.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

from worker.files.export.cells import Link


def synthetic_page_id(name: str, occurrence: int) -> str:
    """A stable 32-hex id for the n-th row (from 1) named `name`, for rows the export gave no id."""
    return hashlib.blake2b(f"csv:{name}:{occurrence}".encode(), digest_size=16).hexdigest()


def notion_url(page_id: str) -> str:
    return f"https://www.notion.so/{page_id}"


def assign_page_ids(row_names: Sequence[str], links: Iterable[Link]) -> list[str]:
    """Each row's id: the one a link's URL gives its name, else one from name and occurrence."""
    ids_by_name: dict[str, list[str]] = {}
    for link in links:
        known = ids_by_name.setdefault(link.name, [])
        if link.page_id and link.page_id not in known:
            known.append(link.page_id)
    used: set[str] = set()
    seen: Counter[str] = Counter()
    page_ids = []
    for name in row_names:
        seen[name] += 1
        free = [page_id for page_id in ids_by_name.get(name, []) if page_id not in used]
        page_id = free[0] if free else synthetic_page_id(name, seen[name])
        used.add(page_id)
        page_ids.append(page_id)
    return page_ids


class LinkResolver:
    """Links → page ids: the URL's id first, then the row of that name, then the id another link
    gave that name, else a synthetic id. Records each id's name in `labels`."""

    def __init__(
        self,
        row_names: Sequence[str],
        page_ids: Sequence[str],
        links: Iterable[Link],
        labels: dict[str, str],
    ):
        self._by_name: dict[str, str] = {}
        self._by_folded: dict[str, str] = {}
        for name, page_id in zip(row_names, page_ids):
            self._by_name.setdefault(name, page_id)
            self._by_folded.setdefault(name.casefold(), page_id)
        self._linked: dict[str, str] = {}
        for link in links:
            if link.page_id:
                self._linked.setdefault(link.name, link.page_id)
        self._labels = labels

    def __call__(self, links: Iterable[Link]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self._resolve(link) for link in links))

    def _resolve(self, link: Link) -> str:
        page_id = (
            link.page_id
            or self._by_name.get(link.name)
            or self._by_folded.get(link.name.casefold())
            or self._linked.get(link.name)
            or synthetic_page_id(link.name, 1)  # a page outside the list; the rules warn
        )
        self._labels.setdefault(page_id, link.name)
        return page_id
