"""The draft templates' placeholder syntax: `{first_name}` is a value, `{{` and `}}` are literal braces.

Deliberately tiny, and not `str.format`: a placeholder is a bare lowercase name looked up in a
dict of strings, so a template can reach no attribute, index or code (`{0.__class__}` is an
error, not a lookup). Braces rather than `string.Template`'s `$name`, because a job seeker
writes "$150k" in a message far more often than a brace, and because a `$` template silently
keeps a misspelt `$frist_name` with `safe_substitute`; here every unknown name is an error
found when the config is read, never a half-filled draft.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache

# `{{`, `}}`, a `{...}` with no brace inside, or a brace left alone (all of a template's braces).
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True, slots=True)
class Slot:
    """A placeholder in a parsed template."""

    name: str


Parts = tuple[str | Slot, ...]


class TemplateError(ValueError):
    """A template that cannot be used: names the template (`where`) and the offending text."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class _Malformed(ValueError):
    pass


@lru_cache(maxsize=512)  # a run renders the same few templates for every row
def _parse(text: str) -> Parts:
    parts: list[str | Slot] = []
    position = 0
    for match in _TOKEN.finditer(text):
        parts.append(text[position:match.start()])
        position = match.end()
        token = match.group(0)
        if token in ("{{", "}}"):
            parts.append(token[0])
        elif match.group(1) is not None and _NAME.fullmatch(match.group(1)):
            parts.append(Slot(match.group(1)))
        elif match.group(1) is not None:
            raise _Malformed(
                f'"{token}" is not a placeholder: a placeholder is a lowercase name in braces, like '
                "{first_name}; write {{ and }} for a literal brace."
            )
        else:
            at = match.start() + 1
            raise _Malformed(f'a lone "{token}" at character {at}; write {token}{token} for a literal brace.')
    parts.append(text[position:])
    return tuple(part for part in parts if part != "")


def parse_template(where: str, text: str, allowed: Collection[str], known: Collection[str] = ()) -> Parts:
    """The template split into text and placeholders; TemplateError naming `where` when it cannot be used.

    `allowed` are the names this template may use; `known` every name, to tell a placeholder used
    where it cannot be (`{blurb}` inside the blurb) from a misspelt one.
    """
    try:
        parts = _parse(text)
    except _Malformed as error:
        raise TemplateError(where, str(error)) from None
    for part in parts:
        if isinstance(part, Slot) and part.name not in allowed:
            if part.name in known:
                problem = f"{{{part.name}}} cannot be used here: it is made from this text or after it."
                raise TemplateError(where, problem)
            raise TemplateError(where, _unknown(part.name, allowed))
    return parts


def render(parts: Parts, values: Mapping[str, str]) -> str:
    """The parsed template with each placeholder replaced by its value, inserted as plain text."""
    return "".join(part if isinstance(part, str) else values.get(part.name, "") for part in parts)


def _unknown(name: str, allowed: Collection[str]) -> str:
    close = difflib.get_close_matches(name, sorted(allowed), n=1)
    hint = f" (did you mean {{{close[0]}}}?)" if close else ""
    return (
        f"{{{name}}} is not a placeholder here{hint}. The placeholders are listed in the README "
        'under "Write your own templates".'
    )
