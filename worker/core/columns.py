"""The Outreach List template (SPEC §3): every column the worker knows, who owns it, its Notion types.

One table for the schema check, `init`, `check --fix`, the Notion codec and the CSV export, so a
column is described once. Pure data: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

USER = "user"
WORKER = "worker"

ROLE_COLORS = MappingProxyType({
    "Engineer": "blue", "Engineering Manager": "purple", "Recruiter": "pink", "Founder": "orange", "Other": "gray",
})
CLOSENESS_COLORS = MappingProxyType({"Close": "green", "Warm": "yellow", "Acquaintance": "orange", "Cold": "blue"})
STATUS_COLORS = MappingProxyType({
    "Not contacted": "default", "Reached out": "blue", "Replied": "purple", "Meeting scheduled": "yellow",
    "Interviewing": "orange", "Referred": "green", "In touch": "brown",
    "Not interested": "red",
})
ASK_COLORS = MappingProxyType({
    "Pitch for interview": "green", "Request introductions": "blue", "Ask for advice": "yellow",
    "Connect over shared interest": "purple",
})


@dataclass(frozen=True)
class Column:
    """One template property: its key (a PropertyNames field), owner and accepted Notion types."""

    key: str
    owner: str  # USER (the worker reads it, never writes it) or WORKER (written only by the worker)
    types: tuple[str, ...]  # accepted Notion types; `create_type` is what init and --fix make
    optional: bool = False  # the worker works without it
    options: Mapping[str, str] = field(default_factory=dict)  # select options and their colours
    # Status is created as a select: Notion's API cannot set a status property's options.
    created_as: str = ""

    @property
    def create_type(self) -> str:
        return self.created_as or self.types[0]

    @property
    def worker_owned(self) -> bool:
        return self.owner == WORKER

    @property
    def self_relation(self) -> bool:
        """A relation from the list to itself (Knows, Introduced by, Intro via)."""
        return self.types == ("relation",)


COLUMNS: tuple[Column, ...] = (
    Column("name", USER, ("title",)),
    Column("company", USER, ("select", "rich_text")),
    Column("role", USER, ("select", "rich_text"), options=ROLE_COLORS),
    Column("closeness", USER, ("select",), options=CLOSENESS_COLORS),
    Column("last_contacted", USER, ("date",)),
    Column("status", USER, ("status", "select"), options=STATUS_COLORS, created_as="select"),
    Column("knows", USER, ("relation",)),
    Column("introduced_by", USER, ("relation",)),
    Column("shared_interests", USER, ("multi_select",)),
    Column("paused", USER, ("checkbox",)),
    Column("meeting_on", USER, ("date",), optional=True),
    Column("email", USER, ("email", "rich_text"), optional=True),
    Column("linkedin", USER, ("url", "rich_text"), optional=True),
    Column("suggested_ask", WORKER, ("select",), options=ASK_COLORS),
    Column("why", WORKER, ("rich_text",)),
    Column("next_step", WORKER, ("rich_text",)),
    Column("draft", WORKER, ("rich_text",)),
    Column("intro_path", WORKER, ("rich_text",)),
    Column("mail_link", WORKER, ("url",), optional=True),
    Column("intro_via", WORKER, ("relation",)),
    Column("follow_up_on", WORKER, ("date",)),
    Column("stale", WORKER, ("checkbox",)),
    Column("strength", WORKER, ("number",)),
    Column("intros_made", WORKER, ("number",)),
    Column("worker_state", WORKER, ("rich_text",)),
)
BY_KEY: Mapping[str, Column] = MappingProxyType({column.key: column for column in COLUMNS})

USER_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.owner == USER)
WORKER_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.owner == WORKER)
OPTIONAL_KEYS: frozenset[str] = frozenset(c.key for c in COLUMNS if c.optional)
SELF_RELATIONS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.self_relation)
ALL_KEYS: tuple[str, ...] = USER_KEYS + WORKER_KEYS
