"""A stateful fake of the Notion API (2025-09-03) for outreach-worker tests. See README.md beside this file."""

from .common import ApiError, FakeClock, compact_id, normalize_id
from .faults import DropConnection, RecordedRequest
from .notion import ALL_CAPABILITIES, DEFAULT_TOKEN, INSERT, NOTION_VERSION, QUERY_RESULT_CAP, READ, UPDATE, FakeNotion
from .template import (ASK_OPTIONS, CLOSENESS_OPTIONS, ROLE_OPTIONS, STATUS_OPTIONS, USER_OWNED, WORKER_OWNED,
                       merge_properties, outreach_template)

__all__ = [
    "ALL_CAPABILITIES",
    "ASK_OPTIONS",
    "CLOSENESS_OPTIONS",
    "DEFAULT_TOKEN",
    "NOTION_VERSION",
    "QUERY_RESULT_CAP",
    "ROLE_OPTIONS",
    "STATUS_OPTIONS",
    "USER_OWNED",
    "WORKER_OWNED",
    "ApiError",
    "DropConnection",
    "FakeClock",
    "FakeNotion",
    "INSERT",
    "READ",
    "UPDATE",
    "RecordedRequest",
    "compact_id",
    "merge_properties",
    "normalize_id",
    "outreach_template",
]
