"""Next step and Intro path (SPEC §4.2–§4.4), with Why and the Draft: each Decision in words.

Dates, never ages, so the words do not change by themselves; "2 introductions", never "3 steps";
Role only colours the words. Every text is cut at a word to `max_text` UTF-16 units.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from worker.core.configuration import DraftTemplates, Me, RuleBook
from worker.core.dates import day_month_year, span
from worker.core.drafts import NO_DRAFT, Draft, compose_draft
from worker.core.drafts.intros import still_to_ask, target_companies
from worker.core.models import Action, Decision, Person, Status
from worker.core.textcut import cut_at_word

from .asks import ADVICE, COLD_PITCH, INTRO_PITCH, INTRODUCED_KINDS, INTRODUCED_PITCH, INTRODUCTIONS, WARM_PITCH
from .phrases import count_of, join_words, list_some, path_text, pitch_action
from .rows import Row
from .why import say_why

_DOUBLE_STOP = re.compile(r"\.\.(?=\s|$)")  # a sentence that ends in "Stripe, Inc." ends once
PITCHES = frozenset({WARM_PITCH, INTRO_PITCH, COLD_PITCH, INTRODUCED_PITCH})


@dataclass(frozen=True, slots=True)
class Words:
    """The worker's text columns of one row."""

    why: str
    next_step: str
    intro_path: str
    draft: Draft = NO_DRAFT


