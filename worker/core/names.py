"""Company and person names as the worker compares them (SPEC §3): "Stripe, Inc." is "stripe".

Case, accents, surrounding and repeated spaces, punctuation and trailing legal suffixes (Inc, LLC,
Ltd, GmbH, Corp, Corporation, Co, PBC, plc, AG, SA; "Samsung Co., Ltd." has two) are ignored; what
is left must be equal, never a substring ("Meta" is not "Metabase"). One function for the target
matching of the rules and the import's dedupe, so one company is one company everywhere. Pure.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote, urlsplit

LEGAL_SUFFIXES = frozenset({"inc", "llc", "ltd", "gmbh", "corp", "corporation", "co", "pbc", "plc", "ag", "sa"})
JOINING = frozenset("'’.")  # "S.A." is "sa", "O'Reilly" is "oreilly" and "Booking.com" one word, not two


def name_words(text: str) -> tuple[str, ...]:
    """The words of a name, case and accents folded, punctuation dropped: "Zoë O'Brien-Smith" → zoe, obrien, smith."""
    # Compatibility caseless matching (Unicode §3.13): "🄐" decomposes to "(A)", so fold after too.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text.casefold()).casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char) and char not in JOINING)
    return tuple("".join(char if char.isalnum() else " " for char in plain).split())


def normalise_name(text: str) -> str:
    """A person's name for comparing: words only, in order, one space apart."""
    return " ".join(name_words(text))


def company_key(text: str) -> str:
    """A company name for comparing: words only, trailing legal suffixes dropped ("" when none).

    "Stripe, Inc." → "stripe"; "Société Générale S.A." → "societe generale"; a name that is
    nothing but a suffix ("Co") is kept as it is.
    """
    words = name_words(text)
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def same_company(first: str, second: str) -> bool:
    """Whether two company names name the same company once normalised (empty names never match)."""
    key = company_key(first)
    return bool(key) and key == company_key(second)


def normalise_profile_url(url: str) -> str:
    """A profile URL as the import compares it: scheme, "www.", host case, trailing slash, query
    and fragment ignored; a linkedin.com path compared case-folded (LinkedIn's are). "" when empty."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url if "//" in url else f"//{url}")
    host = parts.netloc.casefold().removeprefix("www.")
    path = unquote(parts.path).rstrip("/")
    if host.endswith("linkedin.com"):
        path = path.casefold()
    return f"{host}{path}"
