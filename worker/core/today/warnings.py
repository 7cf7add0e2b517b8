"""A warning in words: on the Today page, on the terminal, and in --json's "message".

Below the faces a warning is a code and its facts (core/models.RowWarning); this is the one place
that says what each means. A link to a page outside the list is named by its title when the run
learnt it (`link_labels`), else by its id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from worker.core.codes import WarningCode
from worker.core.models import RowWarning

_WORDS: dict[WarningCode, Callable[[RowWarning, str], str]] = {
    WarningCode.UNKNOWN_CLOSENESS: lambda w, _: f"Closeness {w.fact('value')!r} is not a known option; counted as Cold",
    WarningCode.UNKNOWN_STATUS: lambda w, _: (
        f"Status {w.fact('value')!r} is not a known option; counted as Not contacted"),
    WarningCode.NO_NAME: lambda w, _: "Name is empty",
    WarningCode.NAMESAKE: lambda w, _: (
        f"another row has the same Name {w.fact('name')!r}; the worker calls this one {w.fact('label')}"),
    WarningCode.LINKS_ITSELF: lambda w, _: f"{w.fact('column')} links the row to itself; that link is ignored",
    WarningCode.LINKS_OUTSIDE: lambda w, linked: (
        f"{w.fact('column')} links to a page that is not in the list ({linked}); that link is ignored"),
    WarningCode.INTRO_LOOP: lambda w, _: (
        f"Introduced by goes round in a circle ({w.fact('names')}); harmless, but worth checking"),
    WarningCode.UNREADABLE_STATE: lambda w, _: (
        "Worker state is not text the worker wrote, so the values in the worker's columns count as yours until "
        "one of this row's own values changes; clear those columns to have the worker fill them again"),
    WarningCode.ROW_GONE: lambda w, _: (
        "was deleted or moved to the trash while the worker read it; it is left alone this run"),
    WarningCode.TRASHED: lambda w, _: (
        "was moved to the trash; the worker dropped it (the next full sync leaves it out)"),
    WarningCode.NO_TARGETS: lambda w, _: (
        'No target companies are set, so no one gets "Pitch for interview". Set OUTREACH_TARGET_COMPANIES '
        f"(e.g. OUTREACH_TARGET_COMPANIES=Stripe, Figma in .env) or target_companies in {w.fact('config_file')}."),
    WarningCode.CSV_CELL: lambda w, _: f"CSV row {w.fact('line')}: {w.fact('problem')}",
    WarningCode.IMPORT_LINE: lambda w, _: w.fact("problem"),
}


def describe_warning(warning: RowWarning, link_labels: Mapping[str, str] | None = None) -> str:
    """The warning in one sentence, the linked page named ("Dana Fox") when a name is known, else its id."""
    label = (link_labels or {}).get(warning.linked) if warning.linked else None
    linked = f'"{label}"' if label else warning.linked
    return _WORDS[warning.code](warning, linked)

