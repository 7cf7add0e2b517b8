"""What a webhook request from Notion means (pure): the verification, an event to answer, one to ignore,
or one to refuse. Notion's shapes: developers.notion.com/reference/webhooks (see NOTION.md §E).

Notion sends `{"verification_token": "secret_…"}` once, unsigned; that token then signs every event:
`X-Notion-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the token>`. An event is a
signal without content: its `entity`, its `data.parent.data_source_id` (API 2025-09-03) and its
`authors` say whether it is about this list and whether a person made it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """What the server does with one request."""

    VERIFICATION = "verification"  # log the token for the person to paste into Notion; 200
    LOOK = "look"  # an event about this list by a person: a look soon; 200
    IGNORED = "ignored"  # another list, or only the worker's own bot: nothing; 200
    REFUSED = "refused"  # unsigned or wrongly signed: nothing; 401
    UNREADABLE = "unreadable"  # not a JSON object: nothing; 400


@dataclass(frozen=True)
class Judged:
    verdict: Verdict
    detail: str = ""  # the verification token, or why an event was ignored or refused


def judge(body: bytes, signature: str | None, token: str | None, data_source_id: str, bot_id: str) -> Judged:
    """The verdict on one POST: `token` is the verification token once known, ids have no dashes."""
    try:
        payload = json.loads(body)
    except ValueError:
        return Judged(Verdict.UNREADABLE, "not JSON")
    if not isinstance(payload, dict):
        return Judged(Verdict.UNREADABLE, "not a JSON object")
    if set(payload) == {"verification_token"} and isinstance(payload["verification_token"], str):
        return Judged(Verdict.VERIFICATION, payload["verification_token"])
    if not token:
        return Judged(Verdict.REFUSED, "no verification token yet to check the signature with")
    if not signature or not hmac.compare_digest(signature.strip(), sign(body, token)):
        return Judged(Verdict.REFUSED, "unsigned" if not signature else "wrong signature")
    if not _about(payload, data_source_id):
        return Judged(Verdict.IGNORED, "another data source")
    if _only_bot(payload.get("authors"), bot_id):
        return Judged(Verdict.IGNORED, "the worker's own edit")
    return Judged(Verdict.LOOK, str(payload.get("type") or ""))


def sign(body: bytes, token: str) -> str:
    """The X-Notion-Signature value for `body` signed with `token`."""
    return "sha256=" + hmac.new(token.encode(), body, hashlib.sha256).hexdigest()


def _about(payload: dict[str, Any], data_source_id: str) -> bool:
    """Whether the event is about the list: a row of its data source, or the data source itself."""
    data = payload.get("data") if isinstance(payload.get("data"), dict) else {}
    parent = data.get("parent") if isinstance(data.get("parent"), dict) else {}
    entity = payload.get("entity") if isinstance(payload.get("entity"), dict) else {}
    ids = {parent.get("data_source_id"), entity.get("id") if entity.get("type") == "data_source" else None}
    return data_source_id in {_plain(value) for value in ids if isinstance(value, str)}


def _only_bot(authors: Any, bot_id: str) -> bool:
    """Every author is the worker's own bot (an event with no authors is not proven the bot's)."""
    if not isinstance(authors, list) or not authors or not bot_id:
        return False
    return all(isinstance(a, dict) and a.get("type") == "bot" and _plain(str(a.get("id"))) == bot_id for a in authors)


def _plain(value: str) -> str:
    return value.replace("-", "").lower()
