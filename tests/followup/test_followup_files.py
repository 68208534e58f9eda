"""Finding and reading the follow-up and indicator files; their dataset.toml read in one place."""

from __future__ import annotations

import shutil

import pytest

import kalliola_analysis as ka
from kalliola_analysis.errors import FileFormatError
from kalliola_analysis.followup.files import find_file, read_raw_table


def _copy(tmp_path, kind="followup"):
    return shutil.copytree(ka.demo_path(kind), tmp_path / kind)


def test_a_dataset_toml_saved_with_a_bom_is_read(tmp_path):
    folder = _copy(tmp_path)
    toml = folder / "dataset.toml"
    toml.write_bytes(toml.read_text(encoding="utf-8").encode("utf-8-sig"))
    assert find_file(folder, "measures", "followup") == folder / "measures.csv"
    assert len(ka.read_followup(folder)) == 94


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('kind = "indicators"\n', "expected 'followup'"),
        ('kind = "survey"\n', "kind must be one of"),
        ("kind = \n", "cannot read"),
    ],
)
def test_a_folder_whose_dataset_toml_is_not_followup_is_refused(tmp_path, text, message):
    folder = _copy(tmp_path)
    (folder / "dataset.toml").write_text(text, encoding="utf-8")
    with pytest.raises(FileFormatError, match=message) as info:
        find_file(folder, "measures", "followup")
    assert info.value.file == str(folder / "dataset.toml")


def test_a_missing_data_file_names_the_folder(tmp_path):
    folder = _copy(tmp_path)
    with pytest.raises(FileFormatError, match="no values.csv") as info:
        find_file(folder, "values", "followup")
    assert info.value.file == str(folder)


def test_raw_tables_are_text_indexed_by_file_row(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("a;b\n1;\n2,5; x \n".encode("utf-8-sig"))
    table = read_raw_table(path)
    assert table.index.tolist() == [2, 3]
    assert table.to_dict("list") == {"a": ["1", "2,5"], "b": ["", "x"]}


def test_find_indicators_skips_siblings_that_are_not_indicators(tmp_path):
    followup = _copy(tmp_path)
    assert ka.find_indicators(followup) is None
    broken = tmp_path / "aaa"  # sorts first; its dataset.toml is not TOML
    broken.mkdir()
    (broken / "dataset.toml").write_text("kind = \n", encoding="utf-8")
    _copy(tmp_path, "indicators")
    assert ka.find_indicators(followup) == tmp_path / "indicators"
    assert ka.find_indicators(followup / "measures.csv") == tmp_path / "indicators"
