"""Words only in the faces (STYLE, "Words in the faces"): the CLI, the run log and the Today page word
what the layers below return as values. A fix-it sentence naming an `outreach-worker` command is the
surest sign of words below the faces, so only the CLI and the Today page renderer may hold one."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from worker.core.codes import RunOutcome
from worker.runs.doctor.check import run_check
from worker.runs.doctor.findings import Finding, FindingCode
from worker.settings import load_settings

WORKER = Path(__file__).resolve().parents[1] / "worker"
FACES = ("cli", "core/today")  # the terminal and the run's words; the Today page renderer and its advice
COMMAND = re.compile(r"outreach-worker (sync|today|import|run|health|check|init)\b")


def strings_outside_docstrings(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal in a module that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def is_face(path: Path) -> bool:
    relative = path.relative_to(WORKER).as_posix()
    return any(relative.startswith(face + "/") for face in FACES)


def test_no_module_below_the_faces_names_an_outreach_worker_command():
    found = [f"{path.relative_to(WORKER)}:{line}: {text[:60]!r}"
             for path in sorted(WORKER.rglob("*.py")) if not is_face(path)
             for line, text in strings_outside_docstrings(path) if COMMAND.search(text)]
    assert found == []


def test_the_check_finds_the_commands_the_faces_name():
    """The test above can fail: the CLI's own sentences are found by the same search."""
    found = [text for path in (WORKER / "cli").rglob("*.py")
             for _, text in strings_outside_docstrings(path) if COMMAND.search(text)]
    assert any("outreach-worker check --fix" in text for text in found)


def test_the_doctor_calls_no_print():
    calls = [f"{path.relative_to(WORKER)}:{node.lineno}" for path in (WORKER / "runs" / "doctor").rglob("*.py")
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"]
    assert calls == []


def test_check_returns_its_findings_as_values_and_prints_nothing(fake, tmp_path, monkeypatch, capsys):
    db_id, _ = fake.create_outreach_list(properties={"Closeness": None})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NOTION_API_BASE_URL", "http://notion.fake")
    monkeypatch.setenv("NOTION_TOKEN", "secret_fake_token_123")
    monkeypatch.setenv("OUTREACH_DATABASE_ID", db_id)
    monkeypatch.delenv("OUTREACH_TODAY_PAGE", raising=False)
    noted: list[Finding] = []
    with fake.respx("http://notion.fake"):
        result = run_check(load_settings(env_file=None), fix=False, note=noted.append)
    assert capsys.readouterr() == ("", "")
    assert result.outcome is RunOutcome.SCHEMA
    assert list(result.findings) == noted
    assert [finding.code for finding in noted] == [
        FindingCode.TOKEN, FindingCode.DATABASE, FindingCode.DRAFTS, FindingCode.UPDATES, FindingCode.CHECKS,
        FindingCode.IN_TOUCH, FindingCode.TODAY_PAGE, FindingCode.VERDICT]
    [missing] = [check for check in result.last(FindingCode.CHECKS).facts["checks"] if not check.ok]
    assert (missing.key, missing.problem) == ("closeness", "missing")
