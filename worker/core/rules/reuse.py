"""Taking the last computation's per-row work where its inputs are unchanged (SPEC §10).

A look computes the whole list again with a row or two replaced, a minute after the last
computation, so almost every row meets the very inputs it met then. Most of a computation's cost
is per row (reading Worker state, finding the user's values, the words, the marks), and each of
those stages is a pure function of its inputs: a result kept with its inputs can be taken again
whenever the inputs are equal, and the outcome is the one a fresh computation gives
(tests/core/rules/test_reuse.py checks that on random edits). The whole-list stages (names, the
network, the plan, the dates) always run: they are what tells a row that the rest has changed.

The words of a row also read other rows (a first hop's name, a target's path, who is stale).
Which ones depends on the decision, so instead of listing them the Speaker is handed watched
copies of its mappings: every key the words read is noted with what it held, and a kept result
is taken only while each of those still holds the same.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from worker.core.models import Reuse

if TYPE_CHECKING:
    from .sentences import Speaker

T = TypeVar("T")

# The Speaker's views of the whole list; its other fields (rules, voice) are in the context.
WATCHED = ("rows", "paths", "stale", "people")
_MISSING = object()
_EVERYTHING = object()  # a key standing for "iterated over it all"


class Reusing:
    """One computation's use of the last one's work: a result whose inputs are equal is taken, any
    other is computed; both are kept for the next computation (`kept()`)."""

    def __init__(self, last: Reuse | None, context: tuple[Any, ...]) -> None:
        self._context = context
        self._last = last.work if last is not None and last.context == context else {}
        self._kept: dict[tuple[str, str], tuple[Any, ...]] = {}
        # One watched copy of the speaker for every row put in words, and the reads of the latest row.
        self._watching: tuple[Speaker, Speaker, dict[tuple[str, Any], Any]] | None = None

    def take(self, stage: str, pid: str, inputs: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """The row's result of `stage` for these inputs: the last one's when its inputs were equal."""
        entry = self._last.get((stage, pid))
        if entry is None or entry[0] != inputs:
            entry = (inputs, compute())
        self._kept[(stage, pid)] = entry
        return entry[1]

    def same(self, stage: str, value: T) -> T:
        """`value`, or the last computation's equal one: inputs holding it compare to it at no cost."""
        return self.take(stage, "", (value,), lambda: value)

    def take_speaking(self, stage: str, pid: str, inputs: tuple[Any, ...], speaker: Speaker,
                      compute: Callable[[Speaker], T]) -> T:
        """As `take`, for work that puts a row in words: also unchanged, every other row those words read."""
        entry = self._last.get((stage, pid))
        if entry is not None and entry[0] == inputs and all(_still(speaker, read) for read in entry[2]):
            self._kept[(stage, pid)] = entry
            return entry[1]
        if self._watching is None or self._watching[0] is not speaker:
            seen: dict[tuple[str, Any], Any] = {}
            watched = replace(speaker, **{name: _Watched(name, getattr(speaker, name), seen) for name in WATCHED})
            self._watching = (speaker, watched, seen)
        _, watched, seen = self._watching
        seen.clear()
        result = compute(watched)
        self._kept[(stage, pid)] = (inputs, result, tuple(seen.items()))
        return result

    def kept(self) -> Reuse:
        return Reuse(self._context, self._kept)


def _still(speaker: Speaker, read: tuple[tuple[str, Any], Any]) -> bool:
    """Whether one thing the words read holds the same now."""
    (name, key), seen = read
    return _look_up(getattr(speaker, name), key) == seen


def _look_up(container: Mapping[Any, Any] | Collection[Any], key: Any) -> Any:
    is_set = isinstance(container, (set, frozenset))  # a concrete type: far cheaper than asking for Mapping
    if key is _EVERYTHING:
        return frozenset(container) if is_set else dict(container)  # type: ignore[arg-type]
    return key in container if is_set else container.get(key, _MISSING)  # type: ignore[union-attr]


class _Watched(Mapping[Any, Any]):
    """A mapping (or a set) that notes every key read from it, with what it held then."""

    def __init__(self, name: str, inner: Mapping[Any, Any] | Collection[Any], seen: dict[tuple[str, Any], Any]) -> None:
        self._name, self._inner, self._seen = name, inner, seen

    def _note(self, key: Any) -> Any:
        value = _look_up(self._inner, key)
        self._seen[(self._name, key)] = value
        return value

    def __getitem__(self, key: Any) -> Any:
        value = self._note(key)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        value = self._note(key)
        return value is True if isinstance(self._inner, (set, frozenset)) else value is not _MISSING

    def __iter__(self) -> Iterator[Any]:
        self._note(_EVERYTHING)
        return iter(self._inner)

    def __len__(self) -> int:
        self._note(_EVERYTHING)
        return len(self._inner)
