"""prepare: pseudonymised, typed Parquet; atomic writes; raw data never written."""

from __future__ import annotations

import hashlib
import json
import stat
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import contract_responses, write_survey_folder

import kalliola_analysis as ka
from kalliola_analysis import errors, kinds
from kalliola_analysis.io import writing
from kalliola_analysis.io.pseudonyms import REDACTED, identifier_columns, pseudonym, redact_text
from kalliola_analysis.prepare import prepare_dataset


def _tree_hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def raw(tmp_path) -> Path:
    """A raw root: a pulse with identifiers and contact details, and one feedback event."""
    root = tmp_path / "raw"
    r = contract_responses()
    r["Email"] = ["a@b.fi", "", "c@d.fi", ""]
    r["Name"] = ["Maija", "", "Matti", ""]
    r["tiimi"] = ["A", "yhteys: pekka@example.org", "B", "A"]
    r["tenure"] = ["alle 2 v", "2–5 v", "yli 5 v", "alle 2 v"]
    r.loc[2, "comment"] = "Soita 040 123 4567 tai maili maija.m@example.fi"
    write_survey_folder(root / "pulse", r)
    write_survey_folder(root / "feedback" / "kesapaivat-2023", kind="feedback")
    return root


def test_prepare_all_writes_processed_layout(raw, tmp_path):
    out = tmp_path / "processed"
    done = ka.prepare_all(raw, out, salt="s")
    assert [p.relative_to(out).as_posix() for p in done] == ["feedback/kesapaivat-2023", "pulse"]
    assert done.skipped == []
    names = sorted(p.name for p in (out / "pulse").iterdir())
    assert names == [
        "codebook.parquet",
        "dataset.toml",
        "invitations.parquet",
        "manifest.json",
        "responses.parquet",
    ]
    assert (out / "pulse" / "dataset.toml").read_bytes() == (
        raw / "pulse" / "dataset.toml"
    ).read_bytes()
    manifest = json.loads((out / "pulse" / "manifest.json").read_text())
    assert manifest["kind"] == "pulse"
    assert manifest["rows"] == {"responses": 4, "codebook": 5, "invitations": 2}
    assert manifest["periods"] == ["2023-11"]
    assert manifest["package_version"] == ka.__version__
    assert "prepared_at" not in manifest
    for name, digest in manifest["source_files"].items():
        assert hashlib.sha256((raw / "pulse" / name).read_bytes()).hexdigest() == digest
    assert set(manifest["source_files"]) == {
        "responses.csv",
        "codebook.csv",
        "invitations.csv",
        "dataset.toml",
    }


def test_identifiers_dropped_ids_hashed_text_redacted(raw, tmp_path):
    out = tmp_path / "processed"
    ka.prepare_all(raw, out, salt="s")
    r = pd.read_parquet(out / "pulse" / "responses.parquet")
    manifest = json.loads((out / "pulse" / "manifest.json").read_text())
    assert manifest["dropped_columns"] == ["Email", "Name", "tiimi"]  # by name, name, content
    assert {"Email", "Name", "tiimi"}.isdisjoint(r.columns)
    assert "tenure" in r.columns
    assert r["response_id"].tolist() == [pseudonym(f"r{i}", "s") for i in range(1, 5)]
    assert r["response_id"].str.fullmatch(r"[0-9a-f]{16}").all()
    assert r.loc[2, "comment"] == f"Soita {REDACTED} tai maili {REDACTED}"
    assert manifest["redacted_text_answers"] == 1
    everything = (out / "pulse" / "responses.parquet").read_bytes()
    for secret in (b"a@b.fi", b"Maija", b"pekka@example.org", b"040 123 4567", b"r1"):
        assert secret not in everything


def test_parquet_dtypes_are_explicit(raw, tmp_path):
    out = tmp_path / "processed"
    ka.prepare_all(raw, out, salt="s")
    schema = pq.read_schema(out / "pulse" / "responses.parquet")
    assert str(schema.field("q1").type) == "int8"
    assert str(schema.field("enps").type) == "int8"
    assert str(schema.field("period").type).startswith("dictionary")
    assert str(schema.field("comment").type) in ("string", "large_string")
    r = pd.read_parquet(out / "pulse" / "responses.parquet")
    assert str(r["q1"].dtype) == "Int8"
    assert r["period"].cat.ordered


