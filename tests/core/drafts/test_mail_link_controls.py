"""The Mail link's header fields are one line whatever a name holds (issue 20, defect 6)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from hypothesis import given, strategies as st

from worker.core.drafts import mail_link

CONTROLS = st.sampled_from(["\r", "\n", "\r\n", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\t"])
TEXT = st.lists(st.one_of(CONTROLS, st.text(max_size=5)), max_size=12).map("".join)


def fields(link: str) -> dict[str, str]:
    query = urlsplit(link).query
    return {key: value for key, value in (pair.split("=", 1) for pair in query.split("&"))}


def test_a_bare_carriage_return_in_the_subject_is_a_space_not_a_new_header():
    link = mail_link("zoe@example.com", "A role at Acme\rBcc: all@example.com?", "Hi Zoe")
    assert fields(link)["subject"] == "A%20role%20at%20Acme%20Bcc%3A%20all%40example.com%3F"


@given(TEXT, TEXT)
def test_the_subject_never_carries_a_control_character_and_the_body_breaks_lines_only_as_crlf(subject, body):
    link = mail_link("zoe@example.com", subject, body + "Hi")
    decoded = {key: unquote(value) for key, value in fields(link).items()}
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in decoded["subject"])
    if "body" in decoded:
        text = decoded["body"].replace("\r\n", "")
        assert not any(ord(c) < 0x20 and c != "\t" or 0x7F <= ord(c) <= 0x9F for c in text)


def test_an_address_with_a_control_character_is_no_address():
    assert mail_link("zoe\x00@example.com", "s", "b") == ""
    assert mail_link("zoe@exam\x1bple.com", "s", "b") == ""
