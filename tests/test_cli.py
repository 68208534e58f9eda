"""The command line: exit codes, messages, every problem listed, no tracebacks for data errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import contract_responses, write_survey_folder

from kalliola_analysis import cli


@pytest.fixture
def good(tmp_path) -> Path:
    return write_survey_folder(tmp_path / "raw" / "pulse")


@pytest.fixture
def bad(tmp_path) -> Path:
    r = contract_responses()
    r["q1"] = [1, 7, "4,1x", None]
    r["enps"] = [10, 0, 11, 9]
    return write_survey_folder(tmp_path / "raw" / "feedback" / "huono", r, kind="feedback")


def test_validate_ok(good, capsys):
    assert cli.main(["validate", str(good)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == f"OK: {good} (4 responses, periods 2023-11)"


def test_validate_lists_every_problem(bad, capsys):
    assert cli.main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"FAIL: {bad} (3 problems)" in err
    f = bad / "responses.csv"
    assert f"{f}, column 'q1', row 3: answer 7 is outside the scale 1-5" in err
    assert f"{f}, column 'q1', row 4: '4,1x' is not an answer" in err
    assert f"{f}, column 'enps', row 4: answer 11 is outside the scale 0-10" in err
    assert "Traceback" not in err


def test_validate_a_root_checks_everything(good, bad, capsys):
    root = good.parent
    assert cli.main(["validate", str(root)]) == 1
    captured = capsys.readouterr()
    assert f"OK: {good}" in captured.out
    assert f"FAIL: {bad}" in captured.err


def test_validate_file_and_missing_paths(good, tmp_path, capsys):
    assert cli.main(["validate", str(good / "responses.csv")]) == 0
    assert cli.main(["validate", str(tmp_path / "ei-ole")]) == 1
    (tmp_path / "tyhja").mkdir()
    assert cli.main(["validate", str(tmp_path / "tyhja")]) == 1
    err = capsys.readouterr().err
    assert "no such file or folder" in err and "no data sets found" in err


def test_prepare_prints_what_it_wrote(good, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KALLIOLA_SALT", "testi")
    out = tmp_path / "processed"
    assert cli.main(["prepare", "--raw", str(good.parent), "--processed", str(out)]) == 0
    text = capsys.readouterr().out
    assert f"wrote {out / 'pulse'} (pulse: 4 rows, periods 2023-11)" in text
    assert "pulse: 1 data set(s), 4 rows, periods 2023-11" in text
    assert (out / "pulse" / "responses.parquet").is_file()


def test_prepare_data_error_exits_1_without_traceback(bad, tmp_path, capsys):
    code = cli.main(["prepare", "--raw", str(bad.parent), "--processed", str(tmp_path / "p")])
    assert code == 1
    err = capsys.readouterr().err
    assert "kalliola-analysis: error:" in err and "responses.csv" in err
    assert "Traceback" not in err


def test_summary(good, capsys):
    assert cli.main(["summary", str(good), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "4 responses, 5 questions" in out
    assert "Hallinto" in out and "2023-11" in out
    assert "q1 (likert 1-5): I enjoy my work" in out


def test_usage_errors_exit_2(capsys, tmp_path):
    assert cli.main([]) == 2
    assert cli.main(["frobnicate"]) == 2
    assert cli.main(["summary"]) == 2
    (tmp_path / "r.csv").write_text("a\n1\n")
    assert cli.main(["summary", str(tmp_path / "r.csv")]) == 2  # no codebook: a usage error
    assert "codebook is required" in capsys.readouterr().err
    assert cli.main(["--help"]) == 0


def test_unexpected_errors_keep_their_traceback(good, monkeypatch):
    def boom(path):
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "read_survey", boom)
    with pytest.raises(RuntimeError, match="a bug"):
        cli.main(["summary", str(good)])


def test_report_command_comes_from_reports_cli(monkeypatch, capsys):
    """``report`` is the command kalliola_analysis.reports.cli registers (no import by name)."""

    def register_report_command(subparsers):
        p = subparsers.add_parser("report")
        p.add_argument("what")
        p.set_defaults(func=lambda args: 7 if args.what == "all" else 0)
        return p

    monkeypatch.setattr(cli, "register_report_command", register_report_command)
    assert cli.main(["report", "all"]) == 7
    assert "report" in cli.build_parser().format_help()


def test_console_script_and_module(good):
    script = Path(sys.executable).with_name("kalliola-analysis")
    assert script.exists(), "the console script is installed with the package"
    done = subprocess.run(
        [str(script), "validate", str(good)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: ")
    done = subprocess.run(
        [sys.executable, "-m", "kalliola_analysis", "validate", str(good / "nope")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr


def test_validate_and_summary_on_the_demo_surveys(capsys):
    import kalliola_analysis as ka

    pulse = ka.demo_path("pulse")
    feedback = ka.demo_path("feedback")
    assert cli.main(["validate", str(pulse), str(feedback)]) == 0
    out = capsys.readouterr().out
    assert f"OK: {pulse} (195 responses, periods 2022-10, 2023-05, 2023-11)" in out
    assert out.count("OK: ") == 1 + len(list(feedback.glob("*/dataset.toml")))
