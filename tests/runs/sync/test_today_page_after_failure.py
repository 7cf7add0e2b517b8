"""What the Today page says after a sync that stopped, by the same failure tree as the terminal and the log:
an unreadable answer came from Notion, so the page is still written; a bug is named by its type."""

from __future__ import annotations

from tests.core.today.test_today_page_sync import listed, sync  # noqa: F401 - the fixtures
from worker.notion import pages

QUERY = "/query"
PROXY_PAGE = b"<html><body>Service temporarily rerouted</body></html>"


def first_line(fake, page: str) -> str:
    return fake.page_markdown(page).splitlines()[0]


def test_an_unreadable_answer_to_the_read_is_said_on_the_page_as_unreadable_not_unreachable(fake, sync, listed):
    assert sync().code == 0
    handle = fake.handle

    def proxied(method, path, query, headers, body):
        status, answer_headers, payload = handle(method, path, query, headers, body)
        if method.upper() == "POST" and path.endswith(QUERY):
            return 200, {"Content-Type": "text/html"}, PROXY_PAGE
        return status, answer_headers, payload

    fake.handle = proxied
    run = sync()
    assert run.code == 4, run.err
    assert "Notion's answer could not be read" in run.err and "could not be reached" not in run.err
    line = first_line(fake, listed.page)
    assert line.startswith("**Last sync failed on ") and "could not be read" in line, line


def test_a_bug_is_named_on_the_page_by_its_type_and_the_command_exits_70(fake, sync, listed, monkeypatch):
    assert sync().code == 0

    def buggy(*_args, **_kwargs):
        return {}["a key our own code got wrong"]

    monkeypatch.setattr(pages, "person_from_page", buggy)
    run = sync()
    assert run.code == 70
    assert "Traceback" in run.err and "hit a bug (KeyError" in run.err
    assert "KeyError: 'a key our own code got wrong'" in first_line(fake, listed.page)
