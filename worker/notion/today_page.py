"""The Today page's requests: read and replace a page's content as markdown, create the page.

Thin: what to write and whether to write it is decided above this layer. Replacing content never
sets `allow_deleting_content`, so Notion itself refuses a replace that would delete a sub-page or a
database (the Outreach List) on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from worker.notion.client import NotionGateway
from worker.notion.codec import plain_id

TODAY_PAGE_TITLE = "Outreach Today"


@dataclass(frozen=True)
class PageMarkdown:
    """A page's content as Notion renders it; `truncated` when the page was too large to return whole."""

    markdown: str
    truncated: bool


def fetch_page_markdown(gateway: NotionGateway, page_id: str) -> PageMarkdown:
    """GET /v1/pages/{id}/markdown: the page's content as enhanced markdown."""
    answer = gateway.retrieve_page_markdown(page_id)
    return PageMarkdown(str(answer.get("markdown") or ""), bool(answer.get("truncated")))


def apply_page_markdown(gateway: NotionGateway, page_id: str, markdown: str) -> None:
    """PATCH /v1/pages/{id}/markdown: replace the page's whole content (never deleting sub-pages)."""
    gateway.replace_page_markdown(page_id, markdown)


@dataclass(frozen=True)
class CreatedPage:
    page_id: str
    url: str


def apply_new_page(gateway: NotionGateway, parent_page_id: str, title: str, markdown: str) -> CreatedPage:
    """POST /v1/pages: a page under a page, with its content as markdown."""
    page = gateway.create_page(
        parent={"type": "page_id", "page_id": parent_page_id},
        properties={"title": [{"type": "text", "text": {"content": title}}]},
        markdown=markdown,
    )
    return CreatedPage(plain_id(page["id"]), page.get("url") or "")


def fetch_child_pages(gateway: NotionGateway, page_id: str, title: str) -> list[str]:
    """Ids of the pages directly under a page with this title (its child_page blocks), oldest first."""
    found = []
    for answer in gateway.list_block_children(page_id):
        for block in answer.get("results") or []:
            if block.get("type") != "child_page" or block.get("in_trash", block.get("archived", False)):
                continue
            if ((block.get("child_page") or {}).get("title") or "").strip() == title:
                found.append(plain_id(block["id"]))
    return found


def page_url(page_id: str) -> str:
    """A link that opens a page in Notion, for pages whose own URL we were not given."""
    return f"https://www.notion.so/{plain_id(page_id)}"
