"""Reading a text file a person gave us (.env, a CSV export) as UTF-8, or saying what it is instead.

A file saved as UTF-16 or Windows-1252 is refused with the encoding named, never read as garbage
and never a traceback. A UTF-8 byte order mark is accepted and dropped.
"""

from __future__ import annotations

from pathlib import Path

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ZIP_MAGIC = b"PK\x03\x04"


class NotUtf8(ValueError):
    """The file is not UTF-8; `encoding` says what it looks like instead."""

    def __init__(self, path: Path, encoding: str) -> None:
        super().__init__(f"{path} is not UTF-8 (it looks like {encoding})")
        self.path = path
        self.encoding = encoding


def read_utf8(path: Path) -> str:
    """The file's text; NotUtf8 naming the likely encoding; OSError as the system gives it."""
    raw = Path(path).read_bytes()
    if raw.startswith(_UTF16_BOMS) or raw.startswith(_ZIP_MAGIC):
        raise NotUtf8(Path(path), guess_encoding(raw))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotUtf8(Path(path), guess_encoding(raw)) from None


def guess_encoding(raw: bytes) -> str:
    """A person's name for the encoding of bytes that are not UTF-8."""
    if raw.startswith(_UTF16_BOMS) or max(raw[0::2].count(0), raw[1::2].count(0)) > len(raw) // 4 > 0:
        return "UTF-16"
    if raw.startswith(_ZIP_MAGIC):
        return "a zip file such as an Excel workbook, not text"
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return "Latin-1 or another 8-bit encoding"
    return "Windows-1252 (cp1252)"
