"""What one import did, for people (printed.py) and machines (--json, the same keys as a sync's)."""

from __future__ import annotations

from dataclasses import dataclass, field

from worker.files.linkedin.new_rows import Match, NewRow
from worker.core.codes import RunOutcome
from worker.core.models import Describe, RowFailure, RowWarning, warning_json


@dataclass(frozen=True)
class Created:
    """A row the import made in Notion."""

    row: NewRow
    page_url: str


@dataclass
class ImportReport:
    """One `import linkedin`: what the file held, what matched, what was (or would be) created."""

    source: str
    dry_run: bool
    closeness: str
    connections_read: int = 0
    planned: list[NewRow] = field(default_factory=list)  # every row to create, made or not
    created: list[Created] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    failures: list[RowFailure] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)
    api_requests: int = 0
    retries: int = 0
    rate_limited: int = 0
    seconds: float = 0.0

    @property
    def outcome(self) -> RunOutcome:
        """OK (all created), PARTIAL (some failed) or UNREACHABLE (Notion could not be reached, none created)."""
        if self.failures and not self.created and all(f.transient for f in self.failures):
            return RunOutcome.UNREACHABLE
        return RunOutcome.PARTIAL if self.failures else RunOutcome.OK

    def as_json(self, describe: Describe) -> dict[str, object]:
        """The report for machines; `describe` words each warning (the faces own the words)."""
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "closeness": self.closeness,
            "connections_read": self.connections_read,
            "already_in_list": len(self.matches),
            "to_create": len(self.planned),
            "created": len(self.created),
            "people_created": [_new_json(c.row) | {"page_url": c.page_url} for c in self.created],
            "people_to_create": [_new_json(row) for row in self.planned] if self.dry_run else [],
            "matches": [_match_json(match) for match in self.matches],
            "failures": [f.as_json() for f in self.failures],
            "warnings": [warning_json(w, {}, describe) for w in self.warnings],
            "api_requests": self.api_requests,
            "retries": self.retries,
            "rate_limited": self.rate_limited,
            "seconds": round(self.seconds, 3),
            "outcome": self.outcome.value,
        }


def _new_json(row: NewRow) -> dict[str, object]:
    values, connected = row.values, row.connection.connected_on  # Last contacted is Connected On
    return {
        "line": row.connection.line,
        "name": values.get("name"),
        "company": values.get("company"),
        "role": values.get("role"),
        "closeness": values.get("closeness"),
        "last_contacted": connected.isoformat() if connected else None,
        "linkedin": values.get("linkedin"),
        "email": values.get("email"),
    }


def _match_json(match: Match) -> dict[str, object]:
    return {
        "line": match.connection.line,
        "name": match.connection.name,
        "by": match.by,
        "row_url": match.row.url if match.row else None,
        "row_name": match.row.name if match.row else None,
        "earlier_line": match.earlier.line if match.earlier else None,
    }
