"""Who owns each worker column's value (SPEC §4.5): the last stage, turning wishes into writes.

A value that differs from what Worker state says the worker wrote is the user's edit; it stays
until one of that row's own user-owned values changes (its fingerprint), whatever else changes.
A value present before the worker ever wrote the row is the user's too. Only columns whose value
must change are written; Worker state is written when what it remembers changes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from worker.core.models import Person, WorkerFields

from .state import MARKED, NEVER_WRITTEN, USER_HELD, State, fingerprint, mark_of, mark_of_text, plain, write_state

NO_COLUMNS: frozenset[str] = frozenset()


def held_by_user(
    person: Person, state: State, absent: Collection[str] = NO_COLUMNS, introductions: tuple[str, ...] = (),
) -> frozenset[str]:
    """The worker columns of this row whose current value is the user's, to be left alone.

    `introductions` (the rows this person introduced you to) count among the row's own values."""
    held = set()
    now = None
    for key in MARKED:
        if key in absent:
            continue
        current, mark = getattr(person.current, key), state.mark(key)
        if mark is None:  # never written by the worker: whatever is there is the user's
            mine = plain(current) != ""
        elif mark == USER_HELD:  # an edit kept until the row's own values change (v1 edits: from now on)
            now = now or fingerprint(person, introductions)
            mine = state.fingerprint in ("", now)
        else:  # the worker wrote something else there: the user changed it
            mine = mark_of(current) != mark
        if mine:
            held.add(key)
    return frozenset(held)


def settle(
    person: Person,
    wanted: WorkerFields,
    held: frozenset[str],
    memory: State,
    absent: Collection[str] = NO_COLUMNS,
    cleared: frozenset[str] = NO_COLUMNS,
    introductions: tuple[str, ...] = (),
    written: State = NEVER_WRITTEN,
) -> tuple[WorkerFields, tuple[str, ...]]:
    """The row's final worker fields and the names of those to write.

    Held columns keep the user's value, except those in `cleared` (Paused clears its columns
    whoever wrote them); columns the list lacks (`absent`) are never written. `memory` holds what
    the next Worker state remembers besides its marks; `written` is the Worker state as read, the
    one `held` was found with.
    """
    current = person.current
    values, marks, changed = {}, [], []
    for key in MARKED:
        now, want = getattr(current, key), getattr(wanted, key)
        if key in absent:  # the list has no such column: nothing there, nothing written
            values[key] = now
            marks.append("")
        elif key in held and key not in cleared:
            values[key] = now
            marks.append(USER_HELD)
        else:
            values[key] = want
            text = plain(want)
            if text != plain(now):
                changed.append(key)
                marks.append(mark_of_text(text))
            else:
                marks.append(_mark_kept(key, text, held, written))
    kept_by_user = USER_HELD in marks
    state = replace(memory, marks=tuple(marks), fingerprint=fingerprint(person, introductions) if kept_by_user else "")
    text = write_state(state)
    if text != current.worker_state:
        changed.append("worker_state")
    return WorkerFields(**values, worker_state=text), tuple(changed)


def _mark_kept(key: str, text: str, held: frozenset[str], written: State) -> str:
    """The mark of a value the row already holds. Where the worker's mark is there and the column
    is not the user's, held_by_user found that mark to be this very value's: no need to hash it
    again (most columns of most rows, from the second run on)."""
    before = written.mark(key)
    if key not in held and before is not None and before != USER_HELD:
        return before
    return mark_of_text(text)
