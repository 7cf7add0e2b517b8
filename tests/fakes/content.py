"""Page content as markdown for the fake: `GET`/`PATCH /v1/pages/{id}/markdown` and page creates with
`markdown` under a page parent (mixed into PagesFakeNotion, which owns the workspace pages).

Shapes from Notion's reference ("Retrieve a page as markdown", "Update a page's content as
markdown", the "Working with markdown content" guide) and notion-sdk-js's generated types:
- GET answers `{"object": "page_markdown", "id", "markdown", "truncated", "unknown_block_ids"}`.
- PATCH takes `{"type": T, T: {...}}` for T in insert_content, replace_content_range,
  update_content, replace_content, and answers the same page_markdown object after the update.
  A change that would delete sub-pages or databases without `allow_deleting_content: true` is a
  400 validation_error; so is an old_str that is not on the page, or on it more than once without
  `replace_all_matches`, or a database id.
- POST /v1/pages with a `page_id` parent: `properties` may hold only the title; `markdown` excludes
  `children`/`content`; without a title the first `# ` heading becomes it.

Notion answers with its own rendering of the content, not the bytes sent: the fake drops trailing
spaces, runs of blank lines and the final newline, and lists the page's sub-pages and databases as
`<page url="...">Title</page>` / `<database url="...">Title</database>` lines after the text (the
tag names follow the enhanced-markdown guide; their exact attributes and placement are the fake's).
"""

from __future__ import annotations

import re
from typing import Any

from .common import ApiError, normalize_id, not_found, plain_text, validation

MARKDOWN_TYPES = ("insert_content", "replace_content_range", "update_content", "replace_content")
_BLANK_RUN = re.compile(r"\n{3,}")
_H1 = re.compile(r"^# (.+)$", re.MULTILINE)


