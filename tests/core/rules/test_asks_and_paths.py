"""SPEC §3, §4.2, §4.3: target companies, the buckets, intro chains and their tie-breaks, connectors."""

from datetime import date, timedelta

import pytest

from rules_helpers import TODAY, decision, fields, person, pid, run
from worker.core.configuration import RuleBook
from worker.core.models import Action
from worker.core.names import company_key
from worker.core.rules.targets import TargetCompanies

RECENT = TODAY - timedelta(days=10)  # Warm → 65, Close → 95, Acquaintance → 40
STALE = TODAY - timedelta(days=200)  # stale for every in-network level


@pytest.mark.parametrize(
    ("company", "closeness", "last", "interests", "status", "ask"),
    [
        ("Stripe", "Warm", RECENT, (), "", "Pitch for interview"),
        (" stripe ", "Acquaintance", TODAY - timedelta(days=45), (), "", "Pitch for interview"),
        ("Stripe", "Warm", STALE, (), "", "Ask for advice"),
        ("Stripe", "Cold", None, (), "", "Pitch for interview"),
        ("Acme", "Warm", RECENT, ("jazz",), "", "Request introductions"),
        ("Acme", "Close", STALE, ("jazz",), "", "Ask for advice"),
        ("Acme", "Cold", None, ("jazz",), "", "Connect over shared interest"),
        ("Acme", "", RECENT, (), "", None),
        ("Stripe", "Warm", RECENT, (), "Interviewing", None),
        ("Stripe", "Warm", RECENT, (), "Referred", None),
        ("Stripe", "Warm", RECENT, (), "Not interested", None),
    ],
)
def test_the_bucket_first_match_wins(company, closeness, last, interests, status, ask):
    out = run([person(1, company=company, closeness=closeness, last_contacted=last, shared_interests=interests, status=status)])
    assert fields(out, 1).suggested_ask == ask


def test_a_not_contacted_row_with_no_ask_has_its_suggestion_fields_cleared():
    out = run([person(1, company="Acme", closeness="Cold", last_contacted=RECENT)])
    f = fields(out, 1)
    assert (f.suggested_ask, f.why, f.next_step, f.intro_path, f.intro_via, f.follow_up_on) == (None, "", "", "", (), None)
    assert (f.strength, f.stale) == (0, False)


def test_a_warm_pitch_names_the_person_and_colours_the_words_by_role():
    out = run([person(1, name="Ana Ruiz", company="Stripe", role="Recruiter", closeness="Warm", last_contacted=date(2026, 9, 3))])
    f = fields(out, 1)
    assert f.why == "Ana Ruiz is a warm contact and a recruiter at Stripe, one of your target companies, and you last spoke on 3 Sep 2026."
    assert f.next_step == "Message Ana Ruiz and ask them to put you forward for an interview at Stripe."


def test_a_stale_contact_at_a_target_is_asked_for_advice_then_pitched():
    out = run([person(1, name="Ana Ruiz", company="Stripe", closeness="Warm", last_contacted=date(2026, 3, 3))])
    f = fields(out, 1)
    assert f.why == "Ana Ruiz is a warm contact at Stripe, one of your target companies, but you last spoke on 3 Mar 2026, and after 90 days the connection has gone stale."
    assert f.next_step == "Ask Ana Ruiz for advice to catch up, then follow with a pitch for an interview at Stripe."


def test_a_cold_target_without_a_path_gets_a_cold_pitch():
    out = run([person(1, name="Bo Li", company="Figma", role="Engineer")])
    f = fields(out, 1)
    assert f.next_step == "Send Bo Li a short cold message and ask them to refer you for an interview at Figma."
    assert (f.intro_path, f.intro_via) == ("", ())


def test_an_intro_path_goes_through_the_lightest_first_hop():
    people = [
        person(1, name="Ana", closeness="Close", last_contacted=RECENT, knows=[3]),  # 1 + 3 = 4
        person(2, name="Al", closeness="Warm", last_contacted=RECENT, knows=[3]),  # 2 + 3 = 5
        person(3, name="Bo Li", company="Stripe"),
    ]
    f = fields(run(people), 3)
    assert (f.intro_path, f.intro_via, f.suggested_ask) == ("You → Ana → Bo Li", (pid(1),), "Pitch for interview")
    assert f.next_step == "Ask Ana to introduce you to Bo Li at Stripe (see Ana's row); once introduced, pitch yourself for an interview."
    assert f.why == "Bo Li works at Stripe, one of your target companies; they are not in your network yet (the Last contacted date is missing), but you can reach them through Ana."


