"""Plain value types shared by every layer: people, worker fields, rule numbers, outcomes.

Nothing here does I/O; the rules package and both data sources (Notion, CSV) speak these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field


class Closeness(StrEnum):
    CLOSE = "Close"
    WARM = "Warm"
    ACQUAINTANCE = "Acquaintance"
    COLD = "Cold"


class Status(StrEnum):
    NOT_CONTACTED = "Not contacted"
    REACHED_OUT = "Reached out"
    REPLIED = "Replied"
    MEETING_SCHEDULED = "Meeting scheduled"
    INTERVIEWING = "Interviewing"
    REFERRED = "Referred"
    NOT_INTERESTED = "Not interested"


class Ask(StrEnum):
    PITCH = "Pitch for interview"
    INTRODUCTIONS = "Request introductions"
    ADVICE = "Ask for advice"
    SHARED_INTEREST = "Connect over shared interest"


ROLES = ("Engineer", "Engineering Manager", "Recruiter", "Founder", "Other")


def split_comma_list(text: str) -> tuple[str, ...]:
    """`"Stripe, Figma"` → ("Stripe", "Figma"): a plain comma list, trimmed, blanks dropped."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


# --- rule numbers (SPEC §4); every default is a named constant ------------------------------

DEFAULT_HALF_LIFE_DAYS = 180
DEFAULT_STRENGTH_STEP = 5
DEFAULT_STALE_EDGE_FACTOR = 2
DEFAULT_LINK_LENGTH = 3
DEFAULT_MAX_PATH_EDGES = 3
DEFAULT_PLAN_PER_DAY = 5
DEFAULT_PLAN_BUSINESS_DAYS = 10
DEFAULT_MAX_TEXT = 2000


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
    suggested_ask: str = "Suggested ask"
    why: str = "Why"
    next_step: str = "Next step"
    intro_path: str = "Intro path"
    intro_via: str = "Intro via"
    follow_up_on: str = "Follow up on"
    stale: str = "Stale"
    strength: str = "Strength"
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


# --- rows and results ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WorkerFields:
    """The worker-owned columns of one row, as plain normalised values (text as plain text,
    dates as dates, page ids without dashes)."""

    suggested_ask: str | None = None
    why: str = ""
    next_step: str = ""
    intro_path: str = ""
    intro_via: tuple[str, ...] = ()
    follow_up_on: date | None = None
    stale: bool = False
    strength: float | None = None
    worker_state: str = ""


WORKER_FIELD_NAMES: tuple[str, ...] = tuple(WorkerFields.__dataclass_fields__)
USER_FIELD_NAMES: tuple[str, ...] = (
    "name", "company", "role", "closeness", "last_contacted", "status",
    "knows", "introduced_by", "shared_interests", "paused",
)


@dataclass(frozen=True, slots=True)
class Person:
    """One row of the Outreach List: the user's columns as typed, plus what the worker columns hold."""

    page_id: str  # 32 lowercase hex, no dashes (CSV rows get a stable synthetic id)
    name: str = ""
    company: str = ""
    role: str = ""
    closeness: str = ""  # the option label as typed; the rules map and validate it
    last_contacted: date | None = None
    status: str = ""
    knows: tuple[str, ...] = ()  # page ids
    introduced_by: tuple[str, ...] = ()  # page ids
    shared_interests: tuple[str, ...] = ()
    paused: bool = False
    url: str = ""
    current: WorkerFields = field(default_factory=WorkerFields)


@dataclass(frozen=True, slots=True)
class RowWarning:
    """A problem with one row that the run survives; names the row so the user can find it."""

    page_id: str
    name: str
    url: str
    message: str

    def __str__(self) -> str:
        who = self.name or "(row with no name)"
        where = f" <{self.url}>" if self.url else ""
        return f"{who}{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What the rules decided for one row: the fields Notion should hold, and which differ now."""

    person: Person
    fields: WorkerFields  # final values (user-held fields keep the user's value)
    changed: tuple[str, ...]  # names from WORKER_FIELD_NAMES whose value must be written

    def changes(self) -> dict[str, Any]:
        return {name: getattr(self.fields, name) for name in self.changed}


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one computation over the whole list."""

    rows: tuple[RowOutcome, ...]  # every row that is not Paused, in a stable order
    warnings: tuple[RowWarning, ...] = ()

    @property
    def changed_rows(self) -> tuple[RowOutcome, ...]:
        return tuple(row for row in self.rows if row.changed)


# --- what one sync did --------------------------------------------------------------------


@dataclass(frozen=True)
class RowFailure:
    """A row whose write did not land: where it is and why."""

    page_url: str
    name: str
    reason: str
    code: str
    transient: bool = False  # Notion unreachable or overloaded, rather than refusing this row

    def as_json(self) -> dict[str, object]:
        return {"page_url": self.page_url, "name": self.name, "reason": self.reason, "code": self.code}


@dataclass
class SyncReport:
    """What one sync did, for people (summary) and machines (--json)."""

    source: str
    today: date
    dry_run: bool
    rows_read: int = 0
    rows_changed: int = 0
    writes_sent: int = 0
    failures: list[RowFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    api_requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    seconds: float = 0.0
    output: str | None = None

    @property
    def unreachable(self) -> bool:
        """Every write failed because Notion could not be reached, and none landed."""
        return bool(self.failures) and self.writes_sent == 0 and all(f.transient for f in self.failures)

    @property
    def outcome(self) -> str:
        """"ok" (all written), "partial" (some rows failed) or "unreachable" (none could be written)."""
        if self.unreachable:
            return "unreachable"
        return "partial" if self.failures else "ok"

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "today": self.today.isoformat(),
            "dry_run": self.dry_run,
            "rows_read": self.rows_read,
            "rows_changed": self.rows_changed,
            "writes_sent": self.writes_sent,
            "failures": [f.as_json() for f in self.failures],
            "warnings": self.warnings,
            "api_requests": self.api_requests,
            "retries": self.retries,
            "rate_limited": self.rate_limited,
            "seconds": round(self.seconds, 3),
            "output": self.output,
            "outcome": self.outcome,
        }
