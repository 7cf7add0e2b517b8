"""The Mail link: a `mailto:` URL that opens a draft in your mail program (RFC 6068).

Notion keeps a url property to 2,000 characters; a link that would pass that loses its body (never
half a message), and keeps the subject, cut at a word if it must, so it still opens a mail to them.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from worker.core.controls import one_line, without_controls
from worker.core.textcut import cut_at_word, utf16_units

MAX_LINK = 2000  # Notion's limit on a url property's value, in characters
# RFC 6068 lets these stay as they are in the address part (some-delims); the rest is percent-encoded.
_ADDRESS_SAFE = "!$'()*+,;:@"
_ADDRESS = re.compile(r"[^@\s<>\x00-\x1f\x7f-\x9f]+@[^@\s<>\x00-\x1f\x7f-\x9f]+")


def mail_link(email: str, subject: str, body: str) -> str:
    """`mailto:` with the subject and body for one address; "" without an address or a body to send."""
    address = _address(email)
    if not address or not without_controls(body).strip():
        return ""
    to = f"mailto:{quote(address, safe=_ADDRESS_SAFE)}"
    subject = one_line(subject)  # a header field: a CR or LF in it would start another header
    whole = f"{to}?subject={_encode(subject)}&body={_encode(body)}"
    if len(whole) <= MAX_LINK:
        return whole
    return _without_body(to, subject)


def _without_body(to: str, subject: str) -> str:
    """The link with the subject alone, the subject cut at a word to the longest that fits."""
    best, low, high = to, 1, utf16_units(subject)
    while low <= high:  # binary search: a longer cut never makes a shorter link
        middle = (low + high) // 2
        link = f"{to}?subject={_encode(cut_at_word(subject, middle))}"
        if len(link) <= MAX_LINK:
            best, low = link, middle + 1
        else:
            high = middle - 1
    return best if len(best) <= MAX_LINK else ""


def _address(email: str) -> str:
    """The one address an Email cell holds (a `mailto:` prefix dropped), or "" when it holds none."""
    text = email.strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:"):]
    return text if _ADDRESS.fullmatch(text) else ""


def _encode(text: str) -> str:
    """Percent-encoded UTF-8, line breaks (bare CRs too) as CRLF as RFC 6068 asks, no other control
    character, spaces as %20 (never "+")."""
    return quote(without_controls(text).replace("\n", "\r\n"), safe="")