def test_a_person_already_introduced_to_you_is_never_the_one_in_between():
    # Ana introduced you to Cal (Cal's row names her), who has not answered yet. Asking Ana to
    # introduce you to Cal would ask for an introduction that has been made (§4.3 v3): Bo, whom only
    # Cal knows, has no path until Cal answers. (Before the fix: "You → Ana → Cal → Bo".)
    people = [
        person(1, name="Ana", closeness="Close", last_contacted=RECENT),
        person(2, name="Cal", status="Reached out", last_contacted=RECENT, introduced_by=[1]),
        person(3, name="Bo", company="Stripe", knows=[2]),
    ]
    out = run(people)
    assert (fields(out, 3).intro_path, fields(out, 3).intro_via) == ("", ())
    assert decision(out, 1).targets == ()
    assert "Cal" not in fields(out, 1).next_step + fields(out, 1).draft


def test_once_they_answer_a_person_introduced_to_you_leads_on_to_the_people_they_know():
    # Kai introduced you to Rosa; Rosa replied, so she is a first hop of her own (her row's link
    # to Kai does not stop her being the way in to Gabriel).
    people = [
        person(1, name="Kai", closeness="Close", last_contacted=RECENT),
        person(2, name="Rosa", status="Replied", last_contacted=RECENT, introduced_by=[1], knows=[3]),
        person(3, name="Gabriel", company="Stripe"),
    ]
    assert fields(run(people), 3).intro_path == "You → Rosa → Gabriel"


def test_an_equally_short_path_through_someone_not_yet_introduced_is_taken_instead():
    # Ana knows Cal (introduced to you by Dee, no answer yet) and Eve; both know Bo. By names Cal's
    # path would win the tie; it is not one to ask for, so the path goes through Eve.
    people = [
        person(1, name="Ana", closeness="Close", last_contacted=RECENT, knows=[2, 5]),
        person(2, name="Cal", status="Reached out", last_contacted=RECENT, introduced_by=[4], knows=[9]),
        person(4, name="Dee", closeness="Cold"),
        person(5, name="Eve", knows=[9]),
        person(9, name="Bo", company="Stripe"),
    ]
    assert fields(run(people), 9).intro_path == "You → Ana → Eve → Bo"


def test_the_person_who_introduced_a_friend_to_you_is_never_asked_for_through_that_friend():
    # Sofia (an acquaintance) introduced Ines to you 200 days ago, and you have not spoken since:
    # she is stale. She knows Noor at Stripe; Ines, now a close friend, knows her. Through Ines
    # weighs 1 + 3 + 3 = 7, less than Sofia's doubled edge 8 + 3 = 11, but "Ines, would you
    # introduce me to Sofia?" asks for the introduction Sofia herself made: you warm Sofia up and
    # ask her. (Found walking the sample over four weeks.)
    people = [
        person(1, name="Ines", closeness="Close", last_contacted=RECENT, introduced_by=[2], knows=[2],
               status="Replied", created_on=STALE),
        person(2, name="Sofia", closeness="Acquaintance", last_contacted=STALE, knows=[9]),
        person(9, name="Noor", company="Stripe"),
    ]
    out = run(people)
    assert (fields(out, 9).intro_path, fields(out, 9).intro_via) == ("You → Sofia → Noor", (pid(2),))
    assert decision(out, 1).targets == ()
    assert "Sofia" not in fields(out, 1).draft


def test_a_stale_acquaintance_no_introduction_joins_to_you_may_still_be_the_one_in_between():
    # §4.3's lightest path, as the SPEC draws it: Sofia knows Noor, but you have not spoken for a
    # year, so her edge is 8; Ines, a close friend who knows her well, reintroduces you (1 + 3 + 3 = 7).
    people = [
        person(1, name="Ines", closeness="Close", last_contacted=RECENT, knows=[2]),
        person(2, name="Sofia", closeness="Acquaintance", last_contacted=STALE, knows=[9]),
        person(9, name="Noor", company="Stripe"),
    ]
    assert fields(run(people), 9).intro_path == "You → Ines → Sofia → Noor"


def test_a_path_of_four_edges_is_not_used():
    people = [
        person(1, name="A", closeness="Close", last_contacted=RECENT, knows=[2]),
        person(2, name="B", knows=[4]),
        person(4, name="C", knows=[9]),
        person(9, name="T", company="Stripe"),
    ]
    f = fields(run(people), 9)
    assert (f.intro_path, f.intro_via) == ("", ())
    assert f.next_step.startswith("Send T a short cold message")


