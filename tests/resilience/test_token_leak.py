"""The token never appears in output, logs, reports, reprs, exceptions or tracebacks (SPEC §6)."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.fakes import FakeNotion
from tests.fakes.workspace import PagesFakeNotion
from worker.cli import logs
from worker.notion.errors import NotionError
from worker.settings import Environment, load_settings
from worker.notion.client import NotionGateway
from worker.runs.sync import sync_notion

from .conftest import MAX_RETRIES, TODAY, new_list, small_list

TOKEN = "secret_CANARY7f3a9c1e5b2d8f4a6c0e9b7d3f1a5c8e2b4d6f"
OTHER_TOKEN = "secret_the_fake_expects_this_one_instead"


def scenarios() -> dict[str, tuple[str, int]]:
    """name → (the token the fake accepts, the exit code expected)."""
    return {"ok": (TOKEN, 0), "wrong token": (OTHER_TOKEN, 3), "500s exhausted": (TOKEN, 4),
            "a 400 row": (TOKEN, 1), "connection resets": (TOKEN, 4), "time-outs": (TOKEN, 4)}


def prepared(name: str) -> tuple[FakeNotion, str, list[str]]:
    accepted, _ = scenarios()[name]
    fake = FakeNotion(token=accepted)
    db_id, _, ids = new_list(fake, small_list())
    query = r"^/v1/data_sources/[^/]+/query$"
    if name == "500s exhausted":
        fake.add_fault("POST", query, status=500, times=MAX_RETRIES + 1)
    elif name == "connection resets":
        fake.add_fault("POST", query, kind="reset", times=MAX_RETRIES + 1)
    elif name == "time-outs":
        fake.add_fault("POST", query, kind="timeout", delay=0.0, times=MAX_RETRIES + 1)
    elif name == "a 400 row":
        fake.add_fault("PATCH", r"^/v1/pages/", status=400, page_id=ids[2])
    return fake, db_id, ids


def chain(error: BaseException | None) -> Iterator[BaseException]:
    """The exception and everything in its __cause__ / __context__ chain."""
    seen: set[int] = set()
    todo = [error]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [current.__cause__, current.__context__]


def texts_of(error: BaseException) -> list[str]:
    out = []
    for link in chain(error):
        out += [str(link), repr(link), *traceback.format_exception(link), repr(vars(link))]
    return out


@pytest.fixture
def capture_logs(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Keep pytest's log capture on the root logger after the CLI replaces its handlers."""
    original = logs.setup_logging

    def setup_and_keep_capture(*args, **kwargs) -> None:
        original(*args, **kwargs)
        logging.getLogger().addHandler(caplog.handler)

    monkeypatch.setattr(logs, "setup_logging", setup_and_keep_capture)
    return caplog


def record_texts(record: logging.LogRecord) -> list[str]:
    texts = [record.getMessage(), repr(record.args), repr(vars(record))]
    if record.exc_info and record.exc_info[1] is not None:
        texts += texts_of(record.exc_info[1])
    return texts


@pytest.mark.parametrize("name", scenarios())
def test_the_token_is_in_no_output_log_or_report_of_a_debug_json_run(name, sync_cli, capture_logs):
    fake, db_id, _ = prepared(name)
    run = sync_cli(fake, db_id, token=TOKEN, verbose="-vv")
    assert run.code == scenarios()[name][1], run.err
    records = capture_logs.records
    assert any(r.levelno == logging.DEBUG for r in records)  # the capture did see DEBUG logging
    assert TOKEN not in run.out
    assert TOKEN not in run.err
    for record in records:
        assert all(TOKEN not in text for text in record_texts(record)), record.getMessage()


@pytest.mark.parametrize("name", [n for n, (_, code) in scenarios().items() if code in (3, 4)])
def test_the_token_is_in_no_raised_exception_its_chain_or_its_traceback(name, sync_cli):
    fake, db_id, _ = prepared(name)
    sync_cli(fake, db_id, token=TOKEN)  # sets the environment the settings read
    fake, _, _ = prepared(name)  # the same list (seeded ids), its faults not yet spent
    settings = load_settings(env_file=None)
    with fake.respx("http://notion.fake"), pytest.raises(NotionError) as raised:
        sync_notion(settings, today=date(2026, 11, 26))
    texts = texts_of(raised.value)
    assert texts and all(TOKEN not in text for text in texts)


def test_the_token_is_in_no_failure_of_a_report(sync_cli):
    fake, db_id, _ = prepared("a 400 row")
    run = sync_cli(fake, db_id, token=TOKEN)
    assert run.report["failures"]
    assert TOKEN not in repr(run.report)


