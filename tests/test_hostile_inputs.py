"""Hostile and broken inputs (issue 14): each never reaches a user as harm or silent loss.

Each test covers one point of the issue and failed on the code before the fix. The inputs are
built here or kept in ``tests/hostile/`` (see its README).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import contract_responses, make_codebook, write_csv, write_survey_folder
from hypothesis import given
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis import cli, errors, prepare
from kalliola_analysis.io import atomic as _atomic
from kalliola_analysis.io import pseudonyms, staging, writing
from kalliola_analysis.io.numbers import parse_number
from kalliola_analysis.io.pseudonyms import REDACTED, identifier_columns, redact_text

HOSTILE = Path(__file__).parent / "hostile"


def _tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(autouse=True)
def _salt(monkeypatch):
    monkeypatch.setenv("KALLIOLA_SALT", "hostile")


# --------------------------------------------------------------------------- 1. formulas


def test_xlsx_formula_without_saved_value_is_named_not_missing(tmp_path):
    src = HOSTILE / "formula_without_value.xlsx"
    with pytest.raises(errors.ValidationError) as info:
        ka.read_table(src)
    problems = info.value.problems
    assert [(p.file, p.column, p.row) for p in problems] == [
        (str(src), "q1", 3),
        (str(src), "q2", 4),
    ]
    assert "cell D3" in problems[0].message and "'=2+3'" in problems[0].message
    assert "cell E4" in problems[1].message


def test_validate_names_formula_cells(tmp_path, capsys):
    folder = write_survey_folder(tmp_path / "pulse")
    (folder / "responses.csv").unlink()
    shutil.copy(HOSTILE / "formula_without_value.xlsx", folder / "responses.xlsx")
    assert cli.main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "column 'q1', row 3: cell D3 holds the formula '=2+3' without a saved value" in err


# --------------------------------------------------------------------------- 2. long text


def test_cell_over_excels_limit_is_refused_with_file_column_row(tmp_path):
    r = contract_responses()
    r.loc[2, "comment"] = "x" * 32_768
    folder = write_survey_folder(tmp_path / "pulse", r)
    with pytest.raises(errors.InvalidValueError) as info:
        ka.read_survey(folder)
    e = info.value
    assert (e.file, e.column, e.row) == (str(folder / "responses.csv"), "comment", 4)
    assert "32,768 characters" in e.message and "32,767" in e.message
    r.loc[2, "comment"] = "x" * 32_767  # Excel's limit itself is fine
    write_survey_folder(folder, r)
    assert ka.read_survey(folder).responses["comment"].str.len().max() == 32_767


@given(st.text(alphabet="ab.+-@ _,x1é", max_size=60))
def test_email_scan_finds_what_the_regex_finds(text):
    # The linear scan replaces the quadratic regex; on texts without digits (no phone
    # numbers or identity codes) it must redact exactly the same spans.
    text = text.replace("1", "")
    assert redact_text(text) == pseudonyms._EMAIL.sub(REDACTED, text)


def test_adjacent_addresses_are_all_redacted():
    assert redact_text("john@example.fi+jane@example.fi") == f"{REDACTED}{REDACTED}"
    long_run = "a" * 10_000 + " maija@example.fi"
    assert redact_text(long_run) == "a" * 10_000 + f" {REDACTED}"
    assert redact_text("x" * 70 + "@example.fi") == "x" * 6 + REDACTED  # local part <= 64


# --------------------------------------------------------------------------- 3. atomic data set


@pytest.fixture
def raw(tmp_path) -> Path:
    write_survey_folder(tmp_path / "raw" / "pulse")
    return tmp_path / "raw"


def test_interrupted_prepare_leaves_the_previous_data_set_whole(raw, tmp_path, monkeypatch):
    out = tmp_path / "processed"
    ka.prepare_all(raw, out)
    before = _tree(out)
    r = contract_responses()
    r["q1"] = [2, 2, 2, 2]
    write_survey_folder(raw / "pulse", r)
    real = writing.write_parquet
    calls = []

    def dies_on_second(frame, path):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt  # killed between two files
        return real(frame, path)

    monkeypatch.setattr(writing, "write_parquet", dies_on_second)
    with pytest.raises(KeyboardInterrupt):
        ka.prepare_all(raw, out)
    assert _tree(out) == before  # the old data set, whole: no new file beside an old manifest
    assert [p.name for p in out.iterdir() if p.name.startswith(".pulse")] == []  # cleaned up
    monkeypatch.setattr(writing, "write_parquet", real)
    ka.prepare_all(raw, out)
    assert ka.read_survey(out / "pulse").responses["q1"].tolist() == [2, 2, 2, 2]


def test_a_swap_killed_between_renames_is_restored(raw, tmp_path):
    out = tmp_path / "processed"
    ka.prepare_all(raw, out)
    keep = out / ".pulse.old-x"
    keep.mkdir()
    os.replace(out / "pulse", keep / "pulse")  # what a kill between the two renames leaves
    with pytest.raises(errors.FileFormatError, match="no such file or folder"):
        ka.read_survey(out / "pulse")
    ka.prepare_all(raw, out)
    assert ka.read_survey(out / "pulse").periods == ["2023-11"]
    assert [p.name for p in out.iterdir() if p.name.startswith(".pulse")] == []


def test_the_swap_is_one_atomic_exchange_where_the_system_has_one(raw, tmp_path, monkeypatch):
    """Linux: renameat2(RENAME_EXCHANGE) swaps old and new data set in one step, so the
    data set's folder never goes missing; the fallback of two renames is never taken."""
    probe = tmp_path / "probe"
    (probe / "a").mkdir(parents=True)
    (probe / "b").mkdir()
    if not _atomic.exchange_paths(probe / "a", probe / "b"):
        pytest.skip("this system has no atomic exchange of two paths")
    out = tmp_path / "processed"
    ka.prepare_all(raw, out)
    renames = []
    real_replace = os.replace

    def watch(src, dst, *a, **k):
        if Path(dst).name == "pulse" or Path(src).name == "pulse":
            renames.append((src, dst))
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(staging.os, "replace", watch)
    r = contract_responses()
    r["q1"] = [3, 3, 3, 3]
    write_survey_folder(raw / "pulse", r)
    ka.prepare_all(raw, out)
    assert renames == []  # no rename of the data set folder: one exchange did it
    assert ka.read_survey(out / "pulse").responses["q1"].tolist() == [3, 3, 3, 3]
    assert [p.name for p in out.iterdir() if p.name.startswith(".pulse")] == []