def test_the_lightest_path_of_three_edges_wins_over_a_lighter_longer_one():
    people = [
        person(1, name="A", closeness="Close", last_contacted=RECENT, knows=[2]),  # You-A-B-C-T = 10, 4 edges
        person(2, name="B", knows=[3]),
        person(3, name="C", knows=[9]),
        person(5, name="D", closeness="Acquaintance", last_contacted=STALE, knows=[6]),  # 8 + 3 + 3 = 14
        person(6, name="E", knows=[9]),
        person(9, name="T", company="Stripe"),
    ]
    f = fields(run(people), 9)
    assert (f.intro_path, f.intro_via) == ("You → D → E → T", (pid(5),))
    assert f.next_step == "Warm up D first by asking for advice, then ask them to introduce you to E (see D's row), then ask E to introduce you to T at Stripe; once introduced, pitch yourself for an interview."


@pytest.mark.parametrize(
    ("hops", "via"),
    [
        # equal weight 7: X (Acquaintance 4 + 3) in 2 edges beats Y (Close 1 + 3 + 3) in 3 edges
        ([("X", "Acquaintance", RECENT, [9]), ("Y", "Close", RECENT, [8])], 1),
        # equal weight and edges: the higher Strength first hop, whatever its name
        ([("Amy", "Warm", TODAY - timedelta(days=60), [9]), ("Zoe", "Warm", RECENT, [9])], 2),
        # an empty Strength ranks lowest
        ([("Amy", "Close", None, [9]), ("Zed", "Close", TODAY - timedelta(days=180), [9])], 2),
        # equal Strength: the name
        ([("Bea", "Warm", RECENT, [9]), ("Amy", "Warm", RECENT, [9])], 2),
        # equal Strength and name: the page id
        ([("Sam", "Warm", RECENT, [9]), ("Sam", "Warm", RECENT, [9])], 1),
    ],
)
def test_equally_light_paths_are_broken_by_edges_strength_name_then_page_id(hops, via):
    people = [person(n, name=name, closeness=c, last_contacted=last, knows=k) for n, (name, c, last, k) in enumerate(hops, 1)]
    people += [person(8, name="M", knows=[9]), person(9, name="T", company="Stripe")]
    assert fields(run(people), 9).intro_via == (pid(via),)


def test_equal_paths_through_one_first_hop_are_broken_by_the_names_along_them():
    people = [
        person(1, name="A", closeness="Close", last_contacted=RECENT, knows=[2, 3]),
        person(2, name="Cy", knows=[9]),
        person(3, name="Bo", knows=[9]),
        person(9, name="T", company="Stripe"),
    ]
    assert fields(run(people), 9).intro_path == "You → A → Bo → T"


@pytest.mark.parametrize("blocker", [{"paused": True}, {"status": "Not interested"}])
def test_paused_and_not_interested_people_are_not_hops(blocker):
    people = [
        person(1, name="A", closeness="Close", last_contacted=RECENT, knows=[2]),
        person(2, name="B", knows=[9], **blocker),
        person(9, name="T", company="Stripe"),
    ]
    out = run(people)
    assert fields(out, 9).intro_path == ""
    assert decision(out, 1).targets == ()


@pytest.mark.parametrize(
    ("status", "sought"),
    # v3: someone who replied counts as an Acquaintance (the conversation counts, §4.2): in network,
    # so no longer a target while the reply is recent.
    [("", True), ("Not contacted", True), ("Reached out", True), ("Replied", False),
     ("Meeting scheduled", False), ("Interviewing", False), ("Referred", False), ("Not interested", False)],
)
def test_only_targets_not_contacted_reached_out_or_replied_are_sought_a_path(status, sought):
    people = [
        person(1, name="A", closeness="Close", last_contacted=RECENT, knows=[9]),
        person(9, name="T", company="Stripe", status=status, last_contacted=RECENT),
    ]
    out = run(people)
    assert (fields(out, 9).intro_via == (pid(1),)) is sought
    assert (decision(out, 1).targets == (pid(9),)) is sought


def test_paused_rows_are_in_the_outcome_with_no_action_and_a_paused_target_gets_no_path():
    people = [
        person(1, name="A", closeness="Close", last_contacted=RECENT, knows=[2]),
        person(2, name="T1", company="Stripe", paused=True),
    ]
    out = run(people)
    assert [r.person.page_id for r in out.rows] == [pid(1), pid(2)]
    assert decision(out, 2).action == Action.NONE and row_changed(out, 2) == ()
    assert decision(out, 1).targets == ()


def row_changed(out, n):
    return next(r.changed for r in out.rows if r.person.page_id == pid(n))


