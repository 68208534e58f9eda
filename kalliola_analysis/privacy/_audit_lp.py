"""The linear programs behind :func:`kalliola_analysis.audit_tables` (private).

One *component* is a set of atoms (the finest groups an attacker can tell
apart) and the published cells over them that share no atom with any other
component, so its bounds are one independent problem. Within it:

* Atoms that lie in exactly the same shown cells form a *class*: the shown
  figures only see a class's total, so mass moves freely inside a class. The
  largest count of a cell is then the largest total of the classes that touch
  it, the smallest the total of the classes inside it: one LP over classes.
* Counts and sums decouple. With answers between ``lo`` and ``hi``
  (``w = hi - lo``), write each atom's answers as ``t = sum - lo * count >= 0``
  and ``u = hi * count - sum >= 0``; then ``count = (t + u) / w`` and
  ``sum = (hi * t + lo * u) / w``, every ``t, u >= 0`` is a valid atom, and a
  shown cell fixes ``sum t = S - lo n`` and ``sum u = hi n - S`` separately. So
  the joint count-and-sum problem is two independent count-like problems
  ``{y >= 0 : A y = b}`` with the same matrix ``A`` (the shown cells over the
  classes), and each bound of a cell's count or sum combines their optima.
* An LP is skipped when its answer is implied: a *certificate* (a dual
  feasible vector, e.g. "the parent's total minus the shown siblings") bounds
  the optimum, and a *witness* (a feasible point: the true data when known,
  or an earlier LP's solution) attains it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import linprog, milp

TOL = 1e-7


class Infeasible(Exception):
    """The shown figures of a component contradict each other."""


@dataclass
class Component:
    """One independent problem.

    ``shown`` holds the shown cells' incidence over the atoms (rows = cells),
    ``audited`` the audited (hidden or unpublished) cells'. ``n`` and ``s`` are
    the shown counts and sums (``s`` NaN when unknown), ``scale`` the answer
    bounds or None, ``truth`` optional true per-atom ``(count, t, u)`` arrays.
    ``parents`` lists, per audited cell, candidate certificates: pairs of a
    shown row ``P`` and the shown rows ``Q`` to subtract from it.
    """

    shown: sparse.csr_matrix
    audited: sparse.csr_matrix
    n: np.ndarray
    s: np.ndarray
    scale: tuple[float, float] | None
    truth: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    parents: list[list[tuple[int, list[int]]]] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    solvers: dict | None = None
    decide: int | None = None  # min_n: only prove cells safe, exact bounds for the rest

    def check(self) -> None:
        """Raise :class:`Infeasible` when no data fit the shown figures."""
        m = self.shown.shape[1]
        A = self.shown
        n = np.asarray(self.n, dtype=float)
        if self.scale is not None and (np.isfinite(self.s) | (n == 0)).all():
            a, z = self.scale
            s = np.where(n == 0, 0.0, self.s)
            A = sparse.bmat([[A, None], [None, A]]).tocsr()
            b = np.r_[s - a * n, z * n - s]
        else:
            b = n
        if A.shape[0] and m:
            _lp(np.zeros(A.shape[1]), A, b, integer=False)
        elif (n > 0).any():
            raise Infeasible


def _classes(shown: sparse.csr_matrix) -> tuple[np.ndarray, int]:
    """Class id of every atom: atoms in the same shown cells share a class."""
    if shown.shape[1] == 0:
        return np.zeros(0, dtype=np.int64), 0
    dense = np.packbits(shown.T.toarray() > 0, axis=1)
    _, inverse = np.unique(dense, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    return inverse.astype(np.int64), int(inverse.max()) + 1


def _lp(obj: np.ndarray, A, b: np.ndarray, *, integer: bool) -> tuple[float, np.ndarray | None]:
    """Maximise ``obj @ y`` over ``{y >= 0 : A y = b}``; ``inf`` when unbounded."""
    res = linprog(-obj, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
    if res.status == 3:
        return np.inf, None
    if res.status == 2:
        raise Infeasible
    if res.status != 0:  # pragma: no cover - numerical trouble in HiGHS
        raise RuntimeError(f"linprog failed: {res.message}")
    y = res.x
    if integer and np.abs(y - np.round(y)).max(initial=0) > 1e-6:
        # A fractional vertex: the LP bound may not be reachable by whole counts.
        from scipy.optimize import Bounds, LinearConstraint

        m = milp(
            -obj,
            constraints=LinearConstraint(A, b, b),
            integrality=np.ones(len(obj)),
            bounds=Bounds(0, np.inf),
        )
        if m.status == 2:
            raise Infeasible
        return float(-m.fun), np.round(m.x)
    return float(-res.fun), y


def _highs_core():
    """SciPy's bundled HiGHS bindings (the solver behind ``linprog``), or None."""
    try:
        from scipy.optimize._highspy import _core
    except ImportError:  # pragma: no cover - SciPy < 1.15
        return None
    return _core if hasattr(_core, "_Highs") else None


