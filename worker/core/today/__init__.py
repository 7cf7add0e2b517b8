"""Today (SPEC §7), pure: the ranked to-do, the Today page's figures, and the page as markdown.

No I/O and no clock: the outcome, the people and `today` come in; values and text go out.
"""
