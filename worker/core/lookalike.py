"""Which of a list's columns looks like a template column under another name ("How close" for
Closeness, "Linkedin URL" for LinkedIn), so `check --fix` and the CSV check can propose the one
config line that maps it instead of adding an empty twin. Pure.

Similar means, after dropping case, spaces and punctuation ("Last-contacted" is "Last contacted"):
- any column: the same letters and digits;
- a column of yours (never a worker column, which the worker would then write into): the same
  words once endings (-s, -ed, -ing, -ness) and filler words (of, the, by, url, name, date ...) are
  dropped, or words holding the template's ("Company name", "Next meeting") or some of them
  ("Interests"), or holding a known other name (Title or Position for Role, Employer for Company,
  Stage for Status, How close for Closeness).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from worker.core.names import name_words
from worker.core.configuration import PropertyNames
from worker.core.columns import BY_KEY

_TEMPLATE = PropertyNames()
_FILLER = frozenset({"a", "an", "the", "of", "on", "by", "to", "at", "in", "for", "with", "my", "your",
                     "url", "link", "address", "name", "date", "profile", "column"})
_ENDINGS = ("ness", "ing", "ed", "es", "s", "e")
# Other names people give the template's own columns (the template name itself needs no entry).
_OTHER_NAMES: dict[str, tuple[str, ...]] = {
    "company": ("employer", "organization", "organisation", "org", "workplace"),
    "role": ("title", "job title", "position", "job"),
    "closeness": ("how close", "relationship"),
    "status": ("stage", "pipeline"),
    "knows": ("connections", "connected to", "mutual connections"),
    "introduced_by": ("intro by", "intro from", "introducer", "referred by"),
    "shared_interests": ("interests", "topics", "common interests"),
    "paused": ("on hold", "snoozed", "snooze"),
    "meeting_on": ("meeting", "meeting date"),
    "email": ("mail", "email address"),
}


def lookalikes(key: str, candidates: Iterable[str]) -> list[str]:
    """The candidate column names that look like template column `key`, closest first."""
    candidates = list(candidates)
    exact = [name for name in candidates if _letters(name) == _letters(getattr(_TEMPLATE, key))]
    if BY_KEY[key].worker_owned:
        return exact
    loose = [name for name in candidates if name not in exact and _similar(key, name)]
    return exact + loose


def _letters(name: str) -> str:
    return "".join(name_words(name))


def _stems(name: str) -> frozenset[str]:
    return frozenset(_stem(word) for word in name_words(name) if word not in _FILLER)


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return _stem(word[: -len(ending)])
    return word


def _similar(key: str, name: str) -> bool:
    theirs = _stems(name)
    if not theirs:
        return False
    template = _stems(getattr(_TEMPLATE, key))
    if template and theirs <= template:  # "Interests" for Shared interests
        return True
    return any(ours and ours <= theirs for ours in map(_stems, (getattr(_TEMPLATE, key), *_OTHER_NAMES.get(key, ()))))


def mapping_line(key: str, column: str) -> str:
    """The line under [properties] in a config file that maps template column `key` to the list's `column`.

    The name is a TOML string whatever it holds: a JSON string is one, but for DEL, which TOML wants
    escaped too. A column named `Say "hi"` gives a line that reads back as that name.
    """
    quoted = json.dumps(column, ensure_ascii=False).replace("\x7f", "\\u007f")
    return f"{key} = {quoted}"