@dataclass(frozen=True, slots=True)
class Speaker:
    """What every sentence of one run may name: the people, the stale first hops, the targets, and
    you (the drafts speak in your voice)."""

    rows: Mapping[str, Row]
    paths: Mapping[str, tuple[str, ...]]  # each target's intro path, from its first hop
    stale: frozenset[str]  # page ids of stale people
    rules: RuleBook
    me: Me
    templates: DraftTemplates
    people: Mapping[str, Person]  # every row's person by page id, Paused included, for the drafts

    def say(self, row: Row, decision: Decision) -> Words:
        """Why, Next step and Intro path for one (not Paused) row."""
        limit = self.rules.max_text
        path = ""
        if decision.intro_path:
            path = path_text([self.rows[pid].label for pid in decision.intro_path])
        return Words(
            cut_at_word(_DOUBLE_STOP.sub(".", say_why(row, decision, self.rows, self.rules)), limit),
            cut_at_word(_DOUBLE_STOP.sub(".", self._next_step(row, decision)), limit),
            cut_at_word(path, limit),
            self._draft(row, decision),
        )

    def _draft(self, row: Row, decision: Decision) -> Draft:
        """The message for the row's next step (SPEC §9), in the user's templates and voice."""
        return compose_draft(
            row.person, decision, self.people, rules=self.rules, me=self.me, templates=self.templates,
            paths=self.paths,
        )

    # --- Next step ---------------------------------------------------------------------------

    def _next_step(self, row: Row, decision: Decision) -> str:
        action = decision.action
        if action in (Action.NEW, Action.VIA_INTRO):
            return self._new_message(row, decision)
        who = row.label
        if action == Action.FOLLOW_UP:
            return self._follow_up(who, decision)
        if action == Action.PARKED:
            return (
                f"No reply to {count_of(decision.messages, 'message')} ({_messages_span(decision)}); "
                f"try once more after {day_month_year(decision.parked_until)}, with news of your own."
            )
        if action == Action.REPLY:
            return f"Reply to {who}" + self._after_a_conversation(row, decision)
        if action == Action.MEETING:
            return f"Meet {who} on {day_month_year(row.person.meeting_on)}; at the end, {self._end_of_meeting(row, decision)}."
        if action == Action.THANK_YOU:
            meeting = row.person.meeting_on
            thanks = f"Thank {who} for the meeting on {day_month_year(meeting)}" if meeting else f"After the meeting, thank {who}"
            return thanks + self._after_a_conversation(row, decision)
        if action == Action.CHECK_IN:
            what = "referral" if decision.status == Status.REFERRED else "process"
            return f"Check in with {who} on how the {what} is going{self._once_they_answer(decision)}."
        if action == Action.ANSWER_INTRO:
            return f"Answer {self._introducers(decision)} introduction: {self._write_to(row, decision)}."
        if action == Action.THANK_CONNECTOR:
            return self._thank_connector(row, decision)
        if action == Action.IN_TOUCH:
            return f"Check in with {who} and share your news; nothing is pending, so no ask is needed."
        return ""

    def _introducers(self, decision: Decision) -> str:
        """"Alice Chen's", "Alice Chen's and Dan Roe's": whose introduction a first message answers."""
        return join_words([f"{self.rows[pid].label}'s" for pid in decision.introducers if pid in self.rows])

    def _write_to(self, row: Row, decision: Decision) -> str:
        """The ask of an introduced person's first message (§4.2): a pitch at a target, else advice."""
        at = f" at {row.company}" if row.company else ""
        if decision.ask_kind == INTRODUCED_PITCH:
            return f"write to {row.label} and {pitch_action(row.person.role)}{at}"
        return f"write to {row.label} and ask for their advice"

    def _thank_connector(self, row: Row, decision: Decision) -> str:
        """One thank-you naming everyone introduced since your last contact, then the rest of the three."""
        named = join_words([self.rows[pid].label for pid in decision.thanks_for if pid in self.rows])
        thanks = f"Thank {row.label} for introducing you to {named}"
        if decision.ask_kind in PITCHES:  # the reply it replaces would have pitched: the thank-you does
            thanks += f", and {pitch_action(row.person.role)}"
        wanted, made = decision.intros_to_ask, decision.intros_made
        if not wanted:
            end = "; once it is sent, set Status to In touch." if decision.ask_kind not in PITCHES else "."
            return thanks + end
        whom = f", starting with {self._targets(decision)}" if decision.targets else f" {self._to_whom(decision)}"
        joint = "; also ask" if decision.ask_kind in PITCHES else ", and ask"
        return f"{thanks}{joint} for {_introductions(wanted, made)}{whom}."

    def _new_message(self, row: Row, decision: Decision) -> str:
        kind, who = decision.ask_kind, row.label
        company = row.company
        at = f" at {company}" if company else ""
        if kind == INTRO_PITCH:
            return self._intro_chain(row, decision)
        if kind in INTRODUCED_KINDS:  # an undated introduction: planned as new outreach, owing nothing
            by = join_words([self.rows[pid].label for pid in decision.introducers if pid in self.rows])
            return f"{self._write_to(row, decision)[0].upper()}{self._write_to(row, decision)[1:]}; {by} introduced you."
        if kind == WARM_PITCH:
            return f"Message {who} and {pitch_action(row.person.role)}{at}{self._once_they_answer(decision)}."
        if kind == COLD_PITCH:
            return f"Send {who} a short cold message and {pitch_action(row.person.role)}{at}."
        if kind == ADVICE:
            if decision.targets:
                return f"Ask {who} for advice to catch up, then ask them to introduce you to {self._targets(decision)}."
            then = "a direct ask"
            if decision.target_company:
                then = f"a pitch for an interview{at}"
            return f"Ask {who} for advice to catch up, then follow with {then}."
        if kind == INTRODUCTIONS:
            if decision.targets:
                return f"Ask {who} to introduce you to {self._targets(decision)}."
            asked = _introductions(still_to_ask(decision, self.rules), decision.intros_made)
            return f"Ask {who} for {asked} {self._to_whom(decision)}."
        return f"Reach out to {who} about {join_words(row.person.shared_interests)}, with no ask attached."

    def _intro_chain(self, row: Row, decision: Decision) -> str:
        """A target reached through an intro: the request itself is on the first hop's row."""
        hops = [self.rows[pid] for pid in decision.intro_path]
        first = hops[0].label
        at = f" at {row.company}" if row.company else ""
        introductions = [f"introduce you to {hop.label}" for hop in hops[1:-1]] + [f"introduce you to {row.label}{at}"]
        warm_up = hops[0].pid in self.stale
        chain = f"ask {'them' if warm_up else first} to {introductions[0]} (see {first}'s row)"
        for before, step in zip(hops[1:-1], introductions[1:]):
            chain += f", then ask {before.label} to {step}"
        tail = f"; once introduced, {pitch_action(row.person.role)}."
        if warm_up:
            return f"Warm up {first} first by asking for advice, then {chain}{tail}"
        return chain[0].upper() + chain[1:] + tail

    def _follow_up(self, who: str, decision: Decision) -> str:
        """A nudge on the message that got no answer: on the intro request when that is what it made,
        else on the message alone, the intro request kept for their answer (one ask a message)."""
        last, n = decision.last_message, decision.messages
        about, later = "", self._once_they_answer(decision)
        if decision.ask_kind == INTRODUCTIONS:
            about, later = f" on your request for {_introductions_to(self._targets(decision), len(decision.targets))}", ""
        if last is None:
            return f"Follow up with {who}{about} if they have not replied{later}."
        if n == 1:
            unanswered = f"your message of {day_month_year(last)}"
        else:
            unanswered = f"{count_of(n, 'message')} ({_messages_span(decision)})"
        if n >= self.rules.follow_ups_max:  # the next message is the last before they are parked
            about = " one last time" + about
        return f"Follow up with {who}{about}: no reply yet to {unanswered}{later}."

    def _after_a_conversation(self, row: Row, decision: Decision) -> str:
        """After a real conversation: the pitch to someone at a target, and the introductions still
        to ask for (SPEC §4.3)."""
        wanted, made = decision.intros_to_ask, decision.intros_made
        pitch = f" and {pitch_action(row.person.role)}" if decision.ask_kind in PITCHES else ""
        if not wanted:
            if not (pitch or decision.targets) and made:
                return f" and thank them for the {count_of(made, 'introduction')}{self._in_touch_once_sent(decision)}."
            if not (pitch or decision.targets):
                return self._in_touch_once_sent(decision) + "."
            return pitch + "." + self._also_introduce(decision)
        whom = f", starting with {self._targets(decision)}" if decision.targets else f" {self._to_whom(decision)}"
        ask = f"ask for {_introductions(wanted, made)}{whom}."
        return f"{pitch}; also {ask}" if pitch else f" and {ask}"

    @staticmethod
    def _in_touch_once_sent(decision: Decision) -> str:
        """A thank-you with no ask left in it ends the conversation (SPEC §4.1)."""
        return "; once it is sent, set Status to In touch" if decision.action == Action.THANK_YOU else ""

    def _end_of_meeting(self, row: Row, decision: Decision) -> str:
        """What to ask at the end of a meeting ahead."""
        if decision.ask_kind in PITCHES:
            pitch = pitch_action(row.person.role)
            if decision.targets:
                return f"{pitch}, and ask them to introduce you to {self._targets(decision)}"
            return pitch
        asked = _introductions(still_to_ask(decision, self.rules), decision.intros_made)
        if decision.targets:
            return f"ask for {asked}, starting with {self._targets(decision)}"
        return f"ask for {asked} {self._to_whom(decision)}"

    def _also_introduce(self, decision: Decision) -> str:
        return f" Also ask them to introduce you to {self._targets(decision)}." if decision.targets else ""

    def _once_they_answer(self, decision: Decision) -> str:
        """A connector's intro request, kept for after the answer to a message that asks something else."""
        return f"; once they answer, ask them to introduce you to {self._targets(decision)}" if decision.targets else ""

    def _targets(self, decision: Decision) -> str:
        """A connector's targets: 'Bo Li at Stripe', 'Lena Fischer at Notion (through Tom Becker)'."""
        named = []
        for pid in decision.targets:
            between = [self.rows[hop].label for hop in self.paths[pid][1:-1]]
            named.append(_at_company(self.rows[pid]) + (f" (through {join_words(between)})" if between else ""))
        return list_some(named)

    def _to_whom(self, decision: Decision) -> str:
        """People at your target companies (not the one they work at), as their Draft asks."""
        companies = target_companies(decision, (), self.rules)
        if not companies:
            return "to people they think you should meet"
        return "to engineers or engineering managers at " + join_words(companies)


def _introductions(wanted: int, made: int) -> str:
    """'3 introductions', '2 more introductions (they have introduced you to 1)'."""
    if not wanted:
        return "more introductions" + (f" (they have introduced you to {made})" if made else "")
    if not made:
        return count_of(wanted, "introduction")
    return f"{wanted} more {'introduction' if wanted == 1 else 'introductions'} (they have introduced you to {made})"


def _introductions_to(targets: str, count: int) -> str:
    """'introductions', 'an introduction to Bo Li at Stripe', 'introductions to Bo Li at Stripe and …'."""
    if not count:
        return "introductions"
    return f"{'an introduction' if count == 1 else 'introductions'} to {targets}"


def _messages_span(decision: Decision) -> str:
    return span(decision.first_message or decision.last_message, decision.last_message)


def _at_company(row: Row) -> str:
    return f"{row.label} at {row.company}" if row.company else row.label
