"""The configuration's models: rule numbers, option labels, column names, how to talk to Notion.

These are what config/outreach.toml (or the user's own file) holds, validated; settings.py reads
the file into them. They are not domain values: the people and the worker's fields are models.py.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from worker.models import Closeness, Status

# --- rule numbers (SPEC §4); every default is a named constant ------------------------------

DEFAULT_HALF_LIFE_DAYS = 180
DEFAULT_STRENGTH_STEP = 5
DEFAULT_STALE_EDGE_FACTOR = 2
DEFAULT_LINK_LENGTH = 3
DEFAULT_MAX_PATH_EDGES = 3
DEFAULT_PLAN_PER_DAY = 5
DEFAULT_PLAN_BUSINESS_DAYS = 10
DEFAULT_MAX_TEXT = 2000
DEFAULT_FOLLOW_UPS_MAX = 2
DEFAULT_PARK_DAYS = 90
DEFAULT_INTROS_PER_PERSON = 3


class ClosenessRule(BaseModel):
    """What one Closeness level means: strength base, edge length from You, stale horizon."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_strength: int = Field(ge=0, le=100)
    edge_length: float | None = Field(default=None, gt=0)  # None: out of network
    stale_after_days: int | None = Field(default=None, ge=0)  # None: never stale


def _default_closeness() -> dict[str, ClosenessRule]:
    return {
        Closeness.CLOSE: ClosenessRule(base_strength=100, edge_length=1, stale_after_days=180),
        Closeness.WARM: ClosenessRule(base_strength=70, edge_length=2, stale_after_days=90),
        Closeness.ACQUAINTANCE: ClosenessRule(base_strength=40, edge_length=4, stale_after_days=45),
        Closeness.COLD: ClosenessRule(base_strength=0, edge_length=None, stale_after_days=None),
    }


def _default_status_days() -> dict[str, int | None]:
    return {
        Status.REACHED_OUT: 5,
        Status.REPLIED: 2,
        Status.MEETING_SCHEDULED: 1,
        Status.INTERVIEWING: 10,
        Status.REFERRED: 10,
        Status.NOT_INTERESTED: None,
    }


class RuleBook(BaseModel):
    """Every number and label mapping the rules use; loaded from config/outreach.toml."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    target_companies: tuple[str, ...] = ()
    # Other names of a target company, by the target's name as listed: {"Meta": ("Facebook",)}.
    target_aliases: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    closeness: dict[str, ClosenessRule] = Field(default_factory=_default_closeness)
    half_life_days: float = Field(default=DEFAULT_HALF_LIFE_DAYS, gt=0)
    strength_step: int = Field(default=DEFAULT_STRENGTH_STEP, ge=1)
    stale_edge_factor: float = Field(default=DEFAULT_STALE_EDGE_FACTOR, ge=1)
    link_length: float = Field(default=DEFAULT_LINK_LENGTH, gt=0)
    max_path_edges: int = Field(default=DEFAULT_MAX_PATH_EDGES, ge=2)
    status_business_days: dict[str, Annotated[int, Field(ge=0)] | None] = Field(default_factory=_default_status_days)
    plan_per_day: int = Field(default=DEFAULT_PLAN_PER_DAY, ge=1)
    plan_business_days: int = Field(default=DEFAULT_PLAN_BUSINESS_DAYS, ge=1)
    max_text: int = Field(default=DEFAULT_MAX_TEXT, ge=10)
    # The ghost rule: after 1 + follow_ups_max unanswered messages, wait park_days, then try once more.
    follow_ups_max: int = Field(default=DEFAULT_FOLLOW_UPS_MAX, ge=0)
    park_days: int = Field(default=DEFAULT_PARK_DAYS, ge=1)
    # After a real conversation, ask for introductions until a person has made this many.
    intros_per_person: int = Field(default=DEFAULT_INTROS_PER_PERSON, ge=0)
    # A user's own option labels mapped onto the template's ("Very close" = "Close").
    closeness_labels: dict[str, str] = Field(default_factory=dict)
    status_labels: dict[str, str] = Field(default_factory=dict)


class PropertyNames(BaseModel):
    """The Notion column name behind each template property (SPEC §3); users may rename columns."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "Name"
    company: str = "Company"
    role: str = "Role"
    closeness: str = "Closeness"
    last_contacted: str = "Last contacted"
    status: str = "Status"
    knows: str = "Knows"
    introduced_by: str = "Introduced by"
    shared_interests: str = "Shared interests"
    paused: str = "Paused"
    meeting_on: str = "Meeting on"
    email: str = "Email"
    linkedin: str = "LinkedIn"
    suggested_ask: str = "Suggested ask"
    why: str = "Why"
    next_step: str = "Next step"
    draft: str = "Draft"
    intro_path: str = "Intro path"
    mail_link: str = "Mail link"
    intro_via: str = "Intro via"
    follow_up_on: str = "Follow up on"
    stale: str = "Stale"
    strength: str = "Strength"
    intros_made: str = "Intros made"
    worker_state: str = "Worker state"


# --- talking to Notion (config/outreach.toml [notion]) ------------------------------------

DEFAULT_REQUESTS_PER_SECOND = 3.0
DEFAULT_MAX_RETRIES = 5
DEFAULT_TIMEOUT_SECONDS = 30.0
DEFAULT_MAX_RETRY_WAIT_SECONDS = 60.0
DEFAULT_RETRY_BACKOFF_SECONDS = 0.5


class NotionOptions(BaseModel):
    """How the worker talks to Notion: pace, retries, time-outs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    requests_per_second: float = Field(default=DEFAULT_REQUESTS_PER_SECOND, gt=0)
    max_retries: int = Field(default=DEFAULT_MAX_RETRIES, ge=0)
    timeout_seconds: float = Field(default=DEFAULT_TIMEOUT_SECONDS, gt=0)
    max_retry_wait_seconds: float = Field(default=DEFAULT_MAX_RETRY_WAIT_SECONDS, gt=0)
    # Base of the jittered exponential back-off when Notion gives no Retry-After (seconds).
    retry_backoff_seconds: float = Field(default=DEFAULT_RETRY_BACKOFF_SECONDS, ge=0)