class _WarmLP:
    """One HiGHS model per constraint matrix, re-solved from its last basis.

    ``linprog`` builds and solves a new model per call; the audit solves many
    LPs that differ only in the objective (another cell) or the right-hand
    side (another question of the same period), so keeping the model and its
    optimal basis makes most re-solves a few simplex pivots. The same HiGHS
    that ``linprog(method="highs")`` runs.
    """

    def __init__(self, core, A: sparse.csr_matrix):
        self.core = core
        csc = A.tocsc()
        k, m = csc.shape
        lp = core.HighsLp()
        lp.num_col_, lp.num_row_ = m, k
        lp.col_cost_ = np.zeros(m)
        lp.col_lower_ = np.zeros(m)
        lp.col_upper_ = np.full(m, core.kHighsInf)
        lp.row_lower_ = np.zeros(k)
        lp.row_upper_ = np.zeros(k)
        lp.a_matrix_.format_ = core.MatrixFormat.kColwise
        lp.a_matrix_.start_ = csc.indptr.astype(np.int32)
        lp.a_matrix_.index_ = csc.indices.astype(np.int32)
        lp.a_matrix_.value_ = csc.data.astype(float)
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = m, k
        self.h = core._Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.passModel(lp)
        self.cols = np.arange(m, dtype=np.int32)
        self.b = np.zeros(k)
        self.bases: dict = {}

    def maximise(
        self, obj: np.ndarray, b: np.ndarray, tag=None
    ) -> tuple[float, np.ndarray | None] | None:
        """As :func:`_lp`; None when HiGHS cannot tell unbounded from infeasible.

        ``tag`` names the objective: its last optimal basis (e.g. for the same
        cell of another question) is where the solve starts.
        """
        for i in np.flatnonzero(b != self.b):
            self.h.changeRowBounds(int(i), float(b[i]), float(b[i]))
        self.b = b.copy()
        self.h.changeColsCost(len(obj), self.cols, -np.asarray(obj, dtype=float))
        if tag in self.bases:
            self.h.setBasis(self.bases[tag])
        self.h.run()
        status = self.h.getModelStatus()
        st = self.core.HighsModelStatus
        if status == st.kOptimal:
            if tag is not None:
                self.bases[tag] = self.h.getBasis()
            y = np.asarray(self.h.getSolution().col_value, dtype=float)
            return -float(self.h.getInfo().objective_function_value), y
        if status == st.kUnbounded:
            return np.inf, None
        if status == st.kInfeasible:
            raise Infeasible
        return None