def test_the_token_is_in_no_repr_of_the_settings_the_environment_the_gateway_or_the_clients_options(sync_cli):
    fake, db_id, _ = prepared("ok")
    sync_cli(fake, db_id, token=TOKEN)
    settings = load_settings(env_file=None)
    gateway = NotionGateway.from_settings(settings)
    try:
        assert settings.require_token().get_secret_value() == TOKEN  # the secret is there, only hidden
        shown = [repr(settings), str(settings), repr(settings.model_dump()), repr(Environment(_env_file=None)),
                 repr(gateway), repr(gateway.stats), repr(gateway._client), repr(gateway._client.options),
                 repr(vars(gateway._client.options)), repr(gateway._client.client), repr(gateway._client.client.headers)]
        for text in shown:
            assert TOKEN not in text, text
    finally:
        gateway.close()


# --- every other command, and the Today page ---------------------------------------------------------

EXPORT = Path(__file__).resolve().parents[1] / "runs" / "importing" / "data" / "Connections.csv"
MARKDOWN = r"^/v1/pages/[^/]+/markdown$"


@pytest.fixture
def fake() -> PagesFakeNotion:
    """The `cli` fixture's fake Notion, accepting the canary token."""
    return PagesFakeNotion(token=TOKEN)


@dataclass
class Workspace:
    holder: str  # the page holding the list
    database: str
    today_page: str


@pytest.fixture
def workspace(fake: PagesFakeNotion, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A list missing its Why column (so check finds work and --fix makes a change), beside a Today page."""
    holder = fake.add_page("Job search")
    database, source = fake.create_outreach_list(properties={"Why": None}, parent_page_id=holder)
    fake.add_people(source, [
        {"Name": "Connie Park", "Company": "Acme", "Closeness": "Warm", "Last contacted": "2026-11-02",
         "Knows": ["Bob Li"]},
        {"Name": "Bob Li", "Company": "Stripe", "Closeness": "Cold"},
        {"Name": "Amara Nwosu", "Company": "Intercom", "Closeness": "Warm", "Last contacted": "2026-11-20",
         "Status": "Replied"},
        {"Name": "Noah Friedman", "Company": "Figma", "Closeness": "Best friend"},  # a warning
    ])
    today_page = fake.add_page("Outreach Today", parent_id=holder)
    monkeypatch.setenv("OUTREACH_TODAY_PAGE", today_page)
    return Workspace(holder, database, today_page)


def commands(workspace: Workspace) -> dict[str, tuple[str, ...]]:
    return {
        "today": ("today", "--today", TODAY),
        "check": ("check",),
        "check --fix": ("check", "--fix"),
        "sync with a Today page": ("sync", "--today", TODAY),
        "sync stopped by the schema": ("sync", "--today", TODAY),
        "sync whose Today page fails": ("sync", "--today", TODAY),
        "import linkedin": ("import", "linkedin", str(EXPORT)),
        "import linkedin --dry-run": ("import", "linkedin", str(EXPORT), "--dry-run"),
        "init": ("init", "--parent-page", workspace.holder, "--title", "Second list"),
        "health": ("health",),
    }


COMMANDS = list(commands(Workspace("", "", "")))
# The commands run on the list once `check --fix` has added its missing column; the exit codes expected.
ON_A_FIXED_LIST = ("today", "sync with a Today page", "sync whose Today page fails", "import linkedin",
                   "import linkedin --dry-run")
EXIT_CODES = {"check": 2, "sync stopped by the schema": 2, "health": 1}  # the rest: 0


def assert_no_token(run: Run, fake: PagesFakeNotion, workspace: Workspace, records: list[logging.LogRecord]) -> None:
    assert TOKEN not in run.out and TOKEN not in run.err
    for record in records:
        assert all(TOKEN not in text for text in record_texts(record)), record.getMessage()
    assert TOKEN not in fake.page_markdown(workspace.today_page)


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("output", ["-vv", "--json"])
def test_no_command_shows_the_token_in_its_output_its_logs_or_the_today_page(
    name, output, fake, cli, workspace, capture_logs
):
    args = commands(workspace)[name]
    if name in ON_A_FIXED_LIST:
        assert cli("check", "--fix", database=workspace.database, token=TOKEN).code == 0
    if name == "sync whose Today page fails":
        fake.add_fault("PATCH", MARKDOWN, status=500, times=10)
    capture_logs.clear()
    run = cli(output, *args, database=workspace.database, token=TOKEN, targets="Stripe")
    assert run.code == EXIT_CODES.get(name, 0), run.err
    assert_no_token(run, fake, workspace, capture_logs.records)
    if name == "sync with a Today page":
        assert "To do on" in fake.page_markdown(workspace.today_page)  # the page was written
    if name == "sync stopped by the schema":
        assert "Why" in fake.page_markdown(workspace.today_page)  # the failure's reason is on the page


@pytest.mark.parametrize("name", [name for name in COMMANDS if name != "health"])
def test_a_refused_token_is_named_in_no_command_s_words(name, fake, cli, workspace, capture_logs):
    run = cli("-vv", *commands(workspace)[name], database=workspace.database, token=OTHER_TOKEN)
    assert run.code == 3, run.err
    assert "Notion refused the token" in run.err
    for secret in (TOKEN, OTHER_TOKEN):
        assert secret not in run.out and secret not in run.err
        for record in capture_logs.records:
            assert all(secret not in text for text in record_texts(record)), record.getMessage()
