"""compute_outcome: the list, the rules and today in; every row's worker fields and the reasons out.

The story, one stage a line: read the rows and what earlier runs remember; follow each
conversation; map the network; choose each row's ask and action; plan the new outreach; date
every follow-up; decide; put it in words; settle who owns each value. Each stage returns values;
none writes into another's record. Given the last computation's work (`reuse`), the per-row stages
take its results where their inputs are unchanged (reuse.py): a look answers in well under a second.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date
from operator import attrgetter

from worker.core.configuration import DEFAULT_DRAFT_TEMPLATES, DraftTemplates, Me, RuleBook
from worker.core.drafts import mail_link
from worker.core.codes import WarningCode
from worker.core.models import Action, Decision, Outcome, Person, Reuse, RowOutcome, RowWarning, Status, WorkerFields

from .asks import Choice, choose
from .follow_up import FollowUp, date_follow_ups, replied_seen
from .introductions import read_introductions
from .network import Network, map_network
from .ownership import settle
from .plan import Plan, plan_outreach
from .per_row import Facts, read_facts
from .reuse import Reusing
from .rows import Row, read_rows, warn
from .closeness import remember_closeness
from .state import NEVER_WRITTEN, STATUS_CODES, State, UnreadableState, read_state
from .sentences import Speaker

PAUSED_CLEARS = frozenset({"follow_up_on", "stale"})
REACHED_OUT = "Reached out"


def compute_outcome(
    people: Sequence[Person],
    rules: RuleBook,
    today: date,
    *,
    absent: Collection[str] = frozenset(),
    me: Me = Me(),
    templates: DraftTemplates = DEFAULT_DRAFT_TEMPLATES,
    reuse: Reuse | None = None,
) -> Outcome:
    """Every row's worker fields as of `today`, which of them to write, and the problems found.

    Pure and deterministic: the same rows in any order give the same outcome. `absent` names the
    optional worker columns the list lacks; they are never compared or written. `me` and
    `templates` are the drafts' voice (without `me.name`, Draft stays empty). `reuse`, an earlier
    outcome's `reuse`, changes how fast the outcome comes, never what it is.
    """
    reused = Reusing(reuse, (rules, today, frozenset(absent), me, templates))
    rows, warnings = read_rows(sorted(people, key=attrgetter("page_id")), rules, reused)
    states = {row.pid: recall(row, warnings, reused) for row in rows}
    intros = read_introductions(rows, states, today)
    facts = [
        reused.take("facts", row.pid, (row, states[row.pid], intros[row.pid]),
                    lambda: read_facts(row, states[row.pid], absent, rules, today, intros[row.pid]))
        for row in rows
    ]
    active = [f for f in facts if not f.row.paused]
    network = map_network(rows, active, rules, reused)
    choices = {f.pid: choose_reusing(f, network, rules, today, reused) for f in active}
    new = [f for f in active if choices[f.pid].action == Action.NEW]
    reach = {pid: len(targets) for pid, targets in network.targets_of.items()}
    sent = [day for f in active if (day := sent_from_plan(f, choices[f.pid])) is not None]
    plan = plan_outreach(new, {f.pid: choices[f.pid].kind for f in new}, reach, today, rules, sent)
    first_hops = {target: path[0] for target, path in network.paths.items()}
    dates = date_follow_ups(active, {pid: c.action for pid, c in choices.items()}, plan, first_hops, rules, today)
    speaker = Speaker(
        {row.pid: row for row in rows}, network.paths, frozenset(f.pid for f in active if f.standing.stale),
        rules, me, templates, {row.pid: row.person for row in rows},
    )
    settled = {f.pid: settle_reusing(f, choices[f.pid], dates[f.pid], network, plan, speaker, absent, today, reused)
               for f in active}
    for f in facts:
        if f.row.paused:
            settled[f.pid] = settle_paused(f, network.intros_made[f.pid], absent)
    warnings.sort(key=lambda w: (w.name.casefold(), w.page_id, w.code, w.facts, w.linked))
    return Outcome(tuple(settled[row.pid] for row in rows), tuple(warnings), reused.kept())


def recall(row: Row, warnings: list[RowWarning], reused: Reusing) -> State:
    """What the row's Worker state remembers; an unreadable one is a warning, and the row counts as never written."""
    text = row.person.current.worker_state
    state = reused.take("state", row.pid, (text,), lambda: _readable_state(text))
    if state is None:
        warnings.append(warn(row.person, WarningCode.UNREADABLE_STATE))
        return NEVER_WRITTEN
    return state


