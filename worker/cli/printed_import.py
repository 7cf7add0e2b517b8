"""What a person reads after an import: who is (or would be) added on stdout, the summary on stderr."""

from __future__ import annotations

import sys

from worker.core.today.warnings import describe_warning
from worker.files.linkedin.new_rows import Match, NewRow
from worker.runs.importing.report import ImportReport


def listing(report: ImportReport) -> None:
    """The people added (or, in a dry run, to add) and the ones already in the list, on stdout."""
    if report.dry_run:
        print(f"Would add {len(report.planned)} of {report.connections_read} connections "
              f"as {report.closeness}:")
        for row in report.planned:
            print(f"+ {_described(row)}")
    else:
        print(f"Added {len(report.created)} of {report.connections_read} connections as {report.closeness}:")
        for created in report.created:
            where = f" <{created.page_url}>" if created.page_url else ""
            print(f"+ {_described(created.row)}{where}")
    if report.matches:
        print(f"Already in the list ({len(report.matches)}, left as they are):")
        for match in report.matches:
            print(f"= {_matched(match)}")


def summary(report: ImportReport) -> None:
    """Counts, failures and warnings on stderr."""
    made = "nothing created (dry run)" if report.dry_run else f"{len(report.created)} created"
    print(
        f"{report.connections_read} connections read, {len(report.matches)} already in the list, {made}, "
        f"{len(report.failures)} failed, {len(report.warnings)} warnings "
        f"({report.api_requests} API requests, {report.retries} retries, {report.seconds:.1f} s).",
        file=sys.stderr,
    )
    failures(report)
    for warning in report.warnings:
        who = f"{warning.name}: " if warning.name else ""
        print(f"  warning: {who}{describe_warning(warning)}", file=sys.stderr)
    if report.failures:
        print("Run the same import again to add the ones that failed: it adds only who is missing.", file=sys.stderr)


def failures(report: ImportReport) -> None:
    """The people who could not be added, on stderr (shown even with -q: they are errors)."""
    for failure in report.failures:
        print(f"  failed: {failure.name}: {failure.reason}", file=sys.stderr)


def _described(row: NewRow) -> str:
    values = row.values
    parts = [str(values["name"])]
    if values.get("company"):
        parts.append(str(values["company"]))
    return f"{', '.join(parts)} ({values['role']})"


def _matched(match: Match) -> str:
    return f"{match.connection.name} (line {match.connection.line}): matches {match.where} by {match.by}"
