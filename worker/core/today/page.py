"""The Today page as Notion-flavoured markdown (SPEC §7), and the fingerprint that tells a change.

Pure: what the last sync did and the figures in, markdown out. Notion renders the markdown it is
given and answers with its own rendering, so whether the page changed is decided by a fingerprint
of what we would write, kept in the page's last line, never by comparing the text Notion returns.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime

from worker.core.codes import RunOutcome
from worker.core.dates import day_month_year, month_year, weekday_day_month_year
from worker.core.rules.phrases import count_of, path_text
from worker.core.textcut import cut_at_word
from worker.core.today.figures import CompanyView, Connector, DayCount, TodayFigures
from worker.core.today.growth import METHOD_PACE, Growth, TidyUp, Tree
from worker.core.today.pace import DAY_OFF_NOTE, running_low_companies, running_low_pace
from worker.core.today.todo import GROUP_TITLES, GROUP_VERBS, Mention, TodoGroup, TodoItem

SHOWN_TARGETS = 3  # a connector's line names this many targets, then "+N more"
# A line's own text is cut to this many UTF-16 units, so with a name and a company before it a
# paragraph stays inside Notion's 2,000 a text object (a Next step may already hold 2,000).
LINE_TEXT_LIMIT = 1500
FOOTER_MARK = "Written by outreach-worker"
MAX_LINE = 2000  # characters a line of the page may hold (Notion's limit on one text object)
SHOWN_INTRODUCERS = 10  # "Introductions this month" names this many introducers, then "+N more"
TIDY_REASONS = {"met": "your meeting", "answered": "their answer", "introduced": "the introduction",
                "remembered": "what happened in your conversation"}
_FINGERPRINT = re.compile(r"fingerprint ([0-9a-f]{12})")
_TO_DO_HEADING = "## To do"
# A sub-page or database tag: a "<" that no backslash escapes (an even run of backslashes before it), so
# a name shown as `\<page\>` is text, not a tag.
_CHILD_BLOCK = re.compile(r"(?<!\\)(?:\\\\)*<(page|database)\b")
_BLANK_BLOCK = re.compile(r"<empty-block\s*/>")
# Characters Notion's enhanced markdown reads as markup outside code (its escaping rules).
_SPECIAL = re.compile(r"([\\*~`$\[\]<>{}|^])")


@dataclass(frozen=True)
class LastSync:
    """How the last sync went: its day, and for a failure the moment and the reason."""

    day: date
    outcome: RunOutcome  # OK, PARTIAL (some rows failed) or FAILED
    rows: int = 0
    failed_rows: int = 0
    failed_at: datetime | None = None  # aware, in the list's time zone
    reason: str = ""


@dataclass(frozen=True)
class Problem:
    """A failed row or a warning; `who` is the row it is about, when it is one row's."""

    who: Mention | None
    text: str


def render_page(last: LastSync, problems: tuple[Problem, ...], figures: TodayFigures) -> str:
    """The whole page body (without the footer): status, problems, to-do, days, connectors, companies, growth."""
    sections = [
        _status(last),
        _problems(problems),
        *_day_off(figures),
        _todo(figures.today, figures.todo),
        _upcoming(figures.upcoming, figures.today),
        *_running_low(figures),
        _connectors(figures.connectors),
        _companies(figures.companies),
        _growth(figures.growth),
        _tidy_up(figures.tidy_up),
    ]
    return "\n\n".join(section for section in sections if section)


def render_failure(last: LastSync, problems: tuple[Problem, ...], previous: str) -> str:
    """A failed sync's page: its status and problems on top of the sections the page held before."""
    carried = carry_over(previous)
    sections = [_status(last), _problems(problems)]
    if carried:
        sections += ["*Below: the list as the last sync that went through left it.*", carried]
    return "\n\n".join(sections)


# --- the fingerprint -------------------------------------------------------------------------------


def fingerprint(body: str) -> str:
    """12 hex digits that change whenever the body does."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]


def sign(body: str) -> str:
    """The body with the footer that carries its fingerprint."""
    note = f"{FOOTER_MARK} at each sync; it replaces this page when it changes. Page fingerprint {fingerprint(body)}"
    return f"{body}\n\n---\n\n<span color=\"gray\">{note}</span>\n"


def read_fingerprint(markdown: str) -> str | None:
    """The fingerprint in a page's footer (as Notion returns it), or None when the page has none."""
    marks = [line for line in markdown.splitlines() if FOOTER_MARK in line]
    found = _FINGERPRINT.search(marks[-1]) if marks else None
    return found.group(1) if found else None