def _readable_state(text: str) -> State | None:
    try:
        return read_state(text)
    except UnreadableState:
        return None


def choose_reusing(f: Facts, network: Network, rules: RuleBook, today: date, reused: Reusing) -> Choice:
    """The row's ask and action, taken from the last computation when its facts and place are the same."""
    has_path, made, reach = f.pid in network.paths, network.intros_made[f.pid], len(network.targets_of.get(f.pid, ()))
    return reused.take("choice", f.pid, (f, has_path, made, reach), lambda: choose(f, has_path, made, rules, today, reach))


def settle_reusing(
    f: Facts, choice: Choice, follow_up: FollowUp, network: Network, plan: Plan, speaker: Speaker,
    absent: Collection[str], today: date, reused: Reusing,
) -> RowOutcome:
    """settle_row, or the last computation's result where the row's inputs are what they were:
    its facts, ask and dates, its place in the network, its plan day, and whatever its words read.

    The row's rank in the plan is set last: no words depend on it, and one row leaving the plan
    moves the rank of every row after it.
    """
    pid, planned = f.pid, plan.dates.get(f.pid)
    inputs = (f, choice, follow_up, network.paths.get(pid, ()), network.targets_of.get(pid, ()),
              network.intros_made[pid], planned)
    row = reused.take_speaking("row", pid, inputs, speaker,
                               lambda words: settle_row(f, choice, follow_up, network, planned, words, absent, today))
    return ranked(row, plan.ranks.get(pid))


def ranked(row: RowOutcome, rank: int | None) -> RowOutcome:
    """The row with its rank in the plan (the Today list orders new outreach by it)."""
    if row.decision.plan_rank == rank:
        return row
    return replace(row, decision=replace(row.decision, plan_rank=rank))


def decide(f: Facts, choice: Choice, network: Network) -> Decision:
    """Why the row holds what it holds, for the words, the Today list and the drafts (its rank in
    the plan comes later: see `ranked`)."""
    path = network.paths.get(f.pid, ())
    talk = f.talk
    return Decision(
        status=f.row.status, tell_apart=f.row.tell_apart, action=choice.action, ask_kind=choice.kind,
        first_hop=path[0] if path else "", intro_path=path, targets=network.targets_of.get(f.pid, ()),
        target_company=f.row.target_company, in_network=f.standing.in_network, two_way_date=talk.contact,
        messages=talk.messages, first_message=talk.first_message, last_message=talk.last_message,
        parked_until=talk.parked_until, intros_made=network.intros_made[f.pid], intros_to_ask=choice.intros_to_ask,
        **_introduction_facts(f),
    )


def _introduction_facts(f: Facts) -> dict:
    """The v3 facts of a Decision: the effective closeness, and the introductions either way."""
    return dict(
        closeness=f.closeness.closeness, raised_by=f.closeness.raised_by, raised_on=f.closeness.raised_on,
        introducers=f.intro.introducers, introduced_on=f.intro.introduced_on, introduced_days=f.intro.days,
        introduced=tuple(pid for pid, _ in f.intro.made), thanks_for=f.intro.made_since(f.row.person.last_contacted),
    )


