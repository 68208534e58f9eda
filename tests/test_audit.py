"""The disclosure audit: hand-built tables with known answers, the issue-9 attacks, brute force."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.audit import NO_VALUE, check_release
from kalliola_analysis.cli import main
from kalliola_analysis.errors import DataError, DisclosureError, KalliolaError, ParameterError


def _row(result: pd.DataFrame, **where) -> pd.Series:
    mask = np.ones(len(result), dtype=bool)
    for k, v in where.items():
        mask &= (result[k] == v).fillna(False).to_numpy(bool)
    assert mask.sum() == 1, result
    return result[mask].iloc[0]


def _grid(values: np.ndarray, hidden: set[tuple[int, int]], mean: np.ndarray | None = None):
    """A 2-D table (rows r0.., columns c0..) with its margins and total, as 4 tidy tables."""
    r, c = values.shape
    cells = pd.DataFrame(
        [
            {"row": f"r{i}", "col": f"c{j}", "n": np.nan if (i, j) in hidden else values[i, j]}
            for i in range(r)
            for j in range(c)
        ]
    )
    rows = pd.DataFrame({"row": [f"r{i}" for i in range(r)], "n": values.sum(axis=1)})
    cols = pd.DataFrame({"col": [f"c{j}" for j in range(c)], "n": values.sum(axis=0)})
    total = pd.DataFrame({"n": [values.sum()]})
    return [cells, rows, cols, total]


# ---------------------------------------------------------------------------
# hand-built tables with known answers


def test_one_hidden_cell_is_pinned_and_exposed():
    total = pd.DataFrame({"n": [30], "mean": [4.0]})
    units = pd.DataFrame({"unit": ["A", "B", "C"], "n": [12, 15, None], "mean": [4.5, 3.6, None]})
    got = ka.audit_tables([total, units], scale=(1, 5))
    row = _row(got, unit="C")
    assert (row.count_low, row.count_high) == (3, 3)
    assert row.sum_low == pytest.approx(12) and row.sum_high == pytest.approx(12)
    assert row.exposed and "exactly 3 answers" in row.why


def test_one_hidden_cell_of_many_answers_is_exposed_by_its_sum():
    total = pd.DataFrame({"n": [40], "mean": [4.0]})
    units = pd.DataFrame({"unit": ["A", "B", "C"], "n": [12, 15, None], "mean": [4.5, 3.6, None]})
    row = _row(ka.audit_tables([total, units], scale=(1, 5)), unit="C")
    assert (row.count_low, row.count_high) == (13, 13)  # enough answers ...
    assert row.exposed and "sum pinned to 52" in row.why  # ... but their mean is recovered


def test_two_hidden_cells_with_fewer_than_min_n_together_are_exposed():
    total = pd.DataFrame({"n": [31]})
    units = pd.DataFrame({"unit": ["A", "B", "C", "D"], "n": [12, 15, None, None]})
    got = ka.audit_tables([total, units])
    for u in ("C", "D"):
        row = _row(got, unit=u)
        assert (row.count_low, row.count_high) == (0, 4)
        assert row.exposed and np.isnan(row.sum_low)


def test_two_hidden_cells_with_min_n_together_are_safe():
    total = pd.DataFrame({"n": [37], "mean": [4.0]})
    units = pd.DataFrame(
        {"unit": ["A", "B", "C", "D"], "n": [12, 15, None, None], "mean": [4.5, 3.6, None, None]}
    )
    got = ka.audit_tables([total, units], scale=(1, 5))
    assert not got["exposed"].any()
    row = _row(got, unit="C")
    assert (row.count_low, row.count_high, row.sum_low, row.sum_high) == (0, 10, 0, 40)


def test_a_chain_through_two_margins_pins_a_bridge_cell():
    # Two 2x2 blocks of hidden cells joined by one hidden cell (r1, c2). Every row and
    # every column with a hidden cell has at least two of them with >= 5 answers in all,
    # so the one-marginal rule is satisfied, yet rows r0, r1 minus columns c0, c1 give
    # the bridge exactly: the classic pattern a linear-programming audit exists for.
    values = np.array([[6, 7, 9, 8], [5, 6, 2, 9], [8, 9, 6, 7], [9, 8, 5, 6]])
    hidden = {(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 2), (2, 3), (3, 2), (3, 3)}
    tables = _grid(values, hidden)
    for i, j in hidden:  # the rule the per-table suppression checks
        row_hidden = [values[i, k] for k in range(4) if (i, k) in hidden]
        col_hidden = [values[k, j] for k in range(4) if (k, j) in hidden]
        assert len(row_hidden) >= 2 and sum(row_hidden) >= 5
        assert len(col_hidden) >= 2 and sum(col_hidden) >= 5
    got = ka.audit_tables(tables)
    bridge = _row(got, row="r1", col="c2")
    assert (bridge.count_low, bridge.count_high) == (2, 2) and bridge.exposed
    assert got["exposed"].sum() == 1
    assert _row(got, row="r0", col="c0").count_high >= 5


def test_all_hidden_answers_at_the_top_of_the_scale_are_exposed():
    # the hidden units' residual mean is 5.0 on a 1-5 scale: every answer is a 5
    total = pd.DataFrame({"n": [20], "mean": [4.5]})
    units = pd.DataFrame(
        {"unit": ["A", "B", "C"], "n": [10, None, None], "mean": [4.0, None, None]}
    )
    got = ka.audit_tables([total, units], scale=(1, 5))
    row = _row(got, unit="B")
    assert (row.count_low, row.count_high) == (0, 10)
    assert row.exposed and "highest of the scale" in row.why
    # the same counts with a mean inside the scale reveal nothing
    total = pd.DataFrame({"n": [20], "mean": [4.2]})
    assert not ka.audit_tables([total, units], scale=(1, 5))["exposed"].any()


def test_sums_pinned_by_the_means_of_two_margins():
    # 2 x 2 table, counts all shown, means hidden in one row and one column except
    # through the other margin: the sum of (r0, c0) follows from the means.
    counts = pd.DataFrame(
        {
            "row": ["r0", "r0", "r1", "r1"],
            "col": ["c0", "c1", "c0", "c1"],
            "n": [None, 6.0, 7.0, 8.0],
            "mean": [None, 3.0, 4.0, 2.0],
        }
    )
    rows = pd.DataFrame({"row": ["r0", "r1"], "n": [11, 15], "mean": [3.5, 44 / 15]})
    got = ka.audit_tables([counts, rows], scale=(1, 5))
    row = _row(got, row="r0", col="c0")
    assert (row.count_low, row.count_high) == (5, 5)
    assert row.sum_low == pytest.approx(38.5 - 18) and row.exposed


def test_shown_cells_below_min_n_are_reported():
    t = pd.DataFrame({"unit": ["A", "B"], "n": [3, 20]})
    got = ka.audit_tables(t)
    row = _row(got, unit="A")
    assert row.exposed and "shown with 3 answers" in row.why


def test_unbounded_cells_and_keys():
    # no total: a hidden unit can be arbitrarily large, so it is safe
    t = pd.DataFrame(
        {
            "question": ["q1", "q1", "q2", "q2"],
            "unit": ["A", "B", "A", "B"],
            "n": [None, 9, 4, None],
        }
    )
    total = pd.DataFrame({"question": ["q1"], "n": [10]})
    got = ka.audit_tables([t, total])
    q1 = _row(got, question="q1", unit="A")
    assert (q1.count_high, q1.exposed) == (1, True)  # q1: 10 - 9
    q2 = _row(got, question="q2", unit="B")
    assert q2.count_high == np.inf and not q2.exposed  # q2 has no total
    assert _row(got, question="q2", unit="A").exposed  # shown with 4


def test_bad_input():
    with pytest.raises(DataError, match="count column 'n'"):
        ka.audit_tables(pd.DataFrame({"unit": ["A"], "count": [3]}))
    with pytest.raises(DataError, match="whole number"):
        ka.audit_tables(pd.DataFrame({"unit": ["A"], "n": [2.5]}))
    with pytest.raises(ParameterError, match="scale"):
        ka.audit_tables(pd.DataFrame({"n": [5], "mean": [2.0]}), scale=(5, 1))
    with pytest.raises(ParameterError):
        ka.audit_tables([])
    with pytest.raises(DataError, match="different counts"):
        ka.audit_tables(
            [pd.DataFrame({"unit": ["A"], "n": [7]}), pd.DataFrame({"unit": ["A"], "n": [8]})]
        )
    contradiction = [
        pd.DataFrame({"n": [10], "mean": [4.0]}),
        pd.DataFrame({"unit": ["A", "B"], "n": [5, 5], "mean": [5.0, 5.0]}),
    ]
    with pytest.raises(DataError, match="contradict"):
        ka.audit_tables(contradiction, scale=(1, 5))


# ---------------------------------------------------------------------------
# the attacks of issue 9, rebuilt as tables


def test_order_dependent_patterns_combined_are_exposed():
    # the same period x unit table suppressed twice, once per argument order:
    # one pattern hides {A, B}, the other {A, C}; A has 1 answer.
    totals = pd.DataFrame({"period": ["p1"], "n": [36]})
    first = pd.DataFrame({"period": "p1", "unit": ["A", "B", "C", "D"], "n": [None, None, 15, 14]})
    second = pd.DataFrame({"period": "p1", "unit": ["A", "B", "C", "D"], "n": [None, 6, None, 14]})
    assert not ka.audit_tables([totals, first])["exposed"].any()  # each alone is safe
    assert not ka.audit_tables([totals, second])["exposed"].any()
    got = ka.audit_tables([totals, first, second])
    a = _row(got, period="p1", unit="A")
    assert (a.count_low, a.count_high) == (1, 1) and a.exposed


def test_a_later_period_changing_an_earlier_pattern_is_exposed():
    # report of 11/2023 alone, and the later report that shows 11/2023 again with a
    # different pattern (decided together with 5/2024): the union recovers unit A
    nov = pd.DataFrame({"period": "2023-11", "unit": ["A", "B", "C"], "n": [None, None, 30]})
    later = pd.DataFrame(
        {
            "period": ["2023-11"] * 3 + ["2024-05"] * 3,
            "unit": ["A", "B", "C"] * 2,
            "n": [None, 9, None, 12, 10, 25],
        }
    )
    totals = pd.DataFrame({"period": ["2023-11", "2024-05"], "n": [42, 47]})
    assert not ka.audit_tables([totals, nov])["exposed"].any()
    got = ka.audit_tables([totals, nov, later])
    a = _row(got, period="2023-11", unit="A")
    assert (a.count_low, a.count_high) == (3, 3) and a.exposed


def test_total_minus_groups_with_missing_background_values_is_exposed():
    total = pd.DataFrame({"period": ["p1"], "n": [22], "mean": [4.0]})
    gender = pd.DataFrame({"period": "p1", "gender": ["F", "M"], "n": [12, 8], "mean": [4.0, 4.0]})
    got = ka.audit_tables([total, gender], scale=(1, 5))
    row = _row(got, period="p1", gender=NO_VALUE)
    assert (row.count_low, row.count_high) == (2, 2) and row.exposed
    # listed explicitly as its own (hidden) group with its complement: safe
    gender = pd.DataFrame(
        {
            "period": "p1",
            "gender": ["F", "M", None],
            "n": [12, None, None],
            "mean": [4.0, None, None],
        }
    )
    got = ka.audit_tables([total, gender], scale=(1, 5))
    assert not got["exposed"].any()
    assert len(got) == 2


# ---------------------------------------------------------------------------
# brute force: enumerate every whole-number filling of the hidden cells


def _brute_force(values, hidden, show_cols):
    r, c = values.shape
    cells = sorted(hidden)
    limit = int(values.sum())
    rows_sum, cols_sum = values.sum(axis=1), values.sum(axis=0)
    fixed = values.copy()
    for i, j in cells:
        fixed[i, j] = 0
    grids = np.indices([limit + 1] * len(cells)).reshape(len(cells), -1).T
    ok = np.ones(len(grids), dtype=bool)
    for i in range(r):
        ok &= (
            fixed[i].sum() + sum(grids[:, k] for k, (a, _) in enumerate(cells) if a == i)
            == rows_sum[i]
        )
    if show_cols:
        for j in range(c):
            s = fixed[:, j].sum() + sum(grids[:, k] for k, (_, b) in enumerate(cells) if b == j)
            ok &= s == cols_sum[j]
    feasible = grids[ok]
    return {cell: (feasible[:, k].min(), feasible[:, k].max()) for k, cell in enumerate(cells)}


@settings(max_examples=40)
@given(
    st.integers(2, 3),
    st.integers(2, 3),
    st.lists(st.integers(0, 4), min_size=9, max_size=9),
    st.lists(st.booleans(), min_size=9, max_size=9),
    st.booleans(),
)
def test_audit_agrees_with_brute_force(r, c, vals, mask, show_cols):
    values = np.array(vals[: r * c]).reshape(r, c)
    hidden = {(i, j) for i in range(r) for j in range(c) if mask[i * c + j]}
    if not hidden or len(hidden) > 3:
        return
    tables = _grid(values, hidden)
    if not show_cols:
        tables = [tables[0], tables[1], tables[3]]
    got = ka.audit_tables(tables)
    expected = _brute_force(values, hidden, show_cols)
    for (i, j), (lo, hi) in expected.items():
        row = _row(got, row=f"r{i}", col=f"c{j}")
        assert (row.count_low, row.count_high) == (lo, hi)
        assert row.exposed == (0 < hi < 5)


# ---------------------------------------------------------------------------
# releases, the report run and the command line


def test_audit_release_on_the_demo_data_finds_nothing_exposed():
    pulse = ka.load_demo("pulse")
    got = ka.audit_release(pulse)
    assert not got["exposed"].any()
    assert {"period", "unit", "tenure", "question"} <= set(got.columns)
    hall = got[(got["unit"] == "Hallinto") & (got["question"] == "(responses)")]
    assert set(hall["period"]) == {"2022-10", "2023-05"}
    assert (hall["count_high"] >= 5).all()


def test_audit_release_checks_its_breakdowns():
    with pytest.raises(ParameterError, match="breakdowns"):
        ka.audit_release(ka.load_demo("pulse"), breakdowns=["nope"])


def _primary_only(monkeypatch):
    """Break the suppression decision: hide small groups but never their complements."""
    from kalliola_analysis import privacy

    def primary(groups, key, n, min_n, *, skip=None):
        n = np.asarray(n)
        skip = np.zeros(len(n), bool) if skip is None else np.asarray(skip, bool)
        hide = (n < min_n) & ~skip
        return np.where(hide, privacy.FEWER_THAN.format(min_n=min_n), "").astype(object)

    monkeypatch.setattr(privacy, "_hidden_cells", primary)


def test_a_broken_decision_is_caught(monkeypatch):
    _primary_only(monkeypatch)
    got = ka.audit_release(ka.load_demo("pulse"), breakdowns=["unit"])
    hall = _row(got, period="2022-10", unit="Hallinto", question="(responses)")
    assert (hall.count_low, hall.count_high) == (4, 4) and hall.exposed
    with pytest.raises(DisclosureError, match="Hallinto") as err:
        check_release(ka.demo_path("pulse"), breakdowns=["unit"])
    assert err.value.period == "2022-10" and isinstance(err.value, KalliolaError)


def test_run_all_stops_before_writing_anything(monkeypatch, tmp_path):
    from kalliola_analysis.reports import batch

    _primary_only(monkeypatch)
    out = tmp_path / "out"
    with pytest.raises(DisclosureError, match="nothing was written"):
        batch.run_all(ka.demo_path("pulse"), out=out, jobs=1, progress=False)
    assert not out.exists()


def test_cli_audits_a_data_set(capsys):
    assert main(["audit", str(ka.demo_path("pulse")), "--by", "unit"]) == 0
    assert "0 exposed" in capsys.readouterr().out


def test_cli_audits_tables(tmp_path, capsys):
    a, b = tmp_path / "total.csv", tmp_path / "units.csv"
    pd.DataFrame({"n": [30], "mean": [4.0]}).to_csv(a, index=False)
    pd.DataFrame({"unit": ["A", "B", "C"], "n": [12, 15, None], "mean": [4.5, 3.6, None]}).to_csv(
        b, index=False
    )
    assert main(["audit", "--tables", str(a), str(b), "--scale", "1", "5"]) == 1
    out = capsys.readouterr().out
    assert "1 exposed" in out and "exactly 3 answers" in out
    pd.DataFrame(
        {"unit": ["A", "B", "C", "D"], "n": [12, 15, None, None], "mean": [4.5, 3.6, None, None]}
    ).to_csv(b, index=False)
    pd.DataFrame({"n": [37], "mean": [4.0]}).to_csv(a, index=False)
    assert main(["audit", "--tables", str(a), str(b), "--min-n", "5"]) == 0


def test_cli_bad_input(tmp_path, capsys):
    assert main(["audit"]) == 2
    assert main(["audit", "--tables", str(tmp_path / "none.csv")]) == 2
    assert main(["audit", str(ka.demo_path("pulse")), "--min-n", "0"]) == 2
    assert "bad input" in capsys.readouterr().err


def test_pickles_with_its_fields():
    import pickle

    err = DisclosureError("x", dataset="d", period="2023-11", group="unit=A", question="q1")
    back = pickle.loads(pickle.dumps(err))
    assert (back.dataset, back.period, back.group, back.question) == (
        "d",
        "2023-11",
        "unit=A",
        "q1",
    )
    with pytest.raises(ParameterError):
        ka.audit_tables([pd.DataFrame({"n": [1]}), "x"])
