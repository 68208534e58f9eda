"""One reader of dataset.toml and one walk of a data root, the same for every caller.

Issue #10 named two inconsistencies: a ``dataset.toml`` saved with a byte-order
mark passed one reader and failed another, and a copy under a hidden folder
was skipped by ``prepare`` but listed by ``report``. Each test below runs every
caller (prepare, validate, the report registry, the audit, the follow-up and
materiality readers) on the same folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kalliola_analysis as ka
import kalliola_analysis.reports as kr
from kalliola_analysis import cli, errors
from kalliola_analysis.io.dataset import (
    find_datasets,
    is_ignored,
    read_dataset_info,
    read_dataset_toml,
)
from kalliola_analysis.kinds import KINDS
from kalliola_analysis.survey.release_audit import check_release


@pytest.fixture
def raw(tmp_path) -> Path:
    """A copy of every demo data set."""
    root = tmp_path / "raw"
    shutil.copytree(ka.demo_path("pulse").parent, root, ignore=shutil.ignore_patterns("*.md"))
    return root


def _with_bom(root: Path) -> list[Path]:
    files = sorted(root.rglob("dataset.toml"))
    for f in files:
        f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    return files


def test_a_dataset_toml_with_a_bom_passes_every_reader(raw, tmp_path, capsys):
    files = _with_bom(raw)
    assert len(files) == 8  # pulse, four feedback events, materiality, followup, indicators
    for f in files:
        assert read_dataset_toml(f)["kind"] in KINDS
        info = read_dataset_info(f.parent)
        assert info["kind"] == read_dataset_toml(f)["kind"]
        KINDS.get(info["kind"]).read(f.parent)  # every kind's reader
    # the report registry (it read without the BOM before) and the runner's helpers
    reports = kr.find_reports(raw)
    assert {r.kind for r in reports} == {"pulse", "feedback", "materiality", "followup"}
    assert kr.read_dataset_info(raw / "pulse")["slug"] == "pulssikysely"
    assert ka.find_indicators(raw / "followup") == raw / "indicators"
    assert cli.main(["validate", str(raw)]) == 0
    assert "FAIL" not in capsys.readouterr().err
    out = tmp_path / "processed"
    done = ka.prepare_all(raw, out, salt="s")
    assert len(done) == 8 and not done.skipped
    assert len(check_release(out, breakdowns=["unit"])) > 0  # the audit walks it too


def test_a_copy_under_a_hidden_folder_is_skipped_by_prepare_and_report(raw, tmp_path, capsys):
    shutil.copytree(raw / "pulse", raw / ".vanha" / "pulse")  # a backup someone left
    shutil.copytree(raw / "materiality", raw / "~$lukittu" / "materiality")
    shutil.copytree(raw / "indicators", raw / ".indicators-vanha")  # sorts first by name
    assert find_datasets(raw) == find_datasets(raw, None)
    assert not any(is_ignored(part) for p in find_datasets(raw) for part in p.parts[-3:])
    out = tmp_path / "processed"
    done = ka.prepare_all(raw, out, salt="s")
    assert out / "pulse" in done
    assert not (out / ".vanha").exists() and not (out / "~$lukittu").exists()
    folders = {r.dataset for r in kr.find_reports(raw)}
    assert raw / "pulse" in folders
    assert not any(".vanha" in f.parts or "~$lukittu" in f.parts for f in folders)
    assert ka.find_indicators(raw / "followup") == raw / "indicators"
    assert cli.main(["validate", str(raw)]) == 0
    assert "vanha" not in capsys.readouterr().out
    audited = check_release(raw, breakdowns=["unit"])
    assert not audited["dataset"].str.contains(".vanha", regex=False).any()


def test_a_broken_dataset_toml_is_the_same_error_for_every_reader(raw):
    bad = raw / "followup" / "dataset.toml"
    bad.write_bytes('kind = "followup"\ntitle_fi = "Seuranta ä"\n'.encode("latin-1"))
    expected = f"{bad}: cannot read the TOML"
    for call in (
        lambda: read_dataset_toml(bad),
        lambda: read_dataset_info(bad.parent),
        lambda: ka.read_followup(bad.parent),  # let UnicodeDecodeError through before
        lambda: kr.find_reports(raw),
        lambda: ka.prepare_all(raw, raw.parent / "processed", salt="s"),
    ):
        with pytest.raises(errors.FileFormatError) as info:
            call()
        assert str(info.value).startswith(expected)
        assert info.value.file == str(bad)
    bad.write_text('kind = "followup"\ntitle_fi = "Seuranta\n', encoding="utf-8")  # unclosed
    for call in (lambda: read_dataset_toml(bad), lambda: read_dataset_info(bad.parent)):
        with pytest.raises(errors.FileFormatError, match="cannot read the TOML"):
            call()


def test_an_unknown_kind_is_refused_by_name(raw):
    toml = raw / "materiality" / "dataset.toml"
    toml.write_text('kind = "olennaisuus"\n', encoding="utf-8")
    with pytest.raises(errors.FileFormatError, match="kind must be one of") as info:
        read_dataset_toml(toml)
    assert info.value.file == str(toml) and info.value.column == "kind"
    assert read_dataset_info(toml.parent)["kind"] == "olennaisuus"  # the report side lists any
    with pytest.raises(errors.FileFormatError, match="kind must be one of"):
        ka.prepare_all(raw, raw.parent / "processed", salt="s")


def test_missing_root_and_missing_file():
    with pytest.raises(errors.ParameterError, match="does not exist"):
        find_datasets("no/such/root")
    with pytest.raises(errors.FileFormatError, match="does not exist"):
        read_dataset_toml("no/such/dataset.toml")
    with pytest.raises(errors.DataError, match="no dataset.toml"):
        read_dataset_info("no/such/folder")
