"""The Mail link opens the draft in a mail program: RFC 6068 encoding, and the body dropped past 2,000 characters."""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worker.core.controls import one_line, without_controls
from worker.core.drafts import mail_link
from worker.core.drafts.mailto import MAX_LINK


def parts(link: str) -> tuple[str, dict[str, str]]:
    """The address and the decoded header fields of a mailto: link."""
    split = urlsplit(link)
    assert split.scheme == "mailto"
    fields = dict(pair.split("=", 1) for pair in split.query.split("&")) if split.query else {}
    return unquote(split.path), {key: unquote(value) for key, value in fields.items()}


def test_the_link_carries_the_subject_and_the_body_exactly():
    body = "Hi Zoë,\n\nQ&A: 100% yes? #1 = a+b / c;d 🚀\n\nSam"
    link = mail_link("zoe@example.com", "Coffee & a question?", body)
    assert parts(link) == ("zoe@example.com", {"subject": "Coffee & a question?", "body": body.replace("\n", "\r\n")})


def test_spaces_and_line_breaks_are_encoded_as_rfc_6068_asks():
    link = mail_link("a@b.co", "Hi there", "one\ntwo")
    assert link == "mailto:a@b.co?subject=Hi%20there&body=one%0D%0Atwo"
    assert "+" not in link and " " not in link


def test_an_address_with_a_plus_keeps_it_and_characters_that_would_break_the_link_are_encoded():
    assert mail_link("sam+jobs@example.com", "s", "b").startswith("mailto:sam+jobs@example.com?")
    assert mail_link("we?ird#x@example.com", "s", "b").startswith("mailto:we%3Fird%23x@example.com?")
    assert mail_link("  MAILTO:sam@example.com ", "s", "b").startswith("mailto:sam@example.com?")


@pytest.mark.parametrize("email", ["", "   ", "not an address", "a@b@c", "Sam <sam@example.com>", "a@b.co, c@d.co"])
def test_no_link_without_one_plain_address(email):
    assert mail_link(email, "Subject", "Body") == ""


def test_no_link_without_a_draft():
    assert mail_link("sam@example.com", "Subject", "") == ""
    assert mail_link("sam@example.com", "Subject", "  \n ") == ""


def test_a_link_that_would_pass_2000_characters_drops_the_body_and_keeps_the_subject():
    body = "word " * 500
    link = mail_link("sam@example.com", "A role at Stripe?", body)
    assert link == "mailto:sam@example.com?subject=A%20role%20at%20Stripe%3F"


def test_the_body_stays_up_to_exactly_2000_characters():
    head = "mailto:s@e.co?subject=S&body="
    fits = mail_link("s@e.co", "S", "x" * (MAX_LINK - len(head)))
    assert len(fits) == MAX_LINK and "&body=" in fits
    assert "&body=" not in mail_link("s@e.co", "S", "x" * (MAX_LINK - len(head) + 1))


def test_emoji_count_as_their_encoded_length_toward_the_limit():
    body = "😀" * 170  # 170 characters, 2,040 once percent-encoded (12 per emoji)
    assert "&body=" not in mail_link("s@e.co", "S", body)


def test_a_subject_too_long_even_alone_is_cut_at_a_word_so_the_link_still_opens_a_mail():
    subject = "Grüße 🚀 " * 300
    link = mail_link("sam@example.com", subject, "Hi")
    address, fields = parts(link)
    assert address == "sam@example.com" and "body" not in fields
    assert len(link) <= MAX_LINK and len(link) > MAX_LINK - 40
    assert fields["subject"].endswith("…") and subject.startswith(fields["subject"][:-1].rstrip())


@given(subject=st.text(max_size=400), body=st.text(min_size=1, max_size=900))
@settings(max_examples=200, deadline=None)
def test_any_subject_and_body_give_a_link_within_the_limit_that_decodes_to_them(subject, body):
    link = mail_link("sam@example.com", subject, body)
    if not without_controls(body).strip():
        assert link == ""
        return
    address, fields = parts(link)
    assert address == "sam@example.com" and len(link) <= MAX_LINK
    if "body" in fields:
        # the subject is a header, on one line; the body keeps its line breaks, as CRLF
        assert fields["body"] == as_body(body) and fields["subject"] == one_line(subject)
    else:  # dropped only because the whole link would have been too long
        whole = f"mailto:sam@example.com?subject={quote(one_line(subject), safe='')}&body={encoded(body)}"
        assert len(whole) > MAX_LINK


def as_body(text: str) -> str:
    return without_controls(text).replace("\n", "\r\n")


def encoded(text: str) -> str:
    return quote(as_body(text), safe="")