def is_blank(markdown: str) -> bool:
    """A page with nothing on it (Notion writes empty paragraphs as <empty-block/>)."""
    return not _BLANK_BLOCK.sub("", markdown).strip()


def holds_child_pages(markdown: str) -> bool:
    """The page holds a sub-page or a database, which replacing its content would delete."""
    return bool(_CHILD_BLOCK.search(markdown))


def carry_over(previous: str) -> str:
    """The to-do and figures of the page as it was (Notion's rendering), without its footer."""
    lines = previous.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(_TO_DO_HEADING)), None)
    if start is None:
        return ""
    end = next((i for i, line in enumerate(lines) if FOOTER_MARK in line), len(lines))
    kept = lines[start:end]
    while kept and kept[-1].strip() in ("", "---"):
        kept.pop()
    return "\n".join(kept)


# --- the sections ------------------------------------------------------------------------------------


def _status(last: LastSync) -> str:
    if last.outcome == RunOutcome.FAILED:
        when = day_month_year(last.day)
        if last.failed_at is not None:
            zone = last.failed_at.tzname() or ""
            when = f"{day_month_year(last.failed_at.date())} at {last.failed_at:%H:%M} {zone}".rstrip()
        return f"**Last sync failed on {when}:** {_line_text(last.reason)}"
    head = f"**Last sync: {day_month_year(last.day)}**"
    if last.outcome == RunOutcome.PARTIAL:
        return f"{head}: {count_of(last.failed_rows, 'row')} of {last.rows} could not be written; see Problems."
    return f"{head}: all well, {count_of(last.rows, 'row')} read and every change written."


def _problems(problems: tuple[Problem, ...]) -> str:
    if not problems:
        return "## Problems\n\nNone."
    lines = [f"- {link(p.who)}: {_line_text(p.text)}" if p.who else f"- {_line_text(p.text)}" for p in problems]
    return f"## Problems ({len(problems)})\n\n" + "\n".join(lines)


def _todo(today: date, items: tuple[TodoItem, ...]) -> str:
    head = f"{_TO_DO_HEADING} on {weekday_day_month_year(today)} ({count_of(len(items), 'message')})"
    if not items:
        return f"{head}\n\nNothing due today."
    parts = [head]
    for group in TodoGroup:
        chosen = [item for item in items if item.group is group]
        if chosen:
            lines = [_todo_line(n, item, today) for n, item in enumerate(chosen, start=1)]
            parts.append(f"### {GROUP_TITLES[group]} ({len(chosen)})\n\n" + "\n".join(lines))
    return "\n\n".join(parts)


def _todo_line(number: int, item: TodoItem, today: date) -> str:
    facts = [link(item.person)]
    if item.person.company:
        facts.append(escape(item.person.company))
    if item.due < today:
        facts.append(f"due since {day_month_year(item.due)}")
    step = item.next_step or GROUP_VERBS[item.group]
    line = f"{number}. {' · '.join(facts)}: {_line_text(step)}"
    if item.also_ask_about:
        names = "; ".join(_named_with_company(target) for target in item.also_ask_about)
        line += f"\n\t- also ask about: {names}"
    return line


def _upcoming(days: tuple[DayCount, ...], today: date) -> str:
    if not days:  # the calendar has no business day left
        return "## Next business days\n\nNone: the calendar ends here."
    lines = []
    for d in days:
        when = weekday_day_month_year(d.day) + (" (today)" if d.day == today else "")
        overdue = f", {d.overdue} of them overdue" if d.overdue else ""
        lines.append(f"- {when}: {count_of(d.messages, 'message')}{overdue}")
    return f"## Next {count_of(len(days), 'business day')}\n\n" + "\n".join(lines)


def _day_off(figures: TodayFigures) -> list[str]:
    if not figures.day_off:
        return []
    return [f"**{weekday_day_month_year(figures.today)} is a day off.** {escape(DAY_OFF_NOTE)}"]


def _running_low(figures: TodayFigures) -> list[str]:
    low = figures.running_low
    if low is None:
        return []
    return [f"## Running low\n\n- {escape(running_low_pace(low))}\n- {escape(running_low_companies(low))}"]


def _connectors(connectors: tuple[Connector, ...]) -> str:
    if not connectors:
        return ("## Top connectors\n\nNone yet. A connector is a warm contact who knows someone at a target "
                "company: link who knows whom in Knows and they show up here.")
    lines = []
    for n, connector in enumerate(connectors, start=1):
        shown = ", ".join(link(target) for target in connector.targets[:SHOWN_TARGETS])
        more = f" +{connector.reach - SHOWN_TARGETS} more" if connector.reach > SHOWN_TARGETS else ""
        company = f" · {escape(connector.who.company)}" if connector.who.company else ""
        lines.append(f"{n}. {link(connector.who)}{company}: can introduce you to {connector.reach}: {shown}{more}")
    return "## Top connectors\n\n" + "\n".join(lines)


