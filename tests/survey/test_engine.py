"""Processed data: trusted on read, counted by DuckDB, the same tables as in memory (issue 12).

A folder ``prepare`` wrote is read without repeating the contract checks
(its manifest's checksums are verified instead), and with the default engine
its responses stay in Parquet: the answer counts come from one DuckDB scan.
Every count-based table must equal the one computed on the same data in
memory -- figures, suppression, categories and their order.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import make_codebook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

import kalliola_analysis as ka
from kalliola_analysis import errors
from kalliola_analysis.io.atomic import file_sha256
from kalliola_analysis.prepare import prepare_dataset
from kalliola_analysis.survey.counts import survey_groups
from kalliola_analysis.survey.engine import duckdb_settings

pytest.importorskip("duckdb")


def _raw_survey(
    folder: Path,
    rng: np.random.Generator,
    *,
    units=(("A", 30), ("B", 14), ("C", 4), ("D", 9)),
    periods=("2023-05", "2023-11"),
    missing_tenure: float = 0.2,
    skip_q2_in: str | None = "2023-05",
) -> Path:
    """Write a raw survey folder (CSV): a background column with missing values, a question
    not asked in one period, units small enough to be hidden."""
    folder.mkdir(parents=True, exist_ok=True)
    rows, inv = [], []
    k = 0
    for p in periods:
        for u, n in units:
            inv.append({"period": p, "unit": u, "invited": n + 3})
            for _ in range(n):
                k += 1
                tenure = rng.choice(["alle 2 v", "2–5 v", "yli 5 v"])
                rows.append(
                    {
                        "response_id": f"r{k}",
                        "period": p,
                        "unit": u,
                        "tenure": None if rng.random() < missing_tenure else tenure,
                        "q1": int(rng.integers(1, 6)),
                        "q2": None if p == skip_q2_in else int(rng.integers(2, 6)),
                        "q3": int(rng.integers(1, 6)) if rng.random() < 0.9 else None,
                        "enps": int(rng.integers(0, 11)),
                        "comment": "hyvä työpaikka" if rng.random() < 0.3 else None,
                    }
                )
    pd.DataFrame(rows).to_csv(folder / "responses.csv", index=False)
    make_codebook().to_csv(folder / "codebook.csv", index=False)
    pd.DataFrame(inv).to_csv(folder / "invitations.csv", index=False)
    (folder / "dataset.toml").write_text('kind = "pulse"\n', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("engine")
    raw = _raw_survey(root / "raw", np.random.default_rng(12))
    return prepare_dataset(raw, root / "processed", salt="s")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("engine-demo")
    return prepare_dataset(ka.demo_path("pulse"), root / "pulse", salt="s")


def _validated(folder: Path) -> ka.Survey:
    """The processed folder read the old way: every contract check run again."""
    return ka.read_survey(folder, rename={})


# ---------------------------------------------------------------------------
# trusted processed data


@pytest.mark.parametrize("which", ["demo", "generated"])
@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_trusted_read_equals_the_validated_survey(request, which, engine):
    folder = request.getfixturevalue(which)
    full = _validated(folder)
    fast = ka.read_survey(folder, engine=engine)
    responses = fast.responses if engine == "pandas" else fast.responses.to_frame()
    assert_frame_equal(responses, full.responses)
    assert_frame_equal(fast.codebook, full.codebook)
    assert_frame_equal(fast.invitations, full.invitations)
    assert fast.periods == full.periods and fast.units == full.units
    assert fast.source == str(folder)


def test_processed_read_does_not_validate_the_responses_again(generated, monkeypatch):
    import kalliola_analysis.survey.data as survey_module

    def refuse(*args, **kwargs):
        raise AssertionError("the contract checks ran again")

    monkeypatch.setattr(survey_module, "validate_responses", refuse)
    for engine in ("pandas", "duckdb"):
        s = ka.read_survey(generated, engine=engine)
        assert len(ka.likert_summary(s, by="period")) > 0
    with pytest.raises(AssertionError, match="ran again"):  # other folders are validated
        _validated(generated)


def test_a_changed_file_is_an_error_before_and_after_reading(generated, tmp_path):
    folder = shutil.copytree(generated, tmp_path / "copy")
    s = ka.read_survey(folder)
    path = folder / "responses.parquet"
    data = path.read_bytes()
    path.write_bytes(data + b"\0")  # changed after read_survey checked it
    with pytest.raises(errors.FileFormatError, match="changed after read_survey") as exc:
        ka.likert_summary(s, by=["period", "unit"])
    assert exc.value.file == str(path)
    with pytest.raises(errors.FileFormatError, match="SHA-256"):
        ka.read_survey(folder)


def test_a_folder_with_options_or_without_checksums_is_validated(generated, tmp_path):
    folder = shutil.copytree(generated, tmp_path / "legacy")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    del manifest["files"]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    s = ka.read_survey(folder)
    assert isinstance(s.responses, pd.DataFrame) and s._lazy is None
    s = ka.read_survey(generated, background=["tenure"])
    assert isinstance(s.responses, pd.DataFrame) and s._lazy is None


def test_engine_and_settings_are_checked(generated, monkeypatch):
    with pytest.raises(errors.ParameterError, match="engine"):
        ka.read_survey(generated, engine="spark")
    monkeypatch.setenv("KALLIOLA_DUCKDB_THREADS", "0")
    with pytest.raises(errors.ParameterError, match="KALLIOLA_DUCKDB_THREADS"):
        duckdb_settings()
    monkeypatch.setenv("KALLIOLA_DUCKDB_THREADS", "1")
    monkeypatch.setenv("KALLIOLA_DUCKDB_MEMORY", "256MB")
    assert duckdb_settings() == {"memory_limit": "256MB", "threads": 1}
    s = ka.read_survey(generated)
    ka.enps(s, by="period")
    got = s._lazy.query(
        "SELECT current_setting('threads') AS t, current_setting('memory_limit') AS m"
    )
    assert int(got["t"].iloc[0]) == 1
    assert got["m"].iloc[0].replace(" ", "").upper().startswith(("256", "244"))


def test_an_answer_outside_the_scale_names_file_column_and_row(generated, tmp_path):
    folder = shutil.copytree(generated, tmp_path / "forged")
    path = folder / "responses.parquet"
    frame = pd.read_parquet(path)
    frame.loc[7, "q1"] = 9
    frame.to_parquet(path, index=False)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["responses.parquet"] = file_sha256(path)
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    s = ka.read_survey(folder)
    with pytest.raises(errors.OutOfRangeError) as exc:
        ka.likert_summary(s, by="period")
    assert (exc.value.file, exc.value.column, exc.value.row) == (str(path), "q1", 9)


# ---------------------------------------------------------------------------
# both engines give the same tables


def _tables(s: ka.Survey) -> dict[str, pd.DataFrame]:
    periods = s.periods
    out = {}
    for by in (["period", "unit"], "period", None, ["period", "tenure"], ["unit", "period"]):
        key = str(by)
        out[f"likert {key}"] = ka.likert_summary(s, by=by)
        out[f"enps {key}"] = ka.enps(s, by=by)
        out[f"answer_counts {key}"] = ka.answer_counts(s, by=by)
        out[f"hidden_cells {key}"] = ka.hidden_cells(s, by=by)
        out[f"hidden_cells q {key}"] = ka.hidden_cells(s, by=by, questions=s.questions("likert"))
        if by is None or "tenure" not in by:
            out[f"response_rates {key}"] = ka.response_rates(s, by=by)
    out["raw counts tenure x unit"] = ka.answer_counts(s, by=["tenure", "unit"], min_n=None)
    out["compare_periods"] = ka.compare_periods(s, periods[0], periods[-1])
    out["compare_periods unit"] = ka.compare_periods(s, periods[0], periods[-1], by="unit")
    return out


@pytest.mark.parametrize("which", ["demo", "generated"])
def test_duckdb_and_in_memory_give_identical_tables(request, which):
    folder = request.getfixturevalue(which)
    lazy = ka.read_survey(folder)
    memory = ka.read_survey(folder, engine="pandas")
    got, want = _tables(lazy), _tables(memory)
    for name in want:
        assert_frame_equal(got[name], want[name], obj=name)
    # and the counts came from the engine: the responses frame was never loaded
    assert not lazy._lazy.loaded
    if which == "generated":  # the background column's missing values are a group
        cats = list(got["likert ['period', 'tenure']"]["tenure"].cat.categories)
        assert cats[-1] == ka.NOT_STATED
        assert cats == list(want["likert ['period', 'tenure']"]["tenure"].cat.categories)


def test_engine_groups_have_the_in_memory_order_categories_and_row_index(generated):
    lazy = ka.read_survey(generated)
    memory = ka.read_survey(generated, engine="pandas")
    for cols in (("period", "tenure", "unit"), ("unit",), ()):
        a, b = survey_groups(lazy, cols), survey_groups(memory, cols)
        assert_frame_equal(a.frame, b.frame)
        np.testing.assert_array_equal(a.size, b.size)
        assert callable(a._index)  # no per-row index until a function asks for one
        np.testing.assert_array_equal(a.index, b.index)


def test_functions_on_respondent_rows_load_the_responses_on_demand(generated):
    lazy = ka.read_survey(generated)
    memory = ka.read_survey(generated, engine="pandas")
    assert len(lazy.responses) == len(memory.responses)
    assert list(lazy.responses.columns) == list(memory.responses.columns)
    assert not lazy._lazy.loaded
    assert_frame_equal(ka.theme_scores(lazy), ka.theme_scores(memory))
    assert_frame_equal(
        ka.free_text(lazy, period=lazy.periods[-1], min_n=1),
        ka.free_text(memory, period=memory.periods[-1], min_n=1),
    )
    sub = lazy.subset(lazy.responses["unit"] == "A")  # a subset lives in memory
    assert sub._lazy is None and set(sub.units) == {"A"}
    assert_frame_equal(
        ka.likert_summary(sub, by="period"),
        ka.likert_summary(memory.subset(memory.responses["unit"] == "A"), by="period"),
    )


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 2**16),
    sizes=st.lists(st.integers(1, 12), min_size=1, max_size=4),
    missing=st.sampled_from([0.0, 0.3, 1.0]),
    min_n=st.integers(1, 6),
)
def test_both_engines_agree_on_any_survey(tmp_path_factory, seed, sizes, missing, min_n):
    """Property: for any small survey, the engine's counts and decisions are the in-memory ones."""
    root = tmp_path_factory.mktemp("prop")
    units = tuple((f"U{i}", n) for i, n in enumerate(sizes))
    raw = _raw_survey(
        root / "raw", np.random.default_rng(seed), units=units, missing_tenure=missing
    )
    folder = prepare_dataset(raw, root / "out", salt="s")
    lazy, memory = ka.read_survey(folder), ka.read_survey(folder, engine="pandas")
    for by in (["period", "unit"], ["period", "tenure"], ["tenure"]):
        assert_frame_equal(
            ka.answer_counts(lazy, by=by, min_n=min_n), ka.answer_counts(memory, by=by, min_n=min_n)
        )
        assert_frame_equal(
            ka.hidden_cells(lazy, by=by, min_n=min_n), ka.hidden_cells(memory, by=by, min_n=min_n)
        )
    assert_frame_equal(ka.enps(lazy, by=None), ka.enps(memory, by=None))
