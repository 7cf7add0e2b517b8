"""Control characters in people's text: what is kept, what a single line allows. Pure.

Notion and LinkedIn exports hand over whatever was pasted: NUL, BEL, ESC (a terminal's escape
sequences), DEL, C1 controls, bare carriage returns. None of them is text anyone meant to keep,
and each is harmful somewhere: a header line split by CR or LF, a terminal told to clear the
screen or write the clipboard, a to-do line forged by a line break in a name. Two levels:
`without_controls` keeps line breaks (as \\n) and tabs, for text that may span lines; `one_line`
keeps neither, for names, header values and anything printed on one line.
"""

from __future__ import annotations

import re

_LINE_BREAK = re.compile(r"\r\n?")
# C0 controls but tab and line feed, DEL, and the C1 controls (U+0080-U+009F).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A space for every separator that would end a line: C0/C1 line breaks, tabs, U+2028/U+2029.
_SEPARATOR = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1f\x85\u2028\u2029]")


def without_controls(text: str) -> str:
    """`text` with its line breaks as \\n, its tabs, and no other control character."""
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", text))


def one_line(text: str) -> str:
    """`text` on one line: each line break or tab a space, other controls dropped, no space doubled."""
    return " ".join(_CONTROL.sub("", _SEPARATOR.sub(" ", text)).split())


def has_controls(text: str) -> bool:
    """Whether `text` holds a character `without_controls` would change."""
    return without_controls(text) != text
