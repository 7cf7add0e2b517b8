"""`outreach-worker sync --csv`: offline on a Notion CSV export, the same rules, never over the input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "outreach-list.csv"
SAMPLE_CONFIG = REPO / "examples" / "outreach.toml"


def test_the_readme_main_command_runs_on_the_sample_and_writes_nothing(offline):
    before = sorted(p.name for p in SAMPLE.parent.iterdir())
    code, out, err = offline("--config", str(SAMPLE_CONFIG), "sync", "--csv", str(SAMPLE),
                             "--today", "2026-11-26", "--dry-run")
    assert code == 0, err
    assert out.startswith("Would update ")
    assert "65 rows read" in err
    assert "API requests" not in err  # an offline run asks Notion nothing; its summary does not count it
    assert "To do on Thu 26 Nov 2026" in err
    assert "Noah Friedman" in err and "Best friend" in err  # the sample's two planted bad rows
    assert "Hugo Laurent" in err and "\"Harriet Vance\"" in err  # named, not a bare page id
    assert sorted(p.name for p in SAMPLE.parent.iterdir()) == before


def test_the_sample_gives_the_same_answers_on_any_day(offline, tmp_path):
    args = ("--config", str(SAMPLE_CONFIG), "sync", "--csv", str(SAMPLE), "--today", "2026-11-26")
    offline(*args, "--out", str(tmp_path / "a.csv"))
    offline(*args, "--out", str(tmp_path / "b.csv"))
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_without_out_the_result_lands_beside_the_export(offline, tmp_path):
    export = tmp_path / "Outreach List.csv"
    shutil.copy(SAMPLE, export)
    original = export.read_bytes()
    code, _, err = offline("--config", str(SAMPLE_CONFIG), "sync", "--csv", str(export), "--today", "2026-11-26")
    assert code == 0, err
    written = tmp_path / "Outreach List with suggestions.csv"
    assert written.exists()
    assert export.read_bytes() == original
    header = written.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.endswith(
        "Suggested ask,Why,Next step,Draft,Intro path,Mail link,Intro via,Follow up on,Stale,Strength,Intros made,Worker state"
    )


def test_a_second_run_on_the_merged_result_changes_nothing(offline, tmp_path):
    first = tmp_path / "first.csv"
    offline("--config", str(SAMPLE_CONFIG), "sync", "--csv", str(SAMPLE), "--today", "2026-11-26", "--out", str(first))
    code, out, _ = offline("--config", str(SAMPLE_CONFIG), "sync", "--csv", str(first), "--today", "2026-11-26",
                           "--json", "--dry-run")
    assert code == 0
    assert json.loads(out)["rows_changed"] == 0


def test_the_worker_never_writes_over_the_export(offline, tmp_path):
    export = tmp_path / "list.csv"
    shutil.copy(SAMPLE, export)
    original = export.read_bytes()
    code, _, err = offline("sync", "--csv", str(export), "--out", str(export))
    assert code == 2
    assert "error:" in err
    assert export.read_bytes() == original


def test_a_missing_export_exits_2_with_the_fix(offline, tmp_path):
    code, _, err = offline("sync", "--csv", str(tmp_path / "nope.csv"))
    assert code == 2
    assert "does not exist" in err and "Export your Outreach List" in err


def test_out_without_csv_is_a_usage_error(offline, tmp_path):
    code, _, err = offline("sync", "--out", str(tmp_path / "x.csv"))
    assert code == 2
    assert "--out only goes with --csv" in err


def test_the_json_report_of_an_offline_run_counts_rows(offline, tmp_path):
    code, out, _ = offline("--config", str(SAMPLE_CONFIG), "sync", "--csv", str(SAMPLE), "--today", "2026-11-26",
                           "--json", "--out", str(tmp_path / "o.csv"))
    report = json.loads(out)
    assert code == 0
    assert (report["rows_read"], report["api_requests"], report["failures"]) == (65, 0, [])
    assert report["output"] == str(tmp_path / "o.csv")
