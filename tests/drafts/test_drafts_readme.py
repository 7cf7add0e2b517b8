"""The README documents every draft template and every placeholder a template may use."""

from __future__ import annotations

from pathlib import Path

from worker.configuration import DEFAULT_DRAFTS
from worker.drafts.values import PLACEHOLDERS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_placeholder_is_listed_in_the_readme():
    missing = [name for name in PLACEHOLDERS if f"| `{{{name}}}` |" not in README]
    assert missing == []


def test_every_template_is_listed_in_the_readme():
    missing = [kind for kind in DEFAULT_DRAFTS if f"| `{kind}` |" not in README]
    assert missing == []
