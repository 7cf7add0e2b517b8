"""Text within Notion's limits: lengths in UTF-16 code units, cut at a word with "…".

Notion counts a text object's 2,000-character limit in UTF-16 code units (an emoji is two), so
a length in Python's code points can pass where Notion refuses. Pure: the rules, the drafts and
the Notion codec all use it.
"""

from __future__ import annotations

ELLIPSIS = "…"  # one UTF-16 unit
NOTION_TEXT_LIMIT = 2000  # UTF-16 code units per rich text object (SPEC §6)


def utf16_units(text: str) -> int:
    """How long Notion counts `text`: code points outside the BMP count two."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2  # a lone surrogate is one BMP unit


def cut_at_word(text: str, limit: int = NOTION_TEXT_LIMIT) -> str:
    """`text` unchanged when it fits in `limit` UTF-16 units; else cut at a word, ending in "…".

    A text with no space to cut at (one long word) is cut inside it; a surrogate pair is never
    split.
    """
    if utf16_units(text) <= limit:
        return text
    budget = limit - utf16_units(ELLIPSIS)
    end = used = 0
    for char in text:
        size = 2 if ord(char) > 0xFFFF else 1
        if used + size > budget:
            break
        used += size
        end += 1
    head = text[:end]
    if not text[end].isspace():  # the cut falls inside a word: drop that word's start
        space = head.rfind(" ")
        if space > 0:
            head = head[:space]
    return head.rstrip() + ELLIPSIS
