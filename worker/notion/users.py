"""Who the integration is: its bot user's id (to tell the worker's own edits in webhook events)."""

from __future__ import annotations

from worker.notion.client import NotionGateway
from worker.notion.codec import plain_id
from worker.notion.errors import UnreadableAnswer


def fetch_bot_id(gateway: NotionGateway) -> str:
    """The integration's bot user id, no dashes (GET /v1/users/me)."""
    me = gateway.me()
    if not isinstance(me.get("id"), str):
        raise UnreadableAnswer("Notion answered users/me without the bot's id", code="bad_answer")
    return plain_id(me["id"])
