"""compose_draft: a row's person and Decision → the message for its next step (SPEC §9).

The Decision's action picks the template (one per ask and status action); the placeholders are
filled from the row, the people it names and `[me]`. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

from worker.core.configuration import DEFAULT_DRAFTS, DraftTemplates, Me, RuleBook
from worker.core.models import Action, Decision, Person
from worker.core.textcut import cut_at_word

from .syntax import parse_template, render
from .intros import wants_introductions
from .values import FACTS, PLACEHOLDERS, ROLE_PLACEHOLDERS, fact_values

KINDS: tuple[str, ...] = tuple(DEFAULT_DRAFTS)
MAX_SUBJECT = 150  # UTF-16 units; a subject line is read at a glance, and it must leave room in the link

# Which template a new outreach uses, by the rules' ask kind.
_NEW_KINDS = {
    "warm pitch": "warm_pitch",
    "cold pitch": "cold_pitch",
    "intro pitch": "after_intro",
    "introductions": "intro_request",
    "advice": "advice",
    "shared interest": "shared_interest",
    "introduced pitch": "answer_intro",  # an undated introduction, planned as new outreach
    "introduced advice": "answer_intro",
}
_STATUS_KINDS = {
    Action.VIA_INTRO: "after_intro",
    Action.REPLY: "reply",
    Action.MEETING: "meeting",
    Action.THANK_YOU: "thank_you",
    Action.PARKED: "parked",
    Action.CHECK_IN: "check_in",
    Action.ANSWER_INTRO: "answer_intro",
    Action.THANK_CONNECTOR: "thank_connector",
    Action.IN_TOUCH: "in_touch",
}
_PITCH_KINDS = frozenset({"warm pitch", "intro pitch", "cold pitch", "introduced pitch"})
_ADVICE_ASK = "I'd value your view on {role_question}. Would you have 20 minutes for a call in the next couple of weeks?"
# What each kind of template may use: the composed placeholders are made in this order.
_FOR_ROLES = FACTS
_FOR_BLURB = FACTS | frozenset(ROLE_PLACEHOLDERS)
_FOR_INTRO_ASK = _FOR_BLURB | {"blurb"}
_FOR_MESSAGES = frozenset(PLACEHOLDERS)
_SPACES = re.compile(r"(?<=\S) {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class Draft:
    """A message ready to paste: `body` is the Draft column, `subject` goes into the Mail link."""

    kind: str = ""  # the template used ("" when the row has no next step or drafts are off)
    subject: str = ""
    body: str = ""


NO_DRAFT = Draft()


def choose_kind(decision: Decision) -> str:
    """The template for the row's next step, or "" when it has none."""
    if decision.action is Action.NEW:
        kind = _NEW_KINDS.get(decision.ask_kind, "")
        return "cold_pitch" if kind == "after_intro" and not decision.first_hop else kind
    if decision.action is Action.FOLLOW_UP:
        return "follow_up" if decision.messages <= 1 else "follow_up_again"
    return _STATUS_KINDS.get(decision.action, "")


def compose_draft(
    person: Person,
    decision: Decision,
    others: Mapping[str, Person],
    *,
    rules: RuleBook,
    me: Me,
    templates: DraftTemplates,
    paths: Mapping[str, Sequence[str]] | None = None,
) -> Draft:
    """The message for the row's next step, body within `rules.max_text` UTF-16 units.

    `others` maps page ids to people, to name the first hop, the introducer and the targets;
    `paths` maps a target's page id to its intro path (first hop … target, its Decision.intro_path),
    so a connector is asked about the person they know on the way to a target two introductions away.
    NO_DRAFT when the row has no next step or `me.name` is empty.
    """
    kind = choose_kind(decision)
    if not kind or not me.name.strip():
        return NO_DRAFT
    values = fact_values(person, decision, others, rules, me, paths or {})
    phrases = templates.phrases(person.role)
    values["role_ask"] = _fill("role ask", phrases.ask, _FOR_ROLES, values)
    values["role_question"] = _fill("role question", phrases.question, _FOR_ROLES, values)
    values["blurb"] = _tidy(_fill("[drafts] blurb", templates.blurb, _FOR_BLURB, values))
    values["pitch_ask"] = values["role_ask"] if decision.ask_kind in _PITCH_KINDS and decision.action in (
        Action.REPLY, Action.THANK_YOU, Action.THANK_CONNECTOR) else ""
    pitched = decision.ask_kind in _PITCH_KINDS
    values["first_ask"] = values["role_ask"] if pitched else _fill("first ask", _ADVICE_ASK, _FOR_BLURB, values)
    values["intro_ask"] = ""
    if wants_introductions(decision):
        values["intro_ask"] = _tidy(_fill("[drafts] intro_ask", templates.intro_ask, _FOR_INTRO_ASK, values))
    template = templates.template(kind)
    subject = _tidy(_fill(f"[drafts.{kind}] subject", template.subject, _FOR_MESSAGES, values).replace("\n", " "))
    body = _tidy(_fill(f"[drafts.{kind}] body", template.body, _FOR_MESSAGES, values))
    return Draft(kind, cut_at_word(subject, MAX_SUBJECT), cut_at_word(body, rules.max_text))


def check_templates(templates: DraftTemplates) -> None:
    """Parse every template once; TemplateError naming the first that uses an unknown placeholder."""
    for where, text, allowed in _every_template(templates):
        parse_template(where, text, allowed, known=_FOR_MESSAGES)


def _every_template(templates: DraftTemplates) -> Iterator[tuple[str, str, Collection[str]]]:
    for role, phrases in templates.roles.items():
        yield f'[drafts.roles."{role}"] ask', phrases.ask, _FOR_ROLES
        yield f'[drafts.roles."{role}"] question', phrases.question, _FOR_ROLES
    yield "[drafts] blurb", templates.blurb, _FOR_BLURB
    yield "[drafts] intro_ask", templates.intro_ask, _FOR_INTRO_ASK
    for kind in KINDS:
        template = templates.template(kind)
        yield f"[drafts.{kind}] subject", template.subject, _FOR_MESSAGES
        yield f"[drafts.{kind}] body", template.body, _FOR_MESSAGES


def _fill(where: str, text: str, allowed: Collection[str], values: Mapping[str, str]) -> str:
    return render(parse_template(where, text, allowed), values)


def _tidy(text: str) -> str:
    """Trailing spaces, the gaps an empty placeholder leaves, and runs of blank lines, gone."""
    lines = [_SPACES.sub(" ", line).rstrip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
