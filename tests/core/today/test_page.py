"""The Today page as markdown: its sections, links to rows, names as typed, and the fingerprint."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from worker.core.codes import RunOutcome
from worker.core.models import Action
from worker.core.today.figures import compute_today_figures
from worker.core.today.page import (
    LastSync,
    Problem,
    carry_over,
    escape,
    holds_child_pages,
    is_blank,
    read_fingerprint,
    render_failure,
    render_page,
    sign,
)
from worker.core.today.todo import Mention
from tests.core.today.builders import TODAY, day, outcome, person, pid, row, url

OK = LastSync(TODAY, RunOutcome.OK, rows=12)


def listed():
    return outcome(
        row(1, "Connie Park", due=TODAY, action=Action.NEW, rank=0, targets=(2,), company="Acme", strength=65,
            next_step="Ask Connie Park to introduce you to Bob Li at Stripe."),
        row(2, "Bob Li", due=TODAY, action=Action.VIA_INTRO, first_hop=1, company="Stripe", intro_via=(1,),
            intro_path="You → Connie Park → Bob Li", path=(1, 2), target_company="Stripe"),
        row(3, "Amara", due=day(-3), action=Action.REPLY, status="Replied", company="Intercom"),
        row(4, "Dana Fox", due=day(1), action=Action.NEW, rank=1, target_company="Stripe", in_network=True,
            strength=70, ask_kind="warm pitch"),
    )


def page(last=OK, problems=(), listing=None, people=()) -> str:
    listing = listing or listed()
    figures = compute_today_figures(people or [r.person for r in listing.rows], listing, ["Stripe", "Figma"], TODAY)
    return render_page(last, tuple(problems), figures)


def section(markdown: str, heading: str) -> str:
    """The text under a `## heading` up to the next `## `."""
    match = re.search(rf"^## {re.escape(heading)}.*?$(.*?)(?=^## |\Z)", markdown, re.MULTILINE | re.DOTALL)
    assert match, f"no section {heading!r} in:\n{markdown}"
    return match.group(1)


def test_the_page_has_every_section_in_order():
    headings = re.findall(r"^## (\w[\w ]*)", page(), re.MULTILINE)
    assert headings == ["Problems", "To do on Thu 26 Nov 2026 ", "Next 5 business days", "Running low", "Top connectors",
                        "Target companies", "Growth"]


def test_each_to_do_line_links_its_row_and_folded_targets_link_theirs():
    todo = section(page(), "To do")
    assert todo.count("\n1. ") == 2  # one numbered line per group: Replies, New outreach
    assert f"[Amara]({url(3)}) · Intercom · due since 23 Nov 2026: Next step for Amara" in todo
    assert f"[Connie Park]({url(1)}) · Acme: Ask Connie Park to introduce you to Bob Li at Stripe." in todo
    assert f"\t- also ask about: [Bob Li]({url(2)}), Stripe" in todo
    assert todo.index("### Replies you owe (1)") < todo.index("### New outreach (1)")


def test_names_and_texts_are_shown_as_typed_never_as_markup():
    tricky = outcome(
        row(1, "Bob [/b] Smith", due=TODAY, action=Action.REPLY, next_step="Ask about *the* <role> | $100"),
        row(2, "Jane Doe [ex-Google]", due=TODAY, action=Action.NEW, rank=0),
    )
    text = page(listing=tricky)
    assert f"[Bob \\[/b\\] Smith]({url(1)})" in text
    assert f"[Jane Doe \\[ex-Google\\]]({url(2)})" in text
    assert "Ask about \\*the\\* \\<role\\> \\| \\$100" in text
    assert escape("a\nb  c") == "a b c"  # a line stays one line


def test_the_status_line_says_the_date_and_how_the_sync_went():
    assert page().startswith("**Last sync: 26 Nov 2026**: all well, 12 rows read and every change written.")
    partial = page(LastSync(TODAY, RunOutcome.PARTIAL, rows=12, failed_rows=2))
    assert partial.startswith("**Last sync: 26 Nov 2026**: 2 rows of 12 could not be written; see Problems.")
    at = datetime(2026, 11, 26, 14, 5, tzinfo=ZoneInfo("Europe/Berlin"))
    failed = render_failure(LastSync(TODAY, RunOutcome.FAILED, failed_at=at, reason="Notion [503] said no"), (), "")
    assert failed.startswith("**Last sync failed on 26 Nov 2026 at 14:05 CET:** Notion \\[503\\] said no")


def test_problems_link_their_rows():
    problems = (Problem(Mention(pid(3), "Amara", "", url(3)), "not written: validation_error"),
                Problem(None, "Closeness is a text column"))
    text = section(page(problems=problems), "Problems")
    assert f"- [Amara]({url(3)}): not written: validation\\_error" not in text  # "_" is not special
    assert f"- [Amara]({url(3)}): not written: validation_error" in text
    assert "- Closeness is a text column" in text
    assert section(page(), "Problems").strip() == "None."


def test_the_days_ahead_connectors_companies_and_growth_are_in_numbers_with_links():
    text = page()
    assert "- Fri 27 Nov 2026: 1 message" in section(text, "Next 5 business days")
    assert f"1. [Connie Park]({url(1)}) · Acme: can introduce you to 1: [Bob Li]({url(2)})" in text
    stripe = section(text, "Target companies").split("### Figma")[0]
    assert f"- Warm contacts: [Dana Fox]({url(4)}) (Strength 70)" in stripe
    assert f"- Best path in: a direct pitch to [Dana Fox]({url(4)}), your strongest contact there" in stripe
    assert "- Status: Not contacted 2" in stripe
    figma = section(text, "Target companies").split("### Figma")[1]
    assert "Warm contacts: none yet" in figma and "nobody there in your list yet" in figma
    growth = section(text, "Growth")
    assert "Introductions this month (Nov 2026): none yet" in growth
    assert "met directly" in growth and "1 → 3 → 9 → 27" in growth


def test_the_best_path_in_names_each_person_on_it_once_linking_their_rows():
    listing = outcome(*(r for r in listed().rows if r.person.name != "Dana Fox"))
    stripe = section(page(listing=listing), "Target companies").split("### Figma")[0]
    assert f"- Best path in: You → [Connie Park]({url(1)}) → [Bob Li]({url(2)})\n" in stripe


def test_the_same_list_on_the_same_day_gives_the_same_fingerprint_and_another_day_another():
    first, again = sign(page()), sign(page())
    assert read_fingerprint(first) == read_fingerprint(again) is not None
    tomorrow = render_page(LastSync(day(1), RunOutcome.OK, rows=12), (),
                           compute_today_figures([r.person for r in listed().rows], listed(), ["Stripe"], day(1)))
    assert read_fingerprint(sign(tomorrow)) != read_fingerprint(first)


def test_the_fingerprint_is_read_back_from_notions_own_rendering_of_the_footer():
    rendered = sign("body").replace("\n\n", "\n").replace('<span color="gray">', '<span color="gray_bg">')
    assert read_fingerprint(rendered) == read_fingerprint(sign("body"))
    assert read_fingerprint("# My own notes\n\nfingerprint 0123456789ab") is None  # not our footer


def test_a_failed_sync_keeps_the_sections_the_page_held_before():
    before = sign(page())
    failed = render_failure(LastSync(day(1), RunOutcome.FAILED, reason="boom"), (Problem(None, "Status is missing"),), before)
    assert failed.startswith("**Last sync failed on 27 Nov 2026:** boom")
    assert "- Status is missing" in failed
    assert section(failed, "To do") == section(before, "To do")
    assert failed.count("Written by outreach-worker") == 0  # the old footer is not carried over
    twice = render_failure(LastSync(day(2), RunOutcome.FAILED, reason="again"), (), sign(failed))
    assert section(twice, "Growth") == section(page(), "Growth")


def test_blank_pages_and_pages_holding_sub_pages_are_told_apart():
    assert is_blank("") and is_blank("\n<empty-block/>\n") and not is_blank("notes")
    assert holds_child_pages('<database url="https://x">Outreach List</database>')
    assert holds_child_pages('<page url="https://x">Ideas</page>') and not holds_child_pages(page())
    assert carry_over("no headings of ours") == ""


def test_a_very_long_next_step_is_cut_at_a_word_so_the_line_stays_inside_notions_limits():
    step = "word " * 1000
    text = section(page(listing=outcome(row(1, "Long", due=TODAY, action=Action.REPLY, next_step=step))), "To do")
    [line] = [line for line in text.splitlines() if line.startswith("1. ")]
    assert line.endswith("word…") and len(line) < 2000


def test_on_a_day_off_the_page_says_so_above_the_list():
    saturday = day(2)
    figures = compute_today_figures([r.person for r in listed().rows], listed(), ["Stripe", "Figma"], saturday)
    text = render_page(OK, (), figures)
    line = "**Sat 28 Nov 2026 is a day off.** The worker dates nothing on a day off: below is only what was due"
    assert line in text and text.index(line) < text.index("## To do on Sat 28 Nov 2026")
    assert "is a day off" not in page()  # a Thursday
    christmas = compute_today_figures([], listed(), ["Stripe"], day(29), days_off=frozenset({day(29)}))
    assert "**Fri 25 Dec 2026 is a day off.**" in render_page(OK, (), christmas)


def test_running_low_says_when_new_outreach_runs_out_and_where_the_list_is_thinnest():
    # Two new messages of their own (Connie, Dana; Bob rides on Connie's) at 1 a day: Thu 26, Fri 27.
    figures = compute_today_figures([r.person for r in listed().rows], listed(), ["Stripe", "Figma"], TODAY,
                                    plan_per_day=1)
    assert section(render_page(OK, (), figures), "Running low").strip().splitlines() == [
        "- At 1 a business day, your 2 new messages still to send last until Fri 27 Nov 2026.",
        "- Fewest people in your list: Figma (none), Stripe (2 people).",
    ]
    none_left = outcome(row(3, "Amara", due=day(-3), action=Action.REPLY, status="Replied"))
    empty = compute_today_figures([], none_left, ["Stripe"], TODAY)
    assert "New outreach has run out" in section(render_page(OK, (), empty), "Running low")
