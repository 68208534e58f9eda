"""The benchmark code runs end to end at a tiny size, and its implementations agree.

A correctness test, not a timing test: nothing here asserts on seconds or
megabytes. DuckDB and the naive pandas groupby-apply are independent
implementations of likert_summary + enps + response_rates by period x unit;
they must give the library's figures (counts exactly, the rest within 1e-9).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import analytics, run  # noqa: E402
from benchmarks.data import BenchParams, ensure_dataset  # noqa: E402

#: The size of ``benchmarks/run.py --quick``.
TINY = BenchParams(
    rows=run.QUICK["rows"], questions=run.QUICK["questions"], units=run.QUICK["units"]
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path, made = ensure_dataset(TINY, tmp_path_factory.mktemp("bench"))
    assert made
    return path


@pytest.fixture(scope="module")
def results(folder) -> dict[str, dict[str, pd.DataFrame]]:
    pytest.importorskip("duckdb")
    return {
        "ours": analytics.run_ours(folder),
        "duckdb": analytics.run_duckdb(folder),
        "naive": analytics.run_naive(folder),
    }


def test_dataset_has_the_processed_dtypes_and_is_cached(folder, tmp_path):
    r = pd.read_parquet(folder / "responses.parquet")
    assert len(r) == TINY.rows
    likert = [f"q{i:02d}" for i in range(1, TINY.questions)]
    assert list(r.columns) == ["response_id", "period", "unit", *likert, "enps"]
    assert isinstance(r["period"].dtype, pd.CategoricalDtype) and r["period"].dtype.ordered
    assert isinstance(r["unit"].dtype, pd.CategoricalDtype)
    assert all(str(r[q].dtype) == "Int8" for q in [*likert, "enps"])
    assert r["q01"].min() >= 1 and r["q01"].max() <= 5
    assert r["enps"].min() >= 0 and r["enps"].max() <= 10
    assert 0.0 < r["q01"].isna().mean() < 0.1
    assert r.groupby(["period", "unit"], observed=True).size().min() >= 5
    # cached: same parameters reuse the folder; different ones make a new one
    assert ensure_dataset(TINY, folder.parent) == (folder, False)
    again, made = ensure_dataset(TINY, tmp_path)
    assert made
    pd.testing.assert_frame_equal(pd.read_parquet(again / "responses.parquet"), r)


def test_three_implementations_agree(results):
    shape = {k: v.shape for k, v in results["ours"].items()}
    groups = TINY.periods * TINY.units
    assert shape["likert"][0] == groups * (TINY.questions - 1)
    assert shape["enps"][0] == groups and shape["rates"][0] == groups
    assert analytics.compare(results["ours"], results["duckdb"]) == []
    assert analytics.compare(results["ours"], results["naive"]) == []


def test_figures_match_a_direct_computation(folder, results):
    r = pd.read_parquet(folder / "responses.parquet")
    first = r[(r["period"] == "2022-05") & (r["unit"] == "U01")]["q01"].dropna().astype(int)
    row = results["ours"]["likert"].iloc[0]
    assert (row["period"], row["unit"], row["question"]) == ("2022-05", "U01", "q01")
    assert row["n"] == len(first)
    assert row["mean"] == pytest.approx(first.mean(), abs=1e-12)
    assert row["sd"] == pytest.approx(first.std(ddof=1), abs=1e-12)
    assert row["share_5"] == pytest.approx((first == 5).mean(), abs=1e-12)


def test_compare_reports_a_difference(results):
    other = {k: v.copy() for k, v in results["duckdb"].items()}
    other["likert"].loc[3, "mean"] += 1e-6
    other["rates"].loc[0, "responded"] += 1
    problems = analytics.compare(results["ours"], other)
    assert len(problems) == 2
    assert problems[0].startswith("likert.mean: row 3")
    assert problems[1].startswith("rates.responded: row 0")
    assert np.isfinite(results["ours"]["enps"]["enps"]).all()


def test_run_prints_the_table_end_to_end(tmp_path, capsys):
    pytest.importorskip("duckdb")
    argv = ["--only", "analytics", "--rows", "600", "--questions", "3", "--units", "2"]
    argv += ["--repeats", "1", "--data-dir", str(tmp_path)]
    assert run.main(argv) == 0
    out = capsys.readouterr().out
    assert "600 response rows in total = 2 periods x ~300 respondents" in out
    for name in ("ours", "duckdb (a)", "pandas apply (b)"):
        assert f"\n{name} " in out
    assert "agreement duckdb vs ours: same figures" in out
    assert "agreement naive vs ours: same figures" in out
    assert "target peak memory < 1500 MB" in out


def test_floor_notebook_keeps_only_parameters_and_imports(tmp_path):
    import nbformat

    from benchmarks.reports import floor_notebook, notebook_imports

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('period = None\nlang = "fi"')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Pulssi"),
        params,
        nbformat.v4.new_code_cell(
            "%matplotlib inline\nimport pandas as pd\nimport kalliola_analysis as ka"
        ),
        nbformat.v4.new_code_cell("from IPython.display import HTML\ns = ka.load_demo('pulse')"),
        nbformat.v4.new_code_cell("import pandas as pd\nka.likert_summary(s)"),
    ]
    source = tmp_path / "pulse_report.ipynb"
    nbformat.write(nb, str(source))
    assert notebook_imports(source) == [
        "import pandas as pd",
        "import kalliola_analysis as ka",
        "from IPython.display import HTML",
    ]
    floor = nbformat.read(str(floor_notebook(source, tmp_path / "floor.ipynb")), as_version=4)
    assert [c.cell_type for c in floor.cells] == ["code", "code"]
    assert floor.cells[0].metadata["tags"] == ["parameters"]
    assert floor.cells[0].source == params.source
    assert floor.cells[1].source.splitlines() == notebook_imports(source)


def test_cell_durations_reads_papermill_metadata(tmp_path):
    import nbformat

    from benchmarks.reports import cell_durations

    nb = nbformat.v4.new_notebook()
    first = nbformat.v4.new_code_cell("# setup\nimport kalliola_analysis as ka")
    first.metadata["papermill"] = {"duration": 1.5}
    nb.cells = [first, nbformat.v4.new_markdown_cell("text"), nbformat.v4.new_code_cell("x = 1")]
    nbformat.write(nb, str(tmp_path / "run.ipynb"))
    assert cell_durations(tmp_path / "run.ipynb") == [
        (1.5, "import kalliola_analysis as ka"),
        (0.0, "x = 1"),
    ]


def test_parallel_capacity_is_a_ratio():
    from benchmarks.reports import parallel_capacity

    assert 0.3 < parallel_capacity(0.05) < 2.5