def test_manifest_records_every_file_and_reading_checks_them(raw, tmp_path):
    out = tmp_path / "processed"
    ka.prepare_all(raw, out)
    folder = out / "pulse"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["prepared_by"] == "kalliola_analysis.prepare"
    assert manifest["files"] == {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.name != "manifest.json"
    }
    ka.read_survey(folder)
    good = (folder / "responses.parquet").read_bytes()
    (folder / "responses.parquet").write_bytes(good[:-1] + bytes([good[-1] ^ 1]))
    with pytest.raises(errors.FileFormatError) as info:
        ka.read_survey(folder)
    assert info.value.file == str(folder / "responses.parquet")
    assert "SHA-256" in info.value.message
    (folder / "responses.parquet").write_bytes(good)
    (folder / "invitations.parquet").unlink()
    with pytest.raises(errors.FileFormatError, match="missing") as info:
        ka.read_survey(folder)
    assert info.value.file == str(folder / "invitations.parquet")


def test_processed_tables_of_other_kinds_are_checked(tmp_path):
    out = tmp_path / "processed"
    ka.prepare_all(ka.demo_path("indicators").parent, out, salt="s")
    ka.read_indicators(out / "indicators")
    (out / "indicators" / "indicators.parquet").write_bytes(b"PAR1 not the file prepare wrote")
    with pytest.raises(errors.FileFormatError, match="SHA-256"):
        ka.read_indicators(out / "indicators")


# --------------------------------------------------------------------------- 4. overlap


def test_prepare_refuses_processed_folders_overlapping_raw(raw, tmp_path):
    before = _tree(raw)
    for target in (raw, raw / "pulse", raw / "processed", tmp_path):  # equal, inside, contains
        with pytest.raises(errors.ParameterError, match="raw"):
            ka.prepare_all(raw, target)
    for target in (raw / "pulse", raw / "pulse" / "processed", raw, tmp_path):
        with pytest.raises(errors.ParameterError, match="raw"):
            prepare.prepare_dataset(raw / "pulse", target)
    assert _tree(raw) == before


