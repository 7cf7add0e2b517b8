"""A template can only name placeholders: no attribute, index, format spec or code, and nothing crashes it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.drafts.helpers import PEOPLE, RULES, TEMPLATES
from worker.core.configuration import DraftTemplate, Me
from worker.core.drafts import TemplateError, check_templates, compose_draft
from worker.core.drafts.compose import MAX_SUBJECT, choose_kind
from worker.core.drafts.syntax import Slot, parse_template, render
from worker.core.drafts.values import PLACEHOLDERS
from worker.core.models import Action, Decision, Person
from worker.core.textcut import utf16_units

KNOWN = frozenset(PLACEHOLDERS)


def fill(text: str, **values: str) -> str:
    return render(parse_template("[drafts.test] body", text, KNOWN), values)


def test_a_placeholder_is_replaced_and_doubled_braces_are_literal():
    assert fill("Hi {first_name}, {{first_name}} and }} {{", first_name="Maya") == "Hi Maya, {first_name} and } {"


def test_a_value_is_inserted_as_plain_text_never_read_as_a_template():
    assert fill("{name}", name="{first_name} {0.__class__}") == "{first_name} {0.__class__}"


@pytest.mark.parametrize("text", [
    "{0.__class__}", "{name.__class__}", "{name[0]}", "{name!r}", "{name:>10}", "{__import__}",
    "{first name}", "{}", "{Name}", "{ name }",
])
def test_anything_but_a_bare_lowercase_name_in_braces_is_refused(text):
    with pytest.raises(TemplateError) as error:
        fill(f"Hi {text}")
    assert error.value.where == "[drafts.test] body"
    assert text in str(error.value) or "lone" in str(error.value)


@pytest.mark.parametrize("text", ["Hi {first_name", "Hi first_name}", "{", "}", "a { b"])
def test_a_lone_brace_is_refused_with_the_way_to_write_one(text):
    with pytest.raises(TemplateError, match=r"lone .*write (\{\{|\}\})"):
        fill(text)


def test_an_unknown_placeholder_is_named_with_the_closest_known_one():
    with pytest.raises(TemplateError) as error:
        fill("Hi {frist_name}")
    assert "{frist_name}" in str(error.value) and "did you mean {first_name}?" in str(error.value)


def test_a_composed_placeholder_cannot_be_used_inside_what_it_is_made_from():
    templates = TEMPLATES.model_copy(update={"blurb": "{my_name}: {intro_ask}"})
    with pytest.raises(TemplateError) as error:
        check_templates(templates)
    assert error.value.where == "[drafts] blurb" and "{intro_ask}" in str(error.value)


def test_every_default_template_uses_only_known_placeholders():
    check_templates(TEMPLATES)


# --- nothing a user types into a template reaches an attribute or crashes the renderer ---------

# Pieces that make braces, names and Python's format syntax meet often.
TEMPLATE_TEXT = st.lists(
    st.sampled_from([*"{}._[]!:0aZ _-\n", "first_name", "name", "__class__", "{{", "}}", "{name}"]), max_size=30
).map("".join)


@given(TEMPLATE_TEXT | st.text(max_size=80), st.text(max_size=40))
@settings(max_examples=400, deadline=None)
def test_any_template_text_either_renders_from_its_own_pieces_or_is_refused(text, value):
    values = {name: value for name in KNOWN}
    try:
        parts = parse_template("[drafts.test] body", text, KNOWN)
    except TemplateError as error:
        assert error.where == "[drafts.test] body"
        return
    assert all(part.name in KNOWN for part in parts if isinstance(part, Slot))
    rendered = render(parts, values)
    # The output is the template's own text (braces unescaped) with values in the slots: nothing else.
    assert rendered == "".join(part if isinstance(part, str) else value for part in parts)
    assert "".join(part for part in parts if isinstance(part, str)) == _literal(text)


def _literal(text: str) -> str:
    """The template's text with the placeholders removed and {{ }} unescaped (a reference, by hand)."""
    out, i = [], 0
    while i < len(text):
        if text.startswith(("{{", "}}"), i):
            out.append(text[i])
            i += 2
        elif text[i] == "{":
            i = text.index("}", i) + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


NAMES = st.text(max_size=60)
ACTIONS = st.sampled_from(list(Action))
KINDS = st.sampled_from(["warm pitch", "cold pitch", "intro pitch", "introductions", "advice", "shared interest", "", "x"])


@given(name=NAMES, company=NAMES, role=NAMES, interests=st.lists(NAMES, max_size=3), action=ACTIONS, kind=KINDS,
       messages=st.integers(0, 40), intros=st.integers(0, 40), body=st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_any_row_and_any_valid_template_compose_without_crashing(name, company, role, interests, action, kind,
                                                               messages, intros, body):
    body = body.replace("{", "{{").replace("}", "}}") + " {first_name} {intro_ask}"
    templates = TEMPLATES.model_copy(update={"reply": DraftTemplate(subject="{name}", body=body)})
    person = Person(page_id="9" * 32, name=name, company=company, role=role, shared_interests=tuple(interests),
                    last_contacted=date(2026, 11, 2))
    decision = Decision(action=action, ask_kind=kind, messages=messages, intros_to_ask=intros,
                        targets=tuple(PEOPLE), first_hop=next(iter(PEOPLE)))
    made = compose_draft(person, decision, PEOPLE, rules=RULES, me=Me(name=name.strip() or "Sam"), templates=templates)
    assert made.kind == choose_kind(decision)
    assert (made.body == "") == (made.kind == "")
    assert utf16_units(made.body) <= RULES.max_text and utf16_units(made.subject) <= MAX_SUBJECT
