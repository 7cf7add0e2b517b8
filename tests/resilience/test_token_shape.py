"""A token that cannot be sent (issue 20, defect 4): a setting to fix, said before any request, never shown.

A line break from a `.env` quote wrapped onto a second line, or a letter pasted from a document, made
httpcore refuse the header: -vv printed it escaped past the redaction, and the run ended as
"unreachable" after its retries, or as a crash. Such a token is a configuration error (exit 2): no
request reached Notion, so it is not Notion refusing the token (exit 3).
"""

from __future__ import annotations

import io
import logging

import pytest

from tests.fakes import DEFAULT_TOKEN
from worker.cli import logs


@pytest.fixture
def listed(fake):
    database, _ = fake.create_outreach_list()
    return database


@pytest.mark.parametrize(("token", "said"), [
    (DEFAULT_TOKEN + "\nsecond_half_of_it", "a line break at character 22"),
    (DEFAULT_TOKEN[:10] + "\u00e9" + DEFAULT_TOKEN[10:], "a character that is not plain ASCII (U+00E9) at character 11"),
    (DEFAULT_TOKEN[:5] + "\x1b" + DEFAULT_TOKEN[5:], "a control character (U+001B) at character 6"),
    (DEFAULT_TOKEN[:5] + " " + DEFAULT_TOKEN[5:], "a space at character 6"),
])
@pytest.mark.parametrize("command", [("sync", "-vv"), ("check", "-vv"), ("today",)])
def test_a_token_that_cannot_be_sent_is_a_setting_to_fix_before_any_request(fake, cli, listed, token, said, command):
    run = cli(*command, database=listed, token=token)
    assert run.code == 2, run.err
    assert f"NOTION_TOKEN holds {said}" in run.err
    assert "Traceback" not in run.err and "unreach" not in run.err.lower()
    assert fake.requests == []
    for part in token.split():
        assert len(part) < 8 or part not in run.out + run.err


def test_the_log_hides_the_token_escaped_as_a_library_prints_it_and_in_a_traceback(monkeypatch):
    secret = "secret_with'quote\\and\u00e9"
    stream = io.StringIO()
    monkeypatch.setattr(logs.sys, "stderr", stream)
    logs.setup_logging(2, "text", secret)
    log = logging.getLogger("httpcore.test")
    log.debug("Illegal header value %r", ("Bearer " + secret).encode("utf-8", "backslashreplace"))
    log.debug("as text %r, as JSON %s", secret, '"secret_with\'quote\\\\and\\u00e9"')
    try:
        raise ValueError(f"bad header {secret!r}")
    except ValueError:
        log.exception("failed")
    logs.setup_logging(0)
    printed = stream.getvalue()
    assert printed.count("***") == 4, printed  # the header, the text, the JSON, the exception
    assert "secret_with" not in printed
