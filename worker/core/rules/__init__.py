"""The pure rules core: rows + rule numbers + today → the worker fields (SPEC §2, §4).

No I/O and no clock here: `today` is passed in, so the same inputs always give the same outcome.
"""

from .outcome import compute_outcome

__all__ = ["compute_outcome"]