class _CountLike:
    """Bounds of many linear objectives over ``{y >= 0 : A y = b}`` with skipping."""

    def __init__(self, A, b, witnesses: list[np.ndarray], integer: bool, stats: dict, warm=None):
        self.A, self.b, self.integer, self.stats = A, b, integer, stats
        self.AT = A.T.tocsr()
        self.W = [w for w in witnesses if w is not None]
        self.warm = warm

    def check(self) -> None:
        """Raise :class:`Infeasible` when no point satisfies the shown figures."""
        if not self.W:
            _, y = _lp(np.zeros(self.A.shape[1]), self.A, self.b, integer=False)
            if y is not None:
                self.W.append(y)

    def maximise(self, obj: np.ndarray, bound: float, tag=None) -> float:
        """Largest ``obj @ y``; ``bound`` is a certified upper bound (or inf)."""
        best = max((float(obj @ w) for w in self.W), default=-np.inf)
        if best >= bound - TOL * max(1.0, abs(bound)):
            self.stats["skipped"] = self.stats.get("skipped", 0) + 1
            return bound
        self.stats["lp"] = self.stats.get("lp", 0) + 1
        got = self.warm.maximise(obj, self.b, tag) if self.warm is not None else None
        if got is not None and self.integer and got[1] is not None:
            if np.abs(got[1] - np.round(got[1])).max(initial=0) > 1e-6:
                got = None  # a fractional vertex: let _lp decide with milp
        value, y = got if got is not None else _lp(obj, self.A, self.b, integer=self.integer)
        if y is not None and (not self.integer or np.allclose(y, np.round(y))):
            self.W.append(y)
        return value

    def certificate(self, y: np.ndarray, obj: np.ndarray, sense: int) -> float | None:
        """``y @ b`` when ``y`` is dual feasible for the max (sense 1) / min (-1) of ``obj``."""
        reduced = self.AT @ y - obj
        if (sense * reduced >= -1e-9).all():
            return float(y @ self.b)
        return None


def _bounds_of(
    problem: _CountLike,
    inter: np.ndarray,
    inside: np.ndarray,
    cands: list[list[tuple[int, list[int]]]],
) -> tuple[np.ndarray, np.ndarray]:
    """Max of ``inter[c] @ y`` and min of ``inside[c] @ y`` for every audited cell ``c``."""
    k, m = problem.A.shape
    hi = np.empty(len(inter))
    lo = np.empty(len(inter))
    for c in range(len(inter)):
        ub, lb = np.inf, 0.0
        for p, qs in cands[c]:
            y = np.zeros(k)
            y[p] = 1.0
            y[qs] = -1.0
            v = problem.certificate(y, inter[c], 1)
            if v is not None:
                ub = min(ub, v)
            v = problem.certificate(y, inside[c], -1)
            if v is not None:
                lb = max(lb, v)
        hi[c] = problem.maximise(inter[c], ub, ("max", c))
        lo[c] = -problem.maximise(-inside[c], -lb, ("min", c))
    return lo, hi