class MarkdownContent:
    """The markdown routes; `self` is a PagesFakeNotion."""

    # ---- state helpers ------------------------------------------------------------------------------

    def page_markdown(self, page_id: str) -> str:
        """The content of a page as last written (not Notion's rendering of it)."""
        with self._lock:
            return self.content.get(normalize_id(page_id) or page_id, "")

    def rendered_markdown(self, page_id: str) -> str:
        """The content as GET /v1/pages/{id}/markdown answers it."""
        with self._lock:
            dashed = normalize_id(page_id) or page_id
            text = _render(self.content.get(dashed, ""))
            children = [self._child_tag(kind, child_id) for kind, child_id in self.children_of(dashed)]
            return "\n".join(part for part in [text, *children] if part)

    def _child_tag(self, kind: str, child_id: str) -> str:
        if kind == "database":
            db = self.databases[child_id]
            return f'<database url="{self.url_base}{child_id.replace("-", "")}">{db.title}</database>'
        page = self.workspace_pages[child_id]
        return f'<page url="{self.workspace_page_url(child_id)}">{page.title}</page>'

    # ---- routes ----------------------------------------------------------------------------------------

    def _content_page(self, raw_id: str) -> str:
        """The dashed id of a page whose content may be read or written (a workspace page or a row)."""
        dashed = normalize_id(raw_id)
        if dashed is None:
            raise ApiError(400, "validation_error",
                           f"path failed validation: path.page_id should be a valid uuid, instead was `\"{raw_id}\"`.")
        if dashed in self.databases or dashed in self.sources:
            raise validation("The provided ID is a database, not a page.")
        if dashed in self.workspace_pages and not self.workspace_pages[dashed].in_trash:
            return dashed
        if dashed in self.pages and not self.pages[dashed].in_trash:
            return dashed
        raise not_found("page", dashed)

    def _markdown_answer(self, dashed: str) -> dict[str, Any]:
        return {"object": "page_markdown", "id": dashed, "markdown": self.rendered_markdown(dashed),
                "truncated": False, "unknown_block_ids": []}

    def _h_get_markdown(self, raw_id: str, query: dict) -> dict[str, Any]:
        unknown = sorted(set(query) - {"include_transcript"})
        if unknown:
            raise validation(f"query failed validation: query.{unknown[0]} should be not present.")
        with self._lock:
            return self._markdown_answer(self._content_page(raw_id))

    def _h_update_markdown(self, raw_id: str, body: dict[str, Any]) -> dict[str, Any]:
        kind = body.get("type")
        if kind not in MARKDOWN_TYPES:
            raise validation(f"body failed validation: body.type should be one of {', '.join(MARKDOWN_TYPES)}, "
                             f"instead was `{kind!r}`.")
        extra = sorted(set(body) - {"type", kind})
        if extra:
            raise validation(f"body failed validation: body.{extra[0]} should be not present.")
        command = body.get(kind)
        if not isinstance(command, dict):
            raise validation(f"body failed validation: body.{kind} should be an object, instead was `undefined`.")
        with self._lock:
            dashed = self._content_page(raw_id)
            old = self.content.get(dashed, "")
            new = self._apply_markdown(kind, command, old)
            self._delete_children_if_allowed(dashed, command, replaces_all=kind == "replace_content")
            self.content[dashed] = new
            self._touch_content(dashed)
            return self._markdown_answer(dashed)

    def _apply_markdown(self, kind: str, command: dict[str, Any], old: str) -> str:
        if kind == "replace_content":
            return _text(command, "new_str", kind)
        if kind == "insert_content":
            content = _text(command, "content", kind)
            if "after" in command:
                raise validation("fake: insert_content with `after` is not modelled.")
            at_start = (command.get("position") or {}).get("type") == "start"
            return f"{content}\n{old}" if at_start else f"{old}\n{content}"
        if kind == "update_content":
            updates = command.get("content_updates")
            if not isinstance(updates, list) or not updates:
                raise validation("body failed validation: body.update_content.content_updates should be a non-empty array.")
            for update in updates:
                old = _search_and_replace(old, update)
            return old
        raise validation("fake: replace_content_range is not modelled.")

    def _delete_children_if_allowed(self, dashed: str, command: dict[str, Any], replaces_all: bool) -> None:
        children = self.children_of(dashed)
        if not (replaces_all and children):
            return
        if command.get("allow_deleting_content") is not True:
            named = ", ".join(self._child_title(kind, child) for kind, child in children)
            raise validation(f"The operation would delete child pages or databases ({named}). "
                             "Set allow_deleting_content to true to allow it.")
        for kind, child in children:
            (self.databases if kind == "database" else self.workspace_pages)[child].in_trash = True

    def _child_title(self, kind: str, child_id: str) -> str:
        return (self.databases if kind == "database" else self.workspace_pages)[child_id].title

    def _touch_content(self, dashed: str) -> None:
        if dashed in self.workspace_pages:
            self.workspace_pages[dashed].last_edited = self.clock.now()
        else:
            self.touch(self.pages[dashed], self.bot.id)

    def _h_create_child_page(self, body: dict[str, Any]) -> dict[str, Any]:
        parent = body["parent"]
        if "markdown" in body and ({"children", "content"} & set(body)):
            raise validation("body failed validation: body.markdown should not be present with body.children or body.content.")
        markdown = body.get("markdown", "")
        if not isinstance(markdown, str):
            raise validation("body failed validation: body.markdown should be a string.")
        properties = body.get("properties") or {}
        if set(properties) - {"title"}:
            raise validation("body failed validation: a page under a page can only have a title property.")
        title = _title_of(properties.get("title"))
        if title is None:
            heading = _H1.search(markdown)
            title = heading.group(1).strip() if heading else ""
        with self._lock:
            parent_page = self._shared_page(str(parent.get("page_id", "")))
            page_id = self.add_page(title, parent_id=parent_page.id, markdown=markdown, by_request=True)
            return self.workspace_page_json(page_id)


def _render(stored: str) -> str:
    lines = [line.rstrip() for line in stored.replace("\r\n", "\n").split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")


def _text(command: dict[str, Any], key: str, kind: str) -> str:
    value = command.get(key)
    if not isinstance(value, str):
        raise validation(f"body failed validation: body.{kind}.{key} should be a string, instead was `{value!r}`.")
    return value


def _search_and_replace(text: str, update: Any) -> str:
    if not isinstance(update, dict) or not isinstance(update.get("old_str"), str) or not isinstance(update.get("new_str"), str):
        raise validation("body failed validation: each content update needs old_str and new_str strings.")
    old, new = update["old_str"], update["new_str"]
    found = text.count(old) if old else 0
    if found == 0:
        raise validation(f"update_content: old_str was not found in the page: {old!r}")
    if found > 1 and update.get("replace_all_matches") is not True:
        raise validation(f"update_content: old_str matches {found} places; set replace_all_matches to replace them all.")
    return text.replace(old, new)


def _title_of(raw: Any) -> str | None:
    if raw is None:
        return None
    items = raw.get("title") if isinstance(raw, dict) else raw
    if not isinstance(items, list):
        raise validation("body failed validation: body.properties.title should be an array of rich text.")
    return plain_text([{"plain_text": (i.get("text") or {}).get("content", "")} for i in items if isinstance(i, dict)])