def test_a_stale_first_hop_is_asked_for_advice_and_the_target_says_warm_up_first():
    people = [
        person(1, name="Ana", closeness="Warm", last_contacted=date(2026, 3, 3), knows=[9]),
        person(9, name="Bo Li", company="Stripe"),
    ]
    out = run(people)
    assert fields(out, 1).suggested_ask == "Ask for advice"
    assert fields(out, 1).next_step == "Ask Ana for advice to catch up, then ask them to introduce you to Bo Li at Stripe."
    assert fields(out, 9).next_step == "Warm up Ana first by asking for advice, then ask them to introduce you to Bo Li at Stripe (see Ana's row); once introduced, pitch yourself for an interview."


def test_a_connector_names_three_targets_in_plan_order_then_the_rest_as_a_count():
    people = [person(1, name="Ana", closeness="Close", last_contacted=RECENT, knows=[10, 11, 12, 13, 14])]
    people += [person(n, name=name, company="Stripe") for n, name in zip(range(10, 15), ("Eve", "Dan", "Cat", "Bob", "Al"))]
    f = fields(run(people), 1)
    assert f.next_step == "Ask Ana to introduce you to Al at Stripe, Bob at Stripe, Cat at Stripe +2 more."
    assert f.why == "Ana is a close contact, and you last spoke on 16 Nov 2026; they can open the way to 5 people at your target companies."


def test_a_connector_past_not_contacted_still_names_its_targets():
    people = [
        person(1, name="Ana", closeness="Close", status="Replied", last_contacted=RECENT, knows=[9]),
        person(9, name="Bo", company="Stripe"),
    ]
    assert fields(run(people), 1).next_step == "Reply to Ana and ask for 3 introductions, starting with Bo at Stripe."


def test_a_warm_contact_at_a_target_who_is_also_a_connector_is_pitched_then_asked_for_intros():
    people = [person(1, name="Ana", company="Figma", closeness="Close", last_contacted=RECENT, knows=[9]), person(9, name="Bo", company="Stripe")]
    assert fields(run(people), 1).next_step == (
        "Message Ana and pitch yourself for an interview at Figma; once they answer, ask them to introduce you to Bo at Stripe.")


@pytest.mark.parametrize(
    ("company", "key"),
    [
        ("Stripe", "stripe"), ("  stripe  ", "stripe"), ("Stripe, Inc.", "stripe"), ("STRIPE INC", "stripe"),
        ("Meta Platforms, Inc.", "meta platforms"), ("Acme Co., Ltd.", "acme"), ("Société Générale S.A.", "societe generale"),
        ("Booking.com", "bookingcom"), ("O'Reilly Media", "oreilly media"), ("Co", "co"), ("Figma   GmbH", "figma"),
    ],
)
def test_a_company_name_is_compared_without_case_spaces_punctuation_accents_or_a_legal_suffix(company, key):
    assert company_key(company) == key


@pytest.mark.parametrize(
    ("company", "target"),
    [
        ("Stripe, Inc.", "Stripe"), ("stripe llc", "Stripe"), ("Facebook", "Meta"), ("Meta Platforms Inc", "Meta"),
        ("meta", "Meta"), ("Metabase", ""), ("Stripe Press", ""), ("Strip", ""), ("", ""),
    ],
)
def test_a_company_matches_a_target_or_its_aliases_exactly_after_normalising_never_by_substring(company, target):
    targets = TargetCompanies(("Stripe", "Meta"), {"Meta": ("Facebook", "Meta Platforms")})
    assert targets.match(company) == target


def test_aliases_of_a_company_not_in_the_target_list_match_nothing():
    assert TargetCompanies(("Stripe",), {"Meta": ("Facebook",)}).match("Facebook") == ""


def test_a_row_at_an_alias_of_a_target_is_at_that_target_and_says_its_listed_name():
    rules = RuleBook(target_companies=("Meta",), target_aliases={"Meta": ("Facebook",)})
    out = run([person(1, name="Ana", company="Facebook", closeness="Warm", last_contacted=RECENT)], rules=rules)
    assert (fields(out, 1).suggested_ask, decision(out, 1).target_company) == ("Pitch for interview", "Meta")
    assert "at Facebook, one of your target companies" in fields(out, 1).why


def test_a_connector_names_the_person_in_between_when_a_target_is_two_introductions_away():
    people = [
        person(1, name="Priya", closeness="Warm", last_contacted=RECENT, knows=[2]),
        person(2, name="Tom", knows=[9]),
        person(9, name="Lena", company="Stripe"),
    ]
    assert fields(run(people), 1).next_step == "Ask Priya to introduce you to Lena at Stripe (through Tom)."