def _companies(companies: tuple[CompanyView, ...]) -> str:
    if not companies:
        return "## Target companies\n\nNone configured: set `OUTREACH_TARGET_COMPANIES` (or `target_companies` in the config file)."
    return "## Target companies\n\n" + "\n\n".join(_company(view) for view in companies)


def _company(view: CompanyView) -> str:
    warm = ", ".join(f"{link(w.who)}{_strength(w.strength)}" for w in view.warm) or "none yet"
    if view.pitch_to is not None:
        strongest = ", your strongest contact there" if view.warm[0].who == view.pitch_to else ""
        path = f"a direct pitch to {link(view.pitch_to)}{strongest}"
    elif view.path:
        path = path_text([link(hop) for hop in view.path])
    else:
        path = "none yet: a cold pitch, or find who knows someone there and link them in Knows"
    statuses = " · ".join(f"{status} {n}" for status, n in view.statuses) or "nobody there in your list yet"
    return (f"### {escape(view.name)} ({count_of(view.people, 'person')})\n\n"
            f"- Warm contacts: {warm}\n- Best path in: {path}\n- Status: {statuses}")


def _growth(growth: Growth) -> str:
    month = month_year(growth.month)
    if growth.introduced:
        who = ", ".join(f"{link(m)} {n}" for m, n in growth.by_introducer[:SHOWN_INTRODUCERS])
        more = len(growth.by_introducer) - SHOWN_INTRODUCERS
        intros = f"{growth.introduced} ({who}{f' +{more} more' if more > 0 else ''})"
    else:
        intros = "none yet"
    names = ["met directly", "introduced by them", "introduced by those"]
    names += ["and by those"] * (len(growth.generations) - len(names))
    generations = " → ".join(f"{name} {count}" for name, count in zip(names, growth.generations))
    if growth.deeper:
        generations += f" → deeper still {growth.deeper}"
    pace = " → ".join(str(n) for n in growth.pace)
    lines = [
        f"- Introductions this month ({month}): {intros}. Counted by the day each introduction was made.",
        f"- Your network's generations: {generations}.",
        f"- At the method's pace (each person introduces 3: 1 → 3 → 9 → 27): {pace}.",
    ]
    if growth.trees:
        lines.append("- Introduction trees, biggest first (against the method's 3 → 9 → 27):")
        lines += [f"\t- {_tree(tree)}" for tree in growth.trees]
    return "## Growth\n\n" + "\n".join(_bounded_line(line) for line in lines)


def _tree(tree: Tree) -> str:
    """"Jonas Weber → 3 → 1", the method's pace for as many generations beside it."""
    counts = " → ".join(str(n) for n in tree.generations)
    deeper = f" → {tree.deeper} deeper" if tree.deeper else ""
    pace = " → ".join(str(METHOD_PACE ** (n + 1)) for n in range(len(tree.generations)))
    return f"{link(tree.root)} → {counts}{deeper} (the method: {pace})"


def _tidy_up(rows: tuple[TidyUp, ...]) -> str:
    if not rows:
        return ""
    lines = [
        f"- {link(row.who)}: Closeness says {escape(row.column)}, but {TIDY_REASONS.get(row.because, 'what happened')} "
        f"makes them {escape(row.effective)}"
        for row in rows
    ]
    return ("## Tidy up\n\nThe worker counts these people as closer than their Closeness says; raise Closeness "
            "when you agree:\n\n" + "\n".join(_bounded_line(line) for line in lines))


def _bounded_line(line: str) -> str:
    """No line of the page is longer than Notion's 2,000 characters a text object (SPEC §7)."""
    return line if len(line) <= MAX_LINE else cut_at_word(line, MAX_LINE)


# --- words -----------------------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Text shown as typed: enhanced markdown's special characters escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", _one_line(text))


def _line_text(text: str) -> str:
    return escape(cut_at_word(_one_line(text), LINE_TEXT_LIMIT))


def link(who: Mention) -> str:
    """The person's name, linking their row when it has a URL."""
    name = escape(who.name)
    return f"[{name}]({who.url})" if who.url else name


def _named_with_company(who: Mention) -> str:
    return f"{link(who)}, {escape(who.company)}" if who.company else link(who)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _strength(strength: float | None) -> str:
    return f" (Strength {strength:g})" if strength is not None else ""
