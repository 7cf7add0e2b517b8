"""Plain value types shared by every layer: people, worker fields, outcomes, what a sync did.

Nothing here does I/O; the rules package and both data sources (Notion, CSV) speak these types.
The configuration's models (rule numbers, column names) live in configuration.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Callable, Mapping

from worker.core.codes import RowFailureKind, RunOutcome, WarningCode
from worker.core.columns import USER_KEYS, WORKER_KEYS


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
    IN_TOUCH = "In touch"  # v3: the conversation is done for now and nothing is pending
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


# --- rows and results ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WorkerFields:
    """The worker-owned columns of one row, as plain normalised values (text as plain text,
    dates as dates, page ids without dashes)."""

    suggested_ask: str | None = None
    why: str = ""
    next_step: str = ""
    draft: str = ""
    intro_path: str = ""
    mail_link: str = ""
    intro_via: tuple[str, ...] = ()
    follow_up_on: date | None = None
    stale: bool = False
    strength: float | None = None
    intros_made: float | None = None
    worker_state: str = ""


WORKER_FIELD_NAMES: tuple[str, ...] = WORKER_KEYS
USER_FIELD_NAMES: tuple[str, ...] = USER_KEYS


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
    meeting_on: date | None = None  # optional column
    email: str = ""  # optional column
    linkedin: str = ""  # optional column
    url: str = ""
    created_on: date | None = None  # when the row was added (Notion's created_time), if known
    # The day of the row's last edit when a person (not the worker's bot) made it; None when the
    # last edit was the worker's or nobody knows (a CSV export). Dates an introduction (SPEC §4.3).
    edited_by_person_on: date | None = None
    current: WorkerFields = field(default_factory=WorkerFields)


@dataclass(frozen=True, slots=True)
class RowWarning:
    """A problem with one row that the run survives; names the row so the user can find it.

    A code and its facts (see WarningCode), worded by the faces. `linked` is the page id the
    problem is about (a link to a page outside the list), for the face to name that page.
    """

    page_id: str
    name: str
    url: str
    code: WarningCode
    facts: tuple[tuple[str, str], ...] = ()
    linked: str = ""

    def fact(self, key: str) -> str:
        """One of the warning's facts by name ("" when it has none by that name)."""
        return dict(self.facts).get(key, "")


class Action(StrEnum):
    """What a row's next step is (SPEC §4.4, §7): the Today list's groups and the draft kinds follow it."""

    NONE = "none"  # nothing to do (no ask, closed, Not interested)
    NEW = "new outreach"  # Not contacted with an ask: a message of its own, in the plan
    VIA_INTRO = "via intro"  # Not contacted target reached through an intro: its first hop's message
    REPLY = "reply"  # Replied: your move
    MEETING = "meeting"  # Meeting scheduled, the meeting is today or ahead
    THANK_YOU = "thank you"  # Meeting scheduled, the meeting is past (or has no date)
    FOLLOW_UP = "follow up"  # Reached out, waiting for a reply
    PARKED = "parked"  # no reply to 1 + follow_ups_max messages: try once more after the wait
    CHECK_IN = "check in"  # Interviewing or Referred
    ANSWER_INTRO = "answer introduction"  # introduced and not yet written to: your first message (v3)
    THANK_CONNECTOR = "thank connector"  # they introduced you to someone since your last contact (v3)
    IN_TOUCH = "in touch"  # In touch: a check-in before the relationship goes stale, never a chase (v3)


