"""The README documents every draft template and every placeholder, and shows drafts as the worker writes them."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

from worker.core.configuration import DEFAULT_DRAFTS, Me, PropertyNames, RuleBook
from worker.core.drafts.values import PLACEHOLDERS
from worker.files.export import fetch_people_from_csv
from worker.core.rules import compute_outcome

ROOT = Path(__file__).resolve().parents[3]
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = ROOT / "examples"


def test_every_placeholder_is_listed_in_the_readme():
    missing = [name for name in PLACEHOLDERS if f"| `{{{name}}}` |" not in README]
    assert missing == []


def test_every_template_is_listed_in_the_readme():
    missing = [kind for kind in DEFAULT_DRAFTS if f"| `{kind}` |" not in README]
    assert missing == []


def test_the_three_example_drafts_are_what_sync_writes_for_the_bundled_sample():
    examples = README.split("## Drafts: the message for each next step")[1].split("### Write your own templates")[0]
    shown = re.findall(r"```text\n(.*?)\n```", examples, re.DOTALL)
    config = tomllib.loads((EXAMPLES / "outreach.toml").read_text(encoding="utf-8"))
    rules = RuleBook(target_companies=tuple(config["target_companies"]))
    people, _ = fetch_people_from_csv(EXAMPLES / "outreach-list.csv", PropertyNames())
    outcome = compute_outcome(people, rules, date(2026, 11, 26), me=Me(**config["me"]))
    drafts = {row.person.name: row.fields.draft for row in outcome.rows}
    assert shown == [drafts["Maya Patel"], drafts["Ethan Brooks"], drafts["Rachel Kim"]]
