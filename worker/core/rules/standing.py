"""Strength and staleness from the two-way date, and the edge from You (SPEC §4, §4.2)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from worker.core.configuration import ClosenessRule, RuleBook
from worker.core.models import Status

_EPSILON = 1e-9  # float noise: 17.4999999 must still round half up to 20
_OUT_OF_NETWORK = ClosenessRule(base_strength=0)


@dataclass(frozen=True, slots=True)
class Standing:
    """How close a person is today."""

    strength: int | None  # 0..100 in steps; None when the two-way date is unknown
    stale: bool
    in_network: bool
    edge: float | None  # the length of the edge from You; None out of network


def strength_order(strength: int | None) -> int:
    """A sort key for "Strength high to low, empty lowest" (SPEC §4.3, §4.4)."""
    return 1 if strength is None else -strength  # Strength is 0..100, so an empty one sorts last


def round_half_up(value: float, step: int) -> int:
    """`value` rounded half up to the nearest multiple of `step`."""
    return int(math.floor(value / step + 0.5 + _EPSILON)) * step


def assess_standing(closeness: str, status: str, contact: date | None, rules: RuleBook, today: date) -> Standing:
    """Strength = base × 0.5^(days / half life), Stale after the Closeness's days; both from `contact`."""
    rule = rules.closeness.get(closeness, _OUT_OF_NETWORK)
    days = None if contact is None else max(0, (today - contact).days)
    strength = None
    if days is not None:
        strength = round_half_up(rule.base_strength * 0.5 ** (days / rules.half_life_days), rules.strength_step)
    in_network = rule.edge_length is not None
    stale = in_network and days is not None and rule.stale_after_days is not None and days > rule.stale_after_days
    edge = None
    if rule.edge_length is not None:
        edge = rule.edge_length * (rules.stale_edge_factor if stale else 1)
    if status == Status.NOT_INTERESTED:
        stale = False  # nothing to catch up on with someone who said no
    return Standing(strength, stale, in_network, edge)
