"""The interval audit of published tables (audit_tables): hand-built tables with known answers,
the issue-9 attacks, brute force. The audit of a survey's release: tests/survey/test_release_audit.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.cli import main
from kalliola_analysis.errors import DataError, DisclosureError, ParameterError
from kalliola_analysis.privacy.audit import NO_VALUE


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


def test_attribute_disclosure_is_not_covered():
    # The hidden units' residual mean is 5.0 on a 1-5 scale, so every hidden answer
    # is a 5: attribute disclosure, which the interval audit does not flag (documented).
    total = pd.DataFrame({"n": [20], "mean": [4.5]})
    units = pd.DataFrame(
        {"unit": ["A", "B", "C"], "n": [10, None, None], "mean": [4.0, None, None]}
    )
    row = _row(ka.audit_tables([total, units], scale=(1, 5)), unit="B")
    assert (row.count_low, row.count_high, row.sum_low, row.sum_high) == (0, 10, 0, 50)
    assert not row.exposed


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
# the command line


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


def _naive_joint_bounds(values, answers_sum, hidden, scale):
    """Min/max count and sum of each hidden cell by one direct LP over (count, sum) per cell."""
    from scipy.optimize import linprog

    r, c = values.shape
    lo, hi = scale
    m = r * c  # variables: x (counts) then s (sums), one per interior cell (the atoms)
    eq, rhs = [], []

    def add(cells, n, s):
        row = np.zeros(2 * m)
        row[cells] = 1
        eq.append(row.copy())
        rhs.append(n)
        row[:] = 0
        row[[m + k for k in cells]] = 1
        eq.append(row)
        rhs.append(s)

    for i in range(r):
        for j in range(c):
            if (i, j) not in hidden:
                add([i * c + j], values[i, j], answers_sum[i, j])
        add([i * c + j for j in range(c)], values[i].sum(), answers_sum[i].sum())
    for j in range(c):
        add([i * c + j for i in range(r)], values[:, j].sum(), answers_sum[:, j].sum())
    ub = np.zeros((2 * m, 2 * m))
    for k in range(m):
        ub[2 * k, k], ub[2 * k, m + k] = lo, -1  # lo * x - s <= 0
        ub[2 * k + 1, k], ub[2 * k + 1, m + k] = -hi, 1  # s - hi * x <= 0
    bounds = [(0, None)] * m + [(None, None)] * m
    out = {}
    for i, j in hidden:
        got = []
        for var in (i * c + j, m + i * c + j):
            obj = np.zeros(2 * m)
            obj[var] = 1
            low = linprog(obj, A_ub=ub, b_ub=np.zeros(2 * m), A_eq=eq, b_eq=rhs, bounds=bounds)
            high = linprog(-obj, A_ub=ub, b_ub=np.zeros(2 * m), A_eq=eq, b_eq=rhs, bounds=bounds)
            got += [low.fun, -high.fun]
        out[(i, j)] = got
    return out


@settings(max_examples=30)
@given(
    st.integers(2, 3),
    st.integers(2, 4),
    st.lists(st.integers(0, 6), min_size=12, max_size=12),
    st.lists(st.booleans(), min_size=12, max_size=12),
    st.integers(0, 2**32 - 1),
)
def test_counts_and_sums_agree_with_a_direct_lp(r, c, vals, mask, seed):
    # the decoupled (t, u) problems over classes, with skipped LPs, against one plain LP
    rng = np.random.default_rng(seed)
    values = np.array(vals[: r * c]).reshape(r, c)
    sums = np.array([[rng.integers(1, 6, v).sum() for v in row] for row in values], dtype=float)
    hidden = {(i, j) for i in range(r) for j in range(c) if mask[i * c + j]}
    if not hidden:
        return
    cells = pd.DataFrame(
        [
            {
                "row": f"r{i}",
                "col": f"c{j}",
                "n": np.nan if (i, j) in hidden else values[i, j],
                "mean": np.nan
                if (i, j) in hidden or not values[i, j]
                else sums[i, j] / values[i, j],
            }
            for i in range(r)
            for j in range(c)
        ]
    )
    with np.errstate(invalid="ignore"):
        rows = pd.DataFrame(
            {
                "row": [f"r{i}" for i in range(r)],
                "n": values.sum(axis=1),
                "mean": sums.sum(axis=1) / values.sum(axis=1),
            }
        )
        cols = pd.DataFrame(
            {
                "col": [f"c{j}" for j in range(c)],
                "n": values.sum(axis=0),
                "mean": sums.sum(axis=0) / values.sum(axis=0),
            }
        )
    got = ka.audit_tables([cells, rows, cols], scale=(1, 5))
    expected = _naive_joint_bounds(values, sums, hidden, (1, 5))
    for (i, j), (c_lo, c_hi, s_lo, s_hi) in expected.items():
        row = _row(got, row=f"r{i}", col=f"c{j}")
        assert row.count_low == np.ceil(c_lo - 1e-6) and row.count_high == np.floor(c_hi + 1e-6)
        assert row.sum_low == pytest.approx(s_lo, abs=1e-6)
        assert row.sum_high == pytest.approx(s_hi, abs=1e-6)


def test_whole_counts_where_the_lp_relaxation_is_not_enough():
    # A sparse three-way table published only through its three one-way margins
    # (found by random search): the LP relaxation lets group b0 reach 8 answers at a
    # fractional vertex, whole counts only 7. The audit re-solves such vertices with
    # scipy.optimize.milp, which is why milp is used at all.
    from scipy.optimize import linprog

    atoms = pd.DataFrame(
        [(0, 0, 2), (0, 1, 0), (0, 2, 2), (1, 0, 2), (1, 2, 0), (1, 2, 1), (2, 0, 0), (2, 1, 2)],
        columns=["a", "b", "c"],
    ).map(lambda v: f"v{v}")
    count = np.array([2, 2, 2, 1, 1, 2, 2, 1])
    tables = []
    for d in "abc":
        t = pd.DataFrame({d: atoms[d], "n": count}).groupby(d, as_index=False)["n"].sum()
        tables.append(t.astype({"n": float}))
    tables[1].loc[tables[1]["b"].isin(["v0", "v2"]), "n"] = np.nan
    got = ka.audit_tables(tables, atoms=atoms)
    b0 = _row(got, b="v0")
    assert (b0.count_low, b0.count_high) == (3, 7)  # enumerating every whole filling: 3..7
    # the plain LP relaxation says 8
    A = np.array([[(atoms[d] == v).to_numpy(float) for v in ["v0", "v1", "v2"]] for d in "ac"])
    A = np.vstack([A.reshape(-1, 8), (atoms["b"] == "v1").to_numpy(float)])
    b = A @ count
    relaxed = linprog(-(atoms["b"] == "v0").to_numpy(float), A_eq=A, b_eq=b, bounds=(0, None))
    assert -relaxed.fun == pytest.approx(8)