def test_processed_round_trips_through_read_survey(raw, tmp_path):
    out = tmp_path / "processed"
    ka.prepare_all(raw, out, salt="s")
    before = ka.read_survey(raw / "feedback" / "kesapaivat-2023")
    after = ka.read_survey(out / "feedback" / "kesapaivat-2023")
    pd.testing.assert_frame_equal(
        before.responses.drop(columns="response_id"), after.responses.drop(columns="response_id")
    )
    pd.testing.assert_frame_equal(before.codebook, after.codebook)
    pd.testing.assert_frame_equal(before.invitations, after.invitations)


def test_output_is_deterministic_and_raw_untouched(raw, tmp_path):
    before = _tree_hashes(raw)
    ka.prepare_all(raw, tmp_path / "a", salt="s")
    ka.prepare_all(raw, tmp_path / "b", salt="s")
    assert _tree_hashes(raw) == before
    a, b = _tree_hashes(tmp_path / "a"), _tree_hashes(tmp_path / "b")
    assert a == b
    c = _tree_hashes(ka.prepare_all(raw, tmp_path / "c", salt="other")[1])
    assert c["responses.parquet"] != a["pulse/responses.parquet"]


def test_salt_from_env_then_file(raw, tmp_path, monkeypatch):
    monkeypatch.delenv("KALLIOLA_SALT", raising=False)
    out = tmp_path / "processed"
    ka.prepare_all(raw, out)
    salt_file = out / ".salt"
    assert stat.S_IMODE(salt_file.stat().st_mode) == 0o600
    salt = salt_file.read_text().strip()
    assert len(salt) == 64
    ids = pd.read_parquet(out / "pulse" / "responses.parquet")["response_id"].tolist()
    assert ids[0] == pseudonym("r1", salt)
    ka.prepare_all(raw, out)  # the stored salt is reused
    assert salt_file.read_text().strip() == salt
    assert pd.read_parquet(out / "pulse" / "responses.parquet")["response_id"].tolist() == ids
    monkeypatch.setenv("KALLIOLA_SALT", "ympäristö")
    ka.prepare_all(raw, out)
    got = pd.read_parquet(out / "pulse" / "responses.parquet")["response_id"].iloc[0]
    assert got == pseudonym("r1", "ympäristö")
    with pytest.raises(errors.ParameterError, match="salt"):
        ka.prepare_all(raw, out, salt="")


