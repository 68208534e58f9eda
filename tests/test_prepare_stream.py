"""prepare's streaming path (issue 12): a large Parquet export in batches, the same output.

The streaming path is forced on small data by lowering ``STREAM_MIN_BYTES``
and the batch size; every test compares it with the in-memory path on the
same raw folder: the tables read back (values, dtypes, categories), the
Parquet schemas (pandas metadata included), the manifest, and, for data with
errors, the exception (class, message, file, column, row).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis import errors, prepare
from kalliola_analysis.io import pseudonyms
from kalliola_analysis.survey import stream as streaming

SALT = "virta"
QUESTIONS = [
    "meaningful_work",
    "skills_match",
    "fair_treatment",
    "manager_support",
    "colleague_support",
    "enthusiasm",
    "work_life_balance",
    "team_spirit",
    "professional_development",
    "internal_communication",
    "cross_unit_cooperation",
]
UNITS = ["Järjestötoiminta", "Kalliolan Klinikka", "Nuorisotyö", " Setlementtikoti"]
PERIODS = ["2023-05", "2023-11"]


def _demo_parquet(tmp_path: Path) -> Path:
    """The demo pulse survey with its export as Parquet (same headers, values as read by pandas)."""
    raw = tmp_path / "raw" / "pulse"
    shutil.copytree(ka.demo_path("pulse"), raw)
    df = pd.read_csv(raw / "responses.csv", sep=";", encoding="utf-8-sig")
    (raw / "responses.csv").unlink()
    df.to_parquet(raw / "responses.parquet", index=False)
    return raw


def _generated(tmp_path: Path, n: int = 600, seed: int = 12) -> tuple[Path, pd.DataFrame]:
    """A pulse export of ``n`` rows headed by contract names, with identifiers and free text."""
    rng = np.random.default_rng(seed)
    raw = tmp_path / "raw" / "gen"
    raw.mkdir(parents=True)
    shutil.copy(ka.demo_path("pulse") / "codebook.csv", raw / "codebook.csv")
    shutil.copy(ka.demo_path("pulse") / "dataset.toml", raw / "dataset.toml")
    df = pd.DataFrame(
        {
            "response_id": [f"G-{i:05d}" for i in range(n)],
            "period": rng.choice(PERIODS, n),
            "unit": rng.choice(UNITS, n),
            "Sähköposti": [f"h{i}@kalliola.fi" if i % 3 else None for i in range(n)],
            "tenure": rng.choice(["alle 2 v", "2–5 v", "yli 5 v"], n),
            "ika": rng.choice(["31", "45", "58"], n),
        }
    )
    for q in QUESTIONS:
        answers = pd.array(rng.integers(1, 6, n), dtype="Int8")
        answers[rng.random(n) < 0.05] = pd.NA
        df[q] = answers
    df["enps"] = pd.array(rng.integers(0, 11, n), dtype="Int8")
    df["comments"] = [
        "Soita 040 123 4567" if i % 7 == 0 else ("Hyvä päivä" if i % 2 else None) for i in range(n)
    ]
    inv = pd.DataFrame(
        [(p, u.strip(), 10_000) for p in PERIODS for u in UNITS],
        columns=["period", "unit", "invited"],
    )
    inv.to_csv(raw / "invitations.csv", sep=";", index=False)
    return raw, df


def _run(raw: Path, out: Path, *, stream: bool, monkeypatch, batch: int = 100, done=None):
    """prepare_dataset on one path; ``done`` collects what the streaming path returned."""
    original = streaming._stream_survey
    done = [] if done is None else done

    def spy(*args):
        result = original(*args)  # raises when the streaming path does not apply
        done.append(result)
        return result

    with monkeypatch.context() as m:
        m.setattr(streaming, "STREAM_MIN_BYTES", 0 if stream else 10**15)
        m.setattr(streaming, "_STREAM_BATCH_ROWS", batch)
        m.setattr(streaming, "_stream_survey", spy)
        result = prepare.prepare_dataset(raw, out, salt=SALT)
    assert (done == [out]) if stream else (done == [])  # streamed, not fallen back
    return result


def _assert_same(a: Path, b: Path) -> None:
    for name in ("responses", "codebook", "invitations"):
        x, y = pd.read_parquet(a / f"{name}.parquet"), pd.read_parquet(b / f"{name}.parquet")
        pd.testing.assert_frame_equal(x, y, check_exact=True, check_categorical=True)
        sx, sy = pq.read_schema(a / f"{name}.parquet"), pq.read_schema(b / f"{name}.parquet")
        assert sx.equals(sy, check_metadata=True), name
    ma, mb = (json.loads((p / "manifest.json").read_text(encoding="utf-8")) for p in (a, b))
    assert list(ma) == list(mb)
    # Row groups differ, so the bytes of responses.parquet do; every other checksum is equal.
    ma["files"].pop("responses.parquet"), mb["files"].pop("responses.parquet")
    assert ma == mb


def test_streaming_path_is_taken_for_a_large_parquet_export(tmp_path, monkeypatch):
    raw = _demo_parquet(tmp_path)
    monkeypatch.setattr(streaming, "STREAM_MIN_BYTES", 0)
    monkeypatch.setattr(streaming, "_STREAM_BATCH_ROWS", 50)
    assert streaming.prepare_streaming(raw, tmp_path / "out" / "pulse", "pulse", SALT) is not None


@pytest.mark.parametrize("batch", [1, 50, 194, 195, 10_000])
def test_demo_data_streamed_equals_in_memory(tmp_path, monkeypatch, batch):
    raw = _demo_parquet(tmp_path)
    a = _run(raw, tmp_path / "s" / "pulse", stream=True, monkeypatch=monkeypatch, batch=batch)
    b = _run(raw, tmp_path / "m" / "pulse", stream=False, monkeypatch=monkeypatch)
    _assert_same(a, b)
    manifest = json.loads((a / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"]["responses"] == 195


def test_generated_data_streamed_equals_in_memory(tmp_path, monkeypatch):
    raw, df = _generated(tmp_path)
    df.to_parquet(raw / "responses.parquet", index=False)
    monkeypatch.setattr(streaming, "STREAM_MIN_BYTES", 0)
    monkeypatch.setattr(streaming, "_STREAM_BATCH_ROWS", 100)
    assert streaming.prepare_streaming(raw, tmp_path / "probe" / "gen", "pulse", SALT) is not None
    a = _run(raw, tmp_path / "s" / "gen", stream=True, monkeypatch=monkeypatch, batch=70)
    b = _run(raw, tmp_path / "m" / "gen", stream=False, monkeypatch=monkeypatch)
    _assert_same(a, b)
    got = pd.read_parquet(a / "responses.parquet")
    manifest = json.loads((a / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["dropped_columns"] == ["Sähköposti"] and "Sähköposti" not in got
    assert manifest["redacted_text_answers"] == len(range(0, 600, 7))
    assert got["response_id"].iloc[-1] == pseudonyms.pseudonym("G-00599", SALT)
    assert str(got["ika"].dtype) == "Int64"  # numeric text decided on the whole column
    assert sorted(got["unit"].cat.categories) == sorted(u.strip() for u in UNITS)  # " A" is A


def _last_row(df: pd.DataFrame, column: str, value) -> pd.DataFrame:
    df = df.copy()
    if column == "response_id":
        df[column] = df[column].astype(object)
    df.loc[len(df) - 1, column] = value
    return df


@pytest.mark.parametrize(
    ("column", "value", "error"),
    [
        ("enps", 11, errors.OutOfRangeError),
        ("response_id", "G-00000", errors.DuplicateError),
        ("response_id", "", errors.InvalidValueError),
        ("period", "2023-13", errors.InvalidValueError),
        ("unit", None, errors.InvalidValueError),
        ("unit", "Uusi yksikkö", errors.InvitationError),
        ("meaningful_work", pd.NA, None),  # not an error: a missing answer
    ],
)
def test_an_error_in_the_last_batch_is_reported_as_in_memory(
    tmp_path, monkeypatch, column, value, error
):
    raw, df = _generated(tmp_path)
    df = _last_row(df, column, value)
    df.to_parquet(raw / "responses.parquet", index=False)
    out_s, out_m = tmp_path / "s" / "gen", tmp_path / "m" / "gen"
    if error is None:
        _assert_same(
            _run(raw, out_s, stream=True, monkeypatch=monkeypatch),
            _run(raw, out_m, stream=False, monkeypatch=monkeypatch),
        )
        return
    with pytest.raises(error) as streamed:
        _run(raw, out_s, stream=True, monkeypatch=monkeypatch)
    with pytest.raises(error) as in_memory:
        _run(raw, out_m, stream=False, monkeypatch=monkeypatch)
    assert str(streamed.value) == str(in_memory.value)
    assert not out_s.exists()
    if error is not errors.InvitationError:  # a missing invitation count names no row
        assert streamed.value.row == len(df) + 1  # the header is row 1
        assert streamed.value.column == column


def test_other_exports_are_not_streamed(tmp_path, monkeypatch):
    monkeypatch.setattr(streaming, "STREAM_MIN_BYTES", 0)
    out = tmp_path / "out" / "x"
    # CSV: read in memory whatever its size
    assert streaming.prepare_streaming(ka.demo_path("pulse"), out, "pulse", SALT) is None
    raw = _demo_parquet(tmp_path)
    # below the size threshold
    monkeypatch.setattr(
        streaming, "STREAM_MIN_BYTES", (raw / "responses.parquet").stat().st_size + 1
    )
    assert streaming.prepare_streaming(raw, out, "pulse", SALT) is None
    monkeypatch.setattr(streaming, "STREAM_MIN_BYTES", 0)
    # a header that read_survey maps (question text, not its id)
    df = pd.read_parquet(raw / "responses.parquet").rename(
        columns={"enps": "Kuinka todennäköisesti suosittelisit meitä työnantajana?"}
    )
    df.to_parquet(raw / "responses.parquet", index=False)
    assert streaming.prepare_streaming(raw, out, "pulse", SALT) is None
    assert not out.exists()


def _outcome(raw: Path, out: Path, *, stream: bool, batch: int):
    """("ok", folder, streamed) or ("error", class, message) of one prepare_dataset."""
    done: list = []
    with pytest.MonkeyPatch.context() as m:
        try:
            _run(raw, out, stream=stream, monkeypatch=m, batch=batch, done=done)
        except errors.DataError as exc:
            return ("error", type(exc), str(exc))
    return ("ok", out, bool(done))


@settings(max_examples=15)
@given(st.data())
def test_streamed_and_in_memory_agree_on_random_exports(data):
    """Any size, batch size and problem: the same tables, or the same error."""
    n = data.draw(st.integers(1, 40), label="rows")
    batch = data.draw(st.integers(1, n + 2), label="batch")
    problem = data.draw(st.sampled_from(["none", "repeat", "range", "empty id", "na"]))
    with tempfile.TemporaryDirectory() as tmp:
        raw, df = _generated(Path(tmp), n=n, seed=data.draw(st.integers(0, 99), label="seed"))
        k = data.draw(st.integers(0, n - 1), label="row")
        if problem == "repeat" and n > 1:
            j = data.draw(st.integers(0, n - 1).filter(lambda j: j != k), label="first")
            df["response_id"] = df["response_id"].astype(object)
            df.loc[j, "response_id"] = df.loc[k, "response_id"] = "sama"
        elif problem == "range":
            df.loc[k, "skills_match"] = 7
        elif problem == "empty id":
            df["response_id"] = df["response_id"].astype(object)
            df.loc[k, "response_id"] = None
        elif problem == "na":
            df.loc[k, QUESTIONS] = pd.NA
        df.to_parquet(raw / "responses.parquet", index=False)
        a = _outcome(raw, Path(tmp) / "s" / "gen", stream=True, batch=batch)
        b = _outcome(raw, Path(tmp) / "m" / "gen", stream=False, batch=batch)
        assert a[0] == b[0]
        if a[0] == "error":
            assert a[1:] == b[1:]
            assert not (Path(tmp) / "s" / "gen").exists()
        else:
            assert a[2]  # the streaming path wrote it
            _assert_same(a[1], b[1])