def test_prepare_refuses_another_raw_data_set(raw, tmp_path):
    write_survey_folder(raw / "feedback", kind="feedback")
    before = _tree(raw)
    with pytest.raises(errors.ParameterError, match="did not write") as info:
        prepare.prepare_dataset(raw / "feedback", raw / "pulse")
    assert "responses.csv" in str(info.value)
    other = tmp_path / "other-raw"
    write_survey_folder(other / "pulse")
    with pytest.raises(errors.ParameterError, match="did not write"):
        ka.prepare_all(raw, other)
    assert _tree(raw) == before and (other / "pulse" / "responses.csv").is_file()


def test_prepare_refuses_foreign_files_but_replaces_its_own(raw, tmp_path):
    out = tmp_path / "processed"
    ka.prepare_all(raw, out)
    ka.prepare_all(raw, out)  # its own output: replaced
    (out / "pulse" / "muistiinpanot.txt").write_text("HR:n omat", encoding="utf-8")
    with pytest.raises(errors.ParameterError, match="muistiinpanot.txt"):
        ka.prepare_all(raw, out)
    assert (out / "pulse" / "muistiinpanot.txt").read_text(encoding="utf-8") == "HR:n omat"


# --------------------------------------------------------------------------- 5. one writer


def test_html_export_and_prepare_use_the_one_fsyncing_writer(tmp_path, monkeypatch):
    from kalliola_analysis.reports import export, provenance

    synced = []
    real = os.fsync
    monkeypatch.setattr(_atomic.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    path = export.write_html("<p>hei</p>", tmp_path / "r" / "pulse.html")
    assert path.read_text(encoding="utf-8") == "<p>hei</p>"
    assert len(synced) >= 1  # the file (and its folder) reached the disk
    assert [p.name for p in path.parent.iterdir()] == ["pulse.html"]
    assert stat_mode(path) == 0o666 & ~_umask()
    assert provenance.file_sha256 is _atomic.file_sha256  # one SHA-256 helper
    assert writing.atomic_write is _atomic.atomic_write


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --------------------------------------------------------------------------- 6. unknown columns


def test_validate_names_columns_kept_as_background(tmp_path, capsys):
    r = contract_responses()
    r["palkka"] = [3, 4, 2, 5]  # a question forgotten from the codebook
    folder = write_survey_folder(tmp_path / "pulse", r)
    assert ka.read_survey(folder).unlisted_columns == ["palkka"]
    assert ka.read_survey(folder, background=["palkka"]).unlisted_columns == []
    assert cli.main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "warning: column 'palkka' matches no question of the codebook" in out


# --------------------------------------------------------------------------- 7. numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 493", 1493.0),
        ("1\u00a0234,5", 1234.5),
        ("1\u202f234,5", 1234.5),
        ("1 234,5", 1234.5),
        ("1.234,5", 1234.5),
        ("4,5", 4.5),
        ("4.5", 4.5),
        ("\u22123,5", -3.5),
        ("1 234.5", 1234.5),
    ],
)
def test_one_number_parser(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("garbage", ["4,5,6", "12 34", "1,234.5", "abc", "inf", "NaN", "1.2.3"])
def test_number_garbage_is_an_error(garbage):
    with pytest.raises(errors.InvalidValueError, match="is not a number"):
        parse_number(garbage, file="f.csv", column="value", row=2)


def test_materiality_and_indicators_read_numbers_alike(tmp_path):
    mat = tmp_path / "materiality"
    shutil.copytree(ka.demo_path("materiality"), mat)
    topics = ka.read_table(mat / "topics.csv", numbers=False)
    forms = ["1 493", "1\u00a0234,5", "1.234,5", "4,5", "4.5", "1\u202f000"]
    topics["impact"] = (forms * len(topics))[: len(topics)]
    write_csv(topics, mat / "topics.csv")
    got = ka.read_materiality(mat).topics["impact"].tolist()
    expected = ([1493.0, 1234.5, 1234.5, 4.5, 4.5, 1000.0] * len(topics))[: len(topics)]
    assert got == expected

    ind = tmp_path / "indicators"
    shutil.copytree(ka.demo_path("indicators"), ind)
    values = ka.read_table(ind / "values.csv", numbers=False, text_columns=["id", "period"])
    values.loc[values.index[:6], "value"] = forms
    write_csv(values, ind / "values.csv")
    table = ka.read_indicators(ind)
    assert table["value"].notna().any()
    raw = pd.read_csv(ind / "values.csv", sep=";", dtype=str, encoding="utf-8-sig")
    values.loc[values.index[2], "value"] = "1.234,5x"
    write_csv(values, ind / "values.csv")
    with pytest.raises(errors.InvalidValueError) as info:
        ka.read_indicators(ind)
    assert (info.value.column, info.value.row) == ("value", 4)
    assert raw["value"].iloc[0] == "1 493"


def test_survey_csv_reads_grouped_numbers_and_invited(tmp_path):
    r = contract_responses()
    r["palkka_eur"] = ["3\u00a0200,50", "2 950", "4\u202f100", "3 000,5"]
    inv = pd.DataFrame(
        {
            "period": ["2023-11", "2023-11"],
            "unit": ["Hallinto", "Klinikka"],
            "invited": ["1 493", "4"],
        }
    )
    folder = write_survey_folder(tmp_path / "pulse", r, invitations=inv)
    s = ka.read_survey(folder, background=["palkka_eur"])
    assert s.responses["palkka_eur"].tolist() == [3200.5, 2950.0, 4100.0, 3000.5]
    assert s.invitations["invited"].tolist() == [1493, 4]


# --------------------------------------------------------------------------- 8. identity codes


def test_identity_code_columns_dropped_only_when_the_checksum_passes():
    r = pd.DataFrame(
        {
            "response_id": ["a", "b"],
            "tuote": ["131052-308U", "241299-111A"],  # look-alikes: wrong check character
            "tunnus": ["131052-308T", None],  # a real identity code
            "q1": [3, 4],
        }
    )
    assert identifier_columns(r, ["q1"]) == ["tunnus"]
    assert redact_text("koodi 131052-308U") == f"koodi {REDACTED}"  # free text: still redacted


# --------------------------------------------------------------------------- 9. smaller


def test_infinite_answers_give_the_clear_error_without_a_numpy_warning():
    r = contract_responses()
    r["q1"] = [1.0, np.inf, 3.0, -np.inf]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(errors.ValidationError) as info:
            ka.Survey(r, make_codebook())
    assert [(p.column, p.row) for p in info.value.problems] == [("q1", 3), ("q1", 5)]
    assert "answer inf is not a finite number" in info.value.problems[0].message


def test_header_and_row_problems_are_listed_together(tmp_path, capsys):
    r = contract_responses()
    r["q2"] = [4, 9, 2, 5]  # a row problem
    r = r.rename(columns={"q3": "Miten viihdyt työssäsi tällä hetkellä?"})  # a header problem
    folder = write_survey_folder(tmp_path / "pulse", r)
    with pytest.raises(errors.ValidationError) as info:
        ka.read_survey(folder)
    kinds = {(type(p).__name__, p.column, p.row) for p in info.value.problems}
    assert ("UnknownQuestionError", "Miten viihdyt työssäsi tällä hetkellä?", 1) in kinds
    assert ("OutOfRangeError", "q2", 3) in kinds
    assert cli.main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "column 'q2', row 3: answer 9 is outside the scale 1-5" in err
    assert "matches no question of the codebook" in err


def test_closed_pipe_exits_quietly(tmp_path, monkeypatch, capsys):
    folder = write_survey_folder(tmp_path / "pulse")

    class Closed:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("sys.stdout", Closed())
    assert cli.main(["summary", str(folder)]) == 0
    monkeypatch.undo()
    assert "Traceback" not in capsys.readouterr().err


def test_cli_period_forms_help_defaults_and_suggestions(monkeypatch, capsys):
    from kalliola_analysis.reports import cli as report_cli

    seen = {}
    monkeypatch.setattr(report_cli, "handle_report", lambda args: seen.update(vars(args)) or 0)
    for form in ("11/2023", "2023-11", "11.2023"):
        assert cli.main(["report", "pulse", "--period", form, "--compare-to", "5/2023"]) == 0
        assert (seen["period"], seen["compare_to"]) == ("2023-11", "2023-05")
    capsys.readouterr()
    assert cli.main(["summary", "--help"]) == 0
    assert re.search(
        r"--lang \{fi,en\}\s+question text language \(default: fi\)", capsys.readouterr().out
    )
    assert cli.main(["reprot"]) == 2
    assert "did you mean 'report'?" in capsys.readouterr().err
    assert cli.main(["prepare", "--proccessed", "x"]) == 2
    assert "did you mean '--processed'?" in capsys.readouterr().err