def test_interrupted_write_keeps_previous_file(raw, tmp_path, monkeypatch):
    out = tmp_path / "processed"
    ka.prepare_all(raw, out, salt="s")
    target = out / "pulse" / "responses.parquet"
    old = target.read_bytes()

    def broken(self, fh, **kwargs):
        fh.write(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", broken)
    with pytest.raises(OSError, match="disk full"):
        prepare_dataset(raw / "pulse", out / "pulse", salt="other")
    assert target.read_bytes() == old
    assert sorted(p.name for p in (out / "pulse").iterdir() if p.name.startswith(".")) == []


def test_bad_data_writes_nothing(raw, tmp_path):
    r = contract_responses()
    r.loc[1, "q1"] = 9
    write_survey_folder(raw / "pulse", r)
    out = tmp_path / "processed"
    with pytest.raises(errors.OutOfRangeError) as info:
        prepare_dataset(raw / "pulse", out / "pulse", salt="s")
    assert info.value.file == str(raw / "pulse" / "responses.csv")
    assert not (out / "pulse").exists()


def test_processed_inside_raw_is_refused(raw):
    with pytest.raises(errors.ParameterError, match="inside the raw folder"):
        ka.prepare_all(raw, raw / "processed", salt="s")
    with pytest.raises(errors.FileFormatError, match="dataset.toml"):
        prepare_dataset(raw / "feedback", raw.parent / "x", salt="s")


def test_other_kinds_go_through_the_registry(raw, tmp_path, monkeypatch):
    for kind in ("materiality", "indicators"):
        folder = raw / kind
        folder.mkdir()
        (folder / "dataset.toml").write_text(f'kind = "{kind}"\n', encoding="utf-8")
        (folder / "data.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    salts = []

    def prepare_materiality(raw_dir, out_dir, *, salt=None):
        salts.append(salt)
        frame = ka.read_table(Path(raw_dir) / "data.csv")
        writing.write_parquet(frame, Path(out_dir) / "materiality.parquet")
        (Path(out_dir) / "manifest.json").write_text('{"groups": ["Henkilöstö"]}')
        return Path(out_dir)

    # One registration per kind: a preparer of its own for materiality, none for indicators.
    monkeypatch.setattr(kinds, "KINDS", kinds.KINDS.copy())
    kinds.register_kind(replace(kinds.get_kind("materiality"), prepare=prepare_materiality))
    kinds.register_kind(replace(kinds.get_kind("indicators"), prepare=None))
    out = tmp_path / "processed"
    done = ka.prepare_all(raw, out, salt="s")
    assert out / "materiality" in done
    assert salts == ["s"]  # an explicit salt reaches every preparer
    assert [(p.name, why) for p, why in done.skipped] == [
        ("indicators", "no preparer installed for kind 'indicators'")
    ]
    manifest = json.loads((out / "materiality" / "manifest.json").read_text())
    assert manifest["rows"] == {"materiality": 1}
    assert manifest["groups"] == ["Henkilöstö"]  # the preparer's own entries are kept
    assert manifest["kind"] == "materiality"
    assert set(manifest["source_files"]) == {"data.csv", "dataset.toml"}
    assert not (out / "indicators").exists()
    with pytest.raises(errors.ParameterError, match="no preparer"):
        prepare_dataset(raw / "indicators", out / "indicators", salt="s")


def test_identifier_rules():
    r = pd.DataFrame(
        {
            "response_id": ["a", "b"],
            "unit": ["x", "y"],
            "Sähköposti": ["", ""],
            "IP Address": ["1.2.3.4", ""],
            "puhelin": ["", ""],
            "Vastaajan nimi": ["", ""],
            "hetu_tieto": ["131052-308T", ""],
            "Completion time": ["2023-11-15 10:02", ""],
            "ikä": ["30-39", "40-49"],
            "rooli": ["esihenkilö", "työntekijä"],
            "q1": ["maija@x.fi", None],
        }
    )
    assert identifier_columns(r, ["q1"]) == [
        "Sähköposti",
        "IP Address",
        "puhelin",
        "Vastaajan nimi",
        "hetu_tieto",
        "Completion time",
    ]
    assert redact_text("hetu 131052-308T, puh +358 40 123 4567.") == (
        f"hetu {REDACTED}, puh {REDACTED}."
    )
    for harmless in ("vuosina 2022-2023", "kello 10-12", "0,5 h", "4.5.2023", "sijalla 123456"):
        assert redact_text(harmless) == harmless


def test_write_processed_is_the_one_writer(raw, tmp_path):
    folder = raw / "pulse"
    (folder / ".~lock.responses.csv#").write_text("lock", encoding="utf-8")
    frame = pd.DataFrame({"a": ["x", None], "b": pd.array([1, None], dtype="Int8")})
    out = writing.write_processed(
        tmp_path / "out",
        {"first": frame, "second": frame.head(1)},
        raw_dir=folder,
        kind="pulse",
        extra_manifest={"periods": ["2023-11"], "dropped_columns": ["Email"]},
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "dataset.toml",
        "first.parquet",
        "manifest.json",
        "second.parquet",
    ]
    assert (out / "dataset.toml").read_bytes() == (folder / "dataset.toml").read_bytes()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == {
        "kind": "pulse",
        "dropped_columns": ["Email"],  # extra entries override the defaults
        "package_version": ka.__version__,
        "periods": ["2023-11"],
        "rows": {"first": 2, "second": 1},
        "source_files": {  # default: every raw file but hidden ones
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.iterdir()
            if not p.name.startswith(".")
        },
        "prepared_by": "kalliola_analysis.prepare",  # the marker of prepare's own output
        "files": {  # every file written, for the check on read
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in out.iterdir()
            if p.name != "manifest.json"
        },
    }
    back = writing.read_processed_table(out / "first.parquet", columns=["a", "b"])
    pd.testing.assert_frame_equal(back, frame)  # dtypes kept
    with pytest.raises(errors.MissingColumnError) as info:
        writing.read_processed_table(out / "first.parquet", columns=["a", "c"])
    assert info.value.column == "c" and info.value.file == str(out / "first.parquet")
    # named sources: only those and dataset.toml
    named = writing.write_processed(
        tmp_path / "named",
        {"t": frame},
        raw_dir=folder,
        kind="pulse",
        source_files=[folder / "codebook.csv"],
    )
    manifest = json.loads((named / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["source_files"]) == {"codebook.csv", "dataset.toml"}
    before = _tree_hashes(raw)
    for target in (folder, folder / "processed"):
        with pytest.raises(errors.ParameterError, match="raw"):
            writing.write_processed(target, {"t": frame}, raw_dir=folder, kind="pulse")
    assert _tree_hashes(raw) == before