def settle_row(
    f: Facts, choice: Choice, follow_up: FollowUp, network: Network, planned: date | None, speaker: Speaker,
    absent: Collection[str], today: date,
) -> RowOutcome:
    """One row that is not Paused: what the worker wants there, then what it may write.

    `planned`: the row's day in the plan of new outreach, if it has one."""
    decision = decide(f, choice, network)
    words = speaker.say(f.row, decision)
    # The link opens the Draft the row will hold: the user's own, when they rewrote it.
    draft = f.row.person.current.draft if "draft" in f.held else words.draft.body
    wanted = WorkerFields(
        suggested_ask=choice.ask, why=words.why, next_step=words.next_step, draft=words.draft.body,
        intro_path=words.intro_path, mail_link=mail_link(f.row.person.email, words.draft.subject, draft),
        intro_via=decision.intro_path[:1],
        follow_up_on=follow_up.day, stale=f.standing.stale, strength=f.standing.strength,
        intros_made=decision.intros_made or None,
    )
    memory = remember(f, choice, follow_up, planned, today)
    fields, changed = settle(f.row.person, wanted, f.held, memory, absent,
                             introductions=f.intro.introductions_made(f.row.person.last_contacted), written=f.state)
    return RowOutcome(f.row.person, fields, changed, decision)


def remember(f: Facts, choice: Choice, follow_up: FollowUp, planned: date | None, today: date) -> State:
    """What the next run needs of this one, besides what the worker wrote (ownership adds that)."""
    counted = follow_up.counted_from_today
    return State(
        two_way_seen=f.talk.two_way_seen, two_way=f.talk.remembered_two_way, messages=f.talk.messages,
        first_message=f.talk.first_message, last_message=f.talk.last_message,
        planned=planned if choice.action == Action.NEW else None,
        counted_status=STATUS_CODES[f.row.status] if counted else "", counted_date=follow_up.day if counted else None,
        replied_on=replied_seen(f, today), sent_from_plan=sent_from_plan(f, choice),
        **_v3_memory(f),
    )


def _v3_memory(f: Facts) -> dict:
    """What v3 remembers: each link's introduced-on day, the highest closeness, that they answered."""
    closeness, under = remember_closeness(f.row, f.closeness)
    return dict(
        introduced=f.intro.memory() or None, closeness=closeness, closeness_under=under,
        answered=f.answered and f.row.status != REACHED_OUT or f.state.answered,
    )


def sent_from_plan(f: Facts, choice: Choice) -> date | None:
    """The plan day of the message that took this row out of the plan, while it is past Not contacted."""
    if choice.action == Action.NEW or f.row.status == Status.NOT_CONTACTED:
        return None
    return f.state.sent_from_plan or f.state.planned


def settle_paused(f: Facts, intros_made: int, absent: Collection[str]) -> RowOutcome:
    """A Paused row: the first sync that sees it clears Follow up on and Stale, then leaves it alone.

    Its Decision says where the conversation stands, with no action: it is off the to-do list.
    """
    person, talk = f.row.person, f.talk
    decision = Decision(
        status=f.row.status, target_company=f.row.target_company, in_network=f.standing.in_network,
        two_way_date=talk.contact, messages=talk.messages, first_message=talk.first_message,
        last_message=talk.last_message, parked_until=talk.parked_until, intros_made=intros_made,
        introducers=f.intro.introducers, introduced_on=f.intro.introduced_on, introduced_days=f.intro.days,
        introduced=tuple(pid for pid, _ in f.intro.made),
    )
    untouched = RowOutcome(person, person.current, (), decision)
    links = f.intro.memory() or None
    if f.state.paused_cleared and f.state.introduced == links:
        return untouched
    if f.state.paused_cleared:  # only a link's introduced-on day to remember (SPEC §4.3: Paused rows included)
        memory = replace(f.state, introduced=links)
        fields, changed = settle(person, person.current, f.held, memory, absent, written=f.state)
        return RowOutcome(person, fields, changed, decision)
    wanted = replace(person.current, follow_up_on=None, stale=False)
    memory = replace(f.state, planned=None, paused_cleared=True, introduced=links)
    fields, changed = settle(person, wanted, f.held, memory, absent, cleared=PAUSED_CLEARS, written=f.state)
    if PAUSED_CLEARS.isdisjoint(changed) and f.state.introduced == links:  # nothing to clear: not written at all
        return untouched
    return RowOutcome(person, fields, changed, decision)