def solve(comp: Component) -> dict[str, np.ndarray]:
    """Count and sum intervals of every audited cell of a component.

    Returns arrays ``count_low``, ``count_high``, ``sum_low``, ``sum_high``
    (NaN sums when the component has no sums) and ``proven`` (decision mode:
    shown safe without exact bounds, which are then NaN). Raises
    :class:`Infeasible`.
    """
    cls, n_cls = _classes(comp.shown)
    P = sparse.csr_matrix((np.ones(len(cls)), (np.arange(len(cls)), cls)), shape=(len(cls), n_cls))
    A = (comp.shown @ P).tocsr()
    A.data[:] = 1.0
    A.eliminate_zeros()
    size = np.asarray(P.sum(axis=0)).ravel()
    touched = (comp.audited @ P).toarray()
    inter = (touched > 0).astype(float)
    inside = (np.abs(touched - size[None, :]) < 0.5).astype(float)
    cands = comp.parents or [[] for _ in range(comp.audited.shape[0])]

    def agg(v):
        return None if v is None else np.asarray(P.T @ v, dtype=float)

    def warm(which: str):
        core = _highs_core()
        if core is None or comp.solvers is None:
            return None
        key = (which, A.shape, A.indptr.tobytes(), A.indices.tobytes())
        if key not in comp.solvers:
            comp.solvers[key] = _WarmLP(core, A)
        return comp.solvers[key]

    n = np.asarray(comp.n, dtype=float)
    s = np.asarray(comp.s, dtype=float)
    k = len(inter)
    out: dict[str, np.ndarray] = {
        name: np.full(k, np.nan) for name in ("count_low", "count_high", "sum_low", "sum_high")
    }
    out["proven"] = np.zeros(k, dtype=bool)
    truth = comp.truth or (None, None, None)
    has_sums = comp.scale is not None and (np.isfinite(s) | (n == 0)).all()
    if not has_sums:
        prob = _CountLike(A, n, [agg(truth[0])], True, comp.stats, warm("x"))
        prob.check()
        todo = np.arange(k)
        if comp.decide is not None:
            todo = _prove(comp.decide, [prob], inter, inside, cands, 1.0, ())
        out["proven"][:] = True
        out["proven"][todo] = False
        lo, hi = _bounds_of(prob, inter[todo], inside[todo], [cands[c] for c in todo])
        out["count_low"][todo], out["count_high"][todo] = lo, hi
        return out
    a, z = comp.scale
    w = z - a
    s = np.where(n == 0, 0.0, s)
    pt = _CountLike(A, s - a * n, [agg(truth[1])], False, comp.stats, warm("t"))
    pu = _CountLike(A, z * n - s, [agg(truth[2])], False, comp.stats, warm("u"))
    pt.check()
    pu.check()
    todo = np.arange(k)
    if comp.decide is not None:
        todo = _prove(comp.decide, [pt, pu], inter, inside, cands, w, (z, a))
    out["proven"][:] = True
    out["proven"][todo] = False
    sub = [cands[c] for c in todo]
    t_lo, t_hi = _bounds_of(pt, inter[todo], inside[todo], sub)
    u_lo, u_hi = _bounds_of(pu, inter[todo], inside[todo], sub)
    out["count_low"][todo] = (t_lo + u_lo) / w
    out["count_high"][todo] = (t_hi + u_hi) / w
    out["sum_high"][todo] = (_times(z, t_hi, t_lo) + _times(a, u_hi, u_lo)) / w
    out["sum_low"][todo] = (_times(z, t_lo, t_hi) + _times(a, u_lo, u_hi)) / w
    return out


def _prove(min_n, probs, inter, inside, cands, w, factors) -> np.ndarray:
    """Cells not yet proven safe from known solutions (decision mode); solves a few LPs.

    A cell is safe when some solution gives it at least ``min_n`` answers and
    its sum takes two different values over the known solutions. Known
    solutions of the ``t`` and ``u`` problems combine freely (they are
    independent), and within a class the mass may sit inside the cell or not.
    """

    def ranges():
        highs = [np.max(np.array(p.W) @ inter.T, axis=0) for p in probs]
        lows = [np.min(np.array(p.W) @ inside.T, axis=0) for p in probs]
        count_ok = sum(highs) / w >= min_n - 1e-9
        if not factors:  # counts only: nothing else to show
            return count_ok, count_ok
        varies = np.zeros(len(inter), dtype=bool)
        for f, high, low in zip(factors, highs, lows, strict=True):
            if f != 0:
                varies |= high > low + 1e-9
        return count_ok & varies, count_ok

    safe, count_ok = ranges()
    for c in np.flatnonzero(~safe):
        for p in probs:  # the largest count of c is also a second value of its sum
            if safe[c]:
                break
            p.maximise(inter[c], np.inf, ("max", c))
            safe, count_ok = ranges()
    return np.flatnonzero(~safe)


def _times(factor: float, if_positive: np.ndarray, if_negative: np.ndarray) -> np.ndarray:
    """``factor * if_positive`` (``if_negative`` when the factor is negative); 0 for 0."""
    if factor == 0:
        return np.zeros(len(if_positive))
    return factor * (if_positive if factor > 0 else if_negative)
