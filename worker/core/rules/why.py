"""Why (SPEC §4.2): one sentence with the facts behind each row's ask.

Dates, never ages ("you last spoke on 3 Sep 2026"), so it does not change by itself; Role only
colours the words.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from worker.core.configuration import RuleBook
from worker.core.dates import day_month_year
from worker.core.models import Decision, Status

from .asks import ADVICE, COLD_PITCH, INTRO_PITCH, INTRODUCED_KINDS, INTRODUCTIONS, NO_ASK, NO_NEW_ASK, WARM_PITCH
from .closeness import ANSWERED_YOU, INTRODUCED, MET
from .phrases import closeness_phrase, count_of, join_words, role_noun
from .rows import Row


def say_why(row: Row, decision: Decision, rows: Mapping[str, Row], rules: RuleBook) -> str:
    """One sentence with the facts behind the row's ask, or its Status when it has none."""
    kind, contact = decision.ask_kind, decision.two_way_date
    if kind == NO_ASK:
        text = _status_why(row, decision) if decision.status != Status.NOT_CONTACTED else ""
        return text + _raised(row, decision, rows) if text else text
    return _ask_why(row, decision, rows, rules) + _raised(row, decision, rows)


def _ask_why(row: Row, decision: Decision, rows: Mapping[str, Row], rules: RuleBook) -> str:
    kind, contact = decision.ask_kind, decision.two_way_date
    closeness = decision.closeness or row.closeness
    who = _who_is(row, decision)
    missing = " (the Last contacted date is missing)" if contact is None and row.person.last_contacted is None else ""
    if kind in (WARM_PITCH, INTRODUCTIONS):
        reach = len(decision.targets)
        extra = f"; they can open the way to {count_of(reach, 'person')} at your target companies" if reach else ""
        return f"{who}, and {_last_spoke(row, contact)}{extra}."
    if kind in INTRODUCED_KINDS:
        by = join_words([rows[pid].label for pid in decision.introducers if pid in rows])
        on = f" on {day_month_year(decision.introduced_on)}" if decision.introduced_on else ""
        # The first message sent (Reached out), the Why says so, as the Next step's follow-up does.
        written = decision.status != Status.NOT_CONTACTED
        since = "they have not answered you yet" if written else "you have not written to them yet"
        return f"{who}; {by} introduced you{on}, and {since}."
    if kind == ADVICE:
        days = rules.closeness[closeness].stale_after_days
        return f"{who}, but {_last_spoke(row, contact)}, and after {days} days the connection has gone stale."
    if kind == INTRO_PITCH:
        hops = [rows[pid].label for pid in decision.intro_path[:-1]]
        return f"{who}; they are not in your network yet{missing}, but you can reach them through {join_words(hops)}."
    if kind == COLD_PITCH:
        most = count_of(rules.max_path_edges - 1, "introduction")
        return f"{who}; they are not in your network{missing}, and no one you know links to them within {most}."
    return f"{who}{missing}, and you share an interest in {join_words(row.person.shared_interests)}."


def _status_why(row: Row, decision: Decision) -> str:
    contact = decision.two_way_date
    when = f", last contact on {day_month_year(contact)}" if contact else ", and the Last contacted date is missing"
    if decision.status == Status.NOT_INTERESTED:
        return f"{row.label} is marked Not interested{when}, so there is nothing to follow up."
    closed = "so there is no new ask" if decision.status in NO_NEW_ASK else "and none of the four asks fits them"
    return f"{row.label} is at the {decision.status} stage{when}, {closed}."


def _last_spoke(row: Row, contact: date | None) -> str:
    if contact is not None:
        return f"you last spoke on {day_month_year(contact)}"
    if row.person.last_contacted is None:
        return "the Last contacted date is missing"
    return "they have not answered you yet"


def _who_is(row: Row, decision: Decision) -> str:
    """'Ana Ruiz is a warm contact and an engineer at Stripe, one of your target companies'."""
    noun = role_noun(row.person.role)
    if decision.in_network:
        phrase = closeness_phrase(decision.closeness or row.closeness)
        text = f"{row.label} is {phrase} and {noun}" if noun else f"{row.label} is {phrase}"
    elif noun:
        text = f"{row.label} is {noun}"
    elif row.company:
        text = f"{row.label} works"
    else:
        return f"{row.label} is not in your network yet"
    if row.company:
        text += f" at {row.company}" + (", one of your target companies" if decision.target_company else "")
    return text


def _raised(row: Row, decision: Decision, rows: Mapping[str, Row]) -> str:
    """When the effective closeness is above the column: " Closeness says Cold, but you met on 3 Dec 2026."."""
    if not decision.raised_by or not decision.closeness or decision.closeness == row.closeness:
        return ""
    on = f" on {day_month_year(decision.raised_on)}" if decision.raised_on else ""
    if decision.raised_by == MET:
        what = f"you met{on}"
    elif decision.raised_by == ANSWERED_YOU:
        what = f"they introduced you to someone{on}" if decision.introduced else "they have answered you"
    elif decision.raised_by == INTRODUCED:
        what = "you were introduced"
    else:
        what = "of what has happened in your conversation"
    return f" Closeness says {row.closeness}, but {what}, so the worker counts them as {decision.closeness}."