@dataclass(frozen=True, slots=True)
class Decision:
    """Why the row holds what it holds: the rules' facts that the Today list and the drafts read.

    Filled by the rules; the words in WorkerFields are made from the same facts.
    """

    status: str = "Not contacted"  # the Status as the rules understood it (labels mapped)
    # What besides the Company tells this row from another with the same Name ("Recruiter", "#2"), else "".
    tell_apart: str = ""
    action: Action = Action.NONE
    ask_kind: str = ""  # finer than the Ask: warm pitch, intro pitch, cold pitch, introductions, advice, shared interest
    plan_rank: int | None = None  # place in the plan order (0 is best) for rows with a message of their own
    first_hop: str = ""  # page id of the person to ask first (intro targets), "" otherwise
    intro_path: tuple[str, ...] = ()  # page ids from the first hop to this row (intro targets)
    targets: tuple[str, ...] = ()  # page ids of the targets this connector can introduce, in plan order
    target_company: str = ""  # the configured target company this row's Company matches, else ""
    in_network: bool = False
    two_way_date: date | None = None  # the last contact that went both ways (SPEC §4.1)
    messages: int = 0  # unanswered messages counted by the ghost rule (Reached out)
    first_message: date | None = None  # the first of those messages
    last_message: date | None = None  # the latest of those messages (Follow up on counts from it)
    parked_until: date | None = None  # when a parked person may be tried once more
    intros_made: int = 0  # rows whose Introduced by names this person
    intros_to_ask: int = 0  # how many more introductions to ask for after a real conversation
    closeness: str = ""  # the effective closeness (SPEC §4.2 v3); "" where the rules did not read it
    raised_by: str = ""  # why it is above the Closeness column: "met", "answered", "introduced", "remembered"
    raised_on: date | None = None  # the day that made it so, when one is known
    introducers: tuple[str, ...] = ()  # page ids of who introduced you to this person (Introduced by, valid)
    introduced_on: date | None = None  # the earliest introduced-on day of those links (None: undated or none)
    introduced_days: tuple[date | None, ...] = ()  # each introducer's introduced-on day, as `introducers`
    introduced: tuple[str, ...] = ()  # page ids of the people this person introduced you to
    thanks_for: tuple[str, ...] = ()  # of those, the ones introduced since your last contact (a thank-you owed)


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What the rules decided for one row: the fields Notion should hold, and which differ now."""

    person: Person
    fields: WorkerFields  # final values (user-held fields keep the user's value)
    changed: tuple[str, ...]  # names from WORKER_FIELD_NAMES whose value must be written
    decision: Decision = field(default_factory=Decision)

    def changes(self) -> dict[str, Any]:
        return {name: getattr(self.fields, name) for name in self.changed}

    @property
    def memory_only(self) -> bool:
        """Only Worker state is written: memory a later run needs, nothing the user sees changes."""
        return self.changed == ("worker_state",)


@dataclass(frozen=True, slots=True)
class Reuse:
    """One computation's per-row work, each result kept with the inputs it came from, so that the
    next computation over nearly the same list (a look, SPEC §10) takes it where they are equal.
    Only worker.core.rules.reuse reads it; it never changes what a computation gives."""

    context: tuple[Any, ...] = ()  # the rules, today and voice the work was done under
    work: Mapping[tuple[str, str], tuple[Any, ...]] = field(default_factory=dict)  # (stage, page id) → entry


NO_REUSE = Reuse()


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one computation over the whole list."""

    rows: tuple[RowOutcome, ...]  # every row (Paused ones with action NONE), in page id order
    warnings: tuple[RowWarning, ...] = ()
    # Not part of what was decided: two outcomes alike in rows and warnings are equal.
    reuse: Reuse = field(default=NO_REUSE, compare=False, repr=False)

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
    code: str  # Notion's own error code ("validation_error"), or the kind for a row not tried ("skipped")
    kind: RowFailureKind = RowFailureKind.REJECTED
    request_id: str = ""  # Notion's id of the refused request, for -v and --json (never in `reason`)

    @property
    def transient(self) -> bool:
        """Notion unreachable or overloaded, rather than refusing this row."""
        return self.kind.transient

    def as_json(self) -> dict[str, object]:
        found = {"page_url": self.page_url, "name": self.name, "reason": self.reason, "code": self.code,
                 "kind": self.kind.value}
        return found | ({"request_id": self.request_id} if self.request_id else {})


@dataclass(frozen=True)
class SyncReport:
    """What one sync did, for people (summary) and machines (--json); summed from its rounds."""

    source: str
    today: date
    dry_run: bool
    rows_read: int = 0
    rows_changed: int = 0  # rows to write (a run that writes: rows it tried)
    memory_writes: int = 0  # of those, rows where only Worker state changes (SPEC §4.5)
    writes_sent: int = 0
    failures: tuple[RowFailure, ...] = ()
    warnings: tuple[RowWarning, ...] = ()
    # Names of linked pages the list itself does not hold (a CSV export names them), for warnings.
    link_labels: Mapping[str, str] = field(default_factory=dict)
    api_requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    seconds: float = 0.0
    output: str | None = None
    kind: str = "full"  # "full": the whole list read; "look": only rows edited since the snapshot (SPEC §10)

    @property
    def unreachable(self) -> bool:
        """Every write failed because Notion could not be reached, and none landed."""
        return bool(self.failures) and self.writes_sent == 0 and all(f.transient for f in self.failures)

    @property
    def outcome(self) -> RunOutcome:
        """OK (all written), PARTIAL (some rows failed) or UNREACHABLE (none could be written)."""
        if self.unreachable:
            return RunOutcome.UNREACHABLE
        return RunOutcome.PARTIAL if self.failures else RunOutcome.OK

    def as_json(self, describe: Describe) -> dict[str, object]:
        """The report for machines; `describe` words each warning (the faces own the words)."""
        return {
            "source": self.source,
            "today": self.today.isoformat(),
            "dry_run": self.dry_run,
            "rows_read": self.rows_read,
            "rows_changed": self.rows_changed,
            "memory_writes": self.memory_writes,
            "writes_sent": self.writes_sent,
            "failures": [f.as_json() for f in self.failures],
            "warnings": [warning_json(w, self.link_labels, describe) for w in self.warnings],
            "api_requests": self.api_requests,
            "retries": self.retries,
            "rate_limited": self.rate_limited,
            "seconds": round(self.seconds, 3),
            "output": self.output,
            "outcome": self.outcome.value,
            "kind": self.kind,
        }


Describe = Callable[[RowWarning, Mapping[str, str]], str]  # a face's words for a warning


def warning_json(warning: RowWarning, link_labels: Mapping[str, str], describe: Describe) -> dict[str, object]:
    """A warning for machines: the row, its URL, its code, the face's message and the linked page (id and name)."""
    return {
        "name": warning.name,
        "url": warning.url,
        "code": warning.code.value,
        "message": describe(warning, link_labels),
        "linked": warning.linked or None,
        "linked_name": link_labels.get(warning.linked) if warning.linked else None,
    }
