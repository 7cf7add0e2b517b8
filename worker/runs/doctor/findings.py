"""What check and init find, as values: a code and its facts. The CLI words them (cli/printed_doctor.py)
and --json prints their data (cli/report_json.py); nothing here prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Callable, Mapping

from worker.core.codes import RunOutcome
from worker.notion.client import NotionGateway
from worker.settings import Settings


class FindingCode(StrEnum):
    """What one finding of check or init is about; its facts are named under each."""

    TOKEN = "token"
    """The token works: `name` (the integration's), `workspace` ("" when Notion does not say)."""
    DATABASE = "database"
    """The list is shared with the integration: `source` (DataSource)."""
    DRAFTS = "drafts"
    """Whether the worker writes drafts: `name` and `pitch` under [me] ("" when unset), `config_file`."""
    UPDATES = "updates"
    """Whether the integration may update the list: `allowed`, `refused` (Notion's answer, when not)."""
    CHECKS = "checks"
    """A check per template column: `checks`, `proposals` (key → Lookalikes), `config_file`, `after_fix`."""
    FIX_NOTHING = "fix nothing"
    """--fix found no column to add: `lookalikes` (whether a column of the person's stands for a missing one)."""
    FIX_ADDING = "fix adding"
    """--fix adds these columns in one change: `names`."""
    FIX_YOURS_EMPTY = "fix yours empty"
    """--fix added columns the person fills in, empty: `names`."""
    IN_TOUCH = "in touch"
    """Status's In touch option (v3): `name`, `state` (found, missing or added), `kind` (select or status)."""
    TODAY_PAGE = "today page"
    """The Today page: `state` (PageState), `page_id`, `url`, `usable`, `problem` (PageProblem or None), `detail`."""
    VERDICT = "verdict"
    """check's closing: `checks`, `proposals`, `fixed`, `config_file`."""
    CREATED = "created"
    """init made the list with the whole template: `source`."""
    STATUS_IS_SELECT = "status is select"
    """init made Status a select (the API cannot set a status property's options): `name`."""
    VIEWS = "views"
    """init added these views: `added`, and `refused` (Notion's answer for the rest, or "")."""
    RELATIONS_NOT_ADDED = "relations not added"
    """init made the list but could not add its self-relations: `url`, `names`."""
    TODAY_PAGE_NOT_MADE = "today page not made"
    """init made the list but not its Today page: `detail` (Notion's answer)."""
    ENV_LINES = "env lines"
    """init: the lines for .env: `database_id`, `today_page_id` and `today_page_url` ("" without a Today page)."""


@dataclass(frozen=True)
class Finding:
    code: FindingCode
    facts: Mapping[str, Any] = field(default_factory=dict)


Note = Callable[[Finding], None]


def ignore(finding: Finding) -> None:
    """A Note that drops the finding (the result still holds it)."""


@dataclass
class Findings:
    """The findings of one check or init, in order; each is handed to `note` as it is made (the CLI
    shows it at once, so a later failure still leaves what was found before it on the screen)."""

    note: Note = ignore
    found: list[Finding] = field(default_factory=list)

    def add(self, code: FindingCode, **facts: Any) -> Finding:
        finding = Finding(code, facts)
        self.found.append(finding)
        self.note(finding)
        return finding


@dataclass(frozen=True)
class DoctorResult:
    """What check or init found or made: OK, SCHEMA (problems left) or REFUSED, and every finding."""

    outcome: RunOutcome
    findings: tuple[Finding, ...] = ()

    def last(self, code: FindingCode) -> Finding | None:
        """The latest finding with this code (check's CHECKS after --fix, say), or None."""
        return next((finding for finding in reversed(self.findings) if finding.code is code), None)


def fetch_token(gateway: NotionGateway, found: Findings) -> None:
    """Prove the token works (GET /v1/users/me) and note whose it is."""
    me = gateway.me()
    found.add(FindingCode.TOKEN, name=me.get("name") or me.get("id"),
              workspace=(me.get("bot") or {}).get("workspace_name") or "")


def note_drafts(settings: Settings, found: Findings) -> None:
    """Whether the worker writes drafts (SPEC §9): [me]'s name and pitch."""
    found.add(FindingCode.DRAFTS, name=settings.me.name.strip(), pitch=settings.me.pitch.strip(),
              config_file=settings.config_file)
